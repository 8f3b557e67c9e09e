//! `CATALOGUE`: declaration order, const use, and `transparent` composition.

use errwire::http::StatusCode;
use errwire::{ApiError, Catalogued, ErrorSpec};

#[derive(Debug, ApiError)]
#[api(domain = "auth", status = 401, rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthError {
    /// Authentication required.
    AuthRequired,
    /// Session expired.
    AuthSessionExpired,
}

#[derive(Debug, ApiError)]
#[api(domain = "billing", status = 402, rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BillingError {
    /// Insufficient credits.
    BillingInsufficientCredits { needed: u32 },
}

#[derive(Debug, ApiError)]
#[api(status = 500, rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GatewayError {
    /// Internal server error.
    InternalError,
    #[api(transparent)]
    Auth(AuthError),
    #[api(transparent)]
    Billing { inner: Box<BillingError> },
    #[api(transparent)]
    Dynamic(Box<dyn ApiError + Send + Sync>),
    /// Upstream request timed out.
    #[api(status = 504)]
    UpstreamTimeout,
}

fn codes(specs: &[ErrorSpec]) -> Vec<&'static str> {
    specs.iter().map(ErrorSpec::code).collect()
}

#[test]
fn catalogue_lists_codes_in_declaration_order_with_transparent_ones_spliced_in() {
    assert_eq!(
        codes(AuthError::CATALOGUE),
        ["AUTH_REQUIRED", "AUTH_SESSION_EXPIRED"]
    );
    assert_eq!(
        codes(GatewayError::CATALOGUE),
        [
            "INTERNAL_ERROR",
            "AUTH_REQUIRED",
            "AUTH_SESSION_EXPIRED",
            "BILLING_INSUFFICIENT_CREDITS",
            "UPSTREAM_TIMEOUT"
        ]
    );
    assert_eq!(<GatewayError as Catalogued>::CATALOGUE, GatewayError::CATALOGUE);
}

#[test]
fn spec_returns_the_catalogue_entry() {
    let error = AuthError::AuthSessionExpired;
    assert_eq!(error.spec(), &AuthError::CATALOGUE[1]);
    assert!(std::ptr::eq(error.spec(), AuthError::AuthSessionExpired.spec()));
}

#[test]
fn transparent_variants_answer_with_the_inner_error() {
    let auth = GatewayError::Auth(AuthError::AuthRequired);
    assert_eq!(auth.code(), "AUTH_REQUIRED");
    assert_eq!(auth.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(auth.domain(), Some("auth"));
    assert_eq!(auth.message(), "Authentication required.");
    let billing = GatewayError::Billing {
        inner: Box::new(BillingError::BillingInsufficientCredits { needed: 2 }),
    };
    assert_eq!(billing.code(), "BILLING_INSUFFICIENT_CREDITS");
    assert_eq!(
        billing.spec().type_name(),
        concat!(module_path!(), "::BillingError")
    );
    let dynamic = GatewayError::Dynamic(Box::new(BillingError::BillingInsufficientCredits { needed: 1 }));
    assert_eq!(dynamic.code(), "BILLING_INSUFFICIENT_CREDITS");
    assert_eq!(dynamic.status(), StatusCode::PAYMENT_REQUIRED);
    assert_eq!(
        format!("{dynamic:?}"),
        r#"Dynamic(ApiError { code: "BILLING_INSUFFICIENT_CREDITS", status: 402, .. })"#
    );
    assert_eq!(GatewayError::UpstreamTimeout.code(), "UPSTREAM_TIMEOUT");
    assert!(GatewayError::UpstreamTimeout.retryable());
}

// The catalogue is a `const`: contracts can be checked at compile time.
const _: () = {
    assert!(AuthError::CATALOGUE.len() == 2);
    assert!(AuthError::CATALOGUE[0].status().as_u16() == 401);
    assert!(GatewayError::CATALOGUE.len() == 5);
    assert!(!AuthError::CATALOGUE[1].retryable());
    assert!(GatewayError::CATALOGUE[4].retryable());
};

#[derive(Debug, ApiError)]
#[api(status = 500)]
enum Generic<E: ApiError> {
    Own,
    #[api(transparent)]
    Inner(E),
}

#[test]
fn generic_transparent_fields_answer_at_run_time_but_add_no_static_codes() {
    // A `const` cannot depend on `E`, so only the type's own codes are listed.
    assert_eq!(codes(Generic::<AuthError>::CATALOGUE), ["own"]);
    assert_eq!(
        Generic::<AuthError>::Inner(AuthError::AuthRequired).code(),
        "AUTH_REQUIRED"
    );
    assert_eq!(Generic::<AuthError>::Own.code(), "own");
}

#[derive(Debug, ApiError)]
enum Empty {}

#[test]
fn an_empty_enum_has_an_empty_catalogue() {
    assert!(Empty::CATALOGUE.is_empty());
}

#[derive(Debug, ApiError)]
#[api(transparent)]
struct Wrapper(AuthError);

#[test]
fn a_transparent_struct_wraps_one_error() {
    assert_eq!(Wrapper(AuthError::AuthRequired).code(), "AUTH_REQUIRED");
    assert_eq!(
        codes(Wrapper::CATALOGUE),
        ["AUTH_REQUIRED", "AUTH_SESSION_EXPIRED"]
    );
}
