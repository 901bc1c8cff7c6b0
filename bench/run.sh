#!/usr/bin/env bash
# Build-time benchmark: Klausul against Hugo and mdBook on generated handbooks.
#
#   bench/run.sh               # N = 4 450 2000 councils
#   bench/run.sh 4 450         # other sizes
#   RUNS=5 SEED=7 bench/run.sh # more runs per figure, another corpus
#
# For each N it generates a corpus (the `gen-corpus` example), builds it with the
# release binary (all four UI languages), converts the same documents into a
# Hugo site and an mdBook book (bench/convert.py), builds those, and copies
# Klausul's output with `cp -r` as a floor. Every figure is the median of
# RUNS runs (wall time, user+sys CPU time, peak RSS from /usr/bin/time).
# Everything it writes stays under bench/out/ (git-ignored); mdBook is
# installed once into bench/.tools/.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
OUT=$REPO/bench/out
TOOLS=$REPO/bench/.tools
RUNS=${RUNS:-3}
SEED=${SEED:-1}
if [ $# -gt 0 ]; then NS=("$@"); else NS=(4 450 2000); fi
for n in "${NS[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/run.sh [N ...]  (N = number of councils)" >&2; exit 2; }
done
mkdir -p "$OUT"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

log() { echo "# $*" >&2; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "bench/run.sh needs the Debian package '$1' (apt-get install -y $1)" >&2
    exit 2
  fi
  log "installing $1 (apt-get)"
  apt-get install -y -qq "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$1" >/dev/null; }
}

# ---------------------------------------------------------------- tools
[ -x /usr/bin/time ] || apt_install time
command -v hugo >/dev/null || apt_install hugo
command -v python3 >/dev/null || apt_install python3
if [ -x "$TOOLS/bin/mdbook" ]; then
  MDBOOK=$TOOLS/bin/mdbook
elif command -v mdbook >/dev/null; then
  MDBOOK=$(command -v mdbook)
else
  log "installing mdbook into bench/.tools (cargo install, once)"
  cargo install mdbook --locked --quiet --root "$TOOLS"
  MDBOOK=$TOOLS/bin/mdbook
fi
HUGO=$(command -v hugo)

log "building klausul and the corpus generator (release)"
cargo build --release --quiet --bin klausul --example gen-corpus
KLAUSUL=${CARGO_TARGET_DIR:-$REPO/target}/release/klausul
GEN_CORPUS=${CARGO_TARGET_DIR:-$REPO/target}/release/examples/gen-corpus
[ -x "$KLAUSUL" ] || { echo "no release binary at $KLAUSUL" >&2; exit 1; }

# ---------------------------------------------------------------- measuring
# median FILE COLUMN: the median of a column of numbers (RUNS rows).
median() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
spread() { awk '{print $1}' "$1" | sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {print lo "–" hi}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

ROWS=()    # markdown rows of the main table
RATIOS=()  # markdown rows of the ratio table
declare -A WALL CPU MEM

# measure N TOOL OUTDIR CMD...: runs CMD RUNS times (OUTDIR removed before
# each run) and records the medians.
measure() {
  local n=$1 tool=$2 outdir=$3; shift 3
  local samples=$OUT/$n/$tool.samples tfile=$OUT/$n/$tool.time
  : >"$samples"
  for ((r = 1; r <= RUNS; r++)); do
    rm -rf "$outdir"
    if ! /usr/bin/time -f '%e %U %S %M' -o "$tfile" "$@" >"$OUT/$n/$tool.log" 2>&1; then
      echo "FAILED: $tool on N=$n (see $OUT/$n/$tool.log):" >&2
      tail -20 "$OUT/$n/$tool.log" >&2
      return 1
    fi
    awk 'END {printf "%s %.2f %.1f\n", $1, $2 + $3, $4 / 1024}' "$tfile" >>"$samples"
  done
  WALL[$n,$tool]=$(median "$samples" 1)
  CPU[$n,$tool]=$(median "$samples" 2)
  MEM[$n,$tool]=$(median "$samples" 3)
  local files mib
  files=$(find "$outdir" -type f | wc -l)
  mib=$(du -sm "$outdir" | cut -f1)
  ROWS+=("| $n | $tool | $files | $mib | ${WALL[$n,$tool]} | $(spread "$samples") | ${CPU[$n,$tool]} | ${MEM[$n,$tool]} |")
  log "N=$n $tool: wall ${WALL[$n,$tool]} s, cpu ${CPU[$n,$tool]} s, peak ${MEM[$n,$tool]} MiB, $files files"
}

for n in "${NS[@]}"; do
  dir=$OUT/$n
  rm -rf "$dir"
  mkdir -p "$dir"
  log "N=$n: generating the corpus (seed $SEED)"
  "$GEN_CORPUS" "$dir/handbook" --councils "$n" --seed "$SEED" >&2
  python3 "$REPO/bench/convert.py" "$dir/handbook" "$dir/hugo-src" "$dir/mdbook-src"

  measure "$n" klausul "$dir/klausul-site" \
    "$KLAUSUL" build --root "$dir/handbook" --out "$dir/klausul-site"
  # Keep Klausul's own summary line (pages, clauses) for the record.
  grep -h '^Built' "$dir/klausul.log" >&2 || true
  measure "$n" hugo "$dir/hugo-site" \
    "$HUGO" --quiet --source "$dir/hugo-src" --destination "$dir/hugo-site"
  measure "$n" mdbook "$dir/mdbook-site" \
    "$MDBOOK" build "$dir/mdbook-src" --dest-dir "$dir/mdbook-site"
  # The floor: copying Klausul's finished output (warm page cache).
  rm -rf "$dir/klausul-copy-src"
  "$KLAUSUL" build --root "$dir/handbook" --out "$dir/klausul-copy-src" >/dev/null
  measure "$n" "cp -r" "$dir/cp-site" cp -r "$dir/klausul-copy-src" "$dir/cp-site"
  rm -rf "$dir/klausul-copy-src"

  RATIOS+=("| $n | $(ratio "${WALL[$n,klausul]}" "${WALL[$n,hugo]}") | $(ratio "${CPU[$n,klausul]}" "${CPU[$n,hugo]}") | $(ratio "${MEM[$n,klausul]}" "${MEM[$n,hugo]}") | $(ratio "${WALL[$n,klausul]}" "${WALL[$n,mdbook]}") | $(ratio "${CPU[$n,klausul]}" "${CPU[$n,mdbook]}") | $(ratio "${MEM[$n,klausul]}" "${MEM[$n,mdbook]}") | $(ratio "${WALL[$n,klausul]}" "${WALL[$n,cp -r]}") |")
done

# ---------------------------------------------------------------- report
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem_total=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
rev=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! git -C "$REPO" diff --quiet HEAD -- src 2>/dev/null; then rev="$rev+changes"; fi
{
  echo "Machine: $(nproc) cores, ${cpu_model:-unknown CPU}, $mem_total RAM, $(uname -sr)"
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); median of $RUNS runs; corpus seed $SEED"
  echo "Load average (1, 5, 15 min) at start: $LOAD_BEFORE; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Versions: klausul $rev ($("$KLAUSUL" --version)), $("$HUGO" version | cut -d' ' -f1-2), $("$MDBOOK" --version)"
  echo
  echo "| N councils | tool | files out | MiB out | wall (s) | wall min–max | CPU user+sys (s) | peak RSS (MiB) |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "| N councils | klausul/hugo wall | klausul/hugo CPU | klausul/hugo RSS | klausul/mdbook wall | klausul/mdbook CPU | klausul/mdbook RSS | klausul/cp wall |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${RATIOS[@]}"
} | tee "$OUT/results.md"
