"""errwire's Google JSON and Twirp errors, read by google-api-core and twirp (PyPI) over HTTP.

Usage: clients.py BASE_URL (the axum example service)."""

import sys

import requests
from google.api_core import exceptions as google
from google.protobuf.empty_pb2 import Empty
from twirp.client import TwirpClient
from twirp.context import Context
from twirp.errors import Errors
from twirp.exceptions import TwirpServerException

base = sys.argv[1]
checked = []


def check(what, got, want):
    if got != want:
        sys.exit(f"FAILED: {what}: got {got!r}, want {want!r}")
    checked.append(what)


# google-api-core: the exception class comes from the status, reason, domain and metadata
# from ErrorInfo, the details as sent.
for path, cls, reason, metadata in [
    ("/google/accounts/7", google.TooManyRequests, "rate_limited", None),
    ("/google/accounts/409", google.Conflict, "slug_taken", {"slug": "acme"}),
    ("/google/accounts/42", google.NotFound, "account_not_found", None),
]:
    response = requests.get(base + path, timeout=5)
    error = google.from_http_response(response)
    check(f"google {path} class", type(error), cls)
    check(f"google {path} reason", error.reason, reason)
    check(f"google {path} domain", error.domain, "accounts")
    check(f"google {path} metadata", error.metadata, metadata)
    check(f"google {path} details", error.details, response.json()["error"]["details"])
    types = [d["@type"] for d in error.details]
    check(f"google {path} ErrorInfo first", types[0], "type.googleapis.com/google.rpc.ErrorInfo")
    check(f"google {path} RequestInfo", types[-1], "type.googleapis.com/google.rpc.RequestInfo")
    if reason == "rate_limited":
        retry = [d for d in error.details if d["@type"].endswith("RetryInfo")]
        check("google RetryInfo", retry[0]["retryDelay"], "30s")

# twirp: the client's own call (protobuf request, JSON error), its TwirpServerException.
client = TwirpClient(base)
for method, code, meta in [
    ("CreateAccount", Errors.Aborted, {"code": "slug_taken", "status": "409", "retryable": "false", "slug": "acme"}),
    ("GetAccount", Errors.ResourceExhausted, {"code": "rate_limited", "status": "429", "retryable": "true", "retry_after": "30"}),
]:
    try:
        client._make_request(
            url=f"/twirp/accounts.v1.Accounts/{method}",
            ctx=Context(),
            request=Empty(),
            response_obj=Empty,
        )
        sys.exit(f"FAILED: twirp {method} did not fail")
    except TwirpServerException as error:
        check(f"twirp {method} code", error.code, code)
        got = {k: v for k, v in error.meta.items() if k != "request_id"}
        check(f"twirp {method} meta", got, meta)
        check(f"twirp {method} request id", bool(error.meta.get("request_id")), True)
        check(f"twirp {method} meta holds strings", all(isinstance(v, str) for v in error.meta.values()), True)

print(f"google-api-core and twirp (PyPI): {len(checked)} checks passed")
