// ari-events: the one reader of every described type. A state machine fed JSON tokens, either by
// the tokenizer straight from the frame text (text_reader.hpp), or by a walk over a
// nlohmann::json document, so that both ways of decoding run the same code and yield the same
// values. Fed by the tokenizer with a free-form root, it also builds the document of a frame
// that the typed reading does not take.
//
// It is table driven so that the heavy part is compiled once, not once per type and member: each
// described type contributes a constant table of its fields (name, one reader per spec, whether
// required, where the member lies); the machine itself knows no type.
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ari/detail/table.hpp"
#include "ari/detail/utf8.hpp"
#include "ari/error.hpp"
#include "ari/limits.hpp"

namespace ari {
namespace detail {

using json = nlohmann::json;

// The JSON text of a value for printing: text that is not UTF-8 written as U+FFFD, not thrown
// on. (A template, like everything that instantiates nlohmann/json's serializer, so that only
// units that print pay for it.)
template <int = 0>
std::string dump_safely(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A document's value of a type known to be there, read without nlohmann/json's checked
// accessors (get, get_ref, iterators): each of those compiles a path that throws, which
// nothing here can take.
template <class T>
const T& value_of(const json& value) noexcept {
  return *value.get_ptr<const T*>();
}

// A JSON string for an error message, quoted and escaped as dump() writes it; a byte that is
// not part of well-formed UTF-8 (possible in a document made in code) as U+FFFD.
inline std::string quote_for_message(std::string_view text) {
  std::string out = "\"";
  append_json_escaped(out, text, [](std::string& to, std::size_t) { to += "\xEF\xBF\xBD"; });
  out += '"';
  return out;
}

// A finite double laid out as dump() lays it out ("16.5", "2.0", "1e+20", "-0.0"), from the
// shortest digits that read back as the same double. Not nlohmann/json's own formatter: its
// Grisu2 is about a thousand instructions of code that every unit decoding frames compiled, for
// error messages only. (For about one double in a thousand, Grisu2's last digit differs from
// the shortest digits'; then so does this text from dump()'s.)
inline std::string number_text(double value) {
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
  std::string out = std::signbit(value) ? "-" : "";
  if (value == 0) return out + "0.0";
  char scientific[32];  // d.ddde+XX
  const char* const end = std::to_chars(scientific, scientific + sizeof scientific,
                                        std::fabs(value), std::chars_format::scientific)
                              .ptr;
  const char* const e = static_cast<const char*>(
      std::memchr(scientific, 'e', static_cast<std::size_t>(end - scientific)));
  std::string digits(1, scientific[0]);
  if (e - scientific > 2)
    digits.append(scientific + 2, static_cast<std::size_t>(e - scientific - 2));
  int exponent = 0;
  std::from_chars(e + (e[1] == '+' ? 2 : 1), end, exponent);
  // Like nlohmann's format_buffer: the point after `point` digits; plain notation for points in
  // (-4, 15], else d.ddde+XX with at least two exponent digits.
  const int size = static_cast<int>(digits.size());
  const int point = exponent + 1;
  if (size <= point && point <= 15) {
    out += digits;
    out.append(static_cast<std::size_t>(point - size), '0');
    out += ".0";
  } else if (0 < point && point <= 15) {
    out.append(digits, 0, static_cast<std::size_t>(point));
    out += '.';
    out.append(digits, static_cast<std::size_t>(point));
  } else if (-4 < point && point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out += digits;
  } else {
    out += digits[0];
    if (size > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += exponent < 0 ? "e-" : "e+";
    if (exponent > -10 && exponent < 10) out += '0';
    out += std::to_string(exponent < 0 ? -exponent : exponent);
  }
  return out;
#else
  char digits[64];
  return std::string(digits, nlohmann::detail::to_chars(digits, digits + sizeof digits, value));
#endif
}

// "what was found", short enough for an error message. Numbers laid out as dump() writes them.
inline std::string describe_found(const json& value) {
  constexpr std::size_t max_length = 60;
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return value_of<json::boolean_t>(value) ? "true" : "false";
    case json::value_t::number_integer:
      return "number " + std::to_string(value_of<json::number_integer_t>(value));
    case json::value_t::number_unsigned:
      return "number " + std::to_string(value_of<json::number_unsigned_t>(value));
    case json::value_t::number_float: {
      const double number = value_of<json::number_float_t>(value);
      if (!std::isfinite(number)) return "number null";
      return "number " + number_text(number);
    }
    case json::value_t::string: {
      const auto& string = value_of<json::string_t>(value);
      std::string text = quote_for_message(string);
      if (text.size() > max_length) {
        std::size_t cut = max_length;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
          --cut;
        text = text.substr(0, cut) + "...\" (" + std::to_string(string.size()) + " bytes)";
      }
      return "string " + text;
    }
    case json::value_t::object:
      return "object";
    case json::value_t::array:
      return "array";
    case json::value_t::binary:
      return "binary";
    default:
      return "a discarded value";
  }
}

// A JSON Pointer step, RFC 6901 escapes applied.
inline void append_pointer_step(std::string& pointer, std::string_view key) {
  pointer += '/';
  for (const char c : key) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

// Past parse_limits::max_depth, at the free-form value (or the whole frame) holding the nesting.
[[noreturn]] inline void fail_depth(std::string pointer, std::size_t max_depth) {
  throw ::ari::parse_error(std::move(pointer),
                           "nesting at most " + std::to_string(max_depth) + " deep",
                           "deeper nesting");
}

// One value as the parser reports it: a scalar, or the opening of an object or array.
struct token {
  enum class kind : unsigned char {
    null,
    boolean,
    integer,
    unsigned_integer,
    floating,
    string,
    object,
    array
  };
  kind type = kind::null;
  union {  // the one `type` names (a token is made for every value: kept small)
    bool boolean;
    std::int64_t integer;
    std::uint64_t unsigned_integer;
    double floating;
  };
  std::string_view text;  // valid until the next token

  token() : integer(0) {}  // null
  explicit token(kind container) : type(container), integer(0) {}
  explicit token(bool value) : type(kind::boolean), boolean(value) {}
  explicit token(std::int64_t value) : type(kind::integer), integer(value) {}
  explicit token(std::uint64_t value) : type(kind::unsigned_integer), unsigned_integer(value) {}
  explicit token(double value) : type(kind::floating), floating(value) {}
  explicit token(std::string_view value) : type(kind::string), integer(0), text(value) {}

  bool is_container() const noexcept { return type == kind::object || type == kind::array; }

  // The scalar as a JSON value (containers arrive empty, their content follows).
  json to_json() const {
    switch (type) {
      case kind::boolean:
        return boolean;
      case kind::integer:
        return integer;
      case kind::unsigned_integer:
        return unsigned_integer;
      case kind::floating:
        return floating;
      case kind::string:
        return std::string(text);
      case kind::object:
        return json(json::value_t::object);
      case kind::array:
        return json(json::value_t::array);
      default:
        return nullptr;
    }
  }
};

class decoder {
 public:
  explicit decoder(const parse_limits& limits, accept_fn root, void* root_target)
      : limits_(limits), root_(root), root_target_(root_target) {
    frames_.swap(spare_frames());  // the last decoder's storage, when this thread has one
    frames_.clear();
    frames_.reserve(8);
  }
  ~decoder() {
    frames_.clear();
    if (frames_.capacity() <= 64) frames_.swap(spare_frames());
  }
  // The machine for one described object at the root (an event, a model).
  decoder(const parse_limits& limits, const object_table& root, void* root_target)
      : decoder(limits, &open_root_object, root_target) {
    root_table_ = &root;
  }
  decoder(const decoder&) = delete;
  decoder& operator=(const decoder&) = delete;

  /// True when a whole value was read. False before, and when the machine gave up (see give_up).
  bool complete() const noexcept { return complete_ && !given_up_; }

  // The nlohmann/json SAX interface, which the tokenizer and the document walk call.
  bool null() { return scalar(token()); }
  bool boolean(bool value) { return scalar(token(value)); }
  bool number_integer(std::int64_t value) { return scalar(token(value)); }
  bool number_unsigned(std::uint64_t value) { return scalar(token(value)); }
  bool number_float(double value, const std::string& /*text*/) { return scalar(token(value)); }
  ARI_DETAIL_ALWAYS_INLINE bool string(std::string_view value) { return to_member(token(value)); }
  // Not in JSON text, but in documents from nlohmann's binary formats (from_cbor, ...).
  bool binary(const json::binary_t& /*value*/) { fail_here("binary"); }
  // Only in documents from a parser callback that discards.
  bool discarded() { fail_here("a discarded value"); }
  bool start_object(std::size_t /*elements*/ = 0) { return to_member(token(token::kind::object)); }
  bool start_array(std::size_t /*elements*/ = 0) { return scalar(token(token::kind::array)); }
  bool key(std::string_view name) { return key(name, name_prefix(name)); }
  // The members the innermost object expects next, in description order from the one after the
  // last read (none outside modeled objects). Members usually come in that order, an absent
  // optional one aside, so that the tokenizer can match the frame's bytes against these names
  // before it looks a name up.
  struct expected_fields {
    const field_entry* first = nullptr;
    std::size_t count = 0;
  };
  ARI_DETAIL_ALWAYS_INLINE expected_fields expected() const noexcept {
    if (skipping_ != 0 || frames_.empty()) return {};
    const frame& f = frames_.back();
    if (f.type != frame::kind::object || f.next >= f.table->count) return {};
    return {f.table->fields + f.next, f.table->count - f.next};
  }
  // The member whose value comes next is expected().first[ahead].
  ARI_DETAIL_ALWAYS_INLINE bool expected_key(std::size_t ahead) {
    return take_field(frames_.back(), frames_.back().next + ahead);
  }
  // The same with the name's prefix already computed (the tokenizer does it in a few steps).
  bool key(std::string_view name, name_prefix_words prefix);
  // The common case inline: a modeled object with its required members, or a free-form one.
  ARI_DETAIL_ALWAYS_INLINE bool end_object() {
    if (skipping_ == 0) {
      const frame& f = frames_.back();
      if ((f.type == frame::kind::object && (f.seen & f.table->required) == f.table->required) ||
          f.type == frame::kind::free_object) {
        return close();
      }
    }
    return end_any_object();
  }
  bool end_array() {
    if (skipping_ != 0) return --skipping_, true;
    return close();
  }

  // The key of the member whose value comes next, in a string map.
  const std::string& current_key() const noexcept { return frames_.back().key; }

  // For accept functions: open the containers whose content follows. The modeled structure
  // counts towards parse_limits::max_depth like any other nesting.
  void open_object(const object_table& table, void* object) {
    frame& f = push_modeled(frame::kind::object, object);
    f.table = &table;
  }
  void open_array(void* vector, accept_fn element) {
    frame& f = push_modeled(frame::kind::array, vector);
    f.element = element;
  }
  void open_string_map(void* map, accept_fn value) {
    frame& f = push_modeled(frame::kind::string_map, map);
    f.element = value;
  }
  // A free-form value (any JSON) at the current position; checks its nesting, reported at the
  // free-form member that holds it. When building a document (keep_too_deep), a container past
  // the limit is kept empty and its content is read but not stored: whoever reads the document
  // with the same limits fails on it just as on the whole value, and the memory a frame costs
  // stays bounded however deep it nests.
  void accept_free(json& target, const token& value) {
    target = value.to_json();
    if (!value.is_container()) return;
    const bool inside_free = !frames_.empty() && frames_.back().is_free();
    const std::size_t origin = inside_free ? frames_.back().origin : frames_.size();
    const bool too_deep = frames_.size() + 1 > limits_.max_depth;
    if (too_deep && !keep_too_deep_) fail_depth(pointer(origin), limits_.max_depth);
    // A document's root is kept open, for the reader to find "type" and fail on the root.
    if (too_deep && !frames_.empty()) {
      skipping_ = 1;
      return;
    }
    frame& f =
        push(value.type == token::kind::object ? frame::kind::free_object : frame::kind::free_array,
             &target);
    f.origin = origin;
  }
  // Building a document: nesting past the limit is truncated instead of failing (accept_free).
  void keep_too_deep() noexcept { keep_too_deep_ = true; }
  // Dispatch: the root object whose "type" member says which table reads it. Members before
  // "type" (Asterisk writes it first) are kept as JSON and read once the table is known.
  void open_dispatch(void* target, accept_fn on_type) {
    frame& f = push_modeled(frame::kind::dispatch, target);
    f.element = on_type;
  }
  // Called by the dispatch function, before it opens the object that reads the rest.
  void end_dispatch() { frames_.pop_back(); }
  // The text path found the frame's "type" before reading and opened its event's object at the
  // root: the name of that member, whose value is then passed over (as the document walk skips
  // it). Any other "type" member of an event makes the machine give up.
  bool root_type_key() {
    if (frames_.size() != 1 || frames_.back().type != frame::kind::object) return give_up();
    frames_.back().pending = frames_.back().table->count + 1;  // read past (scalar)
    return true;
  }

  /// Stop without an error: the caller reads the frame another way (see parse.hpp).
  bool give_up() noexcept {
    given_up_ = true;
    return false;
  }

  [[noreturn]] void fail(std::string_view expected, const token& found) const {
    throw ::ari::parse_error(pointer(frames_.size()), std::string(expected),
                             found.type == token::kind::object  ? std::string("object")
                             : found.type == token::kind::array ? std::string("array")
                                                                : describe_found(found.to_json()));
  }

  // A value no JSON text holds, at the current position: what the member there expects.
  [[noreturn]] void fail_here(std::string found) {
    if (!frames_.empty() && (frames_.back().type == frame::kind::array ||
                             frames_.back().type == frame::kind::free_array)) {
      frames_.back().pending = frames_.back().next;  // the element it would have been
    }
    std::string expected = "JSON value";
    if (!frames_.empty() && frames_.back().type == frame::kind::object &&
        frames_.back().pending < frames_.back().table->count) {
      expected = frames_.back().table->fields[frames_.back().pending].expected;
    }
    throw ::ari::parse_error(pointer(frames_.size()), std::move(expected), std::move(found));
  }

 private:
  struct frame {
    enum class kind : unsigned char {
      object,
      array,
      string_map,
      free_object,
      free_array,
      dispatch
    };
    kind type = kind::object;
    void* target = nullptr;               // the object, vector, map or json being filled
    const object_table* table = nullptr;  // object
    accept_fn element = nullptr;          // array, string_map, dispatch
    std::size_t pending = 0;              // object: member index (count: extra); array: index
    std::size_t next = 0;                 // object: where the next key is looked for first;
                                          // array and free_array: elements so far
    std::uint64_t seen = 0;               // object: members read
    std::size_t origin = 0;               // free: frames whose positions point at the value
    std::string key;                      // the current key when it is not a modeled name

    bool is_free() const noexcept { return type == kind::free_object || type == kind::free_array; }
  };

  // Each thread keeps the frame storage of its last decoder, so that decoding one frame after
  // another allocates none; a decoder made while another runs just makes its own.
  static std::vector<frame>& spare_frames() noexcept {
    static thread_local std::vector<frame> spare;
    return spare;
  }

  static void open_root_object(void* target, const token& value, decoder& machine) {
    if (value.type != token::kind::object) machine.fail("object", value);
    machine.open_object(*machine.root_table_, target);
  }

  frame& push_modeled(frame::kind type, void* target) {
    if (frames_.size() + 1 > limits_.max_depth)
      fail_depth(pointer(frames_.size()), limits_.max_depth);
    return push(type, target);
  }

  frame& push(frame::kind type, void* target) {
    frame& f = frames_.emplace_back();
    f.type = type;
    f.target = target;
    return f;
  }

  bool scalar(const token& value);
  // A value for a modeled member (most values of a frame) goes to the member's reader directly;
  // anything else through scalar().
  ARI_DETAIL_ALWAYS_INLINE bool to_member(const token& value) {
    if (skipping_ == 0 && !frames_.empty()) {
      frame& f = frames_.back();
      if (f.type == frame::kind::object && f.pending < f.table->count) {
        const field_entry& field = f.table->fields[f.pending];
        field.accept(static_cast<char*>(f.target) + field.offset, value, *this);
        return !given_up_;
      }
    }
    return scalar(value);
  }
  bool end_any_object();
  ARI_DETAIL_ALWAYS_INLINE bool close() {
    frames_.pop_back();
    if (frames_.empty()) complete_ = true;
    return true;
  }

  // Field `index` of the object in `f` is the member whose value comes next.
  ARI_DETAIL_ALWAYS_INLINE bool take_field(frame& f, std::size_t index) {
    const std::uint64_t bit = std::uint64_t{1} << index;
    if ((f.seen & bit) != 0) return give_up();  // a duplicate: the document resolves it
    f.seen |= bit;
    f.pending = index;
    // Expected next: the first member after this one not read yet (those before "type" in the
    // frame are read before the ones the description puts first).
    f.next = index + 1;
    while ((f.seen >> f.next & 1) != 0)  // at most max_fields steps; nearly always none
      ++f.next;
    return true;
  }

  // The JSON Pointer of the position after the first `count` frames.
  std::string pointer(std::size_t count) const {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
      const frame& f = frames_[i];
      switch (f.type) {
        case frame::kind::object:
          append_pointer_step(text, f.pending < f.table->count ? f.table->fields[f.pending].name
                                                               : std::string_view(f.key));
          break;
        case frame::kind::array:
        case frame::kind::free_array:
          text += '/';
          text += std::to_string(f.pending);
          break;
        default:
          append_pointer_step(text, f.key);
      }
    }
    return text;
  }

  const parse_limits& limits_;
  accept_fn root_;
  void* root_target_;
  const object_table* root_table_ = nullptr;  // for open_root_object
  std::vector<frame> frames_;
  // Made only when a frame needs it: a null json costs a call to destroy.
  std::optional<json> before_type_;
  std::size_t skipping_ = 0;  // open containers inside one kept empty (keep_too_deep)
  bool keep_too_deep_ = false;
  bool complete_ = false;
  bool given_up_ = false;
};

// Feeds a document to the machine, as the tokenizer would feed its text. The members of the
// outermost object named "type" are left out when skip_type is set (the caller dispatched on it).
// Recursion is bounded: the machine throws past parse_limits::max_depth, and modeled members
// nest only as deep as the schema.
template <int = 0>
bool walk(const json& value, decoder& machine, bool skip_type = false) {
  switch (value.type()) {
    case json::value_t::null:
      return machine.null();
    case json::value_t::boolean:
      return machine.boolean(value_of<json::boolean_t>(value));
    case json::value_t::number_integer:
      return machine.number_integer(value_of<json::number_integer_t>(value));
    case json::value_t::number_unsigned:
      return machine.number_unsigned(value_of<json::number_unsigned_t>(value));
    case json::value_t::number_float:
      return machine.number_float(value_of<json::number_float_t>(value), std::string());
    case json::value_t::string:
      return machine.string(value_of<json::string_t>(value));
    case json::value_t::object: {
      const auto& members = value_of<json::object_t>(value);
      if (!machine.start_object(members.size())) return false;
      for (const auto& [name, member] : members) {
        if (skip_type && name == "type") continue;
        if (!machine.key(name) || !walk(member, machine)) return false;
      }
      return machine.end_object();
    }
    case json::value_t::array: {
      const auto& elements = value_of<json::array_t>(value);
      if (!machine.start_array(elements.size())) return false;
      for (const auto& element : elements) {
        if (!walk(element, machine)) return false;
      }
      return machine.end_array();
    }
    case json::value_t::binary:
      return machine.binary(value_of<json::binary_t>(value));
    default:
      return machine.discarded();
  }
}

inline bool decoder::key(std::string_view name, name_prefix_words prefix) {
  if (skipping_ != 0) return true;
  frame& f = frames_.back();
  switch (f.type) {
    case frame::kind::object: {
      const object_table& table = *f.table;
      const auto is_named = [&](const field_entry& field) {
        return field.prefix == prefix && field.name.size() == name.size() &&
               (name.size() <= 16 || field.name.substr(16) == name.substr(16));
      };
      // Members usually come in description order (Asterisk's): the one after the last first,
      // then the name table.
      std::size_t found = table.count;
      if (f.next < table.count && is_named(table.fields[f.next])) {
        found = f.next;
      } else {
        for (std::size_t at = name_slot(prefix, name.size()); table.slots[at] != 255;
             at = (at + 1) % name_slot_count) {
          if (is_named(table.fields[table.slots[at]])) {
            found = table.slots[at];
            break;
          }
        }
      }
      if (found < table.count) return take_field(f, found);
      // A "type" other than the root one (root_type_key) could name another event: the document
      // resolves it.
      if (table.is_event && name == "type") return give_up();
      f.pending = table.count;
      f.key = name;
      return true;
    }
    default:
      f.key = name;
      return true;
  }
}

inline bool decoder::scalar(const token& value) {
  if (skipping_ != 0) {
    if (value.is_container()) ++skipping_;
    return true;
  }
  if (frames_.empty()) {
    if (complete_) return give_up();
    if (!value.is_container()) complete_ = true;
    root_(root_target_, value, *this);
    return !given_up_;
  }
  frame& f = frames_.back();
  switch (f.type) {
    case frame::kind::object: {
      if (f.pending > f.table->count) {  // the root "type", already known (root_type_key)
        if (value.type != token::kind::string) return give_up();
        break;
      }
      char* const object = static_cast<char*>(f.target);
      if (f.pending < f.table->count) {
        const field_entry& field = f.table->fields[f.pending];
        field.accept(object + field.offset, value, *this);
      } else {
        json& extra = *reinterpret_cast<json*>(object + f.table->extra_offset);
        if (!extra.is_object()) extra = json(json::value_t::object);
        accept_free(extra[f.key], value);
      }
      break;
    }
    case frame::kind::array:
      f.pending = f.next++;
      f.element(f.target, value, *this);
      break;
    case frame::kind::string_map:
      f.element(f.target, value, *this);
      break;
    case frame::kind::dispatch:
      if (f.key != "type") {  // kept until "type" says which table reads it
        if (!before_type_) before_type_.emplace(json::value_t::object);
        accept_free((*before_type_)[f.key], value);
        break;
      }
      f.element(f.target, value, *this);
      if (given_up_ || !before_type_) break;
      for (const auto& [name, member] : value_of<json::object_t>(*before_type_)) {
        if (!key(name) || !walk(member, *this)) break;
      }
      break;
    case frame::kind::free_object: {
      json& object = *static_cast<json*>(f.target);
      accept_free(object[f.key], value);
      break;
    }
    case frame::kind::free_array: {
      json& array = *static_cast<json*>(f.target);
      f.pending = f.next++;
      // push_back and the vector's back(): json::emplace_back() and json::back() compile a
      // vector insertion and an iterator of their own.
      array.push_back(nullptr);
      accept_free(array.get_ptr<json::array_t*>()->back(), value);
      break;
    }
  }
  return !given_up_;
}

inline bool decoder::end_any_object() {
  if (skipping_ != 0) return --skipping_, true;
  const frame& f = frames_.back();
  if (f.type == frame::kind::dispatch) return give_up();  // no "type": the document says so
  if (f.type == frame::kind::object && (f.seen & f.table->required) != f.table->required) {
    for (std::size_t i = 0; i < f.table->count; ++i) {
      if (f.table->fields[i].required && (f.seen & (std::uint64_t{1} << i)) == 0) {
        std::string at = pointer(frames_.size() - 1);
        append_pointer_step(at, f.table->fields[i].name);
        throw ::ari::parse_error(std::move(at), std::string(f.table->fields[i].expected),
                                 "no member");
      }
    }
  }
  return close();
}

// A document read through the machine to its end. The machine gives up only on what a document
// cannot hold (duplicate members, "type" after other members): reaching that is a bug here.
template <int = 0>
void walk_document(const json& document, decoder& machine, bool skip_type) {
  if (!walk(document, machine, skip_type) || !machine.complete()) {
    throw std::logic_error("ari: the decoder gave up on a document");
  }
}

}  // namespace detail
}  // namespace ari
