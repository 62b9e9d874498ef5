#!/usr/bin/env bash
# make bench: builds a database at scale (once; kept in var/bench/), then measures each scenario
# of docs/PERFORMANCE.md and prints figure, target and ratio. References (nginx serving a static
# file of the same size) are measured in the same run on the same machine. Appends the figures
# to bench/history.tsv. BENCH_CASES / BENCH_AUDIT / BENCH_SIGNALS / BENCH_IMPORT scale the data
# set down for a quick look.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_START=$(date +%s)
# the commit measured (BENCH_COMMIT names it where there is no git checkout, e.g. an export)
COMMIT=${BENCH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
BIN=build/schild
CASES=${BENCH_CASES:-50000}
AUDIT=${BENCH_AUDIT:-10000000}
SIGNALS=${BENCH_SIGNALS:-1000000}
IMPORT=${BENCH_IMPORT:-200000}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
DIR=var/bench
DB=$DIR/schild-$CASES-$AUDIT-$SIGNALS.db
IMPORT_FILE=$DIR/import-$CASES-$AUDIT-$SIGNALS-$IMPORT.jsonl
PORT=18100
NGINX_PORT=18101
mkdir -p "$DIR"

for tool in wrk nginx curl; do
  command -v $tool >/dev/null || { echo "bench: installing wrk and nginx"; apt-get install -y -qq wrk nginx-light curl >/dev/null; }
done

if [ ! -f "$DB" ] || [ ! -f "$IMPORT_FILE" ]; then
  echo "== generating $CASES cases, $((CASES * 2)) persons, $SIGNALS signals, $AUDIT audit entries" \
    "and a file of $IMPORT signals to import (once)"
  rm -f "$DB" "$DB-wal" "$DB-shm" "$IMPORT_FILE"
  T0=$(date +%s)
  build/schild-benchgen --db "sqlite:$DB" --cases "$CASES" --audit "$AUDIT" --signals "$SIGNALS" \
    --import-file "$IMPORT_FILE" --import-count "$IMPORT"
  echo "   generated in $(($(date +%s) - T0)) s"
fi
WORK=$(mktemp -d)
trap 'kill $(cat $WORK/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf $WORK' EXIT
# each run works on a copy, so the runs stay comparable
cp "$DB" "$WORK/s.db"
cp -a "$DIR/keys" "$WORK/keys" # the key directory beside the database (docs/AUDIT.md)
scripts/service_dir.sh "$WORK" # run as root, the hardened server switches to an unprivileged user
sync # the copy's dirty pages would otherwise be written back during the measurements

declare -A FIG
row() { printf '| %-52s | %14s | %-18s | %8s |\n' "$1" "$2" "$3" "$4"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

echo "== start to first answered request"
FIG[start_ms]=$(node bench/startup.mjs "$BIN" "sqlite:$WORK/s.db" $PORT)

"$BIN" serve --db "sqlite:$WORK/s.db" --listen 127.0.0.1:$PORT --demo 2>"$WORK/server.log" &
echo $! > "$WORK/server.pid"
for _ in $(seq 200); do curl -sf http://127.0.0.1:$PORT/api/v1/health >/dev/null && break; sleep 0.05; done
login() {
  curl -s -c "$WORK/$1.jar" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"bench-password-2026\"}" \
    http://127.0.0.1:$PORT/api/v1/session | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p'
}
TRIAGE_CSRF=$(login bench.triage)
REF_CSRF=$(login bench.ref)
login bench.analyst >/dev/null
cookie() { awk '/schild_session/ {print $7}' "$WORK/$1.jar"; }

echo "== warm-up: 3 s of the GET scenario (not measured)"
BENCH_COOKIE=$(cookie bench.triage) BENCH_CASES=$CASES wrk -t2 -c64 -d3s \
  -s bench/get_case.lua http://127.0.0.1:$PORT/ > /dev/null
echo "== audited GET /api/v1/cases/{id}, 64 connections, ${SECONDS_PER_RUN}s"
BENCH_COOKIE=$(cookie bench.triage) BENCH_CASES=$CASES wrk -t2 -c64 -d${SECONDS_PER_RUN}s \
  --latency -s bench/get_case.lua http://127.0.0.1:$PORT/ > "$WORK/get.txt"
FIG[get_rps]=$(awk '/Requests\/sec/ {print $2}' "$WORK/get.txt")
FIG[get_p99]=$(awk '$1 == "99%" {print $2}' "$WORK/get.txt")
grep -q "Non-2xx" "$WORK/get.txt" && { echo "bench: GET answered non-2xx:"; cat "$WORK/get.txt"; }

echo "== nginx, the same bytes as a static file"
mkdir -p "$WORK/www"
curl -s -b "$WORK/bench.triage.jar" http://127.0.0.1:$PORT/api/v1/cases/1 > "$WORK/www/case.json"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
NGINX
nginx -c "$WORK/nginx.conf"
sleep 0.3
wrk -t2 -c64 -d${SECONDS_PER_RUN}s --latency http://127.0.0.1:$NGINX_PORT/case.json > "$WORK/nginx.txt"
FIG[nginx_rps]=$(awk '/Requests\/sec/ {print $2}' "$WORK/nginx.txt")
nginx -c "$WORK/nginx.conf" -s stop
rm -f "$WORK/nginx.pid"

echo "== full-text search as bench.analyst (politie-rotterdam), 4 connections, ${SECONDS_PER_RUN}s"
# What the analyst may see: the cases with the regional unit on the team, and of their signals
# those the compartment matrix and originator control let an analyst of politie-rotterdam read.
SHARE=$(sqlite3 -readonly "$WORK/s.db" "
  WITH seen AS (SELECT DISTINCT case_id FROM case_team WHERE org = 'politie-rotterdam')
  SELECT (SELECT count(*) FROM seen) || ' of ' || (SELECT count(*) FROM cases) || ' cases, ' ||
    (SELECT count(*) FROM signals s JOIN seen USING (case_id)
      WHERE (s.compartment <> 'informant' OR s.source_org = 'politie-rotterdam')
        AND (s.handling <> 'H2' OR s.source_org = 'politie-rotterdam')) ||
    ' of ' || (SELECT count(*) FROM signals) || ' signals readable'")
echo "   bench.analyst sees $SHARE"
SAMPLE=$(curl -s -b "$WORK/bench.analyst.jar" "http://127.0.0.1:$PORT/api/v1/search?q=bedreigen" |
  sed -n 's/.*"total":\([0-9]*\).*/\1/p')
echo "   q=bedreigen: ${SAMPLE:-no} hits (the total, capped at 200)"
[ -n "$SAMPLE" ] && [ "$SAMPLE" -gt 0 ] || { echo "bench: search finds nothing"; exit 1; }
BENCH_COOKIE=$(cookie bench.analyst) wrk -t2 -c4 -d3s -s bench/search.lua \
  http://127.0.0.1:$PORT/ > /dev/null
BENCH_COOKIE=$(cookie bench.analyst) wrk -t2 -c4 -d${SECONDS_PER_RUN}s -s bench/search.lua \
  http://127.0.0.1:$PORT/ > "$WORK/search.txt"
FIG[search_p50]=$(awk '$1 == "search_p50" {print $2}' "$WORK/search.txt")
FIG[search_p95]=$(awk '$1 == "search_p95" {print $2}' "$WORK/search.txt")
FIG[search_rps]=$(awk '/Requests\/sec/ {print $2}' "$WORK/search.txt")
awk '$1 == "search_errors" && $2 > 0 {exit 1}' "$WORK/search.txt" ||
  { echo "bench: search answered errors:"; cat "$WORK/search.txt"; }
echo "== the same, one connection (the cost of one search without queueing), ${SECONDS_PER_RUN}s"
BENCH_COOKIE=$(cookie bench.analyst) wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/search.lua \
  http://127.0.0.1:$PORT/ > "$WORK/search1.txt"
FIG[search1_p50]=$(awk '$1 == "search_p50" {print $2}' "$WORK/search1.txt")
FIG[search1_p95]=$(awk '$1 == "search_p95" {print $2}' "$WORK/search1.txt")

echo "== durable referral writes (group commit), 16 connections, ${SECONDS_PER_RUN}s"
BENCH_COOKIE=$(cookie bench.ref) BENCH_CSRF=$REF_CSRF wrk -t2 -c16 -d${SECONDS_PER_RUN}s \
  -s bench/post_case.lua http://127.0.0.1:$PORT/api/v1/cases > "$WORK/post.txt" 2>&1
FIG[post_rps]=$(awk '/Requests\/sec/ {print $2}' "$WORK/post.txt")
grep -q "Non-2xx" "$WORK/post.txt" && { echo "bench: writes answered non-2xx:"; cat "$WORK/post.txt"; }

PID=$(cat "$WORK/server.pid")
FIG[rss_mb]=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' /proc/$PID/status)
FIG[hwm_mb]=$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$PID/status)
# RSS: everything resident (the server reads the database without a memory map since 2026-11-29,
# so no pages of the file count); RssAnon: the heap, stacks and page caches alone
FIG[anon_mb]=$(awk '/RssAnon/ {printf "%.1f", $2/1024}' /proc/$PID/status)
kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; rm -f "$WORK/server.pid"

echo "== schild signal import of $IMPORT signals (JSON Lines, incl. indexing), server stopped"
T0=$(date +%s%N)
# the server is stopped: no pause between batches (which lets a running server's writers in) and
# one transaction for the whole file (the usage of `schild signal import` says the same)
"$BIN" signal import --db "sqlite:$WORK/s.db" --user bench.triage --pause 0 --batch "$IMPORT" \
  "$IMPORT_FILE" \
  > "$WORK/import.txt"
T1=$(date +%s%N)
cat "$WORK/import.txt"
FIG[import_sps]=$(awk -v n="$IMPORT" -v ns=$((T1 - T0)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')

echo "== schild audit verify"
ENTRIES=$("$BIN" audit verify --db "sqlite:$WORK/s.db" | awk '{print $4}')
T0=$(date +%s%N)
"$BIN" audit verify --db "sqlite:$WORK/s.db" >/dev/null
T1=$(date +%s%N)
FIG[verify_eps]=$(awk -v n="$ENTRIES" -v ns=$((T1 - T0)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')

echo
echo "Schild benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $COMMIT"
echo "data: $CASES cases, $((CASES * 2)) persons, $SIGNALS signals, $ENTRIES audit entries" \
  "(SQLite, every write acknowledged after its WAL flush)"
echo "search: bench.analyst sees $SHARE"
echo
row "scenario" "figure" "target" "ratio"
row "---" "---:" "---" "---:"
row "audited GET /cases/{id}, 64 conn (req/s)" "${FIG[get_rps]}" ">= 0.25 x nginx" "$(ratio ${FIG[get_rps]} ${FIG[nginx_rps]}) x nginx"
row "  nginx, same bytes as static file (req/s)" "${FIG[nginx_rps]}" "reference" "1.00"
row "  p99 latency" "${FIG[get_p99]}" "<= 10 ms" ""
row "durable referral writes (per s)" "${FIG[post_rps]}" ">= 2000" "$(ratio ${FIG[post_rps]} 2000)"
row "full-text search, $((SIGNALS / 1000))k signals, 4 conn, p95 (ms)" "${FIG[search_p95]}" "<= 20" "$(ratio 20 ${FIG[search_p95]})"
row "  p50 (ms)" "${FIG[search_p50]}" "" ""
row "  throughput (req/s)" "${FIG[search_rps]}" "" ""
row "  1 connection: p95 (ms)" "${FIG[search1_p95]}" "<= 20" "$(ratio 20 ${FIG[search1_p95]})"
row "  1 connection: p50 (ms)" "${FIG[search1_p50]}" "" ""
row "bulk import of signals incl. indexing (per s)" "${FIG[import_sps]}" ">= 50000" "$(ratio ${FIG[import_sps]} 50000)"
row "schild audit verify (entries/s)" "${FIG[verify_eps]}" ">= 1000000" "$(ratio ${FIG[verify_eps]} 1000000)"
row "server memory after the runs, RSS (MB)" "${FIG[rss_mb]}" "<= 64" "$(ratio 64 ${FIG[rss_mb]})"
row "  peak RSS (MB)" "${FIG[hwm_mb]}" "<= 64" "$(ratio 64 ${FIG[hwm_mb]})"
row "  of which anonymous (RssAnon, MB)" "${FIG[anon_mb]}" "" ""
row "start to first answered request (ms)" "${FIG[start_ms]}" "<= 100" "$(ratio 100 ${FIG[start_ms]})"

stamp=$(date -u +%Y-%m-%dT%H:%MZ)
commit=$COMMIT
for k in get_rps nginx_rps get_p99 post_rps search_p50 search_p95 search_rps search1_p50 \
  search1_p95 import_sps verify_eps rss_mb hwm_mb anon_mb start_ms; do
  printf '%s\t%s\t%s\t%s\t%s\n' "$stamp" "$commit" "$CASES/$AUDIT/$SIGNALS" "$k" "${FIG[$k]}" \
    >> bench/history.tsv
done
echo
echo "bench/run.sh took $(($(date +%s) - BENCH_START)) s"

