// Real frames from Asterisk 22.10.1: all of them parse to typed events and come back equal, and
// to_frame writes them back byte for byte.
#include <map>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support.hpp"

TEST_CASE("every frame of the Asterisk 22 capture parses to a typed event and round-trips") {
  const auto& frames = test::capture_frames();
  REQUIRE(frames.size() == 1156);
  std::map<std::string, int> per_type;
  for (const auto& frame : frames) {
    INFO(frame);
    const ari::Event event = ari::parse_event(frame);
    CHECK_FALSE(std::holds_alternative<ari::UnknownEvent>(event));
    ++per_type[std::string(ari::type_name(event))];
    CHECK(nlohmann::json(event) == nlohmann::json::parse(frame));
    // The DOM overload gives the same event as the text overload.
    CHECK(ari::parse_event(nlohmann::json::parse(frame)) == event);
  }
  CHECK(per_type.size() == 25);
  CHECK(per_type["ChannelVarset"] == 173);
  CHECK(per_type["StasisStart"] == 28);
  CHECK(per_type["BridgeCreated"] == 1);
}

TEST_CASE("every seed frame round-trips") {
  for (const auto& frame : test::lines_of("tests/data/seed-examples.jsonl")) {
    if (frame.find("\"type\"") == std::string::npos) continue;  // the Playback model example
    INFO(frame);
    CHECK(nlohmann::json(ari::parse_event(frame)) == nlohmann::json::parse(frame));
  }
}

TEST_CASE("captured values arrive typed") {
  const auto& frames = test::capture_frames();
  const auto first = [&](std::string_view type) {
    for (const auto& frame : frames) {
      if (test::contains(frame, "\"type\":\"" + std::string(type) + "\"")) {
        return ari::parse_event(frame);
      }
    }
    throw std::runtime_error("no frame of type " + std::string(type));
  };

  SECTION("ChannelCreated") {
    const auto event = std::get<ari::ChannelCreated>(first("ChannelCreated"));
    CHECK(event.application == "allapp");
    CHECK(event.asterisk_id == "02:fc:00:00:00:01");
    CHECK(event.channel.id == "s01");
    CHECK(event.channel.name == "Local/wait@far-00000000;1");
    CHECK(event.channel.state == ari::ChannelState::Down);
    CHECK(event.channel.protocol_id == "");
    CHECK(event.channel.dialplan.app_name == std::optional<std::string>(""));
    CHECK(event.timestamp->to_string() == "2026-11-26T05:40:44.352+0000");
  }
  SECTION("ChannelUserevent keeps its free-form payload") {
    const auto event = std::get<ari::ChannelUserevent>(first("ChannelUserevent"));
    CHECK(event.eventname == "MyEvent");
    CHECK(event.userevent["key1"] == "val1");
    REQUIRE(event.channel.has_value());
    CHECK(event.channel->caller.name == "Bob Example");
    CHECK(event.channel->dialplan.app_data == std::optional<std::string>("testapp,a1,a2"));
    REQUIRE(event.channel->channelvars.has_value());
    CHECK(event.channel->channelvars->at("MYVAR") == "two");
  }
  SECTION("ChannelHangupRequest") {
    const auto event = std::get<ari::ChannelHangupRequest>(first("ChannelHangupRequest"));
    CHECK(event.cause == 32);
    CHECK(event.soft == true);
    CHECK(event.channel.id == "snoop1");
  }
  SECTION("BridgeCreated") {
    const auto event = std::get<ari::BridgeCreated>(first("BridgeCreated"));
    CHECK(event.bridge.id == "br1");
    CHECK(event.bridge.bridge_type == ari::BridgeType::mixing);
    CHECK(event.bridge.channels.empty());
    CHECK(event.bridge.video_mode == "talker");
  }
  SECTION("RecordingFailed") {
    const auto event = std::get<ari::RecordingFailed>(first("RecordingFailed"));
    CHECK(event.recording.state == ari::RecordingState::failed);
    CHECK(event.recording.cause == "Cannot record channel while in bridge");
  }
  SECTION("PlaybackContinuing") {
    const auto event = std::get<ari::PlaybackContinuing>(first("PlaybackContinuing"));
    CHECK(event.playback.state == ari::PlaybackState::continuing);
    CHECK(event.playback.next_media_uri == "0/200");
  }
  SECTION("DeviceStateChanged") {
    const auto event = std::get<ari::DeviceStateChanged>(first("DeviceStateChanged"));
    CHECK(event.device_state.name == "Local/wait@far");
    CHECK(event.device_state.state == ari::DeviceStateValue::INUSE);
  }
  SECTION("ChannelDtmfReceived") {
    const auto event = std::get<ari::ChannelDtmfReceived>(first("ChannelDtmfReceived"));
    CHECK(event.digit == "1");
    CHECK(event.duration_ms == 120);
    CHECK(event.channel.dialplan.priority == 2);
  }
}

TEST_CASE("decoding from text and from a DOM gives identical events, for every test frame") {
  int frames = 0;
  for (const char* file : {"tests/data/catalogue-full.jsonl", "tests/data/catalogue-minimal.jsonl",
                           "tests/data/seed-examples.jsonl", "examples/asterisk-22-sample.jsonl"}) {
    for (const auto& frame : test::lines_of(file)) {
      if (frame.find("\"type\"") == std::string::npos) continue;  // the seed's Playback model
      INFO(frame);
      CHECK(ari::parse_event(frame) == ari::parse_event(nlohmann::json::parse(frame)));
      ++frames;
    }
  }
  CHECK(frames == 46 + 46 + 9 + 1156);
}

// Every frame Asterisk 22.10.1 sent in the repository's captures: the sample capture, the REST
// over WebSocket capture and the frames of the conversation capture.
namespace {
std::vector<std::string> real_frames() {
  auto frames = test::lines_of("examples/asterisk-22-sample.jsonl");
  for (const auto& frame : test::lines_of("tests/data/asterisk-22.10.1-rest-over-websocket.jsonl"))
    frames.push_back(frame);
  for (const auto& line : test::lines_of("tests/data/conversations.jsonl")) {
    const auto record = nlohmann::json::parse(line);
    if (record["kind"] == "event") frames.push_back(record["frame"].get<std::string>());
  }
  return frames;
}
}  // namespace

TEST_CASE("to_frame writes every real frame back byte for byte, in Asterisk's member order") {
  const auto frames = real_frames();
  REQUIRE(frames.size() == 1156 + 18 + 1405);
  std::size_t identical = 0;
  std::map<std::string, int> different;  // per type
  for (const auto& frame : frames) {
    INFO(frame);
    const ari::Event event = ari::parse_event(frame);
    const std::string text = ari::to_frame(event);
    if (text == frame) {
      ++identical;
      continue;
    }
    // What differs is only where members stand: the value is Asterisk's.
    CHECK(nlohmann::json::parse(text) == nlohmann::json::parse(frame));
    ++different[nlohmann::json::parse(frame)["type"].get<std::string>()];
  }
  CHECK(identical == 2563);
  // Free-form objects are kept as sorted nlohmann::json: a user event's `userevent`, and a whole
  // event of a type this version does not model (RESTRequest, which Asterisk receives).
  CHECK(different == std::map<std::string, int>{{"ChannelUserevent", 8}, {"RESTRequest", 8}});
}
