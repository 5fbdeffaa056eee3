#!/usr/bin/env bash
# End to end over a real loopback WebSocket: examples/ari_replay serves the Asterisk 22 capture
# (with one malformed frame put in), examples/stasis_app consumes it.
#
#   stasis_app_end_to_end.sh ARI_REPLAY STASIS_APP DECODE CAPTURE CONVERSATION
#
# Checks: a wrong api_key is refused with 401; every frame arrives as the right event type, in
# order; the connection dropped after 500 frames is taken up again with jittered backoff; the
# malformed frame is logged with its text and skipped; --record writes every event that arrived.
# Then the application acts: the scripted conversation (answer, play with an id, a
# PlaybackFinished that overtakes the play's response, hang up; a reconnect and a re-read of the
# state; a 404 for a caller who hung up first) goes exactly as scripted over RESTRequest and over
# HTTP; a server that never answers is timed out; ApplicationReplaced ends the program; an IPv6
# host is bracketed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/listening_port.sh"
replay=$1 app=$2 decode=$3 sample=$4 conversation=$5
work=$(mktemp -d)
server=
trap '[ -n "${server}" ] && kill "${server}" 2>/dev/null; rm -rf "${work}"' EXIT
checks=0
pass() { checks=$((checks + 1)); echo "ok: $*"; }
fail() { echo "FAILED: $*"; echo "--- app log (tail)"; tail -n 20 "${work}/app.log" 2>/dev/null; exit 1; }

malformed='{"type":"StasisStart","args":'
{ head -n 300 "${sample}"; echo "${malformed}"; tail -n +301 "${sample}"; } >"${work}/capture.jsonl"
frames=$(grep -c . "${sample}")

start_server() {
  : >"${work}/server.log"  # exists before the server's own redirection, for the sed below
  "${replay}" --api-key ari:s3cret "$@" >"${work}/server.log" 2>&1 &
  server=$!
  port=$(listening_port "${work}/server.log") || fail "ari_replay did not start"
}

# 1. A wrong api_key is refused.
start_server --capture "${work}/capture.jsonl" --connections 1
status=0
"${app}" --port "${port}" --app allapp --user ari --password wrong --max-attempts 1 \
  >"${work}/refused.log" || status=$?
[ "${status}" -eq 2 ] || fail "stasis_app exited ${status} with a wrong api_key, wanted 2"
grep -q "not retrying: check --user and --password" "${work}/refused.log" || fail "401 retried"
grep -q "refused the credentials (HTTP 401)" "${work}/refused.log" || fail "no 401 in $(cat "${work}/refused.log")"
# The client asks GET /ari/asterisk/ping (Basic authorization) before each upgrade.
grep -q "refused /ari/asterisk/ping: 401" "${work}/server.log" ||
  fail "the server did not refuse the key"
pass "wrong api_key refused with HTTP 401, and not retried (status 2)"
for port in notanumber 99999 0; do
  status=0
  "${app}" --port "${port}" >"${work}/port.log" 2>&1 || status=$?
  [ "${status}" -eq 2 ] && grep -q "port '${port}' (expected 1 to 65535)" "${work}/port.log" ||
    fail "--port ${port}: status ${status}, $(cat "${work}/port.log")"
done
pass "--port is validated (status 2)"
kill "${server}" 2>/dev/null || true
wait "${server}" 2>/dev/null || true

# 2. The whole capture, with a drop after 500 frames.
start_server --capture "${work}/capture.jsonl" --drop-after 500 --connections 2
timeout 60 "${app}" --port "${port}" --app allapp --user ari --password s3cret --log-only \
  --initial-backoff-ms 50 --exit-after-events "${frames}" --record "${work}/recorded.jsonl" \
  >"${work}/app.log" ||
  fail "stasis_app did not receive all ${frames} events"
wait "${server}" || true
server=

sed -n 's/^event \([A-Za-z]*\).*/\1/p' "${work}/app.log" >"${work}/received"
"${decode}" "${sample}" 2>/dev/null | awk '{print $2}' >"${work}/expected"
[ "$(wc -l <"${work}/received")" -eq "${frames}" ] || fail "received $(wc -l <"${work}/received") events"
diff -q "${work}/expected" "${work}/received" >/dev/null || fail "event types differ from the capture"
pass "all ${frames} frames decoded into the right event types, in order"

[ "$(grep -c '^connected to ' "${work}/app.log")" -eq 2 ] || fail "expected two connections"
grep -q '^connection lost: ' "${work}/app.log" || fail "the drop was not noticed"
wait_ms=$(sed -n 's/^reconnecting in \([0-9]*\) ms$/\1/p' "${work}/app.log")
[ -n "${wait_ms}" ] && [ "${wait_ms}" -ge 25 ] && [ "${wait_ms}" -le 50 ] ||
  fail "no backoff of 25 to 50 ms before reconnecting: '${wait_ms}'"
grep -q 'connection 1: dropped after 500 frames' "${work}/server.log" || fail "server did not drop"
pass "reconnected after ${wait_ms} ms (25-50: jittered) after the server dropped the connection"

grep -qF "bad frame skipped: ari: at (document): expected JSON text" "${work}/app.log" ||
  fail "the malformed frame was not logged"
grep -qF "; frame: ${malformed}" "${work}/app.log" || fail "the malformed frame's text is not in the log"
pass "malformed frame logged with its text and skipped"

# The client hands over events, not frame text: --record writes each event as ari::to_frame does,
# which decodes to the same event (member order and whitespace may differ from Asterisk's).
"${decode}" --check "${work}/recorded.jsonl" >/dev/null || fail "--record wrote a frame that does not round-trip"
"${decode}" "${work}/recorded.jsonl" >"${work}/recorded.txt" 2>/dev/null
"${decode}" "${sample}" >"${work}/sample.txt" 2>/dev/null
[ "$(grep -c . "${work}/recorded.jsonl")" -eq "${frames}" ] && cmp -s "${work}/sample.txt" "${work}/recorded.txt" ||
  fail "--record did not write every event received"
pass "--record wrote every event received, decoding to the same events as the capture"

# 3. The application acts, over RESTRequest and over HTTP: the replay checks every request.
for transport in websocket http; do
  start_server --capture "${conversation}" --requests "${transport}" --connections 2
  flag=
  [ "${transport}" = websocket ] && flag=--requests-over-websocket
  timeout 60 "${app}" --port "${port}" --app testapp --user ari --password s3cret \
    --media sound:ari-test --initial-backoff-ms 50 --exit-after-events 6 ${flag} \
    >"${work}/app.log" || fail "stasis_app did not finish the ${transport} conversation"
  status=0
  wait "${server}" || status=$?
  server=
  [ "${status}" -eq 0 ] && grep -q '^conversation: 6 of 6 requests as expected$' "${work}/server.log" ||
    fail "${transport}: $(cat "${work}/server.log")"
  # The log shows each request's HTTP form; over the WebSocket it travels as a RESTRequest.
  suffix=
  [ "${transport}" = websocket ] && suffix=' (RESTRequest)'
  expected="request rq-1: POST /ari/channels/s01/answer${suffix}
response rq-1: ok
request rq-2: POST /ari/channels/s01/play/s01-prompt-1?media=sound%3Aari-test${suffix}
response rq-2: ok
request rq-3: DELETE /ari/channels/s01${suffix}
response rq-3: ok
request rq-4: GET /ari/channels${suffix}
response rq-4: ok
request rq-5: GET /ari/bridges${suffix}
response rq-5: ok
request rq-6: POST /ari/channels/snoop1/answer${suffix}
request rq-6 failed: ari: channels::answer: HTTP 404 Channel not found: Channel not found"
  # Per request, in order; the replay checks the order of the requests themselves. (Over HTTP
  # an event can arrive before the response to an earlier request is logged.)
  by_request() { grep -E '^(request|response) rq-' | sort -s -k2,2; }
  actual=$(by_request <"${work}/app.log")
  [ "${actual}" = "$(by_request <<<"${expected}")" ] || fail "${transport} exchange:
${actual}"
  grep -q '^reconnected: events sent while disconnected are lost' "${work}/app.log" ||
    fail "${transport}: no re-read after reconnecting"
  # The play's response came after PlaybackFinished (on the one socket of RESTRequest, surely;
  # over HTTP, another socket, most likely): the hang-up still followed it.
  [ "${transport}" = http ] || [ "$(grep -n -m1 '^event PlaybackFinished' "${work}/app.log" | cut -d: -f1)" -lt \
    "$(grep -n '^response rq-2: ok' "${work}/app.log" | cut -d: -f1)" ] ||
    fail "${transport}: PlaybackFinished did not overtake the play's response"
  pass "${transport}: answered, played, hung up after a PlaybackFinished that overtook the play's response, re-read state after a reconnect, carried on after a 404"
done

# 4. A server that accepts the connection and never answers is timed out.
start_server --stall
status=0
timeout 20 "${app}" --port "${port}" --timeout-ms 200 --initial-backoff-ms 10 --max-attempts 2 \
  >"${work}/stall.log" || status=$?
kill "${server}" 2>/dev/null || true
wait "${server}" 2>/dev/null || true
server=
[ "${status}" -eq 1 ] || fail "a silent server: status ${status}, $(cat "${work}/stall.log")"
# The first attempt's failure is logged by on_disconnected, the last one's by on_stopped.
[ "$(grep -c 'failed: timed out' "${work}/stall.log")" -eq 1 ] &&
  grep -q 'giving up: 2 attempts failed' "${work}/stall.log" ||
  fail "no timeout logged: $(cat "${work}/stall.log")"
pass "a server that never answers the handshake times out, and --max-attempts applies"

# 5. ApplicationReplaced ends the program: reconnecting would take the application back.
echo '{"type":"ApplicationReplaced","timestamp":"2026-11-26T05:44:40.922+0000","application":"testapp"}' \
  >"${work}/replaced.jsonl"
start_server --capture "${work}/replaced.jsonl"
status=0
timeout 20 "${app}" --port "${port}" --app testapp --user ari --password s3cret \
  >"${work}/replaced.log" || status=$?
wait "${server}" 2>/dev/null || true
server=
[ "${status}" -eq 3 ] && grep -q 'taken over by another connection (ApplicationReplaced): exiting' \
  "${work}/replaced.log" || fail "ApplicationReplaced: status ${status}, $(cat "${work}/replaced.log")"
pass "ApplicationReplaced: logged, exit status 3, no reconnect"

# 6. An IPv6 literal is bracketed in what the application shows (and sends as Host).
status=0
"${app}" --host ::1 --port 9 --max-attempts 1 >"${work}/ipv6.log" || status=$?
[ "${status}" -eq 1 ] && grep -q '^connect to ws://\[::1\]:9/ari/events failed' "${work}/ipv6.log" ||
  fail "--host ::1: status ${status}, $(cat "${work}/ipv6.log")"
pass "--host ::1 is written [::1]:9"

echo "${checks} passed, 0 failed"
