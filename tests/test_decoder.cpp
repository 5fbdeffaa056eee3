// The text path: ari's tokenizer driving the typed structs, and what it hands to the document
// path instead (errors, unknown types, duplicate members).
#include <cmath>
#include <string>
#include <string_view>
#include <utility>

#include "catch.hpp"
#include "support.hpp"

namespace {

// Decodes with the text path alone: false when it would hand the frame to the document path.
bool decodes_without_document(std::string_view frame, ari::Event& event) {
  return ari::detail::read_text(frame, ari::parse_limits{}, event);
}

// The frame with the members of every object in reverse order: "type" last, and every modeled
// member away from where the description lists it.
nlohmann::ordered_json reversed(const nlohmann::ordered_json& value) {
  if (value.is_array()) {
    nlohmann::ordered_json result = nlohmann::ordered_json::array();
    for (const auto& element : value)
      result.push_back(reversed(element));
    return result;
  }
  if (!value.is_object()) return value;
  nlohmann::ordered_json result = nlohmann::ordered_json::object();
  for (auto it = value.rbegin(); it != value.rend(); ++it)
    result[it.key()] = reversed(it.value());
  return result;
}

std::string reversed_text(const std::string& frame) {
  return reversed(nlohmann::ordered_json::parse(frame)).dump();
}

const char* const test_files[] = {
    "tests/data/catalogue-full.jsonl", "tests/data/catalogue-minimal.jsonl",
    "tests/data/seed-examples.jsonl", "examples/asterisk-22-sample.jsonl"};

}  // namespace

TEST_CASE("the text path decodes every test frame itself, in any member order") {
  int frames = 0;
  for (const char* file : test_files) {
    for (const auto& frame : test::lines_of(file)) {
      if (frame.find("\"type\"") == std::string::npos) continue;  // the seed's Playback model
      INFO(frame);
      const ari::Event from_document = ari::parse_event(nlohmann::json::parse(frame));
      ari::Event event;
      REQUIRE(decodes_without_document(frame, event));
      CHECK(event == from_document);
      // "type" last: the members before it are kept and read once it is known.
      const std::string backwards = reversed_text(frame);
      REQUIRE(backwards.rfind("{\"type\":", 0) != 0);
      ari::Event backwards_event;
      REQUIRE(decodes_without_document(backwards, backwards_event));
      CHECK(backwards_event == from_document);
      CHECK(ari::parse_event(backwards) == from_document);
      ++frames;
    }
  }
  CHECK(frames == 46 + 46 + 9 + 1156);
}

TEST_CASE("type in the middle of the frame, after unknown and nested members") {
  const std::string frame =
      R"({"x-trace":{"hop":[1,2]},"channel":{"id":"c1","name":"PJSIP/a-1","state":"Up",)"
      R"("caller":{"name":"","number":"100"},"connected":{"name":"","number":""},)"
      R"("accountcode":"","dialplan":{"context":"in","exten":"s","priority":1,"app_name":"",)"
      R"("app_data":""},"creationtime":"2026-11-26T09:00:00.000+0100","language":"en"},)"
      R"("type":"ChannelVarset","variable":"QUEUE_WAIT","value":"12","application":"cc"})";
  ari::Event event;
  REQUIRE(decodes_without_document(frame, event));
  const auto& varset = std::get<ari::ChannelVarset>(event);
  CHECK(varset.variable == "QUEUE_WAIT");
  REQUIRE(varset.channel);
  CHECK(varset.channel->caller.number == "100");
  CHECK(varset.channel->creationtime.offset() == std::chrono::minutes{60});
  CHECK(varset.extra == nlohmann::json::parse(R"({"x-trace":{"hop":[1,2]}})"));
  CHECK(event == ari::parse_event(nlohmann::json::parse(frame)));
}

TEST_CASE("what the text path hands to the document path gives the document's result") {
  const std::string head = R"({"type":"ChannelVarset","application":"cc",)";
  SECTION("a duplicate member: the last one wins, as in nlohmann's DOM") {
    const std::string frame = head + R"("variable":"A","value":"1","variable":"B"})";
    ari::Event event;
    CHECK_FALSE(decodes_without_document(frame, event));
    CHECK(std::get<ari::ChannelVarset>(ari::parse_event(frame)).variable == "B");
  }
  SECTION("a duplicate member whose first value is of the wrong type") {
    const std::string frame = head + R"("variable":5,"value":"1","variable":"B"})";
    CHECK(std::get<ari::ChannelVarset>(ari::parse_event(frame)).variable == "B");
  }
  SECTION("a second type: the last one decides") {
    const std::string frame = head + R"("variable":"A","value":"1","type":"ApplicationReplaced"})";
    CHECK(ari::type_name(ari::parse_event(frame)) == "ApplicationReplaced");
  }
  SECTION("an unknown type keeps the whole document") {
    const std::string frame = R"({"type":"ChannelFuture","application":"cc","n":[1]})";
    const auto event = ari::parse_event(frame);
    REQUIRE(std::holds_alternative<ari::UnknownEvent>(event));
    CHECK(std::get<ari::UnknownEvent>(event).json == nlohmann::json::parse(frame));
  }
}

TEST_CASE("errors do not depend on member order, and bad syntax is reported first") {
  const std::string members_a = R"("variable":5,"value":"1")";
  const std::string members_b = R"("value":"1","variable":5)";
  for (const auto& members : {members_a, members_b}) {
    const auto error =
        test::error_of(R"({"type":"ChannelVarset","application":7,)" + members + "}");
    CHECK(error.pointer() == "/application");  // the first in key order, as the DOM reads them
  }
  // The wrong member comes first, the frame is cut after it: the syntax error is the one reported.
  const auto error = test::error_of(R"({"type":"ChannelVarset","variable":5,"value":"1")");
  CHECK(error.pointer().empty());
  CHECK(error.expected() == "JSON text");
}

namespace {

// A ChannelVarset whose value is `value_json` and whose unknown member "x" is `extra_json`.
std::string varset(const std::string& value_json, const std::string& extra_json) {
  return R"({"type":"ChannelVarset","application":"cc","variable":"V","value":)" + value_json +
         R"(,"x":)" + extra_json + "}";
}

}  // namespace

TEST_CASE("the tokenizer reads valid JSON to the values nlohmann/json reads") {
  const std::string strings[] = {R"("plain")",
                                 R"("a\"b\\c\/d\b\f\n\r\t")",
                                 R"("\u00e9\u4e2d\ud83d\ude00 \u0000 \u001f")",
                                 "\"\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\x7f\"",
                                 R"("ends with an escape\n")",
                                 R"("")"};
  const std::string values[] = {"0",
                                "-0",
                                "123",
                                "-123",
                                "18446744073709551615",
                                "-9223372036854775808",
                                "1.5",
                                "-0.0",
                                "1e3",
                                "1E-3",
                                "2.5e+10",
                                "0.1",
                                "1.7976931348623157e308",
                                "5e-324",
                                "true",
                                "false",
                                "null",
                                "[]",
                                "{}",
                                R"([1,[2,[3,{"a":{"b":[]}}]]])",
                                R"({"k\"ey":"v","":0})"};
  for (const auto& string : strings) {
    for (const auto& value : values) {
      const std::string frame = varset(string, value);
      INFO(frame);
      ari::Event event;
      REQUIRE(decodes_without_document(frame, event));
      CHECK(event == ari::parse_event(nlohmann::json::parse(frame)));
    }
  }
  SECTION("whitespace everywhere, and a byte order mark") {
    const std::string frame =
        "\xEF\xBB\xBF \r\n\t{ \"type\" :\t\"ChannelVarset\" , \"application\""
        " : \"cc\" ,\n\"variable\":\"V\",\"value\":\"1\", \"x\" : [ 1 , { } ] } \n";
    ari::Event event;
    REQUIRE(decodes_without_document(frame, event));
    CHECK(std::get<ari::ChannelVarset>(event).extra["x"] == nlohmann::json::parse("[1,{}]"));
  }
  SECTION("numbers past 64 bits or past a double's range read as nlohmann/json reads them") {
    // Integers beyond 64 bits are doubles; a number too small for a double is its subnormal or
    // a zero of its sign (strtod's reading), which from_chars may report out of range.
    const std::pair<const char*, double> numbers[] = {
        {"18446744073709551616", 18446744073709551616.0},
        {"-9223372036854775809", -9223372036854775809.0},
        {"1e-400", 0.0},
        {"-1e-400", -0.0},
        {"4e-324", 4.9406564584124654e-324},
        {"0.0000e-999999", 0.0}};
    for (const auto& [text, expected] : numbers) {
      const std::string frame = varset(R"("v")", text);
      INFO(frame);
      ari::Event event;
      REQUIRE(decodes_without_document(frame, event));
      CHECK(event == ari::parse_event(nlohmann::json::parse(frame)));
      const auto& x = std::get<ari::ChannelVarset>(event).extra["x"];
      REQUIRE(x.is_number_float());
      CHECK(x.get<double>() == expected);
      CHECK(std::signbit(x.get<double>()) == std::signbit(expected));
    }
  }
  SECTION("nesting deeper than the tokenizer's inline stack") {
    const std::string deep = std::string(300, '[') + std::string(300, ']');
    const std::string frame = varset(R"("v")", deep);
    // past parse_limits::max_depth: the same error on the text path and the document path
    const auto from_text = ari::try_parse_event(frame);
    REQUIRE_FALSE(from_text);
    CHECK(from_text.error().pointer() == "/x");
    const ari::parse_limits deep_enough{400, 1 << 20};
    CHECK(ari::parse_event(frame, deep_enough) ==
          ari::parse_event(nlohmann::json::parse(frame), deep_enough));
  }
}

TEST_CASE("the tokenizer takes no text that nlohmann/json refuses") {
  const std::string bad[] = {varset(R"("v")", "01"),
                             varset(R"("v")", "1."),
                             varset(R"("v")", ".5"),
                             varset(R"("v")", "-"),
                             varset(R"("v")", "+1"),
                             varset(R"("v")", "1e"),
                             varset(R"("v")", "0x10"),
                             varset(R"("v")", "tru"),
                             varset(R"("v")", "nul"),
                             varset(R"("v")", "[1,]"),
                             varset(R"("v")", R"({"a":1,})"),
                             varset(R"("v")", "[1 2]"),
                             varset(R"("v")", R"({"a" 1})"),
                             varset(R"("v")", "'a'"),
                             varset("\"a\x01\"", "1"),
                             varset("\"\xc0\x80\"", "1"),
                             varset("\"\xed\xa0\x80\"", "1"),
                             varset(R"("\udc00")", "1"),
                             varset(R"("\ud800")", "1"),
                             varset(R"("\ud800\u0041")", "1"),
                             varset(R"("\x")", "1"),
                             varset(R"("\u12g4")", "1"),
                             varset(R"("\ud83d\uZZZZ")", "1"),
                             varset(R"("\ud83d\u")", "1"),
                             varset(R"("v")", std::string(100, '[')),
                             varset(R"("v")", "1") + " x",
                             varset(R"("v")", "1") + "{}",
                             varset(R"("v")", "[1"),
                             "\xEF\xBB{}",
                             "",
                             "  ",
                             varset(R"("v")", "1 /* comment */")};
  for (const auto& frame : bad) {
    INFO(frame);
    ari::Event event;
    CHECK_FALSE(decodes_without_document(frame, event));
    CHECK_THROWS_AS(nlohmann::json::parse(frame), nlohmann::json::exception);
    CHECK(test::error_of(frame).expected() == "JSON text");
  }
}
