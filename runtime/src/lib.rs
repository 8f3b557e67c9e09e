#![doc = include_str!("../../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

pub mod catalogue;
mod context;
mod details;
mod error;
pub mod format;
mod message;
#[cfg(feature = "utoipa")]
pub mod openapi;
mod response;
mod spec;
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
