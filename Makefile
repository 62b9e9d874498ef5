# Schild: `make demo` to run it, `make check` to test it. CMake and CTest do the work; this file
# only names the steps.
BUILD      ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
JOBS       ?= $(shell nproc)
DB         ?= var/schild.db
LISTEN     ?= 127.0.0.1:8080

.PHONY: all deps deps-test build asan tsan demo check fuzz fuzz-build bench format format-check clean

all: build

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSCHILD_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

tsan: deps
	@cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCHILD_TSAN=ON >/dev/null
	@cmake --build $(TSAN_BUILD) -j $(JOBS)

demo: build
	@mkdir -p $(dir $(DB))
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	@$(BUILD)/schild demo --db sqlite:$(DB)
	@echo "Schild runs on http://$(LISTEN)/ (Ctrl-C stops it)"
	@scripts/service_dir.sh $(dir $(DB))
	@$(BUILD)/schild serve --db sqlite:$(DB) --listen $(LISTEN) --demo

# Everything: unit tests and API tests on the normal and the sanitizer build, browser tests, the
# concurrency tests under ThreadSanitizer. The libFuzzer targets are built too (clang), so that
# `make fuzz` keeps working.
check: deps-test
	@$(MAKE) --no-print-directory build asan tsan fuzz-build
	@scripts/check.sh $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD)

# libFuzzer (clang) on every target for FUZZ_SECONDS each; new inputs land in build-fuzz/new/.
FUZZ_SECONDS ?= 60
fuzz-build: deps-test
	@CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DSCHILD_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

fuzz: fuzz-build
	@for f in build-fuzz/tests/fuzz_*; do \
	  name=$$(basename $$f); corpus=$${name#fuzz_}; mkdir -p build-fuzz/new/$$corpus; \
	  echo "== $$name ($(FUZZ_SECONDS) s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/schild.dict -print_final_stats=1 \
	    build-fuzz/new/$$corpus tests/fuzz/corpus/$$corpus 2>&1 | tail -4 || exit 1; \
	done

# Speed and memory targets (docs/PERFORMANCE.md); not part of `make check`.
bench: deps-test build
	@bench/run.sh
	@bench/multiserver.sh

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	@clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h')

clean:
	@rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) build-fuzz
