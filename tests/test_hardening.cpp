// Each case here failed before the fix it covers (issue: hardening): re-entrant dispatch, the
// depth limit on the modeled structure, integer ranges and binary values on the document path,
// to_frame's exception for bad UTF-8, Timestamp's year range, and the small promises beside them.
#include <sstream>

#include "catch.hpp"
#include "support.hpp"

#include <ari/testing.hpp>

namespace {

using nlohmann::json;

template <class Call>
ari::parse_error error_from(Call&& call) {
  try {
    call();
  } catch (const ari::parse_error& error) {
    return error;
  }
  throw std::runtime_error("no parse_error");
}

}  // namespace

TEST_CASE("dispatcher: a handler that registers handlers of its own type") {
  ari::dispatcher d;
  int first = 0;
  int added = 0;
  d.on<ari::StasisStart>([&](const ari::StasisStart&) {
    ++first;
    for (int i = 0; i < 8; ++i)
      d.on<ari::StasisStart>([&](const ari::StasisStart&) { ++added; });
  });
  const ari::Event start = ari::testing::sample<ari::StasisStart>();
  CHECK(d.dispatch(start));
  CHECK(first == 1);
  CHECK(added == 0);  // registered during the dispatch: from the next event on
  CHECK(d.dispatch(start));
  CHECK(first == 2);
  CHECK(added == 8);
}

TEST_CASE("dispatcher: a fallback that replaces itself, handlers that dispatch") {
  ari::dispatcher d;
  std::vector<std::string> log;
  std::string big(1000, 'x');  // a capture that a destroyed std::function would free
  d.otherwise([&, big](const ari::Event&) {
    d.otherwise([&](const ari::Event&) { log.push_back("second"); });
    log.push_back("first " + std::to_string(big.size()));
  });
  const ari::Event end = ari::testing::sample<ari::StasisEnd>();
  CHECK_FALSE(d.dispatch(end));
  CHECK_FALSE(d.dispatch(end));
  CHECK(log == std::vector<std::string>{"first 1000", "second"});

  // A handler that dispatches another event and registers while nested.
  int ends = 0;
  d.on<ari::StasisEnd>([&](const ari::StasisEnd&) { ++ends; });
  d.on<ari::StasisStart>([&](const ari::StasisStart&) {
    d.on<ari::StasisEnd>([&](const ari::StasisEnd&) { ends += 10; });
    d.dispatch(end);
  });
  d.dispatch(ari::testing::sample<ari::StasisStart>());
  CHECK(ends == 11);  // the StasisEnd dispatch started after the registration
}

TEST_CASE("max_depth counts the modeled structure, on both paths") {
  const std::string frame = test::seed_frame("StasisStart");
  ari::parse_limits limits;
  limits.max_depth = 3;
  CHECK(ari::try_parse_event(frame, limits).has_value());
  CHECK_NOTHROW(ari::parse_event(json::parse(frame), limits));
  limits.max_depth = 2;  // /channel/caller is at depth 3
  const auto text = ari::try_parse_event(frame, limits);
  REQUIRE_FALSE(text.has_value());
  CHECK(text.error().pointer() == "/channel/caller");
  CHECK(text.error().expected() == "nesting at most 2 deep");
  const auto document = error_from([&] { ari::parse_event(json::parse(frame), limits); });
  CHECK(document.pointer() == text.error().pointer());
  // An UnknownEvent of the same shape, as before.
  std::string unknown = frame;
  unknown.replace(unknown.find("StasisStart"), 11, "Zork");
  CHECK(ari::try_parse_event(unknown, limits).error().pointer() == "/channel");
  limits.max_depth = 1;
  CHECK(ari::try_parse_event(frame, limits).error().pointer() == "/args");
  limits.max_depth = 0;
  CHECK(ari::try_parse_event(frame, limits).error().pointer().empty());
}

TEST_CASE("integer members reject values out of their C++ range on the document path") {
  const json valid = ari::testing::sample<ari::RTPstat>();
  CHECK_NOTHROW(valid.get<ari::RTPstat>());
  const auto with = [&](const char* member, json value) {
    json j = valid;
    j[member] = std::move(value);
    return j;
  };
  // local_ssrc is std::uint32_t, txcount std::int64_t.
  for (const json& value :
       {json(std::int64_t{4294967296}), json(std::uint64_t{4294967296}), json(std::int64_t{-1})}) {
    INFO(value.dump());
    const auto error = error_from([&] { (void)with("local_ssrc", value).get<ari::RTPstat>(); });
    CHECK(error.pointer() == "/local_ssrc");
    CHECK(error.expected() == "integer in [0, 4294967295]");
  }
  CHECK(with("local_ssrc", std::int64_t{4294967295}).get<ari::RTPstat>().local_ssrc == 4294967295u);
  const auto huge = error_from(
      [&] { (void)with("txcount", std::uint64_t{9223372036854775808u}).get<ari::RTPstat>(); });
  CHECK(huge.pointer() == "/txcount");
  // int members (cause) from a signed and an unsigned source
  json destroyed = ari::testing::sample<ari::ChannelDestroyed>();
  destroyed["cause"] = std::int64_t{2147483648};
  CHECK(error_from([&] { ari::parse_event(destroyed); }).pointer() == "/cause");
  destroyed["cause"] = std::uint64_t{2147483648u};
  CHECK(error_from([&] { ari::parse_event(destroyed); }).pointer() == "/cause");
  destroyed["cause"] = std::int64_t{-2147483649};
  CHECK(error_from([&] { ari::parse_event(destroyed); }).pointer() == "/cause");
}

TEST_CASE("binary values in a document are a parse_error naming the member") {
  const json binary = json::binary({1, 2, 3});
  json frame = json::parse(test::seed_frame("StasisStart"));
  SECTION("an unknown member") {
    frame["future"] = binary;
    const auto error = error_from([&] { ari::parse_event(frame); });
    CHECK(error.pointer() == "/future");
    CHECK(error.found() == "binary");
  }
  SECTION("inside an unknown member") {
    frame["future"] = {{"list", {1, binary}}};
    CHECK(error_from([&] { ari::parse_event(frame); }).pointer() == "/future/list/1");
  }
  SECTION("a modeled string") {
    frame["channel"]["name"] = binary;
    const auto error = error_from([&] { ari::parse_event(frame); });
    CHECK(error.pointer() == "/channel/name");
    CHECK(error.expected() == "string");
    CHECK(error.found() == "binary");
  }
  SECTION("an unknown event type") {
    frame["type"] = "Zork";
    frame["deep"] = {{"x", binary}};
    const auto error = error_from([&] { ari::parse_event(frame); });
    CHECK(error.pointer() == "/deep/x");
    CHECK(error.found() == "binary");
  }
  SECTION("the whole document, and a model") {
    CHECK(error_from([&] { ari::parse_event(binary); }).found() == "binary");
    json channel = frame["channel"];
    channel["id"] = binary;
    CHECK(error_from([&] { (void)channel.get<ari::Channel>(); }).pointer() == "/id");
  }
  SECTION("a discarded value") {
    frame["future"] = json(json::value_t::discarded);
    CHECK(error_from([&] { ari::parse_event(frame); }).found() == "a discarded value");
  }
}

TEST_CASE("to_frame: text that is not UTF-8 anywhere throws std::invalid_argument") {
  auto start = ari::testing::sample<ari::StasisStart>();
  start.extra = {{"k", "\xff"}};
  CHECK_THROWS_AS(ari::to_frame(start), std::invalid_argument);
  start.extra = {{"\xff", "v"}};
  CHECK_THROWS_AS(ari::to_frame(start), std::invalid_argument);
  auto user = ari::testing::sample<ari::ChannelUserevent>();
  user.userevent = {{"k", "\xc3"}};
  CHECK_THROWS_AS(ari::to_frame(user), std::invalid_argument);
  const ari::Event unknown = ari::UnknownEvent{"Zork", {{"type", "Zork"}, {"x", "\xff"}}};
  CHECK_THROWS_AS(ari::to_frame(unknown), std::invalid_argument);
}

TEST_CASE("Timestamp: instants whose local year is outside 0000-9999 are refused") {
  using ari::Timestamp;
  using std::chrono::hours;
  using std::chrono::milliseconds;
  using std::chrono::minutes;
  const auto at = [](int y, unsigned m, unsigned d) {
    return Timestamp::time_point_type{
        date::sys_days{date::year{y} / date::month{m} / date::day{d}}};
  };
  CHECK_THROWS_AS(Timestamp(at(2026, 1, 1) + hours{24 * 365 * 65536}), std::out_of_range);
  CHECK_THROWS_AS(Timestamp(Timestamp::time_point_type::max()), std::out_of_range);
  CHECK_THROWS_AS(Timestamp(Timestamp::time_point_type::min()), std::out_of_range);
  CHECK_THROWS_AS(Timestamp(at(10000, 1, 1)), std::out_of_range);
  CHECK_THROWS_AS(Timestamp(at(0, 1, 1) - milliseconds{1}), std::out_of_range);
  CHECK(Timestamp(at(10000, 1, 1) - milliseconds{1}).to_string() == "9999-12-31T23:59:59.999+0000");
  CHECK(Timestamp(at(0, 1, 1)).to_string() == "0000-01-01T00:00:00.000+0000");
  // The local year counts: the same instant is 10000 two hours east.
  CHECK_THROWS_AS(Timestamp(at(9999, 12, 31) + hours{23}, minutes{120}), std::out_of_range);
  CHECK(Timestamp(at(0, 1, 1) + hours{1}, minutes{-60}).to_string() ==
        "0000-01-01T00:00:00.000-0100");
}

TEST_CASE("Timestamp orders by instant; equality stays textual") {
  const auto utc = ari::Timestamp::parse("2026-01-15T10:00:00.000+0000");
  const auto tokyo = ari::Timestamp::parse("2026-01-15T19:00:00.000+0900");
  const auto later = ari::Timestamp::parse("2026-01-15T10:00:00.001+0000");
  CHECK(utc < later);
  CHECK(tokyo < later);
  CHECK(later > tokyo);
  CHECK(utc <= tokyo);
  CHECK(utc >= tokyo);
  CHECK_FALSE(utc < tokyo);
  CHECK(utc != tokyo);  // same instant, other text
}

TEST_CASE("operator<< prints every value type uniformly") {
  std::ostringstream out;
  out << ari::Timestamp::parse("2026-01-15T19:00:00.000+09:00") << ' '
      << ari::ChannelState::from_text("Rsrved") << ' ' << ari::ChannelState(ari::ChannelState::Up)
      << ' ' << ari::Event(ari::testing::sample<ari::ChannelTalkingFinished>());
  CHECK(out.str().rfind("2026-01-15T19:00:00.000+09:00 Rsrved Up {", 0) == 0);
}

TEST_CASE("syntax errors are described in the library's words, with a byte offset") {
  CHECK(test::error_of(R"({"type":"StasisStart","args":)").found() ==
        "unexpected end of input at byte offset 29");
  CHECK(test::error_of(R"({"type": x})").found() == "invalid literal at byte offset 9");
  CHECK(test::error_of(R"({"a":1e400})").found() ==
        "a number beyond the range of double '1e400' at byte offset 9");
  CHECK(test::error_of("{\"a\":\"\xff\"}").found() ==
        "invalid string: ill-formed UTF-8 byte at byte offset 6");
  CHECK(test::error_of("").found() == "unexpected end of input at byte offset 0");
  CHECK(test::error_of(R"({"type" "x"})").found() == "expected ':' at byte offset 8");
  CHECK(test::error_of(R"({"type":"x",})").found() == "expected a member name at byte offset 12");
  CHECK(test::error_of(R"({"type":"x"]")").found() == "expected ',' or '}' at byte offset 11");
  CHECK(test::error_of(R"({"type":"x"} {})").found() ==
        "text after the JSON value at byte offset 13");
  CHECK(test::error_of(R"({"a":-x})").found() == "invalid number at byte offset 6");
  CHECK(test::error_of("{\"a\":\"\t\"}").found() ==
        "invalid string: a control character, which must be escaped at byte offset 6");
  CHECK(test::error_of(R"({"a":"\ud83d\u0041"})").found() ==
        "invalid string: a high surrogate escape without a low one at byte offset 12");
}

TEST_CASE("what was found is quoted as dump() quotes it, bytes that are not UTF-8 as U+FFFD") {
  // A document made in code may hold any bytes; describing them must neither throw nor pass
  // them on.
  auto frame = nlohmann::json::parse(
      R"({"type":"ChannelVarset","timestamp":"2026-11-26T14:41:00.000+0900","variable":"V",)"
      R"("value":"1","application":"app"})");
  const auto found_at_timestamp = [&](const nlohmann::json& timestamp) {
    frame["timestamp"] = timestamp;
    try {
      (void)ari::parse_event(frame);
    } catch (const ari::parse_error& e) {
      CHECK(e.pointer() == "/timestamp");
      return e.found();
    }
    return std::string("parsed");
  };
  CHECK(found_at_timestamp(std::string("a\"\\\n\x01\xff\xc3\xa9\xc3\x41z")) ==
        "string \"a\\\"\\\\\\n\\u0001\xef\xbf\xbd\xc3\xa9\xef\xbf\xbd"
        "Az\"");
  CHECK(found_at_timestamp(1.5) == "number 1.5");
  CHECK(found_at_timestamp(2.0) == "number 2.0");
  CHECK(found_at_timestamp(-12) == "number -12");
  CHECK(found_at_timestamp(18446744073709551615U) == "number 18446744073709551615");
  CHECK(found_at_timestamp(std::string(100, 'x')) ==
        "string \"" + std::string(59, 'x') + "...\" (100 bytes)");
}
