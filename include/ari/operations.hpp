// ari-events: every ARI REST operation, described once.
//
// One struct per operation, in a namespace per api-docs file and named by the schema's
// nickname (a C++ keyword gets a trailing underscore: deviceStates::delete_). Each is described
// by a parameter list macro that applies P once per parameter, in the schema's order:
//
//   P(place, presence, type, name, "release lines")
//
//   place     path, query, body (sent as {"name": value}) or whole_body (the value is the body)
//   presence  required: a plain member; optional: a std::optional (body values are
//             nlohmann::json either way, null meaning "not set")
//   type      std::string, int, std::int64_t, bool, an enumeration, std::vector<...> for the
//             schema's allowMultiple (sent comma-joined), nlohmann::json for a body
//   lines     the Asterisk release lines that define the parameter, as for event types
//
// and by an error list macro that applies E(status, reason) per documented error status.
// A parameter defined in several lines is required only when every one of them requires it
// (external_host: required in 16-19, optional from 20); a path parameter always is, also where
// the schema leaves "required" out (endpoints' tech and resource). Enumerations hold the values of
// every line. tools/check_spec.py checks all of it against Asterisk's schema, bar the departures it
// declares where Asterisk's code reads a request otherwise (bridges::create's body); what the
// request layer adds for the server's sake is in requests.hpp (README: "Server quirks").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "ari/events.hpp"
#include "ari/models.hpp"
#include "ari/text_enum.hpp"

namespace ari {

/// Where a request parameter travels.
enum class parameter_place : unsigned char {
  path,       ///< a segment of the path, percent-encoded
  query,      ///< the query string (HTTP) or query_strings (WebSocket)
  body,       ///< the JSON body, as {"name": value}
  whole_body  ///< the JSON body itself (applications::filter, bridges::create's variables)
};

namespace detail {

template <class T>
struct is_text_enum : std::false_type {};
template <class Names>
struct is_text_enum<TextEnum<Names>> : std::true_type {};

// The member that holds a parameter: a std::optional unless it is required or a body.
template <bool Required, class T>
using parameter_member_t =
    std::conditional_t<Required || std::is_same_v<T, nlohmann::json>, T, std::optional<T>>;

// What a member starts as. A required enumeration starts as Other with no text, so that one
// left unset is refused rather than sent as the first value.
template <class T>
constexpr T empty_value() {
  if constexpr (is_text_enum<T>::value) {
    return T(T::Other);
  } else {
    return T{};
  }
}

/// One described parameter: its name, place, lines and the member that holds it.
template <class Member, class Owner>
struct parameter {
  std::string_view name;
  parameter_place place;
  bool required;
  std::string_view lines;
  Member Owner::*member;
};

constexpr std::string_view without_trailing_underscore(std::string_view name) {
  return name.substr(0, name.size() - (name.back() == '_' ? 1 : 0));
}

}  // namespace detail
}  // namespace ari

#define ARI_DETAIL_PRESENCE_required true
#define ARI_DETAIL_PRESENCE_optional false
#define ARI_DETAIL_PARAMETER_TYPE(presence, type) \
  ::ari::detail::parameter_member_t<ARI_DETAIL_PRESENCE_##presence, type>
#define ARI_DETAIL_DECLARE_PARAMETER(place, presence, type, name, lines) \
  /** The parameter `name`. */                                           \
  ARI_DETAIL_PARAMETER_TYPE(presence, type)                              \
  name = ::ari::detail::empty_value<ARI_DETAIL_PARAMETER_TYPE(presence, type)>();
#define ARI_DETAIL_VISIT_PARAMETER(place, presence, type, name, lines)                     \
  ari_visit(::ari::detail::parameter<ARI_DETAIL_PARAMETER_TYPE(presence, type), ari_self>{ \
      #name, ::ari::parameter_place::place, ARI_DETAIL_PRESENCE_##presence, lines,         \
      &ari_self::name});
#define ARI_DETAIL_ERROR_CASE(status, reason) \
  case status:                                \
    return reason;
#define ARI_DETAIL_NO_PARAMS(P)
#define ARI_DETAIL_NO_ERRORS(E)

/// Defines the request struct of one operation: its parameters as members, what it sends
/// (http_method, path_template), what it gets back (response), which release lines define it
/// and the schema's reason for each error status.
#define ARI_REQUEST(Api, Name, method, path, Response, lines, PARAMS, ERRORS)                 \
  struct Name {                                                                               \
    /* The type's name, usable after a member of the same name (applications::filter). */     \
    using ari_self = Name;                                                                    \
    /** What a success carries: a model, a list of models, void, or bytes (std::string). */   \
    using response = Response;                                                                \
    /** The api-docs file that defines the operation. */                                      \
    static constexpr std::string_view api = #Api;                                             \
    /** The schema's nickname. */                                                             \
    static constexpr std::string_view nickname =                                              \
        ::ari::detail::without_trailing_underscore(#Name);                                    \
    /** "GET", "POST", "PUT" or "DELETE". */                                                  \
    static constexpr std::string_view http_method = method;                                   \
    /** The path below /ari, with {parameter} placeholders. */                                \
    static constexpr std::string_view path_template = path;                                   \
    /** The release lines that define the operation: "13-latest", "20, 22-latest". */         \
    static constexpr std::string_view release_lines = lines;                                  \
    /** The schema's reason for an error status of this operation; empty if it lists none. */ \
    static constexpr std::string_view error_reason(int ari_status) noexcept {                 \
      switch (ari_status) {                                                                   \
        ERRORS(ARI_DETAIL_ERROR_CASE)                                                         \
        default:                                                                              \
          return {};                                                                          \
      }                                                                                       \
    }                                                                                         \
    PARAMS(ARI_DETAIL_DECLARE_PARAMETER)                                                      \
    template <class Visit>                                                                    \
    friend constexpr void ari_describe_request(const ari_self*, Visit&& ari_visit) {          \
      PARAMS(ARI_DETAIL_VISIT_PARAMETER)                                                      \
      (void)ari_visit;                                                                        \
    }                                                                                         \
  }

namespace ari::requests {

// Enumerated parameters. Like the event enumerations, any other text can be sent with
// from_text ("TerminateOn::from_text(\"*#\")"); the named values are every line's.

struct AsteriskInfoSectionNames {
  enum Value : unsigned char { build, system, config, status, Other };
  static constexpr std::string_view names[] = {"build", "system", "config", "status"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// asterisk::getInfo's `only`.
using AsteriskInfoSection = TextEnum<AsteriskInfoSectionNames>;

struct IfExistsNames {
  enum Value : unsigned char { fail, overwrite, append, Other };
  static constexpr std::string_view names[] = {"fail", "overwrite", "append"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// `ifExists` of channels::record and bridges::record.
using IfExists = TextEnum<IfExistsNames>;

struct TerminateOnNames {
  enum Value : unsigned char { none, any, star, hash, Other };
  static constexpr std::string_view names[] = {"none", "any", "*", "#"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// `terminateOn` of channels::record and bridges::record: star is "*", hash is "#".
using TerminateOn = TextEnum<TerminateOnNames>;

struct HangupReasonNames {
  enum Value : unsigned char {
    normal,
    busy,
    congestion,
    no_answer,
    answered_elsewhere,
    timeout,
    rejected,
    unallocated,
    normal_unspecified,
    number_incomplete,
    codec_mismatch,
    interworking,
    failure,
    Other
  };
  static constexpr std::string_view names[] = {
      "normal",         "busy",         "congestion",  "no_answer",          "answered_elsewhere",
      "timeout",        "rejected",     "unallocated", "normal_unspecified", "number_incomplete",
      "codec_mismatch", "interworking", "failure"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// channels::hangup's `reason` (lines 13-14 know the first four, 15 adds answered_elsewhere).
using HangupReason = TextEnum<HangupReasonNames>;

struct MuteDirectionNames {
  enum Value : unsigned char { both, in, out, Other };
  static constexpr std::string_view names[] = {"both", "in", "out"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// `direction` of channels::mute and channels::unmute. Left unset, it is sent as `both`: Asterisk
/// answers 400 "Direction is required" without one, though the schema calls it optional.
using MuteDirection = TextEnum<MuteDirectionNames>;

struct SnoopDirectionNames {
  enum Value : unsigned char { none, both, out, in, Other };
  static constexpr std::string_view names[] = {"none", "both", "out", "in"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// `spy` and `whisper` of channels::snoopChannel and snoopChannelWithId.
using SnoopDirection = TextEnum<SnoopDirectionNames>;

struct PlaybackOperationNames {
  enum Value : unsigned char { restart, pause, unpause, reverse, forward, Other };
  static constexpr std::string_view names[] = {"restart", "pause", "unpause", "reverse", "forward"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// playbacks::control's `operation`.
using PlaybackOperation = TextEnum<PlaybackOperationNames>;

struct ExternalMediaEncapsulationNames {
  enum Value : unsigned char { rtp, audiosocket, none, Other };
  static constexpr std::string_view names[] = {"rtp", "audiosocket", "none"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// channels::externalMedia's `encapsulation` (audiosocket from 18, none from 20).
using ExternalMediaEncapsulation = TextEnum<ExternalMediaEncapsulationNames>;

struct ExternalMediaTransportNames {
  enum Value : unsigned char { udp, tcp, websocket, Other };
  static constexpr std::string_view names[] = {"udp", "tcp", "websocket"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// channels::externalMedia's `transport` (tcp from 18, websocket from 20).
using ExternalMediaTransport = TextEnum<ExternalMediaTransportNames>;

struct ExternalMediaConnectionTypeNames {
  enum Value : unsigned char { client, server, Other };
  static constexpr std::string_view names[] = {"client", "server"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// channels::externalMedia's `connection_type` (server from 20).
using ExternalMediaConnectionType = TextEnum<ExternalMediaConnectionTypeNames>;

struct ExternalMediaDirectionNames {
  enum Value : unsigned char { both, Other };
  static constexpr std::string_view names[] = {"both"};
  static constexpr std::array<TextAlias<Value>, 0> aliases{};
};
/// channels::externalMedia's `direction`.
using ExternalMediaDirection = TextEnum<ExternalMediaDirectionNames>;

// clang-format off

namespace applications {

ARI_REQUEST(applications, list, "GET", "/applications", std::vector<::ari::Application>, "13-latest", ARI_DETAIL_NO_PARAMS, ARI_DETAIL_NO_ERRORS);

#define ARI_PARAMS_applications_get(P) \
  P(path, required, std::string, applicationName, "13-latest")
#define ARI_ERRORS_applications_get(E) \
  E(404, "Application does not exist.")
ARI_REQUEST(applications, get, "GET", "/applications/{applicationName}", ::ari::Application, "13-latest", ARI_PARAMS_applications_get, ARI_ERRORS_applications_get);

#define ARI_PARAMS_applications_subscribe(P) \
  P(path, required, std::string, applicationName, "13-latest") \
  P(query, required, std::vector<std::string>, eventSource, "13-latest")
#define ARI_ERRORS_applications_subscribe(E) \
  E(400, "Missing parameter.") \
  E(404, "Application does not exist.") \
  E(422, "Event source does not exist.")
ARI_REQUEST(applications, subscribe, "POST", "/applications/{applicationName}/subscription", ::ari::Application, "13-latest", ARI_PARAMS_applications_subscribe, ARI_ERRORS_applications_subscribe);

#define ARI_PARAMS_applications_unsubscribe(P) \
  P(path, required, std::string, applicationName, "13-latest") \
  P(query, required, std::vector<std::string>, eventSource, "13-latest")
#define ARI_ERRORS_applications_unsubscribe(E) \
  E(400, "Missing parameter; event source scheme not recognized.") \
  E(404, "Application does not exist.") \
  E(409, "Application not subscribed to event source.") \
  E(422, "Event source does not exist.")
ARI_REQUEST(applications, unsubscribe, "DELETE", "/applications/{applicationName}/subscription", ::ari::Application, "13-latest", ARI_PARAMS_applications_unsubscribe, ARI_ERRORS_applications_unsubscribe);

#define ARI_PARAMS_applications_filter(P) \
  P(path, required, std::string, applicationName, "13, 16-latest") \
  P(whole_body, optional, nlohmann::json, filter, "13, 16-latest")
#define ARI_ERRORS_applications_filter(E) \
  E(400, "Bad request.") \
  E(404, "Application does not exist.")
ARI_REQUEST(applications, filter, "PUT", "/applications/{applicationName}/eventFilter", ::ari::Application, "13, 16-latest", ARI_PARAMS_applications_filter, ARI_ERRORS_applications_filter);

}  // namespace applications

namespace asterisk {

#define ARI_PARAMS_asterisk_getObject(P) \
  P(path, required, std::string, configClass, "13-latest") \
  P(path, required, std::string, objectType, "13-latest") \
  P(path, required, std::string, id, "13-latest")
#define ARI_ERRORS_asterisk_getObject(E) \
  E(404, "{configClass|objectType|id} not found")
ARI_REQUEST(asterisk, getObject, "GET", "/asterisk/config/dynamic/{configClass}/{objectType}/{id}", std::vector<::ari::ConfigTuple>, "13-latest", ARI_PARAMS_asterisk_getObject, ARI_ERRORS_asterisk_getObject);

#define ARI_PARAMS_asterisk_updateObject(P) \
  P(path, required, std::string, configClass, "13-latest") \
  P(path, required, std::string, objectType, "13-latest") \
  P(path, required, std::string, id, "13-latest") \
  P(body, optional, nlohmann::json, fields, "13-latest")
#define ARI_ERRORS_asterisk_updateObject(E) \
  E(400, "Bad request body") \
  E(403, "Could not create or update object") \
  E(404, "{configClass|objectType} not found")
ARI_REQUEST(asterisk, updateObject, "PUT", "/asterisk/config/dynamic/{configClass}/{objectType}/{id}", std::vector<::ari::ConfigTuple>, "13-latest", ARI_PARAMS_asterisk_updateObject, ARI_ERRORS_asterisk_updateObject);

#define ARI_PARAMS_asterisk_deleteObject(P) \
  P(path, required, std::string, configClass, "13-latest") \
  P(path, required, std::string, objectType, "13-latest") \
  P(path, required, std::string, id, "13-latest")
#define ARI_ERRORS_asterisk_deleteObject(E) \
  E(403, "Could not delete object") \
  E(404, "{configClass|objectType|id} not found")
ARI_REQUEST(asterisk, deleteObject, "DELETE", "/asterisk/config/dynamic/{configClass}/{objectType}/{id}", void, "13-latest", ARI_PARAMS_asterisk_deleteObject, ARI_ERRORS_asterisk_deleteObject);

#define ARI_PARAMS_asterisk_getInfo(P) \
  P(query, optional, std::vector<AsteriskInfoSection>, only, "13-latest")
ARI_REQUEST(asterisk, getInfo, "GET", "/asterisk/info", ::ari::AsteriskInfo, "13-latest", ARI_PARAMS_asterisk_getInfo, ARI_DETAIL_NO_ERRORS);

ARI_REQUEST(asterisk, ping, "GET", "/asterisk/ping", ::ari::AsteriskPing, "13, 16-latest", ARI_DETAIL_NO_PARAMS, ARI_DETAIL_NO_ERRORS);

ARI_REQUEST(asterisk, listModules, "GET", "/asterisk/modules", std::vector<::ari::Module>, "13-latest", ARI_DETAIL_NO_PARAMS, ARI_DETAIL_NO_ERRORS);

#define ARI_PARAMS_asterisk_getModule(P) \
  P(path, required, std::string, moduleName, "13-latest")
#define ARI_ERRORS_asterisk_getModule(E) \
  E(404, "Module could not be found in running modules.") \
  E(409, "Module information could not be retrieved.")
ARI_REQUEST(asterisk, getModule, "GET", "/asterisk/modules/{moduleName}", ::ari::Module, "13-latest", ARI_PARAMS_asterisk_getModule, ARI_ERRORS_asterisk_getModule);

#define ARI_PARAMS_asterisk_loadModule(P) \
  P(path, required, std::string, moduleName, "13-latest")
#define ARI_ERRORS_asterisk_loadModule(E) \
  E(409, "Module could not be loaded.")
ARI_REQUEST(asterisk, loadModule, "POST", "/asterisk/modules/{moduleName}", void, "13-latest", ARI_PARAMS_asterisk_loadModule, ARI_ERRORS_asterisk_loadModule);

#define ARI_PARAMS_asterisk_unloadModule(P) \
  P(path, required, std::string, moduleName, "13-latest")
#define ARI_ERRORS_asterisk_unloadModule(E) \
  E(404, "Module not found in running modules.") \
  E(409, "Module could not be unloaded.")
ARI_REQUEST(asterisk, unloadModule, "DELETE", "/asterisk/modules/{moduleName}", void, "13-latest", ARI_PARAMS_asterisk_unloadModule, ARI_ERRORS_asterisk_unloadModule);

#define ARI_PARAMS_asterisk_reloadModule(P) \
  P(path, required, std::string, moduleName, "13-latest")
#define ARI_ERRORS_asterisk_reloadModule(E) \
  E(404, "Module not found in running modules.") \
  E(409, "Module could not be reloaded.")
ARI_REQUEST(asterisk, reloadModule, "PUT", "/asterisk/modules/{moduleName}", void, "13-latest", ARI_PARAMS_asterisk_reloadModule, ARI_ERRORS_asterisk_reloadModule);

ARI_REQUEST(asterisk, listLogChannels, "GET", "/asterisk/logging", std::vector<::ari::LogChannel>, "13-latest", ARI_DETAIL_NO_PARAMS, ARI_DETAIL_NO_ERRORS);

#define ARI_PARAMS_asterisk_addLog(P) \
  P(path, required, std::string, logChannelName, "13-latest") \
  P(query, required, std::string, configuration, "13-latest")
#define ARI_ERRORS_asterisk_addLog(E) \
  E(400, "Bad request body") \
  E(409, "Log channel could not be created.")
ARI_REQUEST(asterisk, addLog, "POST", "/asterisk/logging/{logChannelName}", void, "13-latest", ARI_PARAMS_asterisk_addLog, ARI_ERRORS_asterisk_addLog);

#define ARI_PARAMS_asterisk_deleteLog(P) \
  P(path, required, std::string, logChannelName, "13-latest")
#define ARI_ERRORS_asterisk_deleteLog(E) \
  E(404, "Log channel does not exist.")
ARI_REQUEST(asterisk, deleteLog, "DELETE", "/asterisk/logging/{logChannelName}", void, "13-latest", ARI_PARAMS_asterisk_deleteLog, ARI_ERRORS_asterisk_deleteLog);

#define ARI_PARAMS_asterisk_rotateLog(P) \
  P(path, required, std::string, logChannelName, "13-latest")
#define ARI_ERRORS_asterisk_rotateLog(E) \
  E(404, "Log channel does not exist.")
ARI_REQUEST(asterisk, rotateLog, "PUT", "/asterisk/logging/{logChannelName}/rotate", void, "13-latest", ARI_PARAMS_asterisk_rotateLog, ARI_ERRORS_asterisk_rotateLog);

#define ARI_PARAMS_asterisk_getGlobalVar(P) \
  P(query, required, std::string, variable, "13-latest")
#define ARI_ERRORS_asterisk_getGlobalVar(E) \
  E(400, "Missing variable parameter.")
ARI_REQUEST(asterisk, getGlobalVar, "GET", "/asterisk/variable", ::ari::Variable, "13-latest", ARI_PARAMS_asterisk_getGlobalVar, ARI_ERRORS_asterisk_getGlobalVar);

#define ARI_PARAMS_asterisk_setGlobalVar(P) \
  P(query, required, std::string, variable, "13-latest") \
  P(query, optional, std::string, value, "13-latest")
#define ARI_ERRORS_asterisk_setGlobalVar(E) \
  E(400, "Missing variable parameter.")
ARI_REQUEST(asterisk, setGlobalVar, "POST", "/asterisk/variable", void, "13-latest", ARI_PARAMS_asterisk_setGlobalVar, ARI_ERRORS_asterisk_setGlobalVar);

}  // namespace asterisk

namespace bridges {

ARI_REQUEST(bridges, list, "GET", "/bridges", std::vector<::ari::Bridge>, "13-latest", ARI_DETAIL_NO_PARAMS, ARI_DETAIL_NO_ERRORS);

// `variables` is the body itself here ({"CALLERID(num)": "100"}), not {"variables": ...} as the
// schema and createWithId have it: every release with the parameter (20.20, 22.10, 23.4 and
// later) reads the whole body as the variables (ast_ari_bridges_create), so that the documented
// form gets 400 "Each object value in 'variables' must include string field 'value'" after the
// bridge is made. Variables named type, bridgeId or name are refused (requests.hpp, check_body).
#define ARI_PARAMS_bridges_create(P) \
  P(query, optional, std::string, type, "13-latest") \
  P(query, optional, std::string, bridgeId, "13-latest") \
  P(query, optional, std::string, name, "13-latest") \
  P(whole_body, optional, nlohmann::json, variables, "20, 22-latest")
#define ARI_ERRORS_bridges_create(E) \
  E(409, "Bridge with the same bridgeId already exists")
ARI_REQUEST(bridges, create, "POST", "/bridges", ::ari::Bridge, "13-latest", ARI_PARAMS_bridges_create, ARI_ERRORS_bridges_create);

#define ARI_PARAMS_bridges_createWithId(P) \
  P(query, optional, std::string, type, "13-latest") \
  P(path, required, std::string, bridgeId, "13-latest") \
  P(query, optional, std::string, name, "13-latest") \
  P(body, optional, nlohmann::json, variables, "20, 22-latest")
#define ARI_ERRORS_bridges_createWithId(E) \
  E(409, "Bridge with the same bridgeId already exists")
ARI_REQUEST(bridges, createWithId, "POST", "/bridges/{bridgeId}", ::ari::Bridge, "13-latest", ARI_PARAMS_bridges_createWithId, ARI_ERRORS_bridges_createWithId);

#define ARI_PARAMS_bridges_get(P) \
  P(path, required, std::string, bridgeId, "13-latest")
#define ARI_ERRORS_bridges_get(E) \
  E(404, "Bridge not found")
ARI_REQUEST(bridges, get, "GET", "/bridges/{bridgeId}", ::ari::Bridge, "13-latest", ARI_PARAMS_bridges_get, ARI_ERRORS_bridges_get);

#define ARI_PARAMS_bridges_destroy(P) \
  P(path, required, std::string, bridgeId, "13-latest")
#define ARI_ERRORS_bridges_destroy(E) \
  E(404, "Bridge not found")
ARI_REQUEST(bridges, destroy, "DELETE", "/bridges/{bridgeId}", void, "13-latest", ARI_PARAMS_bridges_destroy, ARI_ERRORS_bridges_destroy);

#define ARI_PARAMS_bridges_addChannel(P) \
  P(path, required, std::string, bridgeId, "13-latest") \
  P(query, required, std::vector<std::string>, channel, "13-latest") \
  P(query, optional, std::string, role, "13-latest") \
  P(query, optional, bool, absorbDTMF, "16-latest") \
  P(query, optional, bool, mute, "16-latest") \
  P(query, optional, bool, inhibitConnectedLineUpdates, "18-latest")
#define ARI_ERRORS_bridges_addChannel(E) \
  E(400, "Channel not found") \
  E(404, "Bridge not found") \
  E(409, "Bridge not in Stasis application; Channel currently recording") \
  E(422, "Channel not in Stasis application")
ARI_REQUEST(bridges, addChannel, "POST", "/bridges/{bridgeId}/addChannel", void, "13-latest", ARI_PARAMS_bridges_addChannel, ARI_ERRORS_bridges_addChannel);

#define ARI_PARAMS_bridges_removeChannel(P) \
  P(path, required, std::string, bridgeId, "13-latest") \
  P(query, required, std::vector<std::string>, channel, "13-latest")
#define ARI_ERRORS_bridges_removeChannel(E) \
  E(400, "Channel not found") \
  E(404, "Bridge not found") \
  E(409, "Bridge not in Stasis application") \
  E(422, "Channel not in this bridge")
ARI_REQUEST(bridges, removeChannel, "POST", "/bridges/{bridgeId}/removeChannel", void, "13-latest", ARI_PARAMS_bridges_removeChannel, ARI_ERRORS_bridges_removeChannel);

#define ARI_PARAMS_bridges_setVideoSource(P) \
  P(path, required, std::string, bridgeId, "13-latest") \
  P(path, required, std::string, channelId, "13-latest")
#define ARI_ERRORS_bridges_setVideoSource(E) \
  E(404, "Bridge or Channel not found") \
  E(409, "Channel not in Stasis application") \
  E(422, "Channel not in this Bridge")
ARI_REQUEST(bridges, setVideoSource, "POST", "/bridges/{bridgeId}/videoSource/{channelId}", void, "13-latest", ARI_PARAMS_bridges_setVideoSource, ARI_ERRORS_bridges_setVideoSource);

#define ARI_PARAMS_bridges_clearVideoSource(P) \
  P(path, required, std::string, bridgeId, "13-latest")
#define ARI_ERRORS_bridges_clearVideoSource(E) \
  E(404, "Bridge not found")
ARI_REQUEST(bridges, clearVideoSource, "DELETE", "/bridges/{bridgeId}/videoSource", void, "13-latest", ARI_PARAMS_bridges_clearVideoSource, ARI_ERRORS_bridges_clearVideoSource);

#define ARI_PARAMS_bridges_startMoh(P) \
  P(path, required, std::string, bridgeId, "13-latest") \
  P(query, optional, std::string, mohClass, "13-latest")
#define ARI_ERRORS_bridges_startMoh(E) \
  E(404, "Bridge not found") \
  E(409, "Bridge not in Stasis application")
ARI_REQUEST(bridges, startMoh, "POST", "/bridges/{bridgeId}/moh", void, "13-latest", ARI_PARAMS_bridges_startMoh, ARI_ERRORS_bridges_startMoh);

#define ARI_PARAMS_bridges_stopMoh(P) \
  P(path, required, std::string, bridgeId, "13-latest")
#define ARI_ERRORS_bridges_stopMoh(E) \
  E(404, "Bridge not found") \
  E(409, "Bridge not in Stasis application")
ARI_REQUEST(bridges, stopMoh, "DELETE", "/bridges/{bridgeId}/moh", void, "13-latest", ARI_PARAMS_bridges_stopMoh, ARI_ERRORS_bridges_stopMoh);

#define ARI_PARAMS_bridges_play(P) \
  P(path, required, std::string, bridgeId, "13-latest") \
  P(query, required, std::vector<std::string>, media, "13-latest") \
  P(query, optional, std::string, announcer_format, "20, 22-latest") \
  P(query, optional, std::string, lang, "13-latest") \
  P(query, optional, int, offsetms, "13-latest") \
  P(query, optional, int, skipms, "13-latest") \
  P(query, optional, std::string, playbackId, "13-latest")
#define ARI_ERRORS_bridges_play(E) \
  E(404, "Bridge not found") \
  E(409, "Bridge not in a Stasis application") \
  E(422, "The format specified is unknown on this system")
ARI_REQUEST(bridges, play, "POST", "/bridges/{bridgeId}/play", ::ari::Playback, "13-latest", ARI_PARAMS_bridges_play, ARI_ERRORS_bridges_play);

#define ARI_PARAMS_bridges_playWithId(P) \
  P(path, required, std::string, bridgeId, "13-latest") \
  P(path, required, std::string, playbackId, "13-latest") \
  P(query, required, std::vector<std::string>, media, "13-latest") \
  P(query, optional, std::string, announcer_format, "20, 22-latest") \
  P(query, optional, std::string, lang, "13-latest") \
  P(query, optional, int, offsetms, "13-latest") \
  P(query, optional, int, skipms, "13-latest")
#define ARI_ERRORS_bridges_playWithId(E) \
  E(404, "Bridge not found") \
  E(409, "Bridge not in a Stasis application") \
  E(422, "The format specified is unknown on this system")
ARI_REQUEST(bridges, playWithId, "POST", "/bridges/{bridgeId}/play/{playbackId}", ::ari::Playback, "13-latest", ARI_PARAMS_bridges_playWithId, ARI_ERRORS_bridges_playWithId);

#define ARI_PARAMS_bridges_record(P) \
  P(path, required, std::string, bridgeId, "13-latest") \
  P(query, required, std::string, name, "13-latest") \
  P(query, required, std::string, format, "13-latest") \
  P(query, optional, std::string, recorder_format, "20, 22-latest") \
  P(query, optional, int, maxDurationSeconds, "13-latest") \
  P(query, optional, int, maxSilenceSeconds, "13-latest") \
  P(query, optional, IfExists, ifExists, "13-latest") \
  P(query, optional, bool, beep, "13-latest") \
  P(query, optional, TerminateOn, terminateOn, "13-latest")
#define ARI_ERRORS_bridges_record(E) \
  E(400, "Invalid parameters") \
  E(404, "Bridge not found") \
  E(409, "Bridge is not in a Stasis application; A recording with the same name already exists on the system and can not be overwritten because it is in progress or ifExists=fail") \
  E(422, "The format specified is unknown on this system")
ARI_REQUEST(bridges, record, "POST", "/bridges/{bridgeId}/record", ::ari::LiveRecording, "13-latest", ARI_PARAMS_bridges_record, ARI_ERRORS_bridges_record);

#define ARI_PARAMS_bridges_getBridgeVar(P) \
  P(path, required, std::string, bridgeId, "20, 22-latest") \
  P(query, required, std::string, variable, "20, 22-latest")
#define ARI_ERRORS_bridges_getBridgeVar(E) \
  E(400, "Missing variable parameter.") \
  E(404, "Bridge or variable not found") \
  E(409, "Bridge not in a Stasis application")
ARI_REQUEST(bridges, getBridgeVar, "GET", "/bridges/{bridgeId}/variable", ::ari::Variable, "20, 22-latest", ARI_PARAMS_bridges_getBridgeVar, ARI_ERRORS_bridges_getBridgeVar);

#define ARI_PARAMS_bridges_setBridgeVar(P) \
  P(path, required, std::string, bridgeId, "20, 22-latest") \
  P(query, required, std::string, variable, "20, 22-latest") \
  P(query, optional, std::string, value, "20, 22-latest") \
  P(query, optional, bool, report_events, "20, 22-latest")
#define ARI_ERRORS_bridges_setBridgeVar(E) \
  E(400, "Missing variable parameter.") \
  E(404, "Bridge not found") \
  E(409, "Bridge not in a Stasis application")
ARI_REQUEST(bridges, setBridgeVar, "POST", "/bridges/{bridgeId}/variable", void, "20, 22-latest", ARI_PARAMS_bridges_setBridgeVar, ARI_ERRORS_bridges_setBridgeVar);

#define ARI_PARAMS_bridges_getBridgeVars(P) \
  P(path, required, std::string, bridgeId, "20, 22-latest") \
  P(query, required, std::vector<std::string>, variables, "20, 22-latest")
#define ARI_ERRORS_bridges_getBridgeVars(E) \
  E(400, "Missing variables parameter.") \
  E(404, "Bridge or variable not found") \
  E(409, "Bridge not in a Stasis application")
ARI_REQUEST(bridges, getBridgeVars, "GET", "/bridges/{bridgeId}/variables", ::ari::Variables, "20, 22-latest", ARI_PARAMS_bridges_getBridgeVars, ARI_ERRORS_bridges_getBridgeVars);

#define ARI_PARAMS_bridges_setBridgeVars(P) \
  P(path, required, std::string, bridgeId, "20, 22-latest") \
  P(body, required, nlohmann::json, variables, "20, 22-latest")
#define ARI_ERRORS_bridges_setBridgeVars(E) \
  E(400, "Missing variables parameter.") \
  E(404, "Bridge not found") \
  E(409, "Bridge not in a Stasis application")
ARI_REQUEST(bridges, setBridgeVars, "POST", "/bridges/{bridgeId}/variables", void, "20, 22-latest", ARI_PARAMS_bridges_setBridgeVars, ARI_ERRORS_bridges_setBridgeVars);

}  // namespace bridges

namespace channels {

ARI_REQUEST(channels, list, "GET", "/channels", std::vector<::ari::Channel>, "13-latest", ARI_DETAIL_NO_PARAMS, ARI_DETAIL_NO_ERRORS);

#define ARI_PARAMS_channels_originate(P) \
  P(query, required, std::string, endpoint, "13-latest") \
  P(query, optional, std::string, extension, "13-latest") \
  P(query, optional, std::string, context, "13-latest") \
  P(query, optional, std::int64_t, priority, "13-latest") \
  P(query, optional, std::string, label, "13-latest") \
  P(query, optional, std::string, app, "13-latest") \
  P(query, optional, std::string, appArgs, "13-latest") \
  P(query, optional, std::string, callerId, "13-latest") \
  P(query, optional, int, timeout, "13-latest") \
  P(body, optional, nlohmann::json, variables, "13-latest") \
  P(query, optional, std::string, channelId, "13-latest") \
  P(query, optional, std::string, otherChannelId, "13-latest") \
  P(query, optional, std::string, originator, "13-latest") \
  P(query, optional, std::string, formats, "13-latest")
#define ARI_ERRORS_channels_originate(E) \
  E(400, "Invalid parameters for originating a channel.") \
  E(409, "Channel with given unique ID already exists.")
ARI_REQUEST(channels, originate, "POST", "/channels", ::ari::Channel, "13-latest", ARI_PARAMS_channels_originate, ARI_ERRORS_channels_originate);

#define ARI_PARAMS_channels_get(P) \
  P(path, required, std::string, channelId, "13-latest")
#define ARI_ERRORS_channels_get(E) \
  E(404, "Channel not found")
ARI_REQUEST(channels, get, "GET", "/channels/{channelId}", ::ari::Channel, "13-latest", ARI_PARAMS_channels_get, ARI_ERRORS_channels_get);

#define ARI_PARAMS_channels_originateWithId(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(query, required, std::string, endpoint, "13-latest") \
  P(query, optional, std::string, extension, "13-latest") \
  P(query, optional, std::string, context, "13-latest") \
  P(query, optional, std::int64_t, priority, "13-latest") \
  P(query, optional, std::string, label, "13-latest") \
  P(query, optional, std::string, app, "13-latest") \
  P(query, optional, std::string, appArgs, "13-latest") \
  P(query, optional, std::string, callerId, "13-latest") \
  P(query, optional, int, timeout, "13-latest") \
  P(body, optional, nlohmann::json, variables, "13-latest") \
  P(query, optional, std::string, otherChannelId, "13-latest") \
  P(query, optional, std::string, originator, "13-latest") \
  P(query, optional, std::string, formats, "13-latest")
#define ARI_ERRORS_channels_originateWithId(E) \
  E(400, "Invalid parameters for originating a channel.") \
  E(409, "Channel with given unique ID already exists.")
ARI_REQUEST(channels, originateWithId, "POST", "/channels/{channelId}", ::ari::Channel, "13-latest", ARI_PARAMS_channels_originateWithId, ARI_ERRORS_channels_originateWithId);

#define ARI_PARAMS_channels_hangup(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(query, optional, std::string, reason_code, "17-latest") \
  P(query, optional, HangupReason, reason, "13-latest")
#define ARI_ERRORS_channels_hangup(E) \
  E(400, "Invalid reason for hangup provided") \
  E(404, "Channel not found")
ARI_REQUEST(channels, hangup, "DELETE", "/channels/{channelId}", void, "13-latest", ARI_PARAMS_channels_hangup, ARI_ERRORS_channels_hangup);

#define ARI_PARAMS_channels_continueInDialplan(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(query, optional, std::string, context, "13-latest") \
  P(query, optional, std::string, extension, "13-latest") \
  P(query, optional, int, priority, "13-latest") \
  P(query, optional, std::string, label, "13-latest")
#define ARI_ERRORS_channels_continueInDialplan(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, continueInDialplan, "POST", "/channels/{channelId}/continue", void, "13-latest", ARI_PARAMS_channels_continueInDialplan, ARI_ERRORS_channels_continueInDialplan);

#define ARI_PARAMS_channels_move(P) \
  P(path, required, std::string, channelId, "13, 16-latest") \
  P(query, required, std::string, app, "13, 16-latest") \
  P(query, optional, std::string, appArgs, "13, 16-latest")
#define ARI_ERRORS_channels_move(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application")
ARI_REQUEST(channels, move, "POST", "/channels/{channelId}/move", void, "13, 16-latest", ARI_PARAMS_channels_move, ARI_ERRORS_channels_move);

#define ARI_PARAMS_channels_redirect(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(query, required, std::string, endpoint, "13-latest")
#define ARI_ERRORS_channels_redirect(E) \
  E(400, "Endpoint parameter not provided") \
  E(404, "Channel or endpoint not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state") \
  E(422, "Endpoint is not the same type as the channel")
ARI_REQUEST(channels, redirect, "POST", "/channels/{channelId}/redirect", void, "13-latest", ARI_PARAMS_channels_redirect, ARI_ERRORS_channels_redirect);

#define ARI_PARAMS_channels_answer(P) \
  P(path, required, std::string, channelId, "13-latest")
#define ARI_ERRORS_channels_answer(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, answer, "POST", "/channels/{channelId}/answer", void, "13-latest", ARI_PARAMS_channels_answer, ARI_ERRORS_channels_answer);

#define ARI_PARAMS_channels_ring(P) \
  P(path, required, std::string, channelId, "13-latest")
#define ARI_ERRORS_channels_ring(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, ring, "POST", "/channels/{channelId}/ring", void, "13-latest", ARI_PARAMS_channels_ring, ARI_ERRORS_channels_ring);

#define ARI_PARAMS_channels_ringStop(P) \
  P(path, required, std::string, channelId, "13-latest")
#define ARI_ERRORS_channels_ringStop(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, ringStop, "DELETE", "/channels/{channelId}/ring", void, "13-latest", ARI_PARAMS_channels_ringStop, ARI_ERRORS_channels_ringStop);

#define ARI_PARAMS_channels_sendDTMF(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(query, optional, std::string, dtmf, "13-latest") \
  P(query, optional, int, before, "13-latest") \
  P(query, optional, int, between, "13-latest") \
  P(query, optional, int, duration, "13-latest") \
  P(query, optional, int, after, "13-latest")
#define ARI_ERRORS_channels_sendDTMF(E) \
  E(400, "DTMF is required") \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, sendDTMF, "POST", "/channels/{channelId}/dtmf", void, "13-latest", ARI_PARAMS_channels_sendDTMF, ARI_ERRORS_channels_sendDTMF);

#define ARI_PARAMS_channels_mute(P) \
  P(path, required, std::string, channelId, "13-latest") \
  /** direction: sent as "both" when left unset, since Asterisk (every line) answers 400 */ \
  /** "Direction is required" without it, though the schema calls it optional. */ \
  P(query, optional, MuteDirection, direction, "13-latest")
#define ARI_ERRORS_channels_mute(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, mute, "POST", "/channels/{channelId}/mute", void, "13-latest", ARI_PARAMS_channels_mute, ARI_ERRORS_channels_mute);

#define ARI_PARAMS_channels_unmute(P) \
  P(path, required, std::string, channelId, "13-latest") \
  /** direction: sent as "both" when left unset, since Asterisk (every line) answers 400 */ \
  /** "Direction is required" without it, though the schema calls it optional. */ \
  P(query, optional, MuteDirection, direction, "13-latest")
#define ARI_ERRORS_channels_unmute(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, unmute, "DELETE", "/channels/{channelId}/mute", void, "13-latest", ARI_PARAMS_channels_unmute, ARI_ERRORS_channels_unmute);

#define ARI_PARAMS_channels_hold(P) \
  P(path, required, std::string, channelId, "13-latest")
#define ARI_ERRORS_channels_hold(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, hold, "POST", "/channels/{channelId}/hold", void, "13-latest", ARI_PARAMS_channels_hold, ARI_ERRORS_channels_hold);

#define ARI_PARAMS_channels_unhold(P) \
  P(path, required, std::string, channelId, "13-latest")
#define ARI_ERRORS_channels_unhold(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, unhold, "DELETE", "/channels/{channelId}/hold", void, "13-latest", ARI_PARAMS_channels_unhold, ARI_ERRORS_channels_unhold);

#define ARI_PARAMS_channels_startMoh(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(query, optional, std::string, mohClass, "13-latest")
#define ARI_ERRORS_channels_startMoh(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, startMoh, "POST", "/channels/{channelId}/moh", void, "13-latest", ARI_PARAMS_channels_startMoh, ARI_ERRORS_channels_startMoh);

#define ARI_PARAMS_channels_stopMoh(P) \
  P(path, required, std::string, channelId, "13-latest")
#define ARI_ERRORS_channels_stopMoh(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, stopMoh, "DELETE", "/channels/{channelId}/moh", void, "13-latest", ARI_PARAMS_channels_stopMoh, ARI_ERRORS_channels_stopMoh);

#define ARI_PARAMS_channels_startSilence(P) \
  P(path, required, std::string, channelId, "13-latest")
#define ARI_ERRORS_channels_startSilence(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, startSilence, "POST", "/channels/{channelId}/silence", void, "13-latest", ARI_PARAMS_channels_startSilence, ARI_ERRORS_channels_startSilence);

#define ARI_PARAMS_channels_stopSilence(P) \
  P(path, required, std::string, channelId, "13-latest")
#define ARI_ERRORS_channels_stopSilence(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, stopSilence, "DELETE", "/channels/{channelId}/silence", void, "13-latest", ARI_PARAMS_channels_stopSilence, ARI_ERRORS_channels_stopSilence);

#define ARI_PARAMS_channels_play(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(query, required, std::vector<std::string>, media, "13-latest") \
  P(query, optional, std::string, lang, "13-latest") \
  P(query, optional, int, offsetms, "13-latest") \
  P(query, optional, int, skipms, "13-latest") \
  P(query, optional, std::string, playbackId, "13-latest")
#define ARI_ERRORS_channels_play(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, play, "POST", "/channels/{channelId}/play", ::ari::Playback, "13-latest", ARI_PARAMS_channels_play, ARI_ERRORS_channels_play);

#define ARI_PARAMS_channels_playWithId(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(path, required, std::string, playbackId, "13-latest") \
  P(query, required, std::vector<std::string>, media, "13-latest") \
  P(query, optional, std::string, lang, "13-latest") \
  P(query, optional, int, offsetms, "13-latest") \
  P(query, optional, int, skipms, "13-latest")
#define ARI_ERRORS_channels_playWithId(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, playWithId, "POST", "/channels/{channelId}/play/{playbackId}", ::ari::Playback, "13-latest", ARI_PARAMS_channels_playWithId, ARI_ERRORS_channels_playWithId);

#define ARI_PARAMS_channels_record(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(query, required, std::string, name, "13-latest") \
  P(query, required, std::string, format, "13-latest") \
  P(query, optional, int, maxDurationSeconds, "13-latest") \
  P(query, optional, int, maxSilenceSeconds, "13-latest") \
  P(query, optional, IfExists, ifExists, "13-latest") \
  P(query, optional, bool, beep, "13-latest") \
  P(query, optional, TerminateOn, terminateOn, "13-latest")
#define ARI_ERRORS_channels_record(E) \
  E(400, "Invalid parameters") \
  E(404, "Channel not found") \
  E(409, "Channel is not in a Stasis application; the channel is currently bridged with other channels; A recording with the same name already exists on the system and can not be overwritten because it is in progress or ifExists=fail") \
  E(422, "The format specified is unknown on this system")
ARI_REQUEST(channels, record, "POST", "/channels/{channelId}/record", ::ari::LiveRecording, "13-latest", ARI_PARAMS_channels_record, ARI_ERRORS_channels_record);

#define ARI_PARAMS_channels_getChannelVar(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(query, required, std::string, variable, "13-latest")
#define ARI_ERRORS_channels_getChannelVar(E) \
  E(400, "Missing variable parameter.") \
  E(404, "Channel or variable not found") \
  E(409, "Channel not in a Stasis application")
ARI_REQUEST(channels, getChannelVar, "GET", "/channels/{channelId}/variable", ::ari::Variable, "13-latest", ARI_PARAMS_channels_getChannelVar, ARI_ERRORS_channels_getChannelVar);

#define ARI_PARAMS_channels_setChannelVar(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(query, required, std::string, variable, "13-latest") \
  P(query, optional, std::string, value, "13-latest") \
  P(query, optional, bool, report_events, "20, 22-latest")
#define ARI_ERRORS_channels_setChannelVar(E) \
  E(400, "Missing variable parameter.") \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application")
ARI_REQUEST(channels, setChannelVar, "POST", "/channels/{channelId}/variable", void, "13-latest", ARI_PARAMS_channels_setChannelVar, ARI_ERRORS_channels_setChannelVar);

#define ARI_PARAMS_channels_snoopChannel(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(query, optional, SnoopDirection, spy, "13-latest") \
  P(query, optional, SnoopDirection, whisper, "13-latest") \
  P(query, required, std::string, app, "13-latest") \
  P(query, optional, std::string, appArgs, "13-latest") \
  P(query, optional, std::string, snoopId, "13-latest")
#define ARI_ERRORS_channels_snoopChannel(E) \
  E(400, "Invalid parameters") \
  E(404, "Channel not found")
ARI_REQUEST(channels, snoopChannel, "POST", "/channels/{channelId}/snoop", ::ari::Channel, "13-latest", ARI_PARAMS_channels_snoopChannel, ARI_ERRORS_channels_snoopChannel);

#define ARI_PARAMS_channels_snoopChannelWithId(P) \
  P(path, required, std::string, channelId, "13-latest") \
  P(path, required, std::string, snoopId, "13-latest") \
  P(query, optional, SnoopDirection, spy, "13-latest") \
  P(query, optional, SnoopDirection, whisper, "13-latest") \
  P(query, required, std::string, app, "13-latest") \
  P(query, optional, std::string, appArgs, "13-latest")
#define ARI_ERRORS_channels_snoopChannelWithId(E) \
  E(400, "Invalid parameters") \
  E(404, "Channel not found")
ARI_REQUEST(channels, snoopChannelWithId, "POST", "/channels/{channelId}/snoop/{snoopId}", ::ari::Channel, "13-latest", ARI_PARAMS_channels_snoopChannelWithId, ARI_ERRORS_channels_snoopChannelWithId);

#define ARI_PARAMS_channels_rtpstatistics(P) \
  P(path, required, std::string, channelId, "13, 16-latest")
#define ARI_ERRORS_channels_rtpstatistics(E) \
  E(404, "Channel cannot be found.")
ARI_REQUEST(channels, rtpstatistics, "GET", "/channels/{channelId}/rtp_statistics", ::ari::RTPstat, "13, 16-latest", ARI_PARAMS_channels_rtpstatistics, ARI_ERRORS_channels_rtpstatistics);

#define ARI_PARAMS_channels_create(P) \
  P(query, required, std::string, endpoint, "14-latest") \
  P(query, required, std::string, app, "14-latest") \
  P(query, optional, std::string, appArgs, "14-latest") \
  P(query, optional, std::string, channelId, "14-latest") \
  P(query, optional, std::string, otherChannelId, "14-latest") \
  P(query, optional, std::string, originator, "14-latest") \
  P(query, optional, std::string, formats, "14-latest") \
  P(body, optional, nlohmann::json, variables, "16-latest")
#define ARI_ERRORS_channels_create(E) \
  E(409, "Channel with given unique ID already exists.")
ARI_REQUEST(channels, create, "POST", "/channels/create", ::ari::Channel, "14-latest", ARI_PARAMS_channels_create, ARI_ERRORS_channels_create);

#define ARI_PARAMS_channels_dial(P) \
  P(path, required, std::string, channelId, "14-latest") \
  P(query, optional, std::string, caller, "14-latest") \
  P(query, optional, int, timeout, "14-latest")
#define ARI_ERRORS_channels_dial(E) \
  E(404, "Channel cannot be found.") \
  E(409, "Channel cannot be dialed.")
ARI_REQUEST(channels, dial, "POST", "/channels/{channelId}/dial", void, "14-latest", ARI_PARAMS_channels_dial, ARI_ERRORS_channels_dial);

#define ARI_PARAMS_channels_externalMedia(P) \
  P(query, optional, std::string, channelId, "16-latest") \
  P(query, required, std::string, app, "16-latest") \
  P(body, optional, nlohmann::json, variables, "16-latest") \
  P(query, optional, std::string, external_host, "16-latest") \
  P(query, optional, ExternalMediaEncapsulation, encapsulation, "16-latest") \
  P(query, optional, ExternalMediaTransport, transport, "16-latest") \
  P(query, optional, ExternalMediaConnectionType, connection_type, "16-latest") \
  P(query, required, std::string, format, "16-latest") \
  P(query, optional, ExternalMediaDirection, direction, "16-latest") \
  P(query, optional, std::string, data, "18-latest") \
  P(query, optional, std::string, transport_data, "20, 22-latest")
#define ARI_ERRORS_channels_externalMedia(E) \
  E(400, "Invalid parameters") \
  E(409, "Channel is not in a Stasis application; Channel is already bridged")
ARI_REQUEST(channels, externalMedia, "POST", "/channels/externalMedia", ::ari::Channel, "16-latest", ARI_PARAMS_channels_externalMedia, ARI_ERRORS_channels_externalMedia);

#define ARI_PARAMS_channels_progress(P) \
  P(path, required, std::string, channelId, "20-latest")
#define ARI_ERRORS_channels_progress(E) \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, progress, "POST", "/channels/{channelId}/progress", void, "20-latest", ARI_PARAMS_channels_progress, ARI_ERRORS_channels_progress);

#define ARI_PARAMS_channels_getChannelVars(P) \
  P(path, required, std::string, channelId, "20, 22-latest") \
  P(query, required, std::vector<std::string>, variables, "20, 22-latest")
#define ARI_ERRORS_channels_getChannelVars(E) \
  E(400, "Missing variables parameter.") \
  E(404, "Channel or variable not found") \
  E(409, "Channel not in a Stasis application")
ARI_REQUEST(channels, getChannelVars, "GET", "/channels/{channelId}/variables", ::ari::Variables, "20, 22-latest", ARI_PARAMS_channels_getChannelVars, ARI_ERRORS_channels_getChannelVars);

#define ARI_PARAMS_channels_setChannelVars(P) \
  P(path, required, std::string, channelId, "20, 22-latest") \
  P(body, required, nlohmann::json, variables, "20, 22-latest")
#define ARI_ERRORS_channels_setChannelVars(E) \
  E(400, "Missing variables parameter.") \
  E(404, "Channel not found") \
  E(409, "Channel not in a Stasis application")
ARI_REQUEST(channels, setChannelVars, "POST", "/channels/{channelId}/variables", void, "20, 22-latest", ARI_PARAMS_channels_setChannelVars, ARI_ERRORS_channels_setChannelVars);

#define ARI_PARAMS_channels_transfer_progress(P) \
  P(path, required, std::string, channelId, "20-latest") \
  P(query, required, std::string, states, "20-latest")
#define ARI_ERRORS_channels_transfer_progress(E) \
  E(400, "Endpoint parameter not provided") \
  E(404, "Channel or endpoint not found") \
  E(409, "Channel not in a Stasis application") \
  E(412, "Channel in invalid state")
ARI_REQUEST(channels, transfer_progress, "POST", "/channels/{channelId}/transfer_progress", void, "20-latest", ARI_PARAMS_channels_transfer_progress, ARI_ERRORS_channels_transfer_progress);

}  // namespace channels

namespace deviceStates {

ARI_REQUEST(deviceStates, list, "GET", "/deviceStates", std::vector<::ari::DeviceState>, "13-latest", ARI_DETAIL_NO_PARAMS, ARI_DETAIL_NO_ERRORS);

#define ARI_PARAMS_deviceStates_get(P) \
  P(path, required, std::string, deviceName, "13-latest")
ARI_REQUEST(deviceStates, get, "GET", "/deviceStates/{deviceName}", ::ari::DeviceState, "13-latest", ARI_PARAMS_deviceStates_get, ARI_DETAIL_NO_ERRORS);

#define ARI_PARAMS_deviceStates_update(P) \
  P(path, required, std::string, deviceName, "13-latest") \
  P(query, required, ::ari::DeviceStateValue, deviceState, "13-latest")
#define ARI_ERRORS_deviceStates_update(E) \
  E(404, "Device name is missing") \
  E(409, "Uncontrolled device specified")
ARI_REQUEST(deviceStates, update, "PUT", "/deviceStates/{deviceName}", void, "13-latest", ARI_PARAMS_deviceStates_update, ARI_ERRORS_deviceStates_update);

#define ARI_PARAMS_deviceStates_delete_(P) \
  P(path, required, std::string, deviceName, "13-latest")
#define ARI_ERRORS_deviceStates_delete_(E) \
  E(404, "Device name is missing") \
  E(409, "Uncontrolled device specified")
ARI_REQUEST(deviceStates, delete_, "DELETE", "/deviceStates/{deviceName}", void, "13-latest", ARI_PARAMS_deviceStates_delete_, ARI_ERRORS_deviceStates_delete_);

}  // namespace deviceStates

namespace endpoints {

ARI_REQUEST(endpoints, list, "GET", "/endpoints", std::vector<::ari::Endpoint>, "13-latest", ARI_DETAIL_NO_PARAMS, ARI_DETAIL_NO_ERRORS);

#define ARI_PARAMS_endpoints_sendMessage(P) \
  P(query, required, std::string, to, "13-latest") \
  P(query, required, std::string, from, "13-latest") \
  P(query, optional, std::string, body, "13-latest") \
  P(body, optional, nlohmann::json, variables, "13-latest")
#define ARI_ERRORS_endpoints_sendMessage(E) \
  E(400, "Invalid parameters for sending a message.") \
  E(404, "Endpoint not found")
ARI_REQUEST(endpoints, sendMessage, "PUT", "/endpoints/sendMessage", void, "13-latest", ARI_PARAMS_endpoints_sendMessage, ARI_ERRORS_endpoints_sendMessage);

#define ARI_PARAMS_endpoints_listByTech(P) \
  P(path, required, std::string, tech, "13-latest")
#define ARI_ERRORS_endpoints_listByTech(E) \
  E(404, "Endpoints not found")
ARI_REQUEST(endpoints, listByTech, "GET", "/endpoints/{tech}", std::vector<::ari::Endpoint>, "13-latest", ARI_PARAMS_endpoints_listByTech, ARI_ERRORS_endpoints_listByTech);

#define ARI_PARAMS_endpoints_get(P) \
  P(path, required, std::string, tech, "13-latest") \
  P(path, required, std::string, resource, "13-latest")
#define ARI_ERRORS_endpoints_get(E) \
  E(400, "Invalid parameters for sending a message.") \
  E(404, "Endpoints not found")
ARI_REQUEST(endpoints, get, "GET", "/endpoints/{tech}/{resource}", ::ari::Endpoint, "13-latest", ARI_PARAMS_endpoints_get, ARI_ERRORS_endpoints_get);

#define ARI_PARAMS_endpoints_sendMessageToEndpoint(P) \
  P(path, required, std::string, tech, "13-latest") \
  P(path, required, std::string, resource, "13-latest") \
  P(query, required, std::string, from, "13-latest") \
  P(query, optional, std::string, body, "13-latest") \
  P(body, optional, nlohmann::json, variables, "13-latest")
#define ARI_ERRORS_endpoints_sendMessageToEndpoint(E) \
  E(400, "Invalid parameters for sending a message.") \
  E(404, "Endpoint not found")
ARI_REQUEST(endpoints, sendMessageToEndpoint, "PUT", "/endpoints/{tech}/{resource}/sendMessage", void, "13-latest", ARI_PARAMS_endpoints_sendMessageToEndpoint, ARI_ERRORS_endpoints_sendMessageToEndpoint);

#define ARI_PARAMS_endpoints_refer(P) \
  P(query, required, std::string, to, "18, 20-latest") \
  P(query, required, std::string, from, "18, 20-latest") \
  P(query, required, std::string, refer_to, "18, 20-latest") \
  P(query, optional, bool, to_self, "18, 20-latest") \
  P(body, optional, nlohmann::json, variables, "18, 20-latest")
#define ARI_ERRORS_endpoints_refer(E) \
  E(400, "Invalid parameters for referring.") \
  E(404, "Endpoint not found")
ARI_REQUEST(endpoints, refer, "POST", "/endpoints/refer", void, "18, 20-latest", ARI_PARAMS_endpoints_refer, ARI_ERRORS_endpoints_refer);

#define ARI_PARAMS_endpoints_referToEndpoint(P) \
  P(path, required, std::string, tech, "18, 20-latest") \
  P(path, required, std::string, resource, "18, 20-latest") \
  P(query, required, std::string, from, "18, 20-latest") \
  P(query, required, std::string, refer_to, "18, 20-latest") \
  P(query, optional, bool, to_self, "18, 20-latest") \
  P(body, optional, nlohmann::json, variables, "18, 20-latest")
#define ARI_ERRORS_endpoints_referToEndpoint(E) \
  E(400, "Invalid parameters for referring.") \
  E(404, "Endpoint not found")
ARI_REQUEST(endpoints, referToEndpoint, "POST", "/endpoints/{tech}/{resource}/refer", void, "18, 20-latest", ARI_PARAMS_endpoints_referToEndpoint, ARI_ERRORS_endpoints_referToEndpoint);

}  // namespace endpoints

namespace events {

#define ARI_PARAMS_events_eventWebsocket(P) \
  P(query, required, std::vector<std::string>, app, "13-latest") \
  P(query, optional, bool, subscribeAll, "13-latest")
ARI_REQUEST(events, eventWebsocket, "GET", "/events", ::ari::Event, "13-latest", ARI_PARAMS_events_eventWebsocket, ARI_DETAIL_NO_ERRORS);

#define ARI_PARAMS_events_userEvent(P) \
  P(path, required, std::string, eventName, "13-latest") \
  P(query, required, std::string, application, "13-latest") \
  P(query, optional, std::vector<std::string>, source, "13-latest") \
  P(body, optional, nlohmann::json, variables, "13-latest")
#define ARI_ERRORS_events_userEvent(E) \
  E(400, "Invalid even tsource URI or userevent data.") \
  E(404, "Application does not exist.") \
  E(422, "Event source not found.")
ARI_REQUEST(events, userEvent, "POST", "/events/user/{eventName}", void, "13-latest", ARI_PARAMS_events_userEvent, ARI_ERRORS_events_userEvent);

#define ARI_PARAMS_events_claimChannel(P) \
  P(query, required, std::string, channelId, "20, 22-latest") \
  P(query, required, std::string, application, "20, 22-latest")
#define ARI_ERRORS_events_claimChannel(E) \
  E(404, "Channel not found or not in broadcast state.") \
  E(409, "Channel has already been claimed by another application.")
ARI_REQUEST(events, claimChannel, "POST", "/events/claim", void, "20, 22-latest", ARI_PARAMS_events_claimChannel, ARI_ERRORS_events_claimChannel);

}  // namespace events

namespace mailboxes {

ARI_REQUEST(mailboxes, list, "GET", "/mailboxes", std::vector<::ari::Mailbox>, "13-latest", ARI_DETAIL_NO_PARAMS, ARI_DETAIL_NO_ERRORS);

#define ARI_PARAMS_mailboxes_get(P) \
  P(path, required, std::string, mailboxName, "13-latest")
#define ARI_ERRORS_mailboxes_get(E) \
  E(404, "Mailbox not found")
ARI_REQUEST(mailboxes, get, "GET", "/mailboxes/{mailboxName}", ::ari::Mailbox, "13-latest", ARI_PARAMS_mailboxes_get, ARI_ERRORS_mailboxes_get);

#define ARI_PARAMS_mailboxes_update(P) \
  P(path, required, std::string, mailboxName, "13-latest") \
  P(query, required, int, oldMessages, "13-latest") \
  P(query, required, int, newMessages, "13-latest")
#define ARI_ERRORS_mailboxes_update(E) \
  E(404, "Mailbox not found")
ARI_REQUEST(mailboxes, update, "PUT", "/mailboxes/{mailboxName}", void, "13-latest", ARI_PARAMS_mailboxes_update, ARI_ERRORS_mailboxes_update);

#define ARI_PARAMS_mailboxes_delete_(P) \
  P(path, required, std::string, mailboxName, "13-latest")
#define ARI_ERRORS_mailboxes_delete_(E) \
  E(404, "Mailbox not found")
ARI_REQUEST(mailboxes, delete_, "DELETE", "/mailboxes/{mailboxName}", void, "13-latest", ARI_PARAMS_mailboxes_delete_, ARI_ERRORS_mailboxes_delete_);

}  // namespace mailboxes

namespace playbacks {

#define ARI_PARAMS_playbacks_get(P) \
  P(path, required, std::string, playbackId, "13-latest")
#define ARI_ERRORS_playbacks_get(E) \
  E(404, "The playback cannot be found")
ARI_REQUEST(playbacks, get, "GET", "/playbacks/{playbackId}", ::ari::Playback, "13-latest", ARI_PARAMS_playbacks_get, ARI_ERRORS_playbacks_get);

#define ARI_PARAMS_playbacks_stop(P) \
  P(path, required, std::string, playbackId, "13-latest")
#define ARI_ERRORS_playbacks_stop(E) \
  E(404, "The playback cannot be found")
ARI_REQUEST(playbacks, stop, "DELETE", "/playbacks/{playbackId}", void, "13-latest", ARI_PARAMS_playbacks_stop, ARI_ERRORS_playbacks_stop);

#define ARI_PARAMS_playbacks_control(P) \
  P(path, required, std::string, playbackId, "13-latest") \
  P(query, required, PlaybackOperation, operation, "13-latest")
#define ARI_ERRORS_playbacks_control(E) \
  E(400, "The provided operation parameter was invalid") \
  E(404, "The playback cannot be found") \
  E(409, "The operation cannot be performed in the playback's current state")
ARI_REQUEST(playbacks, control, "POST", "/playbacks/{playbackId}/control", void, "13-latest", ARI_PARAMS_playbacks_control, ARI_ERRORS_playbacks_control);

}  // namespace playbacks

namespace recordings {

ARI_REQUEST(recordings, listStored, "GET", "/recordings/stored", std::vector<::ari::StoredRecording>, "13-latest", ARI_DETAIL_NO_PARAMS, ARI_DETAIL_NO_ERRORS);

#define ARI_PARAMS_recordings_getStored(P) \
  P(path, required, std::string, recordingName, "13-latest")
#define ARI_ERRORS_recordings_getStored(E) \
  E(404, "Recording not found")
ARI_REQUEST(recordings, getStored, "GET", "/recordings/stored/{recordingName}", ::ari::StoredRecording, "13-latest", ARI_PARAMS_recordings_getStored, ARI_ERRORS_recordings_getStored);

#define ARI_PARAMS_recordings_deleteStored(P) \
  P(path, required, std::string, recordingName, "13-latest")
#define ARI_ERRORS_recordings_deleteStored(E) \
  E(404, "Recording not found")
ARI_REQUEST(recordings, deleteStored, "DELETE", "/recordings/stored/{recordingName}", void, "13-latest", ARI_PARAMS_recordings_deleteStored, ARI_ERRORS_recordings_deleteStored);

#define ARI_PARAMS_recordings_copyStored(P) \
  P(path, required, std::string, recordingName, "13-latest") \
  P(query, required, std::string, destinationRecordingName, "13-latest")
#define ARI_ERRORS_recordings_copyStored(E) \
  E(404, "Recording not found") \
  E(409, "A recording with the same name already exists on the system")
ARI_REQUEST(recordings, copyStored, "POST", "/recordings/stored/{recordingName}/copy", ::ari::StoredRecording, "13-latest", ARI_PARAMS_recordings_copyStored, ARI_ERRORS_recordings_copyStored);

#define ARI_PARAMS_recordings_getLive(P) \
  P(path, required, std::string, recordingName, "13-latest")
#define ARI_ERRORS_recordings_getLive(E) \
  E(404, "Recording not found")
ARI_REQUEST(recordings, getLive, "GET", "/recordings/live/{recordingName}", ::ari::LiveRecording, "13-latest", ARI_PARAMS_recordings_getLive, ARI_ERRORS_recordings_getLive);

#define ARI_PARAMS_recordings_cancel(P) \
  P(path, required, std::string, recordingName, "13-latest")
#define ARI_ERRORS_recordings_cancel(E) \
  E(404, "Recording not found")
ARI_REQUEST(recordings, cancel, "DELETE", "/recordings/live/{recordingName}", void, "13-latest", ARI_PARAMS_recordings_cancel, ARI_ERRORS_recordings_cancel);

#define ARI_PARAMS_recordings_stop(P) \
  P(path, required, std::string, recordingName, "13-latest")
#define ARI_ERRORS_recordings_stop(E) \
  E(404, "Recording not found")
ARI_REQUEST(recordings, stop, "POST", "/recordings/live/{recordingName}/stop", void, "13-latest", ARI_PARAMS_recordings_stop, ARI_ERRORS_recordings_stop);

#define ARI_PARAMS_recordings_pause(P) \
  P(path, required, std::string, recordingName, "13-latest")
#define ARI_ERRORS_recordings_pause(E) \
  E(404, "Recording not found") \
  E(409, "Recording not in session")
ARI_REQUEST(recordings, pause, "POST", "/recordings/live/{recordingName}/pause", void, "13-latest", ARI_PARAMS_recordings_pause, ARI_ERRORS_recordings_pause);

#define ARI_PARAMS_recordings_unpause(P) \
  P(path, required, std::string, recordingName, "13-latest")
#define ARI_ERRORS_recordings_unpause(E) \
  E(404, "Recording not found") \
  E(409, "Recording not in session")
ARI_REQUEST(recordings, unpause, "DELETE", "/recordings/live/{recordingName}/pause", void, "13-latest", ARI_PARAMS_recordings_unpause, ARI_ERRORS_recordings_unpause);

#define ARI_PARAMS_recordings_mute(P) \
  P(path, required, std::string, recordingName, "13-latest")
#define ARI_ERRORS_recordings_mute(E) \
  E(404, "Recording not found") \
  E(409, "Recording not in session")
ARI_REQUEST(recordings, mute, "POST", "/recordings/live/{recordingName}/mute", void, "13-latest", ARI_PARAMS_recordings_mute, ARI_ERRORS_recordings_mute);

#define ARI_PARAMS_recordings_unmute(P) \
  P(path, required, std::string, recordingName, "13-latest")
#define ARI_ERRORS_recordings_unmute(E) \
  E(404, "Recording not found") \
  E(409, "Recording not in session")
ARI_REQUEST(recordings, unmute, "DELETE", "/recordings/live/{recordingName}/mute", void, "13-latest", ARI_PARAMS_recordings_unmute, ARI_ERRORS_recordings_unmute);

#define ARI_PARAMS_recordings_getStoredFile(P) \
  P(path, required, std::string, recordingName, "14-latest")
#define ARI_ERRORS_recordings_getStoredFile(E) \
  E(403, "The recording file could not be opened") \
  E(404, "Recording not found")
ARI_REQUEST(recordings, getStoredFile, "GET", "/recordings/stored/{recordingName}/file", std::string, "14-latest", ARI_PARAMS_recordings_getStoredFile, ARI_ERRORS_recordings_getStoredFile);

}  // namespace recordings

namespace sounds {

#define ARI_PARAMS_sounds_list(P) \
  P(query, optional, std::string, lang, "13-latest") \
  P(query, optional, std::string, format, "13-latest")
ARI_REQUEST(sounds, list, "GET", "/sounds", std::vector<::ari::Sound>, "13-latest", ARI_PARAMS_sounds_list, ARI_DETAIL_NO_ERRORS);

#define ARI_PARAMS_sounds_get(P) \
  P(path, required, std::string, soundId, "13-latest")
ARI_REQUEST(sounds, get, "GET", "/sounds/{soundId}", ::ari::Sound, "13-latest", ARI_PARAMS_sounds_get, ARI_DETAIL_NO_ERRORS);

}  // namespace sounds

// clang-format on

}  // namespace ari::requests
