#!/usr/bin/env bash
# pg_db: runs a command against a fresh PostgreSQL database on a test cluster (pg_cluster.sh),
# with SCHILD_TEST_DB set to its URL, then drops the database; exits with the command's status.
#   pg_db.sh ADMIN_URL COMMAND [ARGS...]
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: pg_db.sh ADMIN_URL COMMAND [ARGS...]" >&2; exit 2; }
admin=$1
shift

name="schild_t_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
psql -X -q -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE $name" >/dev/null
drop() { psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null || true; }
trap drop EXIT

status=0
SCHILD_TEST_DB="${admin%/*}/$name" "$@" || status=$?
exit $status
