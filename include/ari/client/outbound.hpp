// ari-events client: the other direction. Asterisk 20.15, 21.10, 22.5 and later can connect to
// the application (ari.conf type=outbound_websocket, websocket_client.conf); the application
// listens, and each connection Asterisk makes is a session with the client's API: handlers,
// waits, marks, and requests sent back as RESTRequest messages.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "ari/client/client.hpp"
#include "ari/client/detail/operations.hpp"
#include "ari/client/detail/serial_executor.hpp"
#include "ari/client/detail/socket_requests.hpp"
#include "ari/client/detail/streams.hpp"
#include "ari/client/detail/websocket_link.hpp"
#include "ari/client/error.hpp"
#include "ari/client/events.hpp"

namespace ari {

/// What an outbound_listener is told.
struct listener_options {
  /// The address to listen on ("127.0.0.1", "::", "0.0.0.0").
  std::string address = "127.0.0.1";
  /// The port; 0 picks a free one (outbound_listener::port() tells which).
  unsigned short port = 8765;
  /// The credentials Asterisk must present (websocket_client.conf username and password, sent
  /// as Basic authorization); a connection without them gets 401. Both empty: none required.
  std::string username;
  /// See username.
  std::string password;
  /// Deadline of each connection's upgrade (and TLS handshake).
  std::chrono::milliseconds handshake_timeout{10'000};
  /// Deadline of each request sent on a session.
  std::chrono::milliseconds request_timeout{10'000};
  /// A session is pinged after half of this in silence and closed after all of it (checked
  /// every half period: between 1 and 1.5 times this). Zero: never.
  std::chrono::milliseconds idle_timeout{60'000};
  /// Limits of each event frame.
  parse_limits limits{};
  /// Most events kept per session for its marks.
  std::size_t max_retained_events = 10'000;
  /// Connections beyond this many open sessions are refused with 503.
  std::size_t max_sessions = 10'000;
  /// TLS (wss): the certificate chain and private key files (PEM). Both empty: plain ws.
  std::string certificate_chain_file;
  /// See certificate_chain_file.
  std::string private_key_file;
};

namespace detail {

// One connection from Asterisk, on a strand of its own (serial_executor).
class session_core final : public link_owner, public std::enable_shared_from_this<session_core> {
 public:
  using strand_type = boost::asio::any_io_executor;

  session_core(strand_type strand, const listener_options& options, std::uint64_t id,
               std::string remote)
      : strand_(std::move(strand)),
        limits_(options.limits),
        request_timeout_(options.request_timeout),
        id_(id),
        remote_(std::move(remote)),
        socket_requests_(strand_) {
    hub_.set_history_limit(options.max_retained_events);
  }

  strand_type& strand() noexcept { return strand_; }
  event_hub& hub() noexcept { return hub_; }
  const parse_limits& limits() const noexcept { return limits_; }
  std::uint64_t id() const noexcept { return id_; }
  const std::string& remote() const noexcept { return remote_; }

  std::function<void(const boost::system::error_code&)> on_closed;
  std::function<void(const bad_frame&)> on_bad_frame;
  std::function<void()> on_end;  // the listener's bookkeeping

  void attach(std::shared_ptr<websocket_link_base> link) {
    link_ = std::move(link);
    link_->start();
  }

  void send(encoded_request request, raw_callback done) {
    if (!link_) return done(closed_by_us_ ? client_errc::stopped : client_errc::disconnected, {});
    socket_requests_.send(std::move(*request.frame),
                          std::chrono::steady_clock::now() + request_timeout_, std::move(done),
                          link_.get(), [weak = weak_from_this()](const std::string& id) {
                            if (auto self = weak.lock()) {
                              self->socket_requests_.finish(id, client_errc::timed_out, {});
                            }
                          });
  }

  void close() {
    boost::asio::dispatch(strand_, [self = shared_from_this()] {
      self->closed_by_us_ = true;
      if (self->link_) self->link_->close(true);
    });
  }

  void link_event(Event&& event) override { hub_.deliver(std::move(event)); }

  void link_response(RESTResponse&& response) override {
    socket_requests_.answer(std::move(response), hub_);
  }

  void link_bad_frame(bad_frame&& frame) override {
    if (on_bad_frame) on_bad_frame(frame);
  }

  void link_closed(std::uint64_t, boost::system::error_code error) override {
    if (!link_) return;
    link_.reset();
    const auto why = closed_by_us_ ? make_error_code(client_errc::stopped)
                                   : make_error_code(client_errc::disconnected);
    socket_requests_.fail_all(why);
    hub_.fail_all(why);
    if (on_closed) on_closed(error);
    // The handlers may hold the session (the documented way to send from one): dropping them
    // ends that cycle, so the session is freed with its connection.
    hub_.handlers() = dispatcher();
    on_closed = nullptr;
    on_bad_frame = nullptr;
    if (on_end) on_end();
  }

 private:
  strand_type strand_;
  parse_limits limits_;
  std::chrono::milliseconds request_timeout_;
  std::uint64_t id_;
  std::string remote_;
  event_hub hub_;
  socket_requests<strand_type> socket_requests_;
  std::shared_ptr<websocket_link_base> link_;
  bool closed_by_us_ = false;
};

}  // namespace detail

namespace detail {
class listener_core;
}  // namespace detail

/// One connection Asterisk made to an outbound_listener: with connection_type=persistent it
/// carries every call of the application, with per_call_config one call (from its StasisStart
/// to its StasisEnd). The same on<E>, otherwise, mark, async_send (always as RESTRequest) and
/// async_wait as ari::client; handlers and completions run on the session's own strand (on an
/// io_context made with concurrency hint 1, on its executor, as for ari::client).
/// A handle: copies refer to the same session.
class outbound_session {
 public:
  /// The session's strand.
  using executor_type = boost::asio::any_io_executor;

  /// The session's strand.
  executor_type get_executor() const noexcept { return core_->strand(); }
  /// Its number: 1 for the listener's first connection.
  std::uint64_t id() const noexcept { return core_->id(); }
  /// Asterisk's address and port, "127.0.0.1:50824".
  const std::string& remote() const noexcept { return core_->remote(); }

  /// Adds a handler for event type E (see ari::client::on).
  template <class E, class Handler>
  outbound_session& on(Handler&& handler) {
    core_->hub().handlers().on<E>(std::forward<Handler>(handler));
    return *this;
  }
  /// Sets the handler of the events no typed handler takes.
  template <class Handler>
  outbound_session& otherwise(Handler&& handler) {
    core_->hub().handlers().otherwise(std::forward<Handler>(handler));
    return *this;
  }
  /// Called once when the connection ends (empty error after a clean close).
  outbound_session& on_closed(std::function<void(const boost::system::error_code&)> handler) {
    core_->on_closed = std::move(handler);
    return *this;
  }
  /// Called for each frame that could not be used.
  outbound_session& on_bad_frame(std::function<void(const bad_frame&)> handler) {
    core_->on_bad_frame = std::move(handler);
    return *this;
  }

  /// A position in the session's event stream (see ari::mark).
  ari::mark mark() { return core_->hub().mark(); }

  /// As ari::client::async_send; requests travel as RESTRequest on this connection.
  template <class R, class CompletionToken>
  auto async_send(R request, CompletionToken&& token) {
    return detail::initiate_send(core_, true, request, std::forward<CompletionToken>(token));
  }
  /// As ari::client::async_wait.
  template <class E, class Predicate, class CompletionToken>
  auto async_wait(Predicate predicate, CompletionToken&& token) {
    return detail::initiate_wait<E>(core_, std::move(predicate), wait_options{},
                                    std::forward<CompletionToken>(token));
  }
  /// As ari::client::async_wait with wait_options.
  template <class E, class Predicate, class CompletionToken>
  auto async_wait(Predicate predicate, const wait_options& options, CompletionToken&& token) {
    return detail::initiate_wait<E>(core_, std::move(predicate), options,
                                    std::forward<CompletionToken>(token));
  }

  /// Closes the connection (a close frame first); what is in flight fails with stopped.
  void close() { core_->close(); }

 private:
  friend class detail::listener_core;
  explicit outbound_session(std::shared_ptr<detail::session_core> core) : core_(std::move(core)) {}
  std::shared_ptr<detail::session_core> core_;
};

namespace detail {

// The listener's state, shared with the connections being upgraded.
class listener_core final : public std::enable_shared_from_this<listener_core> {
 public:
  using strand_type = boost::asio::any_io_executor;

  listener_core(const boost::asio::any_io_executor& executor, listener_options options)
      : executor_(executor),
        strand_(serial_executor(executor)),
        options_(std::move(options)),
        acceptor_(strand_) {
    if (!options_.username.empty() || !options_.password.empty()) {
      authorization_ = basic_authorization(options_.username, options_.password);
    }
    const bool tls = !options_.certificate_chain_file.empty() || !options_.private_key_file.empty();
    if (tls) {
#if defined(ARI_CLIENT_TLS) && ARI_CLIENT_TLS
      tls_ = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
      tls_->use_certificate_chain_file(options_.certificate_chain_file);
      tls_->use_private_key_file(options_.private_key_file, boost::asio::ssl::context::pem);
#else
      throw std::invalid_argument(std::string("ari::outbound_listener: ") + tls_missing_text());
#endif
    }
  }

  std::function<void(outbound_session)> on_session;

  void start() {
    const boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address(options_.address),
                                                  options_.port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(boost::asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    boost::asio::dispatch(strand_, [self = shared_from_this()] { self->accept(); });
  }

  void stop() {
    boost::asio::dispatch(strand_, [self = shared_from_this()] {
      self->stopped_ = true;
      boost::system::error_code ignored;
      self->acceptor_.close(ignored);
      for (auto& [id, session] : self->sessions_)
        session->close();
    });
  }

  unsigned short port() const noexcept {
    return port_;
  }

 private:
  // Each connection gets a strand of its own: its stream and, once upgraded, its session.
  void accept() {
    auto strand = serial_executor(executor_);
    acceptor_.async_accept(
        strand, [self = shared_from_this(), strand](boost::system::error_code error,
                                                    boost::asio::ip::tcp::socket socket) {
          if (self->stopped_ || error == boost::asio::error::operation_aborted) return;
          if (!error) self->welcome(std::move(socket), strand);
          self->accept();
        });
  }

  // A new connection: TLS when configured, then the upgrade request, on the connection's own
  // strand (the socket's executor).
  void welcome(boost::asio::ip::tcp::socket socket, const strand_type& strand) {
    std::string remote;
    boost::system::error_code error;
    const auto endpoint = socket.remote_endpoint(error);
    if (!error) remote = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
#if defined(ARI_CLIENT_TLS) && ARI_CLIENT_TLS
    if (tls_) {
      auto stream =
          std::make_shared<boost::beast::websocket::stream<tls_stream>>(std::move(socket), *tls_);
      boost::beast::get_lowest_layer(*stream).expires_after(options_.handshake_timeout);
      stream->next_layer().async_handshake(
          boost::asio::ssl::stream_base::server,
          [self = shared_from_this(), stream, remote, strand](boost::system::error_code tls_error) {
            if (tls_error) return;
            self->read_upgrade(stream, remote, strand);
          });
      return;
    }
#endif
    auto stream =
        std::make_shared<boost::beast::websocket::stream<plain_stream>>(std::move(socket));
    boost::beast::get_lowest_layer(*stream).expires_after(options_.handshake_timeout);
    read_upgrade(stream, remote, strand);
  }

  template <class WebSocket>
  void read_upgrade(const std::shared_ptr<WebSocket>& stream, const std::string& remote,
                    const strand_type& strand) {
    auto buffer = std::make_shared<boost::beast::flat_buffer>();
    auto request = std::make_shared<boost::beast::http::request<boost::beast::http::string_body>>();
    boost::beast::http::async_read(stream->next_layer(), *buffer, *request,
                                   [self = shared_from_this(), stream, buffer, request, remote,
                                    strand](boost::system::error_code error, std::size_t) {
                                     if (error) return;
                                     self->upgrade(stream, *request, remote, strand);
                                   });
  }

  template <class WebSocket>
  void upgrade(const std::shared_ptr<WebSocket>& stream,
               const boost::beast::http::request<boost::beast::http::string_body>& request,
               const std::string& remote, const strand_type& strand) {
    namespace http = boost::beast::http;
    namespace websocket = boost::beast::websocket;
    http::status refusal = http::status::ok;
    if (!websocket::is_upgrade(request)) {
      refusal = http::status::upgrade_required;
    } else if (!authorization_.empty() && request[http::field::authorization] != authorization_) {
      refusal = http::status::unauthorized;
    } else if (session_count_.load() >= options_.max_sessions) {
      refusal = http::status::service_unavailable;
    }
    if (refusal != http::status::ok) {
      auto response = std::make_shared<http::response<http::string_body>>(refusal, 11);
      if (refusal == http::status::unauthorized) {
        response->set(http::field::www_authenticate, "Basic realm=\"ari-events\"");
      }
      response->keep_alive(false);
      response->prepare_payload();
      http::async_write(stream->next_layer(), *response,
                        [stream, response](boost::system::error_code, std::size_t) {
                          boost::beast::get_lowest_layer(*stream).close();
                        });
      return;
    }
    // Asterisk offers the subprotocol "ari" (websocket_client.conf protocols) and expects it
    // back.
    const std::string offered(request[http::field::sec_websocket_protocol]);
    stream->set_option(
        websocket::stream_base::decorator([offered](websocket::response_type& response) {
          if (!offered.empty()) {
            const auto comma = offered.find(',');
            std::string first = offered.substr(0, comma);
            while (!first.empty() && first.back() == ' ')
              first.pop_back();
            response.set(http::field::sec_websocket_protocol,
                         offered.find("ari") != std::string::npos ? std::string("ari") : first);
          }
          response.set(http::field::server, "ari-events");
        }));
    stream->async_accept(request, [self = shared_from_this(), stream, remote,
                                   strand](boost::system::error_code error) {
      if (error) return;
      boost::asio::dispatch(self->strand_,
                            [self, stream, remote, strand] { self->open(stream, remote, strand); });
    });
  }

  template <class WebSocket>
  void open(const std::shared_ptr<WebSocket>& stream, const std::string& remote,
            const strand_type& strand) {
    if (stopped_) {
      boost::beast::get_lowest_layer(*stream).close();
      return;
    }
    boost::beast::get_lowest_layer(*stream).expires_never();
    const std::uint64_t id = ++next_id_;
    auto core = std::make_shared<session_core>(strand, options_, id, remote);
    sessions_[id] = core;
    ++session_count_;
    core->on_end = [weak = weak_from_this(), id] {
      if (auto self = weak.lock()) {
        --self->session_count_;
        boost::asio::dispatch(self->strand_, [self, id] { self->sessions_.erase(id); });
      }
    };
    auto link = std::make_shared<websocket_link<WebSocket>>(
        std::move(*stream), core, id, options_.limits,
        link_timeouts{options_.idle_timeout, options_.handshake_timeout});
    // The user's handlers are set before the first frame is read, on the session's strand.
    boost::asio::dispatch(core->strand(), [self = shared_from_this(), core, link] {
      if (self->on_session) self->on_session(outbound_session(core));
      core->attach(link);
    });
  }

  boost::asio::any_io_executor executor_;
  strand_type strand_;
  listener_options options_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::string authorization_;
  unsigned short port_ = 0;
  bool stopped_ = false;
  std::uint64_t next_id_ = 0;
  // Held here from the upgrade to the end of the connection: the session lives as long as its
  // connection, whether or not the application keeps a handle.
  std::map<std::uint64_t, std::shared_ptr<session_core>> sessions_;
  std::atomic<std::size_t> session_count_{0};
#if defined(ARI_CLIENT_TLS) && ARI_CLIENT_TLS
  std::shared_ptr<boost::asio::ssl::context> tls_;
#endif
};

}  // namespace detail

/// Listens for Asterisk's outbound WebSocket connections (ws, or wss with a certificate),
/// checks its credentials, and hands each connection to on_session as an outbound_session:
///
///     ari::outbound_listener listener{io, {.port = 8765, .username = "app", .password = "pw"}};
///     listener.on_session([](ari::outbound_session session) {
///       session.on<ari::StasisStart>([session](const ari::StasisStart& e) mutable { ... });
///     });
///     listener.start();
///
/// The session's handlers are registered in on_session, before its first frame is read.
class outbound_listener {
 public:
  /// A listener on `executor`. Throws std::invalid_argument for TLS files without TLS support.
  outbound_listener(const boost::asio::any_io_executor& executor, listener_options options)
      : core_(std::make_shared<detail::listener_core>(executor, std::move(options))) {}
  /// A listener on an execution context such as boost::asio::io_context.
  template <class ExecutionContext,
            std::enable_if_t<
                std::is_convertible_v<ExecutionContext&, boost::asio::execution_context&>, int> = 0>
  outbound_listener(ExecutionContext& context, listener_options options)
      : outbound_listener(boost::asio::any_io_executor(context.get_executor()),
                          std::move(options)) {}
  outbound_listener(const outbound_listener&) = delete;
  outbound_listener& operator=(const outbound_listener&) = delete;
  /// Stops listening and closes the sessions.
  ~outbound_listener() { core_->stop(); }

  /// Called with each new session, on the session's strand, before its first event.
  outbound_listener& on_session(std::function<void(outbound_session)> handler) {
    core_->on_session = std::move(handler);
    return *this;
  }
  /// Binds and listens (throws boost::system::system_error when it cannot), then accepts.
  void start() { core_->start(); }
  /// Stops accepting and closes every session (a close frame first).
  void stop() { core_->stop(); }
  /// The port listened on (useful with listener_options::port = 0), after start().
  unsigned short port() const noexcept { return core_->port(); }

 private:
  std::shared_ptr<detail::listener_core> core_;
};

}  // namespace ari
