#!/usr/bin/env bash
# examples/ari_sim end to end over real sockets, with the project's own applications as clients:
#
#   ari_sim_test.sh ARI_SIM HELLO_APP STASIS_APP
#
# Checks: --help and an unknown option; 401 without credentials, 200 with Basic authorization;
# a call into an application nobody holds is refused (409). hello_app (requests over HTTP): a
# call made through /sim/calls is answered and played, not hung up while the virtual clock stands
# still, and hung up once /sim/advance has let the prompt finish; its events went out in order.
# stasis_app (requests as RESTRequest on the event WebSocket): DTMF from the caller reaches it,
# and a far-end hangup with cause 17 ends its call. ari_sim --realtime: the prompt finishes
# without /sim/advance. Waits are bounded (10 s each) and say what they waited for.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../tests/listening_port.sh"
sim=$1 hello=$2 stasis=$3
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "${p}" 2>/dev/null || true; done; rm -rf "${work}"' EXIT
fail() {
  echo "FAILED: $*"
  for log in "${work}"/*.log; do echo "--- ${log##*/} (tail)"; tail -n 15 "${log}"; done
  exit 1
}
pass() { echo "ok: $*"; }

# request METHOD PATH [AUTHORIZATION]: one HTTP request to ari_sim (bash's /dev/tcp, so that no
# HTTP client is needed); prints the status code, then the body on the next line.
request() {
  local header=
  [ -n "${3:-}" ] && header="Authorization: $3"$'\r\n'
  exec 3<>"/dev/tcp/127.0.0.1/${port}"
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sContent-Length: 0\r\nConnection: close\r\n\r\n' \
    "$1" "$2" "${header}" >&3
  timeout 10 cat <&3 | tr -d '\r' | sed -n '1s/^HTTP\/1.1 \([0-9]*\).*/\1/p; /^$/,$p' | sed '/^$/d'
  exec 3<&-
}

# start_sim NAME ARGS...: ari_sim on a free port, its log in NAME.log; sets port.
start_sim() {
  local name=$1
  shift
  : >"${work}/${name}.log"
  "${sim}" --port 0 "$@" >"${work}/${name}.log" 2>&1 &
  pids+=($!)
  port=$(listening_port "${work}/${name}.log") || fail "ari_sim did not start"
}

# wait_for WHAT COMMAND...: runs COMMAND every 50 ms until it succeeds, for 10 s at most.
wait_for() {
  local what=$1
  shift
  for _ in $(seq 200); do
    "$@" >/dev/null 2>&1 && return
    sleep 0.05
  done
  fail "waited 10 s for ${what}"
}
requests_contain() { request GET /sim/requests | grep -qF -- "$1"; }
channel_of() { sed -n 's/.*"channel":"\([^"]*\)".*/\1/p'; }

# 1. The command line.
"${sim}" --help | grep -q '^usage: ari_sim' || fail "--help"
status=0
"${sim}" --no-such-option 2>"${work}/usage.log" || status=$?
[ "${status}" -eq 2 ] && grep -q 'unknown option --no-such-option' "${work}/usage.log" ||
  fail "an unknown option: status ${status}"
rm "${work}/usage.log"
pass "--help exits 0, an unknown option is named with status 2"

# 2. Authorization, and a call nobody can take.
start_sim sim --sound sound:hello-world=1000
[ "$(request GET /ari/asterisk/ping | head -n 1)" = 401 ] || fail "no credentials not refused"
[ "$(request GET /ari/asterisk/ping "Basic $(printf asterisk:asterisk | base64)" | head -n 1)" = 200 ] ||
  fail "Basic authorization refused"
[ "$(request GET '/ari/asterisk/ping?api_key=asterisk:asterisk' | head -n 1)" = 200 ] ||
  fail "api_key refused"
[ "$(request POST '/sim/calls?app=hello' | head -n 1)" = 409 ] || fail "a call into no app"
pass "401 without credentials, 200 with Basic or api_key; a call into an app nobody holds: 409"

# 3. hello_app, requests over HTTP, on the virtual clock.
"${hello}" "http://127.0.0.1:${port}" >"${work}/hello.log" 2>&1 &
pids+=($!)
wait_for "hello_app to connect" grep -q '^connected$' "${work}/hello.log"
answer=$(request POST '/sim/calls?app=hello&caller=5551234&name=Tester')
channel=$(echo "${answer}" | channel_of)
[ -n "${channel}" ] || fail "POST /sim/calls answered ${answer}"
wait_for "the play request" requests_contain "/ari/channels/${channel}/play/${channel}-hello"
list=$(request GET /sim/requests)
echo "${list}" | grep -qF "\"status\":204,\"target\":\"/ari/channels/${channel}/answer\"" ||
  fail "no answer: ${list}"
echo "${list}" | grep -qF "\"status\":201,\"target\":\"/ari/channels/${channel}/play/" ||
  fail "no play: ${list}"
# The prompt lasts 1 s of virtual time: nothing can end it while the clock stands still.
! echo "${list}" | grep -q '"method":"DELETE"' || fail "hung up before the clock moved"
request POST '/sim/advance?ms=1000' | grep -q '"now":"2026-01-15T10:00:01.000+0000"' ||
  fail "advance"
wait_for "the hangup" requests_contain "\"status\":204,\"target\":\"/ari/channels/${channel}\""
wait_for "StasisEnd to be sent" grep -q 'sent StasisEnd$' "${work}/sim.log"
sent=$(sed -n 's/^connection [0-9]*: sent \([A-Za-z]*\).*/\1/p' "${work}/sim.log" | tr '\n' ' ')
[ "${sent}" = "StasisStart ChannelStateChange PlaybackStarted PlaybackFinished ChannelHangupRequest StasisEnd " ] ||
  fail "events sent: ${sent}"
pass "hello_app: answered ${channel} (204), played (201), hung up (204) after /sim/advance; events: ${sent}"

# 4. stasis_app, requests as RESTRequest frames, DTMF and a far-end hangup.
"${stasis}" --port "${port}" --app other --requests-over-websocket >"${work}/stasis.log" 2>&1 &
pids+=($!)
wait_for "stasis_app to connect" grep -q '^connected to ' "${work}/stasis.log"
channel=$(request POST '/sim/calls?app=other&args=a,b' | channel_of)
[ -n "${channel}" ] || fail "no channel for stasis_app"
wait_for "the play over the WebSocket" grep -q \
  "POST /ari/channels/${channel}/play/.* -> 201 Created (websocket connection" "${work}/sim.log"
[ "$(request POST "/sim/channels/${channel}/dtmf?digits=7" | head -n 1)" = 204 ] || fail "dtmf"
request POST '/sim/advance?ms=200' >/dev/null  # a key lasts 100 ms, the prompt 1 s
wait_for "the DTMF" grep -q "^event ChannelDtmfReceived .*${channel}" "${work}/stasis.log"
[ "$(request POST "/sim/channels/${channel}/hangup?cause=17" | head -n 1)" = 204 ] || fail "hangup"
wait_for "stasis_app to see StasisEnd" grep -q "^event StasisEnd .*${channel}" "${work}/stasis.log"
grep -q "POST /ari/channels/${channel}/answer -> 204 No Content (websocket connection" \
  "${work}/sim.log" || fail "the answer did not come as a RESTRequest"
grep -q 'sent RESTResponse 201' "${work}/sim.log" || fail "no RESTResponse"
pass "stasis_app over RESTRequest: answered and played ${channel}, got the DTMF and the far-end hangup"

# 5. --realtime: the prompt finishes on the wall clock.
start_sim realtime --realtime --sound-ms 200
"${hello}" "http://127.0.0.1:${port}" >"${work}/hello-realtime.log" 2>&1 &
pids+=($!)
wait_for "hello_app to connect (realtime)" grep -q '^connected$' "${work}/hello-realtime.log"
channel=$(request POST '/sim/calls?app=hello' | channel_of)
wait_for "the hangup on the wall clock" requests_contain \
  "\"method\":\"DELETE\",\"response\":\"\",\"status\":204,\"target\":\"/ari/channels/${channel}\""
pass "--realtime: ${channel} hung up after its 200 ms prompt, without /sim/advance"
