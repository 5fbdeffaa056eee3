// ari-events client: requests over HTTP/1.1, keep-alive, on a bounded number of connections.
// One connection carries one request at a time and the queue is first in, first out, so with
// one connection requests reach Asterisk in the order they were made.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "ari/client/detail/completion.hpp"
#include "ari/client/detail/streams.hpp"
#include "ari/client/error.hpp"
#include "ari/client/options.hpp"

namespace ari::detail {

using steady_clock = std::chrono::steady_clock;

// A request's raw outcome, before the operation's own decoding.
struct raw_response {
  int status = 0;
  std::string reason;
  std::string body;
};
using response_callback = unique_function<void(boost::system::error_code, raw_response&&)>;

// A request ready to go: method, full target, headers' values, body.
struct http_job {
  std::string method;
  std::string target;  // with the URL's prefix: "/ari/channels/1.1/answer"
  std::string content_type;
  std::string body;
  steady_clock::time_point deadline;
  response_callback done;
};

// The failure of a request on a connection: a timeout is one, a failure before anything was
// written keeps its own code (connection refused: nothing reached Asterisk), the rest is a
// lost connection.
inline boost::system::error_code request_failure(boost::system::error_code error, bool written) {
  if (error == boost::beast::error::timeout) return client_errc::timed_out;
  if (error == boost::asio::error::operation_aborted) return client_errc::cancelled;
  return written ? make_error_code(client_errc::disconnected) : error;
}

struct http_settings {
  server_address address;
  std::string authorization;  // the Authorization header's value
  std::size_t connections = 1;
  std::chrono::milliseconds idle_close{10'000};
  std::size_t max_response_size = 0;
};

template <class Stream, class Executor>
class http_pool : public std::enable_shared_from_this<http_pool<Stream, Executor>> {
 public:
  using stream_factory = unique_function<std::shared_ptr<Stream>()>;

  http_pool(Executor executor, http_settings settings, stream_factory make_stream)
      : executor_(executor), settings_(std::move(settings)), make_stream_(std::move(make_stream)) {
    const std::size_t count = settings_.connections == 0 ? 1 : settings_.connections;
    for (std::size_t i = 0; i < count; ++i)
      connections_.push_back(std::make_unique<connection>(executor));
  }

  // Queues a request; its callback runs on the pool's executor.
  void submit(http_job job) {
    if (stopped_) {
      job.done(client_errc::stopped, {});
      return;
    }
    queue_.push_back(std::move(job));
    pump();
  }

  // Closes the connections that carry no request (after the server went away, say).
  void close_idle() {
    for (auto& c : connections_) {
      if (!c->job) close(*c);
    }
  }

  // Fails what is queued and in flight with `error` and closes every connection.
  void shut_down(boost::system::error_code error) {
    stopped_ = true;
    auto queued = std::move(queue_);
    queue_.clear();
    for (auto& job : queued)
      job.done(error, {});
    for (auto& c : connections_) {
      close(*c);
      if (c->job) {
        auto job = std::move(*c->job);
        c->job.reset();
        job.done(error, {});
      }
    }
  }

 private:
  struct connection {
    explicit connection(Executor executor) : resolver(executor) {}
    boost::asio::ip::tcp::resolver resolver;
    // Handlers hold the stream they work on and ignore their outcome once it is replaced.
    std::shared_ptr<Stream> stream;
    std::optional<http_job> job;
    bool written = false;
    steady_clock::time_point last_used;
    boost::beast::flat_buffer buffer;
    std::optional<boost::beast::http::request<boost::beast::http::string_body>> request;
    std::optional<boost::beast::http::response_parser<boost::beast::http::string_body>> parser;
  };

  // Whether an idle keep-alive connection is still usable: a server that closed it (a restart,
  // its keep-alive limit) has left an end of stream to read, which a peek that does not block
  // sees; anything else unread is unexpected too. Nothing was sent yet, so a new connection
  // is safe.
  static bool still_open(boost::asio::ip::tcp::socket& socket) {
    boost::system::error_code error;
    socket.non_blocking(true, error);
    if (error) return false;
    char byte = 0;
    socket.receive(boost::asio::buffer(&byte, 1), boost::asio::socket_base::message_peek, error);
    boost::system::error_code ignored;
    socket.non_blocking(false, ignored);
    return error == boost::asio::error::would_block;
  }

  void pump() {
    for (auto& c : connections_) {
      if (queue_.empty()) return;
      if (!c->job) start(*c);
    }
  }

  void start(connection& c) {
    while (!queue_.empty()) {
      http_job job = std::move(queue_.front());
      queue_.pop_front();
      if (steady_clock::now() >= job.deadline) {
        job.done(client_errc::timed_out, {});
        continue;
      }
      c.job = std::move(job);
      c.written = false;
      if (c.stream && steady_clock::now() - c.last_used < settings_.idle_close &&
          still_open(boost::beast::get_lowest_layer(*c.stream).socket())) {
        write(c);
      } else {
        close(c);
        open(c);
      }
      return;
    }
  }

  void open(connection& c) {
    c.stream = make_stream_();
    c.buffer.clear();
    boost::beast::get_lowest_layer(*c.stream).expires_at(c.job->deadline);
    c.resolver.async_resolve(settings_.address.host, settings_.address.port,
                             [self = this->shared_from_this(), &c, s = c.stream](
                                 boost::system::error_code error,
                                 const boost::asio::ip::tcp::resolver::results_type& results) {
                               if (c.stream != s) return;
                               if (error) return self->fail(c, error);
                               boost::beast::get_lowest_layer(*s).async_connect(
                                   results, [self, &c, s](boost::system::error_code connect_error,
                                                          const boost::asio::ip::tcp::endpoint&) {
                                     if (c.stream != s) return;
                                     if (connect_error) return self->fail(c, connect_error);
                                     secure_client(
                                         *s, self->settings_.address.host,
                                         [self, &c, s](boost::system::error_code secure_error) {
                                           if (c.stream != s) return;
                                           if (secure_error) return self->fail(c, secure_error);
                                           self->write(c);
                                         });
                                   });
                             });
  }

  void write(connection& c) {
    namespace http = boost::beast::http;
    auto& job = *c.job;
    c.request.emplace(http::string_to_verb(job.method), job.target, 11);
    c.request->set(http::field::host, settings_.address.host_header);
    c.request->set(http::field::authorization, settings_.authorization);
    c.request->set(http::field::user_agent, "ari-events");
    if (!job.content_type.empty()) c.request->set(http::field::content_type, job.content_type);
    c.request->body() = std::move(job.body);
    c.request->keep_alive(true);
    c.request->prepare_payload();
    boost::beast::get_lowest_layer(*c.stream).expires_at(job.deadline);
    http::async_write(*c.stream, *c.request,
                      [self = this->shared_from_this(), &c, s = c.stream](
                          boost::system::error_code error, std::size_t) {
                        if (c.stream != s) return;
                        c.written = true;
                        if (error) return self->fail(c, error);
                        self->read(c);
                      });
  }

  void read(connection& c) {
    namespace http = boost::beast::http;
    c.parser.emplace();
    c.parser->header_limit(
        static_cast<std::uint32_t>(std::min<std::size_t>(settings_.max_response_size, 64 * 1024)));
    c.parser->body_limit(settings_.max_response_size);
    http::async_read(*c.stream, c.buffer, *c.parser,
                     [self = this->shared_from_this(), &c, s = c.stream](
                         boost::system::error_code error, std::size_t) {
                       if (c.stream != s) return;
                       if (error) return self->fail(c, error);
                       auto response = c.parser->release();
                       raw_response raw;
                       raw.status = static_cast<int>(response.result_int());
                       raw.reason = std::string(response.reason());
                       raw.body = std::move(response.body());
                       const bool keep = response.keep_alive();
                       auto job = std::move(*c.job);
                       c.job.reset();
                       c.last_used = steady_clock::now();
                       if (!keep) self->close(c);
                       job.done({}, std::move(raw));
                       self->pump();
                     });
  }

  void fail(connection& c, boost::system::error_code error) {
    close(c);
    if (!c.job) return;
    auto job = std::move(*c.job);
    c.job.reset();
    // A response that is not HTTP, or too large; end_of_stream is the server closing first.
    const auto& http_category =
        boost::beast::http::make_error_code(boost::beast::http::error::bad_target).category();
    const bool malformed =
        error.category() == http_category && error != boost::beast::http::error::end_of_stream;
    job.done(
        malformed ? make_error_code(client_errc::bad_response) : request_failure(error, c.written),
        {});
    pump();
  }

  void close(connection& c) {
    c.resolver.cancel();
    if (!c.stream) return;
    boost::system::error_code ignored;
    auto& lowest = boost::beast::get_lowest_layer(*c.stream);
    lowest.socket().shutdown(boost::asio::socket_base::shutdown_both, ignored);
    lowest.close();
    c.stream.reset();
  }

  Executor executor_;
  http_settings settings_;
  stream_factory make_stream_;
  std::vector<std::unique_ptr<connection>> connections_;
  std::deque<http_job> queue_;
  bool stopped_ = false;
};

}  // namespace ari::detail
