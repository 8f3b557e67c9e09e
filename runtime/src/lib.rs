#![doc = include_str!("../../README.md")]
#![deny(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;
// The derive names `::errwire`; this lets errwire derive its own `FrameworkError`.
extern crate self as errwire;

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
pub mod catalogue;
mod context;
mod details;
mod error;
pub mod format;
mod framework;
#[cfg(feature = "jsonrpsee")]
pub mod jsonrpsee;
#[cfg(feature = "tracing")]
pub mod log;
mod message;
#[cfg(feature = "utoipa")]
pub mod openapi;
#[cfg(any(feature = "tower", feature = "actix-web"))]
mod render;
#[cfg(any(feature = "tower", feature = "actix-web"))]
pub mod request;
mod response;
#[cfg(feature = "rmcp")]
pub mod rmcp;
mod spec;
#[cfg(feature = "tower")]
pub mod tower;
mod unique_const;
pub mod wire;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use catalogue::Catalogued;
pub use context::{Context, JsonRpcId};
pub use details::{Detail, DetailFields, Details};
pub use error::ApiError;
pub use format::Format;
pub use framework::FrameworkError;
pub use message::PublicMessage;
pub use response::{to_json, to_response, DefaultFormat, X_REQUEST_ID};
pub use spec::{default_jsonrpc_code, default_retryable, ErrorSpec, McpChannel, MessageSource};

/// Derives [`ApiError`] and [`Catalogued`]; see the crate documentation for the attribute
/// reference.
pub use errwire_macros::ApiError;

/// The serializer-erasure crate that [`Details`] values use.
pub use erased_serde;
/// The `http` crate, whose `StatusCode` the API uses.
pub use http;
