#!/usr/bin/env bash
# pg_cluster: a throw-away PostgreSQL 15 cluster for the tests, no system service needed.
#   pg_cluster.sh start DIR PORT   creates a cluster in DIR (unix socket in DIR, TCP on
#                                  127.0.0.1:PORT, trust for local connections), starts it, waits
#                                  until it accepts connections and prints the admin URL
#   pg_cluster.sh stop DIR         stops it and removes DIR
# Run as root, the server runs as the postgres OS user (PostgreSQL refuses to run as root). When
# that user cannot reach DIR (a checkout under /root) or the socket path would be too long, the
# cluster lives in a temporary directory instead, and DIR/home points to it.
set -euo pipefail

bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

# Runs a command as the user that owns the cluster.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

usage() {
  echo "usage: pg_cluster.sh start DIR PORT | stop DIR" >&2
  exit 2
}

# Where the cluster of DIR lives: DIR itself, or the temporary directory DIR/home points to.
cluster_home() {
  if [ -L "$1/home" ]; then readlink "$1/home"; else echo "$1"; fi
}

# Stops the cluster of DIR if one runs, and removes it and DIR.
stop_cluster() {
  local dir=$1 home
  home=$(cluster_home "$dir")
  if [ -f "$home/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$home/data" -m fast -w -t 60 stop >/dev/null ||
      as_owner "$bin/pg_ctl" -D "$home/data" -m immediate -w -t 30 stop >/dev/null || true
  fi
  [ "$home" != "$dir" ] && rm -rf "$home"
  rm -rf "$dir"
}

# A directory the cluster owner can write, with a short enough path for the unix socket.
make_home() {
  local dir=$1 port=$2 home
  mkdir -p "$dir"
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  if as_owner test -w "$dir" && [ ${#dir} -lt 90 ]; then
    echo "$dir"
    return
  fi
  home=$(mktemp -d "${TMPDIR:-/tmp}/schild-pg-$port.XXXXXX")
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$home"
  ln -s "$home" "$dir/home"
  echo "$home"
}

start_cluster() {
  local dir=$1 port=$2 home
  [[ $port =~ ^[0-9]+$ ]] || usage
  stop_cluster "$dir" # whatever an interrupted run left behind
  home=$(make_home "$dir" "$port")
  as_owner "$bin/initdb" -D "$home/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # Durable like production (fsync on), small like a test; many short-lived test servers, each
  # with a connection per thread, so more connections than the default 100.
  as_owner tee -a "$home/data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$home'
fsync = on
synchronous_commit = on
shared_buffers = 32MB
max_connections = 300
log_min_messages = warning
log_min_error_statement = panic
EOF
  if ! as_owner "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 start >/dev/null; then
    cat "$home/server.log" >&2 || true
    exit 1
  fi
  for _ in $(seq 1 100); do
    if as_owner "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
      echo "postgresql://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
    sleep 0.1
  done
  echo "pg_cluster: the server on port $port did not become ready" >&2
  exit 1
}

case "${1:-}" in
start)
  [ $# -eq 3 ] || usage
  start_cluster "$(realpath -m "$2")" "$3"
  ;;
stop)
  [ $# -eq 2 ] || usage
  stop_cluster "$(realpath -m "$2")"
  ;;
*)
  usage
  ;;
esac
