// ari-events: the JSON tokenizer. It feeds the decoder the tokens of one JSON value, exactly
// the JSON that nlohmann/json's parser takes (RFC 8259, UTF-8 validated, a leading byte order
// mark skipped, an integer beyond 64 bits read as a double), and says what is wrong with
// anything else, and where.
//
// Why its own: nlohmann's lexer copies every character into two buffers; driving the decoder
// through nlohmann's SAX parser, its lexer took three quarters of the time. Here a string
// without escapes reaches the decoder as a view into the frame. And nlohmann's parser, kept for
// the frames this tokenizer left to it, was a sixth of the code of a unit calling parse_event
// and a tenth of the compiler's instructions for it.
#pragma once

#include <charconv>
#include <clocale>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "ari/detail/decoder.hpp"
#include "ari/detail/utf8.hpp"

namespace ari {
namespace detail {

class text_reader {
 public:
  explicit text_reader(std::string_view text) noexcept
      : begin_(text.data()), at_(text.data()), end_(text.data() + text.size()) {}
  // Reading into an event whose "type" member was found before (skim_type): the member's name
  // starts at `type_key`, and goes to the machine as decoder::root_type_key().
  text_reader(std::string_view text, const char* type_key) noexcept : text_reader(text) {
    type_key_ = type_key;
  }

  // True when the text was one JSON value, every token of it taken by the machine. False when
  // the machine declined a token (it gave up or threw), or when the text is not JSON: then
  // syntax_error() says what is wrong and at which byte.
  bool read(decoder& machine) {
    // nlohmann/json skips a UTF-8 byte order mark
    if (end_ - at_ >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) at_ += 3;
    // The open containers: the innermost in a variable, those around it on a stack, in an
    // array first, for nesting deeper than that in a string (a byte per level of the text).
    char innermost = 0;
    char around[inline_nesting];
    std::string deeper;
    std::size_t depth = 0;
    skip_whitespace();
    for (;;) {
      // a value (whitespace before it is skipped here, not by whoever read what came before)
      if (at_ == end_) return fail_end();
      switch (*at_) {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          ++at_;
          continue;
        case '{':
        case '[': {
          const char open = *at_++;
          if (!(open == '{' ? machine.start_object() : machine.start_array())) return false;
          skip_whitespace();
          if (at_ != end_ && *at_ == closing(open)) {
            ++at_;
            if (!close(machine, open)) return false;
            break;
          }
          if (depth < inline_nesting) {
            around[depth] = innermost;
          } else {
            deeper += innermost;
          }
          ++depth;
          innermost = open;
          if (open == '{' && !read_key(machine)) return false;
          continue;
        }
        case '"': {
          std::string_view text;
          if (!read_string(text) || !machine.string(text)) return false;
          break;
        }
        case 't':
          if (!literal("true") || !machine.boolean(true)) return false;
          break;
        case 'f':
          if (!literal("false") || !machine.boolean(false)) return false;
          break;
        case 'n':
          if (!literal("null") || !machine.null()) return false;
          break;
        default:
          if (*at_ != '-' && (*at_ < '0' || *at_ > '9')) {
            const bool letter = (*at_ | 0x20) >= 'a' && (*at_ | 0x20) <= 'z';
            return fail(letter ? "invalid literal" : "expected a value", at_);
          }
          if (!read_number(machine)) return false;
      }
      // after a value: a separator, closing brackets, or the end
      for (;;) {
        if (depth == 0) {
          skip_whitespace();
          return at_ == end_ || fail("text after the JSON value", at_);
        }
        if (at_ == end_) return fail_end();
        const char c = *at_;
        if (c == ',') {
          ++at_;
          if (innermost == '{' && !read_key(machine)) return false;
          break;
        }
        if (c != closing(innermost)) {
          if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++at_;
            continue;
          }
          return fail(innermost == '{' ? "expected ',' or '}'" : "expected ',' or ']'", at_);
        }
        ++at_;
        if (!close(machine, innermost)) return false;
        --depth;
        if (depth < inline_nesting) {
          innermost = around[depth];
        } else {
          innermost = deeper.back();
          deeper.pop_back();
        }
      }
    }
  }

  /// What is wrong with the text, and where ("invalid literal at byte offset 9"); empty when
  /// read() found nothing wrong with it.
  const std::string& syntax_error() const noexcept { return error_; }

 private:
  static constexpr std::size_t inline_nesting = 64;

  bool fail(std::string problem, const char* where) {
    error_ = std::move(problem) + " at byte offset " +
             std::to_string(static_cast<std::size_t>(where - begin_));
    return false;
  }
  bool fail_end() { return fail("unexpected end of input", end_); }

  static char closing(char open) noexcept { return open == '{' ? '}' : ']'; }
  static bool close(decoder& machine, char open) {
    return open == '{' ? machine.end_object() : machine.end_array();
  }

  unsigned byte(std::ptrdiff_t offset) const noexcept {
    return static_cast<unsigned char>(at_[offset]);
  }

  ARI_DETAIL_ALWAYS_INLINE void skip_whitespace() noexcept {
    while (at_ != end_ && static_cast<unsigned char>(*at_) <= ' ' &&
           (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t'))
      ++at_;
  }

  bool literal(std::string_view word) {
    for (const char c : word) {
      if (at_ == end_) return fail_end();
      if (*at_ != c) return fail("invalid literal", at_);
      ++at_;
    }
    return true;
  }

  // `"name"` then `:`, whitespace around. First the common case, kept small enough to inline:
  // a compact frame naming the member the description puts next (Asterisk writes them in that
  // order).
  ARI_DETAIL_ALWAYS_INLINE bool read_key(decoder& machine) {
    if (end_ - at_ >= 16 && *at_ == '"' && at_ != type_key_) {
      const decoder::expected_fields expected = machine.expected();
      if (expected.count != 0 && is_quoted_name(expected.first[0])) {
        at_ += expected.first[0].name.size() + 3;  // `"name":`
        return machine.expected_key(0);
      }
    }
    return read_any_key(machine);
  }

  // Any other key: with whitespace, escapes, out of order, unknown, or the root "type".
  bool read_any_key(decoder& machine) {
    skip_whitespace();
    if (at_ == end_) return fail_end();
    if (*at_ != '"') return fail("expected a member name", at_);
    if (at_ == type_key_) {  // `"type"`, then the colon read below
      at_ += 6;
      if (!machine.root_type_key()) return false;
    } else {
      const decoder::expected_fields expected = machine.expected();
      if (const std::size_t ahead = expected_named(expected); ahead < expected.count) {
        at_ += expected.first[ahead].name.size() + 3;  // `"name":`
        if (!machine.expected_key(ahead)) return false;
        skip_whitespace();
        return true;
      }
      std::string_view name;
      if (!read_string(name) || !machine.key(name, prefix_of(name))) return false;
    }
    skip_whitespace();
    if (at_ == end_) return fail_end();
    if (*at_ != ':') return fail("expected ':'", at_);
    ++at_;
    skip_whitespace();
    return true;
  }

  // Which of the next two expected members the frame names at at_, or expected.count for
  // neither.
  std::size_t expected_named(const decoder::expected_fields& expected) const noexcept {
    if (expected.count == 0 || is_quoted_name(expected.first[0])) return 0;
    if (expected.count > 1 && is_quoted_name(expected.first[1])) return 1;
    return expected.count;
  }

  // Whether the frame at at_ (an opening quote) holds `"name":` of `field`: its first sixteen
  // bytes as two masked words, the rest of a long name compared apart. No string scanned, no
  // name looked up. Anything else (a name with an escape, whitespace before the colon) is read
  // the general way.
  ARI_DETAIL_ALWAYS_INLINE bool is_quoted_name(const field_entry& field) const noexcept {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (end_ - at_ < 16) return false;
    std::uint64_t low;
    std::uint64_t high;
    std::memcpy(&low, at_, sizeof low);
    std::memcpy(&high, at_ + 8, sizeof high);
    if (((low & field.mask.low) ^ field.quoted.low) |
        ((high & field.mask.high) ^ field.quoted.high))
      return false;
    const std::size_t named = field.name.size() + 1;  // the quote and the name
    if (named + 2 <= 16) return true;
    // The rest: the name from its 16th byte on, then `":`.
    return static_cast<std::size_t>(end_ - at_) >= named + 2 &&
           (named <= 16 || std::memcmp(at_ + 16, field.name.data() + 15, named - 16) == 0) &&
           at_[named] == '"' && at_[named + 1] == ':';
#else
    static_cast<void>(field);
    return false;
#endif
  }

  // name_prefix of the `size` bytes at `name`, by two loads: sixteen bytes from `name` on must
  // be readable.
  static name_prefix_words prefix_at(const char* name, std::size_t size) noexcept {
    name_prefix_words prefix;
    std::memcpy(&prefix.low, name, sizeof prefix.low);
    std::memcpy(&prefix.high, name + 8, sizeof prefix.high);
    const auto keep = [](std::uint64_t word, std::size_t bytes) {
      return bytes >= 8 ? word : word & ((std::uint64_t{1} << (8 * bytes)) - 1);
    };
    prefix.low = keep(prefix.low, size);
    prefix.high = size <= 8 ? 0 : keep(prefix.high, size - 8);
    return prefix;
  }

  // name_prefix(name), by two loads where sixteen bytes of the frame can be read from the name
  // on (a name that views the frame: not one unescaped into unescaped_).
  name_prefix_words prefix_of(std::string_view name) const noexcept {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const std::less<const char*> before;  // a total order, also for unescaped_'s buffer
    if (!before(name.data(), begin_) && before(name.data(), end_) && end_ - name.data() >= 16) {
      return prefix_at(name.data(), name.size());
    }
#endif
    return name_prefix(name);
  }

  // A string at the opening quote. Without escapes, `out` views the frame; with them, it views
  // the unescaped copy (valid until the next string). The common case, plain ASCII to the
  // closing quote, is kept small enough to be inlined.
  bool read_string(std::string_view& out) {
    const char* const start = ++at_;
    at_ = skip_plain_inline(at_, end_);
    if (at_ != end_ && *at_ == '"') {
      out = std::string_view(start, static_cast<std::size_t>(at_ - start));
      ++at_;
      return true;
    }
    return read_string_rest(start, out);
  }

  // The rest of a string that has an escape, non-ASCII text or an error at at_.
  bool read_string_rest(const char* const start, std::string_view& out) {
    bool escaped = false;
    for (;;) {
      const char* const run = at_;
      at_ = skip_plain(at_, end_);
      if (escaped) unescaped_.append(run, at_);
      if (at_ == end_) return fail_end();
      const unsigned c = byte(0);
      if (c == '"') {
        out = escaped ? std::string_view(unescaped_)
                      : std::string_view(start, static_cast<std::size_t>(at_ - start));
        ++at_;
        return true;
      }
      if (c == '\\') {
        if (!escaped) unescaped_.assign(start, at_);
        escaped = true;
        if (!read_escape()) return false;
        continue;
      }
      if (c < 0x80) return fail("invalid string: a control character, which must be escaped", at_);
      const std::size_t length =
          utf8_sequence_length(std::string_view(at_, static_cast<std::size_t>(end_ - at_)), 0);
      if (length == 0) return fail("invalid string: ill-formed UTF-8 byte", at_);
      if (escaped) unescaped_.append(at_, length);
      at_ += length;
    }
  }

  // An escape at its backslash, appended to unescaped_.
  bool read_escape() {
    if (end_ - at_ < 2) return fail_end();
    const char kind = at_[1];
    at_ += 2;
    switch (kind) {
      case '"':
      case '\\':
      case '/':
        unescaped_ += kind;
        return true;
      case 'b':
        unescaped_ += '\b';
        return true;
      case 'f':
        unescaped_ += '\f';
        return true;
      case 'n':
        unescaped_ += '\n';
        return true;
      case 'r':
        unescaped_ += '\r';
        return true;
      case 't':
        unescaped_ += '\t';
        return true;
      case 'u':
        break;
      default:
        return fail("invalid string: an unknown escape", at_ - 1);
    }
    std::uint32_t code = 0;
    if (!read_hex4(code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) {
      return fail("invalid string: a low surrogate escape without a high one", at_ - 1);
    }
    if (code >= 0xD800 && code <= 0xDBFF) {  // needs its low surrogate
      const char* const after_high = at_;
      if (end_ - at_ < 2 || at_[0] != '\\' || at_[1] != 'u') {
        return fail("invalid string: a high surrogate escape without a low one", after_high);
      }
      at_ += 2;
      std::uint32_t low = 0;
      if (!read_hex4(low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) {
        return fail("invalid string: a high surrogate escape without a low one", after_high);
      }
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(code);
    return true;
  }

  bool read_hex4(std::uint32_t& code) {
    for (int i = 0; i < 4; ++i) {
      if (at_ == end_) return fail_end();
      const char c = *at_++;
      std::uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return fail("invalid string: \\u and four hexadecimal digits expected", at_ - 1);
      }
      code = code << 4 | digit;
    }
    return true;
  }

  void append_utf8(std::uint32_t code) {
    const auto put = [&](std::uint32_t bits) { unescaped_ += static_cast<char>(bits); };
    if (code < 0x80) {
      put(code);
    } else if (code < 0x800) {
      put(0xC0 | code >> 6);
      put(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      put(0xE0 | code >> 12);
      put(0x80 | (code >> 6 & 0x3F));
      put(0x80 | (code & 0x3F));
    } else {
      put(0xF0 | code >> 18);
      put(0x80 | (code >> 12 & 0x3F));
      put(0x80 | (code >> 6 & 0x3F));
      put(0x80 | (code & 0x3F));
    }
  }

  // A number in JSON's grammar. Integers are reported as nlohmann/json does: unsigned unless
  // negative; "-0" is the integer 0; beyond 64 bits, a double.
  bool read_number(decoder& machine) {
    const char* const start = at_;
    const bool negative = *at_ == '-';
    if (negative) ++at_;
    const auto digit = [&] { return at_ != end_ && *at_ >= '0' && *at_ <= '9'; };
    const auto expect_digit = [&] {
      return at_ == end_ ? fail_end() : fail("invalid number", at_);
    };
    if (!digit()) return expect_digit();
    std::uint64_t magnitude = 0;
    bool overflow = false;
    if (*at_ == '0') {
      ++at_;  // no leading zeros: a digit after this one fails as a separator
    } else {
      for (; digit(); ++at_) {
        const auto d = static_cast<std::uint64_t>(*at_ - '0');
        overflow = overflow || magnitude > (UINT64_MAX - d) / 10;
        magnitude = magnitude * 10 + d;
      }
    }
    bool fraction_or_exponent = false;
    if (at_ != end_ && *at_ == '.') {
      ++at_;
      if (!digit()) return expect_digit();
      while (digit())
        ++at_;
      fraction_or_exponent = true;
    }
    if (at_ != end_ && (*at_ == 'e' || *at_ == 'E')) {
      ++at_;
      if (at_ != end_ && (*at_ == '+' || *at_ == '-')) ++at_;
      if (!digit()) return expect_digit();
      while (digit())
        ++at_;
      fraction_or_exponent = true;
    }
    if (!fraction_or_exponent && !overflow) {
      if (!negative) return machine.number_unsigned(magnitude);
      if (magnitude < std::uint64_t{1} << 63) {
        return machine.number_integer(-static_cast<std::int64_t>(magnitude));
      }
      if (magnitude == std::uint64_t{1} << 63) return machine.number_integer(INT64_MIN);
    }
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
    // Correctly rounded, as the strtod nlohmann/json calls is, so the same double.
    double value = 0;
    const auto result = std::from_chars(start, at_, value);
    if (result.ec == std::errc() && result.ptr == at_) {
      return machine.number_float(value, std::string());
    }
#endif
    // Out of range for from_chars (which may say so of a subnormal too), or no from_chars:
    // read as nlohmann/json reads it, with strtod, which gives a subnormal or a zero of the
    // number's sign where the number is too small, and infinity where it is too large.
    const double read = strtod_in_c_locale(start);
    if (!std::isfinite(read)) {
      return fail("a number beyond the range of double '" + std::string(start, at_) + "'", at_ - 1);
    }
    return machine.number_float(read, std::string());
  }

  // strtod of the number token at `number`, its point written as the current C locale's
  // decimal point for strtod to read it, as nlohmann/json does.
  double strtod_in_c_locale(const char* number) const {
    std::string copy(number, at_);
    const char point = *std::localeconv()->decimal_point;
    for (char& c : copy) {
      if (c == '.') c = point;
    }
    return std::strtod(copy.c_str(), nullptr);
  }

  const char* const begin_;
  const char* at_;
  const char* const end_;
  const char* type_key_ = nullptr;
  std::string unescaped_;
  std::string error_;
};

}  // namespace detail
}  // namespace ari
