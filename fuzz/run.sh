#!/usr/bin/env bash
# Fuzzes Klausul's inputs with cargo-fuzz (libFuzzer), each target for a
# while, seeded from the example handbook. A panic, a hang over 10 s or more
# than 2 GB of memory stops the target and leaves the input in
# fuzz/artifacts/<target>/; turn it into a regression test.
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Targets: document (a guideline .md), fluent (a locales/nb/*.ftl override),
# config (klausul.yaml), council (council.yaml). cargo-fuzz needs nightly
# flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(document fluent config council)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/klausul/fuzz-target}"

seed() {
  local dir="fuzz/corpus/$1"
  shift
  mkdir -p "$dir"
  if [ -z "$(ls -A "$dir")" ]; then
    for f in "$@"; do cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done
  fi
}
seed document content/*/*.md
seed fluent locales/*/*.ftl
seed config klausul.yaml
seed council content/*/council.yaml

status=0
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
  echo "== $t for ${seconds}s (log: fuzz/logs/$t.log)"
  if cargo fuzz run -s none --fuzz-dir fuzz "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 >"fuzz/logs/$t.log" 2>&1; then
    echo "   no finding"
  else
    echo "   FINDING: see the log and fuzz/artifacts/$t/"
    status=1
  fi
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^SUMMARY|panicked at" "fuzz/logs/$t.log" | sed 's/^/   /' || true
done
exit $status
