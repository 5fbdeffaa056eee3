// <ari/testing.hpp> and <ari/testing/catch2.hpp>, and the routing helpers of <ari/routing.hpp>.
#include <ari/testing.hpp>

#include <map>
#include <optional>
#include <utility>

#include "catch.hpp"
#include "support.hpp"

#include <ari/testing/catch2.hpp>

namespace testing = ari::testing;

namespace {

std::vector<ari::Event> parse_all(const std::vector<std::string>& frames) {
  std::vector<ari::Event> events;
  for (const auto& frame : frames)
    events.push_back(ari::parse_event(frame));
  return events;
}

std::vector<std::string> types_of(const std::vector<ari::Event>& events) {
  std::vector<std::string> types;
  for (const auto& event : events)
    types.emplace_back(ari::type_name(event));
  return types;
}

ari::Timestamp::time_point_type time_of(const ari::Event& event) {
  return std::visit(
      [](const auto& e) -> ari::Timestamp::time_point_type {
        if constexpr (std::is_same_v<std::decay_t<decltype(e)>, ari::UnknownEvent>) {
          return {};
        } else {
          return e.timestamp.value().time_point();
        }
      },
      event);
}

// A flow is self-contained: a channel's life in the application starts with StasisStart, so
// nothing but what Asterisk sends before it (Dial progress, state changes, STASISSTATUS)
// concerns it earlier, StasisEnd comes at most once after it, and a Stasis channel's dialplan
// names the application.
void check_channel_lives(const std::vector<ari::Event>& events, const std::string& application) {
  std::map<std::string, int> stage;  // 0 not in the application, 1 in it, 2 left it
  for (const auto& event : events) {
    INFO(ari::type_name(event));
    const auto channels = ari::related_ids(event).channels;
    if (const auto* start = std::get_if<ari::StasisStart>(&event)) {
      CHECK(stage[start->channel.id] == 0);
      stage[start->channel.id] = 1;
      CHECK(start->channel.dialplan.app_data ==
            std::optional<std::optional<std::string>>(application));
    } else if (const auto* end = std::get_if<ari::StasisEnd>(&event)) {
      CHECK(stage[end->channel.id] == 1);
      stage[end->channel.id] = 2;
    } else if (!std::holds_alternative<ari::Dial>(event) &&
               !std::holds_alternative<ari::ChannelStateChange>(event) &&
               !std::holds_alternative<ari::ChannelVarset>(event)) {
      for (const auto& id : channels) {
        INFO(id);
        CHECK(stage[id] != 0);
      }
    }
  }
  for (const auto& [id, reached] : stage) {
    INFO(id);
    CHECK(reached != 0);  // a channel the flow names entered the application
  }
}

// Frames of flows: parse, keep Asterisk's key order, and move forward in time.
void check_flow(const std::vector<std::string>& frames,
                const std::string& application = testing::default_application) {
  const auto events = parse_all(frames);
  for (std::size_t i = 1; i < events.size(); ++i)
    CHECK(time_of(events[i - 1]) < time_of(events[i]));
  for (const auto& frame : frames) {
    INFO(frame);
    CHECK(test::contains(frame, R"("type":")"));  // first, or after the members Asterisk puts first
    CHECK(ari::to_frame(ari::parse_event(frame)) == frame);
  }
  check_channel_lives(events, application);
}

template <std::size_t... I>
std::vector<std::string> sample_frames(std::index_sequence<I...>) {
  return {ari::to_frame(testing::sample<std::variant_alternative_t<I, ari::Event>>())...};
}

}  // namespace

TEST_CASE("samples of every event type are realistic and parse back") {
  // Every alternative of ari::Event but UnknownEvent, the last.
  const auto frames =
      sample_frames(std::make_index_sequence<std::variant_size_v<ari::Event> - 1>{});
  REQUIRE(frames.size() == 46);
  for (const auto& frame : frames) {
    INFO(frame);
    const auto event = ari::parse_event(frame);
    CHECK_FALSE(std::holds_alternative<ari::UnknownEvent>(event));
    CHECK(ari::to_frame(event) == frame);
    CHECK(test::contains(frame, R"("timestamp":"2026-01-15T10:00:00.000+0000")"));
    CHECK(test::contains(frame, R"("asterisk_id":"02:fc:00:00:00:01")"));
    CHECK(test::contains(frame, R"("application":"test-app")"));
  }
}

TEST_CASE("build: a StasisStart with caller 1337 and args {dialed} in one expression") {
  const auto start = testing::build<ari::StasisStart>([](auto& e) {
    e.channel.caller.number = "1337";
    e.args = {"dialed"};
  });
  const std::string frame = ari::to_frame(start);
  CHECK(frame ==
        R"({"type":"StasisStart","timestamp":"2026-01-15T10:00:00.000+0000","args":["dialed"],)"
        R"("channel":{"id":"1768471200.1","name":"PJSIP/alice-00000001","state":"Up",)"
        R"("protocol_id":"","caller":{"name":"Alice","number":"1337"},)"
        R"("connected":{"name":"","number":""},"accountcode":"",)"
        R"("dialplan":{"context":"from-internal","exten":"1000","priority":1,)"
        R"("app_name":"Stasis","app_data":"test-app"},)"
        R"("creationtime":"2026-01-15T10:00:00.000+0000","language":"en"},)"
        R"("asterisk_id":"02:fc:00:00:00:01","application":"test-app"})");
  CHECK(std::get<ari::StasisStart>(ari::parse_event(frame)) == start);
}

TEST_CASE("to_frame writes what nlohmann::json writes, in Asterisk's order") {
  for (const auto& frame : test::capture_frames()) {
    const auto event = ari::parse_event(frame);
    const auto text = ari::to_frame(event);
    CHECK(nlohmann::json::parse(text) == nlohmann::json::parse(frame));
    CHECK(nlohmann::json::parse(text).dump() == nlohmann::json(event).dump());
  }
  // Byte for byte, "type" where Asterisk puts it (test_roundtrip.cpp checks every real frame).
  const auto& first = test::capture_frames().front();
  CHECK(ari::to_frame(ari::parse_event(first)) == first);
  const auto varset = R"({"variable":"V","value":"1","type":"ChannelVarset",)"
                      R"("timestamp":"2026-01-15T10:00:00.000+0000","asterisk_id":"a",)"
                      R"("application":"app"})";
  CHECK(ari::to_frame(ari::parse_event(varset)) == varset);
}

TEST_CASE("to_frame escapes strings as JSON requires and refuses broken UTF-8") {
  auto varset = testing::sample<ari::ChannelVarset>();
  varset.value = std::string("quote\" backslash\\ newline\n tab\t nul") + '\0' + " \x1f 홍길동";
  const auto frame = ari::to_frame(varset);
  CHECK(test::contains(frame,
                       R"("value":"quote\" backslash\\ newline\n tab\t nul\u0000 \u001f 홍길동")"));
  CHECK(std::get<ari::ChannelVarset>(ari::parse_event(frame)) == varset);
  varset.value = "\xff";
  CHECK_THROWS_AS(ari::to_frame(varset), std::invalid_argument);
}

TEST_CASE("inbound_call: enter ringing, answered, a playback, caller hangs up") {
  testing::call_options options;
  options.caller_number = "1337";
  options.args = {"inbound"};
  const auto frames = testing::inbound_call(options);
  check_flow(frames);
  const auto events = parse_all(frames);
  CHECK(types_of(events) ==
        std::vector<std::string>{"ChannelVarset", "StasisStart", "ChannelStateChange",
                                 "PlaybackStarted", "PlaybackFinished", "ChannelHangupRequest",
                                 "StasisEnd", "ChannelVarset", "ChannelDestroyed"});
  const auto& start = std::get<ari::StasisStart>(events[1]);
  CHECK(start.channel.id == "1768471200.1");
  CHECK(start.channel.state == ari::ChannelState::Ring);
  CHECK(start.channel.caller.number == "1337");
  CHECK(start.args == std::vector<std::string>{"inbound"});
  CHECK(std::get<ari::ChannelStateChange>(events[2]).channel.state == ari::ChannelState::Up);
  CHECK(std::get<ari::PlaybackStarted>(events[3]).playback.target_uri == "channel:1768471200.1");
  CHECK(std::get<ari::PlaybackFinished>(events[4]).playback.state == ari::PlaybackState::done);
  CHECK(std::get<ari::ChannelVarset>(events[7]).value == "SUCCESS");
  CHECK(std::get<ari::ChannelDestroyed>(events[8]).cause_txt == "Normal Clearing");
  for (const auto& event : events) {
    CHECK(ari::related_ids(event).channels == std::vector<std::string>{"1768471200.1"});
  }
  CHECK(std::get<ari::PlaybackStarted>(events[3]).playback.id ==
        "6b4c2a1e-93d2-4f7a-8e45-1a2b3c4d5e6f");

  // An application that chooses its playback id (playWithId) follows its own prompt.
  options.playback_id = "1768471200.1-hello";
  const auto own = parse_all(testing::inbound_call(options));
  CHECK(std::get<ari::PlaybackStarted>(own[3]).playback.id == "1768471200.1-hello");
  CHECK(std::get<ari::PlaybackFinished>(own[4]).playback.id == "1768471200.1-hello");
}

TEST_CASE("outbound_originate: Dial progress, then the channel enters the application") {
  const auto events = parse_all(testing::outbound_originate());
  check_flow(testing::outbound_originate());
  CHECK(types_of(events) ==
        std::vector<std::string>{"Dial", "ChannelStateChange", "Dial", "ChannelStateChange", "Dial",
                                 "ChannelVarset", "StasisStart", "ChannelHangupRequest",
                                 "StasisEnd", "ChannelVarset", "ChannelDestroyed"});
  const auto& first_dial = std::get<ari::Dial>(events[0]);
  CHECK(first_dial.dialstatus.empty());
  CHECK(first_dial.peer.state == ari::ChannelState::Down);
  CHECK_FALSE(first_dial.caller.has_value());
  CHECK(std::get<ari::Dial>(events[2]).dialstatus == "RINGING");
  CHECK(std::get<ari::Dial>(events[2]).peer.state == ari::ChannelState::Ringing);
  CHECK(std::get<ari::Dial>(events[4]).dialstatus == "ANSWER");
  CHECK(std::get<ari::StasisStart>(events[6]).channel.state == ari::ChannelState::Up);
}

TEST_CASE("bridged_call: two channels bridged, the first hangs up") {
  const auto frames = testing::bridged_call();
  check_flow(frames);
  const auto events = parse_all(frames);
  CHECK(types_of(events) ==
        std::vector<std::string>{"ChannelVarset", "StasisStart", "ChannelVarset", "StasisStart",
                                 "BridgeCreated", "ChannelEnteredBridge", "ChannelEnteredBridge",
                                 "ChannelHangupRequest", "ChannelLeftBridge", "StasisEnd",
                                 "ChannelVarset", "ChannelDestroyed"});
  CHECK(std::get<ari::ChannelEnteredBridge>(events[6]).bridge.channels ==
        std::vector<std::string>{"1768471200.1", "1768471200.2"});
  const auto& left = std::get<ari::ChannelLeftBridge>(events[8]);
  CHECK(left.channel.id == "1768471200.1");
  CHECK(left.bridge.channels == std::vector<std::string>{"1768471200.2"});
}

TEST_CASE("blind_transfer: transferee leaves for the dialplan, transferer hangs up") {
  const auto frames = testing::blind_transfer();
  check_flow(frames);
  const auto events = parse_all(frames);
  CHECK(types_of(events) ==
        std::vector<std::string>{"ChannelVarset", "StasisStart", "ChannelVarset", "StasisStart",
                                 "BridgeCreated", "ChannelEnteredBridge", "ChannelEnteredBridge",
                                 "BridgeBlindTransfer", "ChannelLeftBridge", "StasisEnd",
                                 "ChannelHangupRequest", "ChannelLeftBridge", "StasisEnd",
                                 "ChannelVarset", "ChannelDestroyed"});
  const auto& transfer = std::get<ari::BridgeBlindTransfer>(events[7]);
  CHECK(transfer.exten == "2000");
  CHECK(transfer.is_external);
  CHECK(transfer.transferee->id == "1768471200.2");
  CHECK(std::get<ari::StasisEnd>(events[9]).channel.id == "1768471200.2");
  // Members in Asterisk's order: the transferee before replace_channel.
  const auto ids = ari::related_ids(events[7]);
  CHECK(ids.channels == std::vector<std::string>{"1768471200.1", "1768471200.2"});
  CHECK(ids.bridges == std::vector<std::string>{"8c0a4e4e-4d3f-4b8e-9a7e-2f1d6c5b4a30"});
}

TEST_CASE("every flow is self-contained, for any application name") {
  testing::call_options options;
  options.application = "billing";
  for (const auto& flow : {testing::inbound_call, testing::outbound_originate,
                           testing::bridged_call, testing::blind_transfer}) {
    check_flow(flow(options), "billing");
  }
}

TEST_CASE("related_ids: in the order of the members, whatever the frame's order") {
  auto blind = testing::sample<ari::BridgeBlindTransfer>();
  blind.transferee = testing::sample<ari::Channel>();
  blind.transferee->id = "transferee";
  blind.replace_channel = testing::sample<ari::Channel>();
  blind.replace_channel->id = "replaced";
  blind.bridge.reset();
  const auto expected = std::vector<std::string>{"1768471200.1", "transferee", "replaced"};
  CHECK(ari::related_ids(blind).channels == expected);
  // Read back from a frame whose members are in another order (the DOM's, sorted by key).
  const ari::Event from_sorted = ari::parse_event(nlohmann::json(blind).dump());
  CHECK(ari::related_ids(from_sorted).channels == expected);

  auto attended = testing::sample<ari::BridgeAttendedTransfer>();
  attended.transferer_first_leg_bridge = testing::sample<ari::Bridge>();
  attended.transferer_first_leg_bridge->id = "b1";
  attended.destination_bridge = "b2";
  CHECK(ari::related_ids(attended).bridges == std::vector<std::string>{"b1", "b2"});
}

TEST_CASE("related_ids: every channel of an attended transfer, no empty ids") {
  const auto frames = test::lines_of("tests/data/catalogue-full.jsonl");
  const auto attended = ari::parse_event(frames[4]);
  REQUIRE(ari::type_name(attended) == "BridgeAttendedTransfer");
  const auto ids = ari::related_ids(attended);
  CHECK(ids.channels == std::vector<std::string>{"1764135644.101", "1764135651.111",
                                                 "1764135651.112", "1764135644.102",
                                                 "1764135650.110"});
  CHECK(ids.bridges ==
        std::vector<std::string>{"9a0c5c2e-2f43-4a3f-9a57-4d6a3f0e6c11", "1f7e0a52-hold"});

  auto dial = testing::sample<ari::Dial>();
  dial.caller.reset();
  dial.forwarded.reset();
  CHECK(ari::related_ids(dial).channels == std::vector<std::string>{"1768471200.2"});
  dial.peer.id.clear();
  CHECK(ari::related_ids(dial).empty());

  const auto playback = ari::related_ids(testing::sample<ari::PlaybackStarted>());
  CHECK(playback.playbacks == std::vector<std::string>{"6b4c2a1e-93d2-4f7a-8e45-1a2b3c4d5e6f"});
  CHECK(playback.channels == std::vector<std::string>{"1768471200.1"});
  const auto device = ari::related_ids(testing::sample<ari::DeviceStateChanged>());
  CHECK(device.devices == std::vector<std::string>{"PJSIP/alice"});
  const auto endpoint = ari::related_ids(testing::sample<ari::EndpointStateChange>());
  CHECK(endpoint.endpoints == std::vector<std::string>{"PJSIP/alice"});
  CHECK(ari::related_ids(ari::parse_event(R"({"type":"Future"})")).empty());
}

TEST_CASE("dispatcher: handlers per type in order, a fallback, exceptions reach the caller") {
  std::vector<std::string> calls;
  ari::dispatcher events;
  events
      .on<ari::StasisStart>(
          [&](const ari::StasisStart& e) { calls.push_back("start " + e.channel.id); })
      .on<ari::StasisStart>([&](const ari::StasisStart&) { calls.push_back("second handler"); })
      .on<ari::UnknownEvent>(
          [&](const ari::UnknownEvent& e) { calls.push_back("unknown " + e.type); })
      .otherwise(
          [&](const ari::Event& e) { calls.push_back("other " + std::string(ari::type_name(e))); });

  for (const auto& frame : testing::inbound_call())
    events.dispatch(frame);
  CHECK(calls.size() == 10);
  CHECK(calls[1] == "start 1768471200.1");
  CHECK(calls[2] == "second handler");
  CHECK(calls[3] == "other ChannelStateChange");
  CHECK(events.dispatch(ari::parse_event(R"({"type":"Future"})")));
  CHECK(calls.back() == "unknown Future");
  CHECK_FALSE(events.dispatch(ari::Event{testing::sample<ari::StasisEnd>()}));

  events.on<ari::StasisEnd>(
      [](const ari::StasisEnd&) { throw std::runtime_error("handler failed"); });
  CHECK_THROWS_WITH(events.dispatch(ari::Event{testing::sample<ari::StasisEnd>()}),
                    "handler failed");
  CHECK_THROWS_AS(events.dispatch(std::string_view("{")), ari::parse_error);
}

TEST_CASE("printing: operator<< and Catch2 show JSON, the matcher names what differs") {
  const auto expected = testing::sample<ari::StasisStart>();
  auto actual = expected;
  actual.channel.caller.number = "1337";
  actual.args = {"x"};

  std::ostringstream out;
  out << expected.channel.caller;
  CHECK(out.str() == R"({"name":"Alice","number":"1001"})");
  CHECK(test::contains(Catch::StringMaker<ari::StasisStart>::convert(expected),
                       "\"type\": \"StasisStart\""));
  CHECK(test::contains(Catch::StringMaker<ari::Event>::convert(ari::Event{expected}),
                       "\"number\": \"1001\""));

  const auto difference = testing::difference(actual, expected);
  CHECK(difference ==
        "remove /args/0: \"x\" -> (absent)\n"
        "replace /channel/caller/number: \"1337\" -> \"1001\"\n");
  CHECK(testing::difference(expected, expected).empty());

  auto matcher = testing::Equals(expected);
  CHECK(matcher.match(expected));
  CHECK_FALSE(matcher.match(actual));
  // The differing members come first, before the expected JSON.
  CHECK(matcher.describe().rfind("differs in these members (actual -> expected):\n"
                                 "remove /args/0: \"x\" -> (absent)\n"
                                 "replace /channel/caller/number: \"1337\" -> \"1001\"\n"
                                 "equals {",
                                 0) == 0);
  REQUIRE_THAT(expected, testing::Equals(testing::sample<ari::StasisStart>()));
}
