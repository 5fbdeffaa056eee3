// ari-events client: a Stasis application's connection to Asterisk. Events arrive on the
// /ari/events WebSocket and go to handlers per type and to waits; requests go over HTTP or as
// RESTRequest messages on the same socket; the socket is kept alive, timed out and renewed.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/version.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/system/system_error.hpp>

#include "ari/client/detail/completion.hpp"
#include "ari/client/detail/http_pool.hpp"
#include "ari/client/detail/operations.hpp"
#include "ari/client/detail/serial_executor.hpp"
#include "ari/client/detail/socket_requests.hpp"
#include "ari/client/detail/streams.hpp"
#include "ari/client/detail/websocket_link.hpp"
#include "ari/client/error.hpp"
#include "ari/client/events.hpp"
#include "ari/client/options.hpp"
#include "ari/detail/basic_authorization.hpp"
#include "ari/requests.hpp"
#include "ari/serialize.hpp"

namespace ari {

/// What client::on_connected is told.
struct connection_info {
  /// The connection's number: 1 for the first, then one more for each reconnect.
  std::uint64_t connection = 0;
  /// True when an earlier connection was up: events sent while the client was disconnected
  /// are lost (Asterisk does not resend them), so re-read what the application depends on
  /// (channels, bridges) before trusting its state.
  bool reconnect = false;
};

/// What client::on_disconnected is told: a connection lost or an attempt that failed.
struct disconnect_info {
  /// The connection lost; 0 when an attempt to connect failed.
  std::uint64_t connection = 0;
  /// Why: client_errc::timed_out, a socket error, websocket::error::upgrade_declined...
  boost::system::error_code error;
  /// The HTTP status when Asterisk declined the WebSocket upgrade, else 0.
  int http_status = 0;
  /// When the next attempt starts.
  std::chrono::milliseconds retry_in{0};
};

/// The event stream and the requests of a client that does not use sockets: how
/// ari::testing::simulated_transport runs a client on an in-process simulator. An extension
/// point on the client's internals (detail types), for test doubles; everything runs on the
/// client's strand.
class client_transport {
 public:
  virtual ~client_transport() = default;
  /// Opens the event stream for options.applications; its frames go to `owner`, on `strand`.
  virtual std::shared_ptr<detail::websocket_link_base> open(
      const client_options& options, std::weak_ptr<detail::link_owner> owner,
      std::uint64_t connection, const boost::asio::any_io_executor& strand) = 0;
  /// Answers a request made over HTTP (job.target starts with "/ari/").
  virtual void request(detail::http_job job) = 0;
};

namespace detail {

// "Basic " + base64(user:password).
inline std::string basic_authorization(const std::string& user, const std::string& password) {
  return basic_authorization(user + ":" + password);
}

// The connection's state and all its work, on one strand. Held by the client and by every
// operation in flight, so that the client may go away first.
class client_core final : public link_owner, public std::enable_shared_from_this<client_core> {
 public:
  // A strand, or the io_context's executor when one thread runs it (serial_executor).
  using strand_type = boost::asio::any_io_executor;

  client_core(const boost::asio::any_io_executor& executor, client_options options,
              std::shared_ptr<client_transport> transport = nullptr)
      : strand_(serial_executor(executor)),
        options_(std::move(options)),
        transport_(std::move(transport)),
        resolver_(strand_),
        attempt_timer_(strand_),
        backoff_timer_(strand_),
        random_(std::random_device{}()),
        socket_requests_(strand_) {
    std::string why;
    auto address = parse_url(options_.url, why);
    if (!address) throw std::invalid_argument("ari::client: url '" + options_.url + "': " + why);
    address_ = std::move(*address);
    if (address_.tls && !tls_available) {
      throw std::invalid_argument("ari::client: url '" + options_.url + "': " + tls_missing_text());
    }
    if (options_.applications.empty()) {
      throw std::invalid_argument(
          "ari::client: client_options::applications is empty: name the Stasis application(s) "
          "to register");
    }
    for (const auto& name : options_.applications) {
      if (name.empty() || name.find(',') != std::string::npos) {
        throw std::invalid_argument("ari::client: application name '" + name +
                                    "' (not empty, no comma: Asterisk splits the list on commas)");
      }
    }
    authorization_ = basic_authorization(options_.username, options_.password);
    hub_.set_history_limit(options_.max_retained_events);
    backoff_ = options_.initial_backoff;
    make_http_pool();  // requests over HTTP need no event socket: they may go before start()
  }

  strand_type& strand() noexcept { return strand_; }
  event_hub& hub() noexcept { return hub_; }
  const client_options& options() const noexcept { return options_; }
  const parse_limits& limits() const noexcept { return options_.limits; }

  std::function<void(const connection_info&)> on_connected;
  std::function<void(const disconnect_info&)> on_disconnected;
  std::function<void(stop_reason, const std::string&)> on_stopped;
  std::function<void(const bad_frame&)> on_bad_frame;

  void start() {
    boost::asio::dispatch(strand_, [self = shared_from_this()] {
      if (self->state_ != state::idle) return;
      self->attempt();
    });
  }

  void stop() {
    boost::asio::dispatch(strand_, [self = shared_from_this()] {
      self->stop_for(stop_reason::requested, "stop() was called");
    });
  }

  // Sends a request (on the strand); `done` gets Asterisk's answer as a RESTResponse, or an
  // error.
  void send(encoded_request request, raw_callback done) {
    if (state_ == state::stopped) return done(client_errc::stopped, {});
    const auto deadline = steady_clock::now() + options_.request_timeout;
    if (options_.requests == request_transport::http) {
      http_job job;
      job.method = std::move(request.http.method);
      job.target = address_.prefix + request.http.target;
      job.content_type = std::move(request.http.content_type);
      job.body = std::move(request.http.body);
      job.deadline = deadline;
      job.done = [done = std::move(done)](boost::system::error_code error,
                                          raw_response&& raw) mutable {
        RESTResponse response;
        response.status_code = raw.status;
        response.reason_phrase = std::move(raw.reason);
        if (!raw.body.empty()) response.message_body = std::move(raw.body);
        done(error, std::move(response));
      };
      submit_http_(std::move(job));
      return;
    }
    socket_requests_.send(std::move(*request.frame), deadline, std::move(done), link_.get(),
                          [weak = weak_from_this()](const std::string& id) {
                            if (auto self = weak.lock()) {
                              self->socket_requests_.finish(id, client_errc::timed_out, {});
                            }
                          });
  }

  // link_owner: what the event socket reports.
  void link_event(Event&& event) override {
    const bool replaced = std::holds_alternative<ApplicationReplaced>(event);
    std::string application;
    if (replaced) application = std::get<ApplicationReplaced>(event).application;
    hub_.deliver(std::move(event));
    if (replaced && state_ == state::connected) {
      if (options_.retry_application_replaced) {
        if (link_) link_->close(false);
      } else {
        stop_for(stop_reason::application_replaced,
                 "another connection took application '" + application + "' over");
      }
    }
  }

  void link_response(RESTResponse&& response) override {
    socket_requests_.answer(std::move(response), hub_);
  }

  void link_bad_frame(bad_frame&& frame) override {
    if (on_bad_frame) on_bad_frame(frame);
  }

  void link_closed(std::uint64_t connection, boost::system::error_code error) override {
    if (!link_ || link_->connection() != connection) return;
    link_.reset();
    socket_requests_.fail_sent(state_ == state::stopped ? client_errc::stopped
                                                        : client_errc::disconnected);
    if (state_ == state::stopped) return;
    hub_.fail_all(client_errc::disconnected);
    // The server may have gone away with the socket: its idle keep-alive connections too.
    if (close_idle_http_) close_idle_http_();
    // A connection that was up resets the backoff: the first retry comes soon.
    backoff_ = options_.initial_backoff;
    const auto delay = next_delay();
    if (on_disconnected) {
      on_disconnected(disconnect_info{
          connection, error ? error : make_error_code(client_errc::disconnected), 0, delay});
    }
    wait_and_attempt(delay);
  }

 private:
  enum class state { idle, connecting, connected, waiting, stopped };

  void make_http_pool() {
    if (options_.requests != request_transport::http) return;
    if (transport_) {
      submit_http_ = [transport = transport_](http_job job) { transport->request(std::move(job)); };
      shut_down_http_ = [](boost::system::error_code) {};
      return;
    }
    http_settings settings{address_, authorization_, options_.http_connections,
                           options_.http_idle_close, options_.max_response_size};
    if (address_.tls) {
#if defined(ARI_CLIENT_TLS) && ARI_CLIENT_TLS
      tls_context_ = make_client_tls(options_.verify_peer, options_.ca_file);
      auto pool = std::make_shared<http_pool<tls_stream, strand_type>>(
          strand_, std::move(settings), [strand = strand_, context = tls_context_] {
            return std::make_shared<tls_stream>(strand, *context);
          });
      adopt_pool(pool);
#endif
    } else {
      auto pool = std::make_shared<http_pool<plain_stream, strand_type>>(
          strand_, std::move(settings),
          [strand = strand_] { return std::make_shared<plain_stream>(strand); });
      adopt_pool(pool);
    }
  }

  template <class Pool>
  void adopt_pool(const std::shared_ptr<Pool>& pool) {
    submit_http_ = [pool](http_job job) { pool->submit(std::move(job)); };
    shut_down_http_ = [pool](boost::system::error_code error) { pool->shut_down(error); };
    close_idle_http_ = [pool] { pool->close_idle(); };
  }

  void attempt() {
    if (state_ == state::stopped) return;
    state_ = state::connecting;
    if (transport_) {
      attempt_timer_.cancel();
      return adopt(transport_->open(options_, weak_from_this(), connections_ + 1, strand_));
    }
    const std::uint64_t id = ++attempt_id_;
    attempt_timed_out_ = false;
    attempt_timer_.expires_after(options_.connect_timeout);
    attempt_timer_.async_wait([self = shared_from_this(), id](boost::system::error_code error) {
      if (error || id != self->attempt_id_ || self->state_ != state::connecting) return;
      // Closed for good: a handshake the server completes later finds no socket, so an
      // abandoned attempt can never take the application over.
      self->attempt_timed_out_ = true;
      self->abandon_attempt();
    });
    resolver_.async_resolve(
        address_.host, address_.port,
        [self = shared_from_this(), id](
            boost::system::error_code error,
            const boost::asio::ip::tcp::resolver::results_type& results) {
          if (id != self->attempt_id_) return;
          if (error) return self->attempt_failed(error, 0);
#if defined(ARI_CLIENT_TLS) && ARI_CLIENT_TLS
          if (self->address_.tls) {
            if (!self->tls_context_) {
              self->tls_context_ =
                  make_client_tls(self->options_.verify_peer, self->options_.ca_file);
            }
            return self->handshake(std::make_shared<boost::beast::websocket::stream<tls_stream>>(
                                       self->strand_, *self->tls_context_),
                                   results, id);
          }
#endif
          self->handshake(
              std::make_shared<boost::beast::websocket::stream<plain_stream>>(self->strand_),
              results, id);
        });
  }

  template <class WebSocket>
  void handshake(std::shared_ptr<WebSocket> ws,
                 const boost::asio::ip::tcp::resolver::results_type& results, std::uint64_t id) {
    abandon_attempt_ = [ws] {
      boost::system::error_code ignored;
      auto& lowest = boost::beast::get_lowest_layer(*ws);
      lowest.socket().shutdown(boost::asio::socket_base::shutdown_both, ignored);
      lowest.close();
    };
    if (attempt_timed_out_) return attempt_failed(client_errc::timed_out, 0);
    boost::beast::get_lowest_layer(*ws).async_connect(
        results, [self = shared_from_this(), ws, id](boost::system::error_code error,
                                                     const boost::asio::ip::tcp::endpoint&) {
          if (id != self->attempt_id_) return;
          if (error) return self->attempt_failed(error, 0);
          secure_client(ws->next_layer(), self->address_.host,
                        [self, ws, id](boost::system::error_code secure_error) {
                          if (id != self->attempt_id_) return;
                          if (secure_error) return self->attempt_failed(secure_error, 0);
                          self->probe(ws, id);
                        });
        });
  }

  // GET /ari/asterisk/ping on the new connection before the upgrade, which then goes on the
  // same connection. Asterisk registers the application as soon as it reads an upgrade
  // request, even one whose socket the client has since closed: a server that froze would
  // otherwise act on the upgrades of abandoned attempts when it thaws, and take the
  // application from the live connection. An answered ping shows that Asterisk reads this
  // connection now. (Any answer will do: a 404 from a server without the resource too.)
  template <class WebSocket>
  void probe(std::shared_ptr<WebSocket> ws, std::uint64_t id) {
    namespace http = boost::beast::http;
    auto request = std::make_shared<http::request<http::empty_body>>(
        http::verb::get, address_.prefix + "/ari/asterisk/ping", 11);
    request->set(http::field::host, address_.host_header);
    request->set(http::field::authorization, authorization_);
    request->set(http::field::user_agent, "ari-events");
    request->keep_alive(true);
    http::async_write(
        ws->next_layer(), *request,
        [self = shared_from_this(), ws, id, request](boost::system::error_code error, std::size_t) {
          if (id != self->attempt_id_) return;
          if (error) return self->attempt_failed(error, 0);
          auto buffer = std::make_shared<boost::beast::flat_buffer>();
          auto parser = std::make_shared<http::response_parser<http::string_body>>();
          parser->body_limit(64 * 1024);
          http::async_read(
              ws->next_layer(), *buffer, *parser,
              [self, ws, id, buffer, parser](boost::system::error_code read_error, std::size_t) {
                if (id != self->attempt_id_) return;
                if (read_error) return self->attempt_failed(read_error, 0);
                const int status = static_cast<int>(parser->get().result_int());
                if (status == 401 || status == 403) {
                  return self->attempt_failed(boost::beast::websocket::error::upgrade_declined,
                                              status);
                }
                if (!parser->get().keep_alive() || buffer->size() != 0) {
                  return self->attempt_failed(client_errc::bad_response, status);
                }
                self->upgrade(ws, id);
              });
        });
  }

  template <class WebSocket>
  void upgrade(std::shared_ptr<WebSocket> ws, std::uint64_t id) {
    namespace websocket = boost::beast::websocket;
    // Our own deadline (the attempt timer) covers the handshake.
    boost::beast::get_lowest_layer(*ws).expires_never();
    ws->set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
      request.set(boost::beast::http::field::user_agent, "ari-events");
    }));
    std::string target = address_.prefix + "/ari/events?app=";
    for (std::size_t i = 0; i < options_.applications.size(); ++i) {
      if (i != 0) target += ',';
      target += percent_encode(options_.applications[i]);
    }
    if (options_.subscribe_all) target += "&subscribeAll=true";
    target += "&api_key=" + percent_encode(options_.username + ":" + options_.password);
    auto response = std::make_shared<websocket::response_type>();
    ws->async_handshake(
        *response, address_.host_header, target,
        [self = shared_from_this(), ws, id, response](boost::system::error_code error) {
          if (id != self->attempt_id_) return;
          if (error) {
            // A status only when Asterisk answered the upgrade with one.
            const bool declined = error == boost::beast::websocket::error::upgrade_declined;
            return self->attempt_failed(error,
                                        declined ? static_cast<int>(response->result_int()) : 0);
          }
          self->connected(ws);
        });
  }

  template <class WebSocket>
  void connected(const std::shared_ptr<WebSocket>& ws) {
    attempt_timer_.cancel();
    abandon_attempt_ = nullptr;
    failures_ = 0;
    adopt(std::make_shared<websocket_link<WebSocket>>(
        std::move(*ws), weak_from_this(), connections_ + 1, options_.limits,
        link_timeouts{options_.idle_timeout, options_.connect_timeout}));
  }

  // The event stream is up.
  void adopt(std::shared_ptr<websocket_link_base> link) {
    state_ = state::connected;
    const std::uint64_t number = ++connections_;
    link_ = link;
    link->start();
    socket_requests_.flush(*link);
    const bool reconnect = connected_before_;
    connected_before_ = true;
    if (on_connected) on_connected(connection_info{number, reconnect});
  }

  void abandon_attempt() {
    resolver_.cancel();
    if (abandon_attempt_) {
      auto close = std::move(abandon_attempt_);
      abandon_attempt_ = nullptr;
      close();
    }
  }

  void attempt_failed(boost::system::error_code error, int status) {
    abandon_attempt();
    ++attempt_id_;  // whatever of this attempt is still queued is now stale
    if (state_ == state::stopped) return;
    if (attempt_timed_out_) error = client_errc::timed_out;
    if ((status == 401 || status == 403) && !options_.retry_unauthorized) {
      return stop_for(stop_reason::unauthorized,
                      "Asterisk refused the credentials (HTTP " + std::to_string(status) +
                          "): check client_options::username and password");
    }
    if ((error == boost::asio::error::host_not_found ||
         error == boost::asio::error::host_not_found_try_again) &&
        !options_.retry_unknown_host) {
      return stop_for(stop_reason::unknown_host,
                      "host '" + address_.host + "' not found: " + error.message());
    }
    ++failures_;
    if (options_.max_attempts != 0 && failures_ >= options_.max_attempts) {
      return stop_for(stop_reason::attempts_exhausted,
                      std::to_string(failures_) +
                          (failures_ == 1 ? " attempt failed: " : " attempts failed, the last: ") +
                          (status != 0 ? "HTTP " + std::to_string(status) : error.message()));
    }
    const auto delay = next_delay();
    if (on_disconnected) on_disconnected(disconnect_info{0, error, status, delay});
    wait_and_attempt(delay);
  }

  // The wait before the next attempt: drawn from [backoff/2, backoff], then the backoff
  // doubles up to max_backoff.
  std::chrono::milliseconds next_delay() {
    const auto ceiling = std::max<std::int64_t>(backoff_.count(), 1);
    std::uniform_int_distribution<std::int64_t> draw(ceiling / 2, ceiling);
    const std::chrono::milliseconds delay(draw(random_));
    backoff_ = std::min(options_.max_backoff, backoff_ * 2);
    return delay;
  }

  void wait_and_attempt(std::chrono::milliseconds delay) {
    state_ = state::waiting;
    backoff_timer_.expires_after(delay);
    backoff_timer_.async_wait([self = shared_from_this()](boost::system::error_code error) {
      if (!error && self->state_ == state::waiting) self->attempt();
    });
  }

  void stop_for(stop_reason reason, const std::string& detail) {
    if (state_ == state::stopped) return;
    state_ = state::stopped;
    ++attempt_id_;
    attempt_timer_.cancel();
    backoff_timer_.cancel();
    abandon_attempt();
    if (link_) link_->close(true);
    if (shut_down_http_) shut_down_http_(client_errc::stopped);
    socket_requests_.fail_all(client_errc::stopped);
    hub_.fail_all(client_errc::stopped);
    if (on_stopped) on_stopped(reason, detail);
  }

  strand_type strand_;
  client_options options_;
  std::shared_ptr<client_transport> transport_;
  server_address address_;
  std::string authorization_;
  event_hub hub_;
  state state_ = state::idle;

  boost::asio::ip::tcp::resolver resolver_;
  boost::asio::steady_timer attempt_timer_;
  boost::asio::steady_timer backoff_timer_;
  std::uint64_t attempt_id_ = 0;
  bool attempt_timed_out_ = false;
  std::function<void()> abandon_attempt_;
  unsigned failures_ = 0;
  std::chrono::milliseconds backoff_{0};
  std::minstd_rand random_;
  std::uint64_t connections_ = 0;
  bool connected_before_ = false;
  std::shared_ptr<websocket_link_base> link_;

  unique_function<void(http_job)> submit_http_;
  unique_function<void(boost::system::error_code)> shut_down_http_;
  unique_function<void()> close_idle_http_;
#if defined(ARI_CLIENT_TLS) && ARI_CLIENT_TLS
  std::shared_ptr<boost::asio::ssl::context> tls_context_;
#endif

  socket_requests<strand_type> socket_requests_;
};

}  // namespace detail

/// A Stasis application's connection to Asterisk (header <ari/client.hpp>).
///
///     boost::asio::io_context io;
///     ari::client client{io, {.url = "http://127.0.0.1:8088", .username = "asterisk",
///                             .password = "secret", .applications = {"hello"}}};
///     client.on<ari::StasisStart>([&](const ari::StasisStart& e) { ... });
///     client.start();
///     io.run();
///
/// Handlers, callbacks and the completions of operations that have no executor of their own
/// run on the client's executor (get_executor()), one at a time, so they need no locks: a
/// strand, or the io_context's own executor when the io_context was made with concurrency hint
/// 1 (`boost::asio::io_context io{1}`: one thread runs it, a strand would only cost); spawn
/// coroutines on get_executor() for the same. start(), stop(), mark(), async_send() and
/// async_wait() may be called from any thread; register handlers (on, otherwise, on_*) before
/// start() or from a handler.
class client {
 public:
  /// The client's executor: a strand, or an io_context{1}'s executor.
  using executor_type = boost::asio::any_io_executor;

  /// A client on `executor` (its work runs on a strand of it, or on the io_context's own
  /// executor when the io_context was made with concurrency hint 1). Throws std::invalid_argument
  /// for options it cannot use: a bad url, https/wss without TLS support, no application.
  client(const executor_type& executor, client_options options)
      : core_(std::make_shared<detail::client_core>(executor, std::move(options))) {}
  /// A client whose events and requests go through `transport` instead of sockets (such as
  /// ari::testing::simulated_transport); the url is then only checked.
  client(const executor_type& executor, client_options options,
         std::shared_ptr<client_transport> transport)
      : core_(std::make_shared<detail::client_core>(executor, std::move(options),
                                                    std::move(transport))) {}
  /// A client on an execution context such as boost::asio::io_context.
  template <class ExecutionContext,
            std::enable_if_t<
                std::is_convertible_v<ExecutionContext&, boost::asio::execution_context&>, int> = 0>
  client(ExecutionContext& context, client_options options)
      : client(executor_type(context.get_executor()), std::move(options)) {}
  client(const client&) = delete;
  client& operator=(const client&) = delete;
  /// Stops the client (stop()).
  ~client() { core_->stop(); }

  /// The executor (strand) on which handlers and completions run, one at a time.
  executor_type get_executor() const noexcept { return core_->strand(); }
  /// The options the client was made with.
  const client_options& options() const noexcept { return core_->options(); }

  /// Adds a handler for event type E, as ari::dispatcher::on does (several per type, in order).
  template <class E, class Handler>
  client& on(Handler&& handler) {
    core_->hub().handlers().on<E>(std::forward<Handler>(handler));
    return *this;
  }
  /// Sets the handler of the events no typed handler takes (const ari::Event&).
  template <class Handler>
  client& otherwise(Handler&& handler) {
    core_->hub().handlers().otherwise(std::forward<Handler>(handler));
    return *this;
  }
  /// Called each time the event WebSocket is up (connection_info::reconnect: resync).
  client& on_connected(std::function<void(const connection_info&)> handler) {
    core_->on_connected = std::move(handler);
    return *this;
  }
  /// Called when the socket is lost or an attempt fails, before the next attempt.
  client& on_disconnected(std::function<void(const disconnect_info&)> handler) {
    core_->on_disconnected = std::move(handler);
    return *this;
  }
  /// Called once when the client stops for good, with the reason and a sentence for a log.
  client& on_stopped(std::function<void(stop_reason, const std::string&)> handler) {
    core_->on_stopped = std::move(handler);
    return *this;
  }
  /// Called for each frame that could not be used (not JSON, binary, over the limits).
  client& on_bad_frame(std::function<void(const bad_frame&)> handler) {
    core_->on_bad_frame = std::move(handler);
    return *this;
  }

  /// Connects, and keeps connecting until stop() or a stop reason.
  void start() { core_->start(); }
  /// Closes the socket (a close frame first), fails what is in flight with client_errc::stopped,
  /// calls on_stopped(stop_reason::requested) and returns at once; the io_context's run()
  /// returns when the close is done.
  void stop() { core_->stop(); }

  /// A position in the event stream, for async_wait (see ari::mark).
  ari::mark mark() { return core_->hub().mark(); }

  /// Sends request R (any ari::requests:: value) and completes with R::response:
  /// signature void(std::exception_ptr, R::response), or void(std::exception_ptr) when R has
  /// no response. The exception is ari::request_error for an answer outside 2xx,
  /// ari::parse_error for a body that does not decode, and boost::system::system_error with
  /// an ari::client_errc (timed_out, disconnected, stopped, bad_response) or a socket error
  /// when no answer came. With use_future and use_awaitable the exception is thrown. A
  /// request is never resent on its own. Throws std::invalid_argument at once for a request
  /// that cannot be sent (as ari::to_http does).
  template <class R, class CompletionToken>
  auto async_send(R request, CompletionToken&& token) {
    return detail::initiate_send(core_, options().requests == request_transport::websocket, request,
                                 std::forward<CompletionToken>(token));
  }

  /// Completes with the next event of type E for which `predicate(const E&)` is true:
  /// signature void(boost::system::error_code, E). Fails with client_errc::disconnected when
  /// the socket is lost first (events may have been missed), stopped when the client stops.
  template <class E, class Predicate, class CompletionToken>
  auto async_wait(Predicate predicate, CompletionToken&& token) {
    return detail::initiate_wait<E>(core_, std::move(predicate), wait_options{},
                                    std::forward<CompletionToken>(token));
  }
  /// The same, also looking at the events since options.since, with options.timeout.
  template <class E, class Predicate, class CompletionToken>
  auto async_wait(Predicate predicate, const wait_options& options, CompletionToken&& token) {
    return detail::initiate_wait<E>(core_, std::move(predicate), options,
                                    std::forward<CompletionToken>(token));
  }

 private:
  std::shared_ptr<detail::client_core> core_;
};

}  // namespace ari
