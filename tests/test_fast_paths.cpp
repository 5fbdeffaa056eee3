// The shortcuts of the text path (issue 15): strings scanned 16 and 8 bytes at a time, "type"
// skimmed before reading, member names compared by their first sixteen bytes, to_frame into a
// reused string. Each must give exactly what the document path gives.
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "support.hpp"

namespace {

// A ChannelVarset whose value is `value` (JSON text, quotes included) and whose other members
// come before or after "type".
std::string varset(const std::string& value, bool type_first = true) {
  const std::string members = R"("variable":"V","value":)" + value;
  return type_first ? R"({"type":"ChannelVarset",)" + members + R"(,"application":"cc"})"
                    : "{" + members + R"(,"type":"ChannelVarset","application":"cc"})";
}

// Both paths agree: the same event or the same error.
void check_same_as_document(const std::string& frame) {
  INFO(frame);
  const auto from_text = ari::try_parse_event(frame);
  const auto document = nlohmann::json::parse(frame, nullptr, false);
  if (document.is_discarded()) {
    CHECK_FALSE(from_text.has_value());
    return;
  }
  ari::Event from_document;
  try {
    from_document = ari::parse_event(document);
  } catch (const ari::parse_error& e) {
    REQUIRE_FALSE(from_text.has_value());
    CHECK(from_text.error().what() == std::string(e.what()));
    return;
  }
  REQUIRE(from_text.has_value());
  CHECK(*from_text == from_document);
}

}  // namespace

TEST_CASE("fast paths: a special byte at every position of a string, around 8 and 16 bytes") {
  const std::vector<std::string> specials = {
      R"(\")", R"(\\)", R"(\u0001)", "\xC3\xA9", "\xF0\x9F\x98\x80", "\x01", "\xFF", "\"", "\\"};
  for (std::size_t length = 0; length <= 40; ++length) {
    for (std::size_t at = 0; at <= length; ++at) {
      for (const auto& special : specials) {
        const std::string text = std::string(at, 'a') + special + std::string(length - at, 'b');
        check_same_as_document(varset("\"" + text + "\""));
      }
    }
    // Plain text of every length decodes as itself, type first or not.
    const std::string plain(length, 'x');
    for (const bool type_first : {true, false}) {
      const auto event = ari::parse_event(varset("\"" + plain + "\"", type_first));
      CHECK(std::get<ari::ChannelVarset>(event).value == plain);
    }
  }
}

TEST_CASE("fast paths: the value of a string ends at its quote, not at a later one") {
  const auto event = ari::parse_event(varset(R"("0123456789abcdef0123")") + "  ");
  CHECK(std::get<ari::ChannelVarset>(event).value == "0123456789abcdef0123");
}

TEST_CASE("fast paths: \"type\" after other members, however written, reads as the document does") {
  const std::vector<std::string> frames = {
      // Asterisk's own order for ChannelVarset, and members of every kind before "type"
      R"({"variable":"V","value":"1","type":"ChannelVarset","application":"cc"})",
      R"({"x":{"type":"StasisStart","a":[1,"]",{"b":"}"}]},"variable":"V","value":"1","type":"ChannelVarset","application":"cc"})",
      R"({"n":-1.5e3,"t":true,"f":false,"z":null,"variable":"V","value":"1","type":"ChannelVarset","application":"cc"})",
      // the ninth member and later: found the general way
      R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"variable":"V","value":"1","type":"ChannelVarset","application":"cc"})",
      // escapes in the type's name or value, a type that is not a string, two types
      R"({"\u0074ype":"ChannelVarset","variable":"V","value":"1","application":"cc"})",
      R"({"type":"Channel\u0056arset","variable":"V","value":"1","application":"cc"})",
      R"({"type":7,"variable":"V","value":"1","application":"cc"})",
      R"({"type":"ChannelVarset","variable":"V","value":"1","application":"cc","type":"ChannelVarset"})",
      R"({"type":"ChannelVarset","variable":"V","value":"1","application":"cc","type":"StasisEnd"})",
      R"({"variable":"V","type":"Nothing We Know","value":"1","application":"cc"})",
      R"({"variable":"V", "value" : "1" ,	"type"
        :  "ChannelVarset" , "application":"cc"})",
      // not an object, or broken before "type" is reached
      R"(["type","ChannelVarset"])",
      R"({"variable":"V","value":"1)",
      R"({"variable":"V" "type":"ChannelVarset"})",
      "\xEF\xBB\xBF"
      R"({"type":"ChannelVarset","variable":"V","value":"1","application":"cc"})",
  };
  for (const auto& frame : frames)
    check_same_as_document(frame);
  const auto event = ari::parse_event(frames[1]);
  const auto& varset_event = std::get<ari::ChannelVarset>(event);
  CHECK(varset_event.value == "1");
  CHECK(varset_event.extra.at("x").at("type") == "StasisStart");
}

TEST_CASE("fast paths: member names that share their first sixteen bytes, or are escaped") {
  // ChannelCallerId's caller_presentation_txt is 23 bytes long.
  const std::string head =
      R"({"type":"ChannelCallerId","caller_presentation":0,"channel":{"id":"c1","name":"n",)"
      R"("state":"Up","caller":{"name":"","number":""},"connected":{"name":"","number":""},)"
      R"("accountcode":"","dialplan":{"context":"c","exten":"e","priority":1},)"
      R"("creationtime":"2026-11-26T14:41:00.000+0900","language":"en"},"application":"cc",)";
  const std::vector<std::string> frames = {
      head + R"("caller_presentation_txt":"Allowed"})",
      head + R"("caller_presentation_txt":"Allowed","caller_presentation_tx":"x"})",
      head + R"("caller_presentation_txt":"Allowed","caller_presentation_txx":"x"})",
      head + R"("caller_presentation_tXt":"Allowed"})",
      head + R"("caller_presentation_t\u0078t":"Allowed"})",
      head + R"("\u0063aller_presentation_txt":"Allowed"})",
  };
  for (const auto& frame : frames)
    check_same_as_document(frame);
  const ari::Event plain_event = ari::parse_event(frames[1]);
  const auto& plain = std::get<ari::ChannelCallerId>(plain_event);
  CHECK(plain.caller_presentation_txt == "Allowed");
  CHECK(plain.extra.at("caller_presentation_tx") == "x");
  const ari::Event escaped_event = ari::parse_event(frames[4]);
  const auto& escaped = std::get<ari::ChannelCallerId>(escaped_event);
  CHECK(escaped.caller_presentation_txt == "Allowed");
  CHECK(escaped.extra.is_null());
  // A name that ends where the frame does (no sixteen bytes left to read) is still found.
  check_same_as_document(
      R"({"application":"cc","variable":"V","value":"1","type":"ChannelVarset"})");
  CHECK_THROWS_AS(ari::parse_event(R"({"type":"ChannelVarset","variable":"V","value":"1","app)"),
                  ari::parse_error);
}

TEST_CASE("fast paths: names matched where the description expects them, and all else") {
  // ChannelVarset's description order: timestamp, variable, value, channel, asterisk_id,
  // application. The names the frame holds are compared with the next expected one or two.
  const std::string stamp = R"("timestamp":"2026-11-26T14:41:00.000+0900")";
  const std::vector<std::string> frames = {
      // in order; channel (optional) absent, so asterisk_id is the second expected
      R"({"type":"ChannelVarset",)" + stamp +
          R"(,"variable":"V","value":"1","asterisk_id":"a","application":"cc"})",
      // names that extend or cut the expected one, differ in one byte, or are escaped
      R"({"type":"ChannelVarset",)" + stamp +
          R"(,"variablex":"X","variable":"V","valu":"U","value":"1","application":"cc"})",
      R"({"type":"ChannelVarset",)" + stamp +
          R"(,"variable":"V","value":"1","applicatioN":"n","application":"cc"})",
      // whitespace before and after the colon
      R"({"type":"ChannelVarset", "timestamp" : "2026-11-26T14:41:00.000+0900" ,)"
      R"( "variable" :"V", "value": "1" , "application"	:	"cc" })",
      // the second expected member read twice: the last one wins, as in the document
      R"({"type":"ChannelVarset","value":"1",)" + stamp +
          R"(,"value":"2","variable":"V","application":"cc"})",
      R"({"type":"ChannelVarset",)" + stamp +
          R"(,"variable":"V","value":"1","variable":"W","application":"cc"})",
      // the expected name as the frame's last bytes
      R"({"type":"ChannelVarset","variable":"V","value":"1","application":"cc","timestamp")",
  };
  for (const auto& frame : frames)
    check_same_as_document(frame);
  const auto in_order = ari::parse_event(frames[0]);
  const auto& varset_event = std::get<ari::ChannelVarset>(in_order);
  CHECK(varset_event.variable == "V");
  CHECK(varset_event.value == "1");
  CHECK(varset_event.asterisk_id == "a");
  CHECK(varset_event.application == "cc");
  REQUIRE(varset_event.timestamp);
  CHECK(varset_event.timestamp->to_string() == "2026-11-26T14:41:00.000+0900");
  CHECK(varset_event.extra.is_null());
  const auto near_names = ari::parse_event(frames[1]);
  CHECK(std::get<ari::ChannelVarset>(near_names).extra ==
        nlohmann::json::parse(R"({"variablex":"X","valu":"U"})"));
  CHECK(std::get<ari::ChannelVarset>(ari::parse_event(frames[4])).value == "2");
  CHECK(std::get<ari::ChannelVarset>(ari::parse_event(frames[5])).variable == "W");
}

TEST_CASE("fast paths: to_frame into a reused string gives the same text without reallocating") {
  std::string reused;
  for (const auto& frame : test::lines_of("examples/asterisk-22-sample.jsonl")) {
    const ari::Event event = ari::parse_event(frame);
    ari::to_frame(event, reused);
    REQUIRE(reused == ari::to_frame(event));
  }
  reused.reserve(1 << 16);
  const char* const buffer = reused.data();
  const std::size_t capacity = reused.capacity();
  for (const auto& frame : test::lines_of("examples/asterisk-22-sample.jsonl")) {
    ari::to_frame(ari::parse_event(frame), reused);
    CHECK(reused.data() == buffer);
  }
  CHECK(reused.capacity() == capacity);
}

TEST_CASE("fast paths: to_frame escapes a special byte at every position, whatever the capacity") {
  // Plain strings are copied and checked sixteen bytes at a time, from the member's own buffer
  // when its capacity covers whole chunks: every position around the chunk edges, a short and a
  // roomy buffer, must still give dump()'s escaping.
  const std::vector<std::string> specials = {"\"",   "\\",   "\x01",     "\n",
                                             "\x1F", "\x7F", "\xC3\xA9", "\xF0\x9F\x98\x80"};
  for (std::size_t length = 0; length <= 40; ++length) {
    for (std::size_t at = 0; at <= length; ++at) {
      for (const auto& special : specials) {
        for (const bool roomy : {false, true}) {
          ari::ChannelVarset varset;
          varset.variable = "V";
          varset.application = "cc";
          if (roomy) varset.value.reserve(100);
          varset.value += std::string(at, 'a') + special + std::string(length - at, 'b');
          const std::string frame = ari::to_frame(ari::Event(varset));
          INFO(frame);
          CHECK(frame.find("\"value\":" + nlohmann::json(varset.value).dump() + ",") !=
                std::string::npos);
          CHECK(nlohmann::json::parse(frame).at("value") == varset.value);
        }
      }
    }
  }
}
