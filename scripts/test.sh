#!/usr/bin/env bash
# npm test: set up what is missing (the browser too), then every test, in order.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser

step() { printf '\n=== %s\n' "$*"; }

step "native tests (cargo test)"
cargo test

step "clippy (no unwrap, expect, panic or indexing outside tests)"
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

step "wasm tests in headless Chromium (wasm-bindgen-test-runner)"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test web

step "release build"
bash scripts/build.sh

step "end-to-end tests in Chromium (playwright-core, node --test)"
node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/
