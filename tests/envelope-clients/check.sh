#!/usr/bin/env bash
# errwire's Google JSON, Twirp and Connect errors, read by clients other people wrote, in one
# command: bash tests/envelope-clients/check.sh
#
# Starts the axum example service (ADDR=127.0.0.1:0), whose envelopes.rs serves the same
# errors behind a Twirp, a Connect, a Google JSON and a JSON:API layer, and runs against it:
#   - google-api-core (PyPI, pinned in requirements.txt, in a venv under the target
#     directory): from_http_response picks the exception class by status and reads
#     ErrorInfo's reason, domain and metadata, and the details as sent;
#   - twirp (PyPI): TwirpClient's own call fails with TwirpServerException, code and meta;
#   - twirp-ts (npm, pinned in package-lock.json): FetchRPC's TwirpError, code and meta;
#   - @connectrpc/connect with @connectrpc/connect-web's Connect transport (npm): a client of
#     a service described at run time fails with ConnectError, code and message, and its
#     google.rpc details decoded from their protobuf bytes.
# JSON:API bodies are validated against JSON:API 1.1's schema by the Rust tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
target="${CARGO_TARGET_DIR:-$HOME/.cache/errwire-target}"
work=$(mktemp -d)
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2> /dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

venv="$target/envelope-clients-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error > /dev/null)

bash "$repo/tests/binaries.sh"
ADDR=127.0.0.1:0 "$target/debug/axum-service" > "$work/service.log" 2>&1 &
pid=$!
url=
for _ in $(seq 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/service.log" | head -1) && [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "axum-service did not start:" >&2; cat "$work/service.log" >&2; exit 1; }

"$venv/bin/python" "$here/clients.py" "$url"
(cd "$here" && node clients.mjs "$url")
