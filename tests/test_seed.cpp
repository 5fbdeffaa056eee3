// Every example frame of the seed document, parsed, with its values checked.
#include "catch.hpp"
#include "support.hpp"

using namespace std::chrono;
using namespace date::literals;

namespace {

ari::Timestamp::time_point_type utc(date::sys_days day, hours h, minutes m, seconds s,
                                    milliseconds ms) {
  return ari::Timestamp::time_point_type{day} + h + m + s + ms;
}

template <class E>
E parse_seed(std::string_view type) {
  ari::Event event = ari::parse_event(test::seed_frame(type));
  REQUIRE(std::holds_alternative<E>(event));
  return std::get<E>(event);
}

// The channel all the seed frames share (it changes state and priority along the call).
void check_seed_channel(const ari::Channel& channel, ari::ChannelState state,
                        std::int64_t priority) {
  CHECK(channel.id == "pchero-462475.572686");
  CHECK(channel.name == "PJSIP/pchero-voip-00001b1f");
  CHECK(channel.state == state);
  CHECK(channel.caller.name.empty());
  CHECK(channel.caller.number == "1337");
  CHECK(channel.connected.number == "1337");
  CHECK(channel.accountcode.empty());
  CHECK(channel.dialplan.context == "pchero-voip");
  CHECK(channel.dialplan.exten == "s");
  CHECK(channel.dialplan.priority == priority);
  CHECK_FALSE(channel.dialplan.app_name.has_value());
  CHECK(channel.creationtime.time_point() == utc(2018_y / 10 / 23, 12h, 36min, 2s, 671ms));
  CHECK(channel.creationtime.offset() == 0min);
  CHECK(channel.language == "en");
  CHECK_FALSE(channel.protocol_id.has_value());
  CHECK_FALSE(channel.channelvars.has_value());
}

template <class E>
void check_seed_common(const E& event) {
  CHECK(event.application == "pchero_voip");
  CHECK(event.asterisk_id == "210445d7-73bd-456a-aef2-e0ef847bfa0f");
  CHECK(event.extra.is_null());
}

}  // namespace

TEST_CASE("seed ChannelDestroyed") {
  const auto event = parse_seed<ari::ChannelDestroyed>("ChannelDestroyed");
  check_seed_common(event);
  REQUIRE(event.timestamp.has_value());
  CHECK(event.timestamp->time_point() == utc(2018_y / 10 / 23, 12h, 36min, 11s, 110ms));
  CHECK(event.timestamp->to_string() == "2018-10-23T12:36:11.110+0000");
  CHECK(event.cause == 0);
  CHECK(event.cause_txt == "Unknown");
  CHECK_FALSE(event.tech_cause.has_value());
  check_seed_channel(event.channel, ari::ChannelState::Up, 2);
}

TEST_CASE("seed ChannelDialplan") {
  const auto event = parse_seed<ari::ChannelDialplan>("ChannelDialplan");
  check_seed_common(event);
  CHECK(event.timestamp->time_point() == utc(2018_y / 10 / 23, 12h, 36min, 11s, 109ms));
  CHECK(event.dialplan_app == "AppDial2");
  CHECK(event.dialplan_app_data == "(Outgoing Line)");
  check_seed_channel(event.channel, ari::ChannelState::Up, 2);
}

TEST_CASE("seed ChannelStateChange") {
  const auto event = parse_seed<ari::ChannelStateChange>("ChannelStateChange");
  check_seed_common(event);
  CHECK(event.timestamp->time_point() == utc(2018_y / 10 / 23, 12h, 36min, 7s, 628ms));
  check_seed_channel(event.channel, ari::ChannelState::Ringing, 1);
  CHECK(event.channel.state.text() == "Ringing");
}

TEST_CASE("seed ChannelVarset") {
  const auto event = parse_seed<ari::ChannelVarset>("ChannelVarset");
  check_seed_common(event);
  CHECK(event.timestamp->time_point() == utc(2018_y / 10 / 23, 12h, 36min, 9s, 602ms));
  CHECK(event.variable == "STASISSTATUS");
  CHECK(event.value.empty());
  REQUIRE(event.channel.has_value());
  check_seed_channel(*event.channel, ari::ChannelState::Up, 1);
}

TEST_CASE("seed Dial") {
  const auto event = parse_seed<ari::Dial>("Dial");
  check_seed_common(event);
  CHECK(event.timestamp->time_point() == utc(2018_y / 10 / 23, 12h, 36min, 2s, 673ms));
  CHECK(event.dialstatus.empty());
  CHECK(event.forward == "");
  CHECK(event.dialstring == "pchero-voip/sip:284712939482@127.0.0.1");
  CHECK_FALSE(event.caller.has_value());
  CHECK_FALSE(event.forwarded.has_value());
  check_seed_channel(event.peer, ari::ChannelState::Down, 1);
}

TEST_CASE("seed PlaybackStarted, which has no timestamp") {
  const auto event = parse_seed<ari::PlaybackStarted>("PlaybackStarted");
  check_seed_common(event);
  CHECK_FALSE(event.timestamp.has_value());
  CHECK(event.playback.id ==
        "1b590cfa-5880-493f-8afc-3f9dfed9022a:3f59e78f-acb2-4bd4-bcd0-23da52c1a2c2");
  CHECK(event.playback.media_uri == "sound:https://pchero21.com/var/spool/asterisk/tts/test.wav");
  CHECK(event.playback.target_uri == "channel:pchero-462475.572686");
  CHECK(event.playback.language == "en");
  CHECK(event.playback.state == ari::PlaybackState::playing);
  CHECK_FALSE(event.playback.next_media_uri.has_value());
}

TEST_CASE("seed PlaybackFinished") {
  const auto event = parse_seed<ari::PlaybackFinished>("PlaybackFinished");
  check_seed_common(event);
  CHECK(event.playback.id ==
        "b28da5fa-c12e-49b8-a520-1339746cd590:834f78fa-cf49-4092-8805-c1cfe5a8c583");
  CHECK(event.playback.state == ari::PlaybackState::done);
  CHECK(event.playback.target_uri == "channel:pchero-462475.572686");
}

TEST_CASE("seed StasisStart") {
  const auto event = parse_seed<ari::StasisStart>("StasisStart");
  check_seed_common(event);
  CHECK(event.timestamp->time_point() == utc(2018_y / 10 / 23, 12h, 36min, 9s, 603ms));
  CHECK(event.args == std::vector<std::string>{"PCHERO_DIALED=1"});
  CHECK_FALSE(event.replace_channel.has_value());
  check_seed_channel(event.channel, ari::ChannelState::Up, 1);
}

TEST_CASE("seed StasisEnd") {
  const auto event = parse_seed<ari::StasisEnd>("StasisEnd");
  check_seed_common(event);
  CHECK(event.timestamp->time_point() == utc(2018_y / 10 / 23, 12h, 36min, 11s, 105ms));
  check_seed_channel(event.channel, ari::ChannelState::Up, 2);
}

TEST_CASE("seed Playback model decodes with get<ari::Playback>") {
  std::string model_line;
  for (const auto& line : test::lines_of("tests/data/seed-examples.jsonl")) {
    if (line.find("\"type\"") == std::string::npos) model_line = line;
  }
  const auto playback = nlohmann::json::parse(model_line).get<ari::Playback>();
  CHECK(playback.id == "1b590cfa-5880-493f-8afc-3f9dfed9022a:3f59e78f-acb2-4bd4-bcd0-23da52c1a2c2");
  CHECK(playback.state == ari::PlaybackState::playing);
  CHECK(nlohmann::json(playback) == nlohmann::json::parse(model_line));
}
