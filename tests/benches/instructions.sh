#!/usr/bin/env bash
# Instructions per request of the runtime bench's `layer` group, counted by valgrind's
# callgrind: exact and the same from run to run, where this 2-core machine's timings of a
# ~2 µs request spread by ±10 % between runs of one binary.
#
#   bash tests/benches/instructions.sh ['ROUTE'...]   (default: the group's seven routes)
#
# Builds the runtime bench (release, every feature, as `cargo bench` does), runs each route
# alone under callgrind for 2 s of criterion's profile mode, and divides the instructions
# spent in `layer.rs`'s `call` or `grpc_call` (one request, its response dropped) by the
# number of calls.
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
  set -- 'layer/success/no layer' 'layer/success/errwire' 'layer/success/hand' 'layer/error/hand' 'layer/error/errwire' \
    'layer/grpc/no layer' 'layer/grpc/errwire'
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for filter in "$@"; do
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bench" --bench --profile-time 2 "^$filter\$" > /dev/null 2>&1
  # `layer.rs`'s `call` or `grpc_call` (one request, its response dropped; never inlined): its inclusive
  # cost as called from `Bencher::iter`, and how many times it was called there.
  callgrind_annotate --inclusive=yes --tree=caller "$out" | python3 -c '
import re, sys
filter, text = sys.argv[1], sys.stdin.read()
for block in text.split("\n\n"):
    if re.search(r"^\s*[\d,]+ \([^)]*\)\s+\*\s+\?\?\?:runtime::layer::(grpc_)?call ", block, re.M):
        m = re.search(r"^\s*([\d,]+) .*< \?\?\?:criterion::bencher::Bencher<M>::iter \((\d[\d,]*)x\)", block, re.M)
        if m:
            cost, calls = (int(g.replace(",", "")) for g in m.groups())
            print(f"{filter:32} {cost / calls:8.0f} instructions per request ({calls} requests)")
            sys.exit(0)
sys.exit(f"{filter}: no call of runtime::layer::call or grpc_call from Bencher::iter in the profile")' "$filter"
done
