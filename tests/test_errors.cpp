// Bad input: each class of error gives ari::parse_error naming where, what was expected and
// what was found.
#include "catch.hpp"
#include "support.hpp"

using test::edited;
using test::error_of;

namespace {

const std::string& destroyed() {
  static const std::string frame = test::seed_frame("ChannelDestroyed");
  return frame;
}

}  // namespace

TEST_CASE("text that is not JSON") {
  for (const std::string& text : {std::string(""), std::string("{"), std::string("not json"),
                                  destroyed().substr(0, destroyed().size() / 2),  // truncated
                                  std::string("{\"type\":\"Dial\xff\"}"),         // invalid UTF-8
                                  std::string("{\"type\":\"\\ud800\"}"),          // lone surrogate
                                  std::string("{\"type\":\"a\x01\"}"),  // raw control character
                                  std::string("{\"type\":\"StasisEnd\"} trailing")}) {
    INFO(text);
    const auto error = error_of(text);
    CHECK(error.pointer().empty());
    CHECK(error.expected() == "JSON text");
    CHECK(test::contains(error.what(), "expected JSON text"));
  }
}

TEST_CASE("top level must be an object with a string type") {
  auto error = error_of("[1,2]");
  CHECK(error.pointer().empty());
  CHECK(error.expected() == "object");
  CHECK(error.found() == "array");

  error = error_of(R"({"application":"x"})");
  CHECK(error.pointer() == "/type");
  CHECK(error.found() == "no member");

  error = error_of(R"({"type":5})");
  CHECK(error.pointer() == "/type");
  CHECK(error.expected() == "string");
  CHECK(error.found() == "number 5");
  CHECK(std::string(error.what()) == "ari: at /type: expected string, found number 5");
}

TEST_CASE("a required member missing, at any depth") {
  auto error =
      error_of(edited(destroyed(), [](auto& j) { j["channel"]["caller"].erase("number"); }));
  CHECK(error.pointer() == "/channel/caller/number");
  CHECK(error.expected() == "string");
  CHECK(error.found() == "no member");

  error = error_of(edited(destroyed(), [](auto& j) { j.erase("channel"); }));
  CHECK(error.pointer() == "/channel");
  CHECK(error.expected() == "object");

  error = error_of(edited(destroyed(), [](auto& j) { j.erase("application"); }));
  CHECK(error.pointer() == "/application");

  error =
      error_of(edited(destroyed(), [](auto& j) { j["channel"]["dialplan"].erase("priority"); }));
  CHECK(error.pointer() == "/channel/dialplan/priority");
  CHECK(error.expected() == "integer in [-9223372036854775808, 9223372036854775807] or null");
}

TEST_CASE("a member of the wrong JSON type") {
  auto error =
      error_of(edited(destroyed(), [](auto& j) { j["channel"]["caller"]["number"] = 42; }));
  CHECK(error.pointer() == "/channel/caller/number");
  CHECK(error.expected() == "string");
  CHECK(error.found() == "number 42");

  error = error_of(edited(destroyed(), [](auto& j) { j["cause"] = "16"; }));
  CHECK(error.pointer() == "/cause");
  CHECK(error.found() == "string \"16\"");

  error = error_of(edited(destroyed(), [](auto& j) { j["channel"] = nullptr; }));
  CHECK(error.pointer() == "/channel");
  CHECK(error.found() == "null");

  error = error_of(edited(test::seed_frame("StasisStart"), [](auto& j) { j["args"][0] = true; }));
  CHECK(error.pointer() == "/args/0");
  CHECK(error.found() == "true");

  error = error_of(edited(destroyed(), [](auto& j) { j["channel"]["channelvars"] = {{"A", 1}}; }));
  CHECK(error.pointer() == "/channel/channelvars/A");
}

TEST_CASE("integers out of range, and floats where integers belong") {
  auto error = error_of(edited(destroyed(), [](auto& j) { j["cause"] = 2147483648LL; }));
  CHECK(error.pointer() == "/cause");
  CHECK(error.expected() == "integer in [-2147483648, 2147483647]");
  CHECK(error.found() == "number 2147483648");

  error = error_of(edited(destroyed(), [](auto& j) { j["cause"] = 16.5; }));
  CHECK(error.pointer() == "/cause");
  CHECK(error.found() == "number 16.5");

  CHECK(error_of(edited(destroyed(), [](auto& j) { j["cause"] = 16.0; })).pointer() == "/cause");

  error = error_of(edited(
      destroyed(), [](auto& j) { j["channel"]["dialplan"]["priority"] = 9223372036854775808ULL; }));
  CHECK(error.pointer() == "/channel/dialplan/priority");

  const auto edge = ari::parse_event(edited(destroyed(), [](auto& j) {
    j["cause"] = -2147483648LL;
    j["channel"]["dialplan"]["priority"] = 9223372036854775807LL;
  }));
  CHECK(std::get<ari::ChannelDestroyed>(edge).cause == -2147483647 - 1);
  CHECK(std::get<ari::ChannelDestroyed>(edge).channel.dialplan.priority == 9223372036854775807LL);
}

TEST_CASE("invalid timestamps") {
  const std::pair<const char*, const char*> cases[] = {
      {"2018-13-23T12:36:11.110+0000", "month out of range"},
      {"2018-02-30T12:36:11.110+0000", "day out of range for the month"},
      {"2018-10-32T12:36:11.110+0000", "day out of range for the month"},
      {"2018-10-23T24:00:00.000+0000", "hour out of range"},
      {"2018-10-23T12:60:11.110+0000", "minute out of range"},
      {"2018-10-23T12:36:60.110+0000", "second out of range"},
      {"2018-10-23T12:36:11.110+2400", "UTC offset out of range"},
      {"2018-10-23T12:36:11.110*0000", "malformed"},
      {"2018-10-23T12:36:11+0000", "wrong length"},
      {"2018-10-23T12:36:11.110+0000Z", "malformed"},
      {"2018-10-23T12:36:11.110+0000 trailing", "wrong length"},
      {"2018-10-23 12:36:11.110+0000", "malformed"},
      {"2018-10-23T12:36:11.110+00:0x", "malformed"},
  };
  for (const auto& [text_of_case, problem] : cases) {
    const std::string text = text_of_case;  // lambdas cannot capture bindings before C++20
    INFO(text);
    const auto error = error_of(edited(destroyed(), [&](auto& j) { j["timestamp"] = text; }));
    CHECK(error.pointer() == "/timestamp");
    CHECK(test::contains(error.expected(), problem));
    CHECK(error.found() == "string \"" + text + "\"");
  }
  const auto nested = error_of(edited(
      destroyed(), [](auto& j) { j["channel"]["creationtime"] = "2018-10-23T12:36:02.671"; }));
  CHECK(nested.pointer() == "/channel/creationtime");
}

TEST_CASE("a known type with the body of another is an error, not a guess") {
  const auto error = error_of(edited(destroyed(), [](auto& j) { j["type"] = "PlaybackStarted"; }));
  CHECK(error.pointer() == "/playback");
}

TEST_CASE("JSON Pointers escape ~ and /") {
  const auto error = error_of(edited(destroyed(), [](auto& j) {
    j["channel"]["channelvars"] = {{"a/b~c", false}};
  }));
  CHECK(error.pointer() == "/channel/channelvars/a~1b~0c");
}

TEST_CASE("from_json on a single model reports pointers relative to it") {
  const auto channel_json = nlohmann::json::parse(destroyed())["channel"];
  auto broken = channel_json;
  broken["dialplan"]["exten"] = 7;
  try {
    (void)broken.get<ari::Channel>();
    FAIL("no error");
  } catch (const ari::parse_error& e) {
    CHECK(e.pointer() == "/dialplan/exten");
  }
  CHECK(channel_json.get<ari::Channel>().id == "pchero-462475.572686");
}

TEST_CASE("get<Event struct> checks the type") {
  const auto frame = nlohmann::json::parse(destroyed());
  CHECK(frame.get<ari::ChannelDestroyed>().cause_txt == "Unknown");
  try {
    (void)frame.get<ari::StasisEnd>();
    FAIL("no error");
  } catch (const ari::parse_error& e) {
    CHECK(e.pointer() == "/type");
    CHECK(e.expected() == "\"StasisEnd\"");
    CHECK(e.found() == "string \"ChannelDestroyed\"");
  }
}

TEST_CASE("long strings are cut in messages, at a UTF-8 boundary") {
  std::string name;
  for (int i = 0; i < 40; ++i)
    name += "\xed\x99\x8d";  // 홍, three bytes each
  const auto error = error_of(edited(destroyed(), [&](auto& j) { j["cause"] = name; }));
  CHECK(error.found().size() < 100);
  CHECK(test::contains(error.found(), "(120 bytes)"));
  const auto quoted_prefix = error.found().substr(7, error.found().find("...") - 7) + "\"";
  CHECK(nlohmann::json::parse(quoted_prefix).is_string());  // would throw on a cut character
}

TEST_CASE("numbers in errors are laid out as dump() lays them out on both paths") {
  // The error says what was found without nlohmann's Grisu2 formatter (its code would be
  // compiled in every unit that decodes): shortest digits, dump()'s layout. These values have
  // the same digits both ways.
  const double values[] = {16.5,
                           2.0,
                           -0.0,
                           0.0,
                           1e20,
                           1e21,
                           1e-5,
                           0.001,
                           0.0001,
                           1e15,
                           1e14,
                           1e16,
                           -1e-7,
                           0.1,
                           12345.678,
                           1e100,
                           5e-324,
                           1.7976931348623157e308,
                           123456789012345.0,
                           999999999999999.9};
  const std::string head = R"({"type":"ChannelVarset","timestamp":)";
  const std::string tail = R"(,"variable":"V","value":"1","application":"app"})";
  for (const double value : values) {
    const std::string number = nlohmann::json(value).dump();
    INFO(number);
    const std::string frame = head + number + tail;
    const auto text_error = test::error_of(frame);
    CHECK(text_error.pointer() == "/timestamp");
    CHECK(text_error.found() == "number " + number);
    try {
      (void)ari::parse_event(nlohmann::json::parse(frame));
      FAIL("parsed");
    } catch (const ari::parse_error& e) {
      CHECK(e.found() == "number " + number);
    }
  }
  CHECK(nlohmann::json(1e20).dump() == "1e+20");  // the layouts these cases cover
  CHECK(nlohmann::json(1e14).dump() == "100000000000000.0");
  CHECK(nlohmann::json(1e-5).dump() == "1e-05");
  CHECK(nlohmann::json(0.0001).dump() == "0.0001");
}
