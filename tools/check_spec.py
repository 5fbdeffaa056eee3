#!/usr/bin/env python3
"""Checks include/ari against Asterisk's ARI schema files.

usage: tools/check_spec.py SPEC_DIR      (SPEC_DIR holds one folder per release line: 13 ... latest)

Fails (exit 1) when the schema of any line from 13 to latest has an event type or a model
without a C++ counterpart, a member without a field, a field whose C++ type cannot hold the
schema's type, a plain (non-optional) field for a member that some line may leave out, or
release lines in ARI_EVENT_TYPES that differ from the schema's; or, for the REST operations of
include/ari/operations.hpp, an operation without a request struct (or one the schema does not
have), or a method, path, response type, release lines, parameter (name, place, type, required,
allowMultiple, allowable values, lines) or error status and reason that differs from the schema;
a place declared in PLACE_DEPARTURES (where Asterisk's code reads the parameter elsewhere) is
checked against that declaration instead, and printed as a note.
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
# Request parameters sent elsewhere than the schema says, because Asterisk's code reads them there
# (see the README's "Server quirks"): (method, path, parameter) -> the place in operations.hpp.
# bridges::create's variables: every release that has the parameter (20.20, 22.10, 23.4, master)
# reads the whole body as the variables (ast_ari_bridges_create in res/ari/resource_bridges.c);
# the documented {"variables": {...}} gets 400, after the bridge has been created.
PLACE_DEPARTURES = {
    ("POST", "/bridges", "variables"): "whole_body",
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
    # A list's body holds F(spec, name) entries and other lists applied to F (ARI_EVENT_TIMESTAMP(F)).
    bodies = {"ARI_DETAIL_NO_FIELDS": ""}
    for match in re.finditer(r"^#define (ARI_\w+)\(F\)((?:.*\\\n)*.*)", text, re.M):
        bodies[match.group(1)] = match.group(2)

    def fields_of(list_name):
        fields = []
        for spec, name, inner in re.findall(r"\bF\((.+?), (\w+)\)|\b(ARI_\w+)\(F\)",
                                            bodies[list_name]):
            fields += fields_of(inner) if inner else [(spec.strip(), name)]
        return fields

    types, events = {}, {}
    for kind, name, list_name in re.findall(r"^(ARI_MODEL|ARI_EVENT|ARI_MESSAGE)\((\w+), (\w+)\)",
                                            text, re.M):
        fields = fields_of(list_name)
        if kind == "ARI_EVENT":
            fields = EVENT_HEAD + fields + EVENT_TAIL
        elif kind == "ARI_MESSAGE":
            fields = EVENT_HEAD + fields + MESSAGE_TAIL
        types[name] = dict((n, s) for s, n in fields)
        if kind != "ARI_MODEL":
            events[name] = True
    # ARI_EVENT_ORDERED(Type, LEADING, HEAD, LIST, TAIL): the common members are in its lists.
    for name, lists in re.findall(r"^ARI_EVENT_ORDERED\((\w+), ((?:\w+, ){3}\w+)\)", text, re.M):
        fields = [field for list_name in lists.split(", ") for field in fields_of(list_name)]
        types[name] = dict((n, s) for s, n in fields)
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


API_FILES = ["applications", "asterisk", "bridges", "channels", "deviceStates", "endpoints",
             "events", "mailboxes", "playbacks", "recordings", "sounds"]
SCALARS = {"string": "std::string", "int": "int", "long": "std::int64_t", "boolean": "bool"}


def read_requests():
    """The request descriptions of operations.hpp, and the values of each enumeration."""
    with open(os.path.join(ROOT, "include", "ari", "operations.hpp")) as f:
        text = f.read()
    with open(os.path.join(ROOT, "include", "ari", "text_enum.hpp")) as f:
        enum_text = f.read() + text
    enums = {}
    for name, body in re.findall(r"struct (\w+)Names \{.*?names\[\] = \{(.*?)\};", enum_text, re.S):
        enums[name] = re.findall(r'"([^"]*)"', body)
    macros = {"ARI_DETAIL_NO_PARAMS": [], "ARI_DETAIL_NO_ERRORS": []}
    for match in re.finditer(r"^#define (ARI_(?:PARAMS|ERRORS)_\w+)\([PE]\)((?:.*\\\n)*.*)",
                             text, re.M):
        if match.group(1).startswith("ARI_PARAMS"):
            macros[match.group(1)] = re.findall(
                r'P\((\w+), (required|optional), (.+?), (\w+), "([^"]+)"\)', match.group(2))
        else:
            macros[match.group(1)] = [(int(c), r) for c, r in
                                      re.findall(r'E\((\d+), "([^"]*)"\)', match.group(2))]
    requests = {}
    for api, name, method, path, response, lines, params, errors in re.findall(
            r'^ARI_REQUEST\((\w+), (\w+), "(\w+)", "([^"]+)", (.+?), "([^"]+)", (\w+), (\w+)\);',
            text, re.M):
        requests[(method, path)] = dict(api=api, name=name, response=response, lines=lines,
                                        params=macros[params], errors=dict(macros[errors]))
    return requests, enums


def schema_response(response_class):
    if response_class == "void":
        return "void"
    if response_class == "binary":
        return "std::string"
    if response_class == "Message":  # the event WebSocket: each frame is an event
        return "::ari::Event"
    match = re.fullmatch(r"List\[(.*)\]", response_class)
    if match:
        return "std::vector<::ari::%s>" % match.group(1)
    return "::ari::" + response_class


def check_requests(spec_dir, gaps, notes):
    requests, enums = read_requests()
    operations = {}
    for line in LINES:
        for api in API_FILES:
            with open(os.path.join(spec_dir, line, api + ".json")) as f:
                for entry in json.load(f)["apis"]:
                    for op in entry["operations"]:
                        key = (op["httpMethod"], entry["path"])
                        operations.setdefault(key, {})[line] = (api, op)
    parameters_checked = 0
    for key in sorted(set(requests) - set(operations)):
        gaps.append("request %s %s is not in the schema" % key)
    for key, per_line in sorted(operations.items()):
        where = "%s %s" % key
        request = requests.get(key)
        if request is None:
            gaps.append("operation %s has no request struct" % where)
            continue
        api, latest = per_line[list(per_line)[-1]]
        nickname = latest["nickname"]
        expected_name = nickname + "_" if nickname in ("delete",) else nickname
        if (request["api"], request["name"]) != (api, expected_name):
            gaps.append("%s is %s::%s, the schema's %s::%s"
                        % (where, request["api"], request["name"], api, nickname))
        if request["lines"] != runs(list(per_line)):
            gaps.append("%s: lines %r, the schema %r" % (where, request["lines"],
                                                         runs(list(per_line))))
        responses = {schema_response(op["responseClass"]) for _, op in per_line.values()}
        if responses != {request["response"]}:
            gaps.append("%s: response %s, the schema %s" % (where, request["response"],
                                                            sorted(responses)))
        errors = {}
        for _, op in per_line.values():
            for error in op.get("errorResponses", []):
                errors[int(error["code"])] = error["reason"]  # the newest line's wording
        if errors != request["errors"]:
            gaps.append("%s: errors %r, the schema %r" % (where, request["errors"], errors))
        schema_params = {}
        for line, (_, op) in per_line.items():
            for param in op.get("parameters", []):
                schema_params.setdefault(param["name"], {})[line] = param
        described = {p[3]: p for p in request["params"]}
        if set(described) != set(schema_params):
            gaps.append("%s: parameters %s, the schema %s"
                        % (where, sorted(described), sorted(schema_params)))
        latest_order = [p["name"] for p in latest.get("parameters", [])]
        if [p[3] for p in request["params"] if p[3] in latest_order] != latest_order:
            gaps.append("%s: parameters not in the schema's order" % where)
        for name, lines in schema_params.items():
            if name not in described:
                continue
            parameters_checked += 1
            place, presence, cpp, _, cpp_lines = described[name]
            infos = list(lines.values())
            if cpp_lines != runs(list(lines)):
                gaps.append("%s %s: lines %r, the schema %r" % (where, name, cpp_lines,
                                                                runs(list(lines))))
            # A path parameter is part of the path: required, even where the schema leaves
            # "required" out (endpoints' tech and resource).
            required = all(info.get("required") is True or info["paramType"] == "path"
                           for info in infos)
            if (presence == "required") != required:
                gaps.append("%s %s: %s, the schema's lines say required=%s"
                            % (where, name, presence, required))
            kinds = {info["paramType"] for info in infos}
            data_types = {info["dataType"] for info in infos}
            if len(kinds) != 1 or len(data_types) != 1:
                gaps.append("%s %s: place or type changes between lines" % (where, name))
                continue
            kind, data_type = kinds.pop(), data_types.pop()
            if kind == "body":
                expected_place = "whole_body" if data_type == "object" else "body"
                departure = PLACE_DEPARTURES.get(key + (name,))
                if departure:
                    notes.append("%s %s: sent as %s, where the schema says %s"
                                 % (where, name, departure, expected_place))
                    expected_place = departure
                if place != expected_place or cpp != "nlohmann::json":
                    gaps.append("%s %s: %s %s, expected %s nlohmann::json"
                                % (where, name, place, cpp, expected_place))
                continue
            if place != kind:
                gaps.append("%s %s: place %s, the schema %s" % (where, name, place, kind))
            multiple = any(info.get("allowMultiple") for info in infos)
            inner = re.fullmatch(r"std::vector<(.*)>", cpp)
            if multiple != bool(inner):
                gaps.append("%s %s: %s, the schema's allowMultiple is %s"
                            % (where, name, cpp, multiple))
            element = (inner.group(1) if inner else cpp).replace("::ari::", "")
            values = []
            for info in infos:
                allowable = info.get("allowableValues") or {}
                if allowable.get("valueType") == "LIST":
                    values += [v for v in allowable["values"] if v not in values]
            if values:
                listed = enums.get(element)
                if data_type != "string" or listed is None:
                    gaps.append("%s %s: %s is not an enumeration of %s" % (where, name, cpp,
                                                                           values))
                elif not set(values) <= set(listed) or (
                        element != "DeviceStateValue" and set(values) != set(listed)):
                    gaps.append("%s %s: %s lists %s, the schema %s"
                                % (where, name, element, listed, values))
            elif element != SCALARS.get(data_type):
                gaps.append("%s %s: %s where the schema says %s" % (where, name, cpp, data_type))
    for method, path, name in sorted(PLACE_DEPARTURES):
        params = (requests.get((method, path)) or {}).get("params", [])
        if name not in [p[3] for p in params]:
            gaps.append("PLACE_DEPARTURES names %s %s %s, which operations.hpp does not have"
                        % (method, path, name))
    return len(operations), parameters_checked


def main():
    if len(sys.argv) == 2 and sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        if len(sys.argv) == 2:
            print("check_spec.py: unknown option %s (see --help)" % sys.argv[1], file=sys.stderr)
        sys.exit(__doc__)
    if not os.path.isdir(sys.argv[1]):
        sys.exit("check_spec.py: %s is not a directory (give the folder of Asterisk's schema "
                 "files, one folder per release line: 13 ... latest)" % sys.argv[1])
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

    operation_count, parameter_count = check_requests(sys.argv[1], gaps, notes)

    for note in notes:
        print("note: " + note)
    for gap in gaps:
        print("GAP: " + gap)
    print("spec check: %d event types, %d models, %d members, %d operations, %d parameters "
          "against lines %s-%s: %d gaps"
          % (len([e for e in event_lines if any(l in LINES for l in event_lines[e])]),
             len(model_names), checked, operation_count, parameter_count, LINES[0], LINES[-1],
             len(gaps)))
    sys.exit(1 if gaps else 0)


if __name__ == "__main__":
    main()
