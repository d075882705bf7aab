#!/usr/bin/env bash
# npm start: set up what is missing, build, and serve the app (PORT overrides 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs
