//! Helpers for generated code. Not public API: may change in any release.
//!
//! Split by concern, as serde splits `private/{de,ser}.rs`: what a spec is built from
//! (`spec`), how a field gives the retry delay (`retry_after`), how a derived value finds
//! its `std::error::Error` (`as_error`), the message from `write_message` (`message`), and the per-feature impls the derive asks for (`macros`).

mod as_error;
mod headers;
mod macros;
mod message;
mod retry_after;
mod spec;
mod violations;

pub use core::fmt;
pub use core::option::Option::{None, Some};
pub use core::time::Duration;
pub use erased_serde;
pub use http;
pub use serde;
pub use std::borrow::Cow;
pub use std::fmt::format;

pub use crate::catalogue::Catalogued;
pub use crate::client::KnownCodes;
pub use crate::details::{
    DetailFields, DetailProbe, DetailValue, DetailViaErased, DetailViaPrimitive, Details, Primitive,
};
pub use crate::error::ApiError;
pub use crate::format;
pub use crate::render::DefaultFormat;
pub use crate::spec::{ErrorSpec, GrpcCode, McpChannel, MessageSource};
pub use crate::violation::Violation;

pub use crate::current::CurrentContext;
pub use as_error::{AsErrorFallback, AsErrorProbe, AsErrorViaError};
pub use headers::{header_fmt, spec_headers};
pub use message::message_from_write;
pub use retry_after::RetryAfterValue;
pub use spec::{PLACEHOLDER, splice, status};
pub use violations::{ViolationList, violation_list};

pub use crate::catalogue::assert::{DuplicateMessage, first_duplicate};

#[cfg(feature = "registry")]
pub use crate::catalogue::CATALOGUES;
#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "aide")]
pub use aide;
#[cfg(feature = "async-graphql")]
pub use async_graphql;
#[cfg(feature = "axum")]
pub use axum;
#[cfg(feature = "jsonrpsee")]
pub use jsonrpsee_types;
#[cfg(feature = "registry")]
pub use linkme;
#[cfg(feature = "poem")]
pub use poem;
#[cfg(feature = "poem-openapi")]
pub use poem_openapi;
#[cfg(feature = "rmcp")]
pub use rmcp;
#[cfg(feature = "rocket")]
pub use rocket;
#[cfg(feature = "salvo")]
pub use salvo;
#[cfg(feature = "salvo-oapi")]
pub use salvo_oapi;
#[cfg(feature = "tonic")]
pub use tonic;
#[cfg(feature = "utoipa")]
pub use utoipa;
