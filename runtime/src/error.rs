//! The [`ApiError`] trait: what a client may learn about an error.

use core::fmt;
use core::time::Duration;
use std::borrow::Cow;
use std::sync::Arc;

use http::StatusCode;

use crate::details::Details;
use crate::spec::{ErrorSpec, GrpcCode, McpChannel};
use crate::violation::Violation;

/// An error with a complete, public API identity.
///
/// Derive it with `#[derive(ApiError)]`. Everything static about the current variant lives in
/// its [`ErrorSpec`] ([`ApiError::spec`]); the other methods default to reading it, and the
/// derive overrides only those that depend on the value (a message with placeholders, a retry
/// delay field, detail fields, `transparent` variants).
///
/// The trait is object safe: `&dyn ApiError` and `Box<dyn ApiError + Send + Sync>` are
/// errors too, so errors of many crates can travel as one type.
///
/// Nothing here reads `Display`, `Debug` or `source()`: what reaches the wire was written for
/// the wire.
///
/// A hand-written implementation must keep [`ApiError::message`] and
/// [`ApiError::write_message`] in agreement, and the static facts equal to its spec's.
pub trait ApiError {
    /// The static identity of this error's code.
    fn spec(&self) -> &'static ErrorSpec;

    /// The HTTP status.
    fn status(&self) -> StatusCode {
        self.spec().status()
    }

    /// The stable machine code.
    fn code(&self) -> &'static str {
        self.spec().code()
    }

    /// The public message, with placeholders filled from the error's fields. Borrows the
    /// template (no allocation) when it has no placeholders.
    fn message(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.spec().message())
    }

    /// The public message when it is a fixed string (no placeholders to fill): formats then
    /// write it as it is, without formatting. `None` means "format it with
    /// [`ApiError::write_message`]"; the derive answers for each variant, and `None` is
    /// always a correct answer.
    fn static_message(&self) -> Option<&'static str> {
        None
    }

    /// Writes the public message, without an intermediate `String`. Formats use this.
    ///
    /// # Errors
    /// Only those of the formatter.
    fn write_message(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        out.write_str(self.spec().message())
    }

    /// Whether a client may retry.
    fn retryable(&self) -> bool {
        self.spec().retryable()
    }

    /// How long a client should wait before retrying, when known.
    fn retry_after(&self) -> Option<Duration> {
        self.spec().retry_after()
    }

    /// The domain (group) of the code.
    fn domain(&self) -> Option<&'static str> {
        self.spec().domain()
    }

    /// Recovery advice.
    fn help(&self) -> Option<&'static str> {
        self.spec().help()
    }

    /// The problem+json title: the given `title`, else the status's reason phrase.
    fn title(&self) -> &'static str {
        self.spec().title()
    }

    /// The documentation URL of the code.
    fn docs_url(&self) -> Option<&'static str> {
        self.spec().docs_url()
    }

    /// The JSON-RPC error code.
    fn jsonrpc_code(&self) -> i32 {
        self.spec().jsonrpc_code()
    }

    /// Each placeholder of the message with its value as the template formats it, by Fluent
    /// variable name (`{0}` is `arg0`): what a translation's variables are filled with
    /// (written by the derive; hidden: not a stable API).
    #[doc(hidden)]
    fn __message_args(&self, visit: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        let _ = visit;
    }

    /// The gRPC status code (`grpc = "…"`, else the status mapping).
    fn grpc_code(&self) -> GrpcCode {
        self.spec().grpc_code()
    }

    /// The MCP channel: tool result (`isError: true`) or JSON-RPC protocol error.
    fn mcp_channel(&self) -> McpChannel {
        self.spec().mcp_channel()
    }

    /// The field violations of the error (`#[api(violations)]`), written natively by each
    /// format: problem+json `errors` with JSON Pointers, `violations` elsewhere.
    fn violations(&self) -> &[Violation] {
        &[]
    }

    /// Whether the error is sent in band: in the JSON-RPC formats the HTTP status is 200 and
    /// the error lives in the body. [`ApiError::status`] stays the error's class.
    fn in_band(&self) -> bool {
        self.spec().in_band()
    }

    /// Adds the response headers this error declares (`#[api(header(…))]`, fields marked
    /// `#[api(header = "…")]`, the enum's `challenge`) to `headers`. A value that is not a
    /// valid header value is left out, never sent altered. Headers errwire writes itself
    /// (`content-type`, `content-length`, `retry-after`, `x-request-id`) are ignored.
    fn headers(&self, headers: &mut http::HeaderMap) {
        self.spec().write_headers(headers);
    }

    /// The fields marked `#[api(detail)]`, serializable without knowing the concrete type.
    fn details(&self) -> Details<'_> {
        Details::none()
    }

    /// The error as a `std::error::Error`, for logs: its `Display` and `source()` chain.
    /// The derive returns `Some` when the type implements `Error` (and is `'static`). Never
    /// rendered: formats do not read it.
    fn as_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
        None
    }
}

/// Forwards every method to `**self`, so wrappers keep the wrapped error's dynamic facts.
/// `forward_api_error!(impl … for W)` forwards all of them; `forward_api_error!(@except_details)`
/// inside an impl block forwards all but `details`, for a wrapper that answers that one itself.
/// Every wrapper in the crate forwards through this macro, and a test (`forwarding` below)
/// fails when a method of the trait is missing from it.
macro_rules! forward_api_error {
    (@except_details) => {
        fn spec(&self) -> &'static $crate::spec::ErrorSpec { (**self).spec() }
        fn status(&self) -> ::http::StatusCode { (**self).status() }
        fn code(&self) -> &'static str { (**self).code() }
        fn message(&self) -> ::std::borrow::Cow<'static, str> { (**self).message() }
        fn static_message(&self) -> Option<&'static str> { (**self).static_message() }
        fn write_message(&self, out: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            (**self).write_message(out)
        }
        fn retryable(&self) -> bool { (**self).retryable() }
        fn retry_after(&self) -> Option<::std::time::Duration> { (**self).retry_after() }
        fn domain(&self) -> Option<&'static str> { (**self).domain() }
        fn help(&self) -> Option<&'static str> { (**self).help() }
        fn title(&self) -> &'static str { (**self).title() }
        fn docs_url(&self) -> Option<&'static str> { (**self).docs_url() }
        fn jsonrpc_code(&self) -> i32 { (**self).jsonrpc_code() }
        fn mcp_channel(&self) -> $crate::spec::McpChannel { (**self).mcp_channel() }
        fn grpc_code(&self) -> $crate::spec::GrpcCode { (**self).grpc_code() }
        fn __message_args(&self, visit: &mut dyn FnMut(&'static str, &dyn ::std::fmt::Display)) { (**self).__message_args(visit) }
        fn in_band(&self) -> bool { (**self).in_band() }
        fn violations(&self) -> &[$crate::violation::Violation] { (**self).violations() }
        fn headers(&self, headers: &mut ::http::HeaderMap) { (**self).headers(headers) }
        fn as_error(&self) -> Option<&(dyn std::error::Error + 'static)> { (**self).as_error() }
    };
    ($($impl_head:tt)*) => {
        $($impl_head)* {
            forward_api_error!(@except_details);
            fn details(&self) -> $crate::details::Details<'_> { (**self).details() }
        }
    };
}
pub(crate) use forward_api_error;

forward_api_error!(impl<T: ApiError + ?Sized> ApiError for &T);
forward_api_error!(impl<T: ApiError + ?Sized> ApiError for Box<T>);
forward_api_error!(impl<T: ApiError + ?Sized> ApiError for Arc<T>);

/// Shows only public facts (code and status), so a `Debug` of a wrapper holding a boxed
/// error never prints the inner error's internals.
macro_rules! debug_dyn_api_error {
    ($($ty:ty),*) => {$(
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("ApiError")
                    .field("code", &self.code())
                    .field("status", &self.status().as_u16())
                    .finish_non_exhaustive()
            }
        }
    )*};
}

debug_dyn_api_error!(dyn ApiError, dyn ApiError + Send, dyn ApiError + Send + Sync);

/// The public message: a boxed error's `Display` is what a client may read.
macro_rules! display_dyn_api_error {
    ($($ty:ty),*) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.write_message(f)
            }
        }
    )*};
}

display_dyn_api_error!(dyn ApiError, dyn ApiError + Send, dyn ApiError + Send + Sync);

#[cfg(test)]
mod forwarding {
    /// The names of the `fn`s between `start` and the next line equal to `end`.
    fn fns_between<'a>(source: &'a str, start: &str, end: &str) -> Vec<&'a str> {
        let from = source.find(start).expect("start marker");
        let body = &source[from..];
        let body = &body[..body.find(end).expect("end marker")];
        let mut names: Vec<&str> = body
            .lines()
            .filter_map(|line| line.trim_start().strip_prefix("fn "))
            .map(|rest| &rest[..rest.find(['(', '<']).unwrap_or(rest.len())])
            .collect();
        names.sort_unstable();
        names
    }

    /// A method added to the trait and not to the forwarding macro fails here, so no wrapper
    /// (`&T`, `Box`, `Arc`, the details-withheld fallback) silently answers with a default.
    #[test]
    fn the_macro_forwards_every_method_of_the_trait() {
        let source = include_str!("error.rs");
        let trait_methods = fns_between(source, "pub trait ApiError {", "\n}\n");
        let mut forwarded = fns_between(source, "(@except_details) => {", "\n    };\n");
        forwarded.push("details");
        forwarded.sort_unstable();
        assert!(trait_methods.len() > 15, "{trait_methods:?}");
        assert_eq!(trait_methods, forwarded);
    }

    /// The derive's `transparent` variants are wrappers too: each method either hands the
    /// call to the field (the derive's `delegate_to(…, "name")`, or the `direct` lookups), or
    /// is a fact of the spec, which is the field's. A new method fails here until it is one
    /// or the other.
    #[test]
    fn the_derive_delegates_every_method_a_transparent_variant_needs() {
        /// Answered from `spec()`, which a transparent variant delegates: the field's facts.
        const SPEC_FACTS: &[&str] = &[
            "retryable",
            "domain",
            "help",
            "title",
            "docs_url",
            "jsonrpc_code",
            "grpc_code",
            "mcp_channel",
            "in_band",
            "static_message",
            "as_error",
        ];
        let source = include_str!("error.rs");
        let derive = include_str!("../../macros/src/expand/api_error.rs");
        let quoted_after = |marker: &str| -> Vec<String> {
            derive
                .match_indices(marker)
                .filter_map(|(at, _)| {
                    let rest = &derive[at + marker.len()..];
                    let rest = rest.strip_prefix('"')?;
                    Some(rest[..rest.find('"')?].to_owned())
                })
                .collect()
        };
        let mut handled: Vec<String> = quoted_after("delegate_to(krate, ");
        handled.extend(quoted_after("direct("));
        handled.extend(SPEC_FACTS.iter().map(|s| (*s).to_owned()));
        handled.sort_unstable();
        handled.dedup();
        let trait_methods = fns_between(source, "pub trait ApiError {", "\n}\n");
        assert_eq!(trait_methods, handled);
    }
}
