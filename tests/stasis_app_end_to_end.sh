#!/usr/bin/env bash
# End to end over a real loopback WebSocket: examples/ari_replay serves the Asterisk 22 capture
# (with one malformed frame put in), examples/stasis_app consumes it.
#
#   stasis_app_end_to_end.sh ARI_REPLAY STASIS_APP DECODE CAPTURE
#
# Checks: a wrong api_key is refused with 401; every frame arrives as the right event type, in
# order; the connection dropped after 500 frames is taken up again with backoff; the malformed
# frame is logged with its text and skipped; --record writes what arrived.
set -euo pipefail
replay=$1 app=$2 decode=$3 sample=$4
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
  "${replay}" --capture "${work}/capture.jsonl" --api-key ari:s3cret "$@" >"${work}/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do
    port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "${work}/server.log")
    [ -n "${port}" ] && return
    sleep 0.05
  done
  fail "ari_replay did not start"
}

# 1. A wrong api_key is refused.
start_server --connections 1
status=0
"${app}" --port "${port}" --app allapp --user ari --password wrong --max-attempts 1 \
  >"${work}/refused.log" || status=$?
[ "${status}" -eq 2 ] || fail "stasis_app exited ${status} with a wrong api_key, wanted 2"
grep -q "not retrying: check --user and --password" "${work}/refused.log" || fail "401 retried"
grep -q "HTTP 401 Unauthorized" "${work}/refused.log" || fail "no 401 in $(cat "${work}/refused.log")"
grep -q "refused /ari/events?app=allapp&api_key=ari:wrong: 401" "${work}/server.log" ||
  fail "the server did not refuse the key"
pass "wrong api_key refused with HTTP 401, and not retried (status 2)"
for port in notanumber 99999 0; do
  status=0
  "${app}" --port "${port}" >"${work}/port.log" 2>&1 || status=$?
  [ "${status}" -eq 2 ] && grep -q "port number from 1 to 65535" "${work}/port.log" ||
    fail "--port ${port}: status ${status}, $(cat "${work}/port.log")"
done
pass "--port is validated (status 2)"
kill "${server}" 2>/dev/null || true
wait "${server}" 2>/dev/null || true

# 2. The whole capture, with a drop after 500 frames.
start_server --drop-after 500 --connections 2
timeout 60 "${app}" --port "${port}" --app allapp --user ari --password s3cret \
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
grep -q '^reconnecting in 50 ms$' "${work}/app.log" || fail "no backoff before reconnecting"
grep -q 'connection 1: dropped after 500 frames' "${work}/server.log" || fail "server did not drop"
pass "reconnected with backoff after the server dropped the connection"

grep -qF "bad frame skipped: ari: at (document): expected JSON text" "${work}/app.log" ||
  fail "the malformed frame was not logged"
grep -qF "; frame: ${malformed}" "${work}/app.log" || fail "the malformed frame's text is not in the log"
pass "malformed frame logged with its text and skipped"

cmp -s "${work}/capture.jsonl" "${work}/recorded.jsonl" || fail "--record did not write every frame"
pass "--record wrote every frame received, byte for byte"

echo "${checks} passed, 0 failed"
