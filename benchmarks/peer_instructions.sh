#!/usr/bin/env bash
# Instructions per frame of nlohmann/json, ari-events, glaze and simdjson decoding and encoding
# the same frames (peer_bench, benchmarks/README.md, "Peers (glaze, simdjson)"), under callgrind:
# a count that does not move with the load of a shared machine, unlike the wall time.
#
#   benchmarks/peer_instructions.sh [--bench PATH] [--rounds N] [--set NAME]...
#
#   --bench PATH  the peer_bench program (default: build/peer/benchmarks/peer_bench)
#   --rounds N    measured rounds over each frame set (default 2), after one unmeasured round
#   --set NAME    seed-types or sample (default: both); may be repeated
#
# It first runs `peer_bench check` (every decoder's values against the others', every frame),
# then each operation under valgrind --tool=callgrind: peer_bench zeroes the counters before the
# measured rounds and dumps them after (CALLGRIND_ZERO_STATS, CALLGRIND_DUMP_STATS_AT), so that
# reading the frames and setting up are not counted. Ratios are to nlohmann/json's parse and
# dump in the same run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="${root}/build/peer/benchmarks/peer_bench"
rounds=2
sets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bench | --rounds | --set)
      [ $# -ge 2 ] || {
        echo "peer_instructions.sh: $1 needs a value (see --help)" >&2
        exit 2
      }
      case "$1" in
        --bench) bench=$2 ;;
        --rounds) rounds=$2 ;;
        --set) sets+=("$2") ;;
      esac
      shift 2
      ;;
    -h | --help)
      sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "peer_instructions.sh: unknown option $1 (see --help)" >&2
      exit 2
      ;;
  esac
done
[ ${#sets[@]} -gt 0 ] || sets=(seed-types sample)
case "${rounds}" in
  '' | *[!0-9]* | 0)
    echo "peer_instructions.sh: --rounds needs a positive integer, not '${rounds}'" >&2
    exit 2
    ;;
esac
for set in "${sets[@]}"; do
  case "${set}" in
    seed-types | sample) ;;
    *)
      echo "peer_instructions.sh: unknown frame set ${set} (seed-types or sample)" >&2
      exit 2
      ;;
  esac
done

command -v valgrind >/dev/null || {
  echo "peer_instructions.sh: needs valgrind (callgrind counts the instructions): sudo apt-get" \
    "install valgrind" >&2
  exit 1
}
[ -x "${bench}" ] || {
  echo "peer_instructions.sh: no ${bench}: build it first with the glaze and simdjson sources" \
    "(benchmarks/README.md, \"Peers (glaze, simdjson)\"), or name it with --bench PATH" >&2
  exit 1
}

"${bench}" check || {
  echo "peer_instructions.sh: the decoders disagree (above): nothing measured" >&2
  exit 1
}
# under valgrind, as measured: simdjson then sees the instruction sets valgrind emulates
versions=$(valgrind -q --tool=none "${bench}" --versions)
version() { awk -v name="$1" '$1 == name { print $2 }' <<<"${versions}"; }
mapfile -t operations < <("${bench}" --operations)
echo "$(date -u +%Y-%m-%d), $(tr '\n' ',' <<<"${versions}" | sed 's/,$//; s/,/, /g')"

out=$(mktemp -d)
trap 'rm -rf "${out}"' EXIT

# instructions per frame and allocations per frame of one operation over one set
declare -A per_frame allocs
for set in "${sets[@]}"; do
  for operation in "${operations[@]}"; do
    prefix="${out}/${set}.${operation}"
    valgrind --tool=callgrind --callgrind-out-file="${prefix}.%p" \
      "${bench}" "${operation}" "${set}" "${rounds}" >"${prefix}.stdout" 2>"${prefix}.log" || {
      cat "${prefix}.log" >&2
      echo "peer_instructions.sh: peer_bench ${operation} ${set} failed" >&2
      exit 1
    }
    frames=$(awk '{ print $2 }' "${prefix}.stdout")
    allocs[${set}.${operation}]=$(awk '{ print $4 }' "${prefix}.stdout")
    # the dump of the measured rounds: the file whose trigger is "measured"
    per_frame[${set}.${operation}]=$(awk -v frames="${frames}" '
      FNR == 1 { measured = 0 }
      /^desc: Trigger: Client Request: measured/ { measured = 1 }
      /^totals: / { if (measured) total = $2 }
      END { printf "%.0f", total / frames }
    ' "${prefix}".[0-9]*)
  done
done

# a row: name, decode operation, encode operation, encode-into-a-reused-buffer operation
row() {
  local set=$1 name=$2 decode=$3 encode=$4 reuse=$5
  awk -v name="${name}" -v d="${per_frame[${set}.${decode}]:-}" \
    -v e="${per_frame[${set}.${encode}]:-}" -v r="${per_frame[${set}.${reuse}]:-}" \
    -v p="${per_frame[${set}.nlohmann_parse]}" -v u="${per_frame[${set}.nlohmann_dump]}" \
    -v a="${allocs[${set}.${decode}]:-}" '
    function commas(n,   s) {
      s = sprintf("%d", n)
      while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]([,]|$)/, ",&", s)
      return s
    }
    function cell(n, base) {
      return n == "" ? sprintf("%9s %7s", "-", "") : sprintf("%9s %6.3fx", commas(n), n / base)
    }
    BEGIN {
      printf "%-34s %s   %s   %s   %7s\n", name, cell(d, p), cell(e, u), cell(r, u), a == "" ? "-" : sprintf("%.2f", a)
    }'
}

for set in "${sets[@]}"; do
  frames=$(awk '{ print $2 }' "${out}/${set}.nlohmann_parse.stdout")
  echo
  echo "${set}: $((frames / rounds)) frames; instructions per frame (callgrind), ratio to nlohmann"
  printf '%-34s %9s %7s   %9s %7s   %9s %7s   %7s\n' "" decode ratio encode ratio encode* ratio \
    allocs
  row "${set}" "nlohmann/json $(version nlohmann/json) parse / dump" nlohmann_parse nlohmann_dump ""
  row "${set}" "ari-events parse_event / to_frame" ari_decode ari_encode ari_encode_reuse
  row "${set}" "glaze $(version glaze) read / write" glaze_read glaze_write glaze_write_reuse
  [ -z "${per_frame[${set}.simdjson_read]:-}" ] ||
    row "${set}" "simdjson $(version simdjson) on-demand, mapping" simdjson_read "" ""
done
echo
echo "encode: a new string each time; encode*: into a reused string; allocs: heap allocations"
echo "per decoded frame"
