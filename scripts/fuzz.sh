#!/usr/bin/env bash
# npm run fuzz [seconds per target]: runs the cargo-fuzz targets in fuzz/ (the paste parser, the
# URL-state decoder, the fit) for a set time each (600 s by default), with libFuzzer under the
# nightly toolchain (installed with rustup if missing; fuzzing alone uses it), and prints each
# target's executions and crashes. A crash stops that target; its input is copied into
# tests/fixtures/fuzz/<target>/, where `npm test` replays it from then on.
# Usage: npm run fuzz [-- SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
EACH="${1:-600}"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
mkdir -p target
cargo +nightly fuzz build -O --sanitizer none >/dev/null
# The three targets run side by side, each for $EACH seconds.
run_target() {
  local target="$1" log="target/fuzz-$1.log" status=0
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  cp tests/fixtures/fuzz/"$target"/* "fuzz/corpus/$target/" 2>/dev/null || true
  cargo +nightly fuzz run -O --sanitizer none "$target" -- -max_total_time="$EACH" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  echo "$status" >"target/fuzz-$target.status"
}
echo "[fuzz] parse, url and fit, $EACH s each, side by side…"
for target in parse url fit; do run_target "$target" & done
wait
for target in parse url fit; do
  log="target/fuzz-$target.log"
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
  crashes=0
  for artifact in "fuzz/artifacts/$target"/*; do
    [ -e "$artifact" ] || continue
    name="$(basename "$artifact")"
    if [ ! -e "tests/fixtures/fuzz/$target/$name" ]; then
      cp "$artifact" "tests/fixtures/fuzz/$target/$name"
      crashes=$((crashes + 1))
    fi
  done
  echo "[fuzz] $target: ${runs:-?} executions in $EACH s, $crashes new crash(es), exit $(cat "target/fuzz-$target.status")"
done
