// ari-events: reading and writing described types through nlohmann::json, with errors that
// name the JSON Pointer of the offending member.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "ari/detail/decoder.hpp"
#include "ari/detail/describe.hpp"
#include "ari/detail/utf8.hpp"
#include "ari/error.hpp"
#include "ari/limits.hpp"
#include "ari/text_enum.hpp"
#include "ari/timestamp.hpp"

namespace ari {

/// A JSON object of strings (Channel.channelvars).
using StringMap = std::map<std::string, std::string>;
/// A member that Asterisk writes as a string or as an integer, depending on the channel driver
/// (Peer.port and Peer.time: chan_iax2 sends integers, the schema says string).
using StringOrInteger = std::variant<std::string, std::int64_t>;

namespace detail {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool address_sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool address_sanitized = true;
#else
inline constexpr bool address_sanitized = false;
#endif
#else
inline constexpr bool address_sanitized = false;
#endif

// Where the frame text goes while it is written: a buffer on the stack, appended to the
// string in large pieces, because each std::string::append is a call with its own checks and a
// frame is written in many small pieces.
class text_writer {
 public:
  explicit text_writer(std::string& out) noexcept : out_(out) {}
  text_writer(const text_writer&) = delete;
  text_writer& operator=(const text_writer&) = delete;
  ~text_writer() {
    try {
      flush();
    } catch (...) {  // out of memory while an exception is already on its way: drop the rest
    }
  }

  ARI_DETAIL_ALWAYS_INLINE text_writer& operator+=(char c) {
    if (used_ == capacity) flush();
    buffer_[used_++] = c;
    return *this;
  }
  ARI_DETAIL_ALWAYS_INLINE text_writer& operator+=(std::string_view text) {
    append(text.data(), text.size());
    return *this;
  }
  ARI_DETAIL_ALWAYS_INLINE void append(const char* text, std::size_t size) {
    if (size > capacity - used_) {
      flush();
      if (size > capacity / 2) {
        out_.append(text, size);
        return;
      }
    }
    std::memcpy(buffer_ + used_, text, size);
    used_ += size;
  }
  void append(const char* begin, const char* end) {
    append(begin, static_cast<std::size_t>(end - begin));
  }
  // Appends `"text"` when text is plain (printable ASCII but '"' and '\\', as most strings of a
  // frame are), checked sixteen bytes at a time with no byte-by-byte tail. `readable` bytes
  // from text.data() on may be read (a std::string's capacity() + 1): when they cover whole
  // chunks, each chunk is copied and checked in one step; else the text is copied first and
  // checked where it landed (the buffer keeps room for a chunk past it). False, with nothing
  // written, when the text needs escaping or is long: write_string then takes it.
  ARI_DETAIL_ALWAYS_INLINE bool append_plain_quoted(std::string_view text, std::size_t readable) {
    const std::size_t size = text.size();
    if (size + 2 + chunk > capacity - used_) {
      if (size + 2 + chunk > capacity) return false;
      flush();
    }
    char* const at = buffer_ + used_ + 1;
    at[-1] = '"';
    const bool whole_chunks = readable >= (size + chunk - 1) / chunk * chunk;
    if (!whole_chunks) std::memcpy(at, text.data(), size);
    if (!copy_plain(whole_chunks ? text.data() : at, at, size)) return false;
    at[size] = '"';
    used_ += size + 2;
    return true;
  }
  // Appends a member's key from a description, whose text is followed by padding
  // (ARI_DETAIL_KEY_PADDING) so that it is copied in one fixed-size step, not a memcpy call.
  ARI_DETAIL_ALWAYS_INLINE void append_padded_key(std::string_view key) {
    if (key.size() > key_padding || key_padding > capacity - used_) {
      append(key.data(), key.size());
      return;
    }
    std::memcpy(buffer_ + used_, key.data(), key_padding);
    used_ += key.size();
  }
  // The last character written ('\0' when there is none).
  char back() const {
    if (used_ != 0) return buffer_[used_ - 1];
    return out_.empty() ? '\0' : out_.back();
  }
  void flush() {
    out_.append(buffer_, used_);
    used_ = 0;
  }

 private:
  static constexpr std::size_t capacity = 1024;
  static constexpr std::size_t chunk = 16;
  // Whether the `size` bytes at `from` are plain, copying them to `to` chunk by chunk when the
  // two differ. `chunk` bytes past the text may be read; what they hold does not count.
  static bool copy_plain(const char* from, char* to, std::size_t size) noexcept {
#if defined(__SSE2__)
    for (std::size_t at = 0; at < size; at += chunk) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + at));
      if (from != to) _mm_storeu_si128(reinterpret_cast<__m128i*>(to + at), bytes);
      unsigned mask = not_plain_bytes(bytes);
      if (size - at < chunk) mask &= (1U << (size - at)) - 1;
      if (mask != 0) return false;
    }
    return true;
#else
    if (from != to) std::memcpy(to, from, size);
    return skip_plain(to, to + size) == to + size;
#endif
  }
  std::string& out_;
  std::size_t used_ = 0;
  char buffer_[capacity];
};

// A JSON string as nlohmann/json's dump() writes it (UTF-8 kept, control characters escaped),
// so that the direct writer and the DOM agree to the byte. Text that is not UTF-8 cannot be a
// JSON string: like dump(), this throws rather than write a broken frame.
inline void write_escaped_string(text_writer& out, std::string_view text) {
  out += '"';
  append_json_escaped(out, text, [](text_writer&, std::size_t at) {
    throw std::invalid_argument("ari: string is not valid UTF-8 at byte " + std::to_string(at));
  });
  out += '"';
}
// Plain text (most strings) inline; the rest out of line.
ARI_DETAIL_ALWAYS_INLINE void write_string(text_writer& out, std::string_view text,
                                           std::size_t readable = 0) {
  if (!out.append_plain_quoted(text, readable)) write_escaped_string(out, text);
}

// A free-form value (unknown members, userevent, an UnknownEvent) as dump() writes it, with the
// same exception as write_string for text that is not UTF-8.
// A double as dump() writes it: nlohmann's shortest round-trip form (Grisu2, "1.0" for an
// integral value), null when not finite. (Its to_chars has this name and form in 3.x.)
template <int = 0>
void write_double(text_writer& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char digits[64];
  out.append(digits, nlohmann::detail::to_chars(digits, digits + sizeof digits, value));
}

// Written here rather than by dump(), which builds a string of its own first. (Templates, like
// everything that instantiates nlohmann/json's accessors, so that only units that write pay.)
template <int = 0>
void write_json(text_writer& out, const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      out += "null";
      return;
    case json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: {
      char digits[24];
      const auto end =
          value.is_number_unsigned()
              ? std::to_chars(digits, digits + sizeof digits, value.get<std::uint64_t>()).ptr
              : std::to_chars(digits, digits + sizeof digits, value.get<std::int64_t>()).ptr;
      out.append(digits, end);
      return;
    }
    case json::value_t::string:
      write_string(out, value.get_ref<const std::string&>());
      return;
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out += ',';
        first = false;
        write_string(out, it.key());
        out += ':';
        write_json(out, it.value());
      }
      out += '}';
      return;
    }
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value) {
        if (!first) out += ',';
        first = false;
        write_json(out, element);
      }
      out += ']';
      return;
    }
    case json::value_t::number_float:
      write_double(out, value.get<double>());
      return;
    default:
      out += value.dump();  // binary and discarded values, as dump() writes them
  }
}

// `"name":`, with the comma before it unless it opens the object.
inline void write_key(text_writer& out, std::string_view name) {
  if (out.back() != '{') out += ',';
  write_string(out, name);
  out += ':';
}
// The same for a described member, whose name (an identifier) is written as it is: `,"name":`
// precomputed, without its comma when `first` (the object writer knows: no look back).
ARI_DETAIL_ALWAYS_INLINE void write_key_text(text_writer& out, std::string_view separated_key,
                                             bool first) {
  out.append_padded_key(first ? separated_key.substr(1) : separated_key);
}

// The same into a std::string (requests.hpp writes bodies with them).
template <int = 0>
void write_json(std::string& out, const json& value) {
  text_writer writer(out);
  write_json(writer, value);
}
inline void write_key(std::string& out, std::string_view name) {
  text_writer writer(out);
  write_key(writer, name);
}

// The document of an unknown event is kept, copied, compared and serialised recursively, so it
// is checked first, without recursion, in document order (the decoder's order): nesting past
// max_depth (the frame's own object being depth 1) is reported at the top-level member holding
// it, as a free-form member of a known event is; a value no JSON text holds at its own place.
inline void check_document(const json& frame, std::size_t max_depth) {
  struct level {
    const json::object_t* members;  // of an object; null for an array
    const json::array_t* elements;  // of an array
    json::object_t::const_iterator next_member;
    std::size_t next = 0;  // members or elements read
    std::size_t size() const { return members != nullptr ? members->size() : elements->size(); }
  };
  std::vector<level> open;
  const auto where = [&](std::size_t levels) {
    std::string at;
    for (std::size_t i = 0; i < levels && i < open.size(); ++i) {
      if (open[i].members != nullptr) {
        append_pointer_step(at, std::prev(open[i].next_member)->first);  // the one being read
      } else {
        at += '/';
        at += std::to_string(open[i].next - 1);
      }
    }
    return at;
  };
  const auto enter = [&](const json& node) {
    if (node.is_binary()) throw parse_error(where(open.size()), "JSON value", "binary");
    if (node.is_discarded())
      throw parse_error(where(open.size()), "JSON value", "a discarded value");
    if (!node.is_structured()) return;
    if (open.size() + 1 > max_depth) fail_depth(where(1), max_depth);
    if (node.is_object()) {
      const auto& members = value_of<json::object_t>(node);
      open.push_back(level{&members, nullptr, members.begin()});
    } else {
      open.push_back(level{nullptr, &value_of<json::array_t>(node), {}});
    }
  };
  enter(frame);
  while (!open.empty()) {
    level& top = open.back();
    if (top.next == top.size()) {
      open.pop_back();
      continue;
    }
    const json& child =
        top.members != nullptr ? (top.next_member++)->second : (*top.elements)[top.next];
    ++top.next;
    enter(child);
  }
}

// What a spec expects, as errors say it ("integer in [0, 4294967295] or null"): made at compile
// time, so that no function per spec is compiled to make it.
struct fixed_text {
  char text[64] = {};
  std::size_t size = 0;
  constexpr explicit fixed_text(std::string_view from) { append(from); }
  constexpr fixed_text& append(std::string_view more) {
    for (const char c : more)
      text[size++] = c;
    return *this;
  }
  template <class Int>
  constexpr fixed_text& append_integer(Int value) {
    std::uint64_t magnitude = static_cast<std::uint64_t>(value);
    if constexpr (std::is_signed_v<Int>) {
      if (value < 0) {
        text[size++] = '-';
        magnitude = 0 - magnitude;
      }
    }
    char digits[20] = {};
    std::size_t count = 0;
    do {
      digits[count++] = static_cast<char>('0' + magnitude % 10);
      magnitude /= 10;
    } while (magnitude != 0);
    while (count != 0)
      text[size++] = digits[--count];
    return *this;
  }
  constexpr std::string_view view() const { return {text, size}; }
};

// codec<Spec>: how one spec reads from and writes to JSON, and what it expects.
template <class Spec, class = void>
struct codec;

template <>
struct codec<std::string> {
  static constexpr std::string_view expected = "string";
  static void read(const token& in, std::string& out, decoder& machine) {
    if (in.type != token::kind::string) machine.fail(expected, in);
    // Not assign(): libstdc++'s out-of-line _M_replace took 1.7 times the instructions of
    // _M_append, and members are nearly always empty here.
    out.clear();
    out.append(in.text.data(), in.text.size());
  }
  static void write(json& out, const std::string& in) { out = in; }
  // A std::string's buffer holds capacity() + 1 bytes: write_string may read them. Not under
  // AddressSanitizer, where a standard library that annotates strings (libc++) would report
  // the bytes past size() as a container overflow.
  ARI_DETAIL_ALWAYS_INLINE static void write_text(text_writer& out, const std::string& in) {
    write_string(out, in, address_sanitized ? in.size() : in.capacity() + 1);
  }
};

template <>
struct codec<bool> {
  static constexpr std::string_view expected = "boolean";
  static void read(const token& in, bool& out, decoder& machine) {
    if (in.type != token::kind::boolean) machine.fail(expected, in);
    out = in.boolean;
  }
  static void write(json& out, bool in) { out = in; }
  static void write_text(text_writer& out, bool in) { out += in ? "true" : "false"; }
};

template <class Int>
struct codec<Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>>> {
  using limits = std::numeric_limits<Int>;
  static constexpr fixed_text range = fixed_text("integer in [")
                                          .append_integer(limits::min())
                                          .append(", ")
                                          .append_integer(limits::max())
                                          .append("]");
  static constexpr std::string_view expected = range.view();
  static void read(const token& in, Int& out, decoder& machine) {
    if (in.type == token::kind::unsigned_integer) {
      const auto value = in.unsigned_integer;
      if (value > static_cast<std::uint64_t>(limits::max())) machine.fail(expected, in);
      out = static_cast<Int>(value);
    } else if (in.type == token::kind::integer) {
      const auto value = in.integer;
      if constexpr (std::is_signed_v<Int>) {
        if (value < static_cast<std::int64_t>(limits::min()) ||
            value > static_cast<std::int64_t>(limits::max())) {
          machine.fail(expected, in);
        }
      } else if (value < 0 || static_cast<std::uint64_t>(value) > limits::max()) {
        machine.fail(expected, in);
      }
      out = static_cast<Int>(value);
    } else {
      machine.fail(expected, in);
    }
  }
  static void write(json& out, Int in) { out = in; }
  static void write_text(text_writer& out, Int in) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, in).ptr;
    out.append(digits, end);
  }
};

template <>
struct codec<double> {
  static constexpr std::string_view expected = "number";
  static void read(const token& in, double& out, decoder& machine) {
    if (in.type == token::kind::floating) {
      out = in.floating;
    } else if (in.type == token::kind::integer) {
      out = static_cast<double>(in.integer);
    } else if (in.type == token::kind::unsigned_integer) {
      out = static_cast<double>(in.unsigned_integer);
    } else {
      machine.fail(expected, in);
    }
  }
  static void write(json& out, double in) { out = in; }
  // nlohmann/json's shortest round-trip form, so that both writers agree to the byte.
  static void write_text(text_writer& out, double in) { write_double(out, in); }
};

template <>
struct codec<Timestamp> {
  static constexpr std::string_view expected = "timestamp YYYY-MM-DDTHH:MM:SS.mmm+hhmm";
  static void read(const token& in, Timestamp& out, decoder& machine) {
    if (in.type != token::kind::string) machine.fail(expected, in);
    if (const char* problem = read_timestamp(in.text, out)) {
      machine.fail(std::string(expected) + " (" + problem + ")", in);
    }
  }
  static void write(json& out, const Timestamp& in) { out = in.to_string(); }
  static void write_text(text_writer& out, const Timestamp& in) {
    char text[32];
    out += '"';
    out.append(text, in.format(text));
    out += '"';
  }
};

template <class Names>
struct codec<TextEnum<Names>> {
  static constexpr std::string_view expected = "string";
  static void read(const token& in, TextEnum<Names>& out, decoder& machine) {
    if (in.type != token::kind::string) machine.fail(expected, in);
    out.assign(in.text);
  }
  static void write(json& out, const TextEnum<Names>& in) { out = std::string(in.text()); }
  static void write_text(text_writer& out, const TextEnum<Names>& in) {
    write_string(out, in.text());
  }
};

// Free-form members (userevent, unknown members): any JSON.
template <>
struct codec<json> {
  static constexpr std::string_view expected = "any JSON value";
  static void read(const token& in, json& out, decoder& machine) { machine.accept_free(out, in); }
  static void write(json& out, const json& in) { out = in; }
  static void write_text(text_writer& out, const json& in) { write_json(out, in); }
};

template <>
struct codec<StringMap> {
  static constexpr std::string_view expected = "object of strings";
  static void read(const token& in, StringMap& out, decoder& machine) {
    if (in.type != token::kind::object) machine.fail(expected, in);
    out.clear();
    machine.open_string_map(&out, &read_value);
  }
  // A value of the open map, under the key the machine holds.
  static void read_value(void* map, const token& in, decoder& machine) {
    codec<std::string>::read(in, (*static_cast<StringMap*>(map))[machine.current_key()], machine);
  }
  static void write(json& out, const StringMap& in) { out = in; }
  static void write_text(text_writer& out, const StringMap& in) {
    out += '{';
    for (const auto& [key, value] : in) {
      if (out.back() != '{') out += ',';
      write_string(out, key);
      out += ':';
      write_string(out, value);
    }
    out += '}';
  }
};

template <>
struct codec<StringOrInteger> {
  static constexpr std::string_view expected = "string or integer";
  static void read(const token& in, StringOrInteger& out, decoder& machine) {
    if (in.type == token::kind::string) {
      out.emplace<std::string>(in.text);
    } else if (in.type == token::kind::integer || in.type == token::kind::unsigned_integer) {
      codec<std::int64_t>::read(in, out.emplace<std::int64_t>(), machine);
    } else {
      machine.fail(expected, in);
    }
  }
  static void write(json& out, const StringOrInteger& in) {
    std::visit([&](const auto& value) { out = value; }, in);
  }
  static void write_text(text_writer& out, const StringOrInteger& in) {
    std::visit(
        [&](const auto& value) { codec<std::decay_t<decltype(value)>>::write_text(out, value); },
        in);
  }
};

template <class Spec>
struct codec<std::vector<Spec>> {
  using member = std::vector<member_of_t<Spec>>;
  static constexpr std::string_view expected = "array";
  static void read(const token& in, member& out, decoder& machine) {
    if (in.type != token::kind::array) machine.fail(expected, in);
    out.clear();
    machine.open_array(&out, &read_element);
  }
  static void read_element(void* vector, const token& in, decoder& machine) {
    auto& elements = *static_cast<member*>(vector);
    codec<Spec>::read(in, elements.emplace_back(), machine);
  }
  static void write(json& out, const member& in) {
    out = json(json::value_t::array);
    for (const auto& element : in) {
      json item;
      codec<Spec>::write(item, element);
      out.push_back(std::move(item));
    }
  }
  static void write_text(text_writer& out, const member& in) {
    out += '[';
    for (const auto& element : in) {
      if (out.back() != '[') out += ',';
      codec<Spec>::write_text(out, element);
    }
    out += ']';
  }
};

template <class Spec>
struct codec<nullable<Spec>> {
  using member = std::optional<member_of_t<Spec>>;
  static constexpr fixed_text text = fixed_text(codec<Spec>::expected).append(" or null");
  static constexpr std::string_view expected = text.view();
  static void read(const token& in, member& out, decoder& machine) {
    if (in.type == token::kind::null) {
      out.reset();
      return;
    }
    codec<Spec>::read(in, out.emplace(), machine);
  }
  static void write(json& out, const member& in) {
    if (in) {
      codec<Spec>::write(out, *in);
    } else {
      out = nullptr;
    }
  }
  static void write_text(text_writer& out, const member& in) {
    if (in) {
      codec<Spec>::write_text(out, *in);
    } else {
      out += "null";
    }
  }
};

template <class T>
const object_table& table_of();
template <class T>
void write_object(json& out, const T& value);
template <class T>
void write_object_text(text_writer& out, const T& value);

template <class T>
struct codec<T, std::enable_if_t<is_described<T>::value>> {
  static constexpr std::string_view expected = "object";
  static void read(const token& in, T& out, decoder& machine) {
    if (in.type != token::kind::object) machine.fail(expected, in);
    machine.open_object(table_of<T>(), &out);
  }
  static void write(json& out, const T& in) { write_object(out, in); }
  static void write_text(text_writer& out, const T& in) { write_object_text(out, in); }
};

template <class Spec>
struct is_nullable_spec : std::false_type {};
template <class Spec>
struct is_nullable_spec<nullable<Spec>> : std::true_type {};

// Field level: std::optional<S> may be absent; a null there reads as absent unless S itself is
// nullable.
template <class Spec>
struct field_rules {
  static constexpr bool may_be_absent = false;
  static constexpr std::string_view expected = codec<Spec>::expected;
  static void read(const token& in, member_of_t<Spec>& out, decoder& machine) {
    codec<Spec>::read(in, out, machine);
  }
  static void write(json& object, std::string_view name, const member_of_t<Spec>& in) {
    codec<Spec>::write(object[std::string(name)], in);
  }
  // Writes the member (`first`: the object's first); true when it was written.
  static bool write_text(text_writer& out, std::string_view separated_key, bool first,
                         const member_of_t<Spec>& in) {
    write_key_text(out, separated_key, first);
    codec<Spec>::write_text(out, in);
    return true;
  }
};
template <class Spec>
struct field_rules<std::optional<Spec>> {
  static constexpr bool may_be_absent = true;
  static constexpr std::string_view expected = codec<Spec>::expected;
  static void read(const token& in, std::optional<member_of_t<Spec>>& out, decoder& machine) {
    if (in.type == token::kind::null && !is_nullable_spec<Spec>::value) {
      out.reset();
      return;
    }
    codec<Spec>::read(in, out.emplace(), machine);
  }
  static void write(json& object, std::string_view name,
                    const std::optional<member_of_t<Spec>>& in) {
    if (in) codec<Spec>::write(object[std::string(name)], *in);
  }
  static bool write_text(text_writer& out, std::string_view separated_key, bool first,
                         const std::optional<member_of_t<Spec>>& in) {
    if (!in) return false;
    write_key_text(out, separated_key, first);
    codec<Spec>::write_text(out, *in);
    return true;
  }
};

// The reader of a field, as the machine calls it.
template <class Rules, class Member>
void accept_as(void* target, const token& in, decoder& machine) {
  Rules::read(in, *static_cast<Member*>(target), machine);
}

template <class Spec, class Owner>
constexpr field_entry field_entry_for(std::string_view name, std::size_t offset) {
  using rules = field_rules<Spec>;
  return {name,
          &accept_as<rules, member_of_t<Spec>>,
          rules::expected,
          !rules::may_be_absent,
          name_prefix(name),
          offset};
}

template <class T>
const object_table& table_of() {
  return ari_object_table(static_cast<const T*>(nullptr));
}

template <class T>
void write_object(json& out, const T& value) {
  out = json(json::value_t::object);
  if constexpr (is_event_type<T>::value) out["type"] = std::string(T::type);
  ari_describe(static_cast<const T*>(nullptr), [&](const auto& field) {
    using spec = typename std::decay_t<decltype(field)>::spec;
    field_rules<spec>::write(out, field.name, value.*(field.member));
  });
  if (value.extra.is_object()) {
    for (auto it = value.extra.begin(); it != value.extra.end(); ++it) {
      out.emplace(it.key(), it.value());  // a modeled member wins over an extra of its name
    }
  }
}

// How many described members an event's frame has before "type" (ARI_EVENT_ORDERED).
template <class T>
constexpr std::size_t members_before_type() {
  if constexpr (is_event_type<T>::value) {
    return ari_members_before_type(static_cast<const T*>(nullptr));
  } else {
    return 0;
  }
}

template <class T>
void write_type_text(text_writer& out, bool first) {
  write_key_text(out, ARI_DETAIL_PADDED_KEY(type), first);
  write_string(out, T::type);
}

// The frame text straight from the value, members in description order (Asterisk's order),
// unknown members after them. "type" goes first, or after the members an event writes before
// it; when none do (most events), no position is counted.
template <class T>
void write_object_text(text_writer& out, const T& value) {
  constexpr std::size_t before_type = members_before_type<T>();
  out += '{';
  if constexpr (is_event_type<T>::value && before_type == 0) {
    out += "\"type\":";
    write_string(out, T::type);
  }
  [[maybe_unused]] std::size_t position = 0;
  bool first = !(is_event_type<T>::value && before_type == 0);  // no member written yet
  ari_describe(static_cast<const T*>(nullptr), [&](const auto& field) {
    if constexpr (before_type != 0) {
      if (position++ == before_type) {
        write_type_text<T>(out, first);
        first = false;
      }
    }
    using spec = typename std::decay_t<decltype(field)>::spec;
    if (field_rules<spec>::write_text(out, field.separated_key, first, value.*(field.member))) {
      first = false;
    }
  });
  if constexpr (before_type != 0) {
    if (position == before_type) write_type_text<T>(out, first);  // no member after "type"
  }
  if (value.extra.is_object()) {
    for (auto it = value.extra.begin(); it != value.extra.end(); ++it) {
      bool modeled = false;
      ari_describe(static_cast<const T*>(nullptr),
                   [&](const auto& field) { modeled = modeled || field.name == it.key(); });
      if (modeled || (is_event_type<T>::value && it.key() == "type")) continue;
      if (!first) out += ',';
      first = false;
      write_string(out, it.key());
      out += ':';
      write_json(out, it.value());
    }
  }
  out += '}';
}

// The "type" of a message: the frame must be an object with a string "type".
inline const std::string& message_type(const json& frame) {
  if (!frame.is_object()) throw parse_error("", "object", describe_found(frame));
  const auto& members = value_of<json::object_t>(frame);
  const auto type = members.find("type");
  if (type == members.end()) throw parse_error("/type", "string", "no member");
  if (!type->second.is_string()) throw parse_error("/type", "string", describe_found(type->second));
  return value_of<json::string_t>(type->second);
}

// Entry point for from_json: the whole value is the document the pointers are relative to.
template <class T>
void read_document(const json& in, T& value) {
  value = T{};
  if constexpr (is_event_type<T>::value) {
    if (message_type(in) != T::type) {
      throw parse_error("/type", "\"" + std::string(T::type) + "\"", describe_found(in["type"]));
    }
  }
  const parse_limits limits;
  decoder machine(limits, table_of<T>(), &value);
  walk_document(in, machine, is_event_type<T>::value);
}

// Calls visit(model) for the value and every described value inside it, outermost first,
// through optional members and arrays. A visit that returns false for a model has read what is
// inside it itself.
template <class T, class Visit>
void for_each_model(const T& value, Visit& visit) {
  if constexpr (is_described<T>::value) {
    if constexpr (std::is_same_v<decltype(visit(value)), bool>) {
      if (!visit(value)) return;
    } else {
      visit(value);
    }
    ari_describe(static_cast<const T*>(nullptr),
                 [&](const auto& field) { for_each_model(value.*(field.member), visit); });
  }
}
template <class T, class Visit>
void for_each_model(const std::optional<T>& value, Visit& visit) {
  if (value) for_each_model(*value, visit);
}
template <class T, class Visit>
void for_each_model(const std::vector<T>& values, Visit& visit) {
  for (const auto& value : values)
    for_each_model(value, visit);
}

inline bool equal_extra(const json& a, const json& b) {
  const bool a_empty = a.is_null() || (a.is_object() && a.empty());
  const bool b_empty = b.is_null() || (b.is_object() && b.empty());
  return (a_empty && b_empty) || a == b;
}

template <class T>
bool equal(const T& a, const T& b) {
  bool same = equal_extra(a.extra, b.extra);
  ari_describe(static_cast<const T*>(nullptr),
               [&](const auto& field) { same = same && a.*(field.member) == b.*(field.member); });
  return same;
}

template <class T>
std::ostream& print(std::ostream& os, const T& value) {
  json j;
  write_object(j, value);
  return os << dump_safely(j);
}

}  // namespace detail
}  // namespace ari
