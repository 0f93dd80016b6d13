#!/bin/sh
# Load test of logged-in requests with wrk (Debian package `wrk`):
#   crates/ffe-web/benches/load.sh LABEL [ffe serve arguments]
# Starts `ffe serve --demo` (release build; FFE_BIN overrides) on a fresh data folder, logs in as the
# province, and runs wrk against the JSON list of applications and two pages.
# CONNS (default 200) and SECS (default 20) set the load; the server's own settings come from FFE_*.
set -eu
LABEL=$1; shift
BIN=${FFE_BIN:-${CARGO_TARGET_DIR:-target}/release/ffe}
DIR=$(mktemp -d)
PORT=${PORT:-18090}
"$BIN" serve --demo --addr 127.0.0.1:$PORT --data-dir "$DIR" --log-format json "$@" > "$DIR/log" 2>&1 &
PID=$!
trap 'kill -TERM $PID; rm -rf "$DIR"' EXIT
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 0.2; done
COOKIE=$(curl -si -H 'content-type: application/json' -d '{"username":"province","password":"demo1234!"}' \
  http://127.0.0.1:$PORT/api/v1/session | grep -i '^set-cookie' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//')
for path in /api/v1/applications /home /applications; do
  echo "== $LABEL $path (${CONNS:-200} connections, ${SECS:-20} s)"
  wrk -t2 -c"${CONNS:-200}" -d"${SECS:-20}"s --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$path" \
    | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors|requests in"
done
