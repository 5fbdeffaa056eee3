// ari-events: a strict JSON tokenizer for the good path of decoding. It feeds the decoder the
// tokens nlohmann/json's parser would, for the JSON it takes, and gives up on anything else:
// bad syntax, and the few valid forms it leaves to nlohmann (an integer beyond 64 bits, a float
// where the standard library cannot read one, nesting past 256). The caller then reads the
// frame with nlohmann/json, which decides; so this reader never has to produce an error message
// and never accepts what nlohmann/json would reject.
//
// Why: nlohmann's lexer copies every character into two buffers; driving the decoder through
// nlohmann's SAX parser, its lexer took three quarters of the time. Here a string without escapes
// reaches the decoder as a view into the frame.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>

#include "ari/detail/decoder.hpp"
#include "ari/detail/utf8.hpp"

namespace ari {
namespace detail {

class text_reader {
 public:
  explicit text_reader(std::string_view text) noexcept
      : begin_(text.data()), at_(text.data()), end_(text.data() + text.size()) {}

  // True when the text was one JSON value, every token of it taken by the machine.
  bool read(decoder& machine) {
    // nlohmann/json skips a UTF-8 byte order mark
    if (end_ - at_ >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) at_ += 3;
    char containers[max_nesting] = {};  // '{' or '[' per open container
    std::size_t depth = 0;
    skip_whitespace();
    for (;;) {
      // a value
      if (at_ == end_) return false;
      switch (*at_) {
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
          if (depth == max_nesting) return false;
          containers[depth++] = open;
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
          if (!read_number(machine)) return false;
      }
      // after a value: a separator, closing brackets, or the end
      for (;;) {
        skip_whitespace();
        if (depth == 0) return at_ == end_;
        if (at_ == end_) return false;
        const char c = *at_++;
        if (c == ',') {
          if (containers[depth - 1] == '{' && !read_key(machine)) return false;
          skip_whitespace();
          break;
        }
        if (c != closing(containers[depth - 1])) return false;
        if (!close(machine, containers[--depth])) return false;
      }
    }
  }

 private:
  static constexpr std::size_t max_nesting = 256;

  static char closing(char open) noexcept { return open == '{' ? '}' : ']'; }
  static bool close(decoder& machine, char open) {
    return open == '{' ? machine.end_object() : machine.end_array();
  }

  unsigned byte(std::ptrdiff_t offset) const noexcept {
    return static_cast<unsigned char>(at_[offset]);
  }

  void skip_whitespace() noexcept {
    while (at_ != end_ && static_cast<unsigned char>(*at_) <= ' ' &&
           (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t'))
      ++at_;
  }

  bool literal(std::string_view word) noexcept {
    if (static_cast<std::size_t>(end_ - at_) < word.size() ||
        std::string_view(at_, word.size()) != word) {
      return false;
    }
    at_ += word.size();
    return true;
  }

  // `"name"` then `:`, whitespace around.
  bool read_key(decoder& machine) {
    skip_whitespace();
    std::string_view name;
    if (at_ == end_ || *at_ != '"' || !read_string(name) || !machine.key(name, prefix_of(name)))
      return false;
    skip_whitespace();
    if (at_ == end_ || *at_ != ':') return false;
    ++at_;
    skip_whitespace();
    return true;
  }

  // name_prefix(name), by two loads where sixteen bytes of the frame can be read from the name
  // on (a name that views the frame: not one unescaped into unescaped_).
  name_prefix_words prefix_of(std::string_view name) const noexcept {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const std::less<const char*> before;  // a total order, also for unescaped_'s buffer
    if (!before(name.data(), begin_) && before(name.data(), end_) && end_ - name.data() >= 16) {
      name_prefix_words prefix;
      std::memcpy(&prefix.low, name.data(), sizeof prefix.low);
      std::memcpy(&prefix.high, name.data() + 8, sizeof prefix.high);
      const auto keep = [](std::uint64_t word, std::size_t bytes) {
        return bytes >= 8 ? word : word & ((std::uint64_t{1} << (8 * bytes)) - 1);
      };
      prefix.low = keep(prefix.low, name.size());
      prefix.high = name.size() <= 8 ? 0 : keep(prefix.high, name.size() - 8);
      return prefix;
    }
#endif
    return name_prefix(name);
  }

  // A string at the opening quote. Without escapes, `out` views the frame; with them, it views
  // the unescaped copy (valid until the next string). The common case, plain ASCII to the
  // closing quote, is kept small enough to be inlined.
  bool read_string(std::string_view& out) {
    const char* const start = ++at_;
    at_ = skip_plain(at_, end_);
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
      if (at_ == end_) return false;
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
      if (c < 0x80) return false;  // a control character, which must be escaped
      const std::size_t length =
          utf8_sequence_length(std::string_view(at_, static_cast<std::size_t>(end_ - at_)), 0);
      if (length == 0) return false;
      if (escaped) unescaped_.append(at_, length);
      at_ += length;
    }
  }

  // An escape at its backslash, appended to unescaped_.
  bool read_escape() {
    if (end_ - at_ < 2) return false;
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
        return false;
    }
    std::uint32_t code = 0;
    if (!read_hex4(code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate alone
    if (code >= 0xD800 && code <= 0xDBFF) {              // needs its low surrogate
      std::uint32_t low = 0;
      if (end_ - at_ < 2 || at_[0] != '\\' || at_[1] != 'u') return false;
      at_ += 2;
      if (!read_hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(code);
    return true;
  }

  bool read_hex4(std::uint32_t& code) noexcept {
    if (end_ - at_ < 4) return false;
    for (int i = 0; i < 4; ++i) {
      const char c = *at_++;
      std::uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
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
  // negative; "-0" is the integer 0.
  bool read_number(decoder& machine) {
    const char* const start = at_;
    const bool negative = *at_ == '-';
    if (negative) ++at_;
    const auto digit = [&] { return at_ != end_ && *at_ >= '0' && *at_ <= '9'; };
    if (!digit()) return false;
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
      if (!digit()) return false;
      while (digit())
        ++at_;
      fraction_or_exponent = true;
    }
    if (at_ != end_ && (*at_ == 'e' || *at_ == 'E')) {
      ++at_;
      if (at_ != end_ && (*at_ == '+' || *at_ == '-')) ++at_;
      if (!digit()) return false;
      while (digit())
        ++at_;
      fraction_or_exponent = true;
    }
    if (!fraction_or_exponent) {
      if (overflow) return false;  // nlohmann/json makes it a float
      if (!negative) return machine.number_unsigned(magnitude);
      if (magnitude > std::uint64_t{1} << 63) return false;
      return machine.number_integer(
          magnitude == std::uint64_t{1} << 63 ? INT64_MIN : -static_cast<std::int64_t>(magnitude));
    }
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
    // Correctly rounded, as the strtod nlohmann/json calls is, so the same double.
    double value = 0;
    const auto result = std::from_chars(start, at_, value);
    if (result.ec != std::errc() || result.ptr != at_) return false;  // out of range included
    return machine.number_float(value, std::string());
#else
    (void)start;
    return false;
#endif
  }

  const char* const begin_;
  const char* at_;
  const char* const end_;
  std::string unescaped_;
};

}  // namespace detail
}  // namespace ari
