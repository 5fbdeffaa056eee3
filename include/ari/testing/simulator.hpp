// ari-events: a simulated Asterisk for tests. It takes the requests a Stasis application sends
// (HTTP, RESTRequest frames, or typed request values) and gives back the responses and the
// event frames Asterisk 22 would, on a virtual clock: nothing happens between calls, and
// sim.advance() lets playbacks, dialplan waits, ringing and timeouts run out.
//
// Modelled after what a real Asterisk 22.10.1 did in the conversation capture
// (tests/data/conversations.jsonl): channels, Local channel pairs running a small dialplan,
// originate, create + dial, hangup causes, variables, DTMF, playbacks, recordings, snoop,
// continue, move, user events, mixing and holding bridges, applications and asterisk/info.
// Operations it does not model answer 501 with a message naming them.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "ari/ari.hpp"
#include "ari/requests.hpp"
#include "ari/testing/simulator/dialplan.hpp"
#include "ari/testing/simulator/http.hpp"
#include "ari/testing/simulator/options.hpp"

namespace ari::testing {

class simulator;

/// One event WebSocket connection (GET /ari/events).
class event_socket {
 public:
  /// The frames sent on this connection since the last call, as text.
  std::vector<std::string> take() {
    std::vector<std::string> out;
    out.swap(frames_);
    return out;
  }
  /// A client frame: a RESTRequest is answered with a RESTResponse frame on this connection.
  void send(std::string_view frame);
  /// Closes the connection; its applications stay registered but get no more frames.
  void close() { open_ = false; }
  /// Whether close() was not called.
  bool is_open() const noexcept { return open_; }
  /// The applications it was opened for.
  const std::vector<std::string>& applications() const noexcept { return applications_; }
  /// Called each time a frame is queued on this connection (for a client that drains it, such
  /// as simulated_transport); nullptr: none.
  void on_frame(std::function<void()> listener) { listener_ = std::move(listener); }

 private:
  friend class simulator;
  void push(std::string frame) {
    frames_.push_back(std::move(frame));
    if (listener_) listener_();
  }
  event_socket(simulator& owner, std::vector<std::string> applications)
      : owner_(&owner), applications_(std::move(applications)) {}

  simulator* owner_;
  std::vector<std::string> applications_;
  std::vector<std::string> frames_;
  std::function<void()> listener_;
  bool open_ = true;
};

/// The simulated Asterisk. Single-threaded; every call runs to completion.
class simulator {
 public:
  /// A point on the virtual clock (UTC).
  using time_point = date::sys_time<std::chrono::milliseconds>;
  /// A span of virtual time.
  using duration = std::chrono::milliseconds;

  /// A simulated Asterisk with `options`; the defaults replay the conversation capture.
  explicit simulator(simulator_options options = {})
      : options_(std::move(options)),
        now_(options_.start_time),
        startup_(options_.start_time),
        dialplan_(sim_detail::parse_dialplan(options_.dialplan)) {
    for (const auto& name : options_.registered_applications)
      apps_[name];
  }

  simulator(const simulator&) = delete;
  simulator& operator=(const simulator&) = delete;

  // ---- connections ---------------------------------------------------------------------

  /// Opens an event WebSocket for `applications`, as GET /ari/events?app=...&subscribeAll=...
  /// does. An application already held by another open connection is taken over: that one
  /// gets ApplicationReplaced.
  event_socket& connect(std::vector<std::string> applications, bool subscribe_all = false) {
    sockets_.push_back(std::unique_ptr<event_socket>(new event_socket(*this, applications)));
    event_socket* socket = sockets_.back().get();
    for (const auto& name : applications) {
      app_state& app = apps_[name];
      if (app.socket && app.socket->is_open() && app.socket != socket) {
        ApplicationReplaced replaced;
        replaced.timestamp = stamp();
        replaced.asterisk_id = options_.asterisk_id;
        replaced.application = name;
        app.socket->push(to_frame(replaced));
      }
      app.socket = socket;
      app.subscribe_all = subscribe_all;
    }
    return *socket;
  }

  // ---- requests ------------------------------------------------------------------------

  /// Answers one HTTP request ("/ari/..." target), as Asterisk's HTTP server does.
  http_response handle(const http_request& request) {
    http_response response = dispatch(request);
    log_.push_back(exchange{request, response});
    return response;
  }

  /// Sends a typed request: its response value, or ari::request_error as decode_response throws.
  template <class R>
  typename R::response send(const R& request) {
    const http_response response = handle(to_http(request));
    return decode_response<R>(response.status, response.body);
  }

  /// Every request received, in order, with the response given.
  const std::vector<exchange>& requests() const noexcept { return log_; }

  // ---- the world's side ----------------------------------------------------------------

  /// A call arrives and enters `application` as Stasis(application,args) in the dialplan
  /// would (StasisStart). Returns the channel id.
  std::string incoming_call(const std::string& application, const incoming_call_options& options) {
    channel& ch = new_channel(options.id, options.endpoint + "-" + hex8(endpoint_counter_++));
    ch.kind = channel_kind::phone;
    ch.state = ChannelState::Ring;
    ch.caller.name = options.caller_name;
    ch.caller.number = options.caller_number;
    ch.context = options.context;
    ch.exten = options.extension;
    ch.priority = 1;
    ch.device = options.endpoint;
    publish_channel(ChannelCreated{}, ch);
    set_app(ch, "Stasis", application + join(options.args));
    publish_channel(make_dialplan(ch), ch);
    enter_stasis(ch, application, options.args, true);
    return ch.id;
  }
  /// The same with the default caller (1001 on PJSIP/alice) and no arguments.
  std::string incoming_call(const std::string& application) {
    return incoming_call(application, incoming_call_options{});
  }

  /// The caller presses `digits` on channel `id` (ChannelDtmfReceived per digit, 100 ms each).
  void send_dtmf_from_caller(const std::string& id, const std::string& digits,
                             duration digit_length = duration{100}) {
    duration at{0};
    for (const char digit : digits) {
      at += digit_length;
      const std::string d(1, digit);
      const int ms = static_cast<int>(digit_length.count());
      schedule(at, [this, id, d, ms] {
        if (channel* ch = find_channel(id)) emit_dtmf(*ch, d, ms);
      });
      at += duration{100};
    }
  }

  /// The far end of channel `id` hangs up with Q.850 `cause` (16: normal clearing).
  void hangup_from_far_end(const std::string& id, int cause = 16) {
    if (channel* ch = find_channel(id)) far_hangup(*ch, cause);
  }

  /// How a non-Local endpoint ("PJSIP/bob") behaves when originate or dial calls it.
  void set_endpoint(const std::string& endpoint, endpoint_behaviour behaviour) {
    endpoints_[endpoint] = behaviour;
  }

  /// Moves the virtual clock on, running everything due on the way, in time order.
  void advance(duration by) {
    const time_point until = now_ + by;
    while (!timers_.empty() && timers_.begin()->first.first <= until) {
      auto first = timers_.begin();
      now_ = first->first.first;
      std::function<void()> action = std::move(first->second);
      timers_.erase(first);
      action();
    }
    now_ = until;
  }

  /// The virtual clock.
  time_point now() const noexcept { return now_; }

 private:
  friend class event_socket;

  // ---- state ---------------------------------------------------------------------------

  enum class channel_kind { local1, local2, snoop, phone, internal };

  struct channel {
    std::uint64_t order = 0;  // its key in channel_order_
    std::string id;
    std::string name;
    channel_kind kind = channel_kind::phone;
    ChannelState state = ChannelState::Down;
    CallerID caller;
    CallerID connected;
    std::string context;
    std::string exten;
    long priority = 1;
    std::string app_name;
    std::string app_data;
    Timestamp creationtime;
    std::string language = "en";
    std::vector<std::pair<std::string, std::string>> vars;
    std::map<std::string, std::string> reported;  // channelvars
    std::string device;                           // "Local/wait@far"
    std::string peer;                             // the other half of a Local pair
    // Stasis
    std::string app;
    bool in_stasis = false;
    bool was_in_stasis = false;
    // Stasis entered by originate stays open around a later Stasis() of the dialplan, and
    // reports STASISSTATUS once more when the channel goes.
    bool wrapper_pending = false;
    bool nested_stasis = false;
    bool originated = false;  // ;1 of POST /channels: back in AppDial2 after Stasis
    std::string originate_app;
    std::vector<std::string> originate_args;
    // dialling
    bool dialing = false;
    bool answered_dial = false;
    std::uint64_t dial_generation = 0;
    int own_cause = 0;             // set by Busy()/Congestion() on ;2
    bool created_pending = false;  // channels/create: ;2 starts on dial
    bool awaiting_dial = false;    // channels/create: not dialled yet
    std::string dial_caller;
    std::string dialstring;  // Dial events' dialstring: the resource for originate, "" for dial
    bool pending_caller = false;  // ;2 takes ;1's connected line as caller when it goes
    CallerID next_caller;
    // dialplan
    bool in_pbx = false;
    std::uint64_t pbx_generation = 0;
    // media
    std::deque<std::string> queue;  // playback ids waiting
    std::string current_playback;
    std::string current_recording;
    std::string bridge;
    std::vector<std::string> snoops;
    std::string snoop_target;
    bool hangup_requested = false;
  };

  struct bridge_state {
    std::string id;
    std::string name;
    std::string type = "mixing";
    std::string technology = "simple_bridge";
    std::vector<std::string> channels;
    Timestamp creationtime;
    std::string video_mode = "talker";
    std::string video_source;
    std::string announcer;          // BRIDGEPEER name of the playback/recorder/moh channel
    std::string last_video_source;  // kept by clearVideoSource until that channel leaves
    bool moh = false;
    std::vector<std::pair<std::string, std::string>> vars;
  };

  struct playback_state {
    std::string id;
    std::vector<std::string> media;
    std::size_t index = 0;
    std::string target;  // "channel:x" / "bridge:x"
    std::string language = "en";
    std::string state = "queued";
    std::uint64_t generation = 0;
    duration remaining{0};
    time_point started{};
    bool paused = false;
  };

  struct recording_state {
    std::string name;
    std::string format;
    std::string target;
    std::string state = "queued";
    int max_duration = 0;
    std::uint64_t generation = 0;
    time_point started{};
    bool beep = false;
    bool paused = false;
    bool muted = false;
  };

  struct app_state {
    event_socket* socket = nullptr;
    bool subscribe_all = false;
    std::set<std::string> channels;
    std::set<std::string> bridges;
    // Bridges the app has through its channels: one per channel added, one less per channel
    // removed by removeChannel or by the bridge's destruction (a hangup leaves it as it is).
    std::map<std::string, int> bridge_refs;
    // applications::filter: event types let through (all when empty) and kept back.
    std::vector<std::string> allowed;
    std::vector<std::string> disallowed;

    bool allows(std::string_view type) const {
      const auto listed = [&](const std::vector<std::string>& list) {
        return std::find(list.begin(), list.end(), type) != list.end();
      };
      return (allowed.empty() || listed(allowed)) && !listed(disallowed);
    }
    std::set<std::string> endpoints;
    std::set<std::string> devices;
  };

  // ---- clock ---------------------------------------------------------------------------

  Timestamp stamp() const { return Timestamp(now_, options_.utc_offset); }

  void schedule(duration delay, std::function<void()> action) {
    timers_.emplace(std::make_pair(now_ + delay, timer_sequence_++), std::move(action));
  }

  static std::string hex8(std::uint64_t value) {
    static const char digits[] = "0123456789abcdef";
    std::string text(8, '0');
    for (std::size_t i = 0; i < 8; ++i) {
      text[7 - i] = digits[(value >> (4 * i)) & 0xF];
    }
    return text;
  }

  // ---- snapshots -------------------------------------------------------------------------

  Channel snapshot(const channel& ch) const {
    Channel c;
    c.id = ch.id;
    c.name = ch.name;
    c.state = ch.state;
    c.protocol_id = std::string();
    c.caller = ch.caller;
    c.connected = ch.connected;
    c.accountcode = "";
    c.dialplan.context = ch.context;
    c.dialplan.exten = ch.exten;
    c.dialplan.priority = static_cast<std::int64_t>(ch.priority);
    c.dialplan.app_name = std::optional<std::string>(ch.app_name);
    c.dialplan.app_data = std::optional<std::string>(ch.app_data);
    c.creationtime = ch.creationtime;
    c.language = ch.language;
    if (!ch.reported.empty()) c.channelvars = ch.reported;
    return c;
  }

  Bridge snapshot(const bridge_state& b) const {
    Bridge out;
    out.id = b.id;
    out.technology = b.technology;
    out.bridge_type = BridgeType::from_text(b.type == "holding" ? "holding" : "mixing");
    out.bridge_class = "stasis";
    out.creator = "Stasis";
    out.name = b.name;
    out.channels = b.channels;
    out.creationtime = b.creationtime;
    out.video_mode = b.video_mode;
    if (!b.video_source.empty()) out.video_source_id = b.video_source;
    return out;
  }

  Playback snapshot(const playback_state& p) const {
    Playback out;
    out.id = p.id;
    out.media_uri = p.index < p.media.size() ? p.media[p.index] : std::string();
    if (p.index + 1 < p.media.size()) out.next_media_uri = p.media[p.index + 1];
    out.target_uri = p.target;
    out.language = p.language;
    out.state = PlaybackState::from_text(p.state);
    return out;
  }

  LiveRecording snapshot(const recording_state& r) const {
    LiveRecording out;
    out.name = r.name;
    out.format = r.format;
    out.state = RecordingState::from_text(r.state);
    out.target_uri = r.target;
    return out;
  }

  // ---- publishing ------------------------------------------------------------------------

  struct audience {
    std::vector<std::string> channels;
    std::vector<std::string> bridges;
    std::string device;
    std::string only_app;  // StasisStart/StasisEnd and REST user events
    bool subscribe_all = true;
    bool twice_for_all = false;  // bridge media reach a subscribeAll app by two routes
  };

  template <class E>
  void publish(E event, const audience& to) {
    event.timestamp = stamp();
    event.asterisk_id = options_.asterisk_id;
    for (auto& [name, app] : apps_) {
      bool wanted = false;
      if (!to.only_app.empty()) {
        wanted = name == to.only_app;
      } else {
        wanted = app.subscribe_all && to.subscribe_all;
        for (const auto& id : to.channels) {
          // Explicit subscriptions, and the implicit one of a channel in the app's Stasis.
          wanted = wanted || app.channels.count(id) != 0;
          const auto found = channels_.find(id);
          wanted = wanted || (found != channels_.end() && found->second.in_stasis &&
                              found->second.app == name);
        }
        for (const auto& id : to.bridges) {
          wanted = wanted || app.bridges.count(id) != 0;
          const auto refs = app.bridge_refs.find(id);
          wanted = wanted || (refs != app.bridge_refs.end() && refs->second > 0);
        }
        if (!to.device.empty()) wanted = wanted || app.devices.count(to.device) != 0;
      }
      if (!wanted || app.socket == nullptr || !app.socket->is_open()) continue;
      if (!app.allows(E::type)) continue;
      event.application = name;
      app.socket->push(to_frame(event));
      if (to.twice_for_all && app.subscribe_all) app.socket->push(to_frame(event));
    }
  }

  template <class E>
  void publish_channel(E event, const channel& ch) {
    event.channel = snapshot(ch);
    publish(std::move(event), audience{{ch.id}, {}, {}, {}, true});
  }

  ChannelDialplan make_dialplan(const channel& ch) const {
    ChannelDialplan event;
    event.dialplan_app = ch.app_name;
    event.dialplan_app_data = ch.app_data;
    return event;
  }

  void set_app(channel& ch, std::string app, std::string data) {
    ch.app_name = std::move(app);
    ch.app_data = std::move(data);
  }

  void emit_varset(channel& ch, const std::string& name, const std::string& value) {
    set_var(ch, name, value);
    ChannelVarset event;
    event.variable = name;
    event.value = value;
    event.channel = snapshot(ch);
    publish(std::move(event), audience{{ch.id}, {}, {}, {}, true});
  }

  void set_var(channel& ch, const std::string& name, const std::string& value) {
    for (auto& [key, old] : ch.vars) {
      if (key == name) {
        old = value;
        if (ch.reported.count(name) != 0) ch.reported[name] = value;
        return;
      }
    }
    ch.vars.emplace_back(name, value);
  }

  void emit_callerid(channel& ch) {
    ChannelCallerId event;
    event.caller_presentation = 0;
    event.caller_presentation_txt = "Presentation Allowed, Not Screened";
    publish_channel(std::move(event), ch);
  }

  void emit_state(channel& ch, ChannelState state, bool update_device = true) {
    ch.state = state;
    publish_channel(ChannelStateChange{}, ch);
    if (update_device && (ch.kind == channel_kind::local1 || ch.kind == channel_kind::local2)) {
      device_update(ch.device);
    }
  }

  // A Local device is in use while one of its channels is up and not going away.
  void device_update(const std::string& device) {
    bool in_use = false;
    const auto members = local_devices_.find(device);
    if (members != local_devices_.end()) {
      for (const auto& id : members->second) {
        const channel* ch = find_channel(id);
        in_use = in_use || (ch && !ch->hangup_requested &&
                            (ch->state == ChannelState::Up || ch->state == ChannelState::Busy));
      }
    }
    emit_device(device, in_use ? "INUSE" : "NOT_INUSE");
  }

  void emit_dtmf(channel& ch, const std::string& digit, int duration_ms) {
    ChannelDtmfReceived event;
    event.digit = digit;
    event.duration_ms = duration_ms;
    publish_channel(std::move(event), ch);
    // In a bridge the digit goes on to the others; a Local ;1 passes it to its ;2.
    if (ch.bridge.empty()) return;
    const auto b = bridges_.find(ch.bridge);
    if (b == bridges_.end()) return;
    for (const auto& other : b->second.channels) {
      if (other == ch.id) continue;
      channel* o = find_channel(other);
      if (!o || o->kind != channel_kind::local1) continue;
      if (channel* far = find_channel(o->peer)) {
        ChannelDtmfReceived passed;
        passed.digit = digit;
        passed.duration_ms = duration_ms;
        publish_channel(std::move(passed), *far);
      }
    }
  }

  void emit_device(const std::string& device, const char* state) {
    DeviceStateChanged event;
    event.device_state.name = device;
    event.device_state.state = DeviceStateValue::from_text(state);
    publish(std::move(event), audience{{}, {}, device, {}, true});
  }

  // Asterisk 22 writes no caller member here, also for a dial with a caller channel.
  void emit_dial(channel& peer, const std::string& status) {
    Dial event;
    event.dialstatus = status;
    event.forward = std::string();
    event.dialstring = peer.dialstring;
    event.peer = snapshot(peer);
    publish(std::move(event), audience{{peer.id}, {}, {}, {}, true});
  }

  // ---- channels --------------------------------------------------------------------------

  channel* find_channel(const std::string& id) {
    const auto found = channels_.find(id);
    return found == channels_.end() ? nullptr : &found->second;
  }

  channel& new_channel(std::string id, std::string name) {
    if (id.empty()) {
      id = std::to_string(
               std::chrono::duration_cast<std::chrono::seconds>(now_.time_since_epoch()).count()) +
           "." + std::to_string(uniqueid_++);
    }
    channel& ch = channels_[id];
    ch.id = id;
    ch.name = std::move(name);
    ch.creationtime = stamp();
    // Lists give channels in creation order; a map keeps adding and removing logarithmic.
    if (ch.order != 0) channel_order_.erase(ch.order);
    ch.order = ++channel_sequence_;
    channel_order_.emplace(ch.order, id);
    return ch;
  }

  static bool parse_caller_id(const std::string& text, CallerID& out) {
    // "Name <number>", "\"Name\" <number>" or a bare number.
    const std::size_t open = text.find('<');
    if (open == std::string::npos) {
      out.name = "";
      out.number = text;
      return true;
    }
    const std::size_t close = text.find('>', open);
    std::string name = std::string(sim_detail::trim(std::string_view(text).substr(0, open)));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
    }
    out.name = name;
    out.number =
        text.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
    return true;
  }

  // A variable write as Set() and setChannelVar do it: functions change the party ids.
  void write_variable(channel& ch, const std::string& name, const std::string& value) {
    if (name == "CALLERID(all)") {
      parse_caller_id(value, ch.caller);
      emit_callerid(ch);
    } else if (name == "CALLERID(name)") {
      ch.caller.name = value;
      emit_callerid(ch);
    } else if (name == "CALLERID(num)" || name == "CALLERID(number)") {
      ch.caller.number = value;
      emit_callerid(ch);
    } else if (name == "CONNECTEDLINE(all)") {
      parse_caller_id(value, ch.connected);
      publish_channel(ChannelConnectedLine{}, ch);
      connected_line_crosses(ch);
    } else if (name == "CONNECTEDLINE(name)") {
      ch.connected.name = value;
      publish_channel(ChannelConnectedLine{}, ch);
    } else if (name == "CONNECTEDLINE(num)" || name == "CONNECTEDLINE(number)") {
      ch.connected.number = value;
      publish_channel(ChannelConnectedLine{}, ch);
    } else {
      emit_varset(ch, name, value);
    }
  }

  // Across a Local pair a connected line becomes the other half's caller: at once towards ;1,
  // and for ;2 only when it goes (seen in the capture).
  void connected_line_crosses(channel& ch) {
    channel* peer = ch.peer.empty() ? nullptr : find_channel(ch.peer);
    if (!peer) return;
    if (ch.kind == channel_kind::local2) {
      peer->caller = ch.connected;
      emit_callerid(*peer);
    } else {
      peer->pending_caller = true;
      peer->next_caller = ch.connected;
    }
  }

  std::string get_variable(const channel& ch, const std::string& name) const {
    if (name == "CALLERID(all)") return "\"" + ch.caller.name + "\" <" + ch.caller.number + ">";
    if (name == "CALLERID(name)") return ch.caller.name;
    if (name == "CALLERID(num)" || name == "CALLERID(number)") return ch.caller.number;
    if (name == "CONNECTEDLINE(name)") return ch.connected.name;
    if (name == "CONNECTEDLINE(num)") return ch.connected.number;
    for (const auto& [key, value] : ch.vars) {
      if (key == name) return value;
    }
    return {};
  }

  bool has_variable(const channel& ch, const std::string& name) const {
    if (name.find('(') != std::string::npos) return true;
    for (const auto& entry : ch.vars) {
      if (entry.first == name) return true;
    }
    return false;
  }

  void subscribe(const std::string& app, const std::string& channel_id) {
    auto found = apps_.find(app);
    if (found != apps_.end()) found->second.channels.insert(channel_id);
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts)
      out += "," + part;
    return out;
  }

  void enter_stasis(channel& ch, const std::string& app, const std::vector<std::string>& args,
                    bool from_dialplan) {
    if (!from_dialplan) set_app(ch, "Stasis", app + join(args));
    ch.nested_stasis = from_dialplan && ch.wrapper_pending;
    if (!from_dialplan) ch.wrapper_pending = true;
    ch.app = app;
    ch.in_pbx = false;
    ++ch.pbx_generation;
    // Before StasisStart: an app that only has the channel through Stasis does not see it.
    emit_varset(ch, "STASISSTATUS", "");
    ch.in_stasis = true;
    ch.was_in_stasis = true;
    StasisStart start;
    start.args = args;
    start.channel = snapshot(ch);
    publish(std::move(start), audience{{}, {}, {}, app, false});
  }

  void leave_stasis(channel& ch) {
    if (!ch.in_stasis) return;
    ch.in_stasis = false;
    StasisEnd end;
    end.channel = snapshot(ch);
    publish(std::move(end), audience{{}, {}, {}, ch.app, false});
  }

  static std::string cause_text(int cause) {
    switch (cause) {
      case 0:
        return "Unknown";
      case 1:
        return "Unallocated (unassigned) number";
      case 16:
        return "Normal Clearing";
      case 17:
        return "User busy";
      case 18:
        return "No user responding";
      case 19:
        return "User alerting, no answer";
      case 21:
        return "Call Rejected";
      case 26:
        return "Answered elsewhere";
      case 28:
        return "Invalid number format";
      case 31:
        return "Normal, unspecified";
      case 34:
        return "Circuit/channel congestion";
      case 38:
        return "Network out of order";
      case 41:
        return "Temporary failure";
      case 58:
        return "Bearer capability not available";
      case 127:
        return "Interworking, unspecified";
      default:
        return "Unknown";
    }
  }

  void emit_hangup_request(channel& ch, int cause, bool soft) {
    ChannelHangupRequest event;
    event.cause = cause;
    if (soft) event.soft = true;
    publish_channel(std::move(event), ch);
  }

  // Takes the channel out of its bridge, as a hangup or removeChannel does.
  void leave_bridge(channel& ch, bool set_peer_var) {
    if (ch.bridge.empty()) return;
    const auto found = bridges_.find(ch.bridge);
    ch.bridge.clear();
    if (found == bridges_.end()) return;
    bridge_state& b = found->second;
    auto& members = b.channels;
    for (auto it = members.begin(); it != members.end(); ++it) {
      if (*it == ch.id) {
        members.erase(it);
        break;
      }
    }
    if (set_peer_var && b.type != "holding") emit_varset(ch, "BRIDGEPEER", "");
    if (b.video_source == ch.id || b.last_video_source == ch.id) {
      b.video_source.clear();
      b.last_video_source.clear();
      b.video_mode = "talker";
      BridgeVideoSourceChanged changed;
      changed.bridge = snapshot(b);
      changed.old_video_source_id = ch.id;
      publish(std::move(changed), audience{{}, {b.id}, {}, {}, true});
    }
    ChannelLeftBridge left;
    left.bridge = snapshot(b);
    left.channel = snapshot(ch);
    publish(std::move(left), audience{{ch.id}, {b.id}, {}, {}, true});
    update_bridge_peers(b);
  }

  // BRIDGEPEER of every member of a mixing bridge of two or more: the others' names.
  void update_bridge_peers(bridge_state& b) {
    if (b.type == "holding" || b.channels.size() < 2) return;
    for (const auto& id : b.channels) {
      channel* ch = find_channel(id);
      if (!ch) continue;
      std::string peers = b.announcer;
      for (const auto& other : b.channels) {
        if (other == id) continue;
        if (const channel* o = find_channel(other)) {
          if (!peers.empty()) peers += ",";
          peers += o->name;
        }
      }
      emit_varset(*ch, "BRIDGEPEER", peers);
    }
  }

  void destroy(channel& ch, int cause) {
    // Snoops of a channel go with it.
    const std::vector<std::string> snoops = ch.snoops;
    ChannelDestroyed event;
    event.cause = cause;
    event.cause_txt = cause_text(cause);
    if (ch.pending_caller) ch.caller = ch.next_caller;
    if (ch.kind == channel_kind::local1 && ch.originated) {
      set_app(ch, "AppDial2", "(Outgoing Line)");
    } else if (!ch.in_pbx || ch.kind == channel_kind::local2) {
      set_app(ch, "", "");
    }
    event.channel = snapshot(ch);
    publish(std::move(event), audience{{ch.id}, {}, {}, {}, true});
    // A connected line ;1 was given reaches ;2 as its caller only as it goes.
    if (ch.pending_caller) emit_callerid(ch);
    const std::string id = ch.id;
    const std::string device = ch.device;
    const channel_kind kind = ch.kind;
    stop_media(ch);
    for (auto& [name, app] : apps_)
      app.channels.erase(id);
    channel_order_.erase(ch.order);
    channels_.erase(id);
    if (kind == channel_kind::local1 || kind == channel_kind::local2) {
      local_devices_[device].erase(id);
      device_update(device);
    }
    if (kind == channel_kind::snoop) emit_device(device, "INVALID");
    for (const auto& snoop_id : snoops) {
      if (channel* snoop = find_channel(snoop_id)) destroy(*snoop, 16);
    }
  }

  void stop_media(channel& ch) {
    if (!ch.current_playback.empty()) {
      const auto found = playbacks_.find(ch.current_playback);
      const auto& media =
          found == playbacks_.end() ? std::string() : found->second.media[found->second.index];
      // Media of no known scheme ("0/200") never reports its end.
      if (found != playbacks_.end() && media.find(':') != std::string::npos) {
        found->second.state = "done";
        PlaybackFinished finished;
        finished.playback = snapshot(found->second);
        publish(std::move(finished), audience{{ch.id}, {}, {}, {}, true});
        playbacks_.erase(found);
      }
    }
    for (const auto& id : ch.queue)
      playbacks_.erase(id);
    ch.queue.clear();
    ch.current_playback.clear();
    if (!ch.current_recording.empty()) finish_recording(ch.current_recording, "done");
  }

  // A hangup asked for through ARI (DELETE /channels/{id}) or by a dial timeout.
  void ari_hangup(channel& ch, int cause) {
    if (ch.hangup_requested) return;
    ch.hangup_requested = true;
    emit_hangup_request(ch, 32, true);
    leave_bridge(ch, true);
    if (ch.in_stasis) {
      leave_stasis(ch);
      emit_varset(ch, "STASISSTATUS", "SUCCESS");
      if (ch.nested_stasis) emit_varset(ch, "STASISSTATUS", "SUCCESS");
    }
    finish_hangup(ch, cause);
  }

  // The channel goes, and a Local peer with it.
  void finish_hangup(channel& ch, int cause) {
    ch.in_pbx = false;
    ++ch.pbx_generation;
    ++ch.dial_generation;
    channel* peer = ch.peer.empty() ? nullptr : find_channel(ch.peer);
    if (peer == nullptr || peer->hangup_requested) return destroy(ch, cause);
    peer->hangup_requested = true;
    peer->in_pbx = false;
    ++peer->pbx_generation;
    const std::string peer_id = peer->id;
    const int peer_cause = peer->own_cause != 0 ? peer->own_cause : cause;
    emit_hangup_request(*peer, cause, false);
    if (peer->in_stasis) {
      leave_stasis(*peer);
      emit_varset(*peer, "STASISSTATUS", "SUCCESS");
    }
    destroy(ch, cause);
    if ((peer = find_channel(peer_id)) != nullptr) {
      emit_hangup_request(*peer, 16, true);
      destroy(*peer, peer_cause);
    }
  }

  // The far end (dialplan Hangup on ;2, or the test) hangs up: the near side gets a hard
  // hangup request with the cause.
  void far_hangup(channel& ch, int cause) {
    if (ch.hangup_requested) return;
    ch.hangup_requested = true;
    ch.in_pbx = false;
    ++ch.pbx_generation;
    channel* peer = ch.peer.empty() ? nullptr : find_channel(ch.peer);
    if (ch.kind == channel_kind::local2 && peer != nullptr) {
      emit_hangup_request(ch, 16, true);
      peer->hangup_requested = true;
      emit_hangup_request(*peer, cause, false);
      leave_bridge(*peer, true);
      if (peer->in_stasis) {
        leave_stasis(*peer);
        emit_varset(*peer, "STASISSTATUS", "SUCCESS");
      }
      const std::string peer_id = peer->id;
      const std::string own_id = ch.id;
      destroy(*peer, cause);
      if (channel* self = find_channel(own_id)) destroy(*self, cause);
      (void)peer_id;
      return;
    }
    emit_hangup_request(ch, cause, false);
    leave_bridge(ch, true);
    if (ch.in_stasis) {
      leave_stasis(ch);
      emit_varset(ch, "STASISSTATUS", "SUCCESS");
    }
    destroy(ch, cause);
  }

  // ---- Local channels and the dialplan -----------------------------------------------------

  // Creates the ;1/;2 pair of "Local/exten@context".
  std::pair<channel*, channel*> make_local(const std::string& resource, std::string id1,
                                           std::string id2) {
    const std::size_t at = resource.find('@');
    const std::string exten = resource.substr(0, at);
    const std::string context = at == std::string::npos ? "default" : resource.substr(at + 1);
    const std::string base = "Local/" + exten + "@" + context + "-" + hex8(local_counter_++);
    channel& one = new_channel(std::move(id1), base + ";1");
    const std::string one_id = one.id;
    if (id2.empty()) id2 = one_id + ";2";
    channel& two = new_channel(std::move(id2), base + ";2");
    channel* first = find_channel(one_id);
    for (channel* ch : {first, &two}) {
      ch->context = context;
      ch->exten = exten;
      ch->priority = 1;
      ch->device = "Local/" + exten + "@" + context;
    }
    first->kind = channel_kind::local1;
    two.kind = channel_kind::local2;
    local_devices_[first->device].insert(first->id);
    local_devices_[two.device].insert(two.id);
    two.state = ChannelState::Ring;
    first->peer = two.id;
    two.peer = first->id;
    return {first, &two};
  }

  // Whether the id of a Local pair's ;2 half is in use already.
  bool other_id_taken(const std::string& id, const std::string& other) {
    if (!other.empty()) return other == id || find_channel(other) != nullptr;
    return !id.empty() && find_channel(id + ";2") != nullptr;
  }

  // The channel of a call to a non-Local endpoint ("PJSIP/bob").
  channel& new_endpoint_channel(std::string id, const std::string& endpoint) {
    channel& ch = new_channel(std::move(id), endpoint + "-" + hex8(endpoint_counter_++));
    ch.kind = channel_kind::phone;
    ch.device = endpoint;
    ch.context = "default";
    ch.exten = "s";
    ch.priority = 1;
    return ch;
  }

  // ;2 is called: it takes ;1's variables and party ids, then runs the dialplan.
  void start_local_far_end(channel& one, channel& two, bool announce_connected) {
    for (const auto& [name, value] : one.vars)
      emit_varset(two, name, value);
    if (!one.caller.number.empty() || !one.caller.name.empty()) {
      two.caller = one.connected;
      two.connected = one.caller;
      if (announce_connected) emit_callerid(two);
      publish_channel(ChannelConnectedLine{}, two);
    } else if (announce_connected && !one.connected.number.empty()) {
      two.connected = one.caller;
    }
  }

  void run_pbx(const std::string& id, std::uint64_t generation) {
    channel* ch = find_channel(id);
    if (!ch || !ch->in_pbx || ch->pbx_generation != generation) return;
    const auto context = dialplan_.find(ch->context);
    if (context == dialplan_.end()) return far_hangup(*ch, 16);
    const auto exten = context->second.find(ch->exten);
    if (exten == context->second.end()) return far_hangup(*ch, 16);
    const auto step = exten->second.find(ch->priority);
    if (step == exten->second.end()) return far_hangup(*ch, 16);
    set_app(*ch, step->second.app, step->second.data);
    publish_channel(make_dialplan(*ch), *ch);
    execute(*ch, step->second.app, step->second.data);
  }

  // The next priority runs after `after`; until then the snapshot keeps the current one.
  void next_step(channel& ch, duration after) {
    const std::string id = ch.id;
    const std::uint64_t generation = ch.pbx_generation;
    auto step = [this, id, generation] {
      channel* c = find_channel(id);
      if (!c || !c->in_pbx || c->pbx_generation != generation) return;
      ++c->priority;
      run_pbx(id, generation);
    };
    if (after.count() == 0) {
      step();
    } else {
      schedule(after, step);
    }
  }

  static duration seconds_of(const std::string& text) {
    try {
      const double seconds = std::stod(text);
      if (!(seconds > 0)) return duration{0};
      return duration{static_cast<std::int64_t>(std::min(seconds, 1e9) * 1000.0)};
    } catch (const std::exception&) {
      return duration{0};
    }
  }

  void start_pbx(channel& ch) {
    ch.in_pbx = true;
    ++ch.pbx_generation;
    run_pbx(ch.id, ch.pbx_generation);
  }

  void execute(channel& ch, const std::string& app, const std::string& data) {
    channel* peer = ch.peer.empty() ? nullptr : find_channel(ch.peer);
    if (app == "Answer") {
      if (ch.state == ChannelState::Up) return next_step(ch, duration{0});
      answer_local(ch);
      return next_step(ch, duration{500});
    }
    if (app == "Wait") return next_step(ch, seconds_of(data));
    if (app == "NoOp") return next_step(ch, duration{0});
    if (app == "Set") {
      const std::size_t eq = data.find('=');
      if (eq != std::string::npos) write_variable(ch, data.substr(0, eq), data.substr(eq + 1));
      return next_step(ch, duration{0});
    }
    if (app == "UserEvent") {
      const auto parts = ::ari::detail::read_list(data);
      ChannelUserevent event;
      event.eventname = parts[0];
      nlohmann::json body = nlohmann::json::object();
      for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::size_t colon = parts[i].find(':');
        if (colon == std::string::npos) continue;
        body[parts[i].substr(0, colon)] =
            std::string(sim_detail::trim(std::string_view(parts[i]).substr(colon + 1)));
      }
      body["eventname"] = parts[0];
      event.userevent = body;
      publish_channel(std::move(event), ch);
      return next_step(ch, duration{0});
    }
    if (app == "Hangup") {
      const int cause = data.empty() ? 16 : static_cast<int>(sim_detail::to_int(data));
      return dialplan_hangup(ch, cause);
    }
    if (app == "Ringing") {
      if (ch.kind == channel_kind::local2 && peer && peer->dialing) {
        emit_state(*peer, ChannelState::Ringing);
        emit_dial(*peer, "RINGING");
      }
      return next_step(ch, duration{0});
    }
    if (app == "Progress") {
      if (ch.kind == channel_kind::local2 && peer && peer->dialing) {
        emit_dial(*peer, "PROGRESS");
      }
      return next_step(ch, duration{0});
    }
    if (app == "Busy" || app == "Congestion") {
      const bool busy = app == "Busy";
      ch.own_cause = busy ? 17 : 34;
      // The device state is worked out after the failed originate has taken the pair down
      // (as the capture shows: no INUSE then), or with the pair still there after a dial.
      const std::string device = ch.device;
      emit_state(ch, ChannelState::Busy, false);
      if (ch.kind == channel_kind::local2 && peer && peer->dialing) {
        dial_failed(*peer, busy ? "BUSY" : "CONGESTION");
      }
      device_update(device);
      return;
    }
    if (app == "Playback") {
      const duration length = sound_length("sound:" + data);
      const std::string id = ch.id;
      const std::uint64_t generation = ch.pbx_generation;
      schedule(length, [this, id, generation] {
        channel* c = find_channel(id);
        if (!c || c->pbx_generation != generation || !c->in_pbx) return;
        emit_varset(*c, "PLAYBACKSTATUS", "SUCCESS");
        next_step(*c, duration{0});
      });
      return;
    }
    if (app == "PlayTones") return next_step(ch, duration{0});
    if (app == "SendDTMF") {
      // SendDTMF(digits[,timeout_ms between digits[,duration_ms]])
      const auto parts = ::ari::detail::read_list(data);
      const int between =
          std::max(0, static_cast<int>(sim_detail::to_int(parts.size() > 1 ? parts[1] : "", 250)));
      const int length =
          std::max(0, static_cast<int>(sim_detail::to_int(parts.size() > 2 ? parts[2] : "", 100)));
      duration at{length + 100};
      const std::string target = ch.peer;
      for (const char digit : parts[0]) {
        const std::string d(1, digit);
        schedule(at, [this, target, d, length] {
          if (channel* t = find_channel(target)) emit_dtmf(*t, d, length);
        });
        at += duration{length + between};
      }
      return next_step(ch, at - duration{length});
    }
    if (app == "Stasis") {
      auto parts = ::ari::detail::read_list(data);
      const std::string name = parts[0];
      parts.erase(parts.begin());
      if (apps_.count(name) == 0) return next_step(ch, duration{0});
      ch.in_pbx = false;
      enter_stasis(ch, name, parts, true);
      return;
    }
    // Anything else: a no-op.
    next_step(ch, duration{0});
  }

  duration sound_length(const std::string& uri) const {
    const auto found = options_.sound_durations.find(uri);
    if (found != options_.sound_durations.end()) return found->second;
    if (options_.default_sound_duration) return *options_.default_sound_duration;
    return duration{0};
  }

  bool sound_exists(const std::string& uri) const {
    return options_.sound_durations.count(uri) != 0 || options_.default_sound_duration;
  }

  // Runs `action` now when `delay` is zero (so that nothing waits for the next advance()),
  // else on the clock.
  void after(duration delay, std::function<void()> action) {
    if (delay.count() <= 0) {
      action();
    } else {
      schedule(delay, std::move(action));
    }
  }

  // A call to a non-Local endpoint ("PJSIP/bob"): it rings, then does what set_endpoint()
  // says (answer at once by default).
  void start_far_endpoint(const std::string& id) {
    channel* ch = find_channel(id);
    if (!ch) return;
    const auto found = endpoints_.find(ch->device);
    const endpoint_behaviour behaviour =
        found == endpoints_.end() ? endpoint_behaviour{} : found->second;
    const std::uint64_t generation = ch->dial_generation;
    if (behaviour.delay.count() > 0) {
      emit_state(*ch, ChannelState::Ringing);
      emit_dial(*ch, "RINGING");
    }
    after(behaviour.delay, [this, id, generation, behaviour] {
      channel* c = find_channel(id);
      if (!c || !c->dialing || c->dial_generation != generation) return;
      switch (behaviour.result) {
        case endpoint_behaviour::outcome::answer:
          c->dialing = false;
          ++c->dial_generation;
          emit_state(*c, ChannelState::Up);
          emit_dial(*c, "ANSWER");
          if (!c->originate_app.empty() && !c->in_stasis) {
            enter_stasis(*c, c->originate_app, c->originate_args, false);
          }
          break;
        case endpoint_behaviour::outcome::busy:
          endpoint_failed(*c, "BUSY", 17);
          break;
        case endpoint_behaviour::outcome::congestion:
          endpoint_failed(*c, "CONGESTION", 34);
          break;
        case endpoint_behaviour::outcome::no_answer:
          break;  // rings until the dial's timeout
      }
    });
  }

  void endpoint_failed(channel& c, const char* status, int cause) {
    c.dialing = false;
    ++c.dial_generation;
    emit_dial(c, status);
    // An originate that fails takes its channel down; a created channel stays in its
    // application, which hangs it up.
    if (c.originated) {
      c.hangup_requested = true;
      destroy(c, cause);
    }
  }

  // ;2 answers: ;1 answers too, and a dial or an originate ends.
  void answer_local(channel& two) {
    emit_state(two, ChannelState::Up);
    channel* one = two.peer.empty() ? nullptr : find_channel(two.peer);
    if (!one) return;
    emit_state(*one, ChannelState::Up);
    if (one->dialing) {
      one->dialing = false;
      ++one->dial_generation;
      emit_dial(*one, "ANSWER");
      if (!one->originate_app.empty())
        enter_stasis(*one, one->originate_app, one->originate_args, false);
    }
  }

  void dial_failed(channel& one, const std::string& status) {
    emit_dial(one, status);
    if (one.originated) {
      // An originate that fails takes its channel down at once.
      one.dialing = false;
      ++one.dial_generation;
      one.hangup_requested = true;
      channel* two = find_channel(one.peer);
      const std::string two_id = one.peer;
      if (two) {
        two->hangup_requested = true;
        two->in_pbx = false;
        ++two->pbx_generation;
        emit_hangup_request(*two, 0, false);
      }
      destroy(one, 0);
      if ((two = find_channel(two_id)) != nullptr) {
        emit_hangup_request(*two, 16, true);
        destroy(*two, two->own_cause != 0 ? two->own_cause : 16);
      }
    }
  }

  void dialplan_hangup(channel& ch, int cause) {
    if (ch.kind == channel_kind::local2) return far_hangup(ch, cause);
    // ;1 (or any channel) running Hangup() in the dialplan after leaving Stasis.
    ch.hangup_requested = true;
    ch.in_pbx = false;
    ++ch.pbx_generation;
    if (ch.was_in_stasis) {
      set_app(ch, "Stasis", ch.app + join(ch.originate_args));
      emit_varset(ch, "STASISSTATUS", "SUCCESS");
    }
    channel* peer = ch.peer.empty() ? nullptr : find_channel(ch.peer);
    const std::string peer_id = ch.peer;
    const std::string device = ch.device;
    if (peer) {
      peer->hangup_requested = true;
      peer->in_pbx = false;
      ++peer->pbx_generation;
      emit_hangup_request(*peer, cause, false);
    }
    destroy(ch, cause);
    if ((peer = find_channel(peer_id)) != nullptr) {
      emit_hangup_request(*peer, 16, true);
      destroy(*peer, cause);
    }
  }

  // ---- playbacks -------------------------------------------------------------------------

  void start_playback(const std::string& id) {
    const auto found = playbacks_.find(id);
    if (found == playbacks_.end()) return;
    playback_state& p = found->second;
    p.state = "playing";
    audience to = playback_audience(p);
    PlaybackStarted started;
    started.playback = snapshot(p);
    publish(std::move(started), to);
    play_current(id);
  }

  audience playback_audience(const playback_state& p) const {
    audience to;
    if (p.target.rfind("channel:", 0) == 0) to.channels.push_back(p.target.substr(8));
    if (p.target.rfind("bridge:", 0) == 0) {
      to.bridges.push_back(p.target.substr(7));
      to.twice_for_all = true;
    }
    return to;
  }

  // Media of a playback: how long, or nullopt when it cannot be played.
  std::optional<duration> media_length(const std::string& uri) const {
    if (uri.rfind("sound:", 0) == 0) {
      if (!sound_exists(uri)) return std::nullopt;
      return sound_length(uri);
    }
    if (uri.rfind("digits:", 0) == 0) {
      duration total{0};
      for (const char c : uri.substr(7)) {
        const std::string sound = std::string("sound:digits/") + c;
        if (!sound_exists(sound)) return std::nullopt;
        total += sound_length(sound);
      }
      return total;
    }
    if (uri.rfind("number:", 0) == 0) return std::nullopt;   // its prompts are not installed
    if (uri.rfind("tone:", 0) == 0) return duration::max();  // until stopped
    if (uri.rfind("recording:", 0) == 0) {
      if (stored_.count(uri.substr(10)) == 0) return std::nullopt;
      return duration{1000};
    }
    return duration::max();
  }

  void play_current(const std::string& id) {
    auto found = playbacks_.find(id);
    if (found == playbacks_.end()) return;
    playback_state& p = found->second;
    const auto length = media_length(p.media[p.index]);
    const std::uint64_t generation = ++p.generation;
    if (!length) {
      if (p.media[p.index].rfind("number:", 0) == 0) {
        // The first prompt plays, the next is missing.
        schedule(duration{200}, [this, id, generation] { media_ended(id, generation, false); });
      } else {
        media_ended(id, generation, false);
      }
      return;
    }
    p.started = now_;
    p.remaining = *length;
    if (*length == duration::max()) return;
    schedule(*length, [this, id, generation] { media_ended(id, generation, true); });
  }

  void media_ended(const std::string& id, std::uint64_t generation, bool ok) {
    auto found = playbacks_.find(id);
    if (found == playbacks_.end() || found->second.generation != generation) return;
    playback_state& p = found->second;
    if (p.index + 1 < p.media.size() && ok) {
      p.state = "continuing";
      PlaybackContinuing continuing;
      continuing.playback = snapshot(p);
      publish(std::move(continuing), playback_audience(p));
      ++p.index;
      start_playback(id);
      return;
    }
    finish_playback(id, ok ? "done" : "failed");
  }

  void finish_playback(const std::string& id, const char* state) {
    auto found = playbacks_.find(id);
    if (found == playbacks_.end()) return;
    playback_state p = found->second;
    playbacks_.erase(found);
    p.state = state;
    PlaybackFinished finished;
    finished.playback = snapshot(p);
    publish(std::move(finished), playback_audience(p));
    if (p.target.rfind("channel:", 0) == 0) {
      if (channel* ch = find_channel(p.target.substr(8))) {
        if (ch->current_playback == id) ch->current_playback.clear();
        if (!ch->queue.empty()) {
          const std::string next = ch->queue.front();
          ch->queue.pop_front();
          ch->current_playback = next;
          start_playback(next);
        }
      }
    } else if (p.target.rfind("bridge:", 0) == 0) {
      const auto b = bridges_.find(p.target.substr(7));
      if (b != bridges_.end() && b->second.type != "holding") {
        b->second.announcer.clear();
        update_bridge_peers(b->second);
      }
      // The announcer channel goes.
      emit_device("Announcer/ARI", "INUSE");
      emit_device("Announcer/ARI", "UNKNOWN");
    }
  }

  // ---- recordings ------------------------------------------------------------------------

  void finish_recording(const std::string& name, const char* state) {
    auto found = recordings_.find(name);
    if (found == recordings_.end()) return;
    recording_state r = found->second;
    recordings_.erase(found);
    r.state = state;
    LiveRecording live = snapshot(r);
    const bool on_bridge = r.target.rfind("bridge:", 0) == 0;
    audience to;
    if (on_bridge) {
      to.bridges.push_back(r.target.substr(7));
      to.twice_for_all = true;
    } else {
      to.channels.push_back(r.target.substr(8));
    }
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now_ - r.started);
    live.duration = on_bridge ? static_cast<int>(seconds.count()) : 0;
    if (std::string(state) == "done") {
      stored_.insert(r.name);
      RecordingFinished finished;
      finished.recording = live;
      publish(std::move(finished), to);
    } else {
      RecordingFailed failed;
      failed.recording = live;
      publish(std::move(failed), to);
    }
    if (on_bridge) {
      const auto b = bridges_.find(r.target.substr(7));
      if (b != bridges_.end()) {
        b->second.announcer.clear();
        update_bridge_peers(b->second);
      }
      emit_device("Recorder/ARI", "INUSE");
      emit_device("Recorder/ARI", "UNKNOWN");
    } else if (channel* ch = find_channel(r.target.substr(8))) {
      if (ch->current_recording == name) ch->current_recording.clear();
    }
  }

  // ---- HTTP ------------------------------------------------------------------------------

  static http_response reply(int status, std::string body = {}) {
    http_response response;
    response.status = status;
    response.reason = std::string(detail::http_reason_phrase(status));
    if (!body.empty()) {
      response.content_type = "application/json";
      response.body = std::move(body);
    }
    return response;
  }

  static http_response error(int status, const std::string& message) {
    nlohmann::json body = {{"message", message}};
    return reply(status, body.dump());
  }

  template <class T>
  static std::string json_of(const T& value) {
    return to_frame(value);
  }

  template <class T>
  static std::string json_list(const std::vector<T>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i != 0) out += ",";
      out += to_frame(values[i]);
    }
    return out + "]";
  }

  static http_response not_modelled(const char* operation) {
    return error(501, std::string("the simulator does not model ") + operation);
  }

  http_response dispatch(const http_request& request) {
    sim_detail::parsed_request in;
    in.method = request.method;
    std::string_view target = request.target;
    const std::size_t question = target.find('?');
    std::string_view path = target.substr(0, question);
    if (path.rfind("/ari/", 0) == 0) {
      path.remove_prefix(5);
    } else if (path == "/ari") {
      path = {};
    } else {
      return error(404, "Resource not found");
    }
    if (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (!path.empty()) {
      for (const auto& segment : sim_detail::split(path, '/')) {
        in.segments.push_back(sim_detail::uri_decode(segment));
      }
    }
    if (question != std::string_view::npos) {
      for (const auto& pair : sim_detail::split(target.substr(question + 1), '&')) {
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        in.params.emplace_back(
            sim_detail::uri_decode(pair.substr(0, eq)),
            eq == std::string::npos ? std::string() : sim_detail::uri_decode(pair.substr(eq + 1)));
      }
    }
    if (!request.body.empty()) {
      try {
        in.body = nlohmann::ordered_json::parse(request.body);
      } catch (const nlohmann::json::exception&) {
        return error(400, "Error parsing request body");
      }
      if (in.body.is_object()) {
        for (const auto& [key, value] : in.body.items()) {
          if (auto text = sim_detail::scalar_text(value)) in.params.emplace_back(key, *text);
        }
      }
    }
    try {
      return route(in);
    } catch (const std::exception& e) {
      return error(500, e.what());
    }
  }

  static bool match(const std::vector<std::string>& segments,
                    std::initializer_list<const char*> pattern) {
    if (segments.size() != pattern.size()) return false;
    std::size_t i = 0;
    for (const char* part : pattern) {
      if (part[0] != '{' && segments[i] != part) return false;
      ++i;
    }
    return true;
  }

  http_response route(const sim_detail::parsed_request& in);

  // Handlers, one per operation (defined below the class).
  http_response originate(const sim_detail::parsed_request& in, std::string id);
  http_response create(const sim_detail::parsed_request& in);
  http_response dial(const sim_detail::parsed_request& in, channel& ch);
  http_response hangup(const sim_detail::parsed_request& in, channel& ch);
  http_response play(const sim_detail::parsed_request& in, const std::string& target,
                     std::string id);
  http_response record(const sim_detail::parsed_request& in, const std::string& target);
  http_response snoop(const sim_detail::parsed_request& in, channel& ch, std::string id);
  http_response channel_op(const sim_detail::parsed_request& in, channel& ch,
                           const std::string& op);
  http_response bridge_route(const sim_detail::parsed_request& in);
  http_response playback_route(const sim_detail::parsed_request& in);
  http_response recording_route(const sim_detail::parsed_request& in);
  http_response application_route(const sim_detail::parsed_request& in);
  http_response user_event(const sim_detail::parsed_request& in);
  http_response endpoint_route(const sim_detail::parsed_request& in);
  http_response device_state_route(const sim_detail::parsed_request& in);
  http_response mailbox_route(const sim_detail::parsed_request& in);
  http_response asterisk_route(const sim_detail::parsed_request& in);

  Application describe_app(const std::string& name, const app_state& app) const {
    Application out;
    out.name = name;
    if (app.subscribe_all) {
      out.channel_ids = {"__AST_CHANNEL_ALL_TOPIC"};
      out.bridge_ids = {"__AST_BRIDGE_ALL_TOPIC"};
      out.endpoint_ids = {"__AST_ENDPOINT_ALL_TOPIC"};
      out.device_names = {"__AST_DEVICE_STATE_ALL_TOPIC"};
    } else {
      out.channel_ids.assign(app.channels.begin(), app.channels.end());
      out.bridge_ids.assign(app.bridges.begin(), app.bridges.end());
      out.endpoint_ids.assign(app.endpoints.begin(), app.endpoints.end());
      out.device_names.assign(app.devices.begin(), app.devices.end());
    }
    out.events_allowed = std::vector<nlohmann::json>{};
    out.events_disallowed = std::vector<nlohmann::json>{};
    for (const auto& type : app.allowed)
      out.events_allowed->push_back({{"type", type}});
    for (const auto& type : app.disallowed)
      out.events_disallowed->push_back({{"type", type}});
    return out;
  }

  void remove_from_bridge_silently(bridge_state& b, const std::string& id);

  void release_bridge(const std::string& app, const std::string& bridge_id) {
    const auto found = apps_.find(app);
    if (found == apps_.end()) return;
    auto refs = found->second.bridge_refs.find(bridge_id);
    if (refs != found->second.bridge_refs.end() && refs->second > 0) --refs->second;
  }

  simulator_options options_;
  time_point now_;
  time_point startup_;
  sim_detail::dialplan_table dialplan_;
  std::map<std::pair<time_point, std::uint64_t>, std::function<void()>> timers_;
  std::uint64_t timer_sequence_ = 0;
  std::map<std::string, channel> channels_;
  std::map<std::uint64_t, std::string> channel_order_;  // creation sequence -> id
  std::uint64_t channel_sequence_ = 0;
  std::map<std::string, bridge_state> bridges_;
  std::map<std::string, playback_state> playbacks_;
  std::map<std::string, recording_state> recordings_;
  std::set<std::string> stored_;
  std::map<std::string, app_state> apps_;
  std::map<std::string, endpoint_behaviour> endpoints_;
  std::map<std::string, std::string> globals_;
  // The live Local channels of each Local device ("Local/wait@far"), for its state.
  std::map<std::string, std::set<std::string>> local_devices_;
  std::map<std::string, std::string> device_states_;      // "Stasis:..." -> state
  std::map<std::string, std::pair<int, int>> mailboxes_;  // old, new messages
  std::vector<std::unique_ptr<event_socket>> sockets_;
  std::vector<exchange> log_;
  std::uint64_t local_counter_ = 0;
  std::uint64_t snoop_counter_ = 0;
  std::uint64_t endpoint_counter_ = 0;
  std::uint64_t uniqueid_ = 0;
  std::uint64_t playback_counter_ = 0;
};

}  // namespace ari::testing

#include "ari/testing/simulator/handlers.hpp"
