#!/usr/bin/env python3
"""Writes tests/data/catalogue-full.jsonl and tests/data/catalogue-minimal.jsonl.

full:    one realistic frame per ARI event type, every member present, nested models filled,
         timestamps at several UTC offsets.
minimal: the same frames with only the members that every Asterisk line from 13 on requires
         (computed from Asterisk's schema files, recursively through nested models).

A developer tool: it reads ../shared/ari-spec (Asterisk's rest-api/api-docs per release line).
The tests read only the files it writes, which are committed.

usage: tools/make_catalogue_frames.py [SPEC_DIR]
"""
import copy
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "ari-spec")
LINES = ["13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "latest"]

ASTERISK_ID = "02:fc:00:00:00:01"
APP = "callcenter"


def load_models():
    """{line: {model: {property: {type, required}}}} for every supported line."""
    result = {}
    for line in LINES:
        models = {}
        folder = os.path.join(SPEC, line)
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name)) as f:
                models.update(json.load(f).get("models", {}))
        result[line] = models
    return result


def always_required(models, model):
    """Members that every line defining `model` has and marks required."""
    required = None
    for line in LINES:
        spec = models[line].get(model)
        if spec is None:
            continue
        props = spec.get("properties", {})
        here = {name for name, p in props.items() if p.get("required") is True}
        if model not in ("Message", "Event"):
            base = "Message" if model == "MissingParams" else "Event"
            for b in ("Message", base):
                bprops = models[line].get(b, {}).get("properties", {})
                here |= {n for n, p in bprops.items() if p.get("required") is True}
        required = here if required is None else required & here
    return required or set()


def type_of(models, model, member):
    for line in reversed(LINES):
        spec = models[line].get(model)
        if spec and member in spec.get("properties", {}):
            return spec["properties"][member]["type"]
        for base in ("Event", "Message"):
            bprops = models[line].get(base, {}).get("properties", {})
            if member in bprops:
                return bprops[member]["type"]
    return None


def minimise(models, model, value):
    keep = always_required(models, model) | {"type"}
    out = {}
    for key, member in value.items():
        if key not in keep:
            continue
        kind = type_of(models, model, key)
        if kind in models["latest"] and isinstance(member, dict):
            member = minimise(models, kind, member)
        elif kind and kind.startswith("List[") and kind[5:-1] in models["latest"]:
            member = [minimise(models, kind[5:-1], m) for m in member]
        out[key] = member
    return out


def caller(name, number):
    return {"name": name, "number": number}


def channel(ident, name, state="Up", number="1001", caller_name="Alice Example",
            created="2026-11-26T14:40:44.352+0900", priority=3):
    return {
        "id": ident, "name": name, "state": state, "protocol_id": "a84c1f2e-77b0@10.0.0.5",
        "caller": caller(caller_name, number), "connected": caller("Bob Example", "1002"),
        "accountcode": "sales",
        "dialplan": {"context": "from-internal", "exten": "1002", "priority": priority,
                     "app_name": "Stasis", "app_data": APP + ",inbound"},
        "creationtime": created, "language": "en",
        "channelvars": {"CDR(userfield)": "vip", "X_TRACE": "on"},
        "caller_rdnis": "1000", "tenantid": "tenant-7",
    }


ALICE = channel("1764135644.101", "PJSIP/alice-00000065")
BOB = channel("1764135644.102", "PJSIP/bob-00000066", number="1002", caller_name="Bob Example")
CAROL = channel("1764135650.110", "PJSIP/carol-0000006e", state="Ringing", number="1003",
                caller_name="Carol Example", created="2026-11-26T00:40:50.004-0500")
LOCAL1 = channel("1764135651.111", "Local/queue@agents-00000012;1", number="1001")
LOCAL2 = channel("1764135651.112", "Local/queue@agents-00000012;2", state="Ring",
                 number="1001")
BRIDGE = {
    "id": "9a0c5c2e-2f43-4a3f-9a57-4d6a3f0e6c11", "technology": "softmix",
    "bridge_type": "mixing", "bridge_class": "stasis", "creator": "Stasis", "name": "conf-7",
    "channels": [ALICE["id"], BOB["id"]], "video_mode": "sfu", "video_source_id": ALICE["id"],
    "creationtime": "2026-11-26T14:41:02.118+0900", "bridgevars": {"CONF_ROOM": "7"},
}
HOLDING = dict(BRIDGE, id="1f7e0a52-hold", technology="holding_bridge", bridge_type="holding",
               name="parking", channels=[CAROL["id"]], video_mode="none",
               video_source_id="", bridgevars={"MOH": "default"})
ENDPOINT = {"technology": "PJSIP", "resource": "alice", "state": "online",
            "channel_ids": [ALICE["id"]], "max_channels": 2}
PLAYBACK = {"id": "pb-3f2a", "media_uri": "sound:hello-world", "next_media_uri": "sound:vm-goodbye",
            "target_uri": "channel:" + ALICE["id"], "language": "en", "state": "playing"}
RECORDING = {"name": "call-1764135644", "format": "wav", "target_uri": "bridge:" + BRIDGE["id"],
             "state": "done", "duration": 42, "talking_duration": 31, "silence_duration": 11,
             "cause": "none"}

STAMPS = iter([
    "2026-11-26T14:41:%02d.%03d+0900" % (s, s * 37 % 1000) for s in range(10, 60)
] + ["2026-11-26T00:42:%02d.%03d-0500" % (s, s * 11 % 1000) for s in range(0, 60)])


def event(kind, **members):
    frame = {"type": kind, "timestamp": next(STAMPS)}
    frame.update(members)
    frame["asterisk_id"] = ASTERISK_ID
    frame["application"] = APP
    return frame


FRAMES = [
    event("ApplicationMoveFailed", channel=ALICE, destination="otherapp", args=["a1", "a2"]),
    event("ApplicationRegistered"),
    event("ApplicationReplaced"),
    event("ApplicationUnregistered"),
    event("BridgeAttendedTransfer", transferer_first_leg=ALICE, transferer_second_leg=LOCAL1,
          replace_channel=LOCAL2, transferee=BOB, transfer_target=CAROL, result="Success",
          is_external=False, transferer_first_leg_bridge=BRIDGE,
          transferer_second_leg_bridge=HOLDING, destination_type="threeway",
          destination_bridge=BRIDGE["id"], destination_application=APP,
          destination_link_first_leg=LOCAL1, destination_link_second_leg=LOCAL2,
          destination_threeway_channel=CAROL, destination_threeway_bridge=BRIDGE),
    event("BridgeBlindTransfer", channel=ALICE, replace_channel=LOCAL1, transferee=BOB,
          exten="2000", context="from-internal", result="Success", is_external=True,
          bridge=BRIDGE),
    event("BridgeCreated", bridge=BRIDGE),
    event("BridgeDestroyed", bridge=HOLDING),
    event("BridgeMerged", bridge=BRIDGE, bridge_from=HOLDING),
    event("BridgeVideoSourceChanged", bridge=BRIDGE, old_video_source_id=BOB["id"]),
    event("CallBroadcast", channel=CAROL, caller="1003", called="2000"),
    event("CallClaimed", channel=CAROL, winner_app="agent-app"),
    event("ChannelCallerId", caller_presentation=1,
          caller_presentation_txt="Presentation Allowed, Passed Screen", channel=ALICE),
    event("ChannelConnectedLine", channel=BOB),
    event("ChannelCreated", channel=dict(CAROL, state="Down")),
    event("ChannelDestroyed", cause=16, cause_txt="Normal Clearing", tech_cause=200,
          channel=BOB),
    event("ChannelDialplan", dialplan_app="Queue", dialplan_app_data="support,t", channel=ALICE),
    event("ChannelDtmfReceived", digit="#", duration_ms=160, channel=ALICE),
    event("ChannelEnteredBridge", bridge=BRIDGE, channel=BOB),
    event("ChannelHangupRequest", cause=17, tech_cause=486, soft=True, channel=CAROL),
    event("ChannelHold", channel=BOB, musicclass="jazz"),
    event("ChannelLeftBridge", bridge=BRIDGE, channel=ALICE),
    event("ChannelStateChange", channel=dict(CAROL, state="Up")),
    event("ChannelTalkingFinished", channel=ALICE, duration=5120),
    event("ChannelTalkingStarted", channel=ALICE),
    event("ChannelToneDetected", channel=CAROL),
    event("ChannelTransfer", state="channel_answered",
          refer_to={"requested_destination": {
              "protocol_id": "a84c1f2e-77b0@10.0.0.5", "destination": "sip:2000@pbx.example",
              "additional_protocol_params": [
                  {"parameter_name": "Replaces", "parameter_value": "abc123;to-tag=1"}]},
              "destination_channel": CAROL, "connected_channel": BOB, "bridge": BRIDGE},
          referred_by={"source_channel": ALICE, "connected_channel": BOB, "bridge": BRIDGE}),
    event("ChannelUnhold", channel=BOB),
    event("ChannelUserevent", eventname="Survey", channel=ALICE, bridge=BRIDGE,
          endpoint=ENDPOINT, userevent={"score": "5", "nested": {"list": [1, 2, 3]}}),
    event("ChannelVarset", variable="QUEUE_WAIT", value="12", channel=ALICE),
    event("ContactStatusChange", endpoint=ENDPOINT,
          contact_info={"uri": "sip:alice@10.0.0.5:5060;ob", "contact_status": "Reachable",
                        "aor": "alice", "roundtrip_usec": "1532"}),
    event("DeviceStateChanged", device_state={"name": "PJSIP/alice", "state": "RINGINUSE"}),
    event("Dial", caller=ALICE, peer=CAROL, forward="2001", forwarded=LOCAL1,
          dialstring="PJSIP/carol", dialstatus="ANSWER"),
    event("EndpointStateChange", endpoint=dict(ENDPOINT, state="offline", channel_ids=[])),
    event("MissingParams", params=["app"]),
    event("PeerStatusChange", endpoint=ENDPOINT,
          peer={"peer_status": "Reachable", "cause": "qualify", "address": "10.0.0.5:5060",
                "port": "5060", "time": "23"}),
    event("PlaybackContinuing", playback=dict(PLAYBACK, state="continuing")),
    event("PlaybackFinished", playback=dict(PLAYBACK, state="done")),
    event("PlaybackStarted", playback=PLAYBACK),
    event("RESTResponse", transaction_id="tx-81", request_id="req-5", status_code=200,
          reason_phrase="OK", uri="channels/" + ALICE["id"] + "/answer",
          content_type="application/json", message_body=json.dumps({"id": ALICE["id"]})),
    event("RecordingFailed", recording=dict(RECORDING, state="failed",
                                            cause="Cannot record channel while in bridge")),
    event("RecordingFinished", recording=RECORDING),
    event("RecordingStarted", recording=dict(RECORDING, state="recording")),
    event("StasisEnd", channel=ALICE),
    event("StasisStart", args=["inbound", "queue=support"], channel=ALICE,
          replace_channel=LOCAL2),
    event("TextMessageReceived",
          message={"from": "\"Alice\" <sip:alice@10.0.0.5>", "to": "pjsip:bob",
                   "body": "Running 5 minutes late", "variables": {"X-Priority": "high"}},
          endpoint=ENDPOINT),
]


def main():
    models = load_models()
    types = sorted(models["latest"]["Event"]["subTypes"] + ["MissingParams"])
    assert sorted(f["type"] for f in FRAMES) == types, "one frame per event type"
    data = os.path.join(ROOT, "tests", "data")
    with open(os.path.join(data, "catalogue-full.jsonl"), "w") as full, \
            open(os.path.join(data, "catalogue-minimal.jsonl"), "w") as minimal:
        for frame in FRAMES:
            full.write(json.dumps(frame, ensure_ascii=False, separators=(",", ":")) + "\n")
            small = minimise(models, frame["type"], copy.deepcopy(frame))
            minimal.write(json.dumps(small, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
