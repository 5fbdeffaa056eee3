// ari::Timestamp: instants, offsets, and text that comes back as it was read.
#include "catch.hpp"
#include "support.hpp"

using namespace std::chrono;
using namespace date::literals;

TEST_CASE("Asterisk's form, several offsets: instant, offset and text") {
  struct Case {
    const char* text;
    minutes offset;
    date::local_days local_day;
    milliseconds local_time_of_day;
  };
  const Case cases[] = {
      {"2018-10-23T12:36:11.110+0000", 0min, date::local_days{2018_y / 10 / 23},
       12h + 36min + 11s + 110ms},
      {"2018-10-23T12:36:11.110+0900", 540min, date::local_days{2018_y / 10 / 23},
       12h + 36min + 11s + 110ms},
      {"2018-10-23T02:05:09.007-0500", -300min, date::local_days{2018_y / 10 / 23},
       2h + 5min + 9s + 7ms},
      {"2024-02-29T23:59:59.999+0530", 330min, date::local_days{2024_y / 2 / 29},
       23h + 59min + 59s + 999ms},
      {"2000-01-01T00:00:00.000-1200", -720min, date::local_days{2000_y / 1 / 1}, 0ms},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto stamp = ari::Timestamp::parse(c.text);
    CHECK(stamp.offset() == c.offset);
    CHECK(stamp.local_time() == c.local_day + c.local_time_of_day);
    CHECK(stamp.time_point().time_since_epoch() ==
          (c.local_day + c.local_time_of_day - c.offset).time_since_epoch());
    CHECK(stamp.to_string() == c.text);
    CHECK_FALSE(stamp.has_colon_offset());
  }
}

TEST_CASE("the same instant at two offsets is two different texts") {
  const auto tokyo = ari::Timestamp::parse("2018-10-23T21:36:11.110+0900");
  const auto utc = ari::Timestamp::parse("2018-10-23T12:36:11.110+0000");
  CHECK(tokyo.time_point() == utc.time_point());
  CHECK(tokyo != utc);
}

TEST_CASE("+hh:mm and -0000 are re-emitted as read") {
  for (const char* text : {"2018-10-23T12:36:11.110+09:00", "2018-10-23T12:36:11.110-03:30",
                           "2018-10-23T12:36:11.110-0000", "2018-10-23T12:36:11.110+00:00"}) {
    INFO(text);
    CHECK(ari::Timestamp::parse(text).to_string() == text);
  }
  const auto colon = ari::Timestamp::parse("2018-10-23T12:36:11.110-03:30");
  CHECK(colon.has_colon_offset());
  CHECK(colon.offset() == -210min);
}

TEST_CASE("a frame with non-UTC offsets round-trips text for text") {
  const std::string frame = test::edited(test::seed_frame("StasisStart"), [](auto& j) {
    j["timestamp"] = "2018-10-23T21:36:09.603+0900";
    j["channel"]["creationtime"] = "2018-10-23T07:36:02.671-05:00";
  });
  const auto event = std::get<ari::StasisStart>(ari::parse_event(frame));
  CHECK(event.timestamp->offset() == 9h);
  CHECK(event.channel.creationtime.offset() == -5h);
  CHECK(event.channel.creationtime.time_point() ==
        date::sys_days{2018_y / 10 / 23} + 12h + 36min + 2s + 671ms);
  CHECK(nlohmann::json(event).dump() == nlohmann::json::parse(frame).dump());
}

TEST_CASE("constructed timestamps format in Asterisk's form") {
  const ari::Timestamp stamp{date::sys_days{2018_y / 10 / 23} + 3h + 36min + 11s + 110ms, 9h};
  CHECK(stamp.to_string() == "2018-10-23T12:36:11.110+0900");
  CHECK(ari::Timestamp{}.to_string() == "1970-01-01T00:00:00.000+0000");
  CHECK(ari::Timestamp::parse(stamp.to_string()) == stamp);
  CHECK_THROWS_AS((ari::Timestamp{ari::Timestamp::time_point_type{}, 24h}), std::out_of_range);
  CHECK_THROWS_AS((ari::Timestamp{date::sys_days{10000_y / 1 / 1}}), std::out_of_range);
}

TEST_CASE("Timestamp::parse throws parse_error with the reason") {
  try {
    (void)ari::Timestamp::parse("2018-02-29T00:00:00.000+0000");  // 2018 is no leap year
    FAIL("no error");
  } catch (const ari::parse_error& e) {
    CHECK(test::contains(e.expected(), "day out of range"));
    CHECK(e.found() == "\"2018-02-29T00:00:00.000+0000\"");
  }
}

namespace {

// Reads Asterisk's form a byte at a time, as the library did before it read eight at a time:
// the fields, or false when a digit or a separator is not one.
struct fields {
  int year, month, day, hour, minute, second, millis, offset_hours, offset_minutes;
  char sign;
};
bool read_by_bytes(const std::string& text, fields& out) {
  const bool colon = text.size() == 29;
  const std::string pattern =
      colon ? "dddd-dd-ddTdd:dd:dd.ddd?dd:dd" : "dddd-dd-ddTdd:dd:dd.ddd?dddd";
  if (text.size() != pattern.size()) return false;
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (pattern[i] == 'd') {
      if (text[i] < '0' || text[i] > '9') return false;
      digits += text[i];
    } else if (pattern[i] == '?') {
      if (text[i] != '+' && text[i] != '-') return false;
    } else if (text[i] != pattern[i]) {
      return false;
    }
  }
  const auto number = [&](std::size_t at, std::size_t width) {
    return std::stoi(digits.substr(at, width));
  };
  out = {number(0, 4),  number(4, 2),  number(6, 2),  number(8, 2),  number(10, 2),
         number(12, 2), number(14, 3), number(17, 2), number(19, 2), text[23]};
  return true;
}

}  // namespace

TEST_CASE("every byte value at every position reads as a byte-at-a-time reader reads it") {
  int valid = 0;
  for (const std::string base : {"2024-02-29T23:59:59.999+0530", "1999-12-31T00:00:00.000-12:00"}) {
    for (std::size_t at = 0; at < base.size(); ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string text = base;
        text[at] = static_cast<char>(byte);
        INFO(text);
        fields expected{};
        const bool well_formed = read_by_bytes(text, expected);
        try {
          const auto stamp = ari::Timestamp::parse(text);
          REQUIRE(well_formed);
          ++valid;
          const auto local = stamp.local_time();
          const auto day = date::floor<date::days>(local);
          const date::year_month_day ymd{day};
          const date::hh_mm_ss<milliseconds> time{local - day};
          CHECK(int(ymd.year()) == expected.year);
          CHECK(unsigned(ymd.month()) == unsigned(expected.month));
          CHECK(unsigned(ymd.day()) == unsigned(expected.day));
          CHECK(time.hours().count() == expected.hour);
          CHECK(time.minutes().count() == expected.minute);
          CHECK(time.seconds().count() == expected.second);
          CHECK(time.subseconds().count() == expected.millis);
          const int offset = (expected.offset_hours * 60 + expected.offset_minutes);
          CHECK(stamp.offset().count() == (expected.sign == '-' ? -offset : offset));
          CHECK(stamp.to_string() == text);
        } catch (const ari::parse_error& e) {
          // Well-formed text is refused only for a value out of range.
          if (well_formed) {
            CHECK(test::contains(e.expected(), "out of range"));
          } else {
            CHECK(test::contains(e.expected(), "malformed"));
          }
        }
      }
    }
  }
  // Each digit position takes ten values, a few of them out of range (month 13, hour 24, ...).
  CHECK(valid > 2 * 19 * 6);
}
