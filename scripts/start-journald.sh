#!/bin/sh
# Starts systemd-journald for the tests when none listens on /run/systemd/journal/socket,
# e.g. in a container whose PID 1 is not systemd. Run as root. Writes the pid to
# $PARTNERD_JOURNALD_PIDFILE (default .build/journald.pid) so that stop-journald.sh stops
# only a journald started here; an already running journald is left alone.
set -eu

pidfile=${PARTNERD_JOURNALD_PIDFILE:-.build/journald.pid}
socket=/run/systemd/journal/socket

accepts() {
    python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
try:
    s.connect(sys.argv[1])
except OSError:
    sys.exit(1)' "$socket"
}

if accepts; then
    echo "journald already listens on $socket"
    exit 0
fi

journald=
for candidate in /lib/systemd/systemd-journald /usr/lib/systemd/systemd-journald; do
    if [ -x "$candidate" ]; then journald=$candidate; break; fi
done
if [ -z "$journald" ]; then
    echo "systemd-journald not found (Debian package: systemd)" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "no journald listens on $socket and only root can start one" >&2
    exit 1
fi

mkdir -p "$(dirname "$pidfile")"
setsid "$journald" </dev/null >"$pidfile.log" 2>&1 &
echo $! >"$pidfile"

tries=0
until accepts; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "systemd-journald did not come up; its output:" >&2
        cat "$pidfile.log" >&2
        rm -f "$pidfile"
        exit 1
    fi
    sleep 0.1
done
echo "started systemd-journald (pid $(cat "$pidfile"))"
