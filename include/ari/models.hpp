// ari-events: every ARI model, events' and REST responses' alike.
//
// Each model is one field list: F(spec, name) per member, in the order Asterisk writes them.
// Members are spelled like the JSON keys. A member is std::optional when some Asterisk line
// from 13 to the latest may leave it out (schema required: false, no `required` key, or added
// after 13); required-everywhere members are plain. See detail/describe.hpp for the markers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ari/detail/describe.hpp"
#include "ari/detail/json_codec.hpp"
#include "ari/text_enum.hpp"
#include "ari/timestamp.hpp"

namespace ari {

// clang-format off

#define ARI_FIELDS_CallerID(F) \
  F(std::string, name) \
  F(std::string, number)
/// Name and number identifying one party of a call.
ARI_MODEL(CallerID, ARI_FIELDS_CallerID);

// Asterisk writes null for priority -1 and for unset strings (main/json.c); app_name and
// app_data are missing in lines 14 and 15.
#define ARI_FIELDS_DialplanCEP(F) \
  F(nullable<std::string>, context) \
  F(nullable<std::string>, exten) \
  F(nullable<std::int64_t>, priority) \
  F(std::optional<nullable<std::string>>, app_name) \
  F(std::optional<nullable<std::string>>, app_data)
/// A dialplan position: context, extension, priority, and the application running there.
ARI_MODEL(DialplanCEP, ARI_FIELDS_DialplanCEP);

#define ARI_FIELDS_Channel(F) \
  F(std::string, id) \
  F(std::string, name) \
  F(ChannelState, state) \
  F(std::optional<std::string>, protocol_id) \
  F(CallerID, caller) \
  F(CallerID, connected) \
  F(std::string, accountcode) \
  F(DialplanCEP, dialplan) \
  F(Timestamp, creationtime) \
  F(std::string, language) \
  F(std::optional<StringMap>, channelvars) \
  F(std::optional<std::string>, caller_rdnis) \
  F(std::optional<std::string>, tenantid)
/// A channel: one call leg between Asterisk and an endpoint, with its state, parties and dialplan position.
ARI_MODEL(Channel, ARI_FIELDS_Channel);

#define ARI_FIELDS_Playback(F) \
  F(std::string, id) \
  F(std::string, media_uri) \
  F(std::optional<std::string>, next_media_uri) \
  F(std::string, target_uri) \
  F(std::optional<std::string>, language) \
  F(PlaybackState, state)
/// A media playback on a channel or a bridge.
ARI_MODEL(Playback, ARI_FIELDS_Playback);

// video_mode is written by every Asterisk that has it (13.x on), but 13's early releases and
// the schema make it optional; bridgevars is free-form.
#define ARI_FIELDS_Bridge(F) \
  F(std::string, id) \
  F(std::string, technology) \
  F(BridgeType, bridge_type) \
  F(std::string, bridge_class) \
  F(std::string, creator) \
  F(std::string, name) \
  F(std::vector<std::string>, channels) \
  F(std::optional<Timestamp>, creationtime) \
  F(std::optional<std::string>, video_mode) \
  F(std::optional<std::string>, video_source_id) \
  F(std::optional<nlohmann::json>, bridgevars)
/// A bridge joining channels (mixing) or parking them (holding).
ARI_MODEL(Bridge, ARI_FIELDS_Bridge);

#define ARI_FIELDS_LiveRecording(F) \
  F(std::string, name) \
  F(std::string, format) \
  F(RecordingState, state) \
  F(std::string, target_uri) \
  F(std::optional<int>, duration) \
  F(std::optional<int>, talking_duration) \
  F(std::optional<int>, silence_duration) \
  F(std::optional<std::string>, cause)
/// A recording in progress or just ended.
ARI_MODEL(LiveRecording, ARI_FIELDS_LiveRecording);

#define ARI_FIELDS_StoredRecording(F) \
  F(std::string, name) \
  F(std::string, format)
/// A recording kept on disk (REST response).
ARI_MODEL(StoredRecording, ARI_FIELDS_StoredRecording);

// max_channels is not in the schema; main/stasis_endpoints.c adds it when set.
#define ARI_FIELDS_Endpoint(F) \
  F(std::string, technology) \
  F(std::string, resource) \
  F(std::optional<EndpointState>, state) \
  F(std::vector<std::string>, channel_ids) \
  F(std::optional<int>, max_channels)
/// An endpoint, a technology and a resource (PJSIP/alice), with its channels.
ARI_MODEL(Endpoint, ARI_FIELDS_Endpoint);

#define ARI_FIELDS_DeviceState(F) \
  F(std::string, name) \
  F(DeviceStateValue, state)
/// A named device and its state.
ARI_MODEL(DeviceState, ARI_FIELDS_DeviceState);

// variables is an object from 16 on and was a list of TextMessageVariable in 12, 14 and 15.
#define ARI_FIELDS_TextMessage(F) \
  F(std::string, from) \
  F(std::string, to) \
  F(std::string, body) \
  F(std::optional<nlohmann::json>, variables)
/// An out-of-call text message (SIP MESSAGE and the like).
ARI_MODEL(TextMessage, ARI_FIELDS_TextMessage);

#define ARI_FIELDS_TextMessageVariable(F) \
  F(std::string, key) \
  F(std::string, value)
/// One key and value of TextMessage.variables as lines 12, 14 and 15 sent them.
ARI_MODEL(TextMessageVariable, ARI_FIELDS_TextMessageVariable);

#define ARI_FIELDS_ContactInfo(F) \
  F(std::string, uri) \
  F(ContactStatus, contact_status) \
  F(std::string, aor) \
  F(std::optional<std::string>, roundtrip_usec)
/// A contact of an endpoint and whether it is reachable.
ARI_MODEL(ContactInfo, ARI_FIELDS_ContactInfo);

// The channel driver's blob as-is: chan_iax2 writes port and time as integers.
#define ARI_FIELDS_Peer(F) \
  F(std::string, peer_status) \
  F(std::optional<std::string>, cause) \
  F(std::optional<std::string>, address) \
  F(std::optional<StringOrInteger>, port) \
  F(std::optional<StringOrInteger>, time)
/// The status of a peer as its channel driver reports it.
ARI_MODEL(Peer, ARI_FIELDS_Peer);

#define ARI_FIELDS_AdditionalParam(F) \
  F(std::string, parameter_name) \
  F(std::string, parameter_value)
/// A protocol parameter carried along with a transfer request.
ARI_MODEL(AdditionalParam, ARI_FIELDS_AdditionalParam);

#define ARI_FIELDS_RequiredDestination(F) \
  F(std::optional<std::string>, protocol_id) \
  F(std::optional<std::string>, destination) \
  F(std::optional<std::vector<AdditionalParam>>, additional_protocol_params)
/// Where a transfer request asks the call to go.
ARI_MODEL(RequiredDestination, ARI_FIELDS_RequiredDestination);

#define ARI_FIELDS_ReferTo(F) \
  F(RequiredDestination, requested_destination) \
  F(std::optional<Channel>, destination_channel) \
  F(std::optional<Channel>, connected_channel) \
  F(std::optional<Bridge>, bridge)
/// The target side of a transfer request (SIP REFER).
ARI_MODEL(ReferTo, ARI_FIELDS_ReferTo);

#define ARI_FIELDS_ReferredBy(F) \
  F(Channel, source_channel) \
  F(std::optional<Channel>, connected_channel) \
  F(std::optional<Bridge>, bridge)
/// The side that asked for a transfer.
ARI_MODEL(ReferredBy, ARI_FIELDS_ReferredBy);

#define ARI_FIELDS_RESTHeader(F) \
  F(std::string, name) \
  F(std::string, value)
/// An HTTP header of a REST request made over the WebSocket.
ARI_MODEL(RESTHeader, ARI_FIELDS_RESTHeader);

#define ARI_FIELDS_RESTQueryStringParameter(F) \
  F(std::string, name) \
  F(std::string, value)
/// A query-string parameter of a REST request made over the WebSocket.
ARI_MODEL(RESTQueryStringParameter, ARI_FIELDS_RESTQueryStringParameter);

// Sent by the client over the WebSocket (Asterisk 20+); its `type` is a plain member.
#define ARI_FIELDS_RESTRequest(F) \
  F(std::string, type) \
  F(std::string, transaction_id) \
  F(std::string, request_id) \
  F(std::string, method) \
  F(std::string, uri) \
  F(std::optional<std::string>, content_type) \
  F(std::optional<std::vector<RESTQueryStringParameter>>, query_strings) \
  F(std::optional<std::string>, message_body)
/// A REST request the client sends over the WebSocket (Asterisk 20+).
ARI_MODEL(RESTRequest, ARI_FIELDS_RESTRequest);

// Models of REST responses.

#define ARI_FIELDS_Application(F) \
  F(std::string, name) \
  F(std::vector<std::string>, channel_ids) \
  F(std::vector<std::string>, bridge_ids) \
  F(std::vector<std::string>, endpoint_ids) \
  F(std::vector<std::string>, device_names) \
  F(std::optional<std::vector<nlohmann::json>>, events_allowed) \
  F(std::optional<std::vector<nlohmann::json>>, events_disallowed)
/// A Stasis application and what it is subscribed to (REST response).
ARI_MODEL(Application, ARI_FIELDS_Application);

#define ARI_FIELDS_BuildInfo(F) \
  F(std::string, os) \
  F(std::string, kernel) \
  F(std::string, options) \
  F(std::string, machine) \
  F(std::string, date) \
  F(std::string, user)
/// How the running Asterisk was built.
ARI_MODEL(BuildInfo, ARI_FIELDS_BuildInfo);

#define ARI_FIELDS_SystemInfo(F) \
  F(std::string, version) \
  F(std::string, entity_id)
/// The Asterisk version and entity id.
ARI_MODEL(SystemInfo, ARI_FIELDS_SystemInfo);

#define ARI_FIELDS_SetId(F) \
  F(std::string, user) \
  F(std::string, group)
/// The user and group Asterisk runs as.
ARI_MODEL(SetId, ARI_FIELDS_SetId);

#define ARI_FIELDS_ConfigInfo(F) \
  F(std::string, name) \
  F(std::string, default_language) \
  F(std::optional<int>, max_channels) \
  F(std::optional<int>, max_open_files) \
  F(std::optional<double>, max_load) \
  F(SetId, setid)
/// Main configuration values of the running Asterisk.
ARI_MODEL(ConfigInfo, ARI_FIELDS_ConfigInfo);

#define ARI_FIELDS_StatusInfo(F) \
  F(Timestamp, startup_time) \
  F(Timestamp, last_reload_time)
/// When Asterisk started and when it last reloaded.
ARI_MODEL(StatusInfo, ARI_FIELDS_StatusInfo);

#define ARI_FIELDS_AsteriskInfo(F) \
  F(std::optional<BuildInfo>, build) \
  F(std::optional<SystemInfo>, system) \
  F(std::optional<ConfigInfo>, config) \
  F(std::optional<StatusInfo>, status)
/// The answer of GET /asterisk/info: build, system, configuration and status.
ARI_MODEL(AsteriskInfo, ARI_FIELDS_AsteriskInfo);

// The schema types timestamp as string; Asterisk fills it with the Date format.
#define ARI_FIELDS_AsteriskPing(F) \
  F(std::string, asterisk_id) \
  F(std::string, ping) \
  F(Timestamp, timestamp)
/// The answer of GET /asterisk/ping.
ARI_MODEL(AsteriskPing, ARI_FIELDS_AsteriskPing);

#define ARI_FIELDS_ConfigTuple(F) \
  F(std::string, attribute) \
  F(std::string, value)
/// One attribute and value of a dynamic configuration object.
ARI_MODEL(ConfigTuple, ARI_FIELDS_ConfigTuple);

#define ARI_FIELDS_LogChannel(F) \
  F(std::string, channel) \
  F(std::string, type) \
  F(std::string, status) \
  F(std::string, configuration)
/// A logger channel and its configuration.
ARI_MODEL(LogChannel, ARI_FIELDS_LogChannel);

#define ARI_FIELDS_Module(F) \
  F(std::string, name) \
  F(std::string, description) \
  F(int, use_count) \
  F(std::string, status) \
  F(std::string, support_level)
/// A loaded Asterisk module.
ARI_MODEL(Module, ARI_FIELDS_Module);

#define ARI_FIELDS_Variable(F) \
  F(std::string, value)
/// The value of a channel or global variable (REST response).
ARI_MODEL(Variable, ARI_FIELDS_Variable);

#define ARI_FIELDS_Variables(F) \
  F(nlohmann::json, variables)
/// Several variables at once (REST response, Asterisk 20 and 22+).
ARI_MODEL(Variables, ARI_FIELDS_Variables);

#define ARI_FIELDS_FormatLangPair(F) \
  F(std::string, language) \
  F(std::string, format)
/// A format and a language in which a sound exists.
ARI_MODEL(FormatLangPair, ARI_FIELDS_FormatLangPair);

#define ARI_FIELDS_Sound(F) \
  F(std::string, id) \
  F(std::optional<std::string>, text) \
  F(std::vector<FormatLangPair>, formats)
/// A sound Asterisk can play, with its formats and languages.
ARI_MODEL(Sound, ARI_FIELDS_Sound);

#define ARI_FIELDS_Mailbox(F) \
  F(std::string, name) \
  F(int, old_messages) \
  F(int, new_messages)
/// A mailbox and its message counts.
ARI_MODEL(Mailbox, ARI_FIELDS_Mailbox);

/// A model the schema defines without members; kept so that every model has a type.
ARI_MODEL(Dialed, ARI_DETAIL_NO_FIELDS);

// Counters and SSRCs outgrow int: SSRCs are unsigned 32-bit, counters 64-bit.
#define ARI_FIELDS_RTPstat(F) \
  F(std::int64_t, txcount) \
  F(std::int64_t, rxcount) \
  F(std::optional<double>, txjitter) \
  F(std::optional<double>, rxjitter) \
  F(std::optional<double>, remote_maxjitter) \
  F(std::optional<double>, remote_minjitter) \
  F(std::optional<double>, remote_normdevjitter) \
  F(std::optional<double>, remote_stdevjitter) \
  F(std::optional<double>, local_maxjitter) \
  F(std::optional<double>, local_minjitter) \
  F(std::optional<double>, local_normdevjitter) \
  F(std::optional<double>, local_stdevjitter) \
  F(std::int64_t, txploss) \
  F(std::int64_t, rxploss) \
  F(std::optional<double>, remote_maxrxploss) \
  F(std::optional<double>, remote_minrxploss) \
  F(std::optional<double>, remote_normdevrxploss) \
  F(std::optional<double>, remote_stdevrxploss) \
  F(std::optional<double>, local_maxrxploss) \
  F(std::optional<double>, local_minrxploss) \
  F(std::optional<double>, local_normdevrxploss) \
  F(std::optional<double>, local_stdevrxploss) \
  F(std::optional<double>, rtt) \
  F(std::optional<double>, maxrtt) \
  F(std::optional<double>, minrtt) \
  F(std::optional<double>, normdevrtt) \
  F(std::optional<double>, stdevrtt) \
  F(std::uint32_t, local_ssrc) \
  F(std::uint32_t, remote_ssrc) \
  F(std::int64_t, txoctetcount) \
  F(std::int64_t, rxoctetcount) \
  F(std::string, channel_uniqueid)
/// RTP statistics of a channel (GET /channels/{id}/rtp_statistics).
ARI_MODEL(RTPstat, ARI_FIELDS_RTPstat);

// clang-format on

}  // namespace ari
