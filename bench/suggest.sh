#!/usr/bin/env bash
# How good and how fast topic suggestions are (issue 12).
#
#   bench/suggest.sh          # the example handbook, and N = 450 generated councils
#   bench/suggest.sh 2000     # another size
#   RUNS=5 SEED=7 bench/suggest.sh
#
# Quality: `klausul topics evaluate` hides each council's map in turn
# (leave one council out), ranks the topics for that council's clauses from
# the other councils' maps and the taxonomy's texts, and compares the
# ranking with the hidden map: precision and recall at 1 and 3, averaged
# over the clauses the author mapped. "Topic texts only" hides every map at
# once, as for a handbook that has mapped nothing yet. "written" counts the
# suggestions `--write` would add (score >= 0.45), with their precision and
# the share of the hidden map they cover. Aim (issue 12): recall at 3 >= 0.8
# with precision at 1 >= 0.6 on the example handbook.
#
# The generated handbook's clauses are drawn from small phrase tables per
# topic, so its figures are far easier than real text; it is here for the
# time and memory at 450 councils (about 14,000 clauses), not for quality.
#
# Speed: wall time and peak RSS (median of RUNS) of `topics suggest` for one
# council and for every document of the generated handbook, the handbook's
# load included, and of the whole leave-one-council-out evaluation.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
N=${1:-450}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/suggest.sh [N]  (N = number of councils)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/suggest.sh needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
OUT=$REPO/bench/out/suggest/$N

echo "# building klausul and the corpus generator (release)" >&2
cargo build --release --quiet --bin klausul --example gen-corpus
KLAUSUL=${KLAUSUL:-${CARGO_TARGET_DIR:-$REPO/target}/release/klausul}
GEN_CORPUS=${CARGO_TARGET_DIR:-$REPO/target}/release/examples/gen-corpus

rm -rf "$OUT"
mkdir -p "$OUT"
"$GEN_CORPUS" "$OUT/hb" --councils "$N" --seed "$SEED" >&2

echo "## Quality: the example handbook (content/), leave one council out"
"$KLAUSUL" --root "$REPO" topics evaluate
echo
echo "## Quality: the generated handbook, N=$N (phrase-table text: easy)"
"$KLAUSUL" --root "$OUT/hb" topics evaluate | sed -n '1,6p'
echo

# Median of RUNS: "wall_s rss_mib" of a command.
measure() {
  local runs=() i
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" >/dev/null
    runs+=("$(awk '{printf "%.2f %.0f\n", $1, $2 / 1024}' "$OUT/time")")
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

echo "## Speed: N=$N councils, median of $RUNS runs (wall s, peak RSS MiB)"
printf '%-44s %8s %8s\n' "command" "wall s" "RSS MiB"
read -r w m < <(measure "$KLAUSUL" --root "$OUT/hb" check)
printf '%-44s %8s %8s\n' "check (load and render, for scale)" "$w" "$m"
read -r w m < <(measure "$KLAUSUL" --root "$OUT/hb" topics suggest kommune-0001)
printf '%-44s %8s %8s\n' "topics suggest kommune-0001" "$w" "$m"
# With a third of the maps removed, every document is asked about.
"$REPO/bench/unmap.py" "$OUT/hb" 3
read -r w m < <(measure "$KLAUSUL" --root "$OUT/hb" topics suggest)
clauses=$("$KLAUSUL" --root "$OUT/hb" topics suggest | tail -3 | grep -o '^[0-9]* clauses without a topic' || true)
printf '%-44s %8s %8s\n' "topics suggest (all; $clauses)" "$w" "$m"
read -r w m < <(measure "$KLAUSUL" --root "$OUT/hb" topics evaluate)
printf '%-44s %8s %8s\n' "topics evaluate (every council held out)" "$w" "$m"
