//! GraphQL through async-graphql: queries executed against a real schema, the responses
//! compared on exact bytes with the GraphQL spec's error shape (`message`, `locations`,
//! `path`, `extensions`); nothing private leaks; and the axum example's `/graphql` endpoint
//! called over HTTP, where `extensions.request_id` is the id of the HTTP request.

use async_graphql::{EmptyMutation, EmptySubscription, ErrorExtensions as _, Object, ResultExt as _, Schema};
use errwire::async_graphql::GraphqlError;
use errwire::{ApiError, Violation};

#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "widgets", docs = "https://docs.example.com/errors#{code}")]
enum WidgetError {
    /// The widget does not exist.
    #[error("widget {id} missing from table widgets_v2")]
    #[api(
        status = 404,
        code = "widget_not_found",
        message = "Widget {id} does not exist."
    )]
    NotFound {
        #[api(detail)]
        id: u64,
    },
    /// Some fields are invalid.
    #[error("invalid input")]
    #[api(status = 422, code = "invalid_widget")]
    Invalid(#[api(violations)] Vec<Violation>),
    /// Slow down.
    #[error("rate limited")]
    #[api(status = 429, code = "rate_limited", retry_after = 30)]
    RateLimited,
    /// The store failed.
    #[error("store failed: {0}")]
    #[api(status = 500, code = "internal_error", message = "Something went wrong.")]
    Storage(#[source] std::io::Error),
}

struct Query;

#[Object]
impl Query {
    async fn widget(&self, id: u64) -> Result<String, GraphqlError> {
        Err(WidgetError::NotFound { id })?
    }

    async fn create(&self, name: String) -> Result<String, GraphqlError> {
        let violations = vec![
            Violation::new(
                "name",
                "too_short",
                format!("'{name}' is shorter than 3 characters."),
            ),
            Violation::new("quantity", "required", "A quantity is required."),
        ];
        Err(WidgetError::Invalid(violations))?
    }

    async fn limited(&self) -> Result<Option<String>, GraphqlError> {
        Err(WidgetError::RateLimited)?
    }

    async fn broken(&self) -> Result<String, GraphqlError> {
        let cause = std::io::Error::other("disk /srv/db full (token=s3cr3t)");
        Err(WidgetError::Storage(cause))?
    }

    /// async-graphql's own `Result` with its `ResultExt::extend()`.
    async fn extended(&self, id: u64) -> async_graphql::Result<String> {
        let found: Result<String, WidgetError> = Err(WidgetError::NotFound { id });
        found.extend()
    }

    /// What a bare `?` does without errwire: async-graphql's `From<Display>`, the internal text.
    async fn bare(&self) -> async_graphql::Result<String> {
        Err(WidgetError::NotFound { id: 3 })?
    }
}

async fn run(query: &str) -> String {
    let schema = Schema::new(Query, EmptyMutation, EmptySubscription);
    serde_json::to_string(&schema.execute(query).await).unwrap()
}

#[tokio::test]
async fn a_derived_error_is_a_graphql_error_with_extensions() {
    assert_eq!(
        run("{ widget(id: 7) }").await,
        r#"{"data":null,"errors":[{"message":"Widget 7 does not exist.","locations":[{"line":1,"column":3}],"path":["widget"],"extensions":{"code":"widget_not_found","details":{"id":7},"retryable":false,"status":404}}]}"#
    );
}

#[tokio::test]
async fn violations_and_retry_delays_are_in_the_extensions() {
    assert_eq!(
        run("{ create(name: \"ab\") }").await,
        r#"{"data":null,"errors":[{"message":"Some fields are invalid.","locations":[{"line":1,"column":3}],"path":["create"],"extensions":{"code":"invalid_widget","retryable":false,"status":422,"violations":[{"field":"name","code":"too_short","message":"'ab' is shorter than 3 characters."},{"field":"quantity","code":"required","message":"A quantity is required."}]}}]}"#
    );
    assert_eq!(
        run("{ limited }").await,
        r#"{"data":null,"errors":[{"message":"Slow down.","locations":[{"line":1,"column":3}],"path":["limited"],"extensions":{"code":"rate_limited","retry_after":30,"retryable":true,"status":429}}]}"#
    );
}

#[tokio::test]
async fn nothing_private_reaches_the_response() {
    let body = run("{ broken }").await;
    assert_eq!(
        body,
        r#"{"data":null,"errors":[{"message":"Something went wrong.","locations":[{"line":1,"column":3}],"path":["broken"],"extensions":{"code":"internal_error","retryable":true,"status":500}}]}"#
    );
    for secret in ["s3cr3t", "/srv/db", "store failed"] {
        assert!(!body.contains(secret), "{secret}: {body}");
    }
}

#[tokio::test]
async fn result_ext_extend_sends_the_same_error() {
    assert_eq!(
        run("{ extended(id: 9) }").await,
        r#"{"data":null,"errors":[{"message":"Widget 9 does not exist.","locations":[{"line":1,"column":3}],"path":["extended"],"extensions":{"code":"widget_not_found","details":{"id":9},"retryable":false,"status":404}}]}"#
    );
    let direct = WidgetError::RateLimited.extend();
    assert_eq!(direct.message, "Slow down.");
}

/// Why `GraphqlError` exists: async-graphql's blanket conversion sends `Display`. This pins
/// the trap the GraphQL page (`runtime/src/docs/graphql.md`) warns about, so the warning
/// stays true.
#[tokio::test]
async fn a_bare_question_mark_without_errwire_sends_display() {
    let body = run("{ bare }").await;
    assert!(body.contains("widget 3 missing from table widgets_v2"), "{body}");
    assert!(!body.contains("extensions"), "{body}");
}

#[tokio::test]
async fn the_axum_examples_endpoint_carries_the_request_id() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, axum_service::app()).await });
    let client = reqwest::Client::new();
    let response = client
        .post(format!("http://{addr}/graphql"))
        .header("x-request-id", "gql-1")
        .header("content-type", "application/json")
        .body(r#"{"query":"{ account(id: 42) }"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-request-id"], "gql-1");
    assert_eq!(
        response.text().await.unwrap(),
        r#"{"data":null,"errors":[{"message":"Account not found.","locations":[{"line":1,"column":3}],"path":["account"],"extensions":{"code":"account_not_found","request_id":"gql-1","retryable":false,"status":404}}]}"#
    );
    // Without a client id, the layer's generated one.
    let response = client
        .post(format!("http://{addr}/graphql"))
        .header("content-type", "application/json")
        .body(r#"{"query":"{ account(id: 7) }"}"#)
        .send()
        .await
        .unwrap();
    let id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body: serde_json::Value = response.json().await.unwrap();
    let extensions = &body["errors"][0]["extensions"];
    assert_eq!(extensions["request_id"], id.as_str());
    assert_eq!(extensions["code"], "rate_limited");
    assert_eq!(extensions["retry_after"], 30);
}
