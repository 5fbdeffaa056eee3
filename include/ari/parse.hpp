// ari-events: from a frame of /ari/events to an ari::Event, and back.
#pragma once

#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "ari/detail/outcome.hpp"
#include "ari/detail/text_reader.hpp"
#include "ari/error.hpp"
#include "ari/event_type.hpp"
#include "ari/events.hpp"
#include "ari/limits.hpp"

namespace ari {

namespace detail {

// How to read each event type, indexed by event_type: where it goes in an Event, and the table
// of its members.
struct event_reader {
  void* (*emplace)(Event& event);
  const object_table& (*table)();
};

template <class E>
void* emplace_event(Event& event) {
  return &event.emplace<E>();
}

// T, named through the template parameter N, so that an expression naming it is dependent:
// a template only compiled where it is used must not name tables in a non-dependent constant
// initializer, which Clang evaluates where the template is defined (with Clang, every unit
// including this header made the tables of every event).
template <class T, int N>
struct named_later {
  using type = T;
};

template <int N = 0>
const event_reader& reader_of(event_type type) {
#define ARI_DETAIL_READER(Type, lines)                  \
  {&emplace_event<typename named_later<Type, N>::type>, \
   &table_of<typename named_later<Type, N>::type>},
  static constexpr event_reader readers[] = {ARI_EVENT_TYPES(ARI_DETAIL_READER)};
#undef ARI_DETAIL_READER
  return readers[static_cast<std::size_t>(type)];
}

// The value of the frame's first member, "type", picks the reader of the rest.
template <int = 0>
void dispatch_on_type(void* event, const token& type, decoder& machine) {
  if (type.type != token::kind::string) {
    machine.give_up();
    return;
  }
  const event_type known = event_type_from_string(type.text);
  if (known == event_type::unknown) {
    machine.give_up();  // an UnknownEvent keeps its document: the caller builds it
    return;
  }
  const event_reader& reader = reader_of(known);
  machine.end_dispatch();
  machine.open_object(reader.table(), reader.emplace(*static_cast<Event*>(event)));
}

template <int = 0>
void open_event(void* event, const token& root, decoder& machine) {
  if (root.type != token::kind::object) {
    machine.give_up();
    return;
  }
  machine.open_dispatch(event, &dispatch_on_type<>);
}

// Reads a document into `event`. `Frame` is const json& or json&&: an unknown event keeps the
// document, moved when it can be. (The readers fill an Event in place rather than return one, so
// that every entry point returns its own named Event: with the copy elided, a translation unit
// does not compile Event's move constructor, a visit over every alternative.)
template <class Frame>
void read_event(Frame&& frame, const parse_limits& limits, Event& event) {
  const std::string& name = message_type(frame);
  const event_type type = event_type_from_string(name);
  if (type != event_type::unknown) {
    const event_reader& reader = reader_of(type);
    decoder machine(limits, reader.table(), reader.emplace(event));
    walk_document(frame, machine, true);
    return;
  }
  check_document(frame, limits.max_depth);
  std::string type_text = name;
  event.emplace<UnknownEvent>(UnknownEvent{std::move(type_text), std::forward<Frame>(frame)});
}

// Past the JSON string whose opening quote is at `at`, or nullptr when it does not end. Runs of
// plain bytes are stepped over many at a time (a byte at a time, skim_type cost an eighth of
// reading a small frame); escapes, control characters and non-ASCII bytes one at a time: the
// reading checks them.
inline const char* skip_json_string(const char* at, const char* end) noexcept {
  for (++at;;) {
    at = skip_plain(at, end);
    if (at == end) return nullptr;
    if (*at == '"') return at + 1;
    if (*at == '\\' && ++at == end) return nullptr;
    ++at;
  }
}

inline const char* skip_json_whitespace(const char* at, const char* end) noexcept {
  while (at != end && static_cast<unsigned char>(*at) <= ' ' &&
         (*at == ' ' || *at == '\n' || *at == '\r' || *at == '\t'))
    ++at;
  return at;
}

// The top-level "type" of a frame, found by skimming at most the first eight members: a string
// without escapes, else nothing (the decoder then finds it the general way). Asterisk writes
// "type" first, or after one or two short members (ChannelVarset, ChannelHangupRequest,
// ChannelTalkingFinished). Anything unusual ends the skim; the reading that follows checks
// everything.
struct skimmed_type {
  std::string_view name;      // the value of "type"
  const char* key = nullptr;  // the opening quote of the member's name in the frame
};
inline skimmed_type skim_type(std::string_view text) noexcept {
  const char* at = text.data();
  const char* const end = at + text.size();
  at = skip_json_whitespace(at, end);
  if (at == end || *at != '{') return {};
  for (int member = 0; member < 8; ++member) {
    at = skip_json_whitespace(at + 1, end);  // after '{' or ','
    if (at == end || *at != '"') return {};
    const char* const key = at;
    at = skip_plain(at + 1, end);
    if (at == end || *at != '"') return {};  // a name with an escape: not skimmed
    const bool is_type = at - key == 5 && std::memcmp(key + 1, "type", 4) == 0;
    if (++at != end && *at != ':') at = skip_json_whitespace(at, end);
    if (at == end || *at != ':') return {};
    if (++at != end && *at != '"') at = skip_json_whitespace(at, end);
    if (at == end) return {};
    if (is_type) {
      if (*at != '"') return {};
      const char* const value = ++at;
      at = skip_plain(at, end);
      if (at == end || *at != '"') return {};
      return {std::string_view(value, static_cast<std::size_t>(at - value)), key};
    }
    if (*at == '"') {
      const char* const value = at;
      at = skip_plain(at + 1, end);  // mostly to the closing quote
      at = at != end && *at == '"' ? at + 1 : skip_json_string(value, end);
      if (at == nullptr) return {};
    } else if (*at == '{' || *at == '[') {
      int depth = 0;
      do {
        if (*at == '"') {
          at = skip_json_string(at, end);
          if (at == nullptr) return {};
          continue;
        }
        if (*at == '{' || *at == '[') ++depth;
        if (*at == '}' || *at == ']') --depth;
        ++at;
      } while (depth > 0 && at != end);
    } else {
      while (at != end && *at != ',' && *at != '}')
        ++at;
    }
    if (at != end && *at != ',') at = skip_json_whitespace(at, end);
    if (at == end || *at != ',') return {};
  }
  return {};
}

// The text path: the strict tokenizer drives the decoder straight into the event, no document
// built. False when it does not take the frame (any error, an unknown type, a duplicate member,
// what the tokenizer leaves to nlohmann/json): the frame is then read as a document, so that
// results and errors are exactly those of parse_event(json). Errors stay independent of member
// order that way, and a JSON syntax error is reported before a wrong member.
template <int = 0>
bool read_text(std::string_view text, const parse_limits& limits, Event& event,
               const skimmed_type& type) {
  try {
    if (const event_type known = event_type_from_string(type.name);
        known != event_type::unknown) {  // straight into the event's own object
      const event_reader& reader = reader_of(known);
      void* const target = reader.emplace(event);
      decoder machine(limits, reader.table(), target);
      return text_reader(text, type.key).read(machine) && machine.complete();
    }
    decoder machine(limits, &open_event<>, &event);
    return text_reader(text).read(machine) && machine.complete();
  } catch (const parse_error&) {  // reported by the document path
    return false;
  }
}
template <int = 0>
bool read_text(std::string_view text, const parse_limits& limits, Event& event) {
  return read_text(text, limits, event, skim_type(text));
}

// The frame as a document, built by the decoder from the tokenizer (free-form values are
// documents already). Containers past the depth limit are kept empty
// (decoder::accept_free), so that a deep frame costs no more memory than a shallow one of its
// size, and read_event still fails on them where the document path does.
template <int = 0>
json read_json(std::string_view text, const parse_limits& limits) {
  // JSON allows no NUL outside escapes, and nlohmann/json stops reading at one, so that its
  // documents and this one would differ: refused here, with its own message. (Not searched for
  // before the text path, which never takes one: that cost 2% of reading a small frame.)
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    throw parse_error("", "JSON text", "a NUL byte at offset " + std::to_string(nul));
  }
  json document;
  decoder machine(limits, &accept_as<codec<json>, json>, &document);
  machine.keep_too_deep();
  text_reader reader(text);
  if (!reader.read(machine) || !machine.complete()) {
    if (reader.syntax_error().empty()) {  // building a document, the machine takes any JSON
      throw std::logic_error("ari: the decoder gave up on a JSON text");
    }
    throw parse_error("", "JSON text", reader.syntax_error());
  }
  return document;
}

// No frame may hold more than max_frame_size bytes: checked before reading.
inline void check_frame_size(std::string_view text, const parse_limits& limits) {
  if (text.size() > limits.max_frame_size) {
    throw parse_error("", "a frame of at most " + std::to_string(limits.max_frame_size) + " bytes",
                      std::to_string(text.size()) + " bytes");
  }
}

template <int = 0>
Event decode_text(std::string_view text, const parse_limits& limits) {
  check_frame_size(text, limits);
  // Made holding an UnknownEvent, the alternative cheapest to make and replace; the reader then
  // emplaces the event's own type. Making it hold that type straight away, with
  // Event(std::in_place_type<E>), saves about 40 instructions a frame but made GCC use 15% more
  // memory compiling this translation unit: libstdc++ builds that constructor by recursion over
  // the alternatives before E, for every E.
  Event event(std::in_place_type<UnknownEvent>);
  if (!read_text(text, limits, event, skim_type(text))) {
    event.emplace<UnknownEvent>();  // what the text path filled is not needed any more
    read_event(read_json(text, limits), limits, event);
  }
  return event;
}

}  // namespace detail

/// Parses a message already held as JSON. Throws ari::parse_error. (A template only so that it
/// is compiled where it is used.)
template <int = 0>
Event parse_event(const nlohmann::json& frame, const parse_limits& limits = {}) {
  Event event;
  detail::read_event(frame, limits, event);
  return event;
}

/// Parses one text frame of /ari/events. Throws ari::parse_error, whatever is wrong with it.
/// A template so that std::string, const char* and literals all pick this overload rather
/// than converting to nlohmann::json.
template <class Text, std::enable_if_t<std::is_convertible_v<const Text&, std::string_view> &&
                                           !std::is_same_v<Text, nlohmann::json>,
                                       int> = 0>
Event parse_event(const Text& frame, const parse_limits& limits = {}) {
  return detail::decode_text(frame, limits);
}

/// The outcome of try_parse_event: an Event, or the parse_error that says why not. has_value(),
/// operator bool, value() (throws the error when there is none), operator* and operator->.
class parse_result : public detail::outcome<Event, parse_error> {
 public:
  using outcome::outcome;
  /// The error; only valid when !has_value().
  const parse_error& error() const noexcept { return *failure<parse_error>(); }
};

/// parse_event without exceptions. Out of memory still ends the program (noexcept).
template <int = 0>
parse_result try_parse_event(std::string_view frame, const parse_limits& limits = {}) noexcept {
  try {
    return parse_result{parse_event(frame, limits)};
  } catch (const parse_error& e) {
    return parse_result{e};
  }
}

/// The ARI type text of an event ("StasisStart", or an UnknownEvent's own type). The view is
/// valid as long as the event lives.
inline std::string_view type_name(const Event& event) noexcept {
  if (const auto* unknown = std::get_if<UnknownEvent>(&event)) return unknown->type;
  return to_string(event_type_of(event));
}

/// nlohmann::json j = event;
template <class Json, class E, detail::if_same<Json, nlohmann::json> = 0,
          detail::if_same<E, Event> = 0>
void to_json(Json& j, const E& event) {
  std::visit([&](const auto& e) { to_json(j, e); }, event);
}
/// j.get<ari::Event>()
template <class Json, detail::if_same<Json, nlohmann::json> = 0>
void from_json(const Json& j, Event& event) {
  event = parse_event(j);
}

/// Prints the JSON form of the event.
template <class Stream, class E, detail::if_ostream<Stream> = 0, detail::if_same<E, Event> = 0>
std::ostream& operator<<(Stream& os, const E& event) {
  std::visit([&](const auto& e) { os << e; }, event);
  return os;
}

#ifdef ARI_EVENTS_SEPARATE_COMPILATION
// Compiled mode: the decoder is compiled once, in the translation unit that includes
// <ari/implementation.hpp>; everywhere else these declarations keep it from being instantiated.
extern template Event parse_event<0>(const nlohmann::json&, const parse_limits&);
extern template parse_result try_parse_event<0>(std::string_view, const parse_limits&) noexcept;
namespace detail {
extern template Event decode_text<0>(std::string_view, const parse_limits&);
}  // namespace detail
#endif

}  // namespace ari
