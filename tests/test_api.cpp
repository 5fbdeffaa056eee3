// The public surface: overloads, conversions, variant helpers, equality, enums, unknown input.
#include <sstream>

#include "catch.hpp"
#include "support.hpp"

TEST_CASE("parse_event takes std::string, const char*, literals, string_view and a DOM") {
  const std::string frame = test::seed_frame("StasisEnd");
  const char* pointer = frame.c_str();
  const std::string_view view = frame;
  const auto dom = nlohmann::json::parse(frame);
  const ari::Event from_string = ari::parse_event(frame);
  CHECK(ari::parse_event(pointer) == from_string);
  CHECK(ari::parse_event(view) == from_string);
  CHECK(ari::parse_event(dom) == from_string);
  const ari::Event from_literal = ari::parse_event(
      R"({"type":"ApplicationReplaced","application":"app","timestamp":"2020-01-01T00:00:00.000+0000"})");
  CHECK(std::holds_alternative<ari::ApplicationReplaced>(from_literal));
}

TEST_CASE("try_parse_event returns the event or the error") {
  auto good = ari::try_parse_event(test::seed_frame("Dial"));
  REQUIRE(good);
  CHECK(std::holds_alternative<ari::Dial>(*good));
  CHECK(ari::type_name(good.value()) == "Dial");

  auto bad = ari::try_parse_event(R"({"type":"Dial"})");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().pointer() == "/dialstatus");
  CHECK_THROWS_AS(bad.value(), ari::parse_error);
  static_assert(noexcept(ari::try_parse_event(std::string_view{})));
}

TEST_CASE("nlohmann conversions for every level") {
  const auto dom = nlohmann::json::parse(test::seed_frame("StasisStart"));
  const auto event = dom.get<ari::Event>();
  const nlohmann::json back = event;
  CHECK(back == dom);

  const auto start = dom.get<ari::StasisStart>();
  CHECK(std::get<ari::StasisStart>(event) == start);
  const nlohmann::json start_json = start;
  CHECK(start_json == dom);
  CHECK(start_json["type"] == "StasisStart");

  const auto channel = dom["channel"].get<ari::Channel>();
  CHECK(channel == start.channel);
  CHECK(nlohmann::json(channel) == dom["channel"]);
  CHECK(dom["channel"]["caller"].get<ari::CallerID>().number == "1337");
}

TEST_CASE("type_name and the static type of event structs") {
  CHECK(ari::StasisStart::type == "StasisStart");
  CHECK(ari::type_name(ari::Event{ari::ChannelVarset{}}) == "ChannelVarset");
  const auto unknown = ari::parse_event(R"({"type":"ChannelTeleported","where":"Mars"})");
  CHECK(ari::type_name(unknown) == "ChannelTeleported");
}

TEST_CASE("an unknown event type keeps its type and raw JSON") {
  const std::string frame =
      R"({"type":"ChannelTeleported","application":"app","where":{"planet":"Mars"},"n":[1,2]})";
  const auto event = ari::parse_event(frame);
  REQUIRE(std::holds_alternative<ari::UnknownEvent>(event));
  const auto& unknown = std::get<ari::UnknownEvent>(event);
  CHECK(unknown.type == "ChannelTeleported");
  CHECK(unknown.json["where"]["planet"] == "Mars");
  CHECK(nlohmann::json(event) == nlohmann::json::parse(frame));
}

TEST_CASE("unknown members are kept at every level and written back") {
  const std::string frame = test::edited(test::seed_frame("ChannelDestroyed"), [](auto& j) {
    j["future_member"] = {{"deep", {1, 2, 3}}};
    j["channel"]["future_channel_member"] = "x";
    j["channel"]["caller"]["future_caller_member"] = nullptr;
  });
  const auto event = std::get<ari::ChannelDestroyed>(ari::parse_event(frame));
  CHECK(event.extra["future_member"]["deep"][2] == 3);
  CHECK(event.channel.extra["future_channel_member"] == "x");
  CHECK(event.channel.caller.extra.contains("future_caller_member"));
  CHECK(nlohmann::json(event) == nlohmann::json::parse(frame));
  // A modeled member wins over an extra of the same name.
  auto changed = event;
  changed.extra["cause_txt"] = "from extra";
  CHECK(nlohmann::json(changed)["cause_txt"] == "Unknown");
}

TEST_CASE("channel states beyond the schema's list parse and round-trip") {
  const std::pair<const char*, ari::ChannelState::Value> cases[] = {
      {"Rsrvd", ari::ChannelState::Rsrvd},
      {"Rsrved", ari::ChannelState::Rsrvd},
      {"Mute", ari::ChannelState::Mute},
      {"Unknown (7)", ari::ChannelState::Other},
      {"Dialing Offhook", ari::ChannelState::DialingOffhook},
      {"Pre-ring", ari::ChannelState::PreRing},
      {"Up", ari::ChannelState::Up}};
  for (const auto& [text_of_case, value] : cases) {
    const std::string text = text_of_case;  // lambdas cannot capture bindings before C++20
    INFO(text);
    const std::string frame =
        test::edited(test::seed_frame("StasisEnd"), [&](auto& j) { j["channel"]["state"] = text; });
    const auto event = std::get<ari::StasisEnd>(ari::parse_event(frame));
    CHECK(event.channel.state.value() == value);
    CHECK(event.channel.state.text() == text);
    CHECK(nlohmann::json(event) == nlohmann::json::parse(frame));
  }
  // Against an enumerator the value counts; two values compare by their text.
  CHECK(ari::ChannelState::from_text("Rsrved") == ari::ChannelState::Rsrvd);
  CHECK(ari::ChannelState::Rsrvd == ari::ChannelState::from_text("Rsrved"));
  CHECK(ari::ChannelState::from_text("Rsrved") != ari::ChannelState(ari::ChannelState::Rsrvd));
  CHECK(ari::ChannelState::from_text("Unknown (7)") == ari::ChannelState::Other);
  CHECK(ari::ChannelState::from_text("Unknown (7)") != ari::ChannelState::Unknown);
  CHECK_FALSE(ari::ChannelState::from_text("Rsrved").is_known());
  CHECK(ari::ChannelState::from_text("Up").is_known());
}

TEST_CASE("playback state paused, which the schema omits") {
  const std::string frame = test::edited(test::seed_frame("PlaybackStarted"),
                                         [](auto& j) { j["playback"]["state"] = "paused"; });
  const auto event = std::get<ari::PlaybackStarted>(ari::parse_event(frame));
  CHECK(event.playback.state == ari::PlaybackState::paused);
  const auto odd = ari::PlaybackState::from_text("rewinding");
  CHECK(odd.value() == ari::PlaybackState::Other);
  CHECK(odd.text() == "rewinding");
}

TEST_CASE("DialplanCEP nulls are accepted and written back as null") {
  const std::string frame = test::edited(test::seed_frame("StasisEnd"), [](auto& j) {
    j["channel"]["dialplan"] = {{"context", nullptr},
                                {"exten", nullptr},
                                {"priority", nullptr},
                                {"app_name", nullptr},
                                {"app_data", "x"}};
  });
  const auto event = std::get<ari::StasisEnd>(ari::parse_event(frame));
  const auto& dialplan = event.channel.dialplan;
  CHECK_FALSE(dialplan.context.has_value());
  CHECK_FALSE(dialplan.priority.has_value());
  REQUIRE(dialplan.app_name.has_value());  // present, and null
  CHECK_FALSE(dialplan.app_name->has_value());
  CHECK(dialplan.app_data == std::optional<std::string>("x"));
  CHECK(nlohmann::json(event) == nlohmann::json::parse(frame));
}

TEST_CASE("null for an ordinary optional member reads as absent") {
  const std::string frame =
      test::edited(test::seed_frame("ChannelVarset"), [](auto& j) { j["channel"] = nullptr; });
  const auto event = std::get<ari::ChannelVarset>(ari::parse_event(frame));
  CHECK_FALSE(event.channel.has_value());
  CHECK_FALSE(nlohmann::json(event).contains("channel"));
}

TEST_CASE("UTF-8 caller names") {
  const std::string frame = test::edited(
      test::seed_frame("StasisStart"), [](auto& j) { j["channel"]["caller"]["name"] = "홍길동"; });
  const auto event = std::get<ari::StasisStart>(ari::parse_event(frame));
  CHECK(event.channel.caller.name == "\xed\x99\x8d\xea\xb8\xb8\xeb\x8f\x99");
  CHECK(nlohmann::json(event).dump() == nlohmann::json::parse(frame).dump());
}

TEST_CASE("equality sees every member, including unknown ones") {
  const auto a = std::get<ari::StasisStart>(ari::parse_event(test::seed_frame("StasisStart")));
  auto b = a;
  CHECK(a == b);
  b.channel.dialplan.priority = 3;
  CHECK(a != b);
  b = a;
  b.args.emplace_back("more");
  CHECK(a != b);
  b = a;
  b.channel.extra["x"] = 1;
  CHECK(a != b);
  b = a;
  b.extra = nlohmann::json::object();  // no unknown members either way
  CHECK(a == b);
}

TEST_CASE("printing shows the JSON") {
  std::ostringstream out;
  out << ari::parse_event(test::seed_frame("StasisEnd"));
  CHECK(test::contains(out.str(), "\"type\":\"StasisEnd\""));
  CHECK(test::contains(out.str(), "\"creationtime\":\"2018-10-23T12:36:02.671+0000\""));
}
