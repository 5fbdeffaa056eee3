// ari_replay::server: a loopback stand-in for Asterisk's ARI, for testing Stasis applications and
// ari::client, in-process (tests) or as the ari_replay program. It serves a script on /ari/events,
// checking the handshake as Asterisk does (path /ari/events, an app, api_key=USER:PASS or Basic
// authorization, 401 when the key is wrong), and answers ARI requests made over HTTP/1.1
// (keep-alive, Basic authorization) on the same port, all at once, on its own thread.
//
// The script is JSONL, one step a line, run in order. A line is a text frame to send on the current
// event WebSocket (the newest one, as Asterisk gives an application to its newest connection),
// unless it begins with {"KEY": for one of these keys. A step that needs the event connection
// (a frame, raw, drop, close, pause or wait) waits for one when there is none.
//
//   {"expect":{"method":"POST","uri":"channels/c1/play","query":[["media","sound:x"]],
//              "body":{...}},"respond":{"status":201,"reason":"Created","body":{...}}}
//       take the application's next request (in arrival order, whatever its connection), check
//       that it is exactly this one (method, path below /ari/, query parameters in order, JSON
//       body, and the transport of --requests), and answer it. "respond" may instead hold
//       "body_bytes":N (a JSON string N bytes long, for size limits) or "raw":"TEXT" (sent as is:
//       the whole HTTP response, or the frame), or be null: answer nothing (a request timeout;
//       with a drop step after it, a connection dropped mid-request);
//   {"respond":{"status":201,...}}
//       answer the oldest request left unanswered by "respond":null (a response sent after the
//       frames between, as when PlaybackFinished overtakes the play response);
//   {"drop":true} or {"drop":"websocket"}
//       drop the event connection without a close frame; the script goes on on the next one;
//   {"drop":"http"}
//       drop every HTTP connection, idle keep-alive ones and those awaiting an answer;
//   {"close":1011,"reason":"TEXT"}
//       send a WebSocket close frame with that code; the script goes on on the next connection;
//   {"binary":"TEXT"}
//       send TEXT as a binary frame;
//   {"raw":"TEXT"}
//       write TEXT on the event connection's socket as is, outside any frame (protocol garbage);
//   {"pause_ms":N}
//       neither read nor write on the event connection for N ms: the client's pings go
//       unanswered, so that its idle timeout can fire (a new connection is not paused: it
//       answers pings, and the script goes on on it after the N ms);
//   {"wait_ms":N}
//       send nothing on the event connection for N ms, still reading and answering pings;
//   {"wait_websocket":K}
//       wait until the K-th WebSocket connection (counted from 1) has been accepted.
//
// The log (lines(), and what the program prints) has a line per event, among them:
//   listening on 127.0.0.1:PORT                       (and [::1]:PORT with options::ipv6)
//   connection C: websocket K for app A, serving from line L[, replacing connection P]
//   request N: METHOD URI[?QUERY] [BODY] as expected; answered S (http connection C)
//   request N: ... with PROBLEM NOT AS EXPECTED: EXPECTED; not answered (websocket connection C)
//   request N: answered S (http connection C)            (a "respond" step)
//   request: ... beyond the script (http connection C)
//   refused TARGET: 401 Authentication required (connection C)
//   ping (connection C)                   (GET /ari/asterisk/ping, answered outside the script)
//   connection C: pausing N ms / connection C: pause over / connection C: sent close CODE
//   connection C: sent X frames, all done              (the script is over)
//   connection C: dropped after X frames
//   connection C: ended (WHY) after sending X frames, receiving Y messages   (a WebSocket)
//   connection C: ended (WHY) after R requests         (an HTTP connection)
//   connection C: bad request (WHY), answered 400 | 413        (then closed)
//   connection C: wrote N raw bytes / request N: answer not delivered (WHY)
//   connection C: holding the handshake for D ms
//   connection C: handshake after D ms: the client had gone | the client was still there
//       (a late handshake completed takes the application over, as on Asterisk)
//   holding connection C without a word                 (options::stall)
//   conversation: M of R requests as expected[, script not finished][, U beyond the script]
// Connections are numbered in accept order, HTTP and WebSocket alike.
//
// This header declares the server; one translation unit compiles it, by defining
// ARI_REPLAY_SERVER_IMPLEMENTATION before including it (Boost.Beast and nlohmann/json are then
// needed there only).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ari_replay {

struct options {
  unsigned short port = 0;                    // 0: any free port
  bool ipv6 = false;                          // listen on [::1] too, on the same port
  std::string api_key = "asterisk:asterisk";  // USER:PASS
  bool http_requests = false;          // expect requests over HTTP, not as RESTRequest messages
  std::chrono::milliseconds delay{0};  // after each frame
  long drop_after = -1;                // drop the first WebSocket after this many frames
  long connections = 0;                // finished() once this many WebSockets ended; 0: never
  bool stall = false;                  // accept TCP connections and never read or answer
  std::chrono::milliseconds handshake_delay{0};  // hold the first upgrade this long
  int refuse_status = 0;                         // answer WebSocket upgrades with this status
  long refuse_count = 0;                         // ... only the first N of them; 0: every one
  std::size_t body_limit = 1024 * 1024;          // HTTP request bodies and WebSocket messages read
  // Called with each log line, on the server thread, under the log's lock: it must not call
  // the server.
  std::function<void(const std::string&)> echo;
};

// The lines of a script file, empty lines left out. Throws std::runtime_error when unreadable.
std::vector<std::string> read_script(const std::string& path);

class server {
 public:
  static constexpr std::chrono::milliseconds default_timeout{10000};
  using log_predicate = std::function<bool(const std::vector<std::string>&)>;

  // Throws std::invalid_argument naming the line of a step that cannot be read.
  server(options o, std::vector<std::string> script);
  ~server();  // stop()
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  // Listens (throws on failure) and serves on a thread of its own; returns once listening.
  void start();
  // Closes every connection and joins the thread, even mid-pause. Idempotent.
  void stop();
  unsigned short port() const;

  std::vector<std::string> lines() const;
  std::string text() const;                            // the lines joined, for failure messages
  std::size_t count(std::string_view fragment) const;  // lines that contain fragment
  // Waits until done(lines) holds (called under the log's lock: it must not call the server).
  bool wait_until(const log_predicate& done,
                  std::chrono::milliseconds timeout = default_timeout) const;
  // Waits until `times` lines contain fragment.
  bool wait_for(std::string_view fragment, std::size_t times = 1,
                std::chrono::milliseconds timeout = default_timeout) const;

  // options::connections WebSockets served and ended (the program then exits).
  bool finished() const;
  bool wait_finished(std::chrono::milliseconds timeout) const;
  // Every request as expected, none beyond the script, the script run to its end.
  bool succeeded() const;
  std::string summary() const;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace ari_replay

#ifdef ARI_REPLAY_SERVER_IMPLEMENTATION

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <deque>
#include <exception>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "web_server.hpp"
#include "web_support.hpp"

namespace ari_replay {
namespace detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using json = nlohmann::json;
using error_code = beast::error_code;
using web::query_list;
using web::query_of;
using web::query_value;

// A request as the application sent it, or as the script expects it.
struct request_text {
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

inline std::optional<json> body_of(const std::string& text, std::string_view content_type,
                                   std::string& problem) {
  if (text.empty()) return std::nullopt;
  if (content_type != "application/json") {
    problem = "a body of type '" + std::string(content_type) + "'";
  }
  auto parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) {
    problem = "a body that is not JSON";
    return std::nullopt;
  }
  return parsed;
}

// What to answer: status, reason and body, or raw text.
struct reply {
  int status = 200;
  std::string reason;
  std::optional<std::string> body;  // JSON text
  std::optional<std::string> raw;
};

struct step {
  enum kind_t {
    frame,
    binary,
    raw,
    expect,
    respond,
    drop_websocket,
    drop_http,
    close,
    pause,
    wait,
    wait_websocket
  } kind = frame;
  std::size_t line = 0;  // 1-based, for messages
  std::string text;      // frame, binary, raw; close reason
  long number = 0;       // pause/wait ms, close code, K
  request_text expected;
  std::optional<reply> answer;  // expect: nullopt answers nothing
};

inline reply reply_of(const json& r) {
  reply out;
  if (r.contains("raw")) {
    out.raw = r.at("raw").get<std::string>();
    return out;
  }
  out.status = r.at("status").get<int>();
  if (out.status < 100 || out.status > 999) throw std::out_of_range("status out of range");
  out.reason = r.value("reason", "");
  if (r.contains("body")) out.body = r.at("body").dump();
  if (r.contains("body_bytes")) {
    const auto size = r.at("body_bytes").get<std::size_t>();
    out.body = "\"" + std::string(size < 2 ? 0 : size - 2, 'x') + "\"";
  }
  return out;
}

inline bool begins_with_key(std::string_view line, std::string_view key) {
  return line.size() > key.size() + 4 && line.substr(0, 2) == "{\"" &&
         line.substr(2, key.size()) == key && line.substr(2 + key.size(), 2) == "\":";
}

inline step step_of(const std::string& line, std::size_t number) {
  step s;
  s.line = number;
  static constexpr std::string_view keys[] = {"expect",   "respond", "drop",
                                              "close",    "binary",  "raw",
                                              "pause_ms", "wait_ms", "wait_websocket"};
  const auto key = std::find_if(std::begin(keys), std::end(keys),
                                [&](std::string_view k) { return begins_with_key(line, k); });
  if (key == std::end(keys)) {
    s.text = line;
    return s;
  }
  try {
    const json j = json::parse(line);
    if (*key == "expect") {
      s.kind = step::expect;
      const json& e = j.at("expect");
      s.expected.method = e.at("method").get<std::string>();
      s.expected.uri = e.at("uri").get<std::string>();
      if (e.contains("query")) {
        for (const auto& pair : e.at("query")) {
          s.expected.query.emplace_back(pair.at(0).get<std::string>(),
                                        pair.at(1).get<std::string>());
        }
      }
      if (e.contains("body")) s.expected.body = e.at("body");
      if (!j.at("respond").is_null()) s.answer = reply_of(j.at("respond"));
    } else if (*key == "respond") {
      s.kind = step::respond;
      s.answer = reply_of(j.at("respond"));
    } else if (*key == "drop") {
      const json& d = j.at("drop");
      if (d == true || d == "websocket") {
        s.kind = step::drop_websocket;
      } else if (d == "http") {
        s.kind = step::drop_http;
      } else {
        throw std::invalid_argument("drop takes true, \"websocket\" or \"http\"");
      }
    } else if (*key == "close") {
      s.kind = step::close;
      s.number = j.at("close").get<long>();
      if (s.number < 1000 || s.number > 4999) throw std::out_of_range("close code out of range");
      s.text = j.value("reason", "");
      if (s.text.size() > 123) throw std::length_error("a close reason has 123 bytes at most");
    } else if (*key == "binary" || *key == "raw") {
      s.kind = *key == "binary" ? step::binary : step::raw;
      s.text = j.at(std::string(*key)).get<std::string>();
    } else {
      s.kind = *key == "pause_ms"  ? step::pause
               : *key == "wait_ms" ? step::wait
                                   : step::wait_websocket;
      s.number = j.at(std::string(*key)).get<long>();
      if (s.number < 0) throw std::out_of_range("negative number");
    }
  } catch (const std::exception& e) {
    throw std::invalid_argument("script line " + std::to_string(number) + ": " + e.what() + ": " +
                                line);
  }
  return s;
}

// A TCP socket whose reads and writes wait while it is paused ({"pause_ms":N}), so that not even
// Beast's automatic pongs go out. The waiting operations park on a timer that never expires and
// go on when resume() cancels it.
class gated_socket {
 public:
  using executor_type = tcp::socket::executor_type;

  explicit gated_socket(tcp::socket socket)
      : socket_(std::move(socket)), release_(socket_.get_executor()) {}

  executor_type get_executor() noexcept { return socket_.get_executor(); }
  tcp::socket& socket() noexcept { return socket_; }

  void pause() {
    paused_ = true;
    release_.expires_at(net::steady_timer::time_point::max());
  }
  void resume() {
    paused_ = false;
    release_.cancel();
  }

  template <class Buffers, class Token>
  auto async_read_some(const Buffers& buffers, Token&& token) {
    return net::async_initiate<Token, void(error_code, std::size_t)>(
        [this](auto handler, const Buffers& b) {
          gate([this, b, handler = std::move(handler)]() mutable {
            socket_.async_read_some(b, std::move(handler));
          });
        },
        token, buffers);
  }

  template <class Buffers, class Token>
  auto async_write_some(const Buffers& buffers, Token&& token) {
    return net::async_initiate<Token, void(error_code, std::size_t)>(
        [this](auto handler, const Buffers& b) {
          gate([this, b, handler = std::move(handler)]() mutable {
            socket_.async_write_some(b, std::move(handler));
          });
        },
        token, buffers);
  }

 private:
  template <class Operation>
  void gate(Operation operation) {
    if (!paused_) {
      operation();
      return;
    }
    release_.async_wait([this, operation = std::move(operation)](error_code) mutable {
      gate(std::move(operation));
    });
  }

  tcp::socket socket_;
  net::steady_timer release_;
  bool paused_ = false;
};

// What Beast needs to close and tear down a stream of its own type.
inline void beast_close_socket(gated_socket& stream) {
  error_code ignored;
  stream.socket().close(ignored);
}
inline void teardown(beast::role_type role, gated_socket& stream, error_code& error) {
  websocket::teardown(role, stream.socket(), error);
}
template <class Handler>
void async_teardown(beast::role_type role, gated_socket& stream, Handler&& handler) {
  websocket::async_teardown(role, stream.socket(), std::forward<Handler>(handler));
}

using web::why;

// Whether the peer of `socket` has closed it, without reading anything.
inline bool peer_gone(tcp::socket& socket) {
  error_code error;
  socket.non_blocking(true, error);
  char byte = 0;
  const std::size_t got = socket.receive(net::buffer(&byte, 1), tcp::socket::message_peek, error);
  error_code ignored;
  socket.non_blocking(false, ignored);
  if (error == net::error::would_block) return false;
  return got == 0 || error;
}

inline std::string timestamp_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, ".%03d+0000", static_cast<int>(millis));
  return std::string(text) + fraction;
}

using http_connection = web::http_connection;
struct ws_session;

// A request read and not yet matched, or matched and not yet answered.
struct arrival {
  request_text got;
  bool over_http = false;
  long connection = 0;
  long number = 0;  // request N, once matched
  std::weak_ptr<http_connection> http;
  unsigned version = 11;
  bool keep_alive = true;
  std::weak_ptr<ws_session> ws;
  std::string transaction_id, request_id;

  std::string where() const {
    return std::string(over_http ? "http" : "websocket") + " connection " +
           std::to_string(connection);
  }
};

}  // namespace detail

struct server::impl : web::http_server {
  using error_code = detail::error_code;
  using tcp = detail::tcp;
  using step = detail::step;

  impl(options o, std::vector<std::string> script);

  void start();
  void stop();
  void log(std::string line) override;
  bool stopping() const override { return stopping_; }
  std::size_t body_limit() const override { return o_.body_limit; }

  // io thread only, from here on
  void accept(tcp::acceptor& acceptor);
  void on_accept(tcp::socket socket);
  void on_request(const std::shared_ptr<detail::http_connection>& connection) override;
  void events_request(const std::shared_ptr<detail::http_connection>& connection);
  void upgrade(const std::shared_ptr<detail::http_connection>& connection, bool late);
  void refuse(const std::shared_ptr<detail::http_connection>& connection, int status,
              const std::string& why);
  void on_message(const std::shared_ptr<detail::ws_session>& session, std::string text,
                  bool is_text);
  void on_websocket_end(detail::ws_session& session);
  void arrived(detail::arrival a);
  void advance();
  void send(const std::shared_ptr<detail::ws_session>& session, std::string text, bool binary,
            std::function<void(error_code)> done);
  void answer(const detail::arrival& a, const detail::reply& r, std::function<void()> done);
  void drop(detail::ws_session& session);
  void check(detail::arrival& a, const step& s);
  void all_done();
  std::string summary_line() const;

  options o_;
  std::vector<step> steps_;
  detail::net::io_context io_;
  tcp::acceptor v4_{io_};
  tcp::acceptor v6_{io_};
  detail::net::steady_timer runner_timer_{io_};
  std::thread thread_;
  unsigned short port_ = 0;

  mutable std::mutex mutex_;  // the log and finished_
  mutable std::condition_variable changed_;
  std::vector<std::string> lines_;
  bool finished_ = false;

  std::atomic<long> requests_{0}, matched_{0}, beyond_{0};
  std::atomic<std::size_t> next_{0};

  // io thread only
  bool stopping_ = false;
  bool busy_ = false;  // a step's write or timer is under way
  bool done_logged_ = false;
  bool drop_after_done_ = false;
  bool handshake_delayed_ = false;
  long connections_ = 0;  // TCP, in accept order
  long websockets_ = 0, websockets_open_ = 0, refused_upgrades_ = 0;
  std::shared_ptr<detail::ws_session> current_;
  std::vector<std::weak_ptr<detail::ws_session>> sessions_;
  std::vector<std::weak_ptr<detail::http_connection>> http_connections_;
  std::vector<tcp::socket> held_;  // --stall
  std::deque<detail::arrival> arrivals_, unanswered_;
};

namespace detail {

struct ws_session : std::enable_shared_from_this<ws_session> {
  ws_session(server::impl& s, tcp::socket sock, long n, long k, std::string a)
      : owner(s), ws(std::move(sock)), number(n), ordinal(k), app(std::move(a)) {}

  void read() {
    ws.async_read(buffer, [self = shared_from_this()](error_code error, std::size_t) {
      self->on_read(error);
    });
  }

  void on_read(error_code error) {
    if (owner.stopping_ || ended) return;
    if (error) {
      std::string text = why(error);
      if (error == websocket::error::closed) {
        text = closing ? "close handshake done"
                       : "closed by the client with code " +
                             std::to_string(static_cast<int>(ws.reason().code));
      }
      end(text);
      return;
    }
    ++received;
    const bool is_text = ws.got_text();
    std::string message = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    owner.on_message(shared_from_this(), std::move(message), is_text);
    read();
  }

  void end(const std::string& why_text) {
    if (ended) return;
    ended = true;
    error_code ignored;
    ws.next_layer().socket().close(ignored);
    ws.next_layer().resume();  // operations held by a pause fail now rather than at stop()
    owner.log("connection " + std::to_string(number) + ": ended (" + why_text + ") after sending " +
              std::to_string(sent) + " frames, receiving " + std::to_string(received) +
              " messages");
    owner.on_websocket_end(*this);
  }

  server::impl& owner;
  websocket::stream<gated_socket> ws;
  long number;   // connection C
  long ordinal;  // websocket K
  std::string app;
  beast::flat_buffer buffer;
  long sent = 0, received = 0;
  bool ended = false;
  bool closing = false;  // the script sent a close frame
};

}  // namespace detail

inline server::impl::impl(options o, std::vector<std::string> script) : o_(std::move(o)) {
  for (std::size_t i = 0; i < script.size(); ++i) {
    if (!script[i].empty()) steps_.push_back(detail::step_of(script[i], i + 1));
  }
}

inline void server::impl::log(std::string line) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (o_.echo) o_.echo(line);
  lines_.push_back(std::move(line));
  changed_.notify_all();
}

inline void server::impl::start() {
  if (thread_.joinable()) return;
  namespace net = detail::net;
  const auto listen = [&](tcp::acceptor& acceptor, const char* address, unsigned short port) {
    const tcp::endpoint endpoint{net::ip::make_address(address), port};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(net::socket_base::reuse_address(true));
    if (endpoint.address().is_v6()) acceptor.set_option(net::ip::v6_only(true));
    acceptor.bind(endpoint);
    acceptor.listen();
  };
  listen(v4_, "127.0.0.1", o_.port);
  port_ = v4_.local_endpoint().port();
  log("listening on 127.0.0.1:" + std::to_string(port_));
  accept(v4_);
  if (o_.ipv6) {
    listen(v6_, "::1", port_);
    log("listening on [::1]:" + std::to_string(port_));
    accept(v6_);
  }
  thread_ = std::thread([this] {
    for (;;) {
      try {
        io_.run();
        return;
      } catch (const std::exception& e) {
        log(std::string("internal error: ") + e.what());
      }
    }
  });
}

inline void server::impl::stop() {
  if (!thread_.joinable()) return;
  detail::net::post(io_, [this] {
    stopping_ = true;
    error_code ignored;
    v4_.close(ignored);
    v6_.close(ignored);
    for (auto& weak : sessions_) {
      if (auto session = weak.lock()) session->ws.next_layer().socket().close(ignored);
    }
    for (auto& weak : http_connections_) {
      if (auto connection = weak.lock()) connection->socket.close(ignored);
    }
    for (auto& socket : held_)
      socket.close(ignored);
    io_.stop();
  });
  thread_.join();
}

inline void server::impl::accept(tcp::acceptor& acceptor) {
  acceptor.async_accept([this, &acceptor](error_code error, tcp::socket socket) {
    if (stopping_ || !acceptor.is_open()) return;
    if (error) {
      // Out of descriptors, say: try again a little later rather than spin.
      log("accept failed: " + error.message());
      auto timer = std::make_shared<detail::net::steady_timer>(io_, std::chrono::milliseconds(50));
      timer->async_wait([this, timer, &acceptor](error_code) { accept(acceptor); });
      return;
    }
    on_accept(std::move(socket));
    accept(acceptor);
  });
}

inline void server::impl::on_accept(tcp::socket socket) {
  const long number = ++connections_;
  if (o_.stall) {
    held_.push_back(std::move(socket));
    log("holding connection " + std::to_string(number) + " without a word");
    return;
  }
  auto connection = std::make_shared<detail::http_connection>(*this, std::move(socket), number);
  http_connections_.push_back(connection);
  // Forget the connections that have gone, so that a long test does not grow the list.
  http_connections_.erase(std::remove_if(http_connections_.begin(), http_connections_.end(),
                                         [](const auto& weak) { return weak.expired(); }),
                          http_connections_.end());
  connection->read();
}

inline void server::impl::refuse(const std::shared_ptr<detail::http_connection>& connection,
                                 int status, const std::string& why) {
  const auto& request = connection->parser->get();
  log("refused " + std::string(request.target()) + ": " + std::to_string(status) + ' ' + why +
      " (connection " + std::to_string(connection->number) + ")");
  connection->answer(web::refusal(status, why, request.keep_alive()));
}

inline void server::impl::on_request(const std::shared_ptr<detail::http_connection>& connection) {
  namespace http = detail::http;
  const auto& request = connection->parser->get();
  const std::string target(request.target());
  const std::string path = target.substr(0, target.find('?'));
  if (path == "/ari/events") {
    events_request(connection);
    return;
  }
  if (detail::websocket::is_upgrade(request)) {
    refuse(connection, 404, "Resource not found");
    return;
  }
  if (path.rfind("/ari/", 0) != 0) {
    refuse(connection, 404, "Resource not found");
    return;
  }
  if (request[http::field::authorization] != web::basic_authorization(o_.api_key)) {
    refuse(connection, 401, "Authentication required");
    return;
  }
  if (path == "/ari/asterisk/ping" && request.method() == http::verb::get) {
    // Answered outside the script, as Asterisk does: ari::client asks it before each upgrade.
    log("ping (connection " + std::to_string(connection->number) + ")");
    connection->answer(web::json_response(
        200,
        R"({"asterisk_id":"02:fc:00:00:00:01","ping":"pong","timestamp":"2026-12-05T08:00:00.000+0000"})",
        request.keep_alive()));
    return;
  }
  ++connection->requests;
  detail::arrival a;
  a.over_http = true;
  a.connection = connection->number;
  a.http = connection;
  a.version = request.version();
  a.keep_alive = request.keep_alive();
  a.got.method = std::string(request.method_string());
  a.got.uri = path.substr(5);
  a.got.query = detail::query_of(target);
  a.got.body = detail::body_of(request.body(), std::string(request[http::field::content_type]),
                               a.got.problem);
  // Read the next request at once: arrival order is kept across connections and within one.
  connection->read();
  arrived(std::move(a));
}

inline void server::impl::events_request(
    const std::shared_ptr<detail::http_connection>& connection) {
  namespace http = detail::http;
  const auto& request = connection->parser->get();
  const std::string target(request.target());
  if (!web::authorized(target, std::string(request[http::field::authorization]), o_.api_key)) {
    refuse(connection, 401, "Authentication required");
    return;
  }
  if (detail::query_value(target, "app").value_or("").empty()) {
    refuse(connection, 400, "app parameter is required");
    return;
  }
  if (!detail::websocket::is_upgrade(request)) {
    refuse(connection, 426, "WebSocket upgrade required");
    return;
  }
  if (o_.refuse_status != 0 && (o_.refuse_count == 0 || refused_upgrades_ < o_.refuse_count)) {
    ++refused_upgrades_;
    refuse(connection, o_.refuse_status,
           std::string(http::obsolete_reason(static_cast<http::status>(o_.refuse_status))));
    return;
  }
  if (o_.handshake_delay.count() > 0 && !handshake_delayed_) {
    handshake_delayed_ = true;
    const std::string delay = std::to_string(o_.handshake_delay.count());
    log("connection " + std::to_string(connection->number) + ": holding the handshake for " +
        delay + " ms");
    auto timer = std::make_shared<detail::net::steady_timer>(io_, o_.handshake_delay);
    timer->async_wait([this, timer, connection, delay](error_code error) {
      if (error || stopping_ || connection->ended) return;
      const std::string prefix = "connection " + std::to_string(connection->number) +
                                 ": handshake after " + delay + " ms: ";
      if (detail::peer_gone(connection->socket)) {
        log(prefix + "the client had gone");
        connection->ended = true;  // closed for good, nothing else to say about it
        error_code ignored;
        connection->socket.close(ignored);
        return;
      }
      log(prefix + "the client was still there");
      upgrade(connection, true);
    });
    return;
  }
  upgrade(connection, false);
}

inline void server::impl::upgrade(const std::shared_ptr<detail::http_connection>& connection,
                                  bool late) {
  const long number = connection->number;
  auto [socket, request] = connection->hand_over();
  auto session = std::make_shared<detail::ws_session>(
      *this, std::move(socket), number, 0,
      detail::query_value(std::string(request.target()), "app").value_or(""));
  session->ws.read_message_max(o_.body_limit);
  session->ws.auto_fragment(false);
  // Listed now, so that stop() closes it mid-handshake too.
  sessions_.erase(std::remove_if(sessions_.begin(), sessions_.end(),
                                 [](const auto& weak) { return weak.expired(); }),
                  sessions_.end());
  sessions_.push_back(session);
  auto held = std::make_shared<decltype(request)>(std::move(request));
  session->ws.async_accept(*held, [this, session, held, late](error_code error) {
    if (stopping_) return;
    if (error) {
      log("connection " + std::to_string(session->number) + ": handshake failed (" +
          error.message() + ")" + (late ? " after the delay" : ""));
      return;
    }
    session->ordinal = ++websockets_;
    ++websockets_open_;
    std::string line =
        "connection " + std::to_string(session->number) + ": websocket " +
        std::to_string(session->ordinal) + " for app " + session->app + ", serving from line " +
        std::to_string(next_ < steps_.size() ? steps_[next_].line : steps_.size() + 1);
    if (current_) line += ", replacing connection " + std::to_string(current_->number);
    log(line);
    current_ = session;
    session->read();
    advance();
  });
}

inline void server::impl::on_message(const std::shared_ptr<detail::ws_session>& session,
                                     std::string text, bool is_text) {
  detail::arrival a;
  a.connection = session->number;
  a.ws = session;
  const auto message = detail::json::parse(text, nullptr, false);
  if (!is_text) {
    a.got.problem = "a binary frame";
  } else if (message.is_discarded() || !message.is_object() ||
             message.value("type", "") != "RESTRequest") {
    a.got.problem = "a frame that is not a RESTRequest: " + text.substr(0, 200);
  } else {
    try {
      a.transaction_id = message.at("transaction_id").get<std::string>();
      a.request_id = message.at("request_id").get<std::string>();
      a.got.method = message.at("method").get<std::string>();
      a.got.uri = message.at("uri").get<std::string>();
      if (message.contains("query_strings")) {
        for (const auto& parameter : message.at("query_strings")) {
          a.got.query.emplace_back(parameter.at("name").get<std::string>(),
                                   parameter.at("value").get<std::string>());
        }
      }
      if (message.contains("message_body")) {
        a.got.body = detail::body_of(message.at("message_body").get<std::string>(),
                                     message.value("content_type", ""), a.got.problem);
      }
    } catch (const std::exception& e) {
      a.got.problem = std::string("a RESTRequest that cannot be read: ") + e.what();
    }
  }
  arrived(std::move(a));
}

inline void server::impl::arrived(detail::arrival a) {
  if (next_ >= steps_.size()) {
    ++beyond_;
    log("request: " + a.got.describe() + (a.got.problem.empty() ? "" : " with " + a.got.problem) +
        " beyond the script (" + a.where() + ")");
    return;
  }
  arrivals_.push_back(std::move(a));
  advance();
}

inline void server::impl::on_websocket_end(detail::ws_session& session) {
  --websockets_open_;
  if (current_.get() == &session) current_.reset();
  if (o_.connections > 0 && websockets_ >= o_.connections && websockets_open_ == 0) {
    const bool say = requests_ > 0 || next_ < steps_.size() || beyond_ > 0;
    if (say) log(summary_line());
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
    changed_.notify_all();
  }
}

inline std::string server::impl::summary_line() const {
  std::string line = "conversation: " + std::to_string(matched_.load()) + " of " +
                     std::to_string(requests_.load()) + " requests as expected";
  if (next_ < steps_.size()) line += ", script not finished";
  if (beyond_ > 0) line += ", " + std::to_string(beyond_.load()) + " beyond the script";
  return line;
}

inline void server::impl::drop(detail::ws_session& session) {
  session.ended = true;
  error_code ignored;
  // No close frame: the client sees the socket drop.
  session.ws.next_layer().socket().shutdown(tcp::socket::shutdown_both, ignored);
  session.ws.next_layer().socket().close(ignored);
  session.ws.next_layer().resume();
  log("connection " + std::to_string(session.number) + ": dropped after " +
      std::to_string(session.sent) + " frames");
  on_websocket_end(session);
}

inline void server::impl::send(const std::shared_ptr<detail::ws_session>& session, std::string text,
                               bool binary, std::function<void(error_code)> done) {
  auto payload = std::make_shared<std::string>(std::move(text));
  session->ws.binary(binary);
  session->ws.async_write(detail::net::buffer(*payload), [session, payload, done = std::move(done)](
                                                             error_code error, std::size_t) {
    if (!error) ++session->sent;
    done(error);
  });
}

inline void server::impl::check(detail::arrival& a, const step& s) {
  a.number = ++requests_;
  std::string problem = a.got.problem;
  if (problem.empty() && a.over_http != o_.http_requests) {
    problem = a.over_http ? "HTTP where a RESTRequest was expected"
                          : "a RESTRequest where HTTP was expected";
  }
  const bool same = problem.empty() && a.got.method == s.expected.method &&
                    a.got.uri == s.expected.uri && a.got.query == s.expected.query &&
                    a.got.body == s.expected.body;
  std::string line = "request " + std::to_string(a.number) + ": " + a.got.describe();
  if (same) {
    ++matched_;
    line += " as expected; ";
  } else {
    line += (problem.empty() ? "" : " with " + problem) +
            " NOT AS EXPECTED: " + s.expected.describe() + "; ";
  }
  line += s.answer ? "answered " +
                         (s.answer->raw ? std::string("raw") : std::to_string(s.answer->status))
                   : std::string("not answered");
  log(line + " (" + a.where() + ")");
}

inline void server::impl::answer(const detail::arrival& a, const detail::reply& r,
                                 std::function<void()> done) {
  const long number = a.number;
  auto delivered = [this, number, done = std::move(done)](error_code error) {
    if (stopping_) return;
    if (error) {
      log("request " + std::to_string(number) + ": answer not delivered (" + error.message() + ")");
    }
    done();
  };
  if (a.over_http) {
    auto connection = a.http.lock();
    if (!connection || connection->ended) {
      delivered(detail::net::error::not_connected);
      return;
    }
    if (r.raw) {
      auto payload = std::make_shared<std::string>(*r.raw);
      detail::net::async_write(
          connection->socket, detail::net::buffer(*payload),
          [connection, payload, delivered](error_code error, std::size_t) { delivered(error); });
      return;
    }
    auto response = web::json_response(r.status, r.body.value_or(""), a.keep_alive, a.version);
    if (!r.reason.empty()) response->reason(r.reason);
    connection->write(response, delivered);
    return;
  }
  auto session = a.ws.lock();
  if (!session || session->ended) {
    delivered(detail::net::error::not_connected);
    return;
  }
  std::string frame;
  if (r.raw) {
    frame = *r.raw;
  } else {
    detail::json message = {{"type", "RESTResponse"},     {"transaction_id", a.transaction_id},
                            {"request_id", a.request_id}, {"status_code", r.status},
                            {"reason_phrase", r.reason},  {"uri", a.got.uri}};
    if (r.body) {
      message["content_type"] = "application/json";
      message["message_body"] = *r.body;
    }
    message["application"] = session->app;
    message["timestamp"] = detail::timestamp_now();
    message["asterisk_id"] = "02:fc:00:00:00:01";
    frame = message.dump(-1, ' ', false, detail::json::error_handler_t::replace);
  }
  send(session, std::move(frame), false, delivered);
}

inline void server::impl::all_done() {
  if (done_logged_) return;
  done_logged_ = true;
  log(current_ ? "connection " + std::to_string(current_->number) + ": sent " +
                     std::to_string(current_->sent) + " frames, all done"
               : std::string("script: all done"));
}

inline void server::impl::advance() {
  namespace net = detail::net;
  while (!busy_ && !stopping_ && next_ < steps_.size()) {
    const step& s = steps_[next_];
    if (current_ && current_->ordinal == 1 && o_.drop_after >= 0 && !drop_after_done_ &&
        current_->sent == o_.drop_after) {
      drop_after_done_ = true;
      drop(*current_);
      continue;
    }
    const auto resume = [this](error_code) {
      busy_ = false;
      advance();
    };
    switch (s.kind) {
      case step::frame:
      case step::binary: {
        if (!current_) return;
        busy_ = true;
        auto session = current_;
        send(session, s.text, s.kind == step::binary, [this, session, resume](error_code error) {
          if (stopping_) return;
          if (error) {
            session->end("write failed: " + error.message());  // the frame goes to the next one
            resume(error);
            return;
          }
          ++next_;
          if (o_.delay.count() > 0) {
            runner_timer_.expires_after(o_.delay);
            runner_timer_.async_wait(resume);
            return;
          }
          resume(error);
        });
        return;
      }
      case step::raw: {
        if (!current_) return;
        busy_ = true;
        auto session = current_;
        auto payload = std::make_shared<std::string>(s.text);
        net::async_write(session->ws.next_layer().socket(), net::buffer(*payload),
                         [this, session, payload, resume](error_code error, std::size_t) {
                           if (stopping_) return;
                           ++next_;
                           log("connection " + std::to_string(session->number) + ": wrote " +
                               std::to_string(payload->size()) + " raw bytes" +
                               (error ? " (" + error.message() + ")" : ""));
                           resume(error);
                         });
        return;
      }
      case step::expect: {
        if (arrivals_.empty()) return;
        detail::arrival a = std::move(arrivals_.front());
        arrivals_.pop_front();
        ++next_;
        check(a, s);
        if (!s.answer) {
          unanswered_.push_back(std::move(a));
          continue;
        }
        busy_ = true;
        answer(a, *s.answer, [resume] { resume({}); });
        return;
      }
      case step::respond: {
        ++next_;
        if (unanswered_.empty()) {
          ++beyond_;  // a script error: make the conversation fail
          log("line " + std::to_string(s.line) + ": respond, but no request is left unanswered");
          continue;
        }
        detail::arrival a = std::move(unanswered_.front());
        unanswered_.pop_front();
        log("request " + std::to_string(a.number) + ": answered " +
            (s.answer->raw ? std::string("raw") : std::to_string(s.answer->status)) + " (" +
            a.where() + ")");
        busy_ = true;
        answer(a, *s.answer, [resume] { resume({}); });
        return;
      }
      case step::drop_websocket:
        if (!current_) return;
        ++next_;
        drop(*current_);
        continue;
      case step::drop_http: {
        ++next_;
        for (auto& weak : http_connections_) {
          auto connection = weak.lock();
          if (connection && !connection->ended) connection->end("dropped by the script");
        }
        continue;
      }
      case step::close: {
        if (!current_) return;
        busy_ = true;
        auto session = current_;
        session->closing = true;
        current_.reset();  // the script goes on on the next connection
        const auto code = static_cast<std::uint16_t>(s.number);
        session->ws.async_close(detail::websocket::close_reason(
                                    static_cast<detail::websocket::close_code>(code), s.text),
                                [this, session, code, resume](error_code error) {
                                  if (stopping_) return;
                                  ++next_;
                                  log("connection " + std::to_string(session->number) +
                                      ": sent close " + std::to_string(code) +
                                      (error ? " (" + error.message() + ")" : ""));
                                  resume(error);
                                });
        return;
      }
      case step::pause:
      case step::wait: {
        if (!current_) return;  // the time counts on the event connection
        busy_ = true;
        ++next_;
        std::shared_ptr<detail::ws_session> paused;
        if (s.kind == step::pause && current_) {
          paused = current_;
          paused->ws.next_layer().pause();
          log("connection " + std::to_string(paused->number) + ": pausing " +
              std::to_string(s.number) + " ms");
        }
        runner_timer_.expires_after(std::chrono::milliseconds(s.number));
        runner_timer_.async_wait([this, paused, resume](error_code error) {
          if (stopping_) return;
          if (paused) {
            log("connection " + std::to_string(paused->number) + ": pause over");
            paused->ws.next_layer().resume();
          }
          resume(error);
        });
        return;
      }
      case step::wait_websocket:
        if (websockets_ < s.number) return;
        ++next_;
        continue;
    }
  }
  if (!busy_ && !stopping_ && next_ >= steps_.size()) {
    all_done();
    // Requests that came early and found no expect step left.
    while (!arrivals_.empty()) {
      detail::arrival a = std::move(arrivals_.front());
      arrivals_.pop_front();
      arrived(std::move(a));
    }
  }
}

std::vector<std::string> read_script(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

server::server(options o, std::vector<std::string> script)
    : impl_(std::make_unique<impl>(std::move(o), std::move(script))) {}

server::~server() {
  stop();
}

void server::start() {
  impl_->start();
}
void server::stop() {
  impl_->stop();
}
unsigned short server::port() const {
  return impl_->port_;
}

std::vector<std::string> server::lines() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->lines_;
}

std::string server::text() const {
  std::string out;
  for (const auto& line : lines())
    out += line + '\n';
  return out;
}

std::size_t server::count(std::string_view fragment) const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return static_cast<std::size_t>(std::count_if(
      impl_->lines_.begin(), impl_->lines_.end(),
      [&](const std::string& line) { return line.find(fragment) != std::string::npos; }));
}

bool server::wait_until(const log_predicate& done, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(impl_->mutex_);
  return impl_->changed_.wait_for(lock, timeout, [&] { return done(impl_->lines_); });
}

bool server::wait_for(std::string_view fragment, std::size_t times,
                      std::chrono::milliseconds timeout) const {
  return wait_until(
      [&](const std::vector<std::string>& lines) {
        return static_cast<std::size_t>(
                   std::count_if(lines.begin(), lines.end(), [&](const std::string& line) {
                     return line.find(fragment) != std::string::npos;
                   })) >= times;
      },
      timeout);
}

bool server::finished() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->finished_;
}

bool server::wait_finished(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(impl_->mutex_);
  return impl_->changed_.wait_for(lock, timeout, [&] { return impl_->finished_; });
}

bool server::succeeded() const {
  return impl_->matched_ == impl_->requests_ && impl_->beyond_ == 0 &&
         impl_->next_ >= impl_->steps_.size();
}

std::string server::summary() const {
  return impl_->summary_line();
}

}  // namespace ari_replay

#endif  // ARI_REPLAY_SERVER_IMPLEMENTATION
