#!/usr/bin/env python3
"""Checks include/ari against Asterisk's ARI schema files.

usage: tools/check_spec.py SPEC_DIR      (SPEC_DIR holds one folder per release line: 13 ... latest)

Fails (exit 1) when the schema of any line from 13 to latest has an event type or a model
without a C++ counterpart, a member without a field, a field whose C++ type cannot hold the
schema's type, a plain (non-optional) field for a member that some line may leave out, or
release lines in ARI_EVENT_TYPES that differ from the schema's.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALL_LINES = ["12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "latest"]
LINES = ALL_LINES[1:]  # Asterisk 12 is out of scope

ENUMS = {"ChannelState", "PlaybackState", "RecordingState", "EndpointState", "DeviceStateValue",
         "ContactStatus", "BridgeType"}
# Where the C++ type follows what Asterisk sends rather than the schema (see models.hpp).
DEPARTURES = {
    ("AsteriskPing", "timestamp"): "Timestamp",
    ("Peer", "port"): "StringOrInteger",
    ("Peer", "time"): "StringOrInteger",
}
EVENT_HEAD = [("std::optional<::ari::Timestamp>", "timestamp")]
EVENT_TAIL = [("std::optional<std::string>", "asterisk_id"), ("std::string", "application")]
MESSAGE_TAIL = [("std::optional<std::string>", "asterisk_id"),
                ("std::optional<std::string>", "application")]


def read_headers():
    text = ""
    for name in ("models.hpp", "events.hpp", "detail/describe.hpp"):
        with open(os.path.join(ROOT, "include", "ari", name)) as f:
            text += f.read() + "\n"
    lists = {"ARI_DETAIL_NO_FIELDS": []}
    for match in re.finditer(r"^#define (ARI_FIELDS_\w+)\(F\)((?:.*\\\n)*.*)", text, re.M):
        fields = []
        for spec, name in re.findall(r"F\((.+?), (\w+)\)", match.group(2)):
            fields.append((spec.strip(), name))
        lists[match.group(1)] = fields
    types, events = {}, {}
    for kind, name, list_name in re.findall(r"^(ARI_MODEL|ARI_EVENT|ARI_MESSAGE)\((\w+), (\w+)\)",
                                            text, re.M):
        fields = lists[list_name]
        if kind == "ARI_EVENT":
            fields = EVENT_HEAD + fields + EVENT_TAIL
        elif kind == "ARI_MESSAGE":
            fields = EVENT_HEAD + fields + MESSAGE_TAIL
        types[name] = dict((n, s) for s, n in fields)
        if kind != "ARI_MODEL":
            events[name] = True
    registry = dict(re.findall(r'X\((\w+), "([^"]+)"\)', text))
    return types, events, registry


def load(spec_dir):
    spec = {}
    for line in ALL_LINES:
        models = {}
        folder = os.path.join(spec_dir, line)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                with open(os.path.join(folder, name)) as f:
                    models.update(json.load(f).get("models", {}))
        spec[line] = models
    return spec


def runs(lines):
    """["13", "16", "17", ...] -> "13, 16-latest" (the matrix's notation)."""
    indices = [ALL_LINES.index(line) for line in lines]
    parts, start = [], None
    for i, index in enumerate(indices):
        if start is None:
            start = index
        if i + 1 == len(indices) or indices[i + 1] != index + 1:
            parts.append(ALL_LINES[start] if start == index
                         else ALL_LINES[start] + "-" + ALL_LINES[index])
            start = None
    return ", ".join(parts)


def unwrap(cpp):
    optional = False
    while True:
        match = re.fullmatch(r"(?:std::optional|nullable)<(.*)>", cpp)
        if not match:
            return cpp.replace("::ari::", ""), optional
        if cpp.startswith("std::optional"):
            optional = True
        cpp = match.group(1)


def compatible(schema, cpp, where):
    if cpp == "nlohmann::json":
        return True
    if where in DEPARTURES:
        return cpp == DEPARTURES[where]
    list_match = re.fullmatch(r"List\[(.*)\]", schema)
    if list_match:
        inner = re.fullmatch(r"std::vector<(.*)>", cpp)
        return bool(inner) and compatible(list_match.group(1), unwrap(inner.group(1))[0], None)
    allowed = {
        "string": {"std::string"} | ENUMS,
        "int": {"int", "std::int64_t", "std::uint32_t"},
        "long": {"std::int64_t"},
        "double": {"double"},
        "boolean": {"bool"},
        "Date": {"Timestamp"},
        "object": {"StringMap"},
    }.get(schema, {schema})
    return cpp in allowed


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    types, events, registry = read_headers()
    spec = load(sys.argv[1])
    gaps, notes, checked = [], [], 0

    event_lines = {}
    for line in ALL_LINES:
        for base in ("Message", "Event"):
            for sub in spec[line].get(base, {}).get("subTypes", []):
                if sub != "Event":
                    event_lines.setdefault(sub, []).append(line)
    for name, lines in sorted(event_lines.items()):
        if not any(line in LINES for line in lines):
            continue
        if name not in events:
            gaps.append("event type %s (%s) has no struct" % (name, runs(lines)))
        elif registry.get(name) != runs(lines):
            gaps.append("ARI_EVENT_TYPES says %s is in %r, the schema %r"
                        % (name, registry.get(name), runs(lines)))

    model_names = sorted({m for line in LINES for m in spec[line]} - {"Message", "Event"})
    for model in model_names:
        if model not in types:
            gaps.append("model %s has no struct" % model)
            continue
        lines = [line for line in LINES if model in spec[line]]
        members = {}
        for line in lines:
            props = dict(spec[line][model].get("properties", {}))
            if model in events:
                bases = ["Message"] + (["Event"] if model != "MissingParams" else [])
                for base in bases:
                    props.update(spec[line][base].get("properties", {}))
                props.pop("type", None)  # the discriminator: the C++ type itself
            for member, info in props.items():
                members.setdefault(member, {})[line] = info
        for member, per_line in sorted(members.items()):
            checked += 1
            where = (model, member)
            cpp = types[model].get(member)
            if cpp is None:
                gaps.append("%s.%s has no field" % where)
                continue
            inner, optional = unwrap(cpp)
            for line, info in per_line.items():
                if not compatible(info["type"], inner, where):
                    gaps.append("%s.%s: %s cannot hold %s (line %s)"
                                % (model, member, cpp, info["type"], line))
                    break
            may_be_absent = any(line not in per_line or per_line[line].get("required") is not True
                                for line in lines)
            if may_be_absent and not optional and not cpp.startswith("nullable"):
                gaps.append("%s.%s may be absent (%s) but %s is not optional"
                            % (model, member, runs(sorted(per_line, key=ALL_LINES.index)), cpp))
            if where in DEPARTURES:
                notes.append("%s.%s: %s where the schema says %s"
                             % (model, member, DEPARTURES[where], per_line[lines[-1]]["type"]
                                if lines[-1] in per_line else "?"))

    for note in notes:
        print("note: " + note)
    for gap in gaps:
        print("GAP: " + gap)
    print("spec check: %d event types, %d models, %d members against lines %s-%s: %d gaps"
          % (len([e for e in event_lines if any(l in LINES for l in event_lines[e])]),
             len(model_names), checked, LINES[0], LINES[-1], len(gaps)))
    sys.exit(1 if gaps else 0)


if __name__ == "__main__":
    main()
