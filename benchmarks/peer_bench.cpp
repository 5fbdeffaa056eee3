// The peer comparison of issue 24 (benchmarks/README.md, "Peers (glaze, simdjson)"): the same
// frames decoded and encoded by nlohmann/json, ari-events, glaze and simdjson's on-demand API,
// into the same values, for counting instructions with callgrind (peer_instructions.sh).
//
//   peer_bench check                 checks, for every frame of both sets, that every decoder
//                                    produced the same values (exit status 1 and the frame's
//                                    index and difference otherwise)
//   peer_bench OPERATION SET ROUNDS  one round of OPERATION over the frames of SET, then ROUNDS
//                                    rounds between CALLGRIND_ZERO_STATS and
//                                    CALLGRIND_DUMP_STATS_AT("measured"); prints the heap
//                                    allocations per frame of those rounds
//   peer_bench --operations          the operations of this build, one a line
//   peer_bench --versions            compiler and library versions
//
//     SET        seed-types | sample (benchmarks/frames.hpp)
//     OPERATION  nlohmann_parse | nlohmann_dump | ari_decode | ari_encode | ari_encode_reuse |
//                glaze_read | glaze_write | glaze_write_reuse | simdjson_read (when built with
//                ARI_EVENTS_SIMDJSON_DIR)
//
// glaze and simdjson decode into the structs below, which mirror ari's models and events
// (include/ari/models.hpp, events.hpp) for the 25 event types of the capture: members named and
// ordered like ari's, std::optional where ari's member is, timestamps and enumerations as
// std::string (ari parses the first and maps the second), free-form values as glz::generic.
// glaze keeps error_on_unknown_keys, and the simdjson mapping refuses unknown keys too, so a
// member missing here is an error in `check`, not a member skipped.
#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <glaze/glaze.hpp>
#ifndef ARI_EVENTS_PEER_SIMDJSON  // defined by CMake when ARI_EVENTS_SIMDJSON_DIR is given
#define ARI_EVENTS_PEER_SIMDJSON 0
#endif
#if ARI_EVENTS_PEER_SIMDJSON
#include <simdjson.h>
#endif

#include <ari/ari.hpp>

// GCC takes the replaced operator delete's free() for a mismatch once both are inlined.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
#include "allocation_counter.hpp"
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#include "frames.hpp"

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(name)
#endif

namespace glz {
// glaze 6.3.0's generic value has no operator==; the check compares decoded values, and
// std::variant and std::vector find this one by argument-dependent lookup.
inline bool operator==(const generic& a, const generic& b) {
  return a.data == b.data;
}
}  // namespace glz

namespace peer {

using text = std::optional<std::string>;

struct CallerID {
  std::string name;
  std::string number;
  bool operator==(const CallerID&) const = default;
};

// ari's nullable members (Asterisk writes null for unset ones) are plain optionals here: a null
// would read as absent and glaze would then leave it out when writing, which the check would
// report. The frames have no null.
struct DialplanCEP {
  text context;
  text exten;
  std::optional<std::int64_t> priority;
  text app_name;
  text app_data;
  bool operator==(const DialplanCEP&) const = default;
};

struct Channel {
  std::string id;
  std::string name;
  std::string state;
  text protocol_id;
  CallerID caller;
  CallerID connected;
  std::string accountcode;
  DialplanCEP dialplan;
  std::string creationtime;
  std::string language;
  std::optional<std::map<std::string, std::string>> channelvars;
  text caller_rdnis;
  text tenantid;
  bool operator==(const Channel&) const = default;
};

struct Playback {
  std::string id;
  std::string media_uri;
  text next_media_uri;
  std::string target_uri;
  text language;
  std::string state;
  bool operator==(const Playback&) const = default;
};

struct Bridge {
  std::string id;
  std::string technology;
  std::string bridge_type;
  std::string bridge_class;
  std::string creator;
  std::string name;
  std::vector<std::string> channels;
  text creationtime;
  text video_mode;
  text video_source_id;
  std::optional<glz::generic> bridgevars;
  bool operator==(const Bridge&) const = default;
};

struct LiveRecording {
  std::string name;
  std::string format;
  std::string state;
  std::string target_uri;
  std::optional<int> duration;
  std::optional<int> talking_duration;
  std::optional<int> silence_duration;
  text cause;
  bool operator==(const LiveRecording&) const = default;
};

struct Endpoint {
  std::string technology;
  std::string resource;
  text state;
  std::vector<std::string> channel_ids;
  std::optional<int> max_channels;
  bool operator==(const Endpoint&) const = default;
};

struct DeviceState {
  std::string name;
  std::string state;
  bool operator==(const DeviceState&) const = default;
};

// The members every event has, around its own (the order of the struct is the order glaze
// writes; nlohmann's comparison ignores member order).
#define PEER_EVENT(Name, ...)                     \
  struct Name {                                   \
    std::string type;                             \
    text timestamp;                               \
    __VA_ARGS__                                   \
    text asterisk_id;                             \
    std::string application;                      \
    bool operator==(const Name&) const = default; \
  }

PEER_EVENT(BridgeCreated, Bridge bridge;);
PEER_EVENT(BridgeDestroyed, Bridge bridge;);
PEER_EVENT(BridgeVideoSourceChanged, Bridge bridge; text old_video_source_id;);
PEER_EVENT(ChannelCallerId, int caller_presentation{}; std::string caller_presentation_txt;
           Channel channel;);
PEER_EVENT(ChannelConnectedLine, Channel channel;);
PEER_EVENT(ChannelCreated, Channel channel;);
PEER_EVENT(ChannelDestroyed, int cause{}; std::string cause_txt; std::optional<int> tech_cause;
           Channel channel;);
PEER_EVENT(ChannelDialplan, std::string dialplan_app; std::string dialplan_app_data;
           Channel channel;);
PEER_EVENT(ChannelDtmfReceived, std::string digit; int duration_ms{}; Channel channel;);
PEER_EVENT(ChannelEnteredBridge, Bridge bridge; std::optional<Channel> channel;);
PEER_EVENT(ChannelHangupRequest, std::optional<int> cause; std::optional<bool> soft;
           std::optional<int> tech_cause; Channel channel;);
PEER_EVENT(ChannelLeftBridge, Bridge bridge; Channel channel;);
PEER_EVENT(ChannelStateChange, Channel channel;);
PEER_EVENT(ChannelUserevent, std::string eventname; glz::generic userevent;
           std::optional<Channel> channel; std::optional<Bridge> bridge;
           std::optional<Endpoint> endpoint;);
PEER_EVENT(ChannelVarset, std::string variable; std::string value; std::optional<Channel> channel;);
PEER_EVENT(DeviceStateChanged, DeviceState device_state;);
PEER_EVENT(Dial, std::string dialstatus; text forward; text dialstring;
           std::optional<Channel> caller; Channel peer; std::optional<Channel> forwarded;);
PEER_EVENT(PlaybackContinuing, Playback playback;);
PEER_EVENT(PlaybackFinished, Playback playback;);
PEER_EVENT(PlaybackStarted, Playback playback;);
PEER_EVENT(RecordingFailed, LiveRecording recording;);
PEER_EVENT(RecordingFinished, LiveRecording recording;);
PEER_EVENT(RecordingStarted, LiveRecording recording;);
PEER_EVENT(StasisEnd, Channel channel;);
PEER_EVENT(StasisStart, std::vector<std::string> args; Channel channel;
           std::optional<Channel> replace_channel;);

#undef PEER_EVENT

using Event =
    std::variant<BridgeCreated, BridgeDestroyed, BridgeVideoSourceChanged, ChannelCallerId,
                 ChannelConnectedLine, ChannelCreated, ChannelDestroyed, ChannelDialplan,
                 ChannelDtmfReceived, ChannelEnteredBridge, ChannelHangupRequest, ChannelLeftBridge,
                 ChannelStateChange, ChannelUserevent, ChannelVarset, DeviceStateChanged, Dial,
                 PlaybackContinuing, PlaybackFinished, PlaybackStarted, RecordingFailed,
                 RecordingFinished, RecordingStarted, StasisEnd, StasisStart>;

// The "type" of each alternative, in the variant's order.
inline constexpr std::array<std::string_view, std::variant_size_v<Event>> event_names{
    "BridgeCreated",
    "BridgeDestroyed",
    "BridgeVideoSourceChanged",
    "ChannelCallerId",
    "ChannelConnectedLine",
    "ChannelCreated",
    "ChannelDestroyed",
    "ChannelDialplan",
    "ChannelDtmfReceived",
    "ChannelEnteredBridge",
    "ChannelHangupRequest",
    "ChannelLeftBridge",
    "ChannelStateChange",
    "ChannelUserevent",
    "ChannelVarset",
    "DeviceStateChanged",
    "Dial",
    "PlaybackContinuing",
    "PlaybackFinished",
    "PlaybackStarted",
    "RecordingFailed",
    "RecordingFinished",
    "RecordingStarted",
    "StasisEnd",
    "StasisStart"};

}  // namespace peer

// glaze's tagged variant: the alternative is chosen by "type", wherever it is in the object
// (glaze restarts the object once it has read it), and stays a member of each struct.
template <>
struct glz::meta<peer::Event> {
  static constexpr std::string_view tag = "type";
  static constexpr auto ids = peer::event_names;
};

#if ARI_EVENTS_PEER_SIMDJSON
// simdjson's on-demand API with a hand-written mapping into the same structs: keys compared as
// they are in the text (as glaze does; ARI's keys have no escapes, and an escaped one would be
// refused as unknown), every key not of the struct refused.
namespace peer::sj {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

error_code read(od::value value, std::string& out) {
  return value.get_string(out);
}
error_code read(od::value value, std::int64_t& out) {
  return value.get_int64().get(out);
}
error_code read(od::value value, int& out) {
  std::int64_t number = 0;
  if (auto error = value.get_int64().get(number)) return error;
  if (number < INT_MIN || number > INT_MAX) return simdjson::NUMBER_OUT_OF_RANGE;
  out = static_cast<int>(number);
  return SUCCESS;
}
error_code read(od::value value, bool& out) {
  return value.get_bool().get(out);
}
error_code read(od::value value, std::map<std::string, std::string>& out);
error_code read(od::value value, glz::generic& out);
error_code read(od::value value, CallerID& out);
error_code read(od::value value, DialplanCEP& out);
error_code read(od::value value, Channel& out);
error_code read(od::value value, Playback& out);
error_code read(od::value value, Bridge& out);
error_code read(od::value value, LiveRecording& out);
error_code read(od::value value, Endpoint& out);
error_code read(od::value value, DeviceState& out);

// null leaves an optional empty, as glaze does.
template <class T>
error_code read(od::value value, std::optional<T>& out) {
  bool null = false;
  if (auto error = value.is_null().get(null)) return error;
  if (null) {
    out.reset();
    return SUCCESS;
  }
  return read(value, out.emplace());
}

template <class T>
error_code read(od::value value, std::vector<T>& out) {
  od::array array;
  if (auto error = value.get_array().get(array)) return error;
  for (auto element : array) {
    od::value item;
    if (auto error = element.get(item)) return error;
    if (auto error = read(item, out.emplace_back())) return error;
  }
  return SUCCESS;
}

// Map keys are data: unescaped.
error_code read(od::value value, std::map<std::string, std::string>& out) {
  od::object object;
  if (auto error = value.get_object().get(object)) return error;
  for (auto field : object) {
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return error;
    od::value item;
    if (auto error = field.value().get(item)) return error;
    if (auto error = read(item, out[std::string(key)])) return error;
  }
  return SUCCESS;
}

error_code read(od::value value, glz::generic& out) {
  od::json_type type;
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case od::json_type::object: {
      auto& object = out.data.emplace<glz::generic::object_t>();
      od::object members;
      if (auto error = value.get_object().get(members)) return error;
      for (auto field : members) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return error;
        od::value item;
        if (auto error = field.value().get(item)) return error;
        if (auto error = read(item, object[std::string(key)])) return error;
      }
      return SUCCESS;
    }
    case od::json_type::array: {
      auto& array = out.data.emplace<glz::generic::array_t>();
      od::array items;
      if (auto error = value.get_array().get(items)) return error;
      for (auto element : items) {
        od::value item;
        if (auto error = element.get(item)) return error;
        if (auto error = read(item, array.emplace_back())) return error;
      }
      return SUCCESS;
    }
    case od::json_type::string:
      return read(value, out.data.emplace<std::string>());
    case od::json_type::boolean:
      return value.get_bool().get(out.data.emplace<bool>());
    case od::json_type::null:
      out.data = nullptr;
      return SUCCESS;
    default:  // glaze's generic value holds every number as a double
      return value.get_double().get(out.data.emplace<double>());
  }
}

// Calls member(key, value) for each member of the object, key as written.
template <class Member>
error_code members(od::object& object, Member&& member) {
  for (auto field : object) {
    std::string_view key;
    if (auto error = field.escaped_key().get(key)) return error;
    od::value value;
    if (auto error = field.value().get(value)) return error;
    if (auto error = member(key, value)) return error;
  }
  return SUCCESS;
}
template <class Member>
error_code members(od::value value, Member&& member) {
  od::object object;
  if (auto error = value.get_object().get(object)) return error;
  return members(object, member);
}

#define PEER_MEMBER(name) \
  if (key == #name) return read(value, out.name)
#define PEER_UNKNOWN return simdjson::NO_SUCH_FIELD

error_code read(od::value object, CallerID& out) {
  return members(object, [&](std::string_view key, od::value value) -> error_code {
    PEER_MEMBER(name);
    PEER_MEMBER(number);
    PEER_UNKNOWN;
  });
}
error_code read(od::value object, DialplanCEP& out) {
  return members(object, [&](std::string_view key, od::value value) -> error_code {
    PEER_MEMBER(context);
    PEER_MEMBER(exten);
    PEER_MEMBER(priority);
    PEER_MEMBER(app_name);
    PEER_MEMBER(app_data);
    PEER_UNKNOWN;
  });
}
error_code read(od::value object, Channel& out) {
  return members(object, [&](std::string_view key, od::value value) -> error_code {
    PEER_MEMBER(id);
    PEER_MEMBER(name);
    PEER_MEMBER(state);
    PEER_MEMBER(protocol_id);
    PEER_MEMBER(caller);
    PEER_MEMBER(connected);
    PEER_MEMBER(accountcode);
    PEER_MEMBER(dialplan);
    PEER_MEMBER(creationtime);
    PEER_MEMBER(language);
    PEER_MEMBER(channelvars);
    PEER_MEMBER(caller_rdnis);
    PEER_MEMBER(tenantid);
    PEER_UNKNOWN;
  });
}
error_code read(od::value object, Playback& out) {
  return members(object, [&](std::string_view key, od::value value) -> error_code {
    PEER_MEMBER(id);
    PEER_MEMBER(media_uri);
    PEER_MEMBER(next_media_uri);
    PEER_MEMBER(target_uri);
    PEER_MEMBER(language);
    PEER_MEMBER(state);
    PEER_UNKNOWN;
  });
}
error_code read(od::value object, Bridge& out) {
  return members(object, [&](std::string_view key, od::value value) -> error_code {
    PEER_MEMBER(id);
    PEER_MEMBER(technology);
    PEER_MEMBER(bridge_type);
    PEER_MEMBER(bridge_class);
    PEER_MEMBER(creator);
    PEER_MEMBER(name);
    PEER_MEMBER(channels);
    PEER_MEMBER(creationtime);
    PEER_MEMBER(video_mode);
    PEER_MEMBER(video_source_id);
    PEER_MEMBER(bridgevars);
    PEER_UNKNOWN;
  });
}
error_code read(od::value object, LiveRecording& out) {
  return members(object, [&](std::string_view key, od::value value) -> error_code {
    PEER_MEMBER(name);
    PEER_MEMBER(format);
    PEER_MEMBER(state);
    PEER_MEMBER(target_uri);
    PEER_MEMBER(duration);
    PEER_MEMBER(talking_duration);
    PEER_MEMBER(silence_duration);
    PEER_MEMBER(cause);
    PEER_UNKNOWN;
  });
}
error_code read(od::value object, Endpoint& out) {
  return members(object, [&](std::string_view key, od::value value) -> error_code {
    PEER_MEMBER(technology);
    PEER_MEMBER(resource);
    PEER_MEMBER(state);
    PEER_MEMBER(channel_ids);
    PEER_MEMBER(max_channels);
    PEER_UNKNOWN;
  });
}
error_code read(od::value object, DeviceState& out) {
  return members(object, [&](std::string_view key, od::value value) -> error_code {
    PEER_MEMBER(name);
    PEER_MEMBER(state);
    PEER_UNKNOWN;
  });
}

// An event's members: its own (own(key, value, out)), then the four every event has.
#define PEER_EVENT_READER(Name, ...)                                                  \
  error_code read_members(od::object& object, Name& out) {                            \
    return members(object, [&](std::string_view key, od::value value) -> error_code { \
      __VA_ARGS__ PEER_MEMBER(type);                                                  \
      PEER_MEMBER(timestamp);                                                         \
      PEER_MEMBER(asterisk_id);                                                       \
      PEER_MEMBER(application);                                                       \
      PEER_UNKNOWN;                                                                   \
    });                                                                               \
  }

// clang-format off
PEER_EVENT_READER(BridgeCreated, PEER_MEMBER(bridge);)
PEER_EVENT_READER(BridgeDestroyed, PEER_MEMBER(bridge);)
PEER_EVENT_READER(BridgeVideoSourceChanged, PEER_MEMBER(bridge); PEER_MEMBER(old_video_source_id);)
PEER_EVENT_READER(ChannelCallerId, PEER_MEMBER(caller_presentation);
                  PEER_MEMBER(caller_presentation_txt); PEER_MEMBER(channel);)
PEER_EVENT_READER(ChannelConnectedLine, PEER_MEMBER(channel);)
PEER_EVENT_READER(ChannelCreated, PEER_MEMBER(channel);)
PEER_EVENT_READER(ChannelDestroyed, PEER_MEMBER(cause); PEER_MEMBER(cause_txt);
                  PEER_MEMBER(tech_cause); PEER_MEMBER(channel);)
PEER_EVENT_READER(ChannelDialplan, PEER_MEMBER(dialplan_app); PEER_MEMBER(dialplan_app_data);
                  PEER_MEMBER(channel);)
PEER_EVENT_READER(ChannelDtmfReceived, PEER_MEMBER(digit); PEER_MEMBER(duration_ms);
                  PEER_MEMBER(channel);)
PEER_EVENT_READER(ChannelEnteredBridge, PEER_MEMBER(bridge); PEER_MEMBER(channel);)
PEER_EVENT_READER(ChannelHangupRequest, PEER_MEMBER(cause); PEER_MEMBER(soft);
                  PEER_MEMBER(tech_cause); PEER_MEMBER(channel);)
PEER_EVENT_READER(ChannelLeftBridge, PEER_MEMBER(bridge); PEER_MEMBER(channel);)
PEER_EVENT_READER(ChannelStateChange, PEER_MEMBER(channel);)
PEER_EVENT_READER(ChannelUserevent, PEER_MEMBER(eventname); PEER_MEMBER(userevent);
                  PEER_MEMBER(channel); PEER_MEMBER(bridge); PEER_MEMBER(endpoint);)
PEER_EVENT_READER(ChannelVarset, PEER_MEMBER(variable); PEER_MEMBER(value); PEER_MEMBER(channel);)
PEER_EVENT_READER(DeviceStateChanged, PEER_MEMBER(device_state);)
PEER_EVENT_READER(Dial, PEER_MEMBER(dialstatus); PEER_MEMBER(forward); PEER_MEMBER(dialstring);
                  PEER_MEMBER(caller); PEER_MEMBER(peer); PEER_MEMBER(forwarded);)
PEER_EVENT_READER(PlaybackContinuing, PEER_MEMBER(playback);)
PEER_EVENT_READER(PlaybackFinished, PEER_MEMBER(playback);)
PEER_EVENT_READER(PlaybackStarted, PEER_MEMBER(playback);)
PEER_EVENT_READER(RecordingFailed, PEER_MEMBER(recording);)
PEER_EVENT_READER(RecordingFinished, PEER_MEMBER(recording);)
PEER_EVENT_READER(RecordingStarted, PEER_MEMBER(recording);)
PEER_EVENT_READER(StasisEnd, PEER_MEMBER(channel);)
PEER_EVENT_READER(StasisStart, PEER_MEMBER(args); PEER_MEMBER(channel);
                  PEER_MEMBER(replace_channel);)
// clang-format on

#undef PEER_EVENT_READER
#undef PEER_UNKNOWN
#undef PEER_MEMBER

using event_reader = error_code (*)(od::object&, Event&);

template <class E>
error_code read_event(od::object& object, Event& out) {
  return read_members(object, out.emplace<E>());
}

template <std::size_t... I>
constexpr std::array<event_reader, sizeof...(I)> make_readers(std::index_sequence<I...>) {
  return {&read_event<std::variant_alternative_t<I, Event>>...};
}
inline constexpr auto event_readers =
    make_readers(std::make_index_sequence<std::variant_size_v<Event>>{});

// One parser, kept from frame to frame as simdjson advises. The input needs
// simdjson::SIMDJSON_PADDING readable bytes after the text: the frames are copied into padded
// strings before measuring.
class reader {
 public:
  error_code read(const simdjson::padded_string& frame, Event& out) {
    od::document document;
    if (auto error = parser_.iterate(frame).get(document)) return error;
    od::object object;
    if (auto error = document.get_object().get(object)) return error;
    // "type" first, wherever it is (Asterisk writes some members before it), then the object
    // again from its start.
    std::string_view type;
    if (auto error = object.find_field_unordered("type").get_string().get(type)) return error;
    std::size_t index = 0;
    while (index < event_names.size() && event_names[index] != type)
      ++index;
    if (index == event_names.size()) return simdjson::INCORRECT_TYPE;
    bool reset = false;
    if (auto error = object.reset().get(reset)) return error;
    if (auto error = event_readers[index](object, out)) return error;
    return document.at_end() ? SUCCESS : simdjson::TRAILING_CONTENT;
  }

 private:
  od::parser parser_;
};

}  // namespace peer::sj
#endif

namespace {

constexpr std::array<std::string_view, 9> all_operations{
    "nlohmann_parse", "nlohmann_dump", "ari_decode",        "ari_encode",   "ari_encode_reuse",
    "glaze_read",     "glaze_write",   "glaze_write_reuse", "simdjson_read"};

constexpr bool have_simdjson = ARI_EVENTS_PEER_SIMDJSON != 0;

const bench::frame_set* find_set(std::string_view name) {
  if (name != "seed-types" && name != "sample") return nullptr;
  for (const auto& set : bench::frame_sets()) {
    if (set.name == name) return &set;
  }
  return nullptr;
}

// glaze's error with the place in the frame.
std::string glaze_error(const glz::error_ctx& error, const std::string& frame) {
  return glz::format_error(error, frame);
}

int fail(const std::string& set, std::size_t index, const std::string& frame,
         const std::string& what) {
  std::cerr << "peer_bench check: set " << set << ", frame " << index << ": " << what
            << "\n  frame: " << frame << '\n';
  return 1;
}

std::string difference(const nlohmann::json& expected, const nlohmann::json& found) {
  return nlohmann::json::diff(expected, found).dump();
}

// Every decoder's values against the others', frame by frame.
int check() {
#if ARI_EVENTS_PEER_SIMDJSON
  peer::sj::reader simdjson_reader;
#endif
  for (const char* name : {"seed-types", "sample"}) {
    const bench::frame_set* set = find_set(name);
    if (set == nullptr) return fail(name, 0, "", "no such frame set");
    for (std::size_t i = 0; i < set->frames.size(); ++i) {
      const std::string& frame = set->frames[i];
      const auto expected = nlohmann::json::parse(frame);
      // ari-events: decoded, and encoded again
      const ari::Event event = ari::parse_event(frame);
      const nlohmann::json ari_json = event;  // ari's to_json
      if (ari_json != expected)
        return fail(name, i, frame,
                    "ari::to_json(parse_event) differs: " + difference(expected, ari_json));
      const auto ari_frame = nlohmann::json::parse(ari::to_frame(event));
      if (ari_frame != expected)
        return fail(name, i, frame, "ari::to_frame differs: " + difference(expected, ari_frame));
      // glaze: decoded, and its own encoding of that
      peer::Event glaze_event;
      if (auto error = glz::read_json(glaze_event, frame))
        return fail(name, i, frame, "glaze read: " + glaze_error(error, frame));
      std::string glaze_frame;
      if (auto error = glz::write_json(glaze_event, glaze_frame))
        return fail(name, i, frame, "glaze write: " + glaze_error(error, glaze_frame));
      const auto glaze_json = nlohmann::json::parse(glaze_frame);
      if (glaze_json != expected)
        return fail(name, i, frame,
                    "glaze's write of its read differs: " + difference(expected, glaze_json));
#if ARI_EVENTS_PEER_SIMDJSON
      // simdjson: the same struct as glaze's
      const simdjson::padded_string padded(frame);
      peer::Event simdjson_event;
      if (auto error = simdjson_reader.read(padded, simdjson_event))
        return fail(name, i, frame, std::string("simdjson: ") + simdjson::error_message(error));
      if (!(simdjson_event == glaze_event)) {
        std::string simdjson_frame;
        (void)glz::write_json(simdjson_event, simdjson_frame);
        return fail(name, i, frame,
                    "simdjson's struct differs from glaze's: " +
                        difference(glaze_json, nlohmann::json::parse(simdjson_frame)));
      }
#endif
    }
    std::cout << "check " << name << ": " << set->frames.size()
              << " frames, the same values from nlohmann, ari-events, glaze"
              << (have_simdjson ? ", simdjson" : "") << '\n';
  }
  return 0;
}

// What the measured operations work on, made before measuring.
struct inputs {
  const bench::frame_set* set = nullptr;
  std::vector<nlohmann::json> documents;
  std::vector<ari::Event> events;
  std::vector<peer::Event> glaze_events;
#if ARI_EVENTS_PEER_SIMDJSON
  std::vector<simdjson::padded_string> padded;
  peer::sj::reader simdjson_reader;
#endif
  std::string reused;
};

using operation_fn = std::size_t (*)(inputs&, std::size_t);

// Each returns something of its result, summed and printed, so that nothing is optimised away.
operation_fn find_operation(std::string_view name) {
  if (name == "nlohmann_parse")
    return
        [](inputs& in, std::size_t i) { return nlohmann::json::parse(in.set->frames[i]).size(); };
  if (name == "nlohmann_dump")
    return [](inputs& in, std::size_t i) { return in.documents[i].dump().size(); };
  if (name == "ari_decode")
    return [](inputs& in, std::size_t i) { return ari::parse_event(in.set->frames[i]).index(); };
  if (name == "ari_encode")
    return [](inputs& in, std::size_t i) { return ari::to_frame(in.events[i]).size(); };
  if (name == "ari_encode_reuse")
    return [](inputs& in, std::size_t i) {
      ari::to_frame(in.events[i], in.reused);
      return in.reused.size();
    };
  // A new variant for each frame, as parse_event returns a new event.
  if (name == "glaze_read")
    return [](inputs& in, std::size_t i) {
      peer::Event event;
      const auto error = glz::read_json(event, in.set->frames[i]);
      return event.index() + static_cast<std::size_t>(bool(error));
    };
  if (name == "glaze_write")
    return [](inputs& in, std::size_t i) {
      const auto text = glz::write_json(in.glaze_events[i]);
      return text ? text->size() : 0;
    };
  if (name == "glaze_write_reuse")
    return [](inputs& in, std::size_t i) {
      const auto error = glz::write_json(in.glaze_events[i], in.reused);
      return in.reused.size() + static_cast<std::size_t>(bool(error));
    };
#if ARI_EVENTS_PEER_SIMDJSON
  if (name == "simdjson_read")
    return [](inputs& in, std::size_t i) {
      peer::Event event;
      const auto error = in.simdjson_reader.read(in.padded[i], event);
      return event.index() + static_cast<std::size_t>(error);
    };
#endif
  return nullptr;
}

int measure(std::string_view operation, std::string_view set_name, long rounds) {
  inputs in;
  in.set = find_set(set_name);
  const operation_fn run = find_operation(operation);
  if (in.set == nullptr || run == nullptr || rounds < 1) {
    std::cerr << "peer_bench: unknown operation or frame set, or bad round count (see "
                 "peer_bench --help)\n";
    return 2;
  }
  for (const auto& frame : in.set->frames) {
    in.documents.push_back(nlohmann::json::parse(frame));
    in.events.push_back(ari::parse_event(frame));
    if (auto error = glz::read_json(in.glaze_events.emplace_back(), frame)) {
      std::cerr << "peer_bench: glaze: " << glz::format_error(error, frame)
                << " (run peer_bench check)\n";
      return 1;
    }
#if ARI_EVENTS_PEER_SIMDJSON
    in.padded.emplace_back(frame);
#endif
  }
  std::size_t sink = 0;
  // One round first, so that reused strings and parsers have grown.
  for (std::size_t i = 0; i < in.set->frames.size(); ++i)
    sink += run(in, i);
  const std::size_t before = bench::allocations;
  CALLGRIND_ZERO_STATS;
  for (long round = 0; round < rounds; ++round) {
    for (std::size_t i = 0; i < in.set->frames.size(); ++i)
      sink += run(in, i);
  }
  CALLGRIND_DUMP_STATS_AT("measured");
  const double frames = static_cast<double>(rounds) * static_cast<double>(in.set->frames.size());
  std::cout << "frames " << static_cast<long long>(frames) << " allocs/frame "
            << static_cast<double>(bench::allocations - before) / frames << " sink " << sink
            << '\n';
  return 0;
}

void usage(std::ostream& out) {
  out << "usage: peer_bench check\n"
         "       peer_bench OPERATION SET ROUNDS\n"
         "       peer_bench --operations | --versions | --help\n"
         "  SET        seed-types | sample\n"
         "  OPERATION  (peer_bench --operations)\n"
         "check: every decoder's values against the others' for every frame; OPERATION: one\n"
         "round, then ROUNDS rounds between CALLGRIND_ZERO_STATS and\n"
         "CALLGRIND_DUMP_STATS_AT(\"measured\") (benchmarks/peer_instructions.sh)\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view first = argc > 1 ? argv[1] : "";
  if (argc == 2 && (first == "--help" || first == "-h")) {
    usage(std::cout);
    return 0;
  }
  if (argc == 2 && first == "--operations") {
    for (auto operation : all_operations) {
      if (operation != "simdjson_read" || have_simdjson) std::cout << operation << '\n';
    }
    return 0;
  }
  if (argc == 2 && first == "--versions") {
    std::cout << "compiler " << __VERSION__ << "\nnlohmann/json " << NLOHMANN_JSON_VERSION_MAJOR
              << '.' << NLOHMANN_JSON_VERSION_MINOR << '.' << NLOHMANN_JSON_VERSION_PATCH
              << "\nglaze " << int{glz::version.major} << '.' << int{glz::version.minor} << '.'
              << int{glz::version.patch} << '\n';
#if ARI_EVENTS_PEER_SIMDJSON
    // The on-demand code is compiled into this program for the compiler's target (builtin);
    // only the structural index is chosen at run time (active).
    std::cout << "simdjson " << SIMDJSON_VERSION
              << " (on-demand code: " << simdjson::builtin_implementation()->name()
              << "; index: " << simdjson::get_active_implementation()->name() << ")\n";
#endif
    return 0;
  }
  try {
    if (argc == 2 && first == "check") return check();
    if (argc == 4) return measure(first, argv[2], std::atol(argv[3]));
  } catch (const std::exception& error) {
    std::cerr << "peer_bench: " << error.what() << '\n';
    return 1;
  }
  usage(std::cerr);
  return 2;
}
