# The path of a bench binary of errwire-tests, built as `cargo bench` builds it (release, every
# feature), with whatever RUSTFLAGS and CARGO_TARGET_DIR the caller sets:
#   source tests/benches/executable.sh; bench_executable runtime
# Shared by instructions.sh and padded.sh.
bench_executable() {
  cargo bench -q -p errwire-tests --all-features --bench "$1" --no-run --message-format=json \
    | python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == sys.argv[1] and m.get("executable"):
        print(m["executable"])' "$1"
}
