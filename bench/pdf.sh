#!/usr/bin/env bash
# PDF benchmark: wall time, CPU time and peak memory of `klausul pdf` (all
# four UI languages) on a generated handbook of N councils.
#
#   bench/pdf.sh                          # N = 450, 1 run
#   bench/pdf.sh 100                      # another N
#   RUNS=3 bench/pdf.sh                   # the median of 3 runs
#   KLAUSUL=/tmp/old-klausul bench/pdf.sh # another binary
#
# The corpus comes from the `gen-corpus` example (seed SEED, default 1) and
# is kept under bench/out/pdf-N/ (git-ignored) for the next run. Per-language
# phase timings (markup, layout, export) are printed from KLAUSUL_TIMINGS.
# The machine's load average is printed too: other work on a 2-core machine
# shows in the wall time, less in the CPU time.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-450}
RUNS=${RUNS:-1}
SEED=${SEED:-1}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/pdf.sh [N]  (N = number of councils)" >&2; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive number" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

TARGET=${CARGO_TARGET_DIR:-target}
if [ -z "${KLAUSUL:-}" ]; then
  echo "# building klausul and the corpus generator (release)" >&2
  cargo build --release --quiet --bin klausul --example gen-corpus
  KLAUSUL=$TARGET/release/klausul
else
  cargo build --release --quiet --example gen-corpus
fi
GEN_CORPUS=$TARGET/release/examples/gen-corpus

DIR=bench/out/pdf-$N
if [ ! -f "$DIR/seed-$SEED" ]; then
  rm -rf "$DIR"
  mkdir -p "$DIR"
  "$GEN_CORPUS" "$DIR/handbook" --councils "$N" --seed "$SEED" >&2
  touch "$DIR/seed-$SEED"
fi

samples=$DIR/samples
: >"$samples"
for ((r = 1; r <= RUNS; r++)); do
  rm -rf "$DIR/pdf"
  load=$(cut -d' ' -f1 /proc/loadavg)
  if ! KLAUSUL_TIMINGS=1 /usr/bin/time -f '%e %U %S %M' -o "$DIR/time" \
    "$KLAUSUL" pdf --root "$DIR/handbook" --out "$DIR/pdf" >"$DIR/log" 2>&1; then
    echo "FAILED (see $DIR/log):" >&2
    tail -20 "$DIR/log" >&2
    exit 1
  fi
  grep '^timing: pdf-' "$DIR/log" >&2 || true
  read -r wall user sys rss <"$DIR/time"
  awk -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v l="$load" -v r="$r" \
    'BEGIN { printf "# run %d: wall %.2f s, cpu %.2f s, peak %.0f MiB (load %s)\n", r, w, u + s, m / 1024, l }' >&2
  echo "$wall $user $sys $rss" >>"$samples"
done

median() { awk -v c="$1" '{print $c}' "$samples" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall=$(median 1)
cpu=$(awk '{print $2 + $3}' "$samples" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
rss=$(median 4)
pages=$(for f in "$DIR"/pdf/*.pdf; do
  if command -v pdfinfo >/dev/null; then pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'; fi
done | paste -sd/ -)
bytes=$(du -cb "$DIR"/pdf/*.pdf | awk 'END {print $1}')
echo "N=$N: klausul pdf (4 languages) wall ${wall} s, cpu ${cpu} s, peak RSS $(awk -v m="$rss" 'BEGIN {printf "%.0f", m / 1024}') MiB; ${pages:-?} pages, $bytes bytes of PDF (median of $RUNS)"
