// ari-events: an event or a model as frame text, written directly, in Asterisk's member order.
#pragma once

#include <string>
#include <type_traits>
#include <variant>

#include "ari/events.hpp"

namespace ari {

/// Writes the frame text of any event, model or ari::Event into `out`, replacing what it held
/// but keeping its capacity: a caller that reuses one string allocates nothing once it is large
/// enough. Members in the order Asterisk writes them ("type" and "timestamp" first,
/// "asterisk_id" and "application" last), unknown members after them, no spaces. Throws
/// std::invalid_argument for a string that is not UTF-8 (`out` then holds part of the text).
template <class T>
void to_frame(const T& value, std::string& out) {
  out.clear();
  if constexpr (std::is_same_v<T, Event>) {
    std::visit([&](const auto& event) { to_frame(event, out); }, value);
  } else if constexpr (std::is_same_v<T, UnknownEvent>) {
    detail::write_json(out, value.json);
  } else {
    static_assert(detail::is_described<T>::value, "to_frame takes ARI events and models");
    detail::text_writer writer(out);
    detail::write_object_text(writer, value);
  }
}

/// The frame text of any event, model or ari::Event (see the overload above). Parses back to
/// an equal value; nlohmann::json(value).dump() gives the same members sorted by key.
template <class T>
std::string to_frame(const T& value) {
  std::string out;
  out.reserve(512);
  to_frame(value, out);
  return out;
}

}  // namespace ari
