#!/usr/bin/env bash
# The HTML reference pages in a real browser, in one command: bash tests/browser/check.sh [SHOTS_DIR]
#
# Has the tour write each seed service's page (`cargo run -p tour -- --html DIR`), opens each
# in headless Chromium (Debian's `chromium`; `.ci/run` installs it), and checks what the
# browser made of it: the page's script ran (the code count is filled in), every code has its
# anchor, and the filter works (`?q=<a code>` leaves exactly the matching entries visible).
# Then it takes a screenshot of each page into SHOTS_DIR (default: a temporary folder;
# `docs/screenshots` refreshes the ones examples/README.md shows).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shots=${1:-$work/shots}
mkdir -p "$shots"
(cd "$repo" && cargo run -q -p tour -- --html "$work/pages") >/dev/null
# Flags for a sandboxed machine with no network (see the machine notes): no first run, no
# background traffic, a fresh profile.
browse() {
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars "$@" 2>/dev/null
}
pages=("$work"/pages/*.html)
[ "${#pages[@]}" -ge 5 ] || { echo "expected the seed services' pages, found ${#pages[@]}" >&2; exit 1; }
for page in "${pages[@]}"; do
  name=$(basename "$page" .html)
  codes=$(grep -c '<article id=' "$page")
  dom=$(browse --dump-dom "file://$page")
  grep -q "<div id=\"count\">$codes of $codes codes</div>" <<<"$dom" \
    || { echo "FAILED: $name: the page's script did not run (no \"$codes of $codes codes\")" >&2; exit 1; }
  first=$(grep -m1 -oE '<article id="[^"]+"' "$page" | sed -E 's/<article id="(.*)"/\1/')
  filtered=$(browse --dump-dom "file://$page?q=$first")
  shown=$(grep -oE '<article id="[^"]+" data-search="[^"]*">' <<<"$filtered" | wc -l)
  hidden=$(grep -oE '<article id="[^"]+" data-search="[^"]*" hidden="">' <<<"$filtered" | wc -l)
  lower=$(tr '[:upper:]' '[:lower:]' <<<"$first")
  matching=$(grep -oE 'data-search="[^"]*"' "$page" | grep -c -F "$lower")
  [ "$shown" -eq "$matching" ] && [ $((shown + hidden)) -eq "$codes" ] \
    || { echo "FAILED: $name: filtering by $first shows $shown and hides $hidden of $codes (expected $matching shown)" >&2; exit 1; }
  browse --window-size=1280,1400 --screenshot="$shots/$name.png" "file://$page" >/dev/null
  [ -s "$shots/$name.png" ] || { echo "FAILED: $name: no screenshot" >&2; exit 1; }
  echo "browser: $name.html: $codes codes, script ran, filter by '$first' shows $shown; screenshot $shots/$name.png"
done
