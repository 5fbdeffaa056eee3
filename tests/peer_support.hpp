// What the tests that play Asterisk over real sockets share (test_outbound.cpp, test_tls.cpp,
// outbound_peer.cpp).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <utility>

#include <boost/asio/io_context.hpp>

#include <ari/ari.hpp>

namespace test {

// Asterisk's RESTResponse to `request` (res/ari/ari_websockets.c), as the frame it sends.
inline std::string response_to(const ari::RESTRequest& request, int status, std::string reason,
                               std::string application, std::string body = {}) {
  ari::RESTResponse response;
  response.transaction_id = request.transaction_id;
  response.request_id = request.request_id;
  response.status_code = status;
  response.reason_phrase = std::move(reason);
  response.uri = request.uri;
  response.application = std::move(application);
  if (!body.empty()) {
    response.content_type = "application/json";
    response.message_body = std::move(body);
  }
  return ari::to_frame(response);
}

// Runs `io` until `done()` holds, for 30 s at most; returns done().
inline bool run_until_done(boost::asio::io_context& io, const std::function<bool()>& done) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!done() && std::chrono::steady_clock::now() < end) {
    io.run_for(std::chrono::milliseconds(10));
    if (io.stopped()) io.restart();
  }
  return done();
}

}  // namespace test
