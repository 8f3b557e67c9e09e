//! What the framework server tests (poem, salvo, rocket) share: one request sent with a
//! request id, its answer read, and problem+json negotiated and checked against RFC 9457.

use serde_json::Value;

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
