#![doc = include_str!("docs/crate.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(unsafe_code)]
#![warn(missing_docs, unreachable_pub, missing_debug_implementations)]

// The derive names `::errwire`; this lets errwire derive its own `FrameworkError`.
extern crate self as errwire;

/// The README, run as doctests: the crates.io page compiles as it reads. (Its quick start is
/// `rust,ignore` there: it is compiled on the crate page, and a test keeps the two equal.)
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix;
#[cfg(feature = "async-graphql")]
#[cfg_attr(docsrs, doc(cfg(feature = "async-graphql")))]
pub mod async_graphql;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
pub mod catalogue;
pub mod client;
mod context;
mod current;
mod details;
mod error;
pub mod format;
mod framework;
#[cfg(feature = "garde")]
#[cfg_attr(docsrs, doc(cfg(feature = "garde")))]
pub mod garde;
#[cfg(feature = "i18n")]
#[cfg_attr(docsrs, doc(cfg(feature = "i18n")))]
pub mod i18n;
#[cfg(feature = "jsonrpsee")]
#[cfg_attr(docsrs, doc(cfg(feature = "jsonrpsee")))]
pub mod jsonrpsee;
#[cfg(feature = "tracing")]
#[cfg_attr(docsrs, doc(cfg(feature = "tracing")))]
pub mod log;
mod message;
pub mod ndjson;
#[cfg(feature = "openapi")]
#[cfg_attr(docsrs, doc(cfg(feature = "openapi")))]
pub mod openapi;
#[cfg(feature = "poem")]
#[cfg_attr(docsrs, doc(cfg(feature = "poem")))]
pub mod poem;
mod render;
#[cfg(any(
    feature = "tower",
    feature = "actix-web",
    feature = "poem",
    feature = "salvo",
    feature = "rocket"
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        feature = "tower",
        feature = "actix-web",
        feature = "poem",
        feature = "salvo",
        feature = "rocket"
    )))
)]
pub mod request;
#[cfg(feature = "rmcp")]
#[cfg_attr(docsrs, doc(cfg(feature = "rmcp")))]
pub mod rmcp;
#[cfg(feature = "rocket")]
#[cfg_attr(docsrs, doc(cfg(feature = "rocket")))]
pub mod rocket;
#[doc(hidden)]
pub mod rules;
#[cfg(feature = "salvo")]
#[cfg_attr(docsrs, doc(cfg(feature = "salvo")))]
pub mod salvo;
#[cfg(feature = "sentry")]
#[cfg_attr(docsrs, doc(cfg(feature = "sentry")))]
pub mod sentry;
mod spec;
pub mod sse;
pub mod telemetry;
#[cfg(feature = "tonic")]
#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
pub mod tonic;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;
#[cfg(feature = "validator")]
#[cfg_attr(docsrs, doc(cfg(feature = "validator")))]
pub mod validator;
mod violation;
#[cfg(any(
    feature = "tower",
    feature = "actix-web",
    feature = "poem",
    feature = "salvo",
    feature = "rocket"
))]
mod web;
pub mod wire;
pub mod ws;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

#[doc = include_str!("docs/attributes.md")]
pub mod _attributes {}

pub use catalogue::Catalogued;
pub use context::{Context, JsonRpcId};
#[allow(deprecated)]
pub use details::Detail;
pub use details::{DetailFields, Details};
pub use error::ApiError;
pub use format::Format;
pub use framework::FrameworkError;
pub use message::{Localized, PublicMessage};
pub use render::{DefaultFormat, X_REQUEST_ID, to_json, to_response};
pub use spec::{
    ErrorSpec, GrpcCode, McpChannel, MessageSource, ReportClass, default_jsonrpc_code, default_retryable,
};
pub use telemetry::ErrorType;
pub use violation::{MAX_PARAMS, MAX_VIOLATION_TEXT, MAX_VIOLATIONS, Violation};

/// Derives [`ApiError`] and [`Catalogued`]; every `#[api(…)]` key is in
/// [the attribute reference](crate::_attributes).
pub use errwire_macros::ApiError;

/// The serializer-erasure crate that [`Details`] values use.
pub use erased_serde;
/// The `http` crate, whose `StatusCode` the API uses.
pub use http;
