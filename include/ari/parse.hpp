// ari-events: from a frame of /ari/events to an ari::Event, and back.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "ari/error.hpp"
#include "ari/event_type.hpp"
#include "ari/events.hpp"
#include "ari/limits.hpp"

namespace ari {

namespace detail {

template <class E>
Event parse_as(const json& frame, const path& root) {
  E event;
  read_object(frame, event, root);
  return Event{std::in_place_type<E>, std::move(event)};
}

// The reader of each event type, indexed by event_type. A function, so that the readers are
// instantiated only where parse_document is (see ARI_EVENTS_SEPARATE_COMPILATION).
template <int = 0>
Event parse_known(event_type type, const json& frame, const path& root) {
#define ARI_DETAIL_PARSER(Type, lines) &parse_as<Type>,
  static constexpr Event (*parsers[])(const json&,
                                      const path&) = {ARI_EVENT_TYPES(ARI_DETAIL_PARSER)};
#undef ARI_DETAIL_PARSER
  return parsers[static_cast<std::size_t>(type)](frame, root);
}

// `Frame` is const json& or json&&: an unknown event keeps the document, moved when it can be.
template <class Frame>
Event parse_document(Frame&& frame, const parse_limits& limits) {
  path root;
  root.limits = &limits;
  root.movable = !std::is_lvalue_reference_v<Frame>;
  const std::string& name = message_type(frame, root);
  const event_type type = event_type_from_string(name);
  if (type != event_type::unknown) {
    return parse_known(type, frame, root);
  }
  check_depth(frame, root);
  std::string type_text = name;
  return UnknownEvent{std::move(type_text), std::forward<Frame>(frame)};
}

}  // namespace detail

/// Parses a message already held as JSON. Throws ari::parse_error. (A template only so that it
/// is compiled where it is used.)
template <int = 0>
Event parse_event(const nlohmann::json& frame, const parse_limits& limits = {}) {
  return detail::parse_document(frame, limits);
}

/// Parses one text frame of /ari/events. Throws ari::parse_error, whatever is wrong with it.
/// A template so that std::string, const char* and literals all pick this overload rather
/// than converting to nlohmann::json.
template <class Text, std::enable_if_t<std::is_convertible_v<const Text&, std::string_view> &&
                                           !std::is_same_v<Text, nlohmann::json>,
                                       int> = 0>
Event parse_event(const Text& frame, const parse_limits& limits = {}) {
  const std::string_view text = frame;
  if (text.size() > limits.max_frame_size) {
    throw parse_error("", "a frame of at most " + std::to_string(limits.max_frame_size) + " bytes",
                      std::to_string(text.size()) + " bytes");
  }
  // nlohmann/json stops reading at a NUL byte and ignores the rest; JSON allows none outside
  // escapes, so one anywhere makes the frame invalid.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    throw parse_error("", "JSON text", "a NUL byte at offset " + std::to_string(nul));
  }
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    // parse_error for bad syntax, out_of_range for a number a double cannot hold (1e400)
    throw parse_error("", "JSON text", e.what());
  }
  return detail::parse_document(std::move(document), limits);
}

/// The outcome of try_parse_event: an Event, or the parse_error that says why not.
class parse_result {
 public:
  /// A success.
  explicit parse_result(Event event) : outcome_(std::move(event)) {}
  /// A failure.
  explicit parse_result(parse_error error) : outcome_(std::move(error)) {}

  /// Whether there is an event.
  bool has_value() const noexcept { return outcome_.index() == 0; }
  /// Same as has_value().
  explicit operator bool() const noexcept { return has_value(); }

  /// The event; throws the parse_error when there is none.
  /// The event; throws the parse_error when there is none.
  Event& value() & { return checked(); }
  /// The event; throws the parse_error when there is none.
  const Event& value() const& { return const_cast<parse_result*>(this)->checked(); }
  /// The event, moved out; throws the parse_error when there is none.
  Event&& value() && { return std::move(checked()); }
  /// The event; only valid when has_value().
  Event& operator*() & noexcept { return *std::get_if<Event>(&outcome_); }
  /// The event; only valid when has_value().
  const Event& operator*() const& noexcept { return *std::get_if<Event>(&outcome_); }
  /// The event; only valid when has_value().
  Event* operator->() noexcept { return std::get_if<Event>(&outcome_); }
  /// The event; only valid when has_value().
  const Event* operator->() const noexcept { return std::get_if<Event>(&outcome_); }

  /// The error; only valid when !has_value().
  const parse_error& error() const noexcept { return *std::get_if<parse_error>(&outcome_); }

 private:
  Event& checked() {
    if (auto* error = std::get_if<parse_error>(&outcome_)) throw *error;
    return *std::get_if<Event>(&outcome_);
  }

  std::variant<Event, parse_error> outcome_;
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
extern template Event parse_document<nlohmann::json>(nlohmann::json&&, const parse_limits&);
}  // namespace detail
#endif

}  // namespace ari
