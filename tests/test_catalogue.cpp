// Every ARI event type: a complete frame (every member, nested models filled) and a minimal
// one (only what every Asterisk line from 13 on requires). The frames are in tests/data,
// written by tools/make_catalogue_frames.py.
#include <set>

#include "catch.hpp"
#include "support.hpp"

using namespace std::chrono_literals;

namespace {

using ari::overloaded;

// Models anywhere in an event whose unknown members are not empty: none means every member of
// the frame has a typed counterpart.
int extras_in(const ari::Event& event) {
  int count = 0;
  const auto count_extra = [&](const auto& model) {
    if (!ari::detail::equal_extra(model.extra, nlohmann::json())) ++count;
  };
  std::visit([&](const auto& e) { ari::detail::for_each_model(e, count_extra); }, event);
  return count;
}

void check_alice(const ari::Channel& channel) {
  CHECK(channel.id == "1764135644.101");
  CHECK(channel.name == "PJSIP/alice-00000065");
  CHECK(channel.caller.number == "1001");
  CHECK(channel.dialplan.app_data == std::optional<std::string>("callcenter,inbound"));
  CHECK(channel.creationtime.offset() == 9h);
  CHECK(channel.tenantid == "tenant-7");
  CHECK(channel.caller_rdnis == "1000");
  REQUIRE(channel.channelvars.has_value());
  CHECK(channel.channelvars->at("CDR(userfield)") == "vip");
}

void check_bridge(const ari::Bridge& bridge) {
  CHECK(bridge.id == "9a0c5c2e-2f43-4a3f-9a57-4d6a3f0e6c11");
  CHECK(bridge.bridge_type == ari::BridgeType::mixing);
  CHECK(bridge.channels.size() == 2);
  CHECK(bridge.video_mode == "sfu");
  CHECK(bridge.bridgevars.value()["CONF_ROOM"] == "7");
}

void check_endpoint(const ari::Endpoint& endpoint) {
  CHECK(endpoint.technology == "PJSIP");
  CHECK(endpoint.resource == "alice");
  CHECK(endpoint.max_channels == 2);
}

// Values of each complete frame, one handler per event type.
void check_values(const ari::Event& event) {
  std::visit(
      overloaded{
          [](const ari::ApplicationMoveFailed& e) {
            check_alice(e.channel);
            CHECK(e.destination == "otherapp");
            CHECK(e.args == std::vector<std::string>{"a1", "a2"});
          },
          [](const ari::ApplicationRegistered& e) { CHECK(e.application == "callcenter"); },
          [](const ari::ApplicationReplaced& e) { CHECK(e.asterisk_id == "02:fc:00:00:00:01"); },
          [](const ari::ApplicationUnregistered& e) { CHECK(e.timestamp->offset() == 9h); },
          [](const ari::BridgeAttendedTransfer& e) {
            check_alice(e.transferer_first_leg);
            CHECK(e.transferer_second_leg.name == "Local/queue@agents-00000012;1");
            CHECK(e.transfer_target->state == ari::ChannelState::Ringing);
            CHECK(e.transfer_target->creationtime.offset() == -5h);
            CHECK(e.result == "Success");
            CHECK_FALSE(e.is_external);
            CHECK(e.transferer_second_leg_bridge->bridge_type == ari::BridgeType::holding);
            CHECK(e.destination_type == "threeway");
            CHECK(e.destination_threeway_channel->caller.number == "1003");
            check_bridge(e.destination_threeway_bridge.value());
          },
          [](const ari::BridgeBlindTransfer& e) {
            check_alice(e.channel);
            CHECK(e.exten == "2000");
            CHECK(e.context == "from-internal");
            CHECK(e.is_external);
            check_bridge(e.bridge.value());
          },
          [](const ari::BridgeCreated& e) { check_bridge(e.bridge); },
          [](const ari::BridgeDestroyed& e) { CHECK(e.bridge.name == "parking"); },
          [](const ari::BridgeMerged& e) {
            check_bridge(e.bridge);
            CHECK(e.bridge_from.technology == "holding_bridge");
          },
          [](const ari::BridgeVideoSourceChanged& e) {
            CHECK(e.old_video_source_id == "1764135644.102");
            CHECK(e.bridge.video_source_id == "1764135644.101");
          },
          [](const ari::CallBroadcast& e) {
            CHECK(e.caller == "1003");
            CHECK(e.called == "2000");
          },
          [](const ari::CallClaimed& e) { CHECK(e.winner_app == "agent-app"); },
          [](const ari::ChannelCallerId& e) {
            CHECK(e.caller_presentation == 1);
            CHECK(e.caller_presentation_txt == "Presentation Allowed, Passed Screen");
          },
          [](const ari::ChannelConnectedLine& e) { CHECK(e.channel.caller.name == "Bob Example"); },
          [](const ari::ChannelCreated& e) { CHECK(e.channel.state == ari::ChannelState::Down); },
          [](const ari::ChannelDestroyed& e) {
            CHECK(e.cause == 16);
            CHECK(e.cause_txt == "Normal Clearing");
            CHECK(e.tech_cause == 200);
          },
          [](const ari::ChannelDialplan& e) {
            CHECK(e.dialplan_app == "Queue");
            CHECK(e.dialplan_app_data == "support,t");
          },
          [](const ari::ChannelDtmfReceived& e) {
            CHECK(e.digit == "#");
            CHECK(e.duration_ms == 160);
          },
          [](const ari::ChannelEnteredBridge& e) {
            check_bridge(e.bridge);
            CHECK(e.channel->id == "1764135644.102");
          },
          [](const ari::ChannelHangupRequest& e) {
            CHECK(e.cause == 17);
            CHECK(e.tech_cause == 486);
            CHECK(e.soft == true);
          },
          [](const ari::ChannelHold& e) { CHECK(e.musicclass == "jazz"); },
          [](const ari::ChannelLeftBridge& e) { check_alice(e.channel); },
          [](const ari::ChannelStateChange& e) { CHECK(e.channel.state == ari::ChannelState::Up); },
          [](const ari::ChannelTalkingFinished& e) { CHECK(e.duration == 5120); },
          [](const ari::ChannelTalkingStarted& e) { check_alice(e.channel); },
          [](const ari::ChannelToneDetected& e) { CHECK(e.channel.id == "1764135650.110"); },
          [](const ari::ChannelTransfer& e) {
            CHECK(e.state == "channel_answered");
            const auto& destination = e.refer_to.requested_destination;
            CHECK(destination.destination == "sip:2000@pbx.example");
            REQUIRE(destination.additional_protocol_params.has_value());
            CHECK(destination.additional_protocol_params->at(0).parameter_name == "Replaces");
            CHECK(e.refer_to.destination_channel->id == "1764135650.110");
            check_alice(e.referred_by.source_channel);
            check_bridge(e.referred_by.bridge.value());
          },
          [](const ari::ChannelUnhold& e) { CHECK(e.channel.id == "1764135644.102"); },
          [](const ari::ChannelUserevent& e) {
            CHECK(e.eventname == "Survey");
            CHECK(e.userevent["nested"]["list"][2] == 3);
            check_endpoint(e.endpoint.value());
            check_bridge(e.bridge.value());
          },
          [](const ari::ChannelVarset& e) {
            CHECK(e.variable == "QUEUE_WAIT");
            CHECK(e.value == "12");
          },
          [](const ari::ContactStatusChange& e) {
            check_endpoint(e.endpoint);
            CHECK(e.contact_info.contact_status == ari::ContactStatus::Reachable);
            CHECK(e.contact_info.roundtrip_usec == "1532");
            CHECK(e.contact_info.aor == "alice");
          },
          [](const ari::DeviceStateChanged& e) {
            CHECK(e.device_state.name == "PJSIP/alice");
            CHECK(e.device_state.state == ari::DeviceStateValue::RINGINUSE);
          },
          [](const ari::Dial& e) {
            check_alice(e.caller.value());
            CHECK(e.peer.id == "1764135650.110");
            CHECK(e.forward == "2001");
            CHECK(e.forwarded->name == "Local/queue@agents-00000012;1");
            CHECK(e.dialstring == "PJSIP/carol");
            CHECK(e.dialstatus == "ANSWER");
          },
          [](const ari::EndpointStateChange& e) {
            CHECK(e.endpoint.state == ari::EndpointState::offline);
            CHECK(e.endpoint.channel_ids.empty());
          },
          [](const ari::MissingParams& e) {
            CHECK(e.params == std::vector<std::string>{"app"});
            CHECK(e.application == "callcenter");
          },
          [](const ari::PeerStatusChange& e) {
            CHECK(e.peer.peer_status == "Reachable");
            CHECK(e.peer.port == ari::StringOrInteger{std::string("5060")});
            CHECK(e.peer.address == "10.0.0.5:5060");
          },
          [](const ari::PlaybackContinuing& e) {
            CHECK(e.playback.state == ari::PlaybackState::continuing);
            CHECK(e.playback.next_media_uri == "sound:vm-goodbye");
          },
          [](const ari::PlaybackFinished& e) {
            CHECK(e.playback.state == ari::PlaybackState::done);
          },
          [](const ari::PlaybackStarted& e) {
            CHECK(e.playback.media_uri == "sound:hello-world");
            CHECK(e.playback.target_uri == "channel:1764135644.101");
          },
          [](const ari::RESTResponse& e) {
            CHECK(e.status_code == 200);
            CHECK(e.reason_phrase == "OK");
            CHECK(e.content_type == "application/json");
            CHECK(nlohmann::json::parse(e.message_body.value())["id"] == "1764135644.101");
          },
          [](const ari::RecordingFailed& e) {
            CHECK(e.recording.state == ari::RecordingState::failed);
            CHECK(e.recording.cause == "Cannot record channel while in bridge");
          },
          [](const ari::RecordingFinished& e) {
            CHECK(e.recording.duration == 42);
            CHECK(e.recording.talking_duration == 31);
            CHECK(e.recording.silence_duration == 11);
          },
          [](const ari::RecordingStarted& e) {
            CHECK(e.recording.state == ari::RecordingState::recording);
          },
          [](const ari::StasisEnd& e) { check_alice(e.channel); },
          [](const ari::StasisStart& e) {
            CHECK(e.args == std::vector<std::string>{"inbound", "queue=support"});
            check_alice(e.channel);
            CHECK(e.replace_channel->state == ari::ChannelState::Ring);
          },
          [](const ari::TextMessageReceived& e) {
            CHECK(e.message.body == "Running 5 minutes late");
            CHECK(e.message.variables.value()["X-Priority"] == "high");
            check_endpoint(e.endpoint.value());
          },
          [](const ari::UnknownEvent& e) { FAIL("unknown event type " << e.type); },
      },
      event);
}

}  // namespace

TEST_CASE("complete frames of every event type: typed, every member modeled, lossless") {
  std::set<ari::event_type> seen;
  for (const auto& frame : test::lines_of("tests/data/catalogue-full.jsonl")) {
    INFO(frame);
    const auto json = nlohmann::json::parse(frame);
    const ari::Event event = ari::parse_event(frame);
    CHECK(ari::type_name(event) == json["type"].get<std::string>());
    CHECK(extras_in(event) == 0);
    CHECK(nlohmann::json(event) == json);
    check_values(event);
    seen.insert(ari::event_type_of(event));
  }
  CHECK(seen.size() == std::variant_size_v<ari::Event> - 1);  // all but UnknownEvent
}

TEST_CASE("minimal frames of every event type parse, and leave the optional members empty") {
  int frames = 0;
  for (const auto& frame : test::lines_of("tests/data/catalogue-minimal.jsonl")) {
    INFO(frame);
    const ari::Event event = ari::parse_event(frame);
    CHECK(ari::type_name(event) == nlohmann::json::parse(frame)["type"].get<std::string>());
    CHECK(nlohmann::json(event) == nlohmann::json::parse(frame));
    ++frames;
  }
  CHECK(frames == 46);

  const auto minimal = [](std::string_view type) {
    for (const auto& frame : test::lines_of("tests/data/catalogue-minimal.jsonl")) {
      if (test::contains(frame, "\"type\":\"" + std::string(type) + "\"")) {
        return ari::parse_event(frame);
      }
    }
    throw std::runtime_error("no minimal frame");
  };
  const auto start = std::get<ari::StasisStart>(minimal("StasisStart"));
  CHECK_FALSE(start.channel.protocol_id.has_value());
  CHECK_FALSE(start.channel.channelvars.has_value());
  CHECK_FALSE(start.channel.dialplan.app_name.has_value());
  CHECK_FALSE(start.replace_channel.has_value());
  CHECK_FALSE(start.asterisk_id.has_value());
  const auto dial = std::get<ari::Dial>(minimal("Dial"));
  CHECK_FALSE(dial.caller.has_value());
  CHECK_FALSE(dial.dialstring.has_value());
  const auto bridge = std::get<ari::BridgeCreated>(minimal("BridgeCreated")).bridge;
  CHECK_FALSE(bridge.video_mode.has_value());
  CHECK_FALSE(bridge.creationtime.has_value());
  const auto missing = std::get<ari::MissingParams>(minimal("MissingParams"));
  CHECK_FALSE(missing.application.has_value());
  CHECK_FALSE(missing.timestamp.has_value());
}

TEST_CASE("event_type: switchable, to and from text, from an Event") {
  CHECK(ari::event_type_from_string("StasisStart") == ari::event_type::StasisStart);
  CHECK(ari::event_type_from_string("TextMessageReceived") == ari::event_type::TextMessageReceived);
  CHECK(ari::event_type_from_string("ApplicationMoveFailed") ==
        ari::event_type::ApplicationMoveFailed);
  CHECK(ari::event_type_from_string("StasisStarted") == ari::event_type::unknown);
  CHECK(ari::event_type_from_string("") == ari::event_type::unknown);
  CHECK(ari::to_string(ari::event_type::ChannelToneDetected) == "ChannelToneDetected");
  CHECK(ari::event_type_of(ari::Event{ari::Dial{}}) == ari::event_type::Dial);
  CHECK(ari::event_type_of(ari::Event{ari::UnknownEvent{}}) == ari::event_type::unknown);
  // Every enumerator names its own alternative.
  for (std::size_t i = 0; i + 1 < std::variant_size_v<ari::Event>; ++i) {
    const auto type = static_cast<ari::event_type>(i);
    CHECK(ari::event_type_from_string(ari::to_string(type)) == type);
  }
}

TEST_CASE("release lines per event type") {
  static_assert(ari::since("ChannelToneDetected") == 22);
  static_assert(ari::since(ari::event_type::StasisStart) == 12);
  static_assert(ari::since("NoSuchEvent") == 0);
  CHECK(ari::release_lines(ari::event_type::ApplicationMoveFailed) == "13, 16-latest");
  CHECK(ari::defined_in(ari::event_type::ApplicationMoveFailed, 13));
  CHECK_FALSE(ari::defined_in(ari::event_type::ApplicationMoveFailed, 14));
  CHECK(ari::defined_in(ari::event_type::ApplicationMoveFailed, 16));
  CHECK(ari::defined_in(ari::event_type::ApplicationMoveFailed, 30));  // newer than 23: master
  CHECK_FALSE(ari::defined_in(ari::event_type::CallBroadcast, 21));
  CHECK(ari::defined_in(ari::event_type::CallBroadcast, 20));
  CHECK(ari::defined_in(ari::event_type::PlaybackContinuing, 14));
  CHECK_FALSE(ari::defined_in(ari::event_type::PlaybackContinuing, 13));
  CHECK_FALSE(ari::defined_in(ari::event_type::unknown, 22));
}

TEST_CASE("Peer.port and Peer.time as integers (chan_iax2)") {
  const auto event = ari::parse_event(
      R"({"type":"PeerStatusChange","timestamp":"2026-11-26T14:41:00.000+0900","application":"a",)"
      R"("endpoint":{"technology":"IAX2","resource":"trunk","channel_ids":[]},)"
      R"("peer":{"peer_status":"Lagged","address":"10.0.0.9","port":4569,"time":130}})");
  const auto& peer = std::get<ari::PeerStatusChange>(event).peer;
  CHECK(peer.port == ari::StringOrInteger{std::int64_t{4569}});
  CHECK(peer.time == ari::StringOrInteger{std::int64_t{130}});
  CHECK(nlohmann::json(event)["peer"]["port"] == 4569);
}

TEST_CASE("TextMessage.variables as the list of lines 12, 14 and 15") {
  const auto event = ari::parse_event(
      R"({"type":"TextMessageReceived","timestamp":"2016-11-26T14:41:00.000+0000",)"
      R"("application":"a","message":{"from":"a","to":"b","body":"hi",)"
      R"("variables":[{"key":"X-A","value":"1"}]}})");
  const auto& variables = std::get<ari::TextMessageReceived>(event).message.variables;
  REQUIRE(variables.has_value());
  CHECK(variables->at(0).get<ari::TextMessageVariable>().value == "1");
}

TEST_CASE("RTPstat SSRCs above 2^31 and 64-bit counters") {
  const auto stat =
      nlohmann::json::parse(R"({"txcount":10,"rxcount":12,"txploss":0,"rxploss":1,)"
                            R"("local_ssrc":3175369733,"remote_ssrc":4294967295,)"
                            R"("txoctetcount":6000000000,"rxoctetcount":7,"rtt":0.25,)"
                            R"("channel_uniqueid":"1764135644.101"})")
          .get<ari::RTPstat>();
  CHECK(stat.local_ssrc == 3175369733u);
  CHECK(stat.remote_ssrc == 4294967295u);
  CHECK(stat.txoctetcount == 6000000000LL);
  CHECK(stat.rtt == 0.25);
  CHECK_FALSE(stat.maxrtt.has_value());
}

TEST_CASE("REST response bodies decode with get<>") {
  const auto info =
      nlohmann::json::parse(
          R"({"build":{"os":"Linux","kernel":"6.1.0","options":"","machine":"x86_64",)"
          R"("date":"2026-06-25 10:00:00 UTC","user":"builder"},)"
          R"("system":{"version":"22.10.1","entity_id":"02:fc:00:00:00:01"},)"
          R"("config":{"name":"pbx","default_language":"en","max_load":0.5,)"
          R"("setid":{"user":"asterisk","group":"asterisk"}},)"
          R"("status":{"startup_time":"2026-11-26T14:00:00.000+0900",)"
          R"("last_reload_time":"2026-11-26T14:05:00.000+0900"}})")
          .get<ari::AsteriskInfo>();
  CHECK(info.system->version == "22.10.1");
  CHECK(info.build->date == "2026-06-25 10:00:00 UTC");
  CHECK(info.config->setid.group == "asterisk");
  CHECK(info.config->max_load == 0.5);
  CHECK(info.status->startup_time.offset() == 9h);

  const auto sound =
      nlohmann::json::parse(
          R"({"id":"hello-world","text":"Hello world",)"
          R"("formats":[{"language":"en","format":"gsm"},{"language":"fr","format":"ulaw"}]})")
          .get<ari::Sound>();
  CHECK(sound.formats.size() == 2);
  CHECK(sound.formats[1].language == "fr");

  const auto app =
      nlohmann::json::parse(R"({"name":"callcenter","channel_ids":["1.1"],"bridge_ids":[],)"
                            R"("endpoint_ids":["PJSIP/alice"],"device_names":[],)"
                            R"("events_allowed":[{"type":"StasisStart"}],"events_disallowed":[]})")
          .get<ari::Application>();
  CHECK(app.events_allowed->at(0)["type"] == "StasisStart");
  CHECK(nlohmann::json::parse(R"({"name":"1000@default","old_messages":2,"new_messages":1})")
            .get<ari::Mailbox>()
            .new_messages == 1);
  CHECK(nlohmann::json::parse(R"({"value":"42"})").get<ari::Variable>().value == "42");
}
