// The simulated Asterisk through its public API: connections, requests in every form, the
// world's side and the virtual clock.
#include <ari/testing/simulator.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support.hpp"

namespace sim = ari::testing;
namespace rq = ari::requests;
using std::chrono::milliseconds;

namespace {

std::vector<ari::Event> events_of(sim::event_socket& socket) {
  std::vector<ari::Event> events;
  for (const auto& frame : socket.take())
    events.push_back(ari::parse_event(frame));
  return events;
}

std::vector<std::string> types_of(const std::vector<ari::Event>& events) {
  std::vector<std::string> types;
  for (const auto& event : events) {
    types.push_back(std::string(ari::to_string(ari::event_type_of(event))));
  }
  return types;
}

using strings = std::vector<std::string>;

}  // namespace

TEST_CASE("simulator: a default-made one answers asterisk/info as Asterisk 22.10.1") {
  sim::simulator asterisk;
  const auto info = asterisk.send(rq::asterisk::getInfo{});
  REQUIRE(info.system);
  CHECK(info.system->version == "22.10.1");
  CHECK(info.system->entity_id == "02:fc:00:00:00:01");
  REQUIRE(info.status);
  CHECK(info.status->startup_time.to_string() == "2026-01-15T10:00:00.000+0000");
}

TEST_CASE("simulator: options set identity, clock and offset") {
  sim::simulator_options options;
  options.asterisk_id = "aa:bb:cc:dd:ee:ff";
  options.version = "20.5.0";
  options.system_name = "pbx1";
  options.utc_offset = std::chrono::minutes{120};
  sim::simulator asterisk(options);
  const auto info = asterisk.send(rq::asterisk::getInfo{});
  CHECK(info.system->version == "20.5.0");
  CHECK(info.config->name == "pbx1");
  CHECK(info.status->startup_time.to_string() == "2026-01-15T12:00:00.000+0200");
  const auto ping = asterisk.send(rq::asterisk::ping{});
  CHECK(ping.asterisk_id == "aa:bb:cc:dd:ee:ff");
  CHECK(ping.ping == "pong");
}

TEST_CASE("simulator: an incoming call, answered, played to and hung up") {
  sim::simulator asterisk;
  auto& socket = asterisk.connect({"hello"});
  sim::incoming_call_options call;
  call.args = {"inbound"};
  call.caller_number = "5551234";
  call.caller_name = "Alice";
  const std::string id = asterisk.incoming_call("hello", call);

  auto events = events_of(socket);
  REQUIRE(types_of(events) == strings{"StasisStart"});
  const auto& start = std::get<ari::StasisStart>(events[0]);
  CHECK(start.application == "hello");
  CHECK(start.args == strings{"inbound"});
  CHECK(start.channel.id == id);
  CHECK(start.channel.caller.number == "5551234");
  CHECK(start.channel.state == ari::ChannelState::Ring);
  CHECK(start.channel.dialplan.app_name == std::optional<std::optional<std::string>>("Stasis"));

  asterisk.send(rq::channels::answer{id});
  events = events_of(socket);
  REQUIRE(types_of(events) == strings{"ChannelStateChange"});
  CHECK(std::get<ari::ChannelStateChange>(events[0]).channel.state == ari::ChannelState::Up);

  rq::channels::play play;
  play.channelId = id;
  play.media = {"sound:beep"};
  play.playbackId = "greeting";
  const auto playback = asterisk.send(play);
  CHECK(playback.id == "greeting");
  CHECK(playback.state == ari::PlaybackState::queued);
  CHECK(playback.target_uri == "channel:" + id);
  CHECK(types_of(events_of(socket)) == strings{"PlaybackStarted"});
  // beep plays 0.3 s: nothing before, PlaybackFinished after.
  asterisk.advance(milliseconds{299});
  CHECK(socket.take().empty());
  asterisk.advance(milliseconds{1});
  events = events_of(socket);
  REQUIRE(types_of(events) == strings{"PlaybackFinished"});
  CHECK(std::get<ari::PlaybackFinished>(events[0]).playback.state == ari::PlaybackState::done);

  rq::channels::hangup hangup;
  hangup.channelId = id;
  hangup.reason = rq::HangupReason::busy;
  asterisk.send(hangup);
  events = events_of(socket);
  REQUIRE(types_of(events) == strings{"ChannelHangupRequest", "StasisEnd"});
  CHECK(std::get<ari::ChannelHangupRequest>(events[0]).soft == std::optional<bool>(true));
  CHECK_THROWS_AS(asterisk.send(rq::channels::get{id}), ari::request_error);
}

TEST_CASE("simulator: a missing sound fails at once, a playlist continues") {
  sim::simulator asterisk;
  auto& socket = asterisk.connect({"hello"});
  const std::string id = asterisk.incoming_call("hello");
  socket.take();
  rq::channels::play play;
  play.channelId = id;
  play.media = {"sound:no-such-sound"};
  asterisk.send(play);
  auto events = events_of(socket);
  REQUIRE(types_of(events) == strings{"PlaybackStarted", "PlaybackFinished"});
  CHECK(std::get<ari::PlaybackFinished>(events[1]).playback.state == ari::PlaybackState::failed);

  play.media = {"sound:beep", "sound:ari-test"};
  const auto playback = asterisk.send(play);
  CHECK(playback.next_media_uri == std::optional<std::string>("sound:ari-test"));
  asterisk.advance(milliseconds{300});
  CHECK(types_of(events_of(socket)) ==
        strings{"PlaybackStarted", "PlaybackContinuing", "PlaybackStarted"});
  asterisk.advance(milliseconds{1000});
  CHECK(types_of(events_of(socket)) == strings{"PlaybackFinished"});

  // Items with commas, quotes and backslashes, escaped by the request as Asterisk reads lists
  // (ast_app_separate_args): two items, as sent.
  play.media = {"tone:440/200,0/200", R"(sound:a\b"c)"};
  const auto tones = asterisk.send(play);
  CHECK(tones.media_uri == "tone:440/200,0/200");
  CHECK(tones.next_media_uri == std::optional<std::string>(R"(sound:a\b"c)"));
}

TEST_CASE("simulator: sound durations and a default come from the options") {
  sim::simulator_options options;
  options.sound_durations = {{"sound:hello-world", milliseconds{2500}}};
  options.default_sound_duration = milliseconds{100};
  sim::simulator asterisk(options);
  auto& socket = asterisk.connect({"hello"});
  const std::string id = asterisk.incoming_call("hello");
  socket.take();
  rq::channels::play play;
  play.channelId = id;
  play.media = {"sound:hello-world"};
  asterisk.send(play);
  asterisk.advance(milliseconds{2499});
  CHECK(types_of(events_of(socket)) == strings{"PlaybackStarted"});
  asterisk.advance(milliseconds{1});
  CHECK(types_of(events_of(socket)) == strings{"PlaybackFinished"});
  play.media = {"sound:anything-else"};
  asterisk.send(play);
  asterisk.advance(milliseconds{100});
  const auto events = events_of(socket);
  REQUIRE(types_of(events) == strings{"PlaybackStarted", "PlaybackFinished"});
  CHECK(std::get<ari::PlaybackFinished>(events[1]).playback.state == ari::PlaybackState::done);
}

TEST_CASE("simulator: a second connection takes the application over") {
  sim::simulator asterisk;
  auto& first = asterisk.connect({"hello"});
  auto& second = asterisk.connect({"hello"});
  auto events = events_of(first);
  REQUIRE(types_of(events) == strings{"ApplicationReplaced"});
  CHECK(std::get<ari::ApplicationReplaced>(events[0]).application == "hello");
  asterisk.incoming_call("hello");
  CHECK(first.take().empty());
  CHECK(types_of(events_of(second)) == strings{"StasisStart"});
  second.close();
  asterisk.incoming_call("hello");
  CHECK(second.take().empty());
}

TEST_CASE("simulator: a RESTRequest frame is answered with a RESTResponse frame") {
  sim::simulator asterisk;
  auto& socket = asterisk.connect({"hello"});
  socket.send(ari::to_frame(ari::to_rest_request(rq::asterisk::getInfo{}, "t1", "r1")));
  auto events = events_of(socket);
  REQUIRE(types_of(events) == strings{"RESTResponse"});
  const auto& response = std::get<ari::RESTResponse>(events[0]);
  CHECK(response.transaction_id == "t1");
  CHECK(response.request_id == "r1");
  CHECK(response.status_code == 200);
  CHECK(ari::decode_response<rq::asterisk::getInfo>(response).system->version == "22.10.1");

  socket.send(ari::to_frame(ari::to_rest_request(rq::channels::get{"nope"}, "t2", "r2")));
  events = events_of(socket);
  REQUIRE(events.size() == 1);
  const auto& missing = std::get<ari::RESTResponse>(events[0]);
  CHECK(missing.status_code == 404);
  CHECK(missing.reason_phrase == "Not Found");
  CHECK(missing.message_body == std::optional<std::string>(R"({"message":"Channel not found"})"));
}

TEST_CASE("simulator: errors carry Asterisk's status and message") {
  sim::simulator asterisk;
  try {
    asterisk.send(rq::channels::answer{"nope"});
    FAIL("no error");
  } catch (const ari::request_error& e) {
    CHECK(e.status() == 404);
    CHECK(e.message() == "Channel not found");
  }
  rq::channels::originate originate;
  originate.endpoint = "Local/wait@far";
  originate.app = "nobody";
  CHECK_THROWS_AS(asterisk.send(originate), ari::request_error);

  const auto wrong = asterisk.handle({"GET", "/ari/nowhere", "", ""});
  CHECK(wrong.status == 404);
  const auto bad_body = asterisk.handle({"POST", "/ari/channels", "application/json", "{"});
  CHECK(bad_body.status == 400);
  const auto modules = asterisk.handle({"GET", "/ari/asterisk/modules", "", ""});
  CHECK(modules.status == 501);
  CHECK(modules.reason == "Not Implemented");
  CHECK(modules.body == R"({"message":"the simulator does not model asterisk::listModules"})");
}

TEST_CASE("simulator: requests() lists every request with its response") {
  sim::simulator asterisk;
  asterisk.send(rq::asterisk::ping{});
  asterisk.handle({"DELETE", "/ari/channels/x", "", ""});
  const auto& log = asterisk.requests();
  REQUIRE(log.size() == 2);
  CHECK(log[0].request == ari::to_http(rq::asterisk::ping{}));
  CHECK(log[0].response.status == 200);
  CHECK(log[1].request.method == "DELETE");
  CHECK(log[1].response.status == 404);
}

TEST_CASE("simulator: the caller's DTMF and far-end hangup") {
  sim::simulator asterisk;
  auto& socket = asterisk.connect({"hello"});
  const std::string id = asterisk.incoming_call("hello");
  socket.take();
  asterisk.send_dtmf_from_caller(id, "1#");
  CHECK(socket.take().empty());  // nothing happens between calls
  asterisk.advance(milliseconds{1000});
  auto events = events_of(socket);
  REQUIRE(types_of(events) == strings{"ChannelDtmfReceived", "ChannelDtmfReceived"});
  CHECK(std::get<ari::ChannelDtmfReceived>(events[0]).digit == "1");
  CHECK(std::get<ari::ChannelDtmfReceived>(events[1]).digit == "#");

  asterisk.hangup_from_far_end(id, 17);
  events = events_of(socket);
  REQUIRE(types_of(events) == strings{"ChannelHangupRequest", "StasisEnd"});
  CHECK(std::get<ari::ChannelHangupRequest>(events[0]).cause == std::optional<int>(17));
  CHECK(!std::get<ari::ChannelHangupRequest>(events[0]).soft);
}

TEST_CASE("simulator: originate into the dialplan of the capture, as in its scenario 01") {
  sim::simulator asterisk;
  auto& socket = asterisk.connect({"testapp"});
  rq::channels::originate originate;
  originate.endpoint = "Local/wait@far";
  originate.app = "testapp";
  originate.appArgs = "a1,a2";
  originate.channelId = "s01";
  originate.otherChannelId = "s01b";
  originate.callerId = "Alice <100>";
  const auto channel = asterisk.send(originate);
  CHECK(channel.name == "Local/wait@far-00000000;1");
  CHECK(channel.state == ari::ChannelState::Down);
  CHECK(channel.dialplan.app_name == std::optional<std::optional<std::string>>("AppDial2"));
  CHECK(types_of(events_of(socket)) == strings{"ChannelCallerId", "ChannelConnectedLine", "Dial",
                                               "ChannelDialplan", "ChannelStateChange",
                                               "ChannelStateChange", "Dial", "ChannelVarset",
                                               "StasisStart"});
  // Answer() waits 0.5 s for media, then Wait(120) starts.
  asterisk.advance(milliseconds{500});
  const auto events = events_of(socket);
  REQUIRE(types_of(events) == strings{"ChannelDialplan"});
  CHECK(std::get<ari::ChannelDialplan>(events[0]).dialplan_app == "Wait");
  CHECK(std::get<ari::ChannelDialplan>(events[0]).channel.id == "s01b");
}

TEST_CASE("simulator: endpoints that answer late, are busy or never answer") {
  sim::simulator asterisk;
  auto& socket = asterisk.connect({"hello"});
  asterisk.set_endpoint("PJSIP/late",
                        {sim::endpoint_behaviour::outcome::answer, milliseconds{2000}});
  asterisk.set_endpoint("PJSIP/busy", {sim::endpoint_behaviour::outcome::busy, milliseconds{1000}});
  asterisk.set_endpoint("PJSIP/never", {sim::endpoint_behaviour::outcome::no_answer, {}});

  rq::channels::originate originate;
  originate.app = "hello";
  originate.endpoint = "PJSIP/late";
  const auto late = asterisk.send(originate);
  CHECK(types_of(events_of(socket)) == strings{"Dial", "ChannelStateChange", "Dial"});
  asterisk.advance(milliseconds{2000});
  auto events = events_of(socket);
  REQUIRE(types_of(events) ==
          strings{"ChannelStateChange", "Dial", "ChannelVarset", "StasisStart"});
  CHECK(std::get<ari::Dial>(events[1]).dialstatus == "ANSWER");
  CHECK(std::get<ari::StasisStart>(events[3]).channel.id == late.id);

  originate.endpoint = "PJSIP/busy";
  asterisk.send(originate);
  socket.take();
  asterisk.advance(milliseconds{1000});
  events = events_of(socket);
  REQUIRE(types_of(events) == strings{"Dial", "ChannelDestroyed"});
  CHECK(std::get<ari::Dial>(events[0]).dialstatus == "BUSY");
  CHECK(std::get<ari::ChannelDestroyed>(events[1]).cause == 17);

  // create + dial: the created channel is in Stasis at once; the dial times out.
  rq::channels::create create;
  create.endpoint = "PJSIP/never";
  create.app = "hello";
  const auto never = asterisk.send(create);
  CHECK(types_of(events_of(socket)) == strings{"ChannelDialplan", "ChannelVarset", "StasisStart"});
  rq::channels::dial dial;
  dial.channelId = never.id;
  dial.timeout = 5;
  asterisk.send(dial);
  CHECK(types_of(events_of(socket)) == strings{"Dial"});
  asterisk.advance(std::chrono::seconds{5});
  events = events_of(socket);
  REQUIRE(types_of(events) ==
          strings{"ChannelHangupRequest", "StasisEnd", "ChannelVarset", "ChannelDestroyed"});
  CHECK(std::get<ari::ChannelDestroyed>(events[3]).cause == 19);
}

TEST_CASE("simulator: a mixing bridge with two channels") {
  sim::simulator asterisk;
  auto& socket = asterisk.connect({"hello"});
  const std::string a = asterisk.incoming_call("hello");
  const std::string b = asterisk.incoming_call("hello");
  socket.take();
  rq::bridges::create create;
  create.type = "mixing";
  create.bridgeId = "b1";
  const auto bridge = asterisk.send(create);
  CHECK(bridge.id == "b1");
  CHECK(bridge.technology == "simple_bridge");
  rq::bridges::addChannel add;
  add.bridgeId = "b1";
  add.channel = {a, b};
  asterisk.send(add);
  auto events = events_of(socket);
  REQUIRE(types_of(events) == strings{"ChannelEnteredBridge", "ChannelEnteredBridge",
                                      "ChannelVarset", "ChannelVarset"});
  CHECK(std::get<ari::ChannelEnteredBridge>(events[1]).bridge.channels == strings{a, b});
  CHECK(std::get<ari::ChannelVarset>(events[2]).variable == "BRIDGEPEER");
  CHECK(asterisk.send(rq::bridges::get{"b1"}).channels == strings{a, b});
  // Destroyed with its channels in it, the bridge is no longer the app's when it goes (as
  // in the capture's scenario 13).
  asterisk.send(rq::bridges::destroy{"b1"});
  CHECK(types_of(events_of(socket)) ==
        strings{"ChannelVarset", "ChannelVarset", "ChannelLeftBridge", "ChannelLeftBridge"});
  CHECK_THROWS_AS(asterisk.send(rq::bridges::get{"b1"}), ari::request_error);
}

// Random request sequences, well-formed or not: the simulator never throws, and keeps its
// invariants (a channel in at most one bridge, no event for a channel after its
// ChannelDestroyed, no two live channels with one id).
TEST_CASE("simulator: random request sequences keep its invariants") {
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  auto next = [&](std::uint64_t bound) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return bound == 0 ? 0 : state % bound;
  };
  const strings ids = {"c1", "c2", "c3", "x"};
  const strings bridges = {"b1", "b2"};
  const strings endpoints = {"Local/wait@far",
                             "Local/busy@far",
                             "Local/talk@far",
                             "Local/dtmf@far",
                             "Local/hangup@far",
                             "PJSIP/bob",
                             "bad"};
  const strings media = {"sound:beep", "sound:ari-test", "tone:ring", "nope", "digits:12"};
  std::size_t requests = 0;
  for (int round = 0; round < 20; ++round) {
    sim::simulator asterisk;
    auto& socket = asterisk.connect({"hello"}, true);
    std::set<std::string> destroyed;
    for (int step = 0; step < 150; ++step) {
      const std::string id = ids[next(ids.size())];
      const std::string bridge = bridges[next(bridges.size())];
      ari::http_request request;
      switch (next(16)) {
        case 0:
          request = {"POST",
                     "/ari/channels?app=hello&channelId=" + id +
                         "&endpoint=" + endpoints[next(endpoints.size())],
                     "", ""};
          break;
        case 1:
          request = {"POST",
                     "/ari/channels/create?app=hello&channelId=" + id +
                         "&endpoint=" + endpoints[next(endpoints.size())],
                     "", ""};
          break;
        case 2:
          request = {"POST", "/ari/channels/" + id + "/dial?timeout=" + std::to_string(next(4)), "",
                     ""};
          break;
        case 3:
          request = {"DELETE", "/ari/channels/" + id, "", ""};
          break;
        case 4:
          request = {"POST", "/ari/bridges/" + bridge, "", ""};
          break;
        case 5:
          request = {"POST", "/ari/bridges/" + bridge + "/addChannel?channel=" + id, "", ""};
          break;
        case 6:
          request = {"POST", "/ari/bridges/" + bridge + "/removeChannel?channel=" + id, "", ""};
          break;
        case 7:
          request = {"DELETE", "/ari/bridges/" + bridge, "", ""};
          break;
        case 8:
          request = {"POST", "/ari/channels/" + id + "/play?media=" + media[next(media.size())], "",
                     ""};
          break;
        case 9:
          request = {"POST", "/ari/channels/" + id + "/record?name=r&format=wav&ifExists=overwrite",
                     "", ""};
          break;
        case 10:
          request = {"POST", "/ari/channels/" + id + "/continue", "", ""};
          break;
        case 11:
          request = {"POST", "/ari/channels/" + id + "/variable?variable=V&value=%ZZ%", "", ""};
          break;
        case 12:
          request = {"POST",
                     "/ari/channels/" + id + "/dtmf?dtmf=12&duration=-5&between=999999999999", "",
                     ""};
          break;
        case 13:
          request = {"PUT", "/ari/" + id + "//" + bridge + "?&&=", "application/json", "[1,{"};
          break;
        case 14:
          request = {"POST", "/ari/channels/" + id + "/snoop?app=hello&spy=both", "", ""};
          break;
        default:
          asterisk.advance(milliseconds{static_cast<std::int64_t>(next(3000))});
          break;
      }
      if (!request.method.empty()) {
        ++requests;
        const auto response = asterisk.handle(request);
        REQUIRE(response.status >= 200);
        REQUIRE(response.status < 600);
      }
      for (const auto& frame : socket.take()) {
        const auto document = nlohmann::json::parse(frame);
        const std::string type = document["type"].get<std::string>();
        if (!document.contains("channel")) continue;
        const std::string channel = document["channel"]["id"].get<std::string>();
        if (type == "ChannelCreated") destroyed.erase(channel);
        INFO(frame);
        CHECK(destroyed.count(channel) == 0);
        if (type == "ChannelDestroyed") destroyed.insert(channel);
      }
      std::map<std::string, int> memberships;
      for (const auto& b : asterisk.send(rq::bridges::list{})) {
        for (const auto& member : b.channels)
          ++memberships[member];
      }
      for (const auto& [member, count] : memberships)
        CHECK(count == 1);
      std::set<std::string> live;
      for (const auto& c : asterisk.send(rq::channels::list{})) {
        CHECK(live.insert(c.id).second);
      }
    }
  }
  CHECK(requests > 2000);
}

// The RESTRequest messages of the capture tests/data/asterisk-22.10.1-rest-over-websocket.jsonl
// and what Asterisk 22.10.1 answered, on a connection of app testapp. The two requests the
// file does not keep (an unknown type, text that is not JSON) are written here as described.
TEST_CASE("simulator: RESTRequest frames answered as Asterisk 22.10.1 answered them") {
  const auto lines = test::lines_of("tests/data/asterisk-22.10.1-rest-over-websocket.jsonl");
  REQUIRE(lines.size() == 18);
  std::vector<std::string> requests(lines.begin() + 2, lines.begin() + 7);  // tx-1 .. tx-5
  requests.push_back(
      R"({"type":"RESTRequestX","request_id":"rq-6","method":"GET","uri":"asterisk/ping"})");
  requests.push_back("{not json");
  requests.push_back(lines[7]);  // tx-7
  const std::vector<std::string> answers(lines.begin() + 10, lines.end());
  REQUIRE(answers.size() == requests.size());

  sim::simulator asterisk;
  auto& socket = asterisk.connect({"testapp"});
  for (std::size_t i = 0; i < requests.size(); ++i) {
    INFO(requests[i]);
    socket.send(requests[i]);
    std::vector<nlohmann::json> responses;
    for (const auto& frame : socket.take()) {
      auto parsed = nlohmann::json::parse(frame);
      if (parsed["type"] == "RESTResponse") responses.push_back(parsed);
    }
    REQUIRE(responses.size() == 1);  // (the user event tx-3 raises comes too)
    const auto& mine = responses[0];
    const auto real = nlohmann::json::parse(answers[i]);
    for (const char* key : {"type", "transaction_id", "request_id", "status_code", "reason_phrase",
                            "uri", "content_type", "application", "asterisk_id"}) {
      CHECK(mine.value(key, nlohmann::json()) == real.value(key, nlohmann::json()));
    }
    if (!real.contains("message_body")) {
      CHECK(!mine.contains("message_body"));
      continue;
    }
    // Same members; values too where they do not depend on the host or the clock.
    const auto mine_body = nlohmann::json::parse(mine["message_body"].get<std::string>());
    const auto real_body = nlohmann::json::parse(real["message_body"].get<std::string>());
    std::set<std::string> mine_keys;
    std::set<std::string> real_keys;
    for (const auto& item : mine_body.items())
      mine_keys.insert(item.key());
    for (const auto& item : real_body.items())
      real_keys.insert(item.key());
    CHECK(mine_keys == real_keys);
    if (real_body.contains("message") || real_body.contains("channel_ids")) {
      CHECK(mine_body == real_body);
    }
  }
}

TEST_CASE("simulator: device states, mailboxes, endpoints and event filters") {
  sim::simulator asterisk;
  auto& socket = asterisk.connect({"hello"});
  rq::applications::subscribe subscribe;
  subscribe.applicationName = "hello";
  subscribe.eventSource = {"deviceState:Stasis:lamp"};
  CHECK(asterisk.send(subscribe).device_names == strings{"Stasis:lamp"});
  rq::deviceStates::update update;
  update.deviceName = "Stasis:lamp";
  update.deviceState = ari::DeviceStateValue::BUSY;
  asterisk.send(update);
  auto events = events_of(socket);
  REQUIRE(types_of(events) == strings{"DeviceStateChanged"});
  CHECK(std::get<ari::DeviceStateChanged>(events[0]).device_state.state ==
        ari::DeviceStateValue::BUSY);
  CHECK(asterisk.send(rq::deviceStates::get{"Stasis:lamp"}).state == ari::DeviceStateValue::BUSY);
  update.deviceName = "PJSIP/alice";
  try {
    asterisk.send(update);
    FAIL("no error");
  } catch (const ari::request_error& e) {
    CHECK(e.status() == 409);
    CHECK(e.message() == "Uncontrolled device specified");
  }

  rq::mailboxes::update mailbox;
  mailbox.mailboxName = "1000@default";
  mailbox.oldMessages = 2;
  mailbox.newMessages = 5;
  asterisk.send(mailbox);
  const auto box = asterisk.send(rq::mailboxes::get{"1000@default"});
  CHECK(box.old_messages == 2);
  CHECK(box.new_messages == 5);
  asterisk.send(rq::mailboxes::delete_{"1000@default"});
  CHECK_THROWS_AS(asterisk.send(rq::mailboxes::get{"1000@default"}), ari::request_error);

  asterisk.set_endpoint("PJSIP/bob", {});
  const auto endpoints = asterisk.send(rq::endpoints::list{});
  REQUIRE(endpoints.size() == 1);
  CHECK(endpoints[0].technology == "PJSIP");
  CHECK(endpoints[0].resource == "bob");

  // Only StasisStart gets through the filter.
  rq::applications::filter filter;
  filter.applicationName = "hello";
  filter.filter = {{"allowed", {{{"type", "StasisStart"}}}}};
  asterisk.send(filter);
  const std::string id = asterisk.incoming_call("hello");
  asterisk.send(rq::channels::answer{id});
  CHECK(types_of(events_of(socket)) == strings{"StasisStart"});
}
