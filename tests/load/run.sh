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
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/errwire-target}"
mode="${3:-mixed}"
if [ "$mode" = cost ]; then export LOAD_WORKERS="${LOAD_WORKERS:-1}"; fi
cargo build --release -q -p load-test
bin="$CARGO_TARGET_DIR/release"
out=$(mktemp)
"$bin/load-service" > "$out" &
service=$!
trap 'kill $service 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 50); do [ -s "$out" ] && break; sleep 0.1; done
address=$(head -1 "$out")
echo "service $service on $address"
"$bin/load-driver" "$address" "$service" "${1:-30}" "${2:-32}" "$mode"
