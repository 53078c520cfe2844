# The two commands: `make run` and `make test`. Each installs what it needs
# first (idempotently), so they work on a fresh machine.

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_OFFLINE := true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

SERVER_BIN := target/server/recovery-colleges-server

.PHONY: run test build tools test-tools check test-native test-wasm test-e2e test-fuzz test-deploy bench clean release dev

## Build and serve the app and API on http://127.0.0.1:$${PORT:-8080}.
run: build
	DIST_DIR=dist $(SERVER_BIN)

## Every check and test: formatting, lints, native, wasm in Chromium, end to end.
test: tools test-tools check test-native test-wasm test-e2e test-fuzz test-deploy
	@echo "make test: all checks and tests passed"

tools:
	@scripts/install-build-tools.sh

test-tools:
	@scripts/install-test-tools.sh

build: tools
	scripts/vendor-map.sh
	# Three bundles (api::routes::App): the public app at / (home, the
	# directory, colleges, the enquiry forms and every not-found page), the
	# survey under /feedback-app/, the staff side under /staff-app/.
	# The public app's build empties dist/, so it goes first.
	trunk build --release
	trunk build feedback.html --release=true --dist dist/feedback-app --public-url /feedback-app/
	trunk build staff.html --release=true --dist dist/staff-app --public-url /staff-app/
	cargo build --profile server -p server
	$(SERVER_BIN) precompress dist

check: tools
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	# The app's browser-only code (cfg wasm32) is linted in its own target.
	cargo clippy -p recovery-colleges --target wasm32-unknown-unknown --all-targets -- -D warnings
	python3 scripts/module-cycles.py server/src src api/src

test-native: tools test-tools
	cargo test --workspace

test-wasm: tools test-tools
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
		cargo test -p recovery-colleges --target wasm32-unknown-unknown --test web

test-e2e: build test-tools
	scripts/e2e.sh

## schemathesis against the real server's OpenAPI document, with and without a session.
test-fuzz: build test-tools
	scripts/fuzz.sh

## The release archive behind Debian's nginx (deploy/), with a throwaway
## certificate: HTTPS, the session cookie, sign-in, per-visitor rate limits.
test-deploy: release test-tools
	scripts/deploy-test.sh

## Figures for the README: first-load size, API throughput, typing latency.
bench: build test-tools
	scripts/bench.sh

clean:
	cargo clean
	rm -rf dist node_modules

## The release docs/deploy.md installs, as one archive:
## target/release-archive/recovery-colleges.tar.gz holds bin/recovery-colleges-server
## (the directory data and gazetteer are built into it), dist/ (precompressed),
## deploy/, README.md, docs/deploy.md and docs/operations.md. Unpacked into /opt/recovery-colleges.
RELEASE_DIR := target/release-archive
release: build
	rm -rf $(RELEASE_DIR)
	mkdir -p $(RELEASE_DIR)/stage/bin $(RELEASE_DIR)/stage/docs
	cp $(SERVER_BIN) $(RELEASE_DIR)/stage/bin/recovery-colleges-server
	cp -R dist deploy README.md $(RELEASE_DIR)/stage/
	cp docs/deploy.md docs/operations.md $(RELEASE_DIR)/stage/docs/
	tar -czf $(RELEASE_DIR)/recovery-colleges.tar.gz -C $(RELEASE_DIR)/stage \
		--sort=name --owner=0 --group=0 --numeric-owner --mode='u+rwX,go+rX,go-w' \
		bin dist deploy docs README.md
	rm -rf $(RELEASE_DIR)/stage
	@echo "make release: $(RELEASE_DIR)/recovery-colleges.tar.gz"

## A development loop: the server on 127.0.0.1:8080 (database in data/) and
## trunk serve on http://127.0.0.1:8081, which rebuilds the public app on every
## change and proxies the API to the server (Trunk.toml). Ctrl-C stops both.
dev: tools
	scripts/vendor-map.sh
	cargo build --profile server -p server
	scripts/dev.sh
