// ari-events: an event or a model as frame text, written directly, in Asterisk's member order.
#pragma once

#include <string>
#include <type_traits>
#include <variant>

#include "ari/events.hpp"

namespace ari {

/// The frame text of any event, model or ari::Event: members in the order Asterisk writes them
/// ("type" and "timestamp" first, "asterisk_id" and "application" last), unknown members after
/// them, no spaces. Parses back to an equal value; nlohmann::json(value).dump() gives the same
/// members sorted by key. Throws std::invalid_argument for a string that is not UTF-8.
template <class T>
std::string to_frame(const T& value) {
  std::string out;
  out.reserve(512);
  if constexpr (std::is_same_v<T, Event>) {
    std::visit([&](const auto& event) { out = to_frame(event); }, value);
  } else if constexpr (std::is_same_v<T, UnknownEvent>) {
    detail::write_json(out, value.json);
  } else {
    static_assert(detail::is_described<T>::value, "to_frame takes ARI events and models");
    detail::write_object_text(out, value);
  }
  return out;
}

}  // namespace ari
