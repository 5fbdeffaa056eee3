// ari_replay: a loopback stand-in for Asterisk's ARI, for testing Stasis applications. It
// serves a recorded JSONL capture on /ari/events, checking the handshake as Asterisk does
// (path /ari/events, an app, api_key=USER:PASS, 401 when the key is wrong), one text frame per
// line. A capture can also be a script of a whole conversation: besides frames, a line may be
//
//   {"expect":{"method":"POST","uri":"channels/c1/play","query":[["media","sound:x"]],
//              "body":{...}},"respond":{"status":201,"reason":"Created","body":{...}}}
//       wait for the application's next request, check that it is exactly this one (method,
//       path below /ari/, query parameters in order, JSON body), and answer it;
//   {"drop":true}
//       drop the connection without a close frame; the script goes on on the next one.
//
// Requests are expected as RESTRequest messages on the WebSocket (--requests websocket, the
// default) or as HTTP requests on the same port with Basic authorization (--requests http).
// It prints "listening on 127.0.0.1:PORT" first (--port 0, the default, picks a free port), a
// line per request, and exits 1 when a request was not the expected one.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <ari/ari.hpp>

#include "web_support.hpp"

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using json = nlohmann::json;

namespace {

constexpr const char* usage = R"(usage: ari_replay --capture FILE [options]

  --capture FILE     JSONL capture or script, one frame or step per line, in order (required)
  --port N           loopback port to listen on (default 0: any free port)
  --api-key K        the USER:PASS a client must give (default asterisk:asterisk)
  --requests WHERE   where the script's requests arrive: websocket (RESTRequest, default) or
                     http (separate HTTP requests on the same port)
  --delay-ms N       pause between frames (default 0)
  --drop-after N     close the first connection abruptly after N frames (default: never)
  --connections N    exit after serving N WebSocket connections (default 1)
  --stall            accept TCP connections and never answer (to test client timeouts)
  --help             this text
)";

struct options {
  std::string capture;
  unsigned short port = 0;
  std::string api_key = "asterisk:asterisk";
  bool http_requests = false;
  std::chrono::milliseconds delay{0};
  long drop_after = -1;
  long connections = 1;
  bool stall = false;
};

options parse_options(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "ari_replay: " << arg << " needs a value\n" << usage;
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--help") {
      std::cout << usage;
      std::exit(0);
    } else if (arg == "--capture") {
      o.capture = value();
    } else if (arg == "--port") {
      o.port = static_cast<unsigned short>(std::stoul(value()));
    } else if (arg == "--api-key") {
      o.api_key = value();
    } else if (arg == "--requests") {
      const std::string where = value();
      if (where != "websocket" && where != "http") {
        std::cerr << "ari_replay: --requests takes websocket or http, not " << where << '\n';
        std::exit(2);
      }
      o.http_requests = where == "http";
    } else if (arg == "--delay-ms") {
      o.delay = std::chrono::milliseconds{std::stol(value())};
    } else if (arg == "--drop-after") {
      o.drop_after = std::stol(value());
    } else if (arg == "--connections") {
      o.connections = std::stol(value());
    } else if (arg == "--stall") {
      o.stall = true;
    } else {
      std::cerr << "ari_replay: unknown option " << arg << '\n' << usage;
      std::exit(2);
    }
  }
  if (o.capture.empty() && !o.stall) {
    std::cerr << usage;
    std::exit(2);
  }
  return o;
}

using query_list = std::vector<std::pair<std::string, std::string>>;

// The query of `target` as decoded name/value pairs, in order.
query_list query_of(std::string_view target) {
  query_list pairs;
  const auto question = target.find('?');
  if (question == std::string_view::npos) return pairs;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto equals = pair.find('=');
    pairs.emplace_back(
        web::url_decode(pair.substr(0, equals)),
        equals == std::string_view::npos ? "" : web::url_decode(pair.substr(equals + 1)));
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  return pairs;
}

std::optional<std::string> query_value(std::string_view target, std::string_view name) {
  for (auto& [key, value] : query_of(target)) {
    if (key == name) return value;
  }
  return std::nullopt;
}

void refuse(tcp::socket& socket, const http::request<http::string_body>& request,
            http::status status, const std::string& why) {
  http::response<http::string_body> response{status, request.version()};
  response.set(http::field::content_type, "application/json");
  if (status == http::status::unauthorized) {
    response.set(http::field::www_authenticate, "Basic realm=\"Asterisk REST Interface\"");
  }
  response.body() = "{\"message\":\"" + why + "\"}";
  response.prepare_payload();
  beast::error_code ignored;
  http::write(socket, response, ignored);
  std::cout << "refused " << request.target() << ": " << response.result_int() << ' ' << why
            << std::endl;
}

// A request as the application sent it, whichever way it came.
struct received_request {
  std::string method;
  std::string uri;  // below /ari/, as sent (percent-encoded)
  query_list query;
  std::optional<json> body;  // parsed; nullopt when there was none
  std::string problem;       // what made it unreadable, if anything

  std::string describe() const {
    std::string text = method + " " + uri;
    for (std::size_t i = 0; i < query.size(); ++i) {
      text += (i == 0 ? "?" : "&") + query[i].first + "=" + query[i].second;
    }
    if (body) text += " " + body->dump();
    return text;
  }
};

received_request expected_request(const json& expect) {
  received_request request;
  request.method = expect.at("method").get<std::string>();
  request.uri = expect.at("uri").get<std::string>();
  if (expect.contains("query")) {
    for (const auto& pair : expect.at("query")) {
      request.query.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
    }
  }
  if (expect.contains("body")) request.body = expect.at("body");
  return request;
}

std::optional<json> body_of(const std::string& text, const std::string& content_type,
                            std::string& problem) {
  if (text.empty()) return std::nullopt;
  if (content_type != "application/json") problem = "a body of type '" + content_type + "'";
  auto parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) {
    problem = "a body that is not JSON";
    return std::nullopt;
  }
  return parsed;
}

// One scripted step: a request to wait for and the response to give.
struct exchange {
  received_request expected;
  int status;
  std::string reason;
  std::optional<json> body;
};

class replay {
 public:
  explicit replay(options o) : o_(std::move(o)), acceptor_(io_) {}

  int run() {
    if (!load()) return 2;
    acceptor_ = tcp::acceptor(io_, {net::ip::make_address("127.0.0.1"), o_.port});
    std::cout << "listening on 127.0.0.1:" << acceptor_.local_endpoint().port() << std::endl;
    if (o_.stall) return stall();
    for (long served = 0; served < o_.connections;) {
      auto ws = accept_websocket();
      if (!ws) continue;
      ++served;
      std::cout << "connection " << served << ": serving from line " << next_ + 1 << std::endl;
      serve(*ws, served);
    }
    if (requests_ > 0 || next_ < steps_.size()) {
      std::cout << "conversation: " << matched_ << " of " << requests_ << " requests as expected"
                << (next_ < steps_.size() ? ", script not finished" : "") << std::endl;
    }
    return matched_ == requests_ && next_ == steps_.size() ? 0 : 1;
  }

 private:
  bool load() {
    if (o_.stall) return true;
    std::ifstream in(o_.capture);
    if (!in) {
      std::cerr << "ari_replay: cannot read " << o_.capture << '\n';
      return false;
    }
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) steps_.push_back(line);
    }
    return true;
  }

  int stall() {
    std::vector<tcp::socket> held;
    for (;;) {
      held.emplace_back(io_);
      acceptor_.accept(held.back());
      std::cout << "holding connection " << held.size() << " without a word" << std::endl;
    }
  }

  // The next connection that passes Asterisk's checks, upgraded; nothing for one refused.
  // The next connection's HTTP request; false when none could be read.
  bool accept_request(tcp::socket& socket, http::request<http::string_body>& request,
                      beast::error_code& error) {
    acceptor_.accept(socket);
    beast::flat_buffer buffer;
    http::read(socket, buffer, request, error);
    return !error;
  }

  std::optional<websocket::stream<tcp::socket>> accept_websocket() {
    tcp::socket socket(io_);
    http::request<http::string_body> request;
    beast::error_code error;
    if (!accept_request(socket, request, error)) return std::nullopt;
    const std::string target(request.target());
    if (target.substr(0, target.find('?')) != "/ari/events") {
      refuse(socket, request, http::status::not_found, "Resource not found");
      return std::nullopt;
    }
    if (query_value(target, "api_key") != o_.api_key) {
      refuse(socket, request, http::status::unauthorized, "Authentication required");
      return std::nullopt;
    }
    application_ = query_value(target, "app").value_or("");
    if (application_.empty()) {
      refuse(socket, request, http::status::bad_request, "app parameter is required");
      return std::nullopt;
    }
    if (!websocket::is_upgrade(request)) {
      refuse(socket, request, http::status::upgrade_required, "WebSocket upgrade required");
      return std::nullopt;
    }
    websocket::stream<tcp::socket> ws(std::move(socket));
    ws.accept(request, error);
    if (error) return std::nullopt;
    return ws;
  }

  void serve(websocket::stream<tcp::socket>& ws, long connection) {
    long sent = 0;
    beast::error_code error;
    while (next_ < steps_.size() && !error) {
      const std::string& step = steps_[next_];
      if (step.rfind("{\"drop\":", 0) == 0 || (connection == 1 && sent == o_.drop_after)) {
        if (step.rfind("{\"drop\":", 0) == 0) ++next_;
        ws.next_layer().close(error);  // no close frame: the client sees the socket drop
        std::cout << "connection " << connection << ": dropped after " << sent << " frames"
                  << std::endl;
        return;
      }
      ++next_;
      if (step.rfind("{\"expect\":", 0) == 0) {
        answer(ws, json::parse(step));
        continue;
      }
      ws.text(true);
      ws.write(net::buffer(step), error);
      if (!error) ++sent;
      if (o_.delay.count() > 0) std::this_thread::sleep_for(o_.delay);
    }
    if (!error) {
      std::cout << "connection " << connection << ": sent " << sent << " frames, all done"
                << std::endl;
      // Keep the socket open, as Asterisk does, until the client goes away.
      beast::flat_buffer ignored;
      ws.read(ignored, error);
    }
  }

  void answer(websocket::stream<tcp::socket>& ws, const json& step) {
    exchange scripted{expected_request(step.at("expect")),
                      step.at("respond").at("status").get<int>(),
                      step.at("respond").value("reason", ""), std::nullopt};
    if (step.at("respond").contains("body")) scripted.body = step.at("respond").at("body");
    ++requests_;
    if (o_.http_requests) {
      answer_http(scripted);
    } else {
      answer_websocket(ws, scripted);
    }
  }

  void check(const received_request& got, const exchange& scripted) {
    const bool same = got.problem.empty() && got.method == scripted.expected.method &&
                      got.uri == scripted.expected.uri && got.query == scripted.expected.query &&
                      got.body == scripted.expected.body;
    std::cout << "request " << requests_ << ": " << got.describe();
    if (same) {
      ++matched_;
      std::cout << " as expected; answered " << scripted.status << std::endl;
    } else {
      std::cout << (got.problem.empty() ? "" : " with " + got.problem)
                << " NOT AS EXPECTED: " << scripted.expected.describe() << "; answered "
                << scripted.status << std::endl;
    }
  }

  void answer_websocket(websocket::stream<tcp::socket>& ws, const exchange& scripted) {
    beast::flat_buffer buffer;
    beast::error_code error;
    ws.read(buffer, error);
    if (error) {
      std::cout << "request " << requests_ << ": none, " << error.message() << std::endl;
      return;
    }
    received_request got;
    ari::RESTRequest message;
    try {
      message = json::parse(beast::buffers_to_string(buffer.data())).get<ari::RESTRequest>();
      got.method = message.method;
      got.uri = message.uri;
      for (const auto& parameter :
           message.query_strings.value_or(std::vector<ari::RESTQueryStringParameter>{})) {
        got.query.emplace_back(parameter.name, parameter.value);
      }
      if (message.message_body) {
        got.body = body_of(*message.message_body, message.content_type.value_or(""), got.problem);
      }
    } catch (const std::exception& e) {
      got.problem = std::string("a frame that is not a RESTRequest: ") + e.what();
    }
    check(got, scripted);
    ari::RESTResponse response;
    response.transaction_id = message.transaction_id;
    response.request_id = message.request_id;
    response.status_code = scripted.status;
    response.reason_phrase = scripted.reason;
    response.uri = message.uri;
    if (scripted.body) {
      response.content_type = "application/json";
      response.message_body = scripted.body->dump();
    }
    response.application = application_;
    ws.text(true);
    ws.write(net::buffer(ari::to_frame(response)), error);
  }

  void answer_http(const exchange& scripted) {
    tcp::socket socket(io_);
    http::request<http::string_body> request;
    beast::error_code error;
    if (!accept_request(socket, request, error)) {
      std::cout << "request " << requests_ << ": none, " << error.message() << std::endl;
      return;
    }
    const std::string target(request.target());
    received_request got;
    got.method = std::string(request.method_string());
    const std::string path = target.substr(0, target.find('?'));
    got.uri = path.rfind("/ari/", 0) == 0 ? path.substr(5) : path;
    got.query = query_of(target);
    got.body =
        body_of(request.body(), std::string(request[http::field::content_type]), got.problem);
    if (request[http::field::authorization] != web::basic_authorization(o_.api_key)) {
      got.problem = "no valid Basic authorization";
    }
    check(got, scripted);
    http::response<http::string_body> response{static_cast<http::status>(scripted.status),
                                               request.version()};
    response.reason(scripted.reason);
    if (scripted.body) {
      response.set(http::field::content_type, "application/json");
      response.body() = scripted.body->dump();
    }
    response.prepare_payload();
    http::write(socket, response, error);
  }

  options o_;
  net::io_context io_;
  tcp::acceptor acceptor_;
  std::vector<std::string> steps_;
  std::size_t next_ = 0;
  std::string application_;
  long requests_ = 0;
  long matched_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  replay server(parse_options(argc, argv));
  return server.run();
}
