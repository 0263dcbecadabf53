# depeche — see README.md. `make run` and `make test` work on a fresh Debian machine with Swift.

SWIFT          ?= swift
CONFIG         ?= config/depeche.yaml
EVAL           ?= ../shared/eval
EXTRACT        ?= $(BIN) extract
APT_PACKAGES   := libinotifytools0-dev inotify-tools libxml2-dev liblmdb-dev rsync jq python3 systemd strace nats-server libnats-dev
BIN            := .build/debug/depeche
RELEASE_BIN    := .build/release/depeche
SUDO           := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PREFIX         ?= /usr/local
DESTDIR        ?=
# The release, written once in the tree (Depeche.version, also `depeche --version`).
VERSION        := $(shell sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/DepecheCore/Depeche.swift)
# The packaged binary: Swift's libraries linked in, built in a scratch directory of its own.
STATIC_SCRATCH := .build-static
STATIC_BIN     := $(STATIC_SCRATCH)/release/depeche
DEB_DIR        := .build-deb
DEB            := $(DEB_DIR)/depeche_$(VERSION)_amd64.deb
DEB_PACKAGES   := dpkg-dev binutils lintian debootstrap
MANPAGE        := .build/plugins/GenerateManual/outputs/depeche/depeche.1

.PHONY: help deps build release run test bench-ingest eval bench-extract install clean torture fuzz soak sanitize deb deb-deps deb-check

## Installs those of the Debian packages $(1) that are missing.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

## The shipped configuration with an installed system's paths; $(1) is the gazetteer directory.
system_config = sed -e 's|^inbox:.*|inbox: /var/lib/depeche/inbox|' -e 's|^state_dir:.*|state_dir: /var/lib/depeche/state|' \
	-e 's|^\( *gazetteer_dir:\).*|\1 $(1)|' config/depeche.yaml

## help: every target with what its `##` comment says (the comment of a target starts `## NAME:`).
help:
	@awk '/^## [a-z][a-z-]*: / { name = $$2; sub(/:$$/, "", name); sub(/^## [^:]*: /, ""); printf "%-18s %s\n", name, $$0; more = 1; next } \
		more && /^## / { sub(/^## /, ""); printf "%-18s %s\n", "", $$0; next } { more = 0 }' $(firstword $(MAKEFILE_LIST))

## deps: install the Debian packages depeche needs, if any is missing.
deps:
	$(call apt_install,$(APT_PACKAGES))

## deb-deps: what building and checking the Debian package needs (dpkg-shlibdeps, readelf, lintian, debootstrap).
deb-deps:
	$(call apt_install,$(DEB_PACKAGES))

## build: the debug build (.build/debug/depeche), after deps.
build: deps
	$(SWIFT) build

## release: the release build (.build/release/depeche), after deps.
release: deps
	$(SWIFT) build -c release

## run: the daemon in the foreground on the local default config (./var/inbox, ./var/state).
run: build
	mkdir -p var/inbox var/state
	$(BIN) run --config $(CONFIG)

## test: the whole suite (unit and integration tests against the real binary). One test at a time:
## the integration tests start daemons and wait on processes, and timing tests (the watchdog's)
## must not be starved of the 2 cores by them. scripts/no-leftovers.py runs it as a subreaper and
## fails the run if any process the tests started (however detached) is still alive at the end.
test: build
	python3 scripts/no-leftovers.py $(SWIFT) test --no-parallel

## install: release build, then binary, systemd unit, config, the depeche user and its directories
## (README.md, "Run as a service"). An edited /etc/depeche/depeche.yaml or /etc/default/depeche is kept.
## DESTDIR=/some/root stages everything under that root instead of the running system.
install: release
	$(SUDO) install -D -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/depeche
	$(SUDO) install -D -m 0644 systemd/depeche.service $(DESTDIR)/etc/systemd/system/depeche.service
	$(SUDO) install -D -m 0644 systemd/depeche.sysusers $(DESTDIR)/etc/sysusers.d/depeche.conf
	$(SUDO) install -D -m 0644 systemd/depeche.tmpfiles $(DESTDIR)/etc/tmpfiles.d/depeche.conf
	$(SUDO) install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/depeche/README.md
	$(SUDO) systemd-sysusers --root=$(or $(DESTDIR),/) $(CURDIR)/systemd/depeche.sysusers
	$(SUDO) systemd-tmpfiles --create --root=$(or $(DESTDIR),/) $(CURDIR)/systemd/depeche.tmpfiles
	$(SUDO) install -d -m 0755 $(DESTDIR)/etc/depeche/gazetteer $(DESTDIR)/etc/default
	[ ! -d config/gazetteer ] || $(SUDO) cp -rn config/gazetteer/. $(DESTDIR)/etc/depeche/gazetteer/
	[ -e $(DESTDIR)/etc/default/depeche ] || $(SUDO) install -m 0644 systemd/depeche.default $(DESTDIR)/etc/default/depeche
	[ -e $(DESTDIR)/etc/depeche/depeche.yaml ] || $(call system_config,/etc/depeche/gazetteer) \
		| $(SUDO) install -m 0644 /dev/stdin $(DESTDIR)/etc/depeche/depeche.yaml
	[ -n "$(DESTDIR)" ] || [ ! -d /run/systemd/system ] || $(SUDO) systemctl daemon-reload
	@echo "installed; start it with: systemctl enable --now depeche"

## deb: $(DEB) (README, "Debian package"): the binary built with --static-swift-stdlib (no Swift
## library needed at run time: build-deb.sh fails otherwise), the man page from the argument
## parser, the unit, sysusers/tmpfiles, conffiles, gazetteers; Depends from dpkg-shlibdeps. Then
## lintian, which fails the target on any error.
deb: deps deb-deps
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(STATIC_SCRATCH) --product depeche
	$(SWIFT) package plugin --allow-writing-to-package-directory generate-manual --configuration debug
	mkdir -p $(DEB_DIR)
	$(call system_config,/etc/depeche/gazetteer) > $(DEB_DIR)/depeche.yaml
	scripts/build-deb.sh $(VERSION) $(STATIC_BIN) $(MANPAGE) $(DEB_DIR)/depeche.yaml $(DEB_DIR)
	@ls -l $(DEB)
	lintian --fail-on error --info $(DEB)

## deb-check: install $(DEB) in a fresh minimal Debian 12 root (debootstrap --variant=minbase, no
## Swift there) and run depeche --help, check, status and extract in it; then purge (needs root
## and a Debian mirror; scripts/deb-check.sh).
deb-check: deb
	$(SUDO) scripts/deb-check.sh $(DEB) $(DEB_DIR)/bookworm-root

## clean: remove the builds (.build, the package's) and ./var (the local inbox and state).
clean:
	rm -rf .build var $(STATIC_SCRATCH) $(DEB_DIR)

## bench-ingest: depeche against the naive inotifywait | sha256sum loop in one run (burst files/s and
## ratio, p50/p99 at 1,000 files/s, CPU ms per file, RSS), extract's peak RSS on adversarial 16 MiB
## pages; BENCH_ARGS="--callgrind 20" adds callgrind instructions per page of `depeche extract` (the
## count that does not swing with the machine's load; a minute more). For Debian 12's valgrind 3.19 the
## script strips the binary's DWARF 5 and preloads Benchmarks/Ingest/sigsuspend_copy.c (see there).
BENCH_ARGS ?=
bench-ingest: deps release
	$(call apt_install,time valgrind)
	python3 Benchmarks/Ingest/ingest_bench.py --binary $(RELEASE_BIN) $(BENCH_ARGS)

## bench-cluster: the same burst in file mode and in cluster mode (3-node nats-server cluster on
## loopback, R3 stream): files/s, latency, publish latency p50/p99.
.PHONY: bench-cluster
bench-cluster: deps release
	python3 Benchmarks/Cluster/cluster_bench.py --binary $(RELEASE_BIN)

## torture: 200 kill -9 iterations of the crash-torture test (scripts/torture.sh [ITERATIONS] [FILES] [SEED]).
torture: deps
	scripts/torture.sh

## eval: score `$(EXTRACT)` on $(EVAL)/docs against $(EVAL)/gold.jsonl: P/R/F1 per entity type and
## metadata accuracy (scripts/score.py); checks the pages are all distinct (no two near-duplicates);
## then scores the same pages wrapped in HTML. Skipped, not failed, when $(EVAL) is absent.
## Before `depeche extract` runs the extractor: make eval EXTRACT=".build/debug/extract-bench --dump"
eval:
	@if [ ! -d "$(EVAL)/docs" ] || [ ! -f "$(EVAL)/gold.jsonl" ]; then \
		echo "eval: no evaluation set at $(EVAL) (needs docs/ and gold.jsonl); nothing to score"; exit 0; fi; \
	$(MAKE) --no-print-directory build && python3 scripts/score.py --self-test && \
	out=$$(mktemp) && trap 'rm -f "$$out"' EXIT && \
	$(EXTRACT) $(EVAL)/docs/* > "$$out" && python3 scripts/score.py $(EVAL)/gold.jsonl < "$$out" && \
	python3 scripts/eval_variants.py distinct "$$out" && \
	wrapped=$$(mktemp -d) && trap 'rm -rf "$$out" "$$wrapped"' EXIT && \
	python3 scripts/eval_variants.py html $(EVAL)/docs "$$wrapped" && \
	echo "--- the same pages wrapped in HTML (navigation, scripts, share bar, footer) ---" && \
	$(EXTRACT) "$$wrapped"/* > "$$out" && python3 scripts/score.py $(EVAL)/gold.jsonl < "$$out"

## bench-extract: the extractor alone on one core, sample pages repeated to 10 MB (MB/s).
bench-extract: deps
	$(SWIFT) run -c release extract-bench --docs $(EVAL)/docs

## bench-fingerprint: cleaning + fingerprinting MB/s on one core (near-duplicate lookups: bench-state).
.PHONY: bench-fingerprint
bench-fingerprint: deps
	$(SWIFT) run -c release fingerprint-bench

STATE_BENCH_ARGS ?= --documents 1000000
## bench-state: the state store with STATE_BENCH_ARGS (default a million documents; the issue's
## scale is --documents 10000000): insert rate, bytes/document, exact and near lookup p50/p99,
## recall on planted near copies, false matches, and the release daemon's start to READY and memory.
.PHONY: bench-state
bench-state: deps release
	.build/release/state-bench $(STATE_BENCH_ARGS)

FUZZ_SECONDS ?= 600
FUZZ_TARGETS := FuzzDecode FuzzClean FuzzAnalyze FuzzEventLog
## fuzz: build the libFuzzer targets (Fuzz/, their own package) with AddressSanitizer and run each
## for FUZZ_SECONDS (default 600); a crashing input lands in Fuzz/corpus-crashes/<target>/.
fuzz: deps
	cd Fuzz && $(SWIFT) build -Xswiftc -sanitize=fuzzer,address
	for t in $(FUZZ_TARGETS); do \
		mkdir -p Fuzz/.build/corpus/$$t Fuzz/corpus-crashes/$$t; \
		Fuzz/.build/debug/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
			-artifact_prefix=Fuzz/corpus-crashes/$$t/ Fuzz/.build/corpus/$$t Fuzz/seeds/$$t || exit 1; \
	done

## sanitize: the whole suite twice more, built with AddressSanitizer then ThreadSanitizer (each in
## its own build directory; the integration tests run the sanitized daemon).
sanitize: deps
	$(SWIFT) test --sanitize=address --no-parallel --scratch-path .build/sanitize-address
	$(SWIFT) test --sanitize=thread --no-parallel --scratch-path .build/sanitize-thread

SOAK_ARGS ?= --minutes 60 --rate 200
## soak: the release daemon under 200 files/s for an hour (scripts/soak.py): RSS, latency p99, loss.
soak: deps release
	python3 scripts/soak.py --binary $(RELEASE_BIN) $(SOAK_ARGS)
