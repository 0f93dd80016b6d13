#!/usr/bin/env bash
# Load benchmark of `ffe serve` on loopback: logged-in page views and GET /api/v1/applications at
# 200 concurrent connections, on SQLite and on PostgreSQL. Needs wrk (apt-get install wrk), curl,
# psql, and a release build (cargo build --release --bin ffe). Figures go to docs/benchmarks.md.
#
#   crates/ffe-web/benches/load.sh [seconds-per-run]
set -euo pipefail
secs=${1:-15}
conns=200
bin=${FFE_BIN:-${CARGO_TARGET_DIR:-target}/release/ffe}
pg_admin=${FFE_BENCH_PG:-postgres://postgres@127.0.0.1:5432}
work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

start() { # $1 = label, remaining = extra serve args
  local label=$1; shift
  local port=$((20000 + RANDOM % 20000))
  "$bin" serve --demo --data-dir "$work/$label" --addr "127.0.0.1:$port" "$@" >"$work/$label.log" 2>&1 &
  server_pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && return; sleep 0.2; done
  echo "server did not start:"; cat "$work/$label.log"; exit 1
}

stop() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=; }

cookie_for() { # log in through the API and print the session cookie as name=value
  curl -fsS -o /dev/null -D - -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo1234!\"}" "$base/api/v1/session" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p' | head -n 1
}

run() { # $1 = label, $2 = path, $3 = cookie
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Cookie: $3" "$base$2")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$rps" "$p50" "$p99" "${errors:-none}"
}

echo "| database | path | requests/s | p50 | p99 | errors |"
echo "| --- | --- | --- | --- | --- | --- |"
start sqlite
c=$(cookie_for ent1); run SQLite /home "$c"; run SQLite /api/v1/applications "$c"
c=$(cookie_for province); run "SQLite (province)" /api/v1/applications "$c"
stop

db="ffe_bench_$$"
psql "$pg_admin/postgres" -qc "CREATE DATABASE $db" >/dev/null
start postgres --database-url "$pg_admin/$db"
c=$(cookie_for ent1); run PostgreSQL /home "$c"; run PostgreSQL /api/v1/applications "$c"
c=$(cookie_for province); run "PostgreSQL (province)" /api/v1/applications "$c"
stop
psql "$pg_admin/postgres" -qc "DROP DATABASE $db" >/dev/null
