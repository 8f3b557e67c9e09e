#!/usr/bin/env bash
# Instructions per iteration of criterion benchmarks, counted by valgrind's callgrind: exact and
# the same from run to run, where this 2-core machine's timings of a ~2 µs request spread by
# ±10 % between runs of one binary.
#
#   bash tests/benches/instructions.sh ['FILTER'...]   (default: the layer group's five routes)
#
# Builds the runtime bench (release, every feature, as `cargo bench` does), runs each
# benchmark alone under callgrind for 2 s of criterion's profile mode, and divides the
# instructions spent in the benchmark's routine by the number of times criterion called it.
# Needs valgrind (Debian: `apt-get install valgrind`); CI does not run this.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/errwire-target}"
command -v valgrind > /dev/null || { echo "valgrind is not installed"; exit 1; }
bench=$(cargo bench -q -p errwire-tests --all-features --bench runtime --no-run --message-format=json \
  | python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "runtime" and m.get("executable"):
        print(m["executable"])')
if [ "$#" -eq 0 ]; then
  set -- 'layer/success/no layer' 'layer/success/errwire' 'layer/success/hand' 'layer/error/hand' 'layer/error/errwire'
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for filter in "$@"; do
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bench" --bench --profile-time 2 "^$filter\$" > /dev/null 2>&1
  # The routine: what `Bencher::iter` spends most in (the benchmark's closure calls it), its
  # inclusive cost and how many times it was called.
  callgrind_annotate --inclusive=yes --tree=caller "$out" | python3 -c '
import re, sys
filter, best = sys.argv[1], None
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+) .*< \?\?\?:criterion::bencher::Bencher<M>::iter \((\d[\d,]*)x\)", line)
    if m:
        cost, calls = (int(g.replace(",", "")) for g in m.groups())
        best = max(best or (0, 0), (cost, calls))
if best is None:
    sys.exit(f"{filter}: nothing called from Bencher::iter in the profile")
print(f"{filter:32} {best[0] / best[1]:8.0f} instructions per iteration ({best[1]} iterations)")' "$filter"
done
