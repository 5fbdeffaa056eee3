// stasis_app: a small but complete Stasis application on Boost.Beast. It connects to Asterisk's
// /ari/events WebSocket, turns every text frame into an ari::Event, dispatches it and logs one
// line per event. It answers each channel that enters the application, plays a prompt and
// hangs up when the prompt has finished, sending its requests over HTTP or, with
// --requests-over-websocket, as RESTRequest messages on the event socket (Asterisk 20+).
//
// Everything runs on one thread, asynchronously, so that every step has a deadline: connect,
// handshake and each request time out (--timeout-ms), and the socket is pinged when it has been
// quiet for half of --idle-timeout-ms and given up when nothing at all arrives for all of it.
// A dropped connection is re-established with capped, jittered exponential backoff; a refused
// login, an unknown host or losing the application to another connection (ApplicationReplaced)
// end the program instead. Run with --help for the options.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <ari/ari.hpp>
#include <ari/requests.hpp>

#include "web_support.hpp"

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace rq = ari::requests;
using tcp = net::ip::tcp;
using error_code = beast::error_code;

namespace {

constexpr const char* usage = R"(usage: stasis_app [options]

Connects to ws://HOST:PORT/ari/events?app=NAME&api_key=USER:PASS, logs one line per event, and
answers every channel that enters the application, plays a prompt to it and hangs it up when
the prompt has finished, logging each request and its response.

  --host HOST                 Asterisk's HTTP server (env ARI_HOST; default 127.0.0.1); an
                              IPv6 literal is written without brackets (--host ::1)
  --port PORT                 its port (env ARI_PORT; default 8088)
  --app NAME                  Stasis application to register (env ARI_APP; default hello)
  --user USER                 ari.conf user (env ARI_USER; default asterisk)
  --password PASS             its password (env ARI_PASSWORD; default asterisk)
  --subscribe-all             also receive every event of the system (subscribeAll=true)
  --media URI                 what to play (default sound:hello-world)
  --requests-over-websocket   send requests as RESTRequest messages on the event WebSocket
                              (Asterisk 20+) instead of HTTP requests to HOST:PORT
  --log-only                  only log events; send no requests
  --timeout-ms N              deadline of a connect, a handshake and a request (default 10000)
  --idle-timeout-ms N         ping after half of N ms without traffic, reconnect after N ms
                              without any (default 60000)
  --initial-backoff-ms N      first wait before reconnecting (default 500)
  --max-backoff-ms N          longest wait; the wait doubles up to it (default 30000). Each
                              wait is drawn between half of it and all of it, so that many
                              instances restarting together do not reconnect in lockstep.
  --max-attempts N            give up (exit 1) after N failed connection attempts in a row
                              (default: never)
  --record FILE               append every frame received to FILE, one per line (a capture for
                              examples/decode --check). A frame Asterisk pretty-printed
                              (ari.conf pretty=yes) has its line breaks removed: only
                              whitespace between tokens changes.
  --exit-after-events N       exit 0 after N events, RESTResponse messages not counted (for
                              tests; default: run forever)
  --help                      this text

Exit status: 0 after --exit-after-events, 1 after --max-attempts, 2 for a bad command line, an
unknown host or refused credentials (HTTP 401/403), 3 when another connection took the
application over (ApplicationReplaced).
)";

struct options {
  std::string host = "127.0.0.1";
  std::string port = "8088";
  std::string app = "hello";
  std::string user = "asterisk";
  std::string password = "asterisk";
  bool subscribe_all = false;
  std::string media = "sound:hello-world";
  bool requests_over_websocket = false;
  bool log_only = false;
  std::chrono::milliseconds timeout{10000};
  std::chrono::milliseconds idle_timeout{60000};
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{30000};
  std::optional<long> max_attempts;
  std::optional<long> exit_after_events;
  std::string record;
};

std::string from_env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// A TCP port: 1 to 65535, digits only (a service name would fail later, and forever).
void check_port(const std::string& port) {
  const bool digits = !port.empty() && port.size() <= 5 &&
                      port.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stol(port) < 1 || std::stol(port) > 65535) {
    std::cerr << "stasis_app: --port takes a port number from 1 to 65535, not '" << port << "'\n";
    std::exit(2);
  }
}

// Exits with usage on a bad command line.
options parse_options(int argc, char** argv) {
  options o;
  o.host = from_env("ARI_HOST", o.host);
  o.port = from_env("ARI_PORT", o.port);
  check_port(o.port);
  o.app = from_env("ARI_APP", o.app);
  o.user = from_env("ARI_USER", o.user);
  o.password = from_env("ARI_PASSWORD", o.password);
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "stasis_app: " << arg << " needs a value\n" << usage;
        std::exit(2);
      }
      return argv[++i];
    };
    const auto number = [&]() -> long {
      const std::string text = value();
      char* end = nullptr;
      const long n = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || n < 0) {
        std::cerr << "stasis_app: " << arg << " takes a whole number, not " << text << '\n';
        std::exit(2);
      }
      return n;
    };
    if (arg == "--help" || arg == "-h") {
      std::cout << usage;
      std::exit(0);
    } else if (arg == "--host") {
      o.host = value();
    } else if (arg == "--port") {
      o.port = value();
      check_port(o.port);
    } else if (arg == "--app") {
      o.app = value();
    } else if (arg == "--user") {
      o.user = value();
    } else if (arg == "--password") {
      o.password = value();
    } else if (arg == "--subscribe-all") {
      o.subscribe_all = true;
    } else if (arg == "--media") {
      o.media = value();
    } else if (arg == "--requests-over-websocket") {
      o.requests_over_websocket = true;
    } else if (arg == "--log-only") {
      o.log_only = true;
    } else if (arg == "--timeout-ms") {
      o.timeout = std::chrono::milliseconds{std::max(1L, number())};
    } else if (arg == "--idle-timeout-ms") {
      o.idle_timeout = std::chrono::milliseconds{std::max(2L, number())};
    } else if (arg == "--initial-backoff-ms") {
      o.initial_backoff = std::chrono::milliseconds{number()};
    } else if (arg == "--max-backoff-ms") {
      o.max_backoff = std::chrono::milliseconds{number()};
    } else if (arg == "--max-attempts") {
      o.max_attempts = number();
    } else if (arg == "--record") {
      o.record = value();
    } else if (arg == "--exit-after-events") {
      o.exit_after_events = number();
    } else {
      std::cerr << "stasis_app: unknown option " << arg << '\n' << usage;
      std::exit(2);
    }
  }
  return o;
}

void log(const std::string& line) {
  std::cout << line << std::endl;
}

std::string ids_of(const ari::Event& event) {
  const auto ids = ari::related_ids(event);
  std::string text;
  const auto add = [&](const char* kind, const std::vector<std::string>& list) {
    for (const auto& id : list)
      text += std::string(" ") + kind + "=" + id;
  };
  add("channel", ids.channels);
  add("bridge", ids.bridges);
  add("playback", ids.playbacks);
  add("recording", ids.recordings);
  add("endpoint", ids.endpoints);
  add("device", ids.devices);
  return text;
}

// One HTTP request on its own connection, with one deadline for all of it.
class http_call : public std::enable_shared_from_this<http_call> {
 public:
  using handler = std::function<void(error_code, const ari::RESTResponse&)>;

  http_call(net::io_context& io, http::request<http::string_body> request, handler done)
      : resolver_(io), stream_(io), request_(std::move(request)), done_(std::move(done)) {}

  void start(const std::string& host, const std::string& port, std::chrono::milliseconds timeout) {
    stream_.expires_after(timeout);
    resolver_.async_resolve(host, port, [self = shared_from_this()](error_code e, auto results) {
      if (e) return self->finish(e);
      self->stream_.async_connect(results, [self](error_code connected, const auto&) {
        if (connected) return self->finish(connected);
        http::async_write(self->stream_, self->request_, [self](error_code written, std::size_t) {
          if (written) return self->finish(written);
          http::async_read(self->stream_, self->buffer_, self->response_,
                           [self](error_code read, std::size_t) { self->finish(read); });
        });
      });
    });
  }

 private:
  // The answer in the shape of a RESTResponse, so that both transports end the same way.
  void finish(error_code e) {
    ari::RESTResponse response;
    if (!e) {
      response.status_code = static_cast<int>(response_.result_int());
      response.reason_phrase = std::string(response_.reason());
      response.uri = std::string(request_.target());
      response.message_body = std::move(response_.body());
    }
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    done_(e, response);
  }

  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  beast::flat_buffer buffer_;
  handler done_;
};

class stasis_app {
 public:
  explicit stasis_app(options o)
      : o_(std::move(o)), resolver_(io_), reconnect_timer_(io_), backoff_(o_.initial_backoff) {
    std::random_device seed;
    random_.seed(seed());
    register_handlers();
  }

  int run() {
    if (!o_.record.empty()) {
      record_.open(o_.record, std::ios::app);
      if (!record_) {
        std::cerr << "stasis_app: cannot write " << o_.record << '\n';
        return 2;
      }
    }
    connect();
    io_.run();
    return exit_status_;
  }

 private:
  using socket_type = websocket::stream<beast::tcp_stream>;

  // "[::1]:8088": an IPv6 literal is bracketed in URLs and in the Host header.
  std::string authority() const {
    const bool ipv6 = o_.host.find(':') != std::string::npos;
    return (ipv6 ? "[" + o_.host + "]" : o_.host) + ":" + o_.port;
  }

  // The event WebSocket's path and query, from its request type; api_key is not a schema
  // parameter.
  std::string target() const {
    rq::events::eventWebsocket subscribe;
    subscribe.app = {o_.app};
    if (o_.subscribe_all) subscribe.subscribeAll = true;
    return ari::to_http(subscribe).target +
           "&api_key=" + ari::percent_encode(o_.user + ":" + o_.password);
  }

  void connect() {
    ws_ = std::make_unique<socket_type>(io_);
    handshake_response_ = {};
    beast::get_lowest_layer(*ws_).expires_after(o_.timeout);
    resolver_.async_resolve(o_.host, o_.port, [this](error_code e, auto results) {
      if (e) return attempt_failed(e);
      beast::get_lowest_layer(*ws_).async_connect(results, [this](error_code failed, const auto&) {
        if (failed) return attempt_failed(failed);
        // From here the WebSocket keeps its own deadlines: the handshake's, then pings.
        beast::get_lowest_layer(*ws_).expires_never();
        websocket::stream_base::timeout deadlines{};
        deadlines.handshake_timeout = o_.timeout;
        deadlines.idle_timeout = o_.idle_timeout;
        deadlines.keep_alive_pings = true;
        ws_->set_option(deadlines);
        // The handshake that hands back the HTTP response, for its 401.
        ws_->async_handshake(handshake_response_, authority(), target(), [this](error_code shaken) {
          if (shaken) return attempt_failed(shaken);
          connected();
        });
      });
    });
  }

  void attempt_failed(error_code e) {
    std::string reason = e.message();
    const unsigned status =
        e == websocket::error::upgrade_declined ? handshake_response_.result_int() : 0U;
    if (status != 0) {
      reason += " (HTTP " + std::to_string(status) + " " +
                std::string(handshake_response_.reason()) + ")";
    }
    log("connect to ws://" + authority() + "/ari/events failed: " + reason);
    // Retrying cannot fix a name that does not resolve or credentials that are refused.
    if (e == net::error::host_not_found || status == 401 || status == 403) {
      log(status == 0 ? "not retrying: check --host" : "not retrying: check --user and --password");
      return finish(2);
    }
    ++failed_attempts_;
    if (o_.max_attempts && failed_attempts_ >= *o_.max_attempts) {
      log("giving up after " + std::to_string(failed_attempts_) + " failed attempts");
      return finish(1);
    }
    reconnect_later();
  }

  void connected() {
    failed_attempts_ = 0;
    backoff_ = o_.initial_backoff;
    ++connections_;
    log("connected to ws://" + authority() + "/ari/events as application " + o_.app);
    read_next();
    // Asterisk does not replay what it sent while this application was away: whatever
    // started or ended then is only known by asking.
    if (connections_ > 1 && !o_.log_only) reread_state();
  }

  void reconnect_later() {
    // Between half of the backoff and all of it: instances restarted together spread out.
    std::uniform_int_distribution<long long> draw(backoff_.count() / 2, backoff_.count());
    const std::chrono::milliseconds wait{draw(random_)};
    log("reconnecting in " + std::to_string(wait.count()) + " ms");
    backoff_ = std::min(backoff_ * 2, o_.max_backoff);
    reconnect_timer_.expires_after(wait);
    reconnect_timer_.async_wait([this](error_code e) {
      if (!e && !stopping_) connect();
    });
  }

  void read_next() {
    ws_->async_read(buffer_, [this](error_code e, std::size_t) {
      if (stopping_) return;
      if (e) return connection_lost(e);
      const std::string frame = beast::buffers_to_string(buffer_.data());
      buffer_.consume(buffer_.size());
      on_frame(frame);
      if (!stopping_) read_next();
    });
  }

  void connection_lost(error_code e) {
    log("connection lost: " + e.message());
    outbox_.clear();
    writing_ = false;
    for (auto& entry : pending_) {
      log("request " + entry.first + " failed: the connection was lost before its response");
      entry.second.timer->cancel();
    }
    pending_.clear();
    reconnect_later();
  }

  void on_frame(const std::string& frame) {
    if (record_.is_open()) {
      // Line breaks can only be whitespace between tokens (JSON escapes them in strings).
      std::string line = frame;
      line.erase(std::remove(line.begin(), line.end(), '\n'), line.end());
      line.erase(std::remove(line.begin(), line.end(), '\r'), line.end());
      record_ << line << std::endl;
    }
    auto result = ari::try_parse_event(frame);
    if (!result) {
      log("bad frame skipped: " + std::string(result.error().what()) + "; frame: " + frame);
      return;
    }
    log("event " + std::string(ari::type_name(*result)) + ids_of(*result));
    try {
      events_.dispatch(*result);
    } catch (const std::exception& e) {
      log("handler failed: " + std::string(e.what()));
    }
    if (std::holds_alternative<ari::RESTResponse>(*result) || stopping_) return;
    if (o_.exit_after_events && ++event_count_ >= *o_.exit_after_events) {
      log("exiting after " + std::to_string(event_count_) + " events");
      finish(0);
    }
  }

  void finish(int status) {
    stopping_ = true;
    exit_status_ = status;
    reconnect_timer_.cancel();
    if (ws_ && ws_->is_open() && !writing_) {
      ws_->async_close(websocket::close_code::normal, [this](error_code) { io_.stop(); });
    } else {
      io_.stop();
    }
  }

  void write_frame(std::string frame) {
    outbox_.push_back(std::move(frame));
    if (!writing_) write_next();
  }

  void write_next() {
    if (outbox_.empty()) {
      writing_ = false;
      return;
    }
    writing_ = true;
    ws_->text(true);
    ws_->async_write(net::buffer(outbox_.front()), [this](error_code e, std::size_t) {
      if (e) return;  // the read fails too and reports the connection lost
      outbox_.erase(outbox_.begin());
      write_next();
    });
  }

  // Sends a request over the chosen transport, logs it and its response, and calls
  // on_success with the typed response. A failure (an error status, a timeout, a lost
  // connection) is logged and the application carries on.
  template <class R, class OnSuccess>
  void send(const R& request, OnSuccess on_success) {
    const std::string id = "rq-" + std::to_string(++request_count_);
    auto complete = [id, on_success](const ari::RESTResponse& response) {
      auto result = ari::try_decode_response<R>(response);
      if (!result) {
        log("request " + id + " failed: " + result.error().what());
        return;
      }
      log("response " + id + ": " + std::to_string(response.status_code) + " " +
          response.reason_phrase);
      if constexpr (std::is_void_v<typename R::response>) {
        on_success();
      } else {
        on_success(*result);
      }
    };
    if (o_.requests_over_websocket) {
      ari::RESTRequest message = ari::to_rest_request(request, "tx-" + id.substr(3), id);
      std::string query;
      for (const auto& parameter :
           message.query_strings.value_or(std::vector<ari::RESTQueryStringParameter>{})) {
        query += (query.empty() ? "?" : "&") + parameter.name + "=" + parameter.value;
      }
      log("request " + id + ": " + message.method + " " + message.uri + query + " (RESTRequest)");
      auto timer = std::make_shared<net::steady_timer>(io_, o_.timeout);
      pending_[id] = pending_request{complete, timer};
      timer->async_wait([this, id](error_code e) {
        if (e || pending_.erase(id) == 0) return;
        log("request " + id + " failed: no response within " + std::to_string(o_.timeout.count()) +
            " ms");
      });
      write_frame(ari::to_frame(message));
      return;
    }
    const ari::http_request form = ari::to_http(request);
    log("request " + id + ": " + form.method + " " + form.target);
    http::request<http::string_body> out{http::string_to_verb(form.method), form.target, 11};
    out.set(http::field::host, authority());
    out.set(http::field::authorization, web::basic_authorization(o_.user + ":" + o_.password));
    if (!form.body.empty()) {
      out.set(http::field::content_type, form.content_type);
      out.body() = form.body;
    }
    out.prepare_payload();
    std::make_shared<http_call>(io_, std::move(out),
                                [id, complete](error_code e, const ari::RESTResponse& response) {
                                  if (e) {
                                    log("request " + id + " failed: " + e.message());
                                  } else {
                                    complete(response);
                                  }
                                })
        ->start(o_.host, o_.port, o_.timeout);
  }

  void reread_state() {
    log("reconnected: events sent while disconnected are lost; reading the current state");
    send(rq::channels::list{}, [this](const std::vector<ari::Channel>& channels) {
      log("  -> " + std::to_string(channels.size()) + " channels exist");
      send(rq::bridges::list{}, [](const std::vector<ari::Bridge>& bridges) {
        log("  -> " + std::to_string(bridges.size()) + " bridges exist");
      });
    });
  }

  // The application: answer, play, hang up when the prompt has finished.
  void register_handlers() {
    events_.on<ari::StasisStart>([this](const ari::StasisStart& e) {
      log("  -> channel " + e.channel.id + " entered the application (caller " +
          e.channel.caller.number + ")");
      if (o_.log_only || e.application != o_.app) return;
      const std::string channel = e.channel.id;
      rq::channels::answer answer;
      answer.channelId = channel;
      send(answer, [this, channel] {
        rq::channels::play play;
        play.channelId = channel;
        play.media = {o_.media};
        send(play,
             [this, channel](const ari::Playback& playback) { playbacks_[playback.id] = channel; });
      });
    });
    events_.on<ari::PlaybackFinished>([this](const ari::PlaybackFinished& e) {
      const auto playing = playbacks_.find(e.playback.id);
      if (playing == playbacks_.end()) return;
      rq::channels::hangup hangup;
      hangup.channelId = playing->second;
      playbacks_.erase(playing);
      send(hangup, [] {});
    });
    events_.on<ari::StasisEnd>([](const ari::StasisEnd& e) {
      log("  -> channel " + e.channel.id + " left the application");
    });
    events_.on<ari::RESTResponse>([this](const ari::RESTResponse& e) {
      const auto waiting = pending_.find(e.request_id);
      if (waiting == pending_.end()) {
        log("  -> a response to no request of this connection: " + e.request_id);
        return;
      }
      const pending_request request = waiting->second;
      pending_.erase(waiting);
      request.timer->cancel();
      request.complete(e);
    });
    events_.on<ari::ApplicationReplaced>([this](const ari::ApplicationReplaced& e) {
      // Another connection registered the same name and now gets its events; reconnecting
      // would only take it back and forth.
      log("application " + e.application +
          " was taken over by another connection (ApplicationReplaced): exiting");
      finish(3);
    });
    events_.on<ari::UnknownEvent>([](const ari::UnknownEvent& e) {
      log("  -> an event type this ari-events does not know: " + e.type);
    });
  }

  struct pending_request {
    std::function<void(const ari::RESTResponse&)> complete;
    std::shared_ptr<net::steady_timer> timer;
  };

  options o_;
  net::io_context io_;
  tcp::resolver resolver_;
  net::steady_timer reconnect_timer_;
  std::unique_ptr<socket_type> ws_;
  websocket::response_type handshake_response_;
  beast::flat_buffer buffer_;
  std::vector<std::string> outbox_;
  bool writing_ = false;
  bool stopping_ = false;
  int exit_status_ = 0;
  std::chrono::milliseconds backoff_;
  std::mt19937 random_;
  long failed_attempts_ = 0;
  long connections_ = 0;
  long event_count_ = 0;
  long request_count_ = 0;
  std::map<std::string, pending_request> pending_;
  std::map<std::string, std::string> playbacks_;  // playback id -> channel id
  std::ofstream record_;
  ari::dispatcher events_;
};

}  // namespace

int main(int argc, char** argv) {
  stasis_app app(parse_options(argc, argv));
  return app.run();
}
