// The serving side that the example servers (ari_replay's replay_server.hpp, ari_sim.cpp) share:
// an HTTP/1.1 connection on Boost.Beast that reads one request after another (keep-alive),
// answers an unreadable one with 400 or 413 and closes, and hands its socket over for a
// WebSocket upgrade; and JSON responses as Asterisk writes its errors.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace web {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using error_code = beast::error_code;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

// An error's text for a log line.
inline std::string why(const error_code& error) {
  if (error == http::error::end_of_stream || error == net::error::eof) return "end of stream";
  return error.message();
}

// A response with a JSON body (none when `body` is empty), as both servers answer.
inline std::shared_ptr<response> json_response(int status, std::string body, bool keep_alive,
                                               unsigned version = 11) {
  auto out = std::make_shared<response>(static_cast<http::status>(status), version);
  if (!body.empty()) {
    out->set(http::field::content_type, "application/json");
    out->body() = std::move(body);
  }
  out->keep_alive(keep_alive);
  out->prepare_payload();
  return out;
}

// {"message":TEXT}, the body of Asterisk's error responses.
inline std::string message_body(const std::string& text) {
  return nlohmann::json{{"message", text}}.dump();
}

// An error as Asterisk's HTTP server answers it: {"message":TEXT}, and for 401 the challenge.
inline std::shared_ptr<response> refusal(int status, const std::string& text, bool keep_alive) {
  auto out = json_response(status, message_body(text), keep_alive);
  if (status == 401) {
    out->set(http::field::www_authenticate, "Basic realm=\"Asterisk REST Interface\"");
  }
  return out;
}

class http_connection;

// What a server gives its connections. Called on the server's (single) thread.
class http_server {
 public:
  virtual ~http_server() = default;
  virtual bool stopping() const = 0;
  // The largest request body read.
  virtual std::size_t body_limit() const = 0;
  virtual void log(std::string line) = 0;
  // A request was read: connection->parser->get(). The server answers with write() (which does
  // not read on), then calls read() for the next one, or takes the socket with hand_over().
  virtual void on_request(const std::shared_ptr<http_connection>& connection) = 0;
};

class http_connection : public std::enable_shared_from_this<http_connection> {
 public:
  http_connection(http_server& s, tcp::socket sock, long n)
      : owner(s), socket(std::move(sock)), number(n) {}

  void read() {
    parser.emplace();
    parser->body_limit(owner.body_limit());
    parser->header_limit(16 * 1024);
    http::async_read(
        socket, buffer, *parser,
        [self = shared_from_this()](error_code error, std::size_t) { self->on_read(error); });
  }

  // Writes `r`; ends the connection after it unless it is kept alive.
  void write(std::shared_ptr<response> r, std::function<void(error_code)> done) {
    http::async_write(
        socket, *r,
        [self = shared_from_this(), r, done = std::move(done)](error_code error, std::size_t) {
          if (!error && !r->keep_alive()) self->end("answered, not kept alive");
          if (done) done(error);
        });
  }

  // Writes `r`, then reads the next request on a connection kept alive.
  void answer(std::shared_ptr<response> r) {
    write(std::move(r), [self = shared_from_this()](error_code error) {
      if (!error && !self->ended) self->read();
    });
  }

  // The socket and the request read, for a WebSocket upgrade; the connection is over.
  std::pair<tcp::socket, request> hand_over() {
    upgraded = true;
    ended = true;  // the WebSocket session logs from now on
    return {std::move(socket), parser->release()};
  }

  void end(const std::string& why_text) {
    if (ended) return;
    ended = true;
    error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    if (!owner.stopping()) {
      owner.log("connection " + std::to_string(number) + ": ended (" + why_text + ") after " +
                std::to_string(requests) + " requests");
    }
  }

  http_server& owner;
  tcp::socket socket;
  long number;  // connection C, in accept order
  beast::flat_buffer buffer;
  std::optional<http::request_parser<http::string_body>> parser;
  long requests = 0;  // counted by the server
  bool ended = false;
  bool upgraded = false;

 private:
  void on_read(error_code error) {
    if (owner.stopping() || ended) return;
    if (error) {
      if (error == http::error::end_of_stream || error == net::error::eof ||
          error == net::error::connection_reset || error == net::error::operation_aborted) {
        end(why(error));
        return;
      }
      // Unreadable: say so, as Asterisk would, and close (the stream cannot be trusted).
      const bool too_big = error == http::error::body_limit || error == http::error::header_limit;
      auto r = json_response(too_big ? 413 : 400, message_body(error.message()), false);
      owner.log("connection " + std::to_string(number) + ": bad request (" + error.message() +
                "), answered " + std::to_string(r->result_int()));
      http::async_write(
          socket, *r, [self = shared_from_this(), r](error_code, std::size_t) { self->linger(); });
      return;
    }
    owner.on_request(shared_from_this());
  }

  // Closing with unread bytes would reset the connection, and the client could lose the answer:
  // stop sending, then read and discard (a bounded amount) until the client closes.
  void linger() {
    error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    discard_ = std::make_shared<std::array<char, 4096>>();
    discard_more();
  }

  void discard_more() {
    socket.async_read_some(net::buffer(*discard_),
                           [self = shared_from_this()](error_code error, std::size_t size) {
                             self->discarded_ += size;
                             if (error || self->discarded_ > 4 * self->owner.body_limit() + 65536) {
                               self->end("bad request");
                               return;
                             }
                             self->discard_more();
                           });
  }

  std::shared_ptr<std::array<char, 4096>> discard_;
  std::size_t discarded_ = 0;
};

}  // namespace web
