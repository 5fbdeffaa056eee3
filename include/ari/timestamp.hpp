// ari-events: ARI's Date values ("2018-10-23T12:36:11.110+0000") as a UTC instant plus the
// UTC offset the server wrote, so that formatting gives back the original text.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

#include <date/date.h>

#include "ari/error.hpp"

namespace ari {

class Timestamp;

namespace detail {
// Result of reading a timestamp without throwing: nullptr on success, else what is wrong.
const char* read_timestamp(std::string_view text, Timestamp& out) noexcept;
}  // namespace detail

/// A Date of ARI: millisecond UTC instant plus the server's UTC offset. Asterisk writes
/// YYYY-MM-DDTHH:MM:SS.mmm+hhmm; the +hh:mm form is accepted too, and to_string() re-emits
/// whichever form was read. Equality is textual: same instant, same offset, same form.
class Timestamp {
 public:
  /// Resolution of ARI times.
  using duration = std::chrono::milliseconds;
  /// A UTC instant.
  using time_point_type = date::sys_time<duration>;

  /// 1970-01-01T00:00:00.000+0000.
  constexpr Timestamp() noexcept {}

  /// The instant as seen at `offset` east of UTC. Throws std::out_of_range when the offset is
  /// 24 hours or more, or when the local year falls outside 0000-9999 (not writable as ARI text).
  explicit Timestamp(time_point_type instant, std::chrono::minutes offset = std::chrono::minutes{0})
      : instant_(instant), offset_minutes_(checked_offset(offset)) {
    // Compared as instants, before any calendar arithmetic: date's year is 16 bits and chrono's
    // arithmetic near time_point::max() overflows.
    constexpr auto first = date::sys_days{date::year{0} / 1 / 1};
    constexpr auto past_last = date::sys_days{date::year{10000} / 1 / 1};
    constexpr auto slack = std::chrono::hours{24};
    if (instant < first - slack || instant >= past_last + slack || instant + offset < first ||
        instant + offset >= past_last) {
      throw std::out_of_range("ari::Timestamp: local year outside 0000-9999");
    }
  }

  /// Reads ARI text; throws ari::parse_error naming what is wrong.
  static Timestamp parse(std::string_view text) {
    Timestamp result;
    if (const char* problem = detail::read_timestamp(text, result)) {
      throw parse_error("", expected_form(problem), '"' + std::string(text.substr(0, 64)) + '"');
    }
    return result;
  }

  /// The UTC instant.
  time_point_type time_point() const noexcept { return instant_; }
  /// The offset east of UTC the text carried (+0900 is 540 minutes).
  std::chrono::minutes offset() const noexcept { return std::chrono::minutes{offset_minutes_}; }
  /// Wall-clock time at that offset, as written in the text.
  date::local_time<duration> local_time() const noexcept {
    return date::local_time<duration>{instant_.time_since_epoch() + offset()};
  }
  /// True when the text had the +hh:mm form instead of Asterisk's +hhmm.
  bool has_colon_offset() const noexcept { return colon_offset_; }

  /// The text form: exactly what was parsed, or +hhmm form for a constructed value.
  std::string to_string() const {
    char text[29];
    return std::string(text, format(text));
  }

  /// Equal when the text is: same instant, same offset, same form.
  friend bool operator==(const Timestamp& a, const Timestamp& b) noexcept {
    return a.instant_ == b.instant_ && a.offset_minutes_ == b.offset_minutes_ &&
           a.colon_offset_ == b.colon_offset_ && a.negative_zero_ == b.negative_zero_;
  }
  /// Not equal.
  friend bool operator!=(const Timestamp& a, const Timestamp& b) noexcept { return !(a == b); }
  /// Ordered by instant only, so that events sort by when they happened: the same instant
  /// written at two offsets is neither less nor greater, yet not equal (equality is textual).
  friend bool operator<(const Timestamp& a, const Timestamp& b) noexcept {
    return a.instant_ < b.instant_;
  }
  /// By instant.
  friend bool operator>(const Timestamp& a, const Timestamp& b) noexcept { return b < a; }
  /// By instant.
  friend bool operator<=(const Timestamp& a, const Timestamp& b) noexcept { return !(b < a); }
  /// By instant.
  friend bool operator>=(const Timestamp& a, const Timestamp& b) noexcept { return !(a < b); }
  /// Prints the text form.
  template <class Stream, std::enable_if_t<std::is_base_of_v<std::ostream, Stream>, int> = 0>
  friend std::ostream& operator<<(Stream& os, const Timestamp& value) {
    char text[29];
    return os.write(text, static_cast<std::streamsize>(value.format(text)));
  }

  /// Writes the text form into `out` (at least 29 bytes) and returns its length.
  std::size_t format(char* out) const noexcept {
    const auto local = local_time();
    const auto day = date::floor<date::days>(local);
    const date::year_month_day ymd{day};
    // In range by construction (year 0000-9999), so unsigned arithmetic on small numbers: the
    // divisions by constants become multiplications.
    const auto ms_of_day = static_cast<unsigned>((local - day).count());
    const auto year = static_cast<unsigned>(int(ymd.year()));
    const unsigned seconds_of_day = ms_of_day / 1000;
    const unsigned millis = ms_of_day % 1000;
    char* p = out;
    p = put_pair(p, year / 100);
    p = put_pair(p, year % 100);
    *p++ = '-';
    p = put_pair(p, unsigned(ymd.month()));
    *p++ = '-';
    p = put_pair(p, unsigned(ymd.day()));
    *p++ = 'T';
    p = put_pair(p, seconds_of_day / 3600);
    *p++ = ':';
    p = put_pair(p, seconds_of_day / 60 % 60);
    *p++ = ':';
    p = put_pair(p, seconds_of_day % 60);
    *p++ = '.';
    p = put_pair(p, millis / 10);
    *p++ = static_cast<char>('0' + millis % 10);
    *p++ = (offset_minutes_ < 0 || negative_zero_) ? '-' : '+';
    const auto magnitude =
        static_cast<unsigned>(offset_minutes_ < 0 ? -offset_minutes_ : offset_minutes_);
    p = put_pair(p, magnitude / 60);
    if (colon_offset_) *p++ = ':';
    p = put_pair(p, magnitude % 60);
    return std::size_t(p - out);
  }

 private:
  friend const char* detail::read_timestamp(std::string_view, Timestamp&) noexcept;

  static std::int16_t checked_offset(std::chrono::minutes offset) {
    if (offset.count() <= -24 * 60 || offset.count() >= 24 * 60) {
      throw std::out_of_range("ari::Timestamp: UTC offset must be less than 24 hours");
    }
    return static_cast<std::int16_t>(offset.count());
  }

  static std::string expected_form(const char* problem) {
    return std::string("timestamp YYYY-MM-DDTHH:MM:SS.mmm+hhmm (") + problem + ")";
  }

  // Two digits of `value` (below 100), from a table: a division per digit made formatting
  // half of what writing an event's timestamp cost.
  static char* put_pair(char* p, unsigned value) noexcept {
    static constexpr char digit_pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    std::memcpy(p, digit_pairs + 2 * value, 2);
    return p + 2;
  }

  time_point_type instant_{};
  std::int16_t offset_minutes_ = 0;
  bool colon_offset_ = false;
  bool negative_zero_ = false;  // "-0000" is kept apart from "+0000" so that it round-trips
};

namespace detail {

// Fixed-format reader, eight bytes at a time: the digits and separators of each word are
// checked and the digits paired into numbers with a few word operations (a byte at a time,
// reading timestamps took over 5% of decoding a capture frame). The calendar checks and the day
// count come from date's civil arithmetic. No streams, no locale, no allocation.
inline const char* read_timestamp(std::string_view text, Timestamp& out) noexcept {
  constexpr std::size_t basic_length = 28;  // 2018-10-23T12:36:11.110+0000
  if (text.size() != basic_length && text.size() != basic_length + 1) {
    return "wrong length";
  }
  const bool colon = text.size() == basic_length + 1;  // +hh:mm
  // The basic form (+hh:mm without its colon) in four words, byte i of a word at bits 8i,
  // padded with '0' to 32 bytes.
  char basic[32];
  std::memcpy(basic, text.data(), 26);
  std::memcpy(basic + 26, text.data() + (colon ? 27 : 26), 2);
  std::memcpy(basic + 28, "0000", 4);
  const auto word = [&](std::size_t at) {
    std::uint64_t value = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    std::memcpy(&value, basic + at, sizeof value);
#else
    for (std::size_t i = 8; i-- > 0;)
      value = value << 8 | static_cast<unsigned char>(basic[at + i]);
#endif
    return value;
  };
  constexpr std::uint64_t ones = 0x0101010101010101U;
  std::uint64_t wrong = 0;  // non-zero when a digit or separator is not one
  // Each word's digit bytes (as digit values) and its separators: YYYY-MM- DDTHH:MM :SS.mmm+
  // hhmm0000 (the sign, byte 23, is checked apart).
  const auto digits = [&](std::uint64_t value, std::uint64_t digit_bytes, std::uint64_t separators,
                          std::uint64_t separator_bytes) {
    const std::uint64_t x = (value ^ ones * '0') & digit_bytes;
    wrong |= (x & ones * 0xF0) | ((x + ones * 6) & ones * 0x10);  // each byte below 10
    wrong |= (value & separator_bytes) ^ separators;
    return x;
  };
  const auto byte = [](std::uint64_t value, int i) {
    return static_cast<int>(value >> (8 * i) & 0xFF);
  };
  // Byte i of pairs(x): the two-digit number of digit bytes i and i + 1.
  const auto pairs = [](std::uint64_t x) { return x * 10 + (x >> 8); };
  const std::uint64_t date_part =
      pairs(digits(word(0), 0x00FFFF00FFFFFFFFU,
                   std::uint64_t{'-'} << 56 | std::uint64_t{'-'} << 32, 0xFF0000FF00000000U));
  const std::uint64_t time_part =
      pairs(digits(word(8), 0xFFFF00FFFF00FFFFU,
                   std::uint64_t{':'} << 40 | std::uint64_t{'T'} << 16, 0x0000FF0000FF0000U));
  const std::uint64_t seconds_digits =
      digits(word(16), 0x00FFFFFF00FFFF00U, std::uint64_t{'.'} << 24 | std::uint64_t{':'},
             0x00000000FF0000FFU);
  const std::uint64_t offset_part = pairs(digits(word(24), ~std::uint64_t{0}, 0, 0));
  const std::uint64_t seconds_part = pairs(seconds_digits);
  const int year = byte(date_part, 0) * 100 + byte(date_part, 2);
  const int month = byte(date_part, 5);
  const int day = byte(time_part, 0);
  const int hour = byte(time_part, 3);
  const int minute = byte(time_part, 6);
  const int second = byte(seconds_part, 1);
  const int millis = byte(seconds_part, 4) * 10 + byte(seconds_digits, 6);
  const int offset_hours = byte(offset_part, 0);
  const int offset_minutes = byte(offset_part, 2);
  const char sign = basic[23];
  if (wrong != 0 || (colon && text[26] != ':') || (sign != '+' && sign != '-')) return "malformed";
  if (month < 1 || month > 12) return "month out of range";
  const date::year_month_day ymd{date::year{year}, date::month{unsigned(month)},
                                 date::day{unsigned(day)}};
  if (!ymd.ok()) return "day out of range for the month";
  if (hour > 23) return "hour out of range";
  if (minute > 59) return "minute out of range";
  if (second > 59) return "second out of range";
  if (offset_hours > 23 || offset_minutes > 59) return "UTC offset out of range";

  const int offset = (sign == '-' ? -1 : 1) * (offset_hours * 60 + offset_minutes);
  const auto local = date::sys_days{ymd}.time_since_epoch() + std::chrono::hours{hour} +
                     std::chrono::minutes{minute} + std::chrono::seconds{second} +
                     std::chrono::milliseconds{millis};
  out.instant_ = Timestamp::time_point_type{local - std::chrono::minutes{offset}};
  out.offset_minutes_ = static_cast<std::int16_t>(offset);
  out.colon_offset_ = colon;
  out.negative_zero_ = sign == '-' && offset == 0;
  return nullptr;
}

}  // namespace detail
}  // namespace ari
