#!/usr/bin/env bash
# What an author waits for with `klausul serve`: a generated handbook of N
# councils is served, one of its document pages is open in headless Chromium,
# the document is edited on disk EDITS times, and bench/serve-browser.mjs
# prints the time until the reloaded page shows each edit and until every
# affected file is written (medians, p90).
#
#   bench/serve.sh            # N = 450, 15 edits
#   EDITS=30 bench/serve.sh 2000
#
# Installs Debian's chromium and tests/browser's npm packages when missing.
# Everything it writes stays under bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-450}
EDITS=${EDITS:-15}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/serve.sh [N]" >&2; exit 2; }
if [ ! -x /usr/bin/chromium ]; then
  [ "$(id -u)" = 0 ] || { echo "bench/serve.sh needs Debian's chromium (apt-get install chromium)" >&2; exit 2; }
  apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi
cargo build --release --quiet --bin klausul --example gen-corpus
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
OUT=bench/out/serve-$N
rm -rf "$OUT"
mkdir -p "$OUT"
"$TARGET/release/examples/gen-corpus" "$OUT/hb" --councils "$N" >/dev/null
echo "# klausul $(git rev-parse --short HEAD), N = $N councils, load average $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/serve-browser.mjs "$TARGET/release/klausul" "$OUT/hb" "$EDITS"
