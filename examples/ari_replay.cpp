// ari_replay: a loopback stand-in for Asterisk's /ari/events WebSocket that serves a recorded
// JSONL capture, for testing Stasis applications. It checks the handshake as Asterisk does
// (path /ari/events, an app, api_key=USER:PASS, 401 when the key is wrong), sends one text frame
// per line, and can drop the connection mid-stream; the next connection continues where the
// dropped one stopped.
//
//   ari_replay --capture FILE [--port N] [--api-key USER:PASS] [--delay-ms N]
//              [--drop-after N] [--connections N]
//
// It prints "listening on 127.0.0.1:PORT" first (--port 0, the default, picks a free port).
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr const char* usage = R"(usage: ari_replay --capture FILE [options]

  --capture FILE     JSONL capture, one frame per line, sent in order (required)
  --port N           loopback port to listen on (default 0: any free port)
  --api-key K        the USER:PASS a client must give as api_key (default asterisk:asterisk)
  --delay-ms N       pause between frames (default 0)
  --drop-after N     close the first connection abruptly after N frames (default: never)
  --connections N    exit after serving N WebSocket connections (default 1)
  --help             this text
)";

struct options {
  std::string capture;
  unsigned short port = 0;
  std::string api_key = "asterisk:asterisk";
  std::chrono::milliseconds delay{0};
  long drop_after = -1;
  long connections = 1;
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
    } else if (arg == "--delay-ms") {
      o.delay = std::chrono::milliseconds{std::stol(value())};
    } else if (arg == "--drop-after") {
      o.drop_after = std::stol(value());
    } else if (arg == "--connections") {
      o.connections = std::stol(value());
    } else {
      std::cerr << "ari_replay: unknown option " << arg << '\n' << usage;
      std::exit(2);
    }
  }
  if (o.capture.empty()) {
    std::cerr << usage;
    std::exit(2);
  }
  return o;
}

std::string url_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

// The value of `name` in the query of `target`, or nothing.
std::optional<std::string> query_value(std::string_view target, std::string_view name) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto equals = pair.find('=');
    if (pair.substr(0, equals) == name) {
      return url_decode(equals == std::string_view::npos ? "" : pair.substr(equals + 1));
    }
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
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

}  // namespace

int main(int argc, char** argv) {
  const options o = parse_options(argc, argv);
  std::ifstream in(o.capture);
  if (!in) {
    std::cerr << "ari_replay: cannot read " << o.capture << '\n';
    return 2;
  }
  std::vector<std::string> frames;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) frames.push_back(line);
  }

  net::io_context io;
  tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"), o.port});
  std::cout << "listening on 127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;

  std::size_t next = 0;
  for (long served = 0; served < o.connections;) {
    tcp::socket socket(io);
    acceptor.accept(socket);
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    beast::error_code error;
    http::read(socket, buffer, request, error);
    if (error) continue;
    const std::string target_text(request.target());
    const std::string_view target = target_text;
    if (target.substr(0, target.find('?')) != "/ari/events") {
      refuse(socket, request, http::status::not_found, "Resource not found");
      continue;
    }
    if (query_value(target, "api_key") != o.api_key) {
      refuse(socket, request, http::status::unauthorized, "Authentication required");
      continue;
    }
    if (!query_value(target, "app")) {
      refuse(socket, request, http::status::bad_request, "app parameter is required");
      continue;
    }
    if (!websocket::is_upgrade(request)) {
      refuse(socket, request, http::status::upgrade_required, "WebSocket upgrade required");
      continue;
    }
    websocket::stream<tcp::socket> ws(std::move(socket));
    ws.accept(request, error);
    if (error) continue;
    ++served;
    std::cout << "connection " << served << ": serving from frame " << next + 1 << std::endl;
    long sent = 0;
    bool dropped = false;
    while (next < frames.size() && !error) {
      if (served == 1 && sent == o.drop_after) {
        ws.next_layer().close(error);  // no close frame: the client sees the socket drop
        std::cout << "connection " << served << ": dropped after " << sent << " frames"
                  << std::endl;
        dropped = true;
        break;
      }
      ws.text(true);
      ws.write(net::buffer(frames[next]), error);
      if (!error) {
        ++next;
        ++sent;
      }
      if (o.delay.count() > 0) std::this_thread::sleep_for(o.delay);
    }
    if (!dropped && !error) {
      std::cout << "connection " << served << ": sent " << sent << " frames, all done" << std::endl;
      // Keep the socket open, as Asterisk does, until the client goes away.
      beast::flat_buffer ignored;
      ws.read(ignored, error);
    }
  }
  return 0;
}
