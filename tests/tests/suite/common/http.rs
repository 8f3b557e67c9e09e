//! What the framework server tests (poem, salvo, rocket) share: the service's one error type
//! and body, one request sent with a request id and its answer read, a table of requests each
//! expected to fail with a code, and the checks every framework must pass the same way
//! (nothing internal sent, a success untouched, problem+json negotiated and valid by RFC 9457).

use errwire::ApiError;
use serde_json::Value;

/// The accounts service's error, served by every framework's test.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "accounts")]
pub enum AccountError {
    /// Account not found.
    #[error("account {0} missing from shard 7")]
    #[api(status = 404, message = "Account {0} not found.")]
    NotFound(u64),
}

/// The body `POST /accounts` takes.
#[derive(Debug, serde::Deserialize)]
pub struct NewAccount {
    #[allow(dead_code)] // read by serde only
    name: String,
}

/// An HTTP answer: status, request id, content type, body.
pub struct Reply {
    pub status: u16,
    pub request_id: Option<String>,
    pub content_type: String,
    pub body: Value,
}

/// Sends `request` with the `x-request-id` `id`; the body is `null` when it is not JSON.
pub async fn send(request: reqwest::RequestBuilder, id: &str) -> Reply {
    let response = request.header("x-request-id", id).send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (request_id, content_type) = (header("x-request-id"), header("content-type").unwrap_or_default());
    let status = response.status().as_u16();
    let body = serde_json::from_str(&response.text().await.unwrap()).unwrap_or_default();
    Reply {
        status,
        request_id,
        content_type,
        body,
    }
}

/// A derived error (`/accounts/42`) and an unknown route (`/nowhere`) asked for as
/// problem+json: that content type, the path as `instance`, the id, valid by RFC 9457.
pub async fn problem_json_is_negotiated(base: &str, id: &str) {
    let http = reqwest::Client::new();
    let validator = super::validator(
        &serde_json::from_str(include_str!("../../../standards/rfc9457-appendix-a.schema.json")).unwrap(),
    );
    for path in ["/accounts/42", "/nowhere"] {
        let reply = send(
            http.get(format!("{base}{path}"))
                .header("accept", "application/problem+json"),
            id,
        )
        .await;
        assert_eq!(reply.content_type, "application/problem+json", "{path}");
        assert_eq!(reply.body["instance"], path);
        assert_eq!(reply.body["request_id"], id);
        assert!(validator.is_valid(&reply.body), "{}", reply.body);
    }
}

/// What every framework answers the same way — a derived error, an unknown route, broken JSON
/// and JSON of the wrong shape (`POST /accounts`) — and then the framework's own `cases`: each
/// request, sent with the id `id`, fails with `status` and `code` in the Nested envelope with
/// the id echoed; `what` names the case in a failure.
pub async fn expect_errors(base: &str, id: &str, cases: Vec<(&str, reqwest::RequestBuilder, u16, &str)>) {
    let http = reqwest::Client::new();
    let json = |body: &str| {
        http.post(format!("{base}/accounts"))
            .header("content-type", "application/json")
            .body(body.to_owned())
    };
    let shared = vec![
        (
            "a derived error",
            http.get(format!("{base}/accounts/42")),
            404,
            "not_found",
        ),
        (
            "an unknown route",
            http.get(format!("{base}/nowhere")),
            404,
            "route_not_found",
        ),
        ("broken JSON", json("{"), 400, "malformed_json"),
        (
            "JSON of the wrong shape",
            json(r#"{"name": 7}"#),
            422,
            "invalid_body",
        ),
    ];
    for (what, request, status, code) in shared.into_iter().chain(cases) {
        let reply = send(request, id).await;
        assert_eq!(reply.status, status, "{what}: {}", reply.body);
        assert_eq!(reply.body["error"]["code"], code, "{what}: {}", reply.body);
        assert_eq!(reply.request_id.as_deref(), Some(id), "{what}");
        assert_eq!(reply.content_type, "application/json", "{what}");
    }
}

/// The derived error of `/accounts/42` says its public message and not its `Display` (which
/// stays in the logs); the success `/accounts/1` is untouched and carries a request id.
pub async fn nothing_internal_and_success_untouched(base: &str, id: &str) {
    let http = reqwest::Client::new();
    let reply = send(http.get(format!("{base}/accounts/42")), id).await;
    assert_eq!(reply.body["error"]["message"], "Account 42 not found.");
    assert!(!reply.body.to_string().contains("shard"), "{}", reply.body);
    let ok = http.get(format!("{base}/accounts/1")).send().await.unwrap();
    assert_eq!(ok.status(), 200);
    assert!(ok.headers().contains_key("x-request-id"));
    assert_eq!(ok.text().await.unwrap(), "account 1");
}
