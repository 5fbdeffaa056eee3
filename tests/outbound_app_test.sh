#!/usr/bin/env bash
# examples/outbound_app against tests/outbound_peer playing Asterisk's outbound WebSocket, in
# both of Asterisk's forms: persistent (one connection, several calls at once) and per_call (a
# connection per call). Each call must be answered, played and hung up, in that order, with
# every other PlaybackFinished sent before the play's response.
#
#   outbound_app_test.sh OUTBOUND_APP OUTBOUND_PEER
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/listening_port.sh"
app=$1 peer=$2
work=$(mktemp -d)
listener=
trap '[ -n "${listener}" ] && kill "${listener}" 2>/dev/null; rm -rf "${work}"' EXIT
fail() { echo "FAILED: $*"; exit 1; }

"${app}" --help | grep -q '^usage: outbound_app' || fail "--help"
status=0
"${app}" --bogus >/dev/null 2>"${work}/usage.log" || status=$?
[ "${status}" -eq 2 ] && grep -q 'unknown option --bogus' "${work}/usage.log" ||
  fail "an unknown option: status ${status}, $(cat "${work}/usage.log")"

calls=5
for form in persistent per_call; do
  "${app}" --port 0 --user asterisk --password s3cret --exit-after-calls "${calls}" \
    >"${work}/app.log" 2>&1 &
  listener=$!
  port=$(listening_port "${work}/app.log") ||
    fail "${form}: outbound_app did not start: $(cat "${work}/app.log")"
  timeout 30 "${peer}" "${port}" asterisk s3cret "${form}" "${calls}" >"${work}/peer.log" 2>&1 ||
    fail "${form}: peer: $(cat "${work}/peer.log"); app: $(cat "${work}/app.log")"
  status=0
  wait "${listener}" || status=$?
  listener=
  [ "${status}" -eq 0 ] || fail "${form}: outbound_app exit status ${status}: $(cat "${work}/app.log")"
  grep -q "^${calls} calls: ${calls} answered, ${calls} played, ${calls} hung up$" "${work}/peer.log" ||
    fail "${form}: peer: $(cat "${work}/peer.log")"
  sessions=$(grep -c '^session [0-9]* from ' "${work}/app.log" || true)
  expected=1
  [ "${form}" = per_call ] && expected=${calls}
  [ "${sessions}" -eq "${expected}" ] || fail "${form}: ${sessions} sessions: $(cat "${work}/app.log")"
  [ "$(grep -c ': hung up: ok$' "${work}/app.log" || true)" -eq "${calls}" ] ||
    fail "${form}: app: $(cat "${work}/app.log")"
  echo "ok: ${form}: ${calls} calls answered, played and hung up on ${sessions} session(s)"
done

# Asterisk with the wrong password is refused (401) and no session starts.
"${app}" --port 0 --user asterisk --password s3cret >"${work}/app.log" 2>&1 &
listener=$!
port=$(listening_port "${work}/app.log") || fail "outbound_app did not start: $(cat "${work}/app.log")"
status=0
timeout 30 "${peer}" "${port}" asterisk wrong persistent 1 >"${work}/peer.log" 2>&1 || status=$?
[ "${status}" -eq 1 ] && grep -q 'declined' "${work}/peer.log" ||
  fail "wrong password: peer status ${status}: $(cat "${work}/peer.log")"
! grep -q '^session ' "${work}/app.log" || fail "a session with the wrong password"
echo "ok: the wrong password is refused"
