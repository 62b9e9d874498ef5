#!/usr/bin/env bash
# Runs every test: formatting, then CTest (unit, API and browser suites) on the normal build and
# (unit and API) on the ASan+UBSan build. Any sanitizer report, from a test program or from a
# server the API tests started, fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
asan=${2:-build-asan}

echo "== format"
clang-format --dry-run --Werror $(git ls-files '*.c' '*.h')

echo "== tests (normal build)"
ctest --test-dir "$build" --output-on-failure -j 2

echo "== tests (ASan+UBSan build)"
reports=$(mktemp -d)
export ASAN_OPTIONS="log_path=$reports/asan:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1:halt_on_error=1"
status=0
ctest --test-dir "$asan" --output-on-failure -j 2 || status=$?
if compgen -G "$reports/*" >/dev/null; then
  echo "sanitizer reports:"
  cat "$reports"/*
  status=1
fi
rm -rf "$reports"
exit $status
