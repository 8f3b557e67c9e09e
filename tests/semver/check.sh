#!/usr/bin/env bash
# errwire's public API against an earlier commit (HEAD~1 by default) with cargo-semver-checks.
#
# cargo-semver-checks would build both rustdoc JSON files itself, in a target directory of its
# own with RUSTC_BOOTSTRAP=1 set for the whole build: every dependency checked twice more on a
# cold run (~2 minutes here). Here both are built in the shared target directory, with the
# dependencies the rest of CI already checked, and handed to it.
set -euo pipefail
cd "$(dirname "$0")/../.."
base=$(git rev-parse "${1:-HEAD~1}")
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/errwire-target}"
export RUSTDOC="$PWD/.ci/rustdoc-unstable"
out="$CARGO_TARGET_DIR/semver"
mkdir -p "$out"

# errwire's rustdoc JSON, every feature on (cargo-semver-checks' own default enables all of
# errwire's features: none is named unstable or nightly), for the workspace at $1, into $2.
rustdoc_json() {
  (cd "$1" && cargo rustdoc -q -p errwire --lib --all-features -- -Zunstable-options --output-format json)
  cp "$CARGO_TARGET_DIR/doc/errwire.json" "$2"
}

# The baseline's sources at a path named by its commit, so a second run finds its build warm.
baseline="$out/src-$base"
if [ ! -d "$baseline" ]; then
  rm -rf "$out"/src-*
  mkdir -p "$baseline"
  git archive "$base" | tar -x -C "$baseline"
fi

rustdoc_json . "$out/current.json"
rustdoc_json "$baseline" "$out/baseline.json"
cargo semver-checks check-release --baseline-rustdoc "$out/baseline.json" --current-rustdoc "$out/current.json"
