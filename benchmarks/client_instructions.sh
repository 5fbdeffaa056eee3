#!/usr/bin/env bash
# Instructions per frame (events) and per request of build/bench/benchmarks/client_bench under callgrind:
# a count that does not move with the load of a shared machine, unlike the wall time.
#
#   benchmarks/client_instructions.sh [--frames N] [--requests N] [mode...]
#
# Default modes: events-client events-otherwise events-bare requests-ws-seq requests-http-seq.
# client_bench zeroes callgrind's counters when the measured interval starts and dumps them when
# it ends (CALLGRIND_ZERO_STATS, CALLGRIND_DUMP_STATS_AT), one file per thread
# (--separate-threads=yes); the count is that of the main thread, which runs the client or the
# bare loop (the dump holds only the thread that asks for it, so the server's threads are not in
# it).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="${root}/build/bench/benchmarks/client_bench"
frames=20000
requests=2000
modes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --frames) frames=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    -h | --help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    events-* | requests-*) modes+=("$1"); shift ;;
    *) echo "client_instructions.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#modes[@]} -gt 0 ] ||
  modes=(events-client events-otherwise events-bare requests-ws-seq requests-http-seq)
command -v valgrind >/dev/null || { echo "client_instructions.sh: needs valgrind" >&2; exit 1; }
[ -x "${bench}" ] || {
  echo "client_instructions.sh: build ${bench} first (benchmarks/README.md, Client)" >&2
  exit 1
}

out=$(mktemp -d)
trap 'rm -rf "${out}"' EXIT
printf '%-20s %10s %16s\n' mode items "Ir/item"
for mode in "${modes[@]}"; do
  case "${mode}" in events-*) n=${frames} ;; *) n=${requests} ;; esac
  valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="${out}/${mode}.%p" \
    "${bench}" --frames "${n}" --requests "${n}" "${mode}" >/dev/null 2>"${out}/${mode}.log" || {
    cat "${out}/${mode}.log" >&2
    exit 1
  }
  # The dump of the measured interval, per thread: "thread: 1" is the reader.
  awk -v mode="${mode}" -v n="${n}" '
    FNR == 1 { measured = 0; thread = 0 }
    /^desc: Trigger: Client Request: measured/ { measured = 1 }
    /^thread: / { thread = $2 }
    /^totals: / { if (measured && thread == 1) reader = $2 }
    END { printf "%-20s %10d %16.0f\n", mode, n, reader / n }
  ' "${out}/${mode}".*
done
