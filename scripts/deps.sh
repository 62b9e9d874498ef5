#!/usr/bin/env bash
# Installs what Schild needs on Debian 12, idempotently: `deps.sh build` for building and running,
# `deps.sh test` for that plus everything `make check` uses. Runs apt-get update only when a
# package is missing, and `npm ci` only when node_modules is missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(build-essential cmake pkg-config libmicrohttpd-dev libjansson-dev libsodium-dev
            libsqlite3-dev sqlite3 libpq-dev libstemmer-dev libhpdf-dev libseccomp-dev
            libcap-ng-dev)
test_pkgs=(chromium clang libclang-rt-14-dev valgrind curl procps psmisc postgresql-15 nginx-light iproute2 wrk
           openssl)

want=("${build_pkgs[@]}")
[ "${1:-build}" = test ] && want+=("${test_pkgs[@]}")
command -v node >/dev/null 2>&1 || want+=(nodejs)
command -v npm >/dev/null 2>&1 || want+=(npm)

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "deps: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
