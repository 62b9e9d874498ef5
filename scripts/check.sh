#!/usr/bin/env bash
# Runs every test: formatting, then CTest (unit, API and browser suites) on the normal build,
# (unit and API) on the ASan+UBSan build, and the tests that run threads against each other on
# the ThreadSanitizer build. Any sanitizer report, from a test program or from a server the API
# tests started, fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
asan=${2:-build-asan}
tsan=${3:-build-tsan}

echo "== format"
clang-format --dry-run --Werror $(git ls-files '*.c' '*.h')

echo "== tests (normal build)"
ctest --test-dir "$build" --output-on-failure -j 2

echo "== tests (ASan+UBSan build)"
# Writable by everyone: started as root, the servers under test run as an unprivileged user.
reports=$(mktemp -d)
chmod 1777 "$reports"
export ASAN_OPTIONS="log_path=$reports/asan:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1:halt_on_error=1"
status=0
ctest --test-dir "$asan" --output-on-failure -j 2 || status=$?

echo "== tests (ThreadSanitizer build: storage, group commit, load, crash, hostile HTTP)"
export TSAN_OPTIONS="log_path=$reports/tsan:halt_on_error=0"
ctest --test-dir "$tsan" --output-on-failure \
  -R '^(unit\.test_storage|stress\.(load|crash|hostile)|api\.(decisions|daf))$' || status=$?

if compgen -G "$reports/*" >/dev/null; then
  echo "sanitizer reports:"
  cat "$reports"/*
  status=1
fi
rm -rf "$reports"
exit $status
