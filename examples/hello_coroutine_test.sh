#!/usr/bin/env bash
# hello_coroutine against examples/ari_replay, over HTTP and over RESTRequest: two calls of
# examples/hello-coroutine-conversation.jsonl, one answered, played and hung up after its
# PlaybackFinished, one whose caller hung up first (404 on the answer).
#
#   hello_coroutine_test.sh ARI_REPLAY HELLO_COROUTINE SCRIPT
#
# A build without C++20 coroutines has a hello_coroutine that exits 77: the test is skipped.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../tests/listening_port.sh"
replay=$1 app=$2 script=$3
work=$(mktemp -d)
server=
trap '[ -n "${server}" ] && kill "${server}" 2>/dev/null; rm -rf "${work}"' EXIT
fail() { echo "FAILED: $*"; exit 1; }

status=0
"${app}" --help >/dev/null 2>&1 || status=$?
[ "${status}" -ne 77 ] || exit 77

for transport in http websocket; do
  : >"${work}/server.log"
  "${replay}" --capture "${script}" --requests "${transport}" >"${work}/server.log" 2>&1 &
  server=$!
  port=$(listening_port "${work}/server.log") || fail "ari_replay did not start"
  flag=
  [ "${transport}" = websocket ] && flag=--requests-over-websocket
  timeout 30 "${app}" --url "http://127.0.0.1:${port}" --app testapp --media sound:ari-test \
    --calls 2 ${flag} >"${work}/app.log" 2>&1 || fail "${transport}: $(cat "${work}/app.log")"
  status=0
  wait "${server}" || status=$?
  server=
  [ "${status}" -eq 0 ] && grep -q '^conversation: 4 of 4 requests as expected$' "${work}/server.log" ||
    fail "${transport}: server: $(cat "${work}/server.log")"
  grep -q '^s01: answered, played sound:ari-test, hung up$' "${work}/app.log" &&
    grep -q '^snoop1: ari: channels::answer: HTTP 404 Channel not found' "${work}/app.log" ||
    fail "${transport}: app: $(cat "${work}/app.log")"
  echo "ok: ${transport}: conversation: 4 of 4 requests as expected; the 404 caught"
done
