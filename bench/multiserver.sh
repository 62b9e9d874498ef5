#!/usr/bin/env bash
# Requests per second of the audited GET /api/v1/cases/{id} on SQLite (one server) next to
# PostgreSQL with one server and with two servers behind nginx (deploy/nginx/schild.conf), in one
# run on one machine, on the same data (the SQLite set moved with `schild migrate-data`).
# Part of `make bench`; BENCH_MS_CASES / BENCH_MS_AUDIT size the data set.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/schild
CASES=${BENCH_MS_CASES:-20000}
AUDIT=${BENCH_MS_AUDIT:-1000000}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
COMMIT=${BENCH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
WORK=$(mktemp -d)
PGPORT=18150
A=18151
B=18152
LB=18153
cleanup() {
  for f in "$WORK"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
  [ -f "$WORK/nginx.conf" ] && nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
  scripts/pg_cluster.sh stop "$WORK/pg" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== data: $CASES cases, $AUDIT audit entries (SQLite), moved to PostgreSQL"
build/schild-benchgen --db "sqlite:$WORK/s.db" --cases "$CASES" --audit "$AUDIT" --signals 0 \
  --actors 0 2>/dev/null
ADMIN=$(scripts/pg_cluster.sh start "$WORK/pg" $PGPORT | tail -1)
PG=${ADMIN%/*}/schild
psql -X -q -d "$ADMIN" -c "CREATE DATABASE schild" >/dev/null
"$BIN" migrate-data --from "sqlite:$WORK/s.db" --to "$PG" >/dev/null
sync # written-back pages would otherwise compete with the measurements
scripts/service_dir.sh "$WORK" # run as root, the hardened server switches to an unprivileged user

serve() { # db port name
  "$BIN" serve --db "$1" --listen "127.0.0.1:$2" --demo --keys "$WORK/keys" 2>>"$WORK/$3.log" &
  echo $! > "$WORK/$3.pid"
  for _ in $(seq 200); do curl -sf "http://127.0.0.1:$2/api/v1/health" >/dev/null && return; sleep 0.05; done
  echo "bench: $3 did not start" >&2; exit 1
}
stop() { kill -TERM "$(cat "$WORK/$1.pid")"; wait "$(cat "$WORK/$1.pid")" 2>/dev/null || true; rm -f "$WORK/$1.pid"; }
measure() { # port -> req/s and p99
  local jar=$WORK/jar.$1
  curl -s -c "$jar" -H 'content-type: application/json' \
    -d '{"username":"bench.triage","password":"bench-password-2026"}' \
    "http://127.0.0.1:$1/api/v1/session" >/dev/null
  export BENCH_COOKIE=$(awk '/schild_session/ {print $7}' "$jar") BENCH_CASES=$CASES
  wrk -t2 -c64 -d3s -s bench/get_case.lua "http://127.0.0.1:$1/" > /dev/null # warm-up
  wrk -t2 -c64 -d${SECONDS_PER_RUN}s --latency -s bench/get_case.lua "http://127.0.0.1:$1/" > "$WORK/wrk.$1"
  grep -q "Non-2xx" "$WORK/wrk.$1" && { echo "bench: non-2xx answers:" >&2; cat "$WORK/wrk.$1" >&2; }
  echo "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.$1") $(awk '$1 == "99%" {print $2}' "$WORK/wrk.$1")"
}

echo "== SQLite, one server"
serve "sqlite:$WORK/s.db" $A sqlite
read -r SQ_RPS SQ_P99 <<< "$(measure $A)"
stop sqlite

echo "== PostgreSQL, one server"
serve "$PG" $A pg_a
read -r PG1_RPS PG1_P99 <<< "$(measure $A)"

echo "== PostgreSQL, two servers behind nginx"
serve "$PG" $B pg_b
sed -e "s/@LISTEN@/127.0.0.1:$LB/g" -e "s/@SCHILD_A@/127.0.0.1:$A/g" -e "s/@SCHILD_B@/127.0.0.1:$B/g" \
  deploy/nginx/schild.conf > "$WORK/site.conf"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $WORK; proxy_temp_path $WORK; include $WORK/site.conf; }
NGINX
nginx -c "$WORK/nginx.conf"
sleep 0.3
read -r PG2_RPS PG2_P99 <<< "$(measure $LB)"
nginx -c "$WORK/nginx.conf" -s stop
rm -f "$WORK/nginx.conf"
stop pg_a
stop pg_b
"$BIN" audit verify --db "$PG" | sed 's/^/PostgreSQL after the runs: /'

echo
echo "Audited GET /api/v1/cases/{id}, 64 connections, ${SECONDS_PER_RUN}s each, $(nproc) cores, $COMMIT"
printf '| %-44s | %10s | %9s |\n' "setup" "req/s" "p99"
printf '| %-44s | %10s | %9s |\n' "---" "---:" "---:"
printf '| %-44s | %10s | %9s |\n' "SQLite, one server" "$SQ_RPS" "$SQ_P99"
printf '| %-44s | %10s | %9s |\n' "PostgreSQL, one server" "$PG1_RPS" "$PG1_P99"
printf '| %-44s | %10s | %9s |\n' "PostgreSQL, two servers behind nginx" "$PG2_RPS" "$PG2_P99"
stamp=$(date -u +%Y-%m-%dT%H:%MZ); commit=$COMMIT
for k in SQ_RPS PG1_RPS PG2_RPS; do
  printf '%s\t%s\t%s\t%s\t%s\n' "$stamp" "$commit" "ms:$CASES/$AUDIT" "$k" "${!k}" >> bench/history.tsv
done
