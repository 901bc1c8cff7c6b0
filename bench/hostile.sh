#!/usr/bin/env bash
# Hostile-input benchmark: time and peak memory of `klausul check` on inputs
# built to find quadratic (or worse) work, each at two sizes N and 2N, so
# that linear behaviour shows as a ratio near 2.
#
#   bench/hostile.sh                    # N = 10000, release binary
#   bench/hostile.sh 5000               # another N
#   KLAUSUL=/tmp/old-klausul bench/hostile.sh   # another binary
#   CASES="clauses fluent" bench/hostile.sh     # some cases only
#
# Cases (each in its own copy of `klausul init` output, under a temp dir):
#   clauses    one chapter with N numbered items
#   dense      a document of N short chapters, each with items (clause-dense)
#   duplicate  N paragraphs with the same label `a)`: N-1 duplicate-id errors
#   xrefs      N items, each referring to the item before it
#   nesting    N/10 lists nested in one line (`1. 1. 1. ...`): refused
#   at-limit   N/32 lists nested exactly as deep as Klausul allows
#   fluent     a locale override with N nested placeables: refused
# Figures: wall time (s), peak RSS (MB), exit code, and the 2N/N ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/hostile.sh [N]" >&2; exit 2; }
KLAUSUL=${KLAUSUL:-${CARGO_TARGET_DIR:-target}/release/klausul}
if [ ! -x "$KLAUSUL" ]; then
  echo "# building $KLAUSUL" >&2
  cargo build --release --no-default-features >&2
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
# The deepest nesting Klausul accepts (src/limits.rs).
LIMIT=$(sed -n 's/^pub const MAX_NESTING: usize = \([0-9]*\);/\1/p' src/limits.rs 2>/dev/null || true)
LIMIT=${LIMIT:-32}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

doc() { # doc DIR: writes the document body from stdin under front matter
  { printf -- '---\ntitle: Hostile\nstatus: draft\n---\n\n'; cat; } \
    > "$1/content/eksempel/hostile.md"
}

gen() { # gen CASE N DIR
  local case=$1 n=$2 dir=$3
  case $case in
    clauses) { echo '## 1. A'; echo; seq 1 "$n" | sed 's/$/. Tekst om saka./'; } | doc "$dir" ;;
    dense) seq 1 "$n" | awk '{ if (NR % 4 == 1) printf "\n## %d. K\n\n", NR; printf "%d. x\n", NR }' | doc "$dir" ;;
    duplicate) { echo '## 1. A'; for _ in $(seq 1 "$n"); do printf '\na) x\n'; done; } | doc "$dir" ;;
    xrefs) { echo '## 1. A'; echo; echo '1. start'; seq 2 "$n" | awk '{ printf "%d. se [[1.%d]]\n", $1, $1 - 1 }'; } | doc "$dir" ;;
    nesting) { echo '## 1. A'; echo; printf '1. %.0s' $(seq 1 $((n / 10))); echo x; } | doc "$dir" ;;
    at-limit) { echo '## 1. A'; for _ in $(seq 1 $((n / LIMIT))); do echo; printf '1. %.0s' $(seq 1 "$LIMIT"); echo x; done; } | doc "$dir" ;;
    fluent) mkdir -p "$dir/locales/nb"
            { printf 'hostile = '; printf '{ %.0s' $(seq 1 "$n"); printf '"x"'
              printf ' }%.0s' $(seq 1 "$n"); echo; } > "$dir/locales/nb/hostile.ftl" ;;
  esac
}

run() { # run CASE N -> "wall rss code"
  local dir=$TMP/$1-$2
  "$KLAUSUL" init "$dir" > /dev/null
  gen "$1" "$2" "$dir"
  local code=0
  /usr/bin/time -f '%e %M' -o "$TMP/time" "$KLAUSUL" check --root "$dir" \
    > "$TMP/out" 2>&1 || code=$?
  local t; t=$(tail -1 "$TMP/time")
  rm -rf "$dir"
  echo "${t% *} $(( ${t#* } / 1024 )) $code"
}

printf '%-10s %7s %9s %8s %5s | %9s %8s %5s | %7s %7s\n' \
  case N "wall s" "RSS MB" exit "wall s" "RSS MB" exit "t 2N/N" "m 2N/N"
for case in ${CASES:-clauses dense duplicate xrefs nesting at-limit fluent}; do
  read -r t1 m1 c1 < <(run "$case" "$N")
  read -r t2 m2 c2 < <(run "$case" $((2 * N)))
  ratio_t=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", (a > 0.05 ? b / a : 0) }')
  ratio_m=$(awk -v a="$m1" -v b="$m2" 'BEGIN { printf "%.1f", b / a }')
  printf '%-10s %7s %9s %8s %5s | %9s %8s %5s | %7s %7s\n' \
    "$case" "$N" "$t1" "$m1" "$c1" "$t2" "$m2" "$c2" "$ratio_t" "$ratio_m"
done
echo "# left: N, right: 2N; time ratio 0 means too fast to measure (<0.05 s)"
