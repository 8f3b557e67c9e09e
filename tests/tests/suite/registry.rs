//! `catalogue::all()`: every derived type linked into the binary, across crates; and the
//! duplicate found at run time.

use errwire::ApiError;
use errwire::catalogue::{self, check_unique, duplicates};

/// The linker keeps a crate only if the binary uses it, so a contract test uses each crate's
/// errors, as the service that serves them does.
#[test]
fn the_crates_of_this_binary_are_used() {
    assert_eq!(legacy::LegacyAccountsError::Retired.status().as_u16(), 410);
    assert_eq!(accounts::AccountsError::NotFound(1).status().as_u16(), 404);
    assert_eq!(billing::BillingError::SubscriptionPastDue.status().as_u16(), 402);
}

#[derive(Debug, ApiError)]
#[api(status = 418)]
enum Local {
    /// Declared in this test binary.
    Teapot,
}

#[test]
fn all_lists_the_codes_of_every_linked_crate_once_sorted() {
    let all = catalogue::all();
    let declared: Vec<String> = all
        .iter()
        .map(|s| format!("{} {}::{}", s.code(), s.type_name(), s.variant().unwrap_or("")))
        .collect();
    for expected in [
        "account_not_found accounts::AccountsError::NotFound",
        "account_not_found legacy::LegacyAccountsError::Missing",
        "insufficient_credits billing::BillingError::InsufficientCredits",
        "teapot suite::registry::Local::Teapot",
    ] {
        assert!(
            declared.iter().any(|d| d == expected),
            "{expected} not in {declared:#?}"
        );
    }
    let mut sorted = all.clone();
    sorted.sort_by(|a, b| a.code().cmp(b.code()));
    assert_eq!(
        all.iter().map(|s| s.code()).collect::<Vec<_>>(),
        sorted.iter().map(|s| s.code()).collect::<Vec<_>>()
    );
    assert_eq!(Local::Teapot.code(), "teapot");
}

#[test]
fn a_code_shared_by_two_crates_is_found_with_both_declarations() {
    let found = duplicates(&catalogue::all());
    let shared = found
        .iter()
        .find(|d| d.code == "account_not_found")
        .expect("the clash is found");
    // The axum and actix-web examples, linked into this binary too, declare it again.
    assert_eq!(
        shared.declared_by,
        [
            "accounts::AccountsError::NotFound",
            "actix_service_example::AccountsError::NotFound",
            "axum_service::AccountsError::NotFound",
            "legacy::LegacyAccountsError::Missing"
        ]
    );
    let error = check_unique(&catalogue::all()).unwrap_err().to_string();
    assert!(
        error.contains(
            "`account_not_found`: accounts::AccountsError::NotFound, actix_service_example::AccountsError::NotFound, axum_service::AccountsError::NotFound, legacy::LegacyAccountsError::Missing"
        ),
        "{error}"
    );
}

#[test]
fn crates_without_a_clash_pass() {
    let mut specs = accounts::AccountsError::CATALOGUE.to_vec();
    specs.extend_from_slice(billing::BillingError::CATALOGUE);
    assert_eq!(check_unique(&specs), Ok(()));
}

// Proven at compile time, across two crates.
errwire::assert_unique_codes!(accounts::AccountsError, billing::BillingError, Local);

/// Texts on both sides of the OAuth and URI rules, for the check below.
#[derive(Debug, ApiError)]
#[api(docs = "https://docs.example.com/errors#{code}")]
enum WireEdges {
    /// Say "hi" — with a quote, a dash and é.
    #[api(status = 400)]
    Quoted,
}

/// A docs template that is not a URI reference.
#[derive(Debug, ApiError)]
#[api(docs = "not a uri [at all] {code}")]
enum BadDocs {
    /// Plain text.
    #[api(status = 400)]
    Plain,
}

/// The derive answers the wire checks of each spec at expansion time (with the runtime's own
/// predicates, compiled into both crates); every linked spec must agree with the runtime.
#[test]
fn the_derives_wire_checks_equal_the_runtimes() {
    assert_eq!(WireEdges::Quoted.code(), "quoted");
    let all = catalogue::all();
    assert!(all.len() > 20, "{}", all.len());
    for spec in all.iter().chain(WireEdges::CATALOGUE).chain(BadDocs::CATALOGUE) {
        assert!(spec.__wire_checks_hold(), "{spec:?}");
    }
    let quoted = WireEdges::Quoted.spec();
    assert!(!errwire::wire::is_clean_oauth_text(quoted.message()));
    assert!(errwire::wire::is_uri_reference(quoted.docs_url().unwrap()));
    assert!(!errwire::wire::is_uri_reference(
        BadDocs::Plain.spec().docs_url().unwrap()
    ));
}
