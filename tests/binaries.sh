#!/usr/bin/env bash
# Builds every binary of the workspace (the example services, the load service and driver,
# cargo-errwire) into $CARGO_TARGET_DIR/debug, as the README's test command builds its tests:
# the `test` profile, and `--tests` so that cargo resolves features with the dev-dependencies.
# After `cargo test --workspace --all-features` this reuses every crate of that build and only
# links the binaries (checked with `--message-format=json`: of 1,133 artifacts, the 11 new
# ones were the binaries and the load test's library). `cargo build -p axum-service` resolved
# features for that selection alone, in the `dev` profile: a second build of errwire and of
# every crate after it, ~35 s on a cold CI run, and the load test's release build ~60 s more.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --workspace --all-features --profile test --bins --tests
