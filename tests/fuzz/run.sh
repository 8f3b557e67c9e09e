#!/usr/bin/env bash
# Fuzz rendering, in one command: bash tests/fuzz/run.sh [SECONDS]   (default 60)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The machine's only toolchain is stable; the
# sanitizer-coverage flags cargo-fuzz passes are nightly-only, so RUSTC_BOOTSTRAP lets stable
# accept them (no sanitizer: `-s none`).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/errwire-target}/fuzz"
cargo fuzz run --fuzz-dir tests/fuzz -s none render -- -max_total_time="${1:-60}" -max_len=4096
