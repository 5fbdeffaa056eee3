# Sourced by the end-to-end scripts. listening_port LOG: waits (up to 10 s) until the program
# started in the background writing LOG has printed "listening on 127.0.0.1:PORT" there, and
# prints PORT; fails when it has not.
listening_port() {
  local log=$1 port
  for _ in $(seq 200); do
    port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "${log}" 2>/dev/null)
    if [ -n "${port}" ]; then
      echo "${port}"
      return 0
    fi
    sleep 0.05
  done
  return 1
}
