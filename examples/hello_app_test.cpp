// The README's test of hello_app: its real code on a simulated Asterisk, on a virtual clock.
#include <chrono>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include <ari/testing/simulated_transport.hpp>

#include "catch.hpp"
#include "hello_app.hpp"

TEST_CASE("hello_app answers, plays and hangs up when the prompt has finished") {
  ari::testing::simulator sim;  // Asterisk 22's behaviour; sound:ari-test lasts 1 s
  boost::asio::io_context io;
  ari::client_options options;
  options.applications = {"hello"};
  ari::client client{io.get_executor(), options, ari::testing::simulated_transport::on(sim)};
  hello_app(client, "sound:ari-test");
  client.start();
  io.poll();  // connected: the application is registered

  const std::string channel = sim.incoming_call("hello");
  io.poll();  // StasisStart reaches the app; it answers and plays
  REQUIRE(sim.requests().size() == 2);
  CHECK(sim.requests()[0].request.target == "/ari/channels/" + channel + "/answer");
  CHECK(sim.requests()[1].response.status == 201);

  sim.advance(std::chrono::seconds(1));  // the prompt finishes
  io.poll();
  REQUIRE(sim.requests().size() == 3);
  CHECK(sim.requests()[2].request.method == "DELETE");
  CHECK(sim.requests()[2].request.target == "/ari/channels/" + channel);
}
