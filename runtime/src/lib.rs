#![doc = include_str!("guide.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;
// The derive names `::errwire`; this lets errwire derive its own `FrameworkError`.
extern crate self as errwire;

/// The README's examples, run as doctests (docs.rs shows `guide.md`, the README without its
/// repository sections).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "async-graphql")]
pub mod async_graphql;
#[cfg(feature = "axum")]
pub mod axum;
pub mod catalogue;
pub mod client;
mod context;
mod details;
mod error;
pub mod format;
mod framework;
#[cfg(feature = "garde")]
pub mod garde;
#[cfg(feature = "i18n")]
pub mod i18n;
#[cfg(feature = "jsonrpsee")]
pub mod jsonrpsee;
#[cfg(feature = "tracing")]
pub mod log;
mod message;
#[cfg(any(feature = "utoipa", feature = "aide"))]
pub mod openapi;
mod render;
#[cfg(any(feature = "tower", feature = "actix-web"))]
pub mod request;
#[cfg(feature = "rmcp")]
pub mod rmcp;
#[doc(hidden)]
pub mod rules;
mod spec;
#[cfg(feature = "tonic")]
pub mod tonic;
#[cfg(feature = "tower")]
pub mod tower;
#[cfg(feature = "validator")]
pub mod validator;
mod violation;
#[cfg(any(feature = "tower", feature = "actix-web"))]
mod web;
pub mod wire;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

pub use catalogue::Catalogued;
pub use context::{Context, JsonRpcId};
pub use details::{Detail, DetailFields, Details};
pub use error::ApiError;
pub use format::Format;
pub use framework::FrameworkError;
pub use message::{Localized, PublicMessage};
pub use render::{DefaultFormat, X_REQUEST_ID, to_json, to_response};
pub use spec::{ErrorSpec, GrpcCode, McpChannel, MessageSource, default_jsonrpc_code, default_retryable};
pub use violation::{MAX_VIOLATION_TEXT, MAX_VIOLATIONS, Violation};

/// Derives [`ApiError`] and [`Catalogued`]; see the crate documentation for the attribute
/// reference.
pub use errwire_macros::ApiError;

/// The serializer-erasure crate that [`Details`] values use.
pub use erased_serde;
/// The `http` crate, whose `StatusCode` the API uses.
pub use http;
