// ari-events: event types as an enum usable in a switch, and which Asterisk release lines
// define each of them.
#pragma once

#include <cstddef>
#include <iterator>
#include <string_view>

#include "ari/events.hpp"

namespace ari {

#define ARI_DETAIL_ENUMERATOR(Type, lines) Type,
/// One enumerator per event type, in the order of ari::Event's alternatives; `unknown` stands
/// for UnknownEvent.
enum class event_type : unsigned char { ARI_EVENT_TYPES(ARI_DETAIL_ENUMERATOR) unknown };
#undef ARI_DETAIL_ENUMERATOR

/// The newest Asterisk release line whose schema this version was checked against; newer
/// majors are taken to match master ("latest").
inline constexpr int newest_release_line = 23;

namespace detail {

struct event_type_info {
  std::string_view name;
  std::string_view lines;  // as in the schema matrix: "13, 16-latest"
};

#define ARI_DETAIL_INFO(Type, lines) event_type_info{#Type, lines},
inline constexpr event_type_info event_type_infos[] = {ARI_EVENT_TYPES(ARI_DETAIL_INFO){"", ""}};
#undef ARI_DETAIL_INFO

static_assert(std::size(event_type_infos) == std::variant_size_v<Event>);

constexpr bool sorted_by_name() {
  for (std::size_t i = 1; i + 1 < std::size(event_type_infos); ++i) {
    if (!(event_type_infos[i - 1].name < event_type_infos[i].name)) return false;
  }
  return true;
}
// Not needed by the lookup (a hash, below), but the order is public: keep it alphabetical.
static_assert(sorted_by_name(), "ARI_EVENT_TYPES must list the events sorted by name");

constexpr int parse_line(std::string_view text) {
  if (text == "latest") return newest_release_line + 1;
  int major = 0;
  for (const char c : text)
    major = major * 10 + (c - '0');
  return major;
}

// Calls visit(first, last) for each run of "13, 16-latest"; stops when visit returns true.
template <class Visit>
constexpr bool any_run(std::string_view lines, Visit visit) {
  while (!lines.empty()) {
    const auto comma = lines.find(", ");
    const auto run = lines.substr(0, comma);
    lines = comma == std::string_view::npos ? std::string_view{} : lines.substr(comma + 2);
    const auto dash = run.find('-');
    const int first = parse_line(run.substr(0, dash));
    const int last = dash == std::string_view::npos ? first : parse_line(run.substr(dash + 1));
    if (visit(first, last)) return true;
  }
  return false;
}

// Whether "13, 16-latest" includes Asterisk `major`; majors past the newest line count as
// latest.
constexpr bool lines_include(std::string_view lines, int major) noexcept {
  if (major > newest_release_line) major = newest_release_line + 1;
  return any_run(lines, [&](int first, int last) { return first <= major && major <= last; });
}

}  // namespace detail

/// "StasisStart"; empty for event_type::unknown.
constexpr std::string_view to_string(event_type type) noexcept {
  return detail::event_type_infos[static_cast<std::size_t>(type)].name;
}

namespace detail {

// Event type names by a hash of their size and two of their characters: one comparison per
// lookup. The constants are chosen so that no two names share a slot (checked below).
constexpr std::size_t type_name_hash(std::string_view name) noexcept {
  const auto at = [&](std::size_t i) {
    return std::size_t{static_cast<unsigned char>(name[i < name.size() ? i : name.size() - 1])};
  };
  return (name.size() * 4 + at(1) * 19 + at(13)) % 128;
}

struct type_name_slots {
  unsigned char index[128] = {};  // an event_type, or 255
  bool collision = false;
};

constexpr type_name_slots make_type_name_slots() {
  type_name_slots slots;
  for (auto& index : slots.index)
    index = 255;
  for (std::size_t i = 0; i + 1 < std::size(event_type_infos); ++i) {
    unsigned char& index = slots.index[type_name_hash(event_type_infos[i].name)];
    if (index != 255) slots.collision = true;
    index = static_cast<unsigned char>(i);
  }
  return slots;
}
inline constexpr type_name_slots type_name_slots_v = make_type_name_slots();
static_assert(!type_name_slots_v.collision,
              "two event type names share a slot: change the constants of type_name_hash");

}  // namespace detail

/// The enumerator of a type text; event_type::unknown when this version does not know it.
constexpr event_type event_type_from_string(std::string_view name) noexcept {
  if (name.empty()) return event_type::unknown;
  const unsigned index = detail::type_name_slots_v.index[detail::type_name_hash(name)];
  return index != 255 && detail::event_type_infos[index].name == name
             ? static_cast<event_type>(index)
             : event_type::unknown;
}

/// The enumerator of an event, in constant time.
inline event_type event_type_of(const Event& event) noexcept {
  return static_cast<event_type>(event.index());
}

/// The release lines that define the type, as the schema matrix writes them: "13, 16-latest"
/// (ApplicationMoveFailed is missing from 14 and 15). Empty for event_type::unknown.
constexpr std::string_view release_lines(event_type type) noexcept {
  return detail::event_type_infos[static_cast<std::size_t>(type)].lines;
}

/// Whether Asterisk `major` (12, 13, ... 23, or newer) defines the event type.
constexpr bool defined_in(event_type type, int major) noexcept {
  return detail::lines_include(release_lines(type), major);
}

/// The first Asterisk major whose ARI defines the type (ChannelToneDetected: 22); 0 when the
/// type is not known to this version.
constexpr int since(event_type type) noexcept {
  int first_line = 0;
  detail::any_run(release_lines(type), [&](int first, int) {
    first_line = first;
    return true;
  });
  return first_line;
}
constexpr int since(std::string_view type) noexcept {
  return since(event_type_from_string(type));
}

}  // namespace ari
