#!/usr/bin/env bash
# The load test, in one command: bash tests/load/run.sh [SECONDS] [CONCURRENCY]
#
# Builds the load service and driver (release), starts the service on 127.0.0.1 port 0,
# drives it from a second process for SECONDS (default 30) with CONCURRENCY connections
# (default 32) over every format, checks every response, samples the service's memory, and
# stops the service. Exits non-zero on any failed or malformed response.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/errwire-target}"
cargo build --release -q -p load-test
bin="$CARGO_TARGET_DIR/release"
out=$(mktemp)
"$bin/load-service" > "$out" &
service=$!
trap 'kill $service 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 50); do [ -s "$out" ] && break; sleep 0.1; done
address=$(head -1 "$out")
echo "service $service on $address"
"$bin/load-driver" "$address" "$service" "${1:-30}" "${2:-32}"
