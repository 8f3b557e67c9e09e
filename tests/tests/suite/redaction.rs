//! Redaction audit: errors that carry secrets in their `Display`, `Debug`, source chain,
//! unmarked fields and `sensitive` fields, rendered by every format and every integration
//! (axum, actix-web, rmcp, jsonrpsee) — the secret appears in none of the output, headers
//! included.

use errwire::{ApiError, Context, Format, to_response};

const SECRET: &str = "sk_live_51HxSECRETxyz";

#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "billing", docs = "https://docs.example.com/errors#{code}")]
enum Leaky {
    #[error("db {dsn} rejected password {password}")]
    #[api(status = 500)]
    Database {
        #[api(sensitive)]
        password: String,
        dsn: String,
        #[source]
        source: std::io::Error,
    },
    #[error("token {token} for {user}")]
    #[api(status = 401, message = "Token for {user} rejected.")]
    Token {
        user: String,
        #[api(sensitive)]
        token: String,
    },
    #[error("limited: {internal}")]
    #[api(status = 429, retry_after = 5, mcp = "protocol")]
    Limited {
        internal: String,
        #[api(detail)]
        scope: String,
    },
}

fn leaky_errors() -> Vec<Leaky> {
    vec![
        Leaky::Database {
            password: SECRET.into(),
            dsn: format!("postgres://admin:{SECRET}@db.internal:5432"),
            source: std::io::Error::other(format!("auth failed with {SECRET}")),
        },
        Leaky::Token {
            user: "ada".into(),
            token: SECRET.into(),
        },
        Leaky::Limited {
            internal: SECRET.into(),
            scope: "user".into(),
        },
    ]
}

fn assert_clean(what: &str, text: &str) {
    assert!(
        !text.contains(SECRET) && !text.contains("SECRET"),
        "{what} leaked: {text}"
    );
}

fn audit_format<F: Format>(name: &str, error: &Leaky) {
    let ctx = Context::new().request_id("req-1").instance("/x").jsonrpc_id(1);
    let response = to_response::<F>(error, &ctx);
    assert_clean(name, &String::from_utf8_lossy(response.body()));
    for (header, value) in response.headers() {
        assert_clean(
            &format!("{name} header {header}"),
            &String::from_utf8_lossy(value.as_bytes()),
        );
    }
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(Leaky::Token {
        user: "ada".into(),
        token: SECRET.into(),
    });
    assert_clean(name, &errwire::to_json::<F>(&boxed, &ctx));
}

#[test]
fn the_secrets_are_there_for_logs() {
    // Not vacuous: every error carries the secret where logs look.
    for error in leaky_errors() {
        let logged = format!("{error} {error:?} {:?}", std::error::Error::source(&error));
        assert!(logged.contains(SECRET), "{logged}");
    }
}

#[test]
fn no_format_sends_a_secret() {
    for error in &leaky_errors() {
        crate::common::every_format!(F => audit_format::<F>(F::DESCRIPTOR.unwrap().name, error));
        assert_clean("message", &error.message());
        assert_clean("details", &serde_json::to_string(&error.details()).unwrap());
        assert_clean("spec", &format!("{:?}", error.spec()));
    }
}

#[tokio::test]
async fn axum_sends_no_secret() {
    for error in leaky_errors() {
        let response = axum::response::IntoResponse::into_response(error);
        for (header, value) in response.headers() {
            assert_clean(
                &format!("axum header {header}"),
                &String::from_utf8_lossy(value.as_bytes()),
            );
        }
        let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        assert_clean("axum", &String::from_utf8_lossy(&body));
    }
}

#[actix_web::test]
async fn actix_sends_no_secret() {
    for error in leaky_errors() {
        let response = actix_web::ResponseError::error_response(&error);
        for (header, value) in response.headers() {
            assert_clean(
                &format!("actix header {header}"),
                &String::from_utf8_lossy(value.as_bytes()),
            );
        }
        let body = actix_web::body::to_bytes(response.into_body()).await.unwrap();
        assert_clean("actix", &String::from_utf8_lossy(&body));
    }
}

#[test]
fn rmcp_and_jsonrpsee_send_no_secret() {
    use rmcp::handler::server::tool::IntoCallToolResult;
    let ctx = Context::new().request_id("req-1");
    for error in leaky_errors() {
        assert_clean(
            "rmcp tool result",
            &serde_json::to_string(&errwire::rmcp::tool_result(&error, &ctx)).unwrap(),
        );
        assert_clean(
            "rmcp error data",
            &serde_json::to_string(&errwire::rmcp::error_data(&error, &ctx)).unwrap(),
        );
        assert_clean(
            "jsonrpsee",
            &serde_json::to_string(&errwire::jsonrpsee::error_object(&error, &ctx)).unwrap(),
        );
    }
    for error in leaky_errors() {
        let channel = match error.into_call_tool_result() {
            // Debug shows every field of rmcp's response.
            Ok(result) => format!("{result:?}"),
            Err(protocol) => serde_json::to_string(&protocol).unwrap(),
        };
        assert_clean("rmcp channel", &channel);
    }
    for error in leaky_errors() {
        let object: jsonrpsee::types::ErrorObjectOwned = error.into();
        assert_clean("jsonrpsee conversion", &serde_json::to_string(&object).unwrap());
    }
}

#[test]
fn tonic_and_async_graphql_send_no_secret() {
    use async_graphql::ErrorExtensions as _;
    for error in leaky_errors() {
        // gRPC: the status as tonic puts it on the wire (headers: message, details, metadata).
        let status = tonic::Status::from(error);
        let response = status.into_http::<()>();
        for (header, value) in response.headers() {
            assert_clean(
                &format!("grpc header {header}"),
                &String::from_utf8_lossy(value.as_bytes()),
            );
        }
        let received = tonic::Status::from_header_map(response.headers()).unwrap();
        assert_clean("grpc message", received.message());
        assert_clean("grpc details", &String::from_utf8_lossy(received.details()));
    }
    for error in leaky_errors() {
        // GraphQL: `extend()` and `GraphqlError`, serialized as the response would carry them.
        let extended = error.extend();
        assert_clean(
            "graphql extend",
            &serde_json::to_string(&extended.extensions).unwrap(),
        );
        assert_clean("graphql extend message", &extended.message);
        assert!(extended.source.is_none());
        let converted = async_graphql::Error::from(errwire::async_graphql::GraphqlError::from(error));
        assert_clean("graphql message", &converted.message);
        assert_clean(
            "graphql extensions",
            &serde_json::to_string(&converted.extensions).unwrap(),
        );
    }
}
