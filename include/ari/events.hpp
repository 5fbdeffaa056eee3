// ari-events: every ARI event type, and ari::Event, the variant of them all.
//
// Each event is one field list of its own members; ARI_EVENT adds the members every Event has
// (timestamp, asterisk_id, application) and `static constexpr std::string_view type`. The order
// of a description is the order Asterisk writes the members in (what to_frame writes); an event
// that Asterisk writes otherwise than "type", timestamp, its own, asterisk_id, application says
// where with ARI_EVENT_ORDERED.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "ari/models.hpp"

namespace ari {

// clang-format off

#define ARI_FIELDS_ApplicationMoveFailed(F) \
  F(Channel, channel) \
  F(std::string, destination) \
  F(std::vector<std::string>, args)
/// A channel could not move to another Stasis application.
ARI_EVENT(ApplicationMoveFailed, ARI_FIELDS_ApplicationMoveFailed);

// Asterisk writes these with application before asterisk_id (res/ari/ari_websockets.c).
#define ARI_FIELDS_ApplicationTail(F) \
  ARI_EVENT_APPLICATION(F) \
  ARI_EVENT_ASTERISK_ID(F)
/// The application was registered (Asterisk 20+).
ARI_EVENT_ORDERED(ApplicationRegistered, ARI_DETAIL_NO_FIELDS, ARI_EVENT_TIMESTAMP, ARI_DETAIL_NO_FIELDS, ARI_FIELDS_ApplicationTail);
/// Another WebSocket connection took this application over.
ARI_EVENT_ORDERED(ApplicationReplaced, ARI_DETAIL_NO_FIELDS, ARI_EVENT_TIMESTAMP, ARI_DETAIL_NO_FIELDS, ARI_FIELDS_ApplicationTail);
/// The application was unregistered (Asterisk 20+).
ARI_EVENT_ORDERED(ApplicationUnregistered, ARI_DETAIL_NO_FIELDS, ARI_EVENT_TIMESTAMP, ARI_DETAIL_NO_FIELDS, ARI_FIELDS_ApplicationTail);

#define ARI_FIELDS_BridgeAttendedTransfer(F) \
  F(Channel, transferer_first_leg) \
  F(Channel, transferer_second_leg) \
  F(std::optional<Channel>, replace_channel) \
  F(std::string, result) \
  F(bool, is_external) \
  F(std::optional<Channel>, transferee) \
  F(std::optional<Channel>, transfer_target) \
  F(std::optional<Bridge>, transferer_first_leg_bridge) \
  F(std::optional<Bridge>, transferer_second_leg_bridge) \
  F(std::string, destination_type) \
  F(std::optional<std::string>, destination_bridge) \
  F(std::optional<std::string>, destination_application) \
  F(std::optional<Channel>, destination_link_first_leg) \
  F(std::optional<Channel>, destination_link_second_leg) \
  F(std::optional<Channel>, destination_threeway_channel) \
  F(std::optional<Bridge>, destination_threeway_bridge)
/// An attended transfer succeeded or failed.
ARI_EVENT(BridgeAttendedTransfer, ARI_FIELDS_BridgeAttendedTransfer);

#define ARI_FIELDS_BridgeBlindTransfer(F) \
  F(Channel, channel) \
  F(std::optional<Channel>, transferee) \
  F(std::optional<Channel>, replace_channel) \
  F(std::string, exten) \
  F(std::string, context) \
  F(std::string, result) \
  F(bool, is_external) \
  F(std::optional<Bridge>, bridge)
/// A blind transfer succeeded or failed.
ARI_EVENT(BridgeBlindTransfer, ARI_FIELDS_BridgeBlindTransfer);

#define ARI_FIELDS_BridgeOnly(F) \
  F(Bridge, bridge)
/// A bridge was created.
ARI_EVENT(BridgeCreated, ARI_FIELDS_BridgeOnly);
/// A bridge was destroyed.
ARI_EVENT(BridgeDestroyed, ARI_FIELDS_BridgeOnly);

#define ARI_FIELDS_BridgeMerged(F) \
  F(Bridge, bridge) \
  F(Bridge, bridge_from)
/// One bridge was merged into another.
ARI_EVENT(BridgeMerged, ARI_FIELDS_BridgeMerged);

#define ARI_FIELDS_BridgeVideoSourceChanged(F) \
  F(Bridge, bridge) \
  F(std::optional<std::string>, old_video_source_id)
/// The video source of a bridge changed.
ARI_EVENT(BridgeVideoSourceChanged, ARI_FIELDS_BridgeVideoSourceChanged);

#define ARI_FIELDS_CallBroadcast(F) \
  F(Channel, channel) \
  F(std::optional<std::string>, caller) \
  F(std::optional<std::string>, called)
/// A call was offered to several applications (Asterisk 20, 22+).
ARI_EVENT(CallBroadcast, ARI_FIELDS_CallBroadcast);

#define ARI_FIELDS_CallClaimed(F) \
  F(Channel, channel) \
  F(std::string, winner_app)
/// An application claimed a broadcast call (Asterisk 20, 22+).
ARI_EVENT(CallClaimed, ARI_FIELDS_CallClaimed);

#define ARI_FIELDS_ChannelCallerId(F) \
  F(int, caller_presentation) \
  F(std::string, caller_presentation_txt) \
  F(Channel, channel)
/// A channel's caller id changed.
ARI_EVENT(ChannelCallerId, ARI_FIELDS_ChannelCallerId);

#define ARI_FIELDS_ChannelOnly(F) \
  F(Channel, channel)
/// A channel's connected line changed.
ARI_EVENT(ChannelConnectedLine, ARI_FIELDS_ChannelOnly);
/// A channel was created.
ARI_EVENT(ChannelCreated, ARI_FIELDS_ChannelOnly);

#define ARI_FIELDS_ChannelDestroyed(F) \
  F(int, cause) \
  F(std::string, cause_txt) \
  F(std::optional<int>, tech_cause) \
  F(Channel, channel)
/// A channel was destroyed; carries the hangup cause.
ARI_EVENT(ChannelDestroyed, ARI_FIELDS_ChannelDestroyed);

#define ARI_FIELDS_ChannelDialplan(F) \
  F(std::string, dialplan_app) \
  F(std::string, dialplan_app_data) \
  F(Channel, channel)
/// A channel moved to another dialplan position.
ARI_EVENT(ChannelDialplan, ARI_FIELDS_ChannelDialplan);

#define ARI_FIELDS_ChannelDtmfReceived(F) \
  F(std::string, digit) \
  F(int, duration_ms) \
  F(Channel, channel)
/// A DTMF digit ended on a channel.
ARI_EVENT(ChannelDtmfReceived, ARI_FIELDS_ChannelDtmfReceived);

#define ARI_FIELDS_ChannelEnteredBridge(F) \
  F(Bridge, bridge) \
  F(std::optional<Channel>, channel)
/// A channel joined a bridge.
ARI_EVENT(ChannelEnteredBridge, ARI_FIELDS_ChannelEnteredBridge);

// Asterisk writes the request's own members before "type" (main/channel.c's blob, to which
// main/stasis_channels.c adds type, timestamp and channel): cause, soft, tech_cause.
#define ARI_FIELDS_ChannelHangupRequest(F) \
  F(std::optional<int>, cause) \
  F(std::optional<bool>, soft) \
  F(std::optional<int>, tech_cause)
/// A hangup of a channel was asked for.
ARI_EVENT_ORDERED(ChannelHangupRequest, ARI_FIELDS_ChannelHangupRequest, ARI_EVENT_TIMESTAMP, ARI_FIELDS_ChannelOnly, ARI_DETAIL_EVENT_TAIL);

#define ARI_FIELDS_ChannelHold(F) \
  F(std::optional<std::string>, musicclass) \
  F(Channel, channel)
/// A channel was put on hold.
ARI_EVENT(ChannelHold, ARI_FIELDS_ChannelHold);

#define ARI_FIELDS_ChannelLeftBridge(F) \
  F(Bridge, bridge) \
  F(Channel, channel)
/// A channel left a bridge.
ARI_EVENT(ChannelLeftBridge, ARI_FIELDS_ChannelLeftBridge);

/// A channel's state changed.
ARI_EVENT(ChannelStateChange, ARI_FIELDS_ChannelOnly);

// duration comes before "type", as in ChannelHangupRequest.
#define ARI_FIELDS_ChannelTalkingFinished(F) \
  F(int, duration)
/// Talk detection: a channel stopped talking.
ARI_EVENT_ORDERED(ChannelTalkingFinished, ARI_FIELDS_ChannelTalkingFinished, ARI_EVENT_TIMESTAMP, ARI_FIELDS_ChannelOnly, ARI_DETAIL_EVENT_TAIL);

/// Talk detection: a channel started talking.
ARI_EVENT(ChannelTalkingStarted, ARI_FIELDS_ChannelOnly);
/// Tone detection fired on a channel (Asterisk 22+).
ARI_EVENT(ChannelToneDetected, ARI_FIELDS_ChannelOnly);

#define ARI_FIELDS_ChannelTransfer(F) \
  F(std::optional<std::string>, state) \
  F(ReferTo, refer_to) \
  F(ReferredBy, referred_by)
/// A transfer was requested on a channel (SIP REFER; Asterisk 20+).
ARI_EVENT(ChannelTransfer, ARI_FIELDS_ChannelTransfer);

/// A channel was taken off hold.
ARI_EVENT(ChannelUnhold, ARI_FIELDS_ChannelOnly);

#define ARI_FIELDS_ChannelUserevent(F) \
  F(std::string, eventname) \
  F(nlohmann::json, userevent) \
  F(std::optional<Channel>, channel) \
  F(std::optional<Bridge>, bridge) \
  F(std::optional<Endpoint>, endpoint)
/// A user-defined event (the UserEvent application or the REST call).
ARI_EVENT(ChannelUserevent, ARI_FIELDS_ChannelUserevent);

// variable and value come before "type", as in ChannelHangupRequest.
#define ARI_FIELDS_ChannelVarset(F) \
  F(std::string, variable) \
  F(std::string, value)
#define ARI_FIELDS_ChannelVarsetChannel(F) \
  F(std::optional<Channel>, channel)
/// A variable was set: on a channel, or globally when channel is absent.
ARI_EVENT_ORDERED(ChannelVarset, ARI_FIELDS_ChannelVarset, ARI_EVENT_TIMESTAMP, ARI_FIELDS_ChannelVarsetChannel, ARI_DETAIL_EVENT_TAIL);

#define ARI_FIELDS_ContactStatusChange(F) \
  F(Endpoint, endpoint) \
  F(ContactInfo, contact_info)
/// A contact's reachability changed.
ARI_EVENT(ContactStatusChange, ARI_FIELDS_ContactStatusChange);

// application comes second (res/res_stasis_device_state.c), asterisk_id last.
#define ARI_FIELDS_DeviceStateChangedHead(F) \
  ARI_EVENT_APPLICATION(F) \
  ARI_EVENT_TIMESTAMP(F)
#define ARI_FIELDS_DeviceStateChanged(F) \
  F(DeviceState, device_state)
/// A device state changed.
ARI_EVENT_ORDERED(DeviceStateChanged, ARI_DETAIL_NO_FIELDS, ARI_FIELDS_DeviceStateChangedHead, ARI_FIELDS_DeviceStateChanged, ARI_EVENT_ASTERISK_ID);

#define ARI_FIELDS_Dial(F) \
  F(std::string, dialstatus) \
  F(std::optional<std::string>, forward) \
  F(std::optional<std::string>, dialstring) \
  F(std::optional<Channel>, caller) \
  F(Channel, peer) \
  F(std::optional<Channel>, forwarded)
/// Progress of a dial attempt.
ARI_EVENT(Dial, ARI_FIELDS_Dial);

#define ARI_FIELDS_EndpointOnly(F) \
  F(Endpoint, endpoint)
/// An endpoint's state changed.
ARI_EVENT(EndpointStateChange, ARI_FIELDS_EndpointOnly);

#define ARI_FIELDS_MissingParams(F) \
  F(std::vector<std::string>, params)
/// The WebSocket connection lacked required parameters.
ARI_MESSAGE(MissingParams, ARI_FIELDS_MissingParams);

#define ARI_FIELDS_PeerStatusChange(F) \
  F(Endpoint, endpoint) \
  F(Peer, peer)
/// A peer's status changed.
ARI_EVENT(PeerStatusChange, ARI_FIELDS_PeerStatusChange);

#define ARI_FIELDS_PlaybackOnly(F) \
  F(Playback, playback)
/// A playback moved on to the next media of its list.
ARI_EVENT(PlaybackContinuing, ARI_FIELDS_PlaybackOnly);
/// A playback ended.
ARI_EVENT(PlaybackFinished, ARI_FIELDS_PlaybackOnly);
/// A playback started.
ARI_EVENT(PlaybackStarted, ARI_FIELDS_PlaybackOnly);

// message_body is a JSON document serialised into a string, kept as that string. The common
// members come last (res/ari/ari_websocket_requests.c and ari_websockets.c add them).
#define ARI_FIELDS_RESTResponseTail(F) \
  ARI_EVENT_APPLICATION(F) \
  ARI_EVENT_TIMESTAMP(F) \
  ARI_EVENT_ASTERISK_ID(F)
#define ARI_FIELDS_RESTResponse(F) \
  F(std::string, transaction_id) \
  F(std::string, request_id) \
  F(int, status_code) \
  F(std::string, reason_phrase) \
  F(std::string, uri) \
  F(std::optional<std::string>, content_type) \
  F(std::optional<std::string>, message_body)
/// The answer to a REST request made over the WebSocket (Asterisk 20+).
ARI_EVENT_ORDERED(RESTResponse, ARI_DETAIL_NO_FIELDS, ARI_DETAIL_NO_FIELDS, ARI_FIELDS_RESTResponse, ARI_FIELDS_RESTResponseTail);

#define ARI_FIELDS_RecordingOnly(F) \
  F(LiveRecording, recording)
/// A recording failed.
ARI_EVENT(RecordingFailed, ARI_FIELDS_RecordingOnly);
/// A recording finished.
ARI_EVENT(RecordingFinished, ARI_FIELDS_RecordingOnly);
/// A recording started.
ARI_EVENT(RecordingStarted, ARI_FIELDS_RecordingOnly);

/// A channel left the Stasis application.
ARI_EVENT(StasisEnd, ARI_FIELDS_ChannelOnly);

#define ARI_FIELDS_StasisStart(F) \
  F(std::vector<std::string>, args) \
  F(Channel, channel) \
  F(std::optional<Channel>, replace_channel)
/// A channel entered the Stasis application.
ARI_EVENT(StasisStart, ARI_FIELDS_StasisStart);

#define ARI_FIELDS_TextMessageReceived(F) \
  F(std::optional<Endpoint>, endpoint) \
  F(TextMessage, message)
/// A text message arrived.
ARI_EVENT(TextMessageReceived, ARI_FIELDS_TextMessageReceived);

/// Every event type this version knows, sorted by name (the order of ari::Event's alternatives
/// and of event_type's enumerators, kept alphabetical so that it stays stable), with the
/// Asterisk release lines whose ARI schema defines it ("latest" is master).
#define ARI_EVENT_TYPES(X) \
  X(ApplicationMoveFailed, "13, 16-latest") \
  X(ApplicationRegistered, "20-latest") \
  X(ApplicationReplaced, "12-latest") \
  X(ApplicationUnregistered, "20-latest") \
  X(BridgeAttendedTransfer, "12-latest") \
  X(BridgeBlindTransfer, "12-latest") \
  X(BridgeCreated, "12-latest") \
  X(BridgeDestroyed, "12-latest") \
  X(BridgeMerged, "12-latest") \
  X(BridgeVideoSourceChanged, "13-latest") \
  X(CallBroadcast, "20, 22-latest") \
  X(CallClaimed, "20, 22-latest") \
  X(ChannelCallerId, "12-latest") \
  X(ChannelConnectedLine, "13-latest") \
  X(ChannelCreated, "12-latest") \
  X(ChannelDestroyed, "12-latest") \
  X(ChannelDialplan, "12-latest") \
  X(ChannelDtmfReceived, "12-latest") \
  X(ChannelEnteredBridge, "12-latest") \
  X(ChannelHangupRequest, "12-latest") \
  X(ChannelHold, "13-latest") \
  X(ChannelLeftBridge, "12-latest") \
  X(ChannelStateChange, "12-latest") \
  X(ChannelTalkingFinished, "12-latest") \
  X(ChannelTalkingStarted, "12-latest") \
  X(ChannelToneDetected, "22-latest") \
  X(ChannelTransfer, "20-latest") \
  X(ChannelUnhold, "13-latest") \
  X(ChannelUserevent, "12-latest") \
  X(ChannelVarset, "12-latest") \
  X(ContactStatusChange, "13-latest") \
  X(DeviceStateChanged, "12-latest") \
  X(Dial, "12-latest") \
  X(EndpointStateChange, "12-latest") \
  X(MissingParams, "12-latest") \
  X(PeerStatusChange, "13-latest") \
  X(PlaybackContinuing, "14-latest") \
  X(PlaybackFinished, "12-latest") \
  X(PlaybackStarted, "12-latest") \
  X(RESTResponse, "20-latest") \
  X(RecordingFailed, "12-latest") \
  X(RecordingFinished, "12-latest") \
  X(RecordingStarted, "12-latest") \
  X(StasisEnd, "12-latest") \
  X(StasisStart, "12-latest") \
  X(TextMessageReceived, "12-latest")

// clang-format on

/// A message whose "type" this version does not model: the type text and the whole JSON.
/// A newer Asterisk's event therefore never fails to parse.
struct UnknownEvent {
  /// The "type" text of the message.
  std::string type;
  /// The whole message as it came.
  nlohmann::json json;

  // Templates, as the described types' functions are (describe.hpp): a non-template friend
  // is compiled wherever the type is seen.
  /// Equal when type and JSON are.
  template <class Self, detail::if_same<Self, UnknownEvent> = 0>
  friend bool operator==(const Self& a, const Self& b) {
    return a.type == b.type && a.json == b.json;
  }
  /// Not equal.
  template <class Self, detail::if_same<Self, UnknownEvent> = 0>
  friend bool operator!=(const Self& a, const Self& b) {
    return !(a == b);
  }
  /// The JSON it came as.
  template <class Json, detail::if_same<Json, nlohmann::json> = 0>
  friend void to_json(Json& j, const UnknownEvent& e) {
    j = e.json;
  }
  /// Prints the JSON.
  template <class Stream, detail::if_ostream<Stream> = 0>
  friend std::ostream& operator<<(Stream& os, const UnknownEvent& e) {
    return os << detail::dump_safely(e.json);
  }
};

#define ARI_DETAIL_ALTERNATIVE(Type, lines) Type,
/// Any message of /ari/events: one alternative per event type, UnknownEvent last.
using Event = std::variant<ARI_EVENT_TYPES(ARI_DETAIL_ALTERNATIVE) UnknownEvent>;
#undef ARI_DETAIL_ALTERNATIVE

}  // namespace ari
