// ari-events: from a frame of /ari/events to an ari::Event, and back.
#pragma once

#include <cstddef>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "ari/error.hpp"
#include "ari/event_type.hpp"
#include "ari/events.hpp"

namespace ari {

namespace detail {

template <class E>
Event parse_as(const json& frame) {
  E event;
  read_object(frame, event, path{});
  return Event{std::in_place_type<E>, std::move(event)};
}

#define ARI_DETAIL_PARSER(Type, lines) &parse_as<Type>,
// Indexed by event_type.
inline constexpr Event (*event_parsers[])(const json&) = {ARI_EVENT_TYPES(ARI_DETAIL_PARSER)};
#undef ARI_DETAIL_PARSER

}  // namespace detail

/// Parses a message already held as JSON. Throws ari::parse_error.
inline Event parse_event(const nlohmann::json& frame) {
  const detail::path root;
  if (!frame.is_object()) detail::fail(root, "object", frame);
  const auto type = frame.find("type");
  if (type == frame.end()) throw parse_error("/type", "string", "no member");
  if (!type->is_string()) detail::fail(root.member("type"), "string", *type);
  const auto& name = type->get_ref<const std::string&>();
  const event_type type_id = event_type_from_string(name);
  if (type_id == event_type::unknown) return UnknownEvent{name, frame};
  return detail::event_parsers[static_cast<std::size_t>(type_id)](frame);
}

/// Parses one text frame of /ari/events. Throws ari::parse_error, whatever is wrong with it.
/// A template so that std::string, const char* and literals all pick this overload rather
/// than converting to nlohmann::json.
template <class Text,
          std::enable_if_t<std::is_convertible_v<const Text&, std::string_view>, int> = 0>
Event parse_event(const Text& frame) {
  const std::string_view text = frame;
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    throw parse_error("", "JSON text", e.what());
  }
  return parse_event(document);
}

/// The outcome of try_parse_event: an Event, or the parse_error that says why not.
class parse_result {
 public:
  explicit parse_result(Event event) : outcome_(std::move(event)) {}
  explicit parse_result(parse_error error) : outcome_(std::move(error)) {}

  bool has_value() const noexcept { return outcome_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  /// The event; throws the parse_error when there is none.
  Event& value() & { return checked(); }
  const Event& value() const& { return const_cast<parse_result*>(this)->checked(); }
  Event&& value() && { return std::move(checked()); }
  Event& operator*() & noexcept { return *std::get_if<Event>(&outcome_); }
  const Event& operator*() const& noexcept { return *std::get_if<Event>(&outcome_); }
  Event* operator->() noexcept { return std::get_if<Event>(&outcome_); }
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
inline parse_result try_parse_event(std::string_view frame) noexcept {
  try {
    return parse_result{parse_event(frame)};
  } catch (const parse_error& e) {
    return parse_result{e};
  }
}

/// The ARI type text of an event ("StasisStart", or an UnknownEvent's own type). The view is
/// valid as long as the event lives.
inline std::string_view type_name(const Event& event) noexcept {
  return std::visit([](const auto& e) -> std::string_view { return e.type; }, event);
}

/// nlohmann::json j = event;
inline void to_json(nlohmann::json& j, const Event& event) {
  std::visit([&](const auto& e) { to_json(j, e); }, event);
}
/// j.get<ari::Event>()
inline void from_json(const nlohmann::json& j, Event& event) {
  event = parse_event(j);
}

inline std::ostream& operator<<(std::ostream& os, const Event& event) {
  std::visit([&](const auto& e) { os << e; }, event);
  return os;
}

}  // namespace ari
