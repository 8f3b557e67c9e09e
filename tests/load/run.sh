#!/usr/bin/env bash
# The load test, in one command: bash tests/load/run.sh [SECONDS] [CONCURRENCY] [MODE]
#
# Builds the load service and driver (release), starts the service on 127.0.0.1 port 0,
# drives it from a second process for SECONDS (default 30) with CONCURRENCY connections
# (default 32), and stops the service. Exits non-zero on any failed or malformed response.
#
# MODE `mixed` (the default): every format's errors and every fault (panics, timeouts,
# internal errors, bad JSON, hostile headers, clients that disconnect), every response
# checked, the service's memory and open files sampled.
# MODE `cost`: the layer's own cost, a success and an error route with and without errwire,
# interleaved; the service gets one worker thread (LOAD_WORKERS=1) and the driver one core,
# so the service is what saturates.
#
# LOAD_PROFILE=test runs the binaries of the README's test build (tests/binaries.sh: no build of
# its own after `cargo test --workspace --all-features`). Unoptimized, so for what the checks
# assert — every response well formed, every fault answered in the envelope, memory flat, each
# pair of routes doing the same job — not for figures: BENCHMARKS.md's come from release builds.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/errwire-target}"
mode="${3:-mixed}"
if [ "$mode" = cost ]; then export LOAD_WORKERS="${LOAD_WORKERS:-1}"; fi
if [ "${LOAD_PROFILE:-release}" = test ]; then
  bash tests/binaries.sh
  bin="$CARGO_TARGET_DIR/debug"
else
  cargo build --release -q -p load-test
  bin="$CARGO_TARGET_DIR/release"
fi
out=$(mktemp)
"$bin/load-service" > "$out" &
service=$!
trap 'kill $service 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 50); do [ -s "$out" ] && break; sleep 0.1; done
address=$(head -1 "$out")
echo "service $service on $address"
"$bin/load-driver" "$address" "$service" "${1:-30}" "${2:-32}" "$mode"
