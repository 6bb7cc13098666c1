#!/bin/sh
# Stops the systemd-journald that start-journald.sh started, if it did start one.
set -eu

pidfile=${PARTNERD_JOURNALD_PIDFILE:-.build/journald.pid}
[ -f "$pidfile" ] || exit 0
pid=$(cat "$pidfile")
# Only a journald: the pid may have been reused if it died on its own.
if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = systemd-journal ] && kill -TERM "$pid" 2>/dev/null; then
    tries=0
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 100 ]; do
        tries=$((tries + 1))
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
fi
rm -f "$pidfile" "$pidfile.log"
