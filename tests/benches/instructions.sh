#!/usr/bin/env bash
# Instructions per call of a bench's routine, counted by valgrind's callgrind: exact and the
# same from run to run, where this 2-core machine's timings spread by ±10 % between runs of
# one binary, and move by more between two builds of the same code (code layout).
#
#   bash tests/benches/instructions.sh ['ROUTE'...]   (default: the layer group's seven routes)
#   BENCH=i18n FUNCTION=errwire::format::write_object bash tests/benches/instructions.sh \
#     'i18n/nested/untranslated' 'i18n/nested/translate \(chosen\)'
#
# Builds the bench BENCH (default `runtime`; release, every feature, as `cargo bench` does),
# runs each route alone under callgrind for 2 s of criterion's profile mode, and divides the
# instructions spent in FUNCTION as called from criterion's `Bencher::iter` by the number of
# calls. FUNCTION must not be inlined into the routine; the default is `layer.rs`'s `call` or
# `grpc_call` (one request, its response dropped); for the i18n bench, `write_object` (one
# body written).
# Needs valgrind (Debian: `apt-get install valgrind`); CI does not run this.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/errwire-target}"
command -v valgrind > /dev/null || { echo "valgrind is not installed"; exit 1; }
# shellcheck source=executable.sh
source tests/benches/executable.sh
bench=$(bench_executable "${BENCH:-runtime}")
if [ "$#" -eq 0 ]; then
  set -- 'layer/success/no layer' 'layer/success/errwire' 'layer/success/hand' 'layer/error/hand' 'layer/error/errwire' \
    'layer/grpc/no layer' 'layer/grpc/errwire'
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for filter in "$@"; do
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bench" --bench --profile-time 2 "^$filter\$" > /dev/null 2>&1
  # FUNCTION's inclusive cost as called from `Bencher::iter`, and how many times it was
  # called there.
  callgrind_annotate --inclusive=yes --tree=caller "$out" | python3 -c '
import re, sys
filter, function, text = sys.argv[1], sys.argv[2], sys.stdin.read()
for block in text.split("\n\n"):
    if re.search(r"^\s*[\d,]+ \([^)]*\)\s+\*\s+\?\?\?:(" + function + r") ", block, re.M):
        m = re.search(r"^\s*([\d,]+) .*< \?\?\?:criterion::bencher::Bencher<M>::iter \((\d[\d,]*)x\)", block, re.M)
        if m:
            cost, calls = (int(g.replace(",", "")) for g in m.groups())
            print(f"{filter:32} {cost / calls:8.0f} instructions per call ({calls} calls)")
            sys.exit(0)
sys.exit(f"{filter}: no call of {function} from Bencher::iter in the profile")' "$filter" "${FUNCTION:-runtime::layer::(grpc_)?call}"
done
