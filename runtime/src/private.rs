//! Helpers for generated code. Not public API: may change in any release.

pub use alloc::borrow::Cow;
pub use core::fmt;
pub use core::time::Duration;
pub use erased_serde;
pub use http;
pub use serde;
pub use std::fmt::format;

pub use crate::catalogue::Catalogued;
pub use crate::details::{DetailFields, Details};
pub use crate::error::ApiError;
pub use crate::format;
pub use crate::response::DefaultFormat;
pub use crate::spec::{ErrorSpec, McpChannel, MessageSource, SpecParts};

use http::StatusCode;

/// A status from its number; the derive has checked the range, so the fallback is never taken.
#[must_use]
pub const fn status(code: u16) -> StatusCode {
    match StatusCode::from_u16(code) {
        Ok(status) => status,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A spec that only fills arrays before they are written.
pub const PLACEHOLDER: ErrorSpec = ErrorSpec::new("", StatusCode::INTERNAL_SERVER_ERROR, "");

/// Copies `specs` into `out` from index `at`; returns the next free index. For catalogues
/// that splice in a `transparent` field's specs.
#[must_use]
pub const fn splice(out: &mut [ErrorSpec], at: usize, specs: &[ErrorSpec]) -> usize {
    let mut i = 0;
    while i < specs.len() {
        out[at + i] = specs[i];
        i += 1;
    }
    at + i
}

/// A field that gives the retry delay: `Duration`, integer seconds, or an `Option` of them.
/// Negative integers mean "no delay known".
pub trait RetryAfterValue {
    /// The delay, if known.
    fn retry_after_value(&self) -> Option<Duration>;
}

impl RetryAfterValue for Duration {
    fn retry_after_value(&self) -> Option<Duration> {
        Some(*self)
    }
}

macro_rules! unsigned_seconds {
    ($($t:ty),*) => {$(
        impl RetryAfterValue for $t {
            fn retry_after_value(&self) -> Option<Duration> {
                Some(Duration::from_secs(u64::from(*self)))
            }
        }
    )*};
}
unsigned_seconds!(u8, u16, u32, u64);

macro_rules! converted_seconds {
    ($($t:ty),*) => {$(
        impl RetryAfterValue for $t {
            fn retry_after_value(&self) -> Option<Duration> {
                u64::try_from(*self).ok().map(Duration::from_secs)
            }
        }
    )*};
}
converted_seconds!(usize, i8, i16, i32, i64, isize);

impl<T: RetryAfterValue> RetryAfterValue for Option<T> {
    fn retry_after_value(&self) -> Option<Duration> {
        self.as_ref().and_then(RetryAfterValue::retry_after_value)
    }
}

impl<T: RetryAfterValue + ?Sized> RetryAfterValue for &T {
    fn retry_after_value(&self) -> Option<Duration> {
        (**self).retry_after_value()
    }
}

impl<T: RetryAfterValue + ?Sized> RetryAfterValue for alloc::boxed::Box<T> {
    fn retry_after_value(&self) -> Option<Duration> {
        (**self).retry_after_value()
    }
}

pub use crate::unique_const::assert_unique;

#[cfg(feature = "registry")]
pub use crate::catalogue::CATALOGUES;
#[cfg(feature = "registry")]
pub use linkme;
#[cfg(feature = "utoipa")]
pub use utoipa;

/// Registers a derived type's catalogue with `errwire::catalogue::all()`.
#[cfg(feature = "registry")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_register {
    ($catalogue:expr) => {
        #[$crate::__private::linkme::distributed_slice($crate::__private::CATALOGUES)]
        #[linkme(crate = $crate::__private::linkme)]
        static __ERRWIRE_REGISTRATION: &'static [$crate::__private::ErrorSpec] = $catalogue;
    };
}

/// Without the `registry` feature, nothing is registered.
#[cfg(not(feature = "registry"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_register {
    ($catalogue:expr) => {};
}

/// `utoipa::IntoResponses` for a derived (non-generic) type.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_openapi {
    ($ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::utoipa::IntoResponses for $ty {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::response::Response,
                >,
            > {
                $crate::openapi::responses::<$ty>()
            }
        }
    };
}

/// Without the `utoipa` feature, no OpenAPI.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_openapi {
    ($ty:ty) => {};
}

/// `(&&AsErrorProbe(self)).probe_error()`: `Some` when the type is a `std::error::Error`
/// (autoref specialization: the `&AsErrorProbe` impl wins when it applies).
pub struct AsErrorProbe<'a, T: ?Sized>(pub &'a T);

impl<T: ?Sized> Clone for AsErrorProbe<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for AsErrorProbe<'_, T> {}

/// Chosen when the type implements `std::error::Error`.
pub trait AsErrorViaError<'a> {
    /// The error.
    fn probe_error(self) -> Option<&'a (dyn std::error::Error + 'static)>;
}

impl<'a, T: std::error::Error + 'static> AsErrorViaError<'a> for &AsErrorProbe<'a, T> {
    fn probe_error(self) -> Option<&'a (dyn std::error::Error + 'static)> {
        Some(self.0)
    }
}

/// Chosen otherwise.
pub trait AsErrorFallback<'a> {
    /// Nothing.
    fn probe_error(self) -> Option<&'a (dyn std::error::Error + 'static)>;
}

impl<'a, T: ?Sized> AsErrorFallback<'a> for AsErrorProbe<'a, T> {
    fn probe_error(self) -> Option<&'a (dyn std::error::Error + 'static)> {
        None
    }
}

#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum;

/// `axum::response::IntoResponse` in the type's format.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_axum {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::axum::response::IntoResponse for $($ty)*
        where
            $($bounds)*
        {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                // Only `Self: DefaultFormat` is required here, so a bad `format = …` is
                // reported once, at the attribute.
                $crate::axum::into_response_default(&self)
            }
        }
    };
}

/// Without the `axum` feature, nothing.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_axum {
    ($($tokens:tt)*) => {};
}

/// `actix_web::ResponseError` in the type's format, for types that are `Debug + Display`
/// (actix's supertraits); the higher-ranked bound lets the impl exist for every type and
/// hold only for those.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_actix {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)*
        where
            for<'__errwire> $($ty)*: ::core::fmt::Debug + ::core::fmt::Display,
            $($bounds)*
        {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::actix::status_code(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::actix::error_response_default(self)
            }
        }
    };
}

/// Without the `actix-web` feature, nothing.
#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_actix {
    ($($tokens:tt)*) => {};
}

/// The rendering context of the request being served, owned (for conversions that cannot
/// borrow from a task-local).
#[derive(Debug, Default)]
pub struct CurrentContext {
    request_id: Option<alloc::string::String>,
}

impl CurrentContext {
    /// Reads the errwire layer's request context, if any.
    #[must_use]
    pub fn capture() -> Self {
        #[cfg(any(feature = "tower", feature = "actix-web"))]
        if let Some(request) = crate::request::RequestContext::current() {
            return Self {
                request_id: request.request_id,
            };
        }
        Self::default()
    }

    /// As a rendering context.
    #[must_use]
    pub fn context(&self) -> crate::Context<'_> {
        match &self.request_id {
            Some(id) => crate::Context::new().request_id(id.as_str()),
            None => crate::Context::new(),
        }
    }
}

#[cfg(feature = "jsonrpsee")]
pub use jsonrpsee_types;
#[cfg(feature = "rmcp")]
pub use rmcp;

/// rmcp's `IntoCallToolResult` (the error on its MCP channel) and `From<T> for ErrorData`.
#[cfg(feature = "rmcp")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_rmcp {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::rmcp::handler::server::tool::IntoCallToolResult for $($ty)*
        where
            $($bounds)*
        {
            fn into_call_tool_result(
                self,
            ) -> ::core::result::Result<
                $crate::__private::rmcp::model::CallToolResponse,
                $crate::__private::rmcp::ErrorData,
            > {
                let current = $crate::__private::CurrentContext::capture();
                $crate::rmcp::into_call_tool_result(&self, &current.context())
            }
        }

        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::rmcp::ErrorData
        where
            $($bounds)*
        {
            fn from(error: $($ty)*) -> Self {
                let current = $crate::__private::CurrentContext::capture();
                $crate::rmcp::error_data(&error, &current.context())
            }
        }
    };
}

/// Without the `rmcp` feature, nothing.
#[cfg(not(feature = "rmcp"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_rmcp {
    ($($tokens:tt)*) => {};
}

/// `From<T> for jsonrpsee_types::ErrorObjectOwned`.
#[cfg(feature = "jsonrpsee")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_jsonrpsee {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::jsonrpsee_types::ErrorObjectOwned
        where
            $($bounds)*
        {
            fn from(error: $($ty)*) -> Self {
                let current = $crate::__private::CurrentContext::capture();
                $crate::jsonrpsee::error_object(&error, &current.context())
            }
        }
    };
}

/// Without the `jsonrpsee` feature, nothing.
#[cfg(not(feature = "jsonrpsee"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_jsonrpsee {
    ($($tokens:tt)*) => {};
}
