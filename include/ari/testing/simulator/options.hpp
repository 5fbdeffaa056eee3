// ari-events simulator: how it is set up (simulator_options), what the world outside does
// (endpoint_behaviour, incoming_call_options), and the record of requests (exchange).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "ari/requests.hpp"
#include "ari/testing/simulator/dialplan.hpp"
#include "ari/testing/simulator/http.hpp"

namespace ari::testing {

/// How the simulated Asterisk is set up. A default-made one replays the conversation capture.
struct simulator_options {
  /// The virtual clock's start.
  date::sys_time<std::chrono::milliseconds> start_time =
      date::sys_days{date::year{2026} / 1 / 15} + std::chrono::hours{10};
  /// The server's UTC offset, written in every timestamp.
  std::chrono::minutes utc_offset{0};
  /// asterisk_id of every event, and system.entity_id of asterisk/info.
  std::string asterisk_id = "02:fc:00:00:00:01";
  /// system.version of asterisk/info.
  std::string version = "22.10.1";
  /// config.name of asterisk/info (the system name).
  std::string system_name;
  /// How long each sound plays, by media URI ("sound:beep"). A sound that is neither here nor
  /// covered by default_sound_duration does not exist: its playback fails at once.
  std::map<std::string, std::chrono::milliseconds> sound_durations = {
      {"sound:ari-test", std::chrono::milliseconds{1000}},
      {"sound:ari-long", std::chrono::milliseconds{6000}},
      {"sound:ari-speech", std::chrono::milliseconds{2000}},
      {"sound:ari-silence", std::chrono::milliseconds{4000}},
      {"sound:ari-tone440", std::chrono::milliseconds{4000}},
      {"sound:beep", std::chrono::milliseconds{300}},
      {"sound:pbx-transfer", std::chrono::milliseconds{300}},
      {"sound:pbx-invalid", std::chrono::milliseconds{300}},
      {"sound:digits/0", std::chrono::milliseconds{200}},
      {"sound:digits/1", std::chrono::milliseconds{200}},
      {"sound:digits/2", std::chrono::milliseconds{200}},
      {"sound:digits/3", std::chrono::milliseconds{200}},
      {"sound:digits/4", std::chrono::milliseconds{200}},
      {"sound:digits/5", std::chrono::milliseconds{200}},
      {"sound:digits/6", std::chrono::milliseconds{200}},
      {"sound:digits/7", std::chrono::milliseconds{200}},
      {"sound:digits/8", std::chrono::milliseconds{200}},
      {"sound:digits/9", std::chrono::milliseconds{200}}};
  /// The duration of any sound missing from sound_durations; unset: such a sound is missing.
  std::optional<std::chrono::milliseconds> default_sound_duration;
  /// Applications registered without a connection of their own (ari.conf's outbound
  /// WebSocket clients): listed by GET /applications, they get no frames.
  std::vector<std::string> registered_applications;
  /// extensions.conf text: where Local channels, continue and redirect go.
  std::string dialplan = conversations_dialplan();
};

/// What the far end of a non-Local endpoint ("PJSIP/bob") does when it is called.
struct endpoint_behaviour {
  /// What happens once the delay has passed.
  enum class outcome { answer, busy, congestion, no_answer };
  /// The outcome.
  outcome result = outcome::answer;
  /// How long it rings first.
  std::chrono::milliseconds delay{0};
};

/// Who calls in through simulator::incoming_call.
struct incoming_call_options {
  /// Stasis arguments.
  std::vector<std::string> args;
  /// The caller's number.
  std::string caller_number = "1001";
  /// The caller's name.
  std::string caller_name;
  /// The dialled extension.
  std::string extension = "100";
  /// The dialplan context it was dialled in.
  std::string context = "default";
  /// The channel's technology and resource ("PJSIP/alice").
  std::string endpoint = "PJSIP/alice";
  /// Its id; empty: Asterisk's "<time>.<n>".
  std::string id;
};

/// A request the simulator received and what it answered.
struct exchange {
  /// The request as HTTP (a RESTRequest frame is converted).
  http_request request;
  /// The answer.
  http_response response;
};

}  // namespace ari::testing
