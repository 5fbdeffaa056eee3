// ari-events: from a frame of /ari/events to an ari::Event, and back.
#pragma once

#include <algorithm>
#include <cstddef>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "ari/error.hpp"
#include "ari/events.hpp"

namespace ari {

namespace detail {

template <class E>
Event parse_as(const json& frame) {
  E event;
  read_object(frame, event, path{});
  return Event{std::in_place_type<E>, std::move(event)};
}

struct event_parser {
  std::string_view type;
  Event (*parse)(const json&);
};

#define ARI_DETAIL_PARSER(Type) event_parser{Type::type, &parse_as<Type>},
inline constexpr event_parser event_parsers[] = {ARI_EVENT_TYPES(ARI_DETAIL_PARSER)};
#undef ARI_DETAIL_PARSER

constexpr bool sorted_by_type() {
  for (std::size_t i = 1; i < std::size(event_parsers); ++i) {
    if (!(event_parsers[i - 1].type < event_parsers[i].type)) return false;
  }
  return true;
}
static_assert(sorted_by_type(), "ARI_EVENT_TYPES must list the events sorted by name");
static_assert(std::size(event_parsers) + 1 == std::variant_size_v<Event>);

inline const event_parser* find_parser(std::string_view type) noexcept {
  const auto* end = std::end(event_parsers);
  const auto* it = std::lower_bound(std::begin(event_parsers), end, type,
                                    [](const event_parser& p, std::string_view t) { return p.type < t; });
  return it != end && it->type == type ? it : nullptr;
}

}  // namespace detail

/// Parses a message already held as JSON. Throws ari::parse_error.
inline Event parse_event(const nlohmann::json& frame) {
  const detail::path root;
  if (!frame.is_object()) detail::fail(root, "object", frame);
  const auto type = frame.find("type");
  if (type == frame.end()) throw parse_error("/type", "string", "no member");
  if (!type->is_string()) detail::fail(root.member("type"), "string", *type);
  const auto& name = type->get_ref<const std::string&>();
  if (const auto* parser = detail::find_parser(name)) return parser->parse(frame);
  return UnknownEvent{name, frame};
}

/// Parses one text frame of /ari/events. Throws ari::parse_error, whatever is wrong with it.
/// A template so that std::string, const char* and literals all pick this overload rather
/// than converting to nlohmann::json.
template <class Text, std::enable_if_t<std::is_convertible_v<const Text&, std::string_view>, int> = 0>
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
inline void from_json(const nlohmann::json& j, Event& event) { event = parse_event(j); }

inline std::ostream& operator<<(std::ostream& os, const Event& event) {
  std::visit([&](const auto& e) { os << e; }, event);
  return os;
}

}  // namespace ari
