// ari-events: UTF-8 well-formedness, as JSON text and nlohmann/json require it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ari {
namespace detail {

// For small functions on the hot path of writing: GCC stopped inlining the writer's appends
// when the translation unit grew (to_frame took 9% more instructions), so the decision is not
// left to the size of the user's translation unit.
#if defined(__GNUC__)
#define ARI_DETAIL_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define ARI_DETAIL_ALWAYS_INLINE inline
#endif

// Length of the UTF-8 sequence at text[i], or 0 when it is not well-formed (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF).
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u;
  };
  const unsigned lead = byte(i);
  const auto continuation = [&](std::size_t k, unsigned low = 0x80, unsigned high = 0xBF) {
    return byte(k) >= low && byte(k) <= high;
  };
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(i + 1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned high = lead == 0xED ? 0x9F : 0xBF;
    return continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
    return continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
  }
  return 0;
}

// Bytes that stand for themselves in a JSON string: printable ASCII but '"' and '\\'.
struct plain_byte_table {
  bool is_plain[256] = {};
  constexpr plain_byte_table() {
    for (int c = 0x20; c < 0x80; ++c)
      is_plain[c] = c != '"' && c != '\\';
  }
};
inline constexpr plain_byte_table plain_bytes{};

#if defined(__SSE2__)
// Bit i set when byte i of `chunk` is not plain: as signed bytes, control characters and
// non-ASCII are both below 0x20; then '"' and '\\'.
ARI_DETAIL_ALWAYS_INLINE unsigned not_plain_bytes(__m128i chunk) noexcept {
  const __m128i stop = _mm_or_si128(_mm_cmplt_epi8(chunk, _mm_set1_epi8(0x20)),
                                    _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('"')),
                                                 _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\\'))));
  return static_cast<unsigned>(_mm_movemask_epi8(stop));
}
#endif

// The end of the run of plain bytes starting at `at`. Eight bytes at a time while none of them
// is a control character, '"', '\\' or non-ASCII (SWAR: each test sets a byte's high bit
// exactly when some byte of the word qualifies), then one at a time to the exact end.
inline const char* skip_plain(const char* at, const char* end) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101U;
  constexpr std::uint64_t highs = 0x8080808080808080U;
  const auto has_zero_byte = [](std::uint64_t word) { return (word - ones) & ~word & highs; };
#if defined(__SSE2__)
  // Sixteen at a time.
  while (end - at >= 16) {
    const unsigned mask = not_plain_bytes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)));
    if (mask != 0) return at + __builtin_ctz(mask);
    at += 16;
  }
#endif
  while (end - at >= 8) {
    std::uint64_t word;
    std::memcpy(&word, at, sizeof word);
    const std::uint64_t stop =
        (((word - ones * 0x20) & ~word) | word | has_zero_byte(word ^ (ones * '"')) |
         has_zero_byte(word ^ (ones * '\\'))) &
        highs;
    if (stop != 0) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      // The lowest flagged byte is a real one (a borrow only runs upwards from one).
      return at + (__builtin_ctzll(stop) >> 3);
#else
      break;
#endif
    }
    at += 8;
  }
  while (at != end && plain_bytes.is_plain[static_cast<unsigned char>(*at)])
    ++at;
  return at;
}

// skip_plain with its first sixteen bytes checked inline: most strings of a frame end there, and
// the call cost as much as the check.
ARI_DETAIL_ALWAYS_INLINE const char* skip_plain_inline(const char* at, const char* end) noexcept {
#if defined(__SSE2__)
  if (end - at >= 16) {
    const unsigned mask = not_plain_bytes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)));
    if (mask != 0) return at + __builtin_ctz(mask);
    at += 16;
  }
#endif
  return skip_plain(at, end);
}

// Appends `text` to `out` (a std::string or a writer with the same append and +=) as the inside
// of a JSON string, escaped as nlohmann/json's dump() escapes it: UTF-8 kept, '"', '\\' and
// control characters escaped. A byte that starts no well-formed UTF-8 sequence goes to
// invalid(out, offset), which throws or appends a replacement.
template <class Out, class Invalid>
ARI_DETAIL_ALWAYS_INLINE void append_json_escaped(Out& out, std::string_view text,
                                                  Invalid&& invalid) {
  static constexpr char hex[] = "0123456789abcdef";
  std::size_t clean_from = 0;
  const char* const begin = text.data();
  for (std::size_t i = 0; i < text.size();) {
    i = static_cast<std::size_t>(skip_plain(begin + i, begin + text.size()) - begin);
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length != 0) {
        i += length;
        continue;
      }
      out.append(begin + clean_from, i - clean_from);
      invalid(out, i);
      clean_from = ++i;
      continue;
    }
    out.append(begin + clean_from, i - clean_from);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
    }
    clean_from = ++i;
  }
  out.append(begin + clean_from, text.size() - clean_from);
}

}  // namespace detail
}  // namespace ari
