#!/usr/bin/env bash
# The tools explain themselves: --help exits 0, unknown options are named, - is stdin, and
# tools/dev says what is missing and how to install it when it cannot install it itself.
#
#   tools_explain.sh DECODE
set -euo pipefail
decode=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "${work}"' EXIT
checks=0
pass() { checks=$((checks + 1)); echo "ok: $*"; }
fail() { echo "FAILED: $*"; echo "--- output"; cat "${work}/out"; exit 1; }
run() {  # run EXPECTED_STATUS COMMAND...: output in ${work}/out
  local expected=$1 status=0
  shift
  "$@" >"${work}/out" 2>&1 || status=$?
  [ "${status}" -eq "${expected}" ] || fail "$* exited ${status}, expected ${expected}"
}
has() { grep -qF -- "$1" "${work}/out" || fail "output lacks: $1"; }

run 0 "${decode}" --help
has "usage: decode"
pass "decode --help exits 0"
run 2 "${decode}" --chek
has "unknown option '--chek'"
pass "decode names an unknown option"
head -n 3 "${root}/examples/asterisk-22-sample.jsonl" >"${work}/three.jsonl"
"${decode}" - <"${work}/three.jsonl" >"${work}/out" 2>&1 || fail "decode - failed"
has "3 events, 0 errors"
has " app="
pass "decode - reads stdin, lines show the application"
printf '%s\n' '{"type":"StasisStart","args":' >"${work}/bad.jsonl"
run 1 "${decode}" --check "${work}/bad.jsonl"
has "line 1: ari: at (document): expected JSON text, found unexpected end of input at byte offset 29"
grep -q "json.exception" "${work}/out" && fail "nlohmann's exception text leaks"
pass "syntax errors in the library's words"

run 0 "${root}/tools/dev" --help
has "tools/dev demo"
pass "tools/dev --help exits 0"
run 2 "${root}/tools/dev" test --chek
has "unknown option '--chek'"
pass "tools/dev names an unknown option"

# A user without root and without sudo, on a system where nothing is installed: a compiler
# that finds no header, an id that is not 0, no sudo on the PATH.
mkdir "${work}/bin"
printf '#!/bin/sh\nexit 1\n' >"${work}/bin/c++"
printf '#!/bin/sh\necho 1000\n' >"${work}/bin/id"
chmod +x "${work}/bin/c++" "${work}/bin/id"
for tool in bash cmake apt-get sed grep mktemp cat basename dirname nproc; do
  [ -e "${work}/bin/${tool}" ] || ln -s "$(command -v "${tool}")" "${work}/bin/${tool}"
done
run 3 env PATH="${work}/bin" CXX="${work}/bin/c++" "${root}/tools/dev" test
has "sudo apt-get install -y nlohmann-json3-dev libhowardhinnant-date-dev catch2"
has "sudo is not installed"
pass "tools/dev without root or sudo names the packages and the command, status 3"

echo "${checks} passed, 0 failed"
