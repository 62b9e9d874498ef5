#!/usr/bin/env bash
# Gives a SQLite data directory to the unprivileged user `schild serve` switches to when it is
# started as root (schild if that user exists, else nobody; docs/SECURITY.md, Process hardening),
# so the hardened server can still write its database: the directory itself (SQLite creates its
# WAL and journal files there) and the database files in it. Nothing else in it changes owner:
# the key directory stays root's (the server reads the keys before it drops its privileges).
# Does nothing when not run as root.
set -euo pipefail
dir="${1:?usage: service_dir.sh DIR}"
[ "$(id -u)" -eq 0 ] || exit 0
user=nobody
id -u schild >/dev/null 2>&1 && user=schild
chown "$user:" "$dir"
find "$dir" -maxdepth 1 -type f -name '*.db*' -exec chown "$user:" {} +
