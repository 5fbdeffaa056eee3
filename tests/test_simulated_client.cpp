// ari::client on ari::testing::simulator through simulated_transport: the README's application
// (examples/hello_app.hpp, written against ari::client& as it runs in production) end to end,
// on the virtual clock, without sockets, over both request transports.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include <ari/client.hpp>
#include <ari/requests.hpp>
#include <ari/testing/simulated_transport.hpp>

#include "catch.hpp"
#include "hello_app.hpp"

using namespace std::chrono_literals;

namespace {

ari::client_options options_for(ari::request_transport transport) {
  ari::client_options o;
  o.applications = {"hello"};
  o.requests = transport;
  return o;
}

// The requests the simulator received, as "METHOD target".
std::vector<std::string> requests_of(const ari::testing::simulator& sim) {
  std::vector<std::string> out;
  for (const auto& exchange : sim.requests()) {
    out.push_back(exchange.request.method + " " + exchange.request.target + " " +
                  std::to_string(exchange.response.status));
  }
  return out;
}

}  // namespace

TEST_CASE("simulated client: the application's real code, end to end on the virtual clock") {
  for (const auto transport : {ari::request_transport::http, ari::request_transport::websocket}) {
    INFO((transport == ari::request_transport::http ? "http" : "websocket"));
    ari::testing::simulator sim;
    boost::asio::io_context io;
    ari::client client{io.get_executor(), options_for(transport),
                       ari::testing::simulated_transport::on(sim)};
    hello_app(client, "sound:ari-test");
    std::vector<ari::connection_info> connections;
    client.on_connected([&](const ari::connection_info& c) { connections.push_back(c); });
    client.start();
    io.poll();
    REQUIRE(connections.size() == 1);

    const std::string channel = sim.incoming_call("hello");
    io.poll();
    CHECK(requests_of(sim).size() == 2);  // answered and playing: the prompt lasts a second
    sim.advance(1s);
    io.poll();
    CHECK(requests_of(sim) ==
          std::vector<std::string>{"POST /ari/channels/" + channel + "/answer 204",
                                   "POST /ari/channels/" + channel + "/play/" + channel +
                                       "-hello?media=sound%3Aari-test 201",
                                   "DELETE /ari/channels/" + channel + " 204"});
    client.stop();
    io.poll();
  }
}

TEST_CASE("simulated client: a prompt that fails at once still ends the call") {
  // sound:hello-world is not installed in the default simulator: PlaybackFinished (failed)
  // comes with the play's own request, before its response.
  ari::testing::simulator sim;
  boost::asio::io_context io;
  ari::client client{io.get_executor(), options_for(ari::request_transport::http),
                     ari::testing::simulated_transport::on(sim)};
  hello_app(client, "sound:hello-world");
  client.start();
  io.poll();
  const std::string channel = sim.incoming_call("hello");
  io.poll();
  CHECK(requests_of(sim) ==
        std::vector<std::string>{"POST /ari/channels/" + channel + "/answer 204",
                                 "POST /ari/channels/" + channel + "/play/" + channel +
                                     "-hello?media=sound%3Ahello-world 201",
                                 "DELETE /ari/channels/" + channel + " 204"});
}

TEST_CASE("simulated client: a second connection for the application stops the first") {
  ari::testing::simulator sim;
  boost::asio::io_context io;
  ari::client first{io.get_executor(), options_for(ari::request_transport::http),
                    ari::testing::simulated_transport::on(sim)};
  std::optional<ari::stop_reason> stopped;
  first.on_stopped([&](ari::stop_reason r, const std::string&) { stopped = r; });
  first.start();
  io.poll();
  sim.connect({"hello"});
  io.poll();
  REQUIRE(stopped);
  CHECK(*stopped == ari::stop_reason::application_replaced);
}
