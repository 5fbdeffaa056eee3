# Sourced by tools/dev, fuzz/run, benchmarks/run and tests/consumer/run: what a step needs from
# the distribution is installed with apt-get (as root directly, otherwise through sudo when it
# works without a password), and when it cannot be, the message names what is missing and the
# one command that installs it, and the script exits with status 3.

ari_tool=${ari_tool:-$(basename "$0")}
ari_apt_updated=no

ari_say() { printf '%s: %s\n' "${ari_tool}" "$*" >&2; }

# The prefix that runs apt-get here ("" as root, "sudo" when it needs no password); fails when
# neither works.
ari_apt_prefix() {
  if [ "$(id -u)" -eq 0 ]; then
    echo ""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "sudo"
  else
    return 1
  fi
}

# ari_can_install: whether apt-get can be run without asking anyone anything.
ari_can_install() { command -v apt-get >/dev/null 2>&1 && ari_apt_prefix >/dev/null; }

# ari_install WHY PACKAGE...: installs the packages, or explains how and exits 3.
ari_install() {
  local why=$1
  shift
  [ $# -gt 0 ] || return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    ari_say "missing $* (${why}); this system has no apt-get: install the equivalent packages, then run this again"
    exit 3
  fi
  local prefix
  if ! prefix=$(ari_apt_prefix); then
    ari_say "missing $* (${why}); installing needs root, and sudo $(command -v sudo >/dev/null 2>&1 && echo 'asks for a password' || echo 'is not installed'). Run:"
    ari_say "    sudo apt-get install -y $*      (or as root: apt-get install -y $*)"
    ari_say "then run this again."
    exit 3
  fi
  ari_say "installing $* (${why})"
  local log
  log=$(mktemp)
  # apt's own chatter (and debconf's note about apt-utils) goes to the log, shown on failure.
  if { [ "${ari_apt_updated}" = yes ] || ${prefix} apt-get update -qq >"${log}" 2>&1; } &&
    ${prefix} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"${log}" 2>&1; then
    ari_apt_updated=yes
    rm -f "${log}"
    return 0
  fi
  cat "${log}" >&2
  rm -f "${log}"
  ari_say "apt-get could not install $* (its output is above); install them, then run this again"
  exit 3
}

# ari_have_header HEADER [COMPILER]: whether the compiler finds <HEADER>.
ari_have_header() {
  echo "#include <$1>" | "${2:-c++}" -std=c++17 -x c++ -fsyntax-only - >/dev/null 2>&1
}

# ari_need_command COMMAND PACKAGE WHY
ari_need_command() {
  command -v "$1" >/dev/null 2>&1 || ari_install "$3" "$2"
}
