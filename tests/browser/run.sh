#!/usr/bin/env bash
# Browser checks of the example handbook: axe-core (WCAG 2.1 A/AA) in
# Chromium, the Nu Html Checker, every link, file://, screenshots, and
# `klausul serve` showing an edit in the open page.
#
#   bash tests/browser/run.sh [KLAUSUL_BINARY]
#
# Installs what is missing (Debian's chromium, a Java runtime, the npm dev
# dependencies), builds the example handbook into a temporary folder with the
# given binary (or `cargo run --release`), and runs run.mjs on it.
# Screenshots land in tests/browser/screenshots/.
set -euo pipefail
start_dir="$PWD"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "browser checks: installing Debian's chromium"
  apt_install chromium
fi
if ! command -v java >/dev/null; then
  echo "browser checks: installing a Java runtime for the Nu Html Checker"
  apt_install default-jre-headless
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "browser checks: installing Node.js"
  apt_install nodejs npm
fi

cd "$here"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi

site="$(mktemp -d "${TMPDIR:-/tmp}/klausul-browser.XXXXXX")"
trap 'rm -rf "$site"' EXIT
out="$site/public"
bin="${1:-${KLAUSUL_BIN:-}}"
# A relative binary path is relative to where the script was started.
if [ -n "$bin" ] && [ "${bin#/}" = "$bin" ]; then bin="$start_dir/$bin"; fi
if [ -z "$bin" ]; then
  (cd "$repo" && cargo build --release --locked --quiet --bin klausul)
  bin="${CARGO_TARGET_DIR:-$repo/target}/release/klausul"
fi
"$bin" build --root "$repo" --out "$out"

# Every suite runs; the run fails if any of them does.
status=0
node "$here/run.mjs" "$out" || status=1
# The example's documents have at most two versions; a third (a test
# fixture) gives Verdal's document a history page, checked with the other
# pages of versions.
three="$site/three"
mkdir -p "$three"
cp -r "$repo/klausul.yaml" "$repo/content" "$three/"
[ -d "$repo/locales" ] && cp -r "$repo/locales" "$three/"
[ -d "$repo/themes" ] && cp -r "$repo/themes" "$three/"
cp "$here/fixtures/verdal-ansattes-bruk-2016-03-01.md" "$three/content/verdal/ansattes-bruk/2016-03-01.md"
"$bin" build --root "$three" --out "$three/public"
echo; echo "== pages of a document with three versions"
KLAUSUL_PAGE_TYPES=version,changes,history node "$here/run.mjs" "$three/public" || status=1
echo; echo "== comparing views (topic filters, word differences, documents, table)"
node "$here/views.mjs" "$out" || status=1
echo; echo "== search"
node "$here/search.mjs" "$out" || status=1
echo; echo "== klausul serve: live edits in the open page"
node "$here/serve.mjs" "$bin" "$repo" || status=1
exit $status
