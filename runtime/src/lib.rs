#![doc = include_str!("../../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

mod catalogue;
mod details;
mod error;
mod message;
mod spec;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use catalogue::Catalogued;
pub use details::{Detail, DetailFields, Details};
pub use error::ApiError;
pub use message::PublicMessage;
pub use spec::{default_jsonrpc_code, default_retryable, ErrorSpec, McpChannel};

/// Derives [`ApiError`] and [`Catalogued`]; see the crate documentation for the attribute
/// reference.
pub use errwire_macros::ApiError;

/// The serializer-erasure crate that [`Details`] values use.
pub use erased_serde;
/// The `http` crate, whose `StatusCode` the API uses.
pub use http;
