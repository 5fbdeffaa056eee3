// ari-events: for the tests of Stasis applications. Realistic sample values of every model and
// event, builders that change only what a test cares about, and the frame sequences Asterisk
// sends for common call flows. Test-only: not included by <ari/ari.hpp>.
#pragma once

#include <chrono>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "ari/ari.hpp"

namespace ari::testing {

/// The application name samples and flows use unless told otherwise.
inline constexpr const char* default_application = "test-app";
/// The Asterisk entity id samples carry in asterisk_id.
inline constexpr const char* default_asterisk_id = "02:fc:00:00:00:01";

namespace detail {

inline Timestamp sample_time() {
  return Timestamp::parse("2026-01-15T10:00:00.000+0000");
}

// Realistic values for the models and events a test meets most; everything else keeps the
// generic filling (required members present, strings empty, numbers zero).
inline void realistic(CallerID& v) {
  v.name = "Alice";
  v.number = "1001";
}
inline void realistic(DialplanCEP& v) {
  v.context = "from-internal";
  v.exten = "1000";
  v.priority = 1;
  v.app_name = std::optional<std::string>("Stasis");
  v.app_data = std::optional<std::string>(default_application);
}
inline void realistic(Channel& v) {
  v.id = "1768471200.1";
  v.name = "PJSIP/alice-00000001";
  v.state = ChannelState::Up;
  v.protocol_id = "";
  v.connected = CallerID{};
  v.language = "en";
}
inline void realistic(Bridge& v) {
  v.id = "8c0a4e4e-4d3f-4b8e-9a7e-2f1d6c5b4a30";
  v.technology = "simple_bridge";
  v.bridge_type = BridgeType::mixing;
  v.bridge_class = "stasis";
  v.creator = "Stasis";
  v.creationtime = sample_time();
  v.video_mode = "talker";
}
inline void realistic(Playback& v) {
  v.id = "6b4c2a1e-93d2-4f7a-8e45-1a2b3c4d5e6f";
  v.media_uri = "sound:hello-world";
  v.target_uri = "channel:1768471200.1";
  v.language = "en";
  v.state = PlaybackState::playing;
}
inline void realistic(LiveRecording& v) {
  v.name = "recording-1";
  v.format = "wav";
  v.state = RecordingState::recording;
  v.target_uri = "channel:1768471200.1";
}
inline void realistic(Endpoint& v) {
  v.technology = "PJSIP";
  v.resource = "alice";
  v.state = EndpointState::online;
}
inline void realistic(DeviceState& v) {
  v.name = "PJSIP/alice";
  v.state = DeviceStateValue::NOT_INUSE;
}
inline void realistic(ContactInfo& v) {
  v.uri = "sip:alice@192.0.2.10:5060";
  v.contact_status = ContactStatus::Reachable;
  v.aor = "alice";
  v.roundtrip_usec = "1500";
}
inline void realistic(Peer& v) {
  v.peer_status = "Reachable";
}
inline void realistic(TextMessage& v) {
  v.from = "pjsip:alice";
  v.to = "pjsip:bob";
  v.body = "Hello";
}
inline void realistic(ChannelDestroyed& v) {
  v.cause = 16;
  v.cause_txt = "Normal Clearing";
}
inline void realistic(ChannelHangupRequest& v) {
  v.cause = 16;
}
inline void realistic(ChannelDtmfReceived& v) {
  v.digit = "1";
  v.duration_ms = 100;
}
inline void realistic(ChannelVarset& v) {
  v.variable = "STASISSTATUS";
}
inline void realistic(ChannelDialplan& v) {
  v.dialplan_app = "Stasis";
  v.dialplan_app_data = default_application;
}
inline void realistic(ChannelCallerId& v) {
  v.caller_presentation_txt = "Presentation Allowed, Not Screened";
}
inline void realistic(Dial& v) {
  v.dialstatus = "ANSWER";
  v.dialstring = "PJSIP/bob";
  v.forward = "";
  v.peer.id = "1768471200.2";
  v.peer.name = "PJSIP/bob-00000002";
  v.peer.caller = CallerID{"Bob", "1002"};
}
inline void realistic(ChannelTalkingFinished& v) {
  v.duration = 1000;
}
inline void realistic(BridgeBlindTransfer& v) {
  v.exten = "2000";
  v.context = "from-internal";
  v.result = "Success";
  v.is_external = true;
}
inline void realistic(BridgeAttendedTransfer& v) {
  v.result = "Success";
  v.destination_type = "bridge";
}
inline void realistic(RESTResponse& v) {
  v.status_code = 200;
  v.reason_phrase = "OK";
}
template <class T>
void realistic(T&) {}

// Fills the members every line requires, depth first, then makes the value realistic.
template <class T>
void fill(T& value) {
  if constexpr (ari::detail::is_described<T>::value) {
    ari_describe(static_cast<const T*>(nullptr), [&](const auto& field) {
      using spec = typename std::decay_t<decltype(field)>::spec;
      if constexpr (!ari::detail::field_rules<spec>::may_be_absent) fill(value.*(field.member));
    });
    if constexpr (ari::detail::is_event_type<T>::value) {
      value.timestamp = sample_time();
      value.asterisk_id = default_asterisk_id;
      value.application = default_application;
    }
    realistic(value);
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    value = sample_time();
  }
}

}  // namespace detail

/// A realistic value of any model or event: every member that all Asterisk lines require is
/// set (optional ones are left out, as Asterisk mostly does), with values such as a PJSIP
/// channel of Alice (1001) in application "test-app", at 2026-01-15T10:00:00.000+0000.
template <class T>
T sample() {
  static_assert(ari::detail::is_described<T>::value,
                "ari::testing::sample<T>/build<T>: T must be an ARI model or event type");
  T value{};
  detail::fill(value);
  return value;
}

/// sample<T>() with `edit` applied: a test writes only what it cares about.
///
///     auto start = ari::testing::build<ari::StasisStart>([](auto& e) {
///       e.channel.caller.number = "1337";
///       e.args = {"dialed"};
///     });
template <class T, class Edit>
T build(Edit&& edit) {
  static_assert(std::is_invocable_v<Edit&, T&>,
                "ari::testing::build<T>(edit): edit must be callable with T&");
  // An edit that also takes an rvalue takes its argument by value or by const&: it would
  // change a copy, or nothing. (auto&& is refused too: write auto&.)
  static_assert(!std::is_invocable_v<Edit&, T&&>,
                "ari::testing::build<T>(edit): take the value by reference, [](auto& e) { ... }");
  T value = sample<T>();
  std::forward<Edit>(edit)(value);
  return value;
}

/// Where two values differ, one line per differing member as a JSON Patch operation would put
/// it ("replace /channel/caller/number: \"1001\" -> \"1337\""); empty when they are equal.
template <class T>
std::string difference(const T& actual, const T& expected) {
  const nlohmann::json from = actual;
  const nlohmann::json to = expected;
  std::string lines;
  for (const auto& operation : nlohmann::json::diff(from, to)) {
    const auto op = operation["op"].get<std::string>();
    const auto path = operation["path"].get<std::string>();
    const auto pointer = nlohmann::json::json_pointer(path);
    lines += op + " " + path + ": ";
    if (op == "add") {
      lines += "(absent) -> " + operation["value"].dump();
    } else if (op == "remove") {
      lines += from.at(pointer).dump() + " -> (absent)";
    } else {
      lines += from.at(pointer).dump() + " -> " + operation["value"].dump();
    }
    lines += '\n';
  }
  return lines;
}

/// Who and when for the call flows.
struct call_options {
  std::string application = default_application;  ///< the Stasis application
  std::string channel_id = "1768471200.1";        ///< the first channel; others get .2, .3
  std::string caller_number = "1001";             ///< caller of the first channel
  std::vector<std::string> args{};                ///< StasisStart arguments
  Timestamp start = detail::sample_time();        ///< time of the first frame
  /// The prompt's playback id in inbound_call, for an application that chooses its own
  /// (playWithId); empty: the sample's.
  std::string playback_id{};
};

namespace detail {

// Stamps events with a clock that moves forward, and writes them as frames.
class flow {
 public:
  explicit flow(const call_options& options) : options_(options), now_(options.start) {}

  Channel channel(int number, const std::string& name, ChannelState state) const {
    Channel channel = sample<Channel>();
    channel.id = id(number);
    channel.name = name;
    channel.state = state;
    channel.creationtime = options_.start;
    channel.dialplan.app_data = std::optional<std::string>(options_.application);
    if (number == 1) channel.caller.number = options_.caller_number;
    return channel;
  }

  // An event of type E, `after` the previous one, its members set by `edit`.
  template <class E, class Edit>
  void add(std::chrono::milliseconds after, Edit&& edit) {
    E event = sample<E>();
    std::forward<Edit>(edit)(event);
    now_ = Timestamp{now_.time_point() + after, now_.offset()};
    event.timestamp = now_;
    event.application = options_.application;
    frames_.push_back(to_frame(event));
  }

  const call_options& options() const { return options_; }
  std::vector<std::string> frames() && { return std::move(frames_); }

 private:
  std::string id(int number) const {
    if (number == 1) return options_.channel_id;
    const auto dot = options_.channel_id.rfind('.');
    return options_.channel_id.substr(0, dot == std::string::npos ? 0 : dot + 1) +
           std::to_string(number);
  }

  const call_options& options_;
  Timestamp now_;
  std::vector<std::string> frames_;
};

using std::chrono::milliseconds;

inline void add_stasis_start(flow& f, const Channel& channel, milliseconds after) {
  f.add<ChannelVarset>(after, [&](auto& e) { e.channel = channel; });  // STASISSTATUS=""
  f.add<StasisStart>(milliseconds{1}, [&](auto& e) {
    e.args = f.options().args;
    e.channel = channel;
  });
}

// The channel moves to `state`, and Asterisk says so.
inline void add_state_change(flow& f, Channel& channel, ChannelState state, milliseconds after) {
  channel.state = state;
  f.add<ChannelStateChange>(after, [&](auto& e) { e.channel = channel; });
}

// The order Asterisk ends a channel in (the 22.10 capture): hangup request, StasisEnd,
// STASISSTATUS=SUCCESS, ChannelDestroyed; a bridged channel leaves its bridge first.
inline void add_hangup(flow& f, const Channel& channel, milliseconds after,
                       const Bridge* bridge_left = nullptr) {
  f.add<ChannelHangupRequest>(after, [&](auto& e) { e.channel = channel; });
  if (bridge_left != nullptr) {
    f.add<ChannelLeftBridge>(milliseconds{1}, [&](auto& e) {
      e.bridge = *bridge_left;
      e.channel = channel;
    });
  }
  f.add<StasisEnd>(milliseconds{2}, [&](auto& e) { e.channel = channel; });
  f.add<ChannelVarset>(milliseconds{1}, [&](auto& e) {
    e.value = "SUCCESS";
    e.channel = channel;
  });
  f.add<ChannelDestroyed>(milliseconds{1}, [&](auto& e) { e.channel = channel; });
}

// Both channels enter the application, then a new mixing bridge, first then second.
inline Bridge add_bridged_pair(flow& f, const Channel& first, const Channel& second) {
  add_stasis_start(f, first, milliseconds{0});
  add_stasis_start(f, second, milliseconds{300});
  Bridge bridge = sample<Bridge>();
  bridge.creationtime = f.options().start;
  f.add<BridgeCreated>(milliseconds{20}, [&](auto& e) { e.bridge = bridge; });
  for (const Channel* channel : {&first, &second}) {
    bridge.channels.push_back(channel->id);
    f.add<ChannelEnteredBridge>(milliseconds{5}, [&](auto& e) {
      e.bridge = bridge;
      e.channel = *channel;
    });
  }
  return bridge;
}

}  // namespace detail

/// An inbound call: the caller's channel enters the application ringing (dialplan
/// Stasis(app)), the application answers, plays sound:hello-world, and the caller hangs up.
/// Event order as Asterisk 22 sends it (STASISSTATUS set before StasisStart; hangup request,
/// StasisEnd, STASISSTATUS=SUCCESS, ChannelDestroyed).
inline std::vector<std::string> inbound_call(const call_options& options = {}) {
  using namespace std::chrono_literals;
  detail::flow f(options);
  Channel caller = f.channel(1, "PJSIP/alice-00000001", ChannelState::Ring);
  detail::add_stasis_start(f, caller, 0ms);
  detail::add_state_change(f, caller, ChannelState::Up, 120ms);
  Playback playback = sample<Playback>();
  if (!options.playback_id.empty()) playback.id = options.playback_id;
  playback.target_uri = "channel:" + caller.id;
  f.add<PlaybackStarted>(40ms, [&](auto& e) { e.playback = playback; });
  playback.state = PlaybackState::done;
  f.add<PlaybackFinished>(1850ms, [&](auto& e) { e.playback = playback; });
  detail::add_hangup(f, caller, 3000ms);
  return std::move(f).frames();
}

/// An outbound call the application originates into itself (POST /channels with app): Dial
/// progress on the new channel (no status, RINGING, ANSWER) while it goes from Down through
/// Ringing to Up, then StasisStart; the far end hangs up later. Based on the Dial/StasisStart
/// order of the 22.10 capture, with the RINGING step a SIP endpoint adds.
inline std::vector<std::string> outbound_originate(const call_options& options = {}) {
  using namespace std::chrono_literals;
  detail::flow f(options);
  Channel callee = f.channel(1, "PJSIP/bob-00000001", ChannelState::Down);
  const auto dial = [&](const char* status) {
    return [&callee, status](Dial& e) {
      e.dialstatus = status;
      e.caller.reset();
      e.peer = callee;
    };
  };
  f.add<Dial>(0ms, dial(""));
  detail::add_state_change(f, callee, ChannelState::Ringing, 150ms);
  f.add<Dial>(1ms, dial("RINGING"));
  detail::add_state_change(f, callee, ChannelState::Up, 4200ms);
  f.add<Dial>(1ms, dial("ANSWER"));
  detail::add_stasis_start(f, callee, 1ms);
  detail::add_hangup(f, callee, 10000ms);
  return std::move(f).frames();
}

/// Two channels in the application put in a mixing bridge, then the first hangs up: it leaves
/// the bridge and the application; the second stays in the bridge.
inline std::vector<std::string> bridged_call(const call_options& options = {}) {
  using namespace std::chrono_literals;
  detail::flow f(options);
  Channel first = f.channel(1, "PJSIP/alice-00000001", ChannelState::Up);
  Channel second = f.channel(2, "PJSIP/bob-00000002", ChannelState::Up);
  second.caller.name = "Bob";
  second.caller.number = "1002";
  Bridge bridge = detail::add_bridged_pair(f, first, second);
  bridge.channels = {second.id};
  detail::add_hangup(f, first, 30000ms, &bridge);
  return std::move(f).frames();
}

/// A blind transfer: two channels enter the application and a mixing bridge, then the first
/// transfers the second to extension 2000 (a SIP REFER, so is_external): BridgeBlindTransfer,
/// the transferee leaves the bridge and the application for the dialplan, and the transferer
/// hangs up.
inline std::vector<std::string> blind_transfer(const call_options& options = {}) {
  using namespace std::chrono_literals;
  detail::flow f(options);
  const Channel transferer = f.channel(1, "PJSIP/alice-00000001", ChannelState::Up);
  Channel transferee = f.channel(2, "PJSIP/bob-00000002", ChannelState::Up);
  transferee.caller.name = "Bob";
  transferee.caller.number = "1002";
  Bridge bridge = detail::add_bridged_pair(f, transferer, transferee);
  f.add<BridgeBlindTransfer>(20000ms, [&](auto& e) {
    e.channel = transferer;
    e.transferee = transferee;
    e.bridge = bridge;
  });
  bridge.channels = {transferer.id};
  f.add<ChannelLeftBridge>(2ms, [&](auto& e) {
    e.bridge = bridge;
    e.channel = transferee;
  });
  f.add<StasisEnd>(1ms, [&](auto& e) { e.channel = transferee; });
  bridge.channels.clear();
  detail::add_hangup(f, transferer, 5ms, &bridge);
  return std::move(f).frames();
}

}  // namespace ari::testing
