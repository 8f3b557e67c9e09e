#![doc = include_str!("docs/graphql.md")]

use async_graphql::ErrorExtensionValues;

use crate::format::Facts;
use crate::{context::Context, error::ApiError};

/// The `async_graphql::Error` for `error` in the context `ctx`; logged with the request id
/// when the `tracing` feature is on.
pub fn error(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> async_graphql::Error {
    crate::telemetry::observe(error, ctx.request_id_ref(), None);
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
        let current = crate::current::CurrentContext::capture();
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
    let current = crate::current::CurrentContext::capture();
    self::error(error, &current.context())
}
