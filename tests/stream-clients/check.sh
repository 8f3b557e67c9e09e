#!/usr/bin/env bash
# Errors inside streams, read by clients other people wrote, in one command:
# bash tests/stream-clients/check.sh
#
# Starts the axum and actix-web example services (ADDR=127.0.0.1:0) and runs against each:
#   - eventsource-parser (npm, pinned in package-lock.json): GET /feed is two events, then one
#     `error` event whose data decodes to the code, and the retry delay errwire wrote; the
#     body ends after it;
#   - httpx-sse (PyPI, pinned in requirements.txt, in a venv under the target directory): the
#     same feed, the same reading;
#   - websockets (PyPI): /ws closes with errwire's close code (4503) and the error's code as
#     the reason, after a last message holding the envelope; a 5xx's Display text is in
#     neither;
#   - and on the axum service, GET /export (NDJSON): data records, then the terminal record.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
target="${CARGO_TARGET_DIR:-$HOME/.cache/errwire-target}"
work=$(mktemp -d)
# `start` runs in a command substitution (a subshell), so each service's pid goes into a file
# for the cleanup to read: an array set there would never reach this shell.
cleanup() {
  for file in "$work"/*.pid; do
    [ -e "$file" ] && kill "$(cat "$file")" 2> /dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

venv="$target/stream-clients-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error > /dev/null)

bash "$repo/tests/binaries.sh"

# Starts a service on a free port and prints its base URL (the line it prints when it listens).
start() {
  local binary=$1 log="$work/$1.log"
  ADDR=127.0.0.1:0 "$target/debug/$binary" > "$log" 2>&1 &
  echo $! > "$work/$binary.pid"
  for _ in $(seq 100); do
    if url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1) && [ -n "$url" ]; then
      echo "$url"
      return
    fi
    sleep 0.1
  done
  echo "$binary did not start:" >&2
  cat "$log" >&2
  exit 1
}

axum=$(start axum-service)
actix=$(start actix-service-example)
for base in "$axum" "$actix"; do
  (cd "$here" && node sse.mjs "$base/feed" rate_limited 3000)
done
"$venv/bin/python" "$here/clients.py" "$axum" --ndjson
"$venv/bin/python" "$here/clients.py" "$actix"
