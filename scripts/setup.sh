#!/usr/bin/env bash
# Installs what the build needs, and only what is missing. Idempotent.
#   scripts/setup.sh            Rust wasm target, wasm-bindgen-cli (the Cargo.lock version), npm packages
#   scripts/setup.sh --browser  the same, plus Debian's chromium and chromium-driver for the tests
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

if ! command -v cargo >/dev/null || ! command -v rustup >/dev/null; then
  say "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "Node.js and npm are missing: install Node.js 20 or later, then run this again." >&2
  exit 1
fi

# 1. The wasm32 target.
if ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# clippy, which npm test runs.
if ! cargo clippy --version >/dev/null 2>&1; then
  say "adding clippy"
  rustup component add clippy
fi

# 2. wasm-bindgen-cli at exactly the version Cargo.lock pins (a different CLI version fails).
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
  say "could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found '${have:-none}'); this takes a few minutes once"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# 3. npm packages, from package-lock.json.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi

# 4. The browser for the tests: Debian's chromium and its driver, never a downloaded one.
if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      say "installing Debian's chromium and chromium-driver"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
      say "the tests need Debian's chromium and chromium-driver. Install them with:" >&2
      say "  sudo apt-get install -y chromium chromium-driver" >&2
      exit 1
    fi
  fi
fi
say "ready"
