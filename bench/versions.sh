#!/usr/bin/env bash
# What versions of documents cost a build (issue 11): the same generated
# handbook with one version per document and with two (every document
# gets an earlier version, `gen-corpus --versions 2`), built with the
# release binary.
#
#   bench/versions.sh          # N = 450 councils
#   bench/versions.sh 2000     # another size
#   RUNS=5 SEED=7 bench/versions.sh
#   KLAUSUL=/tmp/klausul-old bench/versions.sh   # another build of klausul
#
# The one-version handbook is the two-version one with the version folders
# removed, so the documents in force are the same files. Each figure is the
# median of RUNS runs: wall time, user+sys CPU time and peak RSS from
# /usr/bin/time, and the loader's phases from KLAUSUL_TIMINGS ("documents"
# reads and parses every file and matches the clauses of neighbouring
# versions; "xref" resolves references, the versions' included). Target:
# two versions each within 1.3x the wall time of one.
#
# The sites are written to SITES (default /dev/shm, a RAM disk): on this
# machine's virtual disk the kernel's time for writing 4,000 files grew from
# run to run (0.4 s to 6 s of system time for the same build), which drowned
# the difference measured here. The runs of the two handbooks alternate, so
# any such drift touches both alike.
#
# The two-version build also makes, per document and UI language, the page
# of the earlier version and the changes page between the two (a document
# with two versions has no separate history page), and a handbook.json that
# carries every version. Everything it writes stays under
# bench/out/versions/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
N=${1:-450}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/versions.sh [N]  (N = number of councils)" >&2; exit 2; }
OUT=$REPO/bench/out/versions/$N
TARGET=1.3
if [ -z "${SITES:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then SITES=/dev/shm/klausul-versions-$$; else SITES=$OUT; fi
fi
mkdir -p "$SITES"
cleanup() {
  rm -rf "${SITES:?}"/one-site "$SITES"/two-site "$SITES"/.klausul-* 2>/dev/null || true
  [ "$SITES" = "$OUT" ] || rmdir "$SITES" 2>/dev/null || true
}
trap cleanup EXIT

[ -x /usr/bin/time ] || { echo "bench/versions.sh needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }

echo "# building klausul and the corpus generator (release)" >&2
cargo build --release --quiet --bin klausul --example gen-corpus
# KLAUSUL=path measures another build of klausul (an earlier commit's).
KLAUSUL=${KLAUSUL:-${CARGO_TARGET_DIR:-$REPO/target}/release/klausul}
GEN_CORPUS=${CARGO_TARGET_DIR:-$REPO/target}/release/examples/gen-corpus

rm -rf "$OUT"
mkdir -p "$OUT"
echo "# N=$N: generating the corpus (seed $SEED, two versions each)" >&2
"$GEN_CORPUS" "$OUT/two" --councils "$N" --seed "$SEED" --versions 2 >&2
cp -r "$OUT/two" "$OUT/one"
find "$OUT/one/content" -mindepth 2 -maxdepth 2 -type d -exec rm -rf {} +

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# run NAME: one build of $OUT/NAME into $SITES/NAME-site; appends a line to
# $OUT/NAME.samples: wall, cpu, peak MiB, documents ms, xref ms.
run() {
  local name=$1
  rm -rf "${SITES:?}/$name-site"
  KLAUSUL_TIMINGS=1 /usr/bin/time -f '%e %U %S %M' -o "$OUT/$name.time" \
    "$KLAUSUL" build --root "$OUT/$name" --out "$SITES/$name-site" >"$OUT/$name.log" 2>&1 || {
    echo "FAILED: $name (see $OUT/$name.log)" >&2
    tail -20 "$OUT/$name.log" >&2
    exit 1
  }
  local docs xref
  docs=$(awk '$1 == "timing:" && $2 == "documents" {print $3}' "$OUT/$name.log")
  xref=$(awk '$1 == "timing:" && $2 == "xref" {print $3}' "$OUT/$name.log")
  awk -v d="${docs:-0}" -v x="${xref:-0}" \
    'END {printf "%s %.2f %.1f %s %s\n", $1, $2 + $3, $4 / 1024, d, x}' "$OUT/$name.time" >>"$OUT/$name.samples"
}

# medians NAME: the median of each column of $OUT/NAME.samples.
medians() {
  for col in 1 2 3 4 5; do
    awk -v c=$col '{print $c}' "$OUT/$1.samples" | median
  done | paste -sd' '
}

echo "# building both handbooks $RUNS times, alternating" >&2
: >"$OUT/one.samples"
: >"$OUT/two.samples"
for ((r = 1; r <= RUNS; r++)); do
  run one
  run two
done
grep -h '^Built' "$OUT/one.log" "$OUT/two.log" >&2 || true
read -r W1 C1 M1 D1 X1 < <(medians one)
read -r W2 C2 M2 D2 X2 < <(medians two)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
JSON1=$(du -k "$SITES/one-site/data/handbook.json" | cut -f1)
JSON2=$(du -k "$SITES/two-site/data/handbook.json" | cut -f1)
RATIO=$(ratio "$W2" "$W1")
{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(uname -sr)"
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); N = $N councils, seed $SEED, median of $RUNS runs; $KLAUSUL ($(git -C "$REPO" rev-parse --short HEAD))"
  echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg); sites written to $SITES"
  echo
  echo "| versions each | wall (s) | CPU user+sys (s) | peak RSS (MiB) | load: documents (ms) | load: xref (ms) | handbook.json (KiB) |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| 1 | $W1 | $C1 | $M1 | $D1 | $X1 | $JSON1 |"
  echo "| 2 | $W2 | $C2 | $M2 | $D2 | $X2 | $JSON2 |"
  echo "| ratio | $RATIO | $(ratio "$C2" "$C1") | $(ratio "$M2" "$M1") | $(ratio "$D2" "$D1") | $(ratio "$X2" "$X1") | $(ratio "$JSON2" "$JSON1") |"
  echo
  if awk -v r="$RATIO" -v t="$TARGET" 'BEGIN { exit !(r <= t) }'; then
    echo "Target (two versions within ${TARGET}x the wall time of one): met, ${RATIO}x"
  else
    echo "Target (two versions within ${TARGET}x the wall time of one): MISSED, ${RATIO}x"
  fi
} | tee "$OUT/results.md"
