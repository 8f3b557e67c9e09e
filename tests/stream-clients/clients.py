"""httpx-sse and websockets against errwire's streaming example services.

Usage: python clients.py BASE_URL [--ndjson]
  - httpx-sse: GET /feed has two data events, then one `error` event whose data is the
    service's envelope (code `rate_limited`) and whose retry is 3000 ms; then the stream ends.
  - websockets: /ws answers one message with "tick", then sends the error's body and closes
    with code 4503 and the error's code as the reason; the 5xx's Display text is in neither.
  - with --ndjson, GET /export: data records, then the terminal {"type":"error",…} record.
"""
import json
import sys

import httpx
from httpx_sse import connect_sse
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

base = sys.argv[1]

with httpx.Client(timeout=10) as client:
    with connect_sse(client, "GET", f"{base}/feed") as source:
        events = list(source.iter_sse())
names = [e.event for e in events]
assert names == ["message", "message", "error"], names
error = events[-1]
body = json.loads(error.data)
assert body["code"] == "rate_limited", body
assert error.retry == 3000, error.retry
print(f"httpx-sse: {base}/feed: {', '.join(names)}; code {body['code']}; retry {error.retry} ms")

ws_url = base.replace("http://", "ws://") + "/ws"
with connect(ws_url) as socket:
    socket.send("subscribe")
    assert socket.recv(timeout=10) == "tick"
    last = json.loads(socket.recv(timeout=10))
    try:
        socket.recv(timeout=10)
        raise AssertionError("expected the close frame")
    except ConnectionClosed as closed:
        frame = closed.rcvd
assert frame is not None and 4500 <= frame.code <= 4599, frame
code = last.get("code") or last.get("error", {}).get("code")
assert frame.reason == code, (frame.reason, code)
for text in (json.dumps(last), frame.reason):
    # The Display texts: "accounts database at 10.0.0.5 unavailable", "warming up, attempt 7".
    for secret in ("10.0.0.5", "database", "attempt 7"):
        assert secret not in text, (secret, text)
print(f"websockets: {ws_url}: close {frame.code} {frame.reason!r}; last message code {code}")

if "--ndjson" in sys.argv:
    lines = httpx.get(f"{base}/export", timeout=10).text.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r.get("type") for r in records] == [None, None, "error"], records
    print(f"ndjson: {base}/export: {len(records) - 1} records, then code {records[-1]['error']['code']}")
