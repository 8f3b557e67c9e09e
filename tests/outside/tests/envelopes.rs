//! Every JSON example printed in the seeds, reproduced byte for byte by the seed crates.

use errwire::format::{Flat, JsonRpcPlain, Nested, OAuth, Simple};
use errwire::{to_json, Context};
use errwire_outside::{seed001, seed002, seed003, seed004};
use serde_json::Value;

const SEED_001: &str = include_str!("../../seeds/001_d3f25759dfdcc93b.txt");
const SEED_002: &str = include_str!("../../seeds/002_56a0968ea776a956.txt");
const SEED_003: &str = include_str!("../../seeds/003_c6adbd2c1ec2cd9c.txt");
const SEED_004: &str = include_str!("../../seeds/004_f0ab4cf14442198e.txt");

/// The `nth` JSON object printed after `marker` in `doc`, in compact form, member order kept.
fn example(doc: &str, marker: &str, nth: usize) -> String {
    let mut rest = &doc[doc
        .find(marker)
        .unwrap_or_else(|| panic!("{marker:?} not in seed"))
        + marker.len()..];
    for _ in 0..nth {
        let (_, len) = object_at(rest);
        rest = &rest[len..];
    }
    let (start, len) = object_at(rest);
    let value: Value = serde_json::from_str(&rest[start..len]).unwrap();
    serde_json::to_string(&value).unwrap()
}

/// The start and end of the first balanced `{…}` in `text` (braces in strings skipped).
fn object_at(text: &str) -> (usize, usize) {
    let start = text.find('{').unwrap();
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    for (i, c) in text[start..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '{' if !in_string => depth += 1,
            '}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return (start, start + i + 1);
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced JSON in seed")
}

#[test]
fn seed_001_nested_envelope() {
    let error = seed001::ControlPlaneError::WorkspaceSlugTaken {
        slug: "acme".into(),
        suggestion: "acme-corp".into(),
    };
    let ctx = Context::new().request_id("req_xyz123");
    assert_eq!(
        to_json::<Nested>(&error, &ctx),
        example(SEED_001, "the same shape:", 0)
    );
}

#[test]
fn seed_001_oauth_envelope() {
    let printed = example(SEED_001, "Standard OAuth 2 shape:", 0);
    // The seed elides the description as "...": the members and the code must match.
    assert_eq!(printed, r#"{"error":"invalid_grant","error_description":"..."}"#);
    let ours: Value = serde_json::from_str(&to_json::<OAuth>(
        &seed001::InstanceOAuthError::InvalidGrant,
        &Context::new(),
    ))
    .unwrap();
    let printed: Value = serde_json::from_str(&printed).unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&ours), keys(&printed));
    assert_eq!(ours["error"], printed["error"]);
    assert_eq!(
        ours["error_description"],
        "code expired, redirect_uri mismatch, code reused."
    );
}

#[test]
fn seed_002_flat_envelope() {
    let body = to_json::<Flat>(&seed002::ContractError::AuthRequired, &Context::new());
    assert_eq!(body, example(SEED_002, "Error envelope", 0));
    // The seed prints the example twice; both are the same envelope.
    assert_eq!(body, example(SEED_002, "Error envelope", 1));
}

#[test]
fn seed_003_simple_envelopes() {
    let brief = to_json::<Simple>(&seed003::WorldMonitorError::BriefNotFound, &Context::new());
    assert_eq!(brief, example(SEED_003, "## Error shape", 0));
    let invalid = seed003::WorldMonitorError::InvalidRequest {
        description: "iso2 must be a 2-letter uppercase country code".into(),
        field: "iso2".into(),
    };
    assert_eq!(
        to_json::<Simple>(&invalid, &Context::new()),
        example(SEED_003, "additional fields:", 0)
    );
}

#[test]
fn seed_004_json_rpc_envelope() {
    let denied = seed004::McpProxyError::ToolDenied {
        tool: "delete_file".into(),
        agent: "my-first-agent".into(),
    };
    let body = to_json::<JsonRpcPlain>(&denied, &Context::new().jsonrpc_id(1));
    assert_eq!(body, example(SEED_004, "returns a JSON-RPC error object:", 0));
    // A policy denial is "200 + error object".
    let response = errwire::to_response::<JsonRpcPlain>(&denied, &Context::new().jsonrpc_id(1));
    assert_eq!(response.status(), 200);
}
