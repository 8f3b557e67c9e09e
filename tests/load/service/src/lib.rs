//! The load test's service: one route per built-in format, each failing with an errwire
//! error (with a placeholder, details and a retry delay) behind its own errwire layer; the
//! routes that fail the way production does ([`faults`]); and the routes that measure the
//! layer's own cost ([`cost`]).

pub mod cost;
pub mod faults;

use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use errwire::format::{Flat, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple};
use errwire::tower::ErrwireLayer;
use errwire::{ApiError, Format};

/// The error every route returns.
#[derive(Debug, ApiError)]
#[api(domain = "load", docs = "https://docs.example.com/errors#{code}")]
pub enum LoadError {
    /// The slug is taken.
    #[api(status = 409, message = "The slug '{slug}' is already in use.")]
    SlugTaken {
        /// The slug.
        slug: String,
        /// A suggestion.
        #[api(detail)]
        suggestion: String,
    },
    /// Too many requests.
    #[api(status = 429)]
    RateLimited(#[api(retry_after)] u64),
}

/// The formats, by route name.
pub const FORMATS: &[&str] = &[
    "nested",
    "flat",
    "problem",
    "oauth",
    "simple",
    "jsonrpc",
    "jsonrpc-plain",
    "mcp-tool",
];

async fn fail(Path(n): Path<u64>) -> Result<String, LoadError> {
    if n % 2 == 0 {
        Err(LoadError::SlugTaken {
            slug: format!("slug-{n}"),
            suggestion: format!("slug-{n}-x"),
        })
    } else {
        Err(LoadError::RateLimited(n % 60))
    }
}

fn route<F: Format + 'static>() -> Router {
    Router::new()
        .route("/{n}", get(fail))
        .layer(ErrwireLayer::<F>::new())
}

/// The service.
pub fn app() -> Router {
    Router::new()
        .nest("/nested", route::<Nested>())
        .nest("/flat", route::<Flat>())
        .nest("/problem", route::<Problem>())
        .nest("/oauth", route::<OAuth>())
        .nest("/simple", route::<Simple>())
        .nest("/jsonrpc", route::<JsonRpc>())
        .nest("/jsonrpc-plain", route::<JsonRpcPlain>())
        .nest("/mcp-tool", route::<McpTool>())
        .nest("/faults", faults::routes())
        .nest("/cost", cost::routes())
}
