# depeche — see README.md. `make run` and `make test` work on a fresh Debian machine with Swift.

SWIFT          ?= swift
CONFIG         ?= config/depeche.yaml
EVAL           ?= ../shared/eval
APT_PACKAGES   := libinotifytools0-dev inotify-tools libxml2-dev rsync jq python3
BIN            := .build/debug/depeche
RELEASE_BIN    := .build/release/depeche
SUDO           := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release run test bench-ingest clean

## deps: install the Debian packages depeche needs, if any is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## run: the daemon in the foreground on the local default config (./var/inbox, ./var/state).
run: build
	mkdir -p var/inbox var/state
	$(BIN) run --config $(CONFIG)

## test: the whole suite (unit and integration tests against the real binary).
test: build
	$(SWIFT) test

clean:
	rm -rf .build var

## bench-ingest: depeche against the naive inotifywait | sha256sum loop (files/s, latency, RSS).
bench-ingest: deps release
	python3 Benchmarks/Ingest/ingest_bench.py --binary $(RELEASE_BIN)

## bench-neardup: cleaning + fingerprinting MB/s on one core; near-duplicate lookups among 1M articles.
.PHONY: bench-neardup
bench-neardup: deps
	$(SWIFT) run -c release neardup-bench
