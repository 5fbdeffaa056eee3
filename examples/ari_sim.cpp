// ari_sim: ari::testing::simulator, a simulated Asterisk 22, served on 127.0.0.1 over real
// sockets, so that a Stasis application in any language (or ari::client) is tested against it:
// ARI's HTTP requests, the event WebSocket (with RESTRequest frames), and a control interface
// under /sim/ for the world's side (calls, DTMF, hangups, the clock). Everything runs on one
// thread, as the simulator is single-threaded. Run with --help for the options and endpoints.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstdlib>
#include <deque>
#include <exception>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <date/date.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <ari/testing/simulator.hpp>

#include "command_line.hpp"
#include "web_server.hpp"
#include "web_support.hpp"

namespace {

namespace net = web::net;
namespace http = web::http;
namespace websocket = web::beast::websocket;
using web::error_code;
using web::tcp;
using json = nlohmann::json;

constexpr const char* usage = R"(usage: ari_sim [options]

Serves ari::testing::simulator (a simulated Asterisk 22) on 127.0.0.1: ARI's HTTP requests under
/ari/ (Basic authorization or api_key=USER:PASS), the event WebSocket /ari/events?app=A[,B]
[&subscribeAll=true] with RESTRequest frames, and a control interface under /sim/. Prints
"listening on 127.0.0.1:PORT" first, then a line per connection, request and frame sent.

  --port N          port to listen on (default 8088; 0: any free port)
  --username USER   the ari.conf user a client must give (default asterisk)
  --password PASS   its password (default asterisk)
  --realtime        the virtual clock follows the wall clock, starting at the current time;
                    without it, the clock moves only with POST /sim/advance
  --sound URI=MS    the sound URI plays MS ms (repeatable; sound:ari-test plays 1000, and
                    sound:beep, sound:digits/0..9 and a few others are built in)
  --sound-ms MS     every other sound plays MS ms (default: other sounds do not exist, and
                    their playbacks fail at once, as in a bare Asterisk)
  --quiet           print only the listening line
  --help            this text

Control interface (plain HTTP on the same port, no authorization, JSON answers):
  POST /sim/calls?app=APP[&caller=NUMBER][&name=NAME][&extension=EXT][&context=CONTEXT]
                 [&endpoint=PJSIP/alice][&id=ID][&args=A,B]
                                   a call enters APP, connected here: {"channel":"ID"}
  POST /sim/channels/ID/dtmf?digits=DIGITS    the caller presses keys, 100 ms each (204)
  POST /sim/channels/ID/hangup[?cause=16]     the far end hangs up, Q.850 cause (204)
  POST /sim/endpoints?endpoint=PJSIP/bob&outcome=answer|busy|congestion|no_answer[&delay_ms=N]
                                   how an endpoint that is dialled behaves (204)
  POST /sim/advance?ms=N           runs the virtual clock N ms on: {"now":"TIME"}
  GET  /sim/clock                  {"now":"TIME"}
  GET  /sim/requests[?from=K]      the ARI requests received (from the K-th on, counted from 0):
                                   [{"method","target","body","status","response"}, ...]
A hangup takes effect at once; keys, prompts and ringing on the virtual clock: advance it (or
run --realtime) to see their events.
)";

using ari_examples::number_in;

struct settings {
  unsigned short port = 8088;
  std::string user_and_password;
  bool realtime = false;
  bool quiet = false;
  ari::testing::simulator_options simulator;
};

settings parse_options(int argc, char** argv) {
  settings s;
  std::string username = "asterisk", password = "asterisk";
  constexpr long most_ms = 24L * 3600 * 1000;
  ari_examples::command_line line{"ari_sim", usage};
  line.number("--port", s.port, 0, 65535);
  line.text("--username", username);
  line.text("--password", password);
  line.flag("--realtime", s.realtime);
  line.with_value("--sound", [&](const std::string& sound) {
    const auto equals = sound.rfind('=');
    const auto ms = equals == std::string::npos || equals == 0
                        ? std::nullopt
                        : number_in(sound.substr(equals + 1), 0, most_ms);
    if (!ms) line.fail("--sound takes URI=MS, MS from 0 to " + std::to_string(most_ms));
    s.simulator.sound_durations[sound.substr(0, equals)] = std::chrono::milliseconds{*ms};
  });
  line.milliseconds("--sound-ms", 0, s.simulator.default_sound_duration);
  line.flag("--quiet", s.quiet);
  line.parse(argc, argv);
  s.user_and_password = username + ":" + password;
  if (s.realtime) {
    // Timestamps then read as the time they were sent.
    s.simulator.start_time =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
  return s;
}

// ast_true: what Asterisk takes for "true" in subscribeAll.
bool is_true(const std::string& text) {
  for (const char* yes : {"yes", "true", "y", "t", "1", "on"}) {
    if (text.size() == std::string_view(yes).size() &&
        std::equal(text.begin(), text.end(), yes,
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }))
      return true;
  }
  return false;
}

class sim_server;

// One event WebSocket: the simulator's frames for it go out as text frames, in order; the
// client's text frames (RESTRequest) go to the simulator's socket, which answers on it.
class event_session : public std::enable_shared_from_this<event_session> {
 public:
  event_session(sim_server& server, tcp::socket socket, long number,
                ari::testing::event_socket& sim_socket)
      : server_(server), ws_(std::move(socket)), number_(number), socket_(sim_socket) {}

  void start(const web::request& request, std::string protocol);
  void close();
  bool holds(const std::string& application) const;

 private:
  void schedule_drain();
  void drain();
  void write_next();
  void read();
  void end(const std::string& why);

  sim_server& server_;
  websocket::stream<tcp::socket> ws_;
  long number_;
  ari::testing::event_socket& socket_;
  web::beast::flat_buffer buffer_;
  std::deque<std::string> out_;
  long sent_ = 0, received_ = 0;
  bool open_ = false;  // handshake done
  bool writing_ = false, drain_pending_ = false, ended_ = false;
};

class sim_server final : public web::http_server {
 public:
  sim_server(net::io_context& io, settings s)
      : io_(io), settings_(std::move(s)), sim_(settings_.simulator), realtime_timer_(io) {}

  void start() {
    const tcp::endpoint endpoint{net::ip::make_address("127.0.0.1"), settings_.port};
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen();
    std::cout << "listening on 127.0.0.1:" << acceptor_.local_endpoint().port() << std::endl;
    accept();
    if (settings_.realtime) {
      realtime_start_ = std::chrono::steady_clock::now();
      tick();
    }
  }

  void stop() {
    stopping_ = true;
    error_code ignored;
    acceptor_.close(ignored);
    realtime_timer_.cancel();
    for (auto& weak : sessions_) {
      if (auto session = weak.lock()) session->close();
    }
    for (auto& weak : connections_) {
      if (auto connection = weak.lock()) connection->socket.close(ignored);
    }
  }

  bool stopping() const override { return stopping_; }
  std::size_t body_limit() const override { return 1024 * 1024; }
  void log(std::string line) override {
    if (!settings_.quiet) std::cout << line << std::endl;
  }

  void on_request(const std::shared_ptr<web::http_connection>& connection) override {
    const auto& request = connection->parser->get();
    const std::string target(request.target());
    const std::string path = target.substr(0, target.find('?'));
    const bool keep_alive = request.keep_alive();
    if (path.rfind("/sim/", 0) == 0) {
      ++connection->requests;
      connection->answer(control(request, path.substr(5), target));
      return;
    }
    if (path != "/ari" && path.rfind("/ari/", 0) != 0) {
      refuse(connection, 404, "Resource not found");
      return;
    }
    if (!web::authorized(target, std::string(request[http::field::authorization]),
                         settings_.user_and_password)) {
      refuse(connection, 401, "Authentication required");
      return;
    }
    if (path == "/ari/events") {
      events_request(connection);
      return;
    }
    ++connection->requests;
    ari::http_request in;
    in.method = std::string(request.method_string());
    in.target = target;
    in.content_type = std::string(request[http::field::content_type]);
    in.body = request.body();
    const ari::testing::http_response out = sim_.handle(in);
    log_requests("http connection " + std::to_string(connection->number));
    auto response = web::json_response(out.status, out.body, keep_alive, request.version());
    if (!out.reason.empty()) response->reason(out.reason);
    connection->answer(std::move(response));
  }

  // A text frame the client sent on an event WebSocket.
  void on_frame(ari::testing::event_socket& socket, const std::string& text, long number) {
    socket.send(text);
    log_requests("websocket connection " + std::to_string(number));
  }

 private:
  void accept() {
    acceptor_.async_accept([this](error_code error, tcp::socket socket) {
      if (stopping_ || !acceptor_.is_open()) return;
      if (error) {
        // Out of descriptors, say: try again a little later rather than spin.
        log("accept failed: " + error.message());
        auto timer = std::make_shared<net::steady_timer>(io_, std::chrono::milliseconds(50));
        timer->async_wait([this, timer](error_code) { accept(); });
        return;
      }
      auto connection =
          std::make_shared<web::http_connection>(*this, std::move(socket), ++connections_count_);
      forget_ended(connections_);
      connections_.push_back(connection);
      connection->read();
      accept();
    });
  }

  template <class T>
  static void forget_ended(std::vector<std::weak_ptr<T>>& list) {
    list.erase(std::remove_if(list.begin(), list.end(), [](const auto& w) { return w.expired(); }),
               list.end());
  }

  void refuse(const std::shared_ptr<web::http_connection>& connection, int status,
              const std::string& why) {
    const auto& request = connection->parser->get();
    log("refused " + std::string(request.method_string()) + " " + std::string(request.target()) +
        ": " + std::to_string(status) + " " + why + " (connection " +
        std::to_string(connection->number) + ")");
    connection->answer(web::refusal(status, why, request.keep_alive()));
  }

  // GET /ari/events: the upgrade, checked as Asterisk checks it (app, then the subprotocol).
  void events_request(const std::shared_ptr<web::http_connection>& connection) {
    const auto& request = connection->parser->get();
    const std::string target(request.target());
    if (!websocket::is_upgrade(request)) {
      refuse(connection, 426, "WebSocket upgrade required");
      return;
    }
    // allowMultiple: the last app= holds a comma-separated list.
    std::optional<std::string> apps;
    bool subscribe_all = false;
    for (const auto& [key, value] : web::query_of(target)) {
      if (key == "app") apps = value;
      if (key == "subscribeAll") subscribe_all = is_true(value);
    }
    if (!apps) {
      refuse(connection, 400, "Missing param 'app'");
      return;
    }
    std::vector<std::string> applications;
    for (auto& name : ari::testing::sim_detail::split(*apps, ',')) {
      if (name.empty()) {
        refuse(connection, 400, "Invalid application provided in param 'app'.");
        return;
      }
      applications.push_back(std::move(name));
    }
    // res_http_websocket: no subprotocol asked for takes ARI's; otherwise the first one offered
    // that is "ari", or 400.
    std::string protocol;
    const std::string offered(request[http::field::sec_websocket_protocol]);
    if (!offered.empty()) {
      for (auto name : ari::testing::sim_detail::split(offered, ',')) {
        while (!name.empty() && name.front() == ' ')
          name.erase(0, 1);
        while (!name.empty() && name.back() == ' ')
          name.pop_back();
        if (name == "ari") protocol = name;
      }
      if (protocol.empty()) {
        refuse(connection, 400, "No supported WebSocket subprotocol in '" + offered + "'");
        return;
      }
    }
    const long number = connection->number;
    // Registered now, as Asterisk registers on reading the upgrade.
    ari::testing::event_socket& socket = sim_.connect(applications, subscribe_all);
    auto [tcp_socket, upgrade] = connection->hand_over();
    auto session = std::make_shared<event_session>(*this, std::move(tcp_socket), number, socket);
    forget_ended(sessions_);
    sessions_.push_back(session);
    std::string line = "connection " + std::to_string(number) + ": websocket for app " + *apps;
    if (subscribe_all) line += " (subscribeAll)";
    log(line);
    session->start(upgrade, protocol);
  }

  // The /sim/ control interface.
  std::shared_ptr<web::response> control(const web::request& request, const std::string& path,
                                         const std::string& target) {
    const bool keep_alive = request.keep_alive();
    const bool post = request.method() == http::verb::post;
    const bool get = request.method() == http::verb::get;
    std::map<std::string, std::string> q;
    for (auto& [key, value] : web::query_of(target))
      q[key] = value;
    const auto text = [&](const std::string& key) {
      const auto found = q.find(key);
      return found == q.end() ? std::string() : found->second;
    };
    const auto fail = [&](int status, const std::string& why) {
      log("control " + std::string(request.method_string()) + " " + target + ": " +
          std::to_string(status) + " " + why);
      return web::refusal(status, why, keep_alive);
    };
    const auto ok = [&](int status, const json& body) {
      log("control " + std::string(request.method_string()) + " " + target + ": " +
          std::to_string(status) + (body.is_null() ? "" : " " + body.dump()));
      return web::json_response(status, body.is_null() ? "" : body.dump(), keep_alive);
    };
    const auto now = [&] { return json{{"now", date::format("%FT%T%z", sim_.now())}}; };
    const std::vector<std::string> segments = ari::testing::sim_detail::split(path, '/');
    const std::string what = segments.empty() ? std::string() : segments[0];

    if (what == "calls" && segments.size() == 1 && post) {
      const std::string app = text("app");
      if (app.empty()) return fail(400, "app is required");
      if (!connected(app))
        return fail(409, "no WebSocket connection holds application '" + app + "'");
      ari::testing::incoming_call_options call;
      if (q.count("caller")) call.caller_number = text("caller");
      if (q.count("name")) call.caller_name = text("name");
      if (q.count("extension")) call.extension = text("extension");
      if (q.count("context")) call.context = text("context");
      if (q.count("endpoint")) call.endpoint = text("endpoint");
      if (q.count("id")) call.id = text("id");
      if (!text("args").empty()) call.args = ari::testing::sim_detail::split(text("args"), ',');
      return ok(200, json{{"channel", sim_.incoming_call(app, call)}});
    }
    if (what == "channels" && segments.size() == 3 && post) {
      const std::string& id = segments[1];
      if (segments[2] == "dtmf") {
        if (text("digits").empty()) return fail(400, "digits is required");
        sim_.send_dtmf_from_caller(id, text("digits"));
        return ok(204, nullptr);
      }
      if (segments[2] == "hangup") {
        const auto cause = q.count("cause") ? number_in(text("cause"), 0, 127) : 16L;
        if (!cause) return fail(400, "cause takes a number from 0 to 127");
        sim_.hangup_from_far_end(id, static_cast<int>(*cause));
        return ok(204, nullptr);
      }
    }
    if (what == "endpoints" && segments.size() == 1 && post) {
      using outcome = ari::testing::endpoint_behaviour::outcome;
      static const std::map<std::string, outcome> outcomes = {{"answer", outcome::answer},
                                                              {"busy", outcome::busy},
                                                              {"congestion", outcome::congestion},
                                                              {"no_answer", outcome::no_answer}};
      const auto found = outcomes.find(text("outcome").empty() ? "answer" : text("outcome"));
      if (text("endpoint").empty()) return fail(400, "endpoint is required");
      if (found == outcomes.end())
        return fail(400, "outcome is answer, busy, congestion or no_answer");
      const auto delay = q.count("delay_ms") ? number_in(text("delay_ms"), 0, 86400000) : 0L;
      if (!delay) return fail(400, "delay_ms takes a number of milliseconds");
      sim_.set_endpoint(text("endpoint"), {found->second, std::chrono::milliseconds{*delay}});
      return ok(204, nullptr);
    }
    if (what == "advance" && segments.size() == 1 && post) {
      const auto ms = number_in(text("ms"), 0, 86400000);
      if (!ms) return fail(400, "ms takes a number from 0 to 86400000");
      sim_.advance(std::chrono::milliseconds{*ms});
      log_requests("advance");
      return ok(200, now());
    }
    if (what == "clock" && segments.size() == 1 && get) return ok(200, now());
    if (what == "requests" && segments.size() == 1 && get) {
      const auto from = q.count("from") ? number_in(text("from"), 0, 1L << 40) : 0L;
      if (!from) return fail(400, "from takes a number");
      json list = json::array();
      const auto& exchanges = sim_.requests();
      for (std::size_t i = static_cast<std::size_t>(*from); i < exchanges.size(); ++i) {
        const auto& e = exchanges[i];
        list.push_back({{"method", e.request.method},
                        {"target", e.request.target},
                        {"body", e.request.body},
                        {"status", e.response.status},
                        {"response", e.response.body}});
      }
      return web::json_response(200, list.dump(), keep_alive);
    }
    return fail(404, "no control " + std::string(request.method_string()) + " /sim/" + path +
                         " (see ari_sim --help)");
  }

  bool connected(const std::string& application) const {
    for (const auto& weak : sessions_) {
      const auto session = weak.lock();
      if (session && session->holds(application)) return true;
    }
    return false;
  }

  // Lines for the requests the simulator answered since the last call.
  void log_requests(const std::string& where) {
    const auto& exchanges = sim_.requests();
    for (; logged_ < exchanges.size(); ++logged_) {
      const auto& e = exchanges[logged_];
      log("request " + std::to_string(logged_ + 1) + ": " + e.request.method + " " +
          e.request.target + (e.request.body.empty() ? "" : " " + e.request.body) + " -> " +
          std::to_string(e.response.status) + " " + e.response.reason + " (" + where + ")");
    }
  }

  // --realtime: the virtual clock catches up with the wall clock every 10 ms.
  void tick() {
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - realtime_start_);
    if (elapsed > advanced_) {
      sim_.advance(elapsed - advanced_);
      advanced_ = elapsed;
    }
    realtime_timer_.expires_after(std::chrono::milliseconds(10));
    realtime_timer_.async_wait([this](error_code error) {
      if (!error && !stopping_) tick();
    });
  }

  net::io_context& io_;
  settings settings_;
  ari::testing::simulator sim_;
  tcp::acceptor acceptor_{io_};
  net::steady_timer realtime_timer_;
  std::chrono::steady_clock::time_point realtime_start_;
  std::chrono::milliseconds advanced_{0};
  bool stopping_ = false;
  long connections_count_ = 0;
  std::size_t logged_ = 0;
  std::vector<std::weak_ptr<web::http_connection>> connections_;
  std::vector<std::weak_ptr<event_session>> sessions_;
};

void event_session::start(const web::request& request, std::string protocol) {
  ws_.set_option(websocket::stream_base::timeout::suggested(web::beast::role_type::server));
  ws_.read_message_max(server_.body_limit());
  ws_.set_option(websocket::stream_base::decorator(
      [chosen = std::move(protocol)](websocket::response_type& response) {
        if (!chosen.empty()) response.set(http::field::sec_websocket_protocol, chosen);
        response.set(http::field::server, "ari_sim (ari-events)");
      }));
  // Frames queued before the handshake is done wait for it.
  socket_.on_frame([weak = weak_from_this()] {
    if (auto self = weak.lock()) self->schedule_drain();
  });
  auto held = std::make_shared<web::request>(request);
  ws_.async_accept(*held, [self = shared_from_this(), held](error_code error) {
    if (self->server_.stopping()) return;
    if (error) {
      self->end("handshake failed: " + error.message());
      return;
    }
    self->open_ = true;
    self->schedule_drain();
    self->read();
  });
}

bool event_session::holds(const std::string& application) const {
  const auto& apps = socket_.applications();
  return !ended_ && socket_.is_open() &&
         std::find(apps.begin(), apps.end(), application) != apps.end();
}

void event_session::close() {
  ended_ = true;
  socket_.on_frame(nullptr);
  socket_.close();
  error_code ignored;
  ws_.next_layer().close(ignored);
}

// After the simulator's call that queued the frames has returned: one write per burst.
void event_session::schedule_drain() {
  if (drain_pending_ || ended_) return;
  drain_pending_ = true;
  net::post(ws_.get_executor(), [self = shared_from_this()] { self->drain(); });
}

void event_session::drain() {
  drain_pending_ = false;
  if (ended_ || !open_) return;
  for (auto& frame : socket_.take()) {
    const auto parsed = json::parse(frame, nullptr, false);
    std::string type = parsed.is_object() ? parsed.value("type", "?") : "?";
    if (type == "RESTResponse") type += " " + std::to_string(parsed.value("status_code", 0));
    server_.log("connection " + std::to_string(number_) + ": sent " + type);
    out_.push_back(std::move(frame));
  }
  write_next();
}

void event_session::write_next() {
  if (writing_ || out_.empty() || ended_) return;
  writing_ = true;
  ws_.text(true);
  ws_.async_write(net::buffer(out_.front()),
                  [self = shared_from_this()](error_code error, std::size_t) {
                    self->writing_ = false;
                    if (self->server_.stopping() || self->ended_) return;
                    if (error) {
                      self->end("write failed: " + error.message());
                      return;
                    }
                    ++self->sent_;
                    self->out_.pop_front();
                    self->write_next();
                  });
}

void event_session::read() {
  ws_.async_read(buffer_, [self = shared_from_this()](error_code error, std::size_t) {
    if (self->server_.stopping() || self->ended_) return;
    if (error) {
      self->end(error == websocket::error::closed
                    ? "closed by the client with code " +
                          std::to_string(static_cast<int>(self->ws_.reason().code))
                    : web::why(error));
      return;
    }
    ++self->received_;
    std::string text = web::beast::buffers_to_string(self->buffer_.data());
    self->buffer_.consume(self->buffer_.size());
    if (self->ws_.got_text()) {
      self->server_.on_frame(self->socket_, text, self->number_);
    } else {
      self->server_.log("connection " + std::to_string(self->number_) + ": binary message ignored");
    }
    self->read();
  });
}

void event_session::end(const std::string& why) {
  if (ended_) return;
  close();
  server_.log("connection " + std::to_string(number_) + ": websocket ended (" + why +
              ") after sending " + std::to_string(sent_) + " frames, receiving " +
              std::to_string(received_) + " messages");
}

}  // namespace

int main(int argc, char** argv) {
  settings s = parse_options(argc, argv);
  try {
    net::io_context io;
    sim_server server(io, std::move(s));
    server.start();
    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](error_code, int) {
      server.stop();
      io.stop();
    });
    io.run();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "ari_sim: " << e.what() << '\n';
    return 1;
  }
}
