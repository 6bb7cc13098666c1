# partnerd — the two commands: `make run` (the daemon on the sample config) and `make test` (every test).

SWIFT ?= swift
CONFIG ?= Config/partnerd.toml
PREFIX ?= /usr/local
DESTDIR ?=
PYTHON := .venv/bin/python
ORACLES := .build/oracles

.PHONY: all build run test deps deps-build clean install uninstall bench fuzz

all: build

deps-build:
	@scripts/install-deps.sh --build-only

deps:
	@scripts/phase.sh "dependencies" scripts/install-deps.sh

build: deps-build
	$(SWIFT) build

run: build
	.build/debug/partnerd --config $(CONFIG)

# The integration tests run in two pytest workers, a whole file to each (its servers and fixtures stay in one
# worker): most of their time is spent waiting on daemons, servers and timers, not on the cores.
# The service tests (sockets, timeouts, real journald) run apart from the CPU-bound ones: Swift Testing runs
# synchronous tests on the same small thread pool as the servers' tasks, and on two cores a minute of oracle
# comparisons would leave a control socket unanswered past its client's timeout.
test: deps
	@# The oracles' expectations are written by one Python process while the compiler works: the build leaves a
	@# core idle for much of its linking and its single-module stretches.
	@# The nspawn tests' Debian root file system is made then too: debootstrap waits on the network and the disk.
	@mkdir -p $(ORACLES); \
	( $(PYTHON) Tests/Integration/nspawn.py >.build/nspawn-rootfs.log 2>&1 ) & rootfs=$$!; \
	( scripts/phase.sh "rrule oracle" $(PYTHON) Tests/Oracles/rrule_oracle.py --seed 1 --count 5000 \
		--out $(ORACLES)/rrule.json && \
	scripts/phase.sh "toml oracle" $(PYTHON) Tests/Oracles/toml_oracle.py --seed 1 --count 4000 \
		--out $(ORACLES)/toml.json ) & oracles=$$!; \
	scripts/phase.sh "debug build with tests" $(SWIFT) build --build-tests; built=$$?; \
	wait $$oracles; written=$$?; \
	if wait $$rootfs; then cat .build/nspawn-rootfs.log; else echo "the nspawn root file system was not made now" \
		"(the nspawn tests try again): $$(tail -3 .build/nspawn-rootfs.log)"; fi; \
	[ $$built -eq 0 ] && [ $$written -eq 0 ]
	@sh scripts/start-journald.sh
	@status=0; \
	PARTNERD_JOURNAL_TESTS=1 PARTNERD_RRULE_ORACLE=$(CURDIR)/$(ORACLES)/rrule.json PARTNERD_REQUIRE_TOML_TEST=1 \
		PARTNERD_TOML_ORACLE=$(CURDIR)/$(ORACLES)/toml.json \
		scripts/phase.sh "swift tests" $(SWIFT) test --skip-build --skip PartnerdServiceTests || status=1; \
	PARTNERD_JOURNAL_TESTS=1 scripts/phase.sh "swift service tests" \
		$(SWIFT) test --skip-build --filter PartnerdServiceTests || status=1; \
	scripts/phase.sh "bench smoke" scripts/bench.sh --smoke || status=1; \
	scripts/phase.sh "fuzz replay" scripts/fuzz.sh --replay || status=1; \
	scripts/phase.sh "release build" scripts/install.sh --build-only || status=1; \
	PARTNERD_REQUIRE_DAEMON=1 PARTNERD_RELEASE_BUILT=1 scripts/phase.sh "integration tests" \
		$(PYTHON) -m pytest -q -n 2 --dist loadfile --durations=25 Tests/Integration || status=1; \
	sh scripts/stop-journald.sh; \
	exit $$status

# Every fuzzer for FUZZ_SECONDS (default 600) from the seed corpus in Tests/Fuzz/Corpus; crashers land in
# .build-fuzz/artifacts and belong, once fixed, in Tests/Fuzz/Crashers, which make test replays.
fuzz: deps-build
	@scripts/fuzz.sh

# Benchmarks side by side with their peers; results in Tests/Benchmarks/RESULTS.md.
bench: deps
	@scripts/bench.sh

# Release build (in .build-release), stripped programs, the unit, the journal catalog, man pages
# and completions below $(PREFIX); the sample config into /etc/partnerd only where none exists.
# Staged: make install DESTDIR=/tmp/stage PREFIX=/usr
install: deps-build
	PREFIX='$(PREFIX)' DESTDIR='$(DESTDIR)' SWIFT='$(SWIFT)' scripts/install.sh

# Removes exactly what install listed in $(PREFIX)/share/partnerd/install-manifest; keeps /etc/partnerd.
uninstall:
	PREFIX='$(PREFIX)' DESTDIR='$(DESTDIR)' scripts/install.sh --uninstall

clean:
	rm -rf .build .build-release .build-fuzz .build-nspawn .build-screenshots .venv
