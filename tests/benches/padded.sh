#!/usr/bin/env bash
# One bench built twice — as `cargo bench` builds it, and with branches padded off 32-byte
# boundaries (`-C llvm-args=-x86-branches-within-32B-boundaries`) — then both run in turn,
# ROUNDS times. On this machine a ratio within ~10 % can move between two builds of the same
# code (code layout); a ratio that holds in both builds is the code's.
#
#   bash tests/benches/padded.sh BENCH 'FILTER' [ROUNDS]
#   bash tests/benches/padded.sh runtime '^render/(simple|problem|oauth)/' 3
#
# Prints each benchmark's median per build and round, then errwire ÷ hand-written for each
# pair named `…/errwire/…` and `…/hand/…`. The padded build lives in
# $CARGO_TARGET_DIR/padded; the script fails unless its binary is larger than the plain one
# (the padding took effect). CI does not run this.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/errwire-target}"
bench=$1 filter=$2 rounds=${3:-3}
# shellcheck source=executable.sh
source tests/benches/executable.sh
plain=$(bench_executable "$bench")
padded=$(RUSTFLAGS="-C llvm-args=-x86-branches-within-32B-boundaries" \
  CARGO_TARGET_DIR="$CARGO_TARGET_DIR/padded" bench_executable "$bench")
plain_size=$(stat -c %s "$plain")
padded_size=$(stat -c %s "$padded")
if [ "$padded_size" -le "$plain_size" ]; then
  echo "the padded binary ($padded_size bytes) is not larger than the plain one ($plain_size): the flag did not take effect" >&2
  exit 1
fi
echo "plain: $plain_size bytes; padded: $padded_size bytes"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for round in $(seq "$rounds"); do
  for build in plain padded; do
    executable=$plain
    [ "$build" = padded ] && executable=$padded
    "$executable" --bench --warm-up-time 1 --measurement-time 3 "$filter" 2>&1 \
      | sed "s/^/$build $round /" >> "$out"
  done
done
python3 - "$out" <<'PY'
import re, sys
medians, name = {}, None
for line in open(sys.argv[1]):
    build, round_, text = line.split(" ", 2)
    if re.match(r"\S+/\S+", text) and not text.startswith(("Benchmarking", "Found", "  ")):
        name = text.split()[0]
    m = re.search(r"time:\s+\[\S+ \S+ (\S+) (\S+)", text)
    if m and name:
        scale = {"ps": 1e-3, "ns": 1, "µs": 1e3, "ms": 1e6}[m.group(2)]
        medians[(build, round_, name)] = float(m.group(1)) * scale
        name = None
for (build, round_, name), ns in sorted(medians.items()):
    print(f"{build:6} {round_:>2} {name:48} {ns:10.1f} ns")
print()
for (build, round_, name), ns in sorted(medians.items()):
    if "/errwire/" in name:
        hand = medians.get((build, round_, name.replace("/errwire/", "/hand/")))
        if hand:
            print(f"{build:6} {round_:>2} {name.replace('/errwire/', '/'):40} {ns / hand:5.2f}×")
PY
