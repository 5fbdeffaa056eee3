// ari-events client: one event WebSocket, inbound or outbound alike: reads frames into events
// one at a time, writes queued frames one at a time, and reports what it cannot use.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <boost/asio/buffer.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/websocket/error.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "ari/client/error.hpp"
#include "ari/error.hpp"
#include "ari/events.hpp"
#include "ari/limits.hpp"
#include "ari/parse.hpp"

namespace ari {

/// A frame from the server that the client could not use, with where it was. The connection
/// is kept, except for a frame over the size limit (the WebSocket cannot skip it) and a
/// protocol error, after which it is renewed.
struct bad_frame {
  /// The connection it came on: 1 for a client's first, counting reconnects.
  std::uint64_t connection = 0;
  /// Its number on that connection, from 1.
  std::uint64_t index = 0;
  /// Its size in bytes (what was read of it for one over the limit).
  std::size_t size = 0;
  /// Why: the parse_error's text, "binary frame", "frame over N bytes".
  std::string what;
  /// Its first 200 bytes.
  std::string excerpt;
};

namespace detail {

// What a link tells the client or session that owns it, on the owner's strand.
class link_owner {
 public:
  virtual void link_event(Event&& event) = 0;
  virtual void link_response(RESTResponse&& response) = 0;
  virtual void link_bad_frame(bad_frame&& frame) = 0;
  // The link is gone (error: why; empty after a clean close).
  virtual void link_closed(std::uint64_t connection, boost::system::error_code error) = 0;

 protected:
  ~link_owner() = default;
};

// Common to the stream types (plain and TLS), so that the owner holds any of them.
class websocket_link_base {
 public:
  virtual ~websocket_link_base() = default;
  virtual void start() = 0;
  virtual void send(std::string frame) = 0;
  // Graceful: a close frame, then the socket; otherwise the socket at once.
  virtual void close(bool graceful) = 0;
  virtual std::uint64_t connection() const noexcept = 0;
};

// How long a link waits in silence, and for the close handshake.
struct link_timeouts {
  std::chrono::milliseconds idle;   // a ping after half of it in silence; closed after all of it
  std::chrono::milliseconds close;  // the close handshake's deadline
};

template <class Stream>  // boost::beast::websocket::stream<...>
class websocket_link final : public websocket_link_base,
                             public std::enable_shared_from_this<websocket_link<Stream>> {
 public:
  websocket_link(Stream stream, std::weak_ptr<link_owner> owner, std::uint64_t connection,
                 const parse_limits& limits, link_timeouts timeouts)
      : stream_(std::move(stream)),
        owner_(std::move(owner)),
        connection_(connection),
        limits_(limits),
        idle_timeout_(timeouts.idle),
        idle_timer_(stream_.get_executor()) {
    stream_.read_message_max(limits_.max_frame_size);
    // Beast's own idle timeout re-arms a timer on every read, which cost a sixth of the
    // client's instructions per frame; the link's timer wakes twice per idle period instead
    // and looks at a counter. Beast keeps the close handshake's deadline.
    boost::beast::websocket::stream_base::timeout beast_timeouts{};
    beast_timeouts.handshake_timeout = timeouts.close;
    beast_timeouts.idle_timeout = boost::beast::websocket::stream_base::none();
    beast_timeouts.keep_alive_pings = false;
    stream_.set_option(beast_timeouts);
  }

  void start() override {
    read_next();
    if (idle_timeout_.count() > 0) check_idle();
  }

  void send(std::string frame) override {
    if (closed_) return;
    outbox_.push_back(std::move(frame));
    if (!writing_) write_next();
  }

  void close(bool graceful) override {
    if (closed_) return;
    closed_ = true;
    closing_ = true;
    // Not while pongs are watched: Beast 1.74 can then deadlock its read and close operations
    // on a close frame from the server (the read posts itself before the control callback and
    // the close takes the write lock meanwhile); the server was silent anyway.
    if (graceful && stream_.is_open() && !watching_pongs_) {
      stream_.async_close(
          boost::beast::websocket::close_code::normal,
          [self = this->shared_from_this()](boost::system::error_code) { self->tear_down(); });
    } else {
      tear_down();
    }
  }

  std::uint64_t connection() const noexcept override { return connection_; }

 private:
  void read_next() {
    stream_.async_read(buffer_, [self = this->shared_from_this()](boost::system::error_code error,
                                                                  std::size_t size) {
      self->on_read(error, size);
    });
  }

  // Every half of the idle timeout: a ping after the first quiet half, the end after the second.
  // The wait holds the link weakly: a link whose owner and reads are gone closes its socket at
  // once, not when the timer next fires.
  void check_idle() {
    idle_timer_.expires_after(idle_timeout_ / 2);
    idle_timer_.async_wait([weak = this->weak_from_this()](boost::system::error_code error) {
      const auto self = weak.lock();
      if (error || !self || self->closed_) return;
      if (self->heard_ != self->heard_at_check_) {
        self->heard_at_check_ = self->heard_;
        self->quiet_halves_ = 0;
        self->watch_pongs(false);
      } else if (++self->quiet_halves_ >= 2) {
        self->idle_expired_ = true;
        self->tear_down();  // the read fails, and reports the end
        return;
      } else if (!self->pinging_) {
        self->pinging_ = true;
        self->watch_pongs(true);
        self->stream_.async_ping({}, [self](boost::system::error_code) { self->pinging_ = false; });
      }
      self->check_idle();
    });
  }

  // A pong (or ping) from the server is a sign of life: seen through Beast's control
  // callback, which is set only between a ping and the next check (see close()).
  void watch_pongs(bool on) {
    if (on == watching_pongs_) return;
    watching_pongs_ = on;
    if (on) {
      stream_.control_callback(
          [this](boost::beast::websocket::frame_type, boost::beast::string_view) { ++heard_; });
    } else {
      stream_.control_callback();
    }
  }

  void on_read(boost::system::error_code error, std::size_t size) {
    ++heard_;
    const auto owner = owner_.lock();
    if (!owner) return tear_down();
    if (idle_expired_) error = make_error_code(client_errc::timed_out);
    if (error) {
      if (error == boost::beast::websocket::error::message_too_big) {
        bad_frame frame;
        frame.connection = connection_;
        frame.index = ++frames_;
        frame.size = buffer_.size();
        frame.what = "frame over " + std::to_string(limits_.max_frame_size) + " bytes";
        frame.excerpt = excerpt();
        owner->link_bad_frame(std::move(frame));
      }
      finish(*owner, error);
      return;
    }
    ++frames_;
    const std::string_view text(static_cast<const char*>(buffer_.data().data()), size);
    std::string problem = "binary frame";
    if (stream_.got_text()) {
      bool parsed = false;
      try {
        // Parsed in place and moved once, into the handlers' hands.
        Event event = parse_event(text, limits_);
        parsed = true;
        buffer_.consume(buffer_.size());
        // The next read starts first: a handler that throws leaves the connection reading.
        read_next();
        if (auto* response = std::get_if<RESTResponse>(&event)) {
          owner->link_response(std::move(*response));
        } else {
          owner->link_event(std::move(event));
        }
        return;
      } catch (const parse_error& e) {
        if (parsed) throw;  // a handler's, not the frame's
        problem = e.what();
      }
    }
    bad_frame frame{connection_, frames_, size, std::move(problem), excerpt()};
    buffer_.consume(buffer_.size());
    read_next();
    owner->link_bad_frame(std::move(frame));
  }

  std::string excerpt() const {
    const std::size_t size = buffer_.size() < 200 ? buffer_.size() : 200;
    return std::string(static_cast<const char*>(buffer_.data().data()), size);
  }

  void write_next() {
    if (outbox_.empty() || closed_) {
      writing_ = false;
      return;
    }
    writing_ = true;
    stream_.text(true);
    stream_.async_write(
        boost::asio::buffer(outbox_.front()),
        [self = this->shared_from_this()](boost::system::error_code error, std::size_t) {
          self->outbox_.pop_front();
          if (error) {
            self->writing_ = false;
            if (!self->closed_) self->tear_down();
            return;
          }
          self->write_next();
        });
  }

  void tear_down() {
    closed_ = true;
    idle_timer_.cancel();
    boost::system::error_code ignored;
    boost::beast::get_lowest_layer(stream_).socket().shutdown(
        boost::asio::socket_base::shutdown_both, ignored);
    boost::beast::get_lowest_layer(stream_).close();
  }

  // Reports the end once: the read loop is the one place that sees every way a link ends.
  void finish(link_owner& owner, boost::system::error_code error) {
    closed_ = true;
    tear_down();
    // A close asked for here ends the read with whatever closing the socket did to it
    // (operation aborted, bad file descriptor): that is still a clean end.
    if (error == boost::beast::websocket::error::closed || closing_) error = {};
    owner.link_closed(connection_, error);
  }

  Stream stream_;
  std::weak_ptr<link_owner> owner_;
  std::uint64_t connection_;
  parse_limits limits_;
  boost::beast::flat_buffer buffer_;
  std::uint64_t frames_ = 0;
  std::deque<std::string> outbox_;
  bool writing_ = false;
  bool closed_ = false;
  bool closing_ = false;  // close() was called: the end is a clean one
  std::chrono::milliseconds idle_timeout_;
  boost::asio::steady_timer idle_timer_;
  std::uint64_t heard_ = 0;  // frames, pings and pongs received
  std::uint64_t heard_at_check_ = 0;
  int quiet_halves_ = 0;
  bool pinging_ = false;
  bool watching_pongs_ = false;
  bool idle_expired_ = false;
};

}  // namespace detail
}  // namespace ari
