// ari-events: what an event concerns (for routing it to per-call state) and a dispatcher that
// calls the handler registered for its type.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "ari/event_type.hpp"
#include "ari/events.hpp"
#include "ari/parse.hpp"

namespace ari {

/// The ids an event concerns, each list in order of appearance without duplicates; never an
/// empty id. Endpoints are "technology/resource" (PJSIP/alice), devices the device name.
struct related {
  std::vector<std::string> channels;    ///< Channel ids, and channels named by target_uri
  std::vector<std::string> bridges;     ///< Bridge ids, and bridges named by target_uri
  std::vector<std::string> playbacks;   ///< Playback ids
  std::vector<std::string> recordings;  ///< LiveRecording names
  std::vector<std::string> endpoints;   ///< "technology/resource"
  std::vector<std::string> devices;     ///< DeviceState names

  /// Whether the event concerns nothing that has an id.
  bool empty() const noexcept {
    return channels.empty() && bridges.empty() && playbacks.empty() && recordings.empty() &&
           endpoints.empty() && devices.empty();
  }
};

namespace detail {

inline void add_id(std::vector<std::string>& ids, std::string_view id) {
  if (id.empty() || std::find(ids.begin(), ids.end(), id) != ids.end()) return;
  ids.emplace_back(id);
}

// "channel:ID" or "bridge:ID" (Playback.target_uri, LiveRecording.target_uri).
inline void add_target(related& ids, std::string_view uri) {
  constexpr std::string_view channel = "channel:";
  constexpr std::string_view bridge = "bridge:";
  if (uri.substr(0, channel.size()) == channel) add_id(ids.channels, uri.substr(channel.size()));
  if (uri.substr(0, bridge.size()) == bridge) add_id(ids.bridges, uri.substr(bridge.size()));
}

// Called for every model inside an event; the ones that carry ids add them.
struct id_collector {
  related& ids;

  template <class T>
  void operator()(const T& value) {
    if constexpr (std::is_same_v<T, Channel>) {
      add_id(ids.channels, value.id);
    } else if constexpr (std::is_same_v<T, Bridge>) {
      add_id(ids.bridges, value.id);
    } else if constexpr (std::is_same_v<T, Playback>) {
      add_id(ids.playbacks, value.id);
      add_target(ids, value.target_uri);
    } else if constexpr (std::is_same_v<T, LiveRecording>) {
      add_id(ids.recordings, value.name);
      add_target(ids, value.target_uri);
    } else if constexpr (std::is_same_v<T, Endpoint>) {
      if (!value.technology.empty() && !value.resource.empty()) {
        add_id(ids.endpoints, value.technology + "/" + value.resource);
      }
    } else if constexpr (std::is_same_v<T, DeviceState>) {
      add_id(ids.devices, value.name);
    } else if constexpr (std::is_same_v<T, BridgeAttendedTransfer>) {
      if (value.destination_bridge) add_id(ids.bridges, *value.destination_bridge);
    }
  }
};

}  // namespace detail

/// Every channel, bridge, playback, recording, endpoint and device the event concerns: all the
/// channels of a BridgeAttendedTransfer, the channel a playback plays on, nothing for an absent
/// Dial.caller.
inline related related_ids(const Event& event) {
  related ids;
  detail::id_collector collector{ids};
  std::visit([&](const auto& e) { detail::for_each_model(e, collector); }, event);
  return ids;
}

/// The usual helper for std::visit with one lambda per type:
///
///     std::visit(ari::overloaded{[](const ari::StasisStart&) {...}, [](const auto&) {}}, event);
template <class... Handlers>
struct overloaded : Handlers... {
  using Handlers::operator()...;
};
/// Deduces the handler types.
template <class... Handlers>
overloaded(Handlers...) -> overloaded<Handlers...>;

/// Calls the handlers registered for an event's type, in registration order, or the fallback
/// when there are none. A handler's exception reaches the caller of dispatch() unchanged.
///
///     ari::dispatcher events;
///     events.on<ari::StasisStart>([&](const ari::StasisStart& e) { answer(e.channel.id); })
///           .otherwise([](const ari::Event& e) { log(ari::type_name(e)); });
///     events.dispatch(frame);
class dispatcher {
 public:
  /// Adds a handler for event type E (any struct of ari::Event, UnknownEvent included).
  template <class E, class Handler>
  dispatcher& on(Handler&& handler) {
    static_assert(std::is_invocable_v<Handler&, const E&>, "the handler must take const E&");
    handlers_[index_of<E>()].emplace_back(
        [h = std::forward<Handler>(handler)](const Event& event) mutable {
          h(*std::get_if<E>(&event));
        });
    return *this;
  }

  /// Sets the handler of the events no other handler takes.
  template <class Handler>
  dispatcher& otherwise(Handler&& handler) {
    fallback_ = std::forward<Handler>(handler);
    return *this;
  }

  /// Calls the handlers of the event's type; returns false when only the fallback (or
  /// nothing) was there for it.
  bool dispatch(const Event& event) const {
    const auto& handlers = handlers_[event.index()];
    if (handlers.empty()) {
      if (fallback_) fallback_(event);
      return false;
    }
    for (const auto& handler : handlers)
      handler(event);
    return true;
  }

  /// Parses a frame and dispatches it; a bad frame throws ari::parse_error.
  bool dispatch(std::string_view frame) const { return dispatch(parse_event(frame)); }

 private:
  template <class E, std::size_t I = 0>
  static constexpr std::size_t index_of() {
    static_assert(I < std::variant_size_v<Event>, "not an alternative of ari::Event");
    if constexpr (std::is_same_v<std::variant_alternative_t<I, Event>, E>) {
      return I;
    } else {
      return index_of<E, I + 1>();
    }
  }

  std::array<std::vector<std::function<void(const Event&)>>, std::variant_size_v<Event>> handlers_;
  std::function<void(const Event&)> fallback_;
};

}  // namespace ari
