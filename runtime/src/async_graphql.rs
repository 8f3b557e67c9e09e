//! GraphQL through async-graphql (feature `async-graphql`): derived errors become
//! `async_graphql::Error` with the public message and errwire's facts in `extensions`.
//!
//! A GraphQL error is `{"message","locations","path","extensions"}` (GraphQL spec §7.1.2);
//! errwire fills `message` with the public message and `extensions` with `code`, `status`,
//! `retryable`, `retry_after` (seconds, when there is a delay), `request_id` (when the errwire
//! layer is in front), `details` and `violations` (when there are some). `Display`, `Debug` and
//! source errors never reach the response (they are logged when the `tracing` feature is on).
//!
//! async-graphql converts any `Display` type into its `Error` with the `Display` text as the
//! message — a derived error used with a bare `?` would send its internal text. Two ways avoid
//! that:
//!
//! - return [`GraphqlError`] from resolvers: `?` converts any derived error into it, and
//!   async-graphql takes it as the field's error;
//! - or keep `async_graphql::Result` and call async-graphql's own `ResultExt::extend()`: every
//!   derived type implements `ErrorExtensions`.
//!
//! ```
//! use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};
//! use errwire::async_graphql::GraphqlError;
//! use errwire::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! enum WidgetError {
//!     #[api(status = 404, code = "widget_not_found", message = "Widget {id} does not exist.")]
//!     NotFound { #[api(detail)] id: u64 },
//! }
//!
//! struct Query;
//!
//! #[Object]
//! impl Query {
//!     async fn widget(&self, id: u64) -> Result<String, GraphqlError> {
//!         Err(WidgetError::NotFound { id })?
//!     }
//! }
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let schema = Schema::new(Query, EmptyMutation, EmptySubscription);
//! let response = schema.execute("{ widget(id: 7) }").await;
//! assert_eq!(
//!     serde_json::to_string(&response.errors[0]).unwrap(),
//!     r#"{"message":"Widget 7 does not exist.","locations":[{"line":1,"column":3}],"path":["widget"],"extensions":{"code":"widget_not_found","details":{"id":7},"retryable":false,"status":404}}"#
//! );
//! # });
//! ```

use async_graphql::ErrorExtensionValues;

use crate::format::Facts;
use crate::{ApiError, Context};

/// The `async_graphql::Error` for `error` in the context `ctx`; logged with the request id
/// when the `tracing` feature is on.
pub fn error(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> async_graphql::Error {
    #[cfg(feature = "tracing")]
    crate::log::log_response(error, ctx.request_id_ref());
    let mut extensions = ErrorExtensionValues::default();
    let facts = Facts {
        error,
        ctx,
        with_status: true,
    };
    if let Ok(async_graphql::Value::Object(members)) = async_graphql::to_value(&facts) {
        for (name, value) in members {
            extensions.set(name.as_str(), value);
        }
    }
    async_graphql::Error {
        message: ctx.message(error).to_string(),
        source: None,
        extensions: Some(extensions),
    }
}

/// A resolver's error: `?` turns any derived error into it (with the request context of the
/// errwire layer, when one is in front), and async-graphql takes it as the field's error.
///
/// It is deliberately not `Display`: async-graphql's blanket conversion of `Display` types
/// would otherwise send the internal text.
#[derive(Clone, Debug)]
pub struct GraphqlError(async_graphql::Error);

impl GraphqlError {
    /// The async-graphql error it stands for.
    #[must_use]
    pub fn into_inner(self) -> async_graphql::Error {
        self.0
    }

    /// The public message.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.0.message
    }
}

impl<E: ApiError> From<E> for GraphqlError {
    fn from(error: E) -> Self {
        let current = crate::__private::CurrentContext::capture();
        Self(self::error(&error, &current.context()))
    }
}

impl From<GraphqlError> for async_graphql::Error {
    fn from(error: GraphqlError) -> Self {
        error.0
    }
}

/// `ErrorExtensions` for a derived type, so `result.extend()?` works (what the derive asks
/// for; not public API).
#[doc(hidden)]
pub fn extend(error: &(impl ApiError + ?Sized)) -> async_graphql::Error {
    let current = crate::__private::CurrentContext::capture();
    self::error(error, &current.context())
}
