// ari-events: the member table of a described type, as the decoder reads it. Each type makes
// its own from its field list (ARI_DETAIL_BODY in describe.hpp): one constant array, no code
// run per type or per field to build it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ari {
namespace detail {

struct token;
class decoder;

// What a value arriving at a member does to it: one function per spec.
using accept_fn = void (*)(void* target, const token& value, decoder& machine);

// The first sixteen bytes of a member name as two numbers (byte i at bit 8i of word i / 8),
// so that names compare in two steps: names of up to sixteen bytes are equal when their
// prefixes and sizes are.
struct name_prefix_words {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  friend constexpr bool operator==(name_prefix_words a, name_prefix_words b) noexcept {
    return a.low == b.low && a.high == b.high;
  }
};
constexpr name_prefix_words name_prefix(std::string_view name) noexcept {
  name_prefix_words prefix;
  for (std::size_t i = 0; i < name.size() && i < 16; ++i) {
    const std::uint64_t bits = std::uint64_t{static_cast<unsigned char>(name[i])} << (8 * (i % 8));
    (i < 8 ? prefix.low : prefix.high) |= bits;
  }
  return prefix;
}

// The first sixteen bytes of `"name":` as a compact frame has them (quoted_name), and which of
// those bytes belong to it (quoted_mask): the tokenizer matches the member it expects next with
// two loads and two compares. Made from the name's prefix with a few shifts, not a loop: every
// field of every type has them, and each constant costs the compiler.
constexpr name_prefix_words quoted_name(name_prefix_words prefix, std::size_t size) noexcept {
  name_prefix_words quoted{'"' | prefix.low << 8, prefix.high << 8 | prefix.low >> 56};
  const auto put = [&quoted](std::size_t at, char c) {
    const std::uint64_t bits = std::uint64_t{static_cast<unsigned char>(c)} << (8 * (at % 8));
    if (at < 8) {
      quoted.low |= bits;
    } else if (at < 16) {
      quoted.high |= bits;
    }
  };
  put(size + 1, '"');
  put(size + 2, ':');
  return quoted;
}
constexpr name_prefix_words quoted_mask(std::size_t size) noexcept {
  const std::size_t bytes = size + 3 < 16 ? size + 3 : 16;
  const auto ones = [](std::size_t count) {
    return count >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * count)) - 1;
  };
  return {ones(bytes), bytes <= 8 ? 0 : ones(bytes - 8)};
}

struct field_entry {
  std::string_view name;
  accept_fn accept = nullptr;
  std::string_view expected;  // what its value must be, for errors: "string"
  bool required = false;
  name_prefix_words prefix;  // name_prefix(name)
  std::size_t offset = 0;    // of the member in its object
  name_prefix_words quoted = quoted_name(prefix, name.size());
  name_prefix_words mask = quoted_mask(name.size());
};

// Where a name's fields-table index is looked up when members arrive out of order: an open
// addressing table of name_slot_count slots (255: empty), probed from name_slot(prefix, size).
inline constexpr std::size_t name_slot_count = 64;
inline constexpr std::size_t max_fields = 48;  // so that the name table keeps free slots
constexpr std::size_t name_slot(name_prefix_words prefix, std::size_t size) noexcept {
  return static_cast<std::size_t>(
      ((prefix.low ^ (prefix.high * 31) ^ size) * 0x9E3779B97F4A7C15U) >> 58);
}

// A described type, for the machine: its fields in description order, and how to reach one.
struct object_table {
  const field_entry* fields = nullptr;
  std::size_t count = 0;
  std::uint64_t required = 0;    // bit i: fields[i] must be present
  std::size_t extra_offset = 0;  // of its `extra` (a nlohmann::json)
  // An event's "type" is read by the dispatch (or skipped by the document walk); a second one
  // in its object makes the machine give up, for the document to resolve.
  bool is_event = false;
  std::array<unsigned char, name_slot_count> slots{};  // indexes into fields, by name_slot
};

// The table of `count` fields (at most max_fields).
constexpr object_table make_object_table(const field_entry* fields, std::size_t count,
                                         std::size_t extra_offset, bool is_event) {
  object_table table{fields, count, 0, extra_offset, is_event, {}};
  for (auto& slot : table.slots)
    slot = 255;
  for (std::size_t i = 0; i < count; ++i) {
    if (fields[i].required) table.required |= std::uint64_t{1} << i;
    std::size_t at = name_slot(fields[i].prefix, fields[i].name.size());
    while (table.slots[at] != 255)
      at = (at + 1) % name_slot_count;
    table.slots[at] = static_cast<unsigned char>(i);
  }
  return table;
}

}  // namespace detail
}  // namespace ari
