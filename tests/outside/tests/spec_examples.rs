//! Every method answers exactly what the SPEC's example attributes say.

use std::time::Duration;

use errwire::http::StatusCode;
use errwire::{ApiError, Catalogued, McpChannel};
use errwire_outside::spec_examples::{Gone, SpecError};

#[test]
fn each_method_gives_what_the_attributes_say() {
    let slug = SpecError::SlugTaken { slug: "acme".into() };
    assert_eq!(slug.status(), StatusCode::CONFLICT);
    assert_eq!(slug.code(), "state_conflict");
    assert_eq!(slug.message(), "The slug 'acme' is already in use.");
    assert!(!slug.retryable());
    assert_eq!(slug.retry_after(), None);
    assert_eq!(slug.domain(), Some("billing"));
    assert_eq!(slug.help(), None);
    assert_eq!(slug.jsonrpc_code(), -32000);
    assert_eq!(
        slug.docs_url(),
        Some("https://docs.example.com/errors#state_conflict")
    );
    assert_eq!(slug.spec().description(), Some("The slug is taken."));
    assert_eq!(slug.spec(), &SpecError::CATALOGUE[0]);

    assert_eq!(SpecError::ConflictByPath.status(), StatusCode::CONFLICT);
    assert_eq!(SpecError::ConflictByName.status(), StatusCode::CONFLICT);
    assert_eq!(SpecError::ConflictByName.code(), "conflict_by_name");

    let limited = SpecError::RateLimited;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.retryable());
    assert_eq!(limited.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(limited.domain(), Some("auth"));
    assert_eq!(limited.help(), Some("Respect the Retry-After header."));
    assert_eq!(limited.message(), "Rate limit exceeded.");
    assert_eq!(limited.jsonrpc_code(), -32000);

    let busy = SpecError::Busy(Duration::from_secs(5));
    assert_eq!(busy.retry_after(), Some(Duration::from_secs(5)));
    assert!(busy.retryable());
    assert_eq!(busy.jsonrpc_code(), -32603);

    let upstream = SpecError::Upstream;
    assert_eq!(upstream.title(), "Upstream failure");
    assert_eq!(upstream.jsonrpc_code(), -32001);

    let unknown = SpecError::UnknownTool {
        name: "delete_all".into(),
        token: "secret".into(),
    };
    assert_eq!(unknown.mcp_channel(), McpChannel::Protocol);
    assert_eq!(unknown.jsonrpc_code(), -32601);
    let mut details = Vec::new();
    unknown.details().for_each(|name, _| details.push(name));
    assert_eq!(details, ["param"]);

    let wrapped = SpecError::Wrapped(Gone);
    assert_eq!(wrapped.code(), "gone_for_good");
    assert_eq!(wrapped.status(), StatusCode::GONE);
    assert_eq!(wrapped.domain(), None);
    assert_eq!(Gone.message(), "A struct error with its own identity.");
    assert_eq!(Gone.title(), "Gone");
}

#[test]
fn the_catalogue_lists_every_code_in_order_with_the_wrapped_ones() {
    let codes: Vec<&str> = SpecError::CATALOGUE.iter().map(|s| s.code()).collect();
    assert_eq!(
        codes,
        [
            "state_conflict",
            "conflict_by_path",
            "conflict_by_name",
            "rate_limited",
            "busy",
            "upstream",
            "unknown_tool",
            "gone_for_good"
        ]
    );
    assert_eq!(<Gone as Catalogued>::CATALOGUE.len(), 1);
}
