//! The generated code passes strict lints: rustc's, clippy's pedantic and nursery groups,
//! and the restriction lints that catch sloppy generated code.
#![forbid(unsafe_code)]
#![deny(
    warnings,
    missing_docs,
    missing_debug_implementations,
    unused_qualifications,
    unused_results,
    unreachable_pub,
    trivial_casts,
    trivial_numeric_casts,
    single_use_lifetimes,
    unused_lifetimes,
    variant_size_differences,
    elided_lifetimes_in_paths,
    clippy::all,
    clippy::pedantic,
    clippy::nursery,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::missing_docs_in_private_items,
    clippy::pattern_type_mismatch,
    clippy::std_instead_of_core,
    clippy::absolute_paths,
    clippy::allow_attributes_without_reason
)]
//! Lints test.

use errwire::ApiError;

/// An error with every kind of variant.
#[derive(Debug, ApiError)]
#[api(status = 400, domain = "lints")]
pub enum Linted<T> {
    /// A unit variant.
    Unit,
    /// A tuple variant with a placeholder.
    #[api(message = "bad {0}", retry = true, retry_after = 2)]
    Tuple(T),
    /// A named variant with details and a delay.
    #[api(status = 429)]
    Named {
        /// Published.
        #[api(detail)]
        field: u8,
        /// Optional detail.
        #[api(detail = "opt")]
        optional: Option<u8>,
        /// The delay.
        #[api(retry_after)]
        wait: u32,
        /// Secret.
        #[api(sensitive)]
        secret: u8,
    },
    /// Wraps another error.
    #[api(transparent)]
    Wrapped(Inner),
    /// Deprecated, still listed.
    #[deprecated = "kept for the catalogue"]
    Old,
}

/// A struct error.
#[derive(Debug, ApiError)]
#[api(status = 404)]
pub struct Inner;

/// Private types get private catalogues (no `unreachable_pub`).
#[derive(Debug, ApiError)]
#[api(status = 500)]
struct Private;

#[test]
fn strict_lints_accept_the_derive() {
    assert_eq!(Linted::<u8>::Unit.code(), "unit");
    assert_eq!(Private.code(), "private");
    assert_eq!(Linted::<u8>::CATALOGUE.len(), 5);
}
