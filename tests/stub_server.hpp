// A bare stand-in for Asterisk's HTTP server, for the client tests that need to see or control
// the socket itself (TLS, back-pressure), which the scripted server (examples/replay_server.hpp)
// hides: one connection served on the calling thread with blocking Beast calls, over any stream
// (a TCP socket or a TLS stream on one).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace test {

/// Serves HTTP requests on `stream` until it is upgraded, then hands the WebSocket to
/// `on_websocket` and returns when that does. GET .../asterisk/ping gets 200 with Asterisk's
/// body (the client's probe before each upgrade); any other request gets `status` (204 by
/// default) and is recorded in `requests` as "METHOD target". Errors end it quietly: the test
/// judges by what its client saw.
template <class Stream>
void serve_http(Stream& stream,
                const std::function<void(boost::beast::websocket::stream<Stream&>&)>& on_websocket,
                std::vector<std::string>* requests = nullptr) {
  namespace http = boost::beast::http;
  boost::beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    boost::system::error_code error;
    http::read(stream, buffer, request, error);
    if (error) return;
    if (boost::beast::websocket::is_upgrade(request)) {
      boost::beast::websocket::stream<Stream&> ws(stream);
      ws.accept(request, error);
      if (!error) on_websocket(ws);
      return;
    }
    const std::string target(request.target());
    const bool ping = target.find("/asterisk/ping") != std::string::npos;
    http::response<http::string_body> response{ping ? http::status::ok : http::status::no_content,
                                               11};
    if (ping) {
      response.set(http::field::content_type, "application/json");
      response.body() =
          R"({"asterisk_id":"02:fc:00:00:00:01","ping":"pong","timestamp":"2026-12-05T08:21:30.101+0000"})";
    } else if (requests != nullptr) {
      requests->push_back(std::string(request.method_string()) + " " + target);
    }
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    http::write(stream, response, error);
    if (error || !request.keep_alive()) return;
  }
}

}  // namespace test
