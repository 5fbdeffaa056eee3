// Hostile input: a malformed-frame corpus with one expected outcome per frame, frames damaged
// in every place, and the limits at and just past their edges.
#include <set>

#include "catch.hpp"
#include "support.hpp"

namespace {

using nlohmann::json;

// {{xHH}} in the corpus stands for the byte HH, so that the file itself stays valid UTF-8.
std::string unescape_bytes(const std::string& text) {
  std::string bytes;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "{{x") == 0 && i + 7 <= text.size() &&
        text.compare(i + 5, 2, "}}") == 0) {
      bytes += static_cast<char>(std::stoi(text.substr(i + 3, 2), nullptr, 16));
      i += 6;
    } else {
      bytes += text[i];
    }
  }
  return bytes;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> columns;
  std::size_t start = 0;
  for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
    columns.push_back(line.substr(start, tab - start));
  }
  columns.push_back(line.substr(start));
  return columns;
}

// Every member (as a JSON Pointer) of a frame, without descending into free-form values.
void member_paths(const json& value, const json::json_pointer& at,
                  std::vector<json::json_pointer>& out) {
  static const std::set<std::string> free_form = {"userevent", "bridgevars", "variables",
                                                  "channelvars"};
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (at.empty() && it.key() == "type") continue;
      const auto child = at / it.key();
      out.push_back(child);
      if (free_form.count(it.key()) == 0) member_paths(it.value(), child, out);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      member_paths(value[i], at / i, out);
  }
}

bool is_timestamp_key(const std::string& key) {
  return key == "timestamp" || key == "creationtime" || key == "startup_time" ||
         key == "last_reload_time";
}

std::string nested(std::size_t depth) {  // depth levels of arrays
  return std::string(depth, '[') + std::string(depth, ']');
}

std::string userevent_frame(const std::string& payload) {
  return R"({"type":"ChannelUserevent","timestamp":"2026-11-26T14:41:00.000+0900",)"
         R"("eventname":"E","application":"app","userevent":)" +
         payload + "}";
}

}  // namespace

TEST_CASE("the malformed-frame corpus: each frame gives its expected outcome") {
  int cases = 0;
  for (const auto& line : test::lines_of("tests/data/malformed.tsv")) {
    if (line[0] == '#') continue;
    const auto columns = split_tabs(line);
    REQUIRE(columns.size() == 4);
    const auto& outcome = columns[0];
    const auto& expected = columns[1];
    const std::string frame = unescape_bytes(columns[3]);
    INFO(columns[2] << "\n" << columns[3]);
    const auto result = ari::try_parse_event(frame);
    if (outcome == "accepted") {
      CHECK(result.has_value());
    } else {
      REQUIRE_FALSE(result.has_value());
      CHECK(result.error().pointer() == outcome);
      CHECK(test::contains(result.error().expected(), expected));
    }
    ++cases;
  }
  CHECK(cases == 79);
}

TEST_CASE("documented acceptances behave as documented") {
  const std::string varset =
      R"({"type":"ChannelVarset","timestamp":"2026-11-26T14:41:00.000+0900","variable":"V",)";
  SECTION("duplicate keys: the last one wins") {
    const auto event =
        ari::parse_event(varset + R"("value":"first","value":"last","application":"a"})");
    CHECK(std::get<ari::ChannelVarset>(event).value == "last");
  }
  SECTION("an escaped NUL stays in the string") {
    const auto event = ari::parse_event(varset + R"("value":"a\u0000b","application":"a"})");
    CHECK(std::get<ari::ChannelVarset>(event).value == std::string("a\0b", 3));
  }
  SECTION("a BOM is skipped") {
    const auto event =
        ari::parse_event("\xEF\xBB\xBF" + varset + R"("value":"1","application":"a"})");
    CHECK(std::get<ari::ChannelVarset>(event).value == "1");
  }
  SECTION("huge strings are accepted up to the frame size limit") {
    const std::string value(10 * 1024 * 1024, 'x');
    const auto event =
        ari::parse_event(varset + R"("value":")" + value + R"(","application":"a"})");
    CHECK(std::get<ari::ChannelVarset>(event).value.size() == value.size());
  }
}

TEST_CASE("a real frame truncated at every byte is an error, never a crash") {
  for (const std::string& frame : {test::seed_frame("StasisStart"), test::capture_frames()[60]}) {
    for (std::size_t length = 0; length < frame.size(); ++length) {
      const auto result = ari::try_parse_event(std::string_view(frame).substr(0, length));
      REQUIRE_FALSE(result.has_value());
      CHECK(result.error().expected() == "JSON text");
    }
  }
}

TEST_CASE("every member of every event type removed in turn") {
  // Oracle: the minimal frames hold exactly the members every Asterisk line from 13 requires.
  const auto full = test::lines_of("tests/data/catalogue-full.jsonl");
  const auto minimal = test::lines_of("tests/data/catalogue-minimal.jsonl");
  REQUIRE(full.size() == minimal.size());
  int errors = 0;
  int accepted = 0;
  for (std::size_t i = 0; i < full.size(); ++i) {
    const auto frame = json::parse(full[i]);
    const auto required = json::parse(minimal[i]);
    std::vector<json::json_pointer> paths;
    member_paths(frame, json::json_pointer{}, paths);
    for (const auto& path : paths) {
      if (path.back().find_first_not_of("0123456789") == std::string::npos) continue;
      if (!required.contains(path.parent_pointer())) continue;  // under an optional member
      INFO(path.to_string() << " in " << full[i]);
      auto damaged = frame;
      damaged[path.parent_pointer()].erase(path.back());
      const auto result = ari::try_parse_event(damaged.dump());
      // timestamp: required by the schema of some lines, optional in 14 and 15.
      if (required.contains(path) && path.back() != "timestamp") {
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().pointer() == path.to_string());
        CHECK(result.error().found() == "no member");
        ++errors;
      } else {
        REQUIRE(result.has_value());
        CHECK(json(*result) == damaged);
        ++accepted;
      }
    }
  }
  CHECK(errors > 500);
  CHECK(accepted > 300);
}

TEST_CASE("every member of every event type given each JSON type in turn") {
  const json replacements[] = {nullptr, true, 7, -2.5, "text", json::array(), json::object()};
  const auto kind = [](const json& value) {
    if (value.is_number_integer()) return std::string("integer");
    return std::string(value.type_name());
  };
  int checked = 0;
  for (const auto& line : test::lines_of("tests/data/catalogue-full.jsonl")) {
    const auto frame = json::parse(line);
    std::vector<json::json_pointer> paths;
    member_paths(frame, json::json_pointer{}, paths);
    for (const auto& path : paths) {
      const json& original = frame[path];
      for (const auto& replacement : replacements) {
        INFO(path.to_string() << " = " << replacement.dump() << " in " << line);
        auto damaged = frame;
        damaged[path] = replacement;
        const auto result = ari::try_parse_event(damaged.dump());
        ++checked;
        if (result) {
          // Accepted: it must be a value of the member's kind, a null read as absent, or a
          // value a lenient member takes (free-form, string-or-integer, empty containers).
          const bool same_kind = kind(original) == kind(replacement) &&
                                 !(replacement.is_string() && is_timestamp_key(path.back()));
          const bool any_json = path.back() == "userevent" || path.back() == "bridgevars" ||
                                path.back() == "variables";
          const bool string_or_integer =
              (path.back() == "port" || path.back() == "time") && replacement.is_number_integer();
          const bool lenient = replacement.is_null() || any_json || string_or_integer;
          CHECK((same_kind || lenient));
          const json back = *result;
          if (!replacement.is_null()) CHECK(back == damaged);
        } else {
          // Rejected: the error is about this member or something inside it.
          const auto pointer = result.error().pointer();
          CHECK(pointer.compare(0, path.to_string().size(), path.to_string()) == 0);
          const bool explained = kind(original) != kind(replacement) ||
                                 original.is_structured() ||     // {} lacks required members
                                 is_timestamp_key(path.back());  // "text" is no timestamp
          CHECK(explained);
        }
      }
    }
  }
  CHECK(checked > 9000);
}

TEST_CASE("nesting depth: at the limit and just past it") {
  // The frame is depth 1, so the default limit of 64 leaves 63 levels for userevent.
  CHECK(ari::try_parse_event(userevent_frame(nested(63))).has_value());
  const auto past = ari::try_parse_event(userevent_frame(nested(64)));
  REQUIRE_FALSE(past.has_value());
  CHECK(past.error().pointer() == "/userevent");
  CHECK(past.error().expected() == "nesting at most 64 deep");

  ari::parse_limits shallow;
  shallow.max_depth = 8;
  CHECK(ari::try_parse_event(userevent_frame(nested(7)), shallow).has_value());
  CHECK_FALSE(ari::try_parse_event(userevent_frame(nested(8)), shallow).has_value());

  SECTION("unknown members, at any depth") {
    const std::string base = test::seed_frame("StasisEnd");
    const auto at_edge = test::edited(base, [](json& j) {
      j["channel"]["caller"]["future"] = json::parse(nested(61));  // 3 + 61 = 64
    });
    CHECK(ari::try_parse_event(at_edge).has_value());
    const auto too_deep = test::edited(
        base, [](json& j) { j["channel"]["caller"]["future"] = json::parse(nested(62)); });
    const auto error = ari::try_parse_event(too_deep);
    REQUIRE_FALSE(error.has_value());
    CHECK(error.error().pointer() == "/channel/caller/future");
  }
  SECTION("unknown event types") {
    CHECK(ari::try_parse_event(R"({"type":"Future","x":)" + nested(63) + "}").has_value());
    const auto error = ari::try_parse_event(R"({"type":"Future","x":)" + nested(64) + "}");
    REQUIRE_FALSE(error.has_value());
    CHECK(error.error().pointer() == "/x");  // as under a known type
    try {
      (void)ari::parse_event(json::parse(R"({"type":"Future","x":)" + nested(64) + "}"));
      FAIL("parsed");
    } catch (const ari::parse_error& document_error) {
      CHECK(document_error.pointer() == "/x");
    }
  }
  SECTION("a million levels: an error, not a stack overflow") {
    const std::size_t depth = 1000000;
    CHECK_FALSE(ari::try_parse_event(userevent_frame(nested(depth))).has_value());
    CHECK_FALSE(ari::try_parse_event(R"({"type":"Future","x":)" + nested(depth) + "}").has_value());
    CHECK_FALSE(ari::try_parse_event(nested(depth)).has_value());
  }
}

TEST_CASE("frame size: at the limit and just past it") {
  ari::parse_limits small;
  const std::string frame = test::seed_frame("StasisEnd");
  small.max_frame_size = frame.size();
  CHECK(ari::try_parse_event(frame, small).has_value());
  small.max_frame_size = frame.size() - 1;
  const auto error = ari::try_parse_event(frame, small);
  REQUIRE_FALSE(error.has_value());
  CHECK(error.error().found() == std::to_string(frame.size()) + " bytes");
  const std::string oversized(ari::parse_limits{}.max_frame_size + 1, ' ');
  CHECK_FALSE(ari::try_parse_event(oversized).has_value());
}
