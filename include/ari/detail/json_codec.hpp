// ari-events: reading and writing described types through nlohmann::json, with errors that
// name the JSON Pointer of the offending member.
#pragma once

#include <charconv>
#include <cstdint>
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

#include "ari/detail/describe.hpp"
#include "ari/error.hpp"
#include "ari/limits.hpp"
#include "ari/text_enum.hpp"
#include "ari/timestamp.hpp"

// Each type's reader is one out-of-line function, called from every place the type appears:
// inlining them into each other multiplies the code and the compile time for no speed.
#if defined(__GNUC__) || defined(__clang__)
#define ARI_DETAIL_NOINLINE __attribute__((noinline))
#else
#define ARI_DETAIL_NOINLINE
#endif

namespace ari {

/// A JSON object of strings (Channel.channelvars).
using StringMap = std::map<std::string, std::string>;
/// A member that Asterisk writes as a string or as an integer, depending on the channel driver
/// (Peer.port and Peer.time: chan_iax2 sends integers, the schema says string).
using StringOrInteger = std::variant<std::string, std::int64_t>;

namespace detail {

using json = nlohmann::json;

// Where a value sits in the document. Lives on the stack; becomes a JSON Pointer only when
// there is an error to report, so the good path pays nothing for it.
// It also carries the limits, and how many containers enclose the value.
struct path {
  const path* parent = nullptr;
  std::string_view key;
  std::size_t index = 0;
  bool is_index = false;
  const parse_limits* limits = &default_limits;
  std::size_t enclosing = 0;
  // The document is the parser's own and is thrown away after reading: strings and free-form
  // values may be moved out of it instead of copied.
  bool movable = false;

  static inline const parse_limits default_limits{};

  path member(std::string_view name) const {
    return path{this, name, 0, false, limits, enclosing + 1, movable};
  }
  path element(std::size_t i) const {
    return path{this, {}, i, true, limits, enclosing + 1, movable};
  }

  // `value` itself when it may be moved from, a copy of it otherwise.
  template <class T>
  T take(const T& value) const {
    return movable ? std::move(const_cast<T&>(value)) : value;
  }

  std::string pointer() const {
    if (parent == nullptr) return {};
    std::string text = parent->pointer();
    text += '/';
    if (is_index) return text + std::to_string(index);
    for (const char c : key) {  // RFC 6901 escapes
      if (c == '~') {
        text += "~0";
      } else if (c == '/') {
        text += "~1";
      } else {
        text += c;
      }
    }
    return text;
  }
};

inline std::string dump_safely(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

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

// A JSON string as nlohmann/json's dump() writes it (UTF-8 kept, control characters escaped),
// so that the direct writer and the DOM agree to the byte. Text that is not UTF-8 cannot be a
// JSON string: like dump(), this throws rather than write a broken frame.
inline void write_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t clean_from = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        throw std::invalid_argument("ari: string is not valid UTF-8 at byte " + std::to_string(i));
      }
      i += length;
      continue;
    }
    out.append(text.data() + clean_from, i - clean_from);
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
  out.append(text.data() + clean_from, text.size() - clean_from);
  out += '"';
}

// `"name":`, with the comma before it unless it opens the object.
inline void write_key(std::string& out, std::string_view name) {
  if (out.back() != '{') out += ',';
  write_string(out, name);
  out += ':';
}

// "what was found", short enough for an error message.
inline std::string describe_found(const json& value) {
  constexpr std::size_t max_length = 60;
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "number " + dump_safely(value);
    case json::value_t::string: {
      std::string text = dump_safely(value);
      if (text.size() > max_length) {
        std::size_t cut = max_length;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
          --cut;
        text = text.substr(0, cut) + "...\" (" +
               std::to_string(value.get_ref<const std::string&>().size()) + " bytes)";
      }
      return "string " + text;
    }
    case json::value_t::object:
      return "object";
    case json::value_t::array:
      return "array";
    default:
      return "a value JSON text cannot hold";
  }
}

[[noreturn]] inline void fail(const path& at, std::string expected, const json& found) {
  throw parse_error(at.pointer(), std::move(expected), describe_found(found));
}

// Free-form values are copied, compared and serialised recursively, so their depth is checked
// first, without recursion, against what the limit leaves at their position.
inline void check_depth(const json& value, const path& at) {
  const std::size_t max_depth = at.limits->max_depth;
  const std::size_t allowed = max_depth > at.enclosing ? max_depth - at.enclosing : 0;
  if (!value.is_structured()) return;
  std::vector<std::pair<const json*, std::size_t>> pending{{&value, 1}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    if (depth > allowed) {
      throw parse_error(at.pointer(), "nesting at most " + std::to_string(max_depth) + " deep",
                        "deeper nesting");
    }
    for (const auto& child : *node) {
      if (child.is_structured()) pending.emplace_back(&child, depth + 1);
    }
  }
}

template <class T>
using is_event = std::is_same<decltype(T::type), const std::string_view>;
template <class T, class = void>
struct is_event_type : std::false_type {};
template <class T>
struct is_event_type<T, std::void_t<decltype(T::type)>> : is_event<T> {};

// codec<Spec>: how one spec reads from and writes to JSON, and what it expects.
template <class Spec, class = void>
struct codec;

template <>
struct codec<std::string> {
  static std::string expected() { return "string"; }
  static void read(const json& in, std::string& out, const path& at) {
    if (!in.is_string()) fail(at, expected(), in);
    out = at.take(in.get_ref<const std::string&>());
  }
  static void write(json& out, const std::string& in) { out = in; }
  static void write_text(std::string& out, const std::string& in) { write_string(out, in); }
};

template <>
struct codec<bool> {
  static std::string expected() { return "boolean"; }
  static void read(const json& in, bool& out, const path& at) {
    if (!in.is_boolean()) fail(at, expected(), in);
    out = in.get<bool>();
  }
  static void write(json& out, bool in) { out = in; }
  static void write_text(std::string& out, bool in) { out += in ? "true" : "false"; }
};

template <class Int>
struct codec<Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>>> {
  using limits = std::numeric_limits<Int>;
  static std::string expected() {
    return "integer in [" + std::to_string(limits::min()) + ", " + std::to_string(limits::max()) +
           "]";
  }
  static void read(const json& in, Int& out, const path& at) {
    if (in.is_number_unsigned()) {
      const auto value = in.get<std::uint64_t>();
      if (value > static_cast<std::uint64_t>(limits::max())) fail(at, expected(), in);
      out = static_cast<Int>(value);
    } else if (in.is_number_integer()) {
      const auto value = in.get<std::int64_t>();
      if constexpr (std::is_signed_v<Int>) {
        if (value < static_cast<std::int64_t>(limits::min()) ||
            value > static_cast<std::int64_t>(limits::max())) {
          fail(at, expected(), in);
        }
      } else {
        if (value < 0) fail(at, expected(), in);
      }
      out = static_cast<Int>(value);
    } else {
      fail(at, expected(), in);
    }
  }
  static void write(json& out, Int in) { out = in; }
  static void write_text(std::string& out, Int in) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, in).ptr;
    out.append(digits, end);
  }
};

template <>
struct codec<double> {
  static std::string expected() { return "number"; }
  static void read(const json& in, double& out, const path& at) {
    if (!in.is_number()) fail(at, expected(), in);
    out = in.get<double>();
  }
  static void write(json& out, double in) { out = in; }
  // nlohmann/json's shortest round-trip form, so that both writers agree to the byte.
  static void write_text(std::string& out, double in) { out += json(in).dump(); }
};

template <>
struct codec<Timestamp> {
  static std::string expected() { return "timestamp YYYY-MM-DDTHH:MM:SS.mmm+hhmm"; }
  static void read(const json& in, Timestamp& out, const path& at) {
    if (!in.is_string()) fail(at, expected(), in);
    if (const char* problem = read_timestamp(in.get_ref<const std::string&>(), out)) {
      fail(at, expected() + " (" + problem + ")", in);
    }
  }
  static void write(json& out, const Timestamp& in) { out = in.to_string(); }
  static void write_text(std::string& out, const Timestamp& in) {
    char text[32];
    out += '"';
    out.append(text, in.format(text));
    out += '"';
  }
};

template <class Names>
struct codec<TextEnum<Names>> {
  static std::string expected() { return "string"; }
  static void read(const json& in, TextEnum<Names>& out, const path& at) {
    if (!in.is_string()) fail(at, expected(), in);
    out = TextEnum<Names>::from_text(in.get_ref<const std::string&>());
  }
  static void write(json& out, const TextEnum<Names>& in) { out = std::string(in.text()); }
  static void write_text(std::string& out, const TextEnum<Names>& in) {
    write_string(out, in.text());
  }
};

// Free-form members (userevent, unknown members): any JSON.
template <>
struct codec<json> {
  static std::string expected() { return "any JSON value"; }
  static void read(const json& in, json& out, const path& at) {
    check_depth(in, at);
    out = at.take(in);
  }
  static void write(json& out, const json& in) { out = in; }
  static void write_text(std::string& out, const json& in) { out += in.dump(); }
};

template <>
struct codec<StringMap> {
  static std::string expected() { return "object of strings"; }
  static void read(const json& in, StringMap& out, const path& at) {
    if (!in.is_object()) fail(at, expected(), in);
    out.clear();
    for (auto it = in.begin(); it != in.end(); ++it) {
      codec<std::string>::read(it.value(), out[it.key()], at.member(it.key()));
    }
  }
  static void write(json& out, const StringMap& in) { out = in; }
  static void write_text(std::string& out, const StringMap& in) {
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
  static std::string expected() { return "string or integer"; }
  static void read(const json& in, StringOrInteger& out, const path& at) {
    if (in.is_string()) {
      out = in.get<std::string>();
    } else if (in.is_number_integer()) {
      codec<std::int64_t>::read(in, out.emplace<std::int64_t>(), at);
    } else {
      fail(at, expected(), in);
    }
  }
  static void write(json& out, const StringOrInteger& in) {
    std::visit([&](const auto& value) { out = value; }, in);
  }
  static void write_text(std::string& out, const StringOrInteger& in) {
    std::visit(
        [&](const auto& value) { codec<std::decay_t<decltype(value)>>::write_text(out, value); },
        in);
  }
};

template <class Spec>
struct codec<std::vector<Spec>> {
  using member = std::vector<member_of_t<Spec>>;
  static std::string expected() { return "array"; }
  static void read(const json& in, member& out, const path& at) {
    if (!in.is_array()) fail(at, expected(), in);
    out.clear();
    out.resize(in.size());
    for (std::size_t i = 0; i < in.size(); ++i)
      codec<Spec>::read(in[i], out[i], at.element(i));
  }
  static void write(json& out, const member& in) {
    out = json::array();
    for (const auto& element : in) {
      json item;
      codec<Spec>::write(item, element);
      out.push_back(std::move(item));
    }
  }
  static void write_text(std::string& out, const member& in) {
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
  static std::string expected() { return codec<Spec>::expected() + " or null"; }
  static void read(const json& in, member& out, const path& at) {
    if (in.is_null()) {
      out.reset();
      return;
    }
    codec<Spec>::read(in, out.emplace(), at);
  }
  static void write(json& out, const member& in) {
    if (in) {
      codec<Spec>::write(out, *in);
    } else {
      out = nullptr;
    }
  }
  static void write_text(std::string& out, const member& in) {
    if (in) {
      codec<Spec>::write_text(out, *in);
    } else {
      out += "null";
    }
  }
};

template <class T>
void read_object(const json& in, T& out, const path& at);
template <class T>
void write_object(json& out, const T& value);
template <class T>
void write_object_text(std::string& out, const T& value);

template <class T>
struct codec<T, std::enable_if_t<is_described<T>::value>> {
  static std::string expected() { return "object"; }
  static void read(const json& in, T& out, const path& at) { read_object(in, out, at); }
  static void write(json& out, const T& in) { write_object(out, in); }
  static void write_text(std::string& out, const T& in) { write_object_text(out, in); }
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
  static std::string expected() { return codec<Spec>::expected(); }
  static void read(const json& in, member_of_t<Spec>& out, const path& at) {
    codec<Spec>::read(in, out, at);
  }
  static void write(json& object, std::string_view name, const member_of_t<Spec>& in) {
    codec<Spec>::write(object[std::string(name)], in);
  }
  static void write_text(std::string& out, std::string_view name, const member_of_t<Spec>& in) {
    write_key(out, name);
    codec<Spec>::write_text(out, in);
  }
};
template <class Spec>
struct field_rules<std::optional<Spec>> {
  static constexpr bool may_be_absent = true;
  static std::string expected() { return codec<Spec>::expected(); }
  static void read(const json& in, std::optional<member_of_t<Spec>>& out, const path& at) {
    if (in.is_null() && !is_nullable_spec<Spec>::value) {
      out.reset();
      return;
    }
    codec<Spec>::read(in, out.emplace(), at);
  }
  static void write(json& object, std::string_view name,
                    const std::optional<member_of_t<Spec>>& in) {
    if (in) codec<Spec>::write(object[std::string(name)], *in);
  }
  static void write_text(std::string& out, std::string_view name,
                         const std::optional<member_of_t<Spec>>& in) {
    if (!in) return;
    write_key(out, name);
    codec<Spec>::write_text(out, *in);
  }
};

template <class T>
ARI_DETAIL_NOINLINE void read_object(const json& in, T& out, const path& at) {
  if (!in.is_object()) fail(at, "object", in);
  constexpr std::size_t count = field_count<T>();
  static_assert(count <= 64, "a described type has at most 64 fields");
  constexpr std::uint64_t all = count == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
  std::uint64_t seen = 0;
  for (auto it = in.begin(); it != in.end(); ++it) {
    const std::string& key = it.key();
    if constexpr (is_event_type<T>::value) {
      if (key == "type") continue;  // checked by the caller that dispatched on it
    }
    bool known = false;
    std::size_t index = 0;
    ari_describe(static_cast<const T*>(nullptr), [&](const auto& field) {
      if (!known && field.name == key) {
        known = true;
        seen |= std::uint64_t{1} << index;
        using spec = typename std::decay_t<decltype(field)>::spec;
        field_rules<spec>::read(it.value(), out.*(field.member), at.member(field.name));
      }
      ++index;
    });
    if (!known) {
      check_depth(it.value(), at.member(key));
      if (!out.extra.is_object()) out.extra = json::object();
      out.extra.emplace(key, at.take(it.value()));
    }
  }
  if (seen == all) return;
  std::size_t index = 0;
  ari_describe(static_cast<const T*>(nullptr), [&](const auto& field) {
    using spec = typename std::decay_t<decltype(field)>::spec;
    if (!field_rules<spec>::may_be_absent && (seen & (std::uint64_t{1} << index)) == 0) {
      throw parse_error(at.member(field.name).pointer(), field_rules<spec>::expected(),
                        "no member");
    }
    ++index;
  });
}

template <class T>
void write_object(json& out, const T& value) {
  out = json::object();
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

// The frame text straight from the value, members in description order (Asterisk's order),
// unknown members after them.
template <class T>
void write_object_text(std::string& out, const T& value) {
  out += '{';
  if constexpr (is_event_type<T>::value) {
    write_key(out, "type");
    write_string(out, T::type);
  }
  ari_describe(static_cast<const T*>(nullptr), [&](const auto& field) {
    using spec = typename std::decay_t<decltype(field)>::spec;
    field_rules<spec>::write_text(out, field.name, value.*(field.member));
  });
  if (value.extra.is_object()) {
    for (auto it = value.extra.begin(); it != value.extra.end(); ++it) {
      bool modeled = false;
      ari_describe(static_cast<const T*>(nullptr),
                   [&](const auto& field) { modeled = modeled || field.name == it.key(); });
      if (modeled || (is_event_type<T>::value && it.key() == "type")) continue;
      write_key(out, it.key());
      out += it.value().dump();
    }
  }
  out += '}';
}

// The "type" of a message: the frame must be an object with a string "type".
inline const std::string& message_type(const json& frame, const path& root) {
  if (!frame.is_object()) fail(root, "object", frame);
  const auto type = frame.find("type");
  if (type == frame.end()) throw parse_error("/type", "string", "no member");
  if (!type->is_string()) fail(root.member("type"), "string", *type);
  return type->get_ref<const std::string&>();
}

// Entry point for from_json: the whole value is the document the pointers are relative to.
template <class T>
void read_document(const json& in, T& value) {
  value = T{};
  const path root;
  if constexpr (is_event_type<T>::value) {
    if (message_type(in, root) != T::type) {
      fail(root.member("type"), "\"" + std::string(T::type) + "\"", in["type"]);
    }
  }
  read_object(in, value, root);
}

// Calls visit(model) for the value and every described value inside it, outermost first,
// through optional members and arrays.
template <class T, class Visit>
void for_each_model(const T& value, Visit& visit) {
  if constexpr (is_described<T>::value) {
    visit(value);
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
