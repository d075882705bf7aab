#!/usr/bin/env bash
# npm run fuzz [seconds per target]: runs the cargo-fuzz targets in fuzz/ (the paste parser, the
# URL-state decoder, the fit) for a set time each (600 s by default), with libFuzzer under the
# nightly toolchain (installed with rustup if missing; fuzzing alone uses it), and prints each
# target's executions and crashes. A crash stops that target; its input is copied into
# tests/fixtures/fuzz/<target>/, where `npm test` replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
EACH="${1:-600}"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
mkdir -p target
cargo +nightly fuzz build -O >/dev/null
summary=()
for target in parse url fit; do
  log="target/fuzz-$target.log"
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  cp tests/fixtures/fuzz/"$target"/* "fuzz/corpus/$target/" 2>/dev/null || true
  before=$(ls "fuzz/artifacts/$target" | wc -l)
  echo "[fuzz] $target for $EACH s…"
  status=0
  cargo +nightly fuzz run -O "$target" -- -max_total_time="$EACH" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  crashes=0
  for artifact in "fuzz/artifacts/$target"/*; do
    [ -e "$artifact" ] || continue
    name="$(basename "$artifact")"
    if [ ! -e "tests/fixtures/fuzz/$target/$name" ]; then
      cp "$artifact" "tests/fixtures/fuzz/$target/$name"
      crashes=$((crashes + 1))
    fi
  done
  summary+=("$target: ${runs:-?} executions in $EACH s, $crashes new crash(es), exit $status")
done
printf '\n[fuzz] %s\n' "${summary[@]}"
