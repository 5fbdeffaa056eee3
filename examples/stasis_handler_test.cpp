// How to unit-test your own Stasis handler with <ari/testing.hpp>: feed it the frames of a
// realistic call flow and assert on what it did. No Asterisk needed.
#include <ari/testing.hpp>

#include <string>
#include <vector>

#include "catch.hpp"  // tests/catch.hpp: Catch2 v2 or v3

#include <ari/testing/catch2.hpp>

namespace {

// The handler under test: answers every call that enters the application, plays a greeting,
// hangs up when the greeting is over. It records the REST requests it would send.
class greeter {
 public:
  explicit greeter(ari::dispatcher& events) {
    events.on<ari::StasisStart>([this](const ari::StasisStart& e) {
      requests.push_back("POST /channels/" + e.channel.id + "/answer");
      requests.push_back("POST /channels/" + e.channel.id + "/play?media=sound:hello-world");
    });
    events.on<ari::PlaybackFinished>([this](const ari::PlaybackFinished& e) {
      const auto channels = ari::related_ids(ari::Event{e}).channels;
      for (const auto& id : channels)
        requests.push_back("DELETE /channels/" + id);
    });
    events.on<ari::StasisEnd>([this](const ari::StasisEnd& e) { ended.push_back(e.channel.id); });
  }

  std::vector<std::string> requests;
  std::vector<std::string> ended;
};

}  // namespace

TEST_CASE("the greeter answers, greets and hangs up an inbound call") {
  ari::dispatcher events;
  greeter handler(events);

  for (const auto& frame : ari::testing::inbound_call())
    events.dispatch(frame);

  CHECK(handler.requests ==
        std::vector<std::string>{"POST /channels/1768471200.1/answer",
                                 "POST /channels/1768471200.1/play?media=sound:hello-world",
                                 "DELETE /channels/1768471200.1"});
  CHECK(handler.ended == std::vector<std::string>{"1768471200.1"});
}

TEST_CASE("the greeter greets whoever calls") {
  ari::dispatcher events;
  greeter handler(events);
  const auto start = ari::testing::build<ari::StasisStart>([](auto& e) {
    e.channel.id = "1768471299.7";
    e.channel.caller.number = "1337";
  });

  events.dispatch(ari::Event{start});

  REQUIRE(handler.requests.size() == 2);
  CHECK(handler.requests[0] == "POST /channels/1768471299.7/answer");
}
