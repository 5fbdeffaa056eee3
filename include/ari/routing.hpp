// ari-events: what an event concerns (for routing it to per-call state) and a dispatcher that
// calls the handler registered for its type.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <memory>
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

  // BridgeAttendedTransfer names a bridge by id between its models: its members are read here,
  // in description order, and for_each_model does not descend again.
  bool operator()(const BridgeAttendedTransfer& value) {
    ari_describe(&value, [&](const auto& field) {
      if constexpr (std::is_same_v<decltype(value.*(field.member)),
                                   const std::optional<std::string>&>) {
        if (field.name == "destination_bridge" && value.*(field.member)) {
          add_id(ids.bridges, *(value.*(field.member)));
        }
      } else {
        for_each_model(value.*(field.member), *this);
      }
    });
    return false;
  }

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
    }
  }
};

}  // namespace detail

/// Every channel, bridge, playback, recording, endpoint and device the event concerns: all the
/// channels of a BridgeAttendedTransfer, the channel a playback plays on, nothing for an absent
/// Dial.caller. Each list is in the order of the event's members as to_frame writes them
/// (Asterisk's order), depth first, whatever the order of the frame it was read from: an Event
/// does not remember that, and the same event gives the same list however it was made.
/// (A template only so that it is compiled where it is used.)
template <int = 0>
related related_ids(const Event& event) {
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
///
/// Handlers may register handlers, replace the fallback and dispatch further events: a handler
/// added during a dispatch runs from the next event on, and a fallback replaced while it runs
/// finishes its call first. Handlers live as long as the dispatcher (there is no removal: keep
/// per-call state in a map keyed by channel id instead of a handler per call).
class dispatcher {
 public:
  /// Adds a handler for event type E (any struct of ari::Event, UnknownEvent included).
  template <class E, class Handler>
  dispatcher& on(Handler&& handler) {
    // Checked before anything names E as an alternative, so that this is the first error.
    static_assert(is_alternative<E>(),
                  "dispatcher::on<E>: E must be an ARI event type "
                  "(an alternative of ari::Event), not a model");
    if constexpr (is_alternative<E>()) {
      static_assert(std::is_invocable_v<Handler&, const E&>,
                    "dispatcher::on<E>: the handler must be callable with const E&");
      handlers_[index_of<E>()].push_back(std::make_unique<std::function<void(const Event&)>>(
          [h = std::forward<Handler>(handler)](const Event& event) mutable {
            h(*std::get_if<E>(&event));
          }));
    }
    return *this;
  }

  /// Sets the handler of the events no other handler takes.
  template <class Handler>
  dispatcher& otherwise(Handler&& handler) {
    fallback_ =
        std::make_shared<const std::function<void(const Event&)>>(std::forward<Handler>(handler));
    return *this;
  }

  /// Calls the handlers of the event's type; returns false when only the fallback (or
  /// nothing) was there for it.
  bool dispatch(const Event& event) const {
    const auto& handlers = handlers_[event.index()];
    // By index up to the count at the start: a handler that registers another may move the
    // list, not the handlers it points to, and the new one waits for the next event.
    const std::size_t count = handlers.size();
    if (count == 0) {
      // A copy keeps the fallback alive if it replaces itself while it runs.
      if (const auto fallback = fallback_; fallback && *fallback) (*fallback)(event);
      return false;
    }
    for (std::size_t i = 0; i < count; ++i)
      (*handlers[i])(event);
    return true;
  }

  /// Parses a frame and dispatches it; a bad frame throws ari::parse_error. (A template only so
  /// that the decoder is compiled where this is called, not wherever the header is included.)
  template <int = 0>
  bool dispatch(std::string_view frame) const {
    return dispatch(parse_event(frame));
  }

 private:
  template <class E, std::size_t I = 0>
  static constexpr bool is_alternative() {
    if constexpr (I == std::variant_size_v<Event>) {
      return false;
    } else {
      return std::is_same_v<std::variant_alternative_t<I, Event>, E> || is_alternative<E, I + 1>();
    }
  }

  template <class E, std::size_t I = 0>
  static constexpr std::size_t index_of() {
    if constexpr (std::is_same_v<std::variant_alternative_t<I, Event>, E>) {
      return I;
    } else {
      return index_of<E, I + 1>();
    }
  }

  using handler_list = std::vector<std::unique_ptr<std::function<void(const Event&)>>>;
  std::array<handler_list, std::variant_size_v<Event>> handlers_;
  std::shared_ptr<const std::function<void(const Event&)>> fallback_;
};

}  // namespace ari
