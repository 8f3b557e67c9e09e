//! The lock: each kind of breaking change fails with a readable diff; additions pass; every
//! rule fires alone and only when it should; severities change per rule and per code.
#![allow(dead_code)] // the versions' variants are read only through their catalogues

use errwire::catalogue::{Change, Lock, LockError};
use errwire::{ApiError, ErrorSpec};

/// Version 1 of a service's errors.
mod v1 {
    #[derive(errwire::ApiError)]
    #[api(domain = "accounts")]
    pub enum E {
        /// Not found.
        #[api(status = 404)]
        NotFound,
        /// Busy.
        #[api(status = 409)]
        Busy,
        /// Upstream failed.
        #[api(status = 502)]
        Upstream,
        /// Gone.
        #[api(status = 410)]
        Gone,
    }
}

fn lock(name: &str, specs: &[ErrorSpec]) -> Lock {
    let dir = std::env::temp_dir().join(format!("errwire-lock-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lock = Lock::new(dir.join("errors.lock.json"));
    let report = lock.clone().bless(true).check(specs).unwrap();
    assert!(report.blessed);
    lock.bless(false)
}

fn breaking(lock: &Lock, specs: &[ErrorSpec]) -> (Vec<Change>, String) {
    match lock.check(specs) {
        Err(error @ LockError::Breaking { .. }) => {
            let text = error.to_string();
            let LockError::Breaking { changes, .. } = error else {
                unreachable!()
            };
            (changes, text)
        }
        other => panic!("expected a breaking change, got {other:?}"),
    }
}

#[test]
fn an_unchanged_catalogue_passes() {
    let lock = lock("same", v1::E::CATALOGUE);
    let report = lock.check(v1::E::CATALOGUE).unwrap();
    assert!(report.added.is_empty() && report.reworded.is_empty() && !report.blessed);
}

#[test]
fn a_removed_code_fails() {
    mod v2 {
        #[derive(errwire::ApiError)]
        #[api(domain = "accounts")]
        pub enum E {
            /// Not found.
            #[api(status = 404)]
            NotFound,
            /// Busy.
            #[api(status = 409)]
            Busy,
            /// Upstream failed.
            #[api(status = 502)]
            Upstream,
        }
    }
    let lock = lock("removed", v1::E::CATALOGUE);
    let (changes, text) = breaking(&lock, v2::E::CATALOGUE);
    assert_eq!(
        changes,
        [Change::Removed {
            code: "gone".into(),
            declared_by: "suite::lock::v1::E::Gone".into()
        }]
    );
    assert!(
        text.contains("- `gone` removed (was suite::lock::v1::E::Gone)"),
        "{text}"
    );
    assert!(text.contains("ERRWIRE_BLESS=1"), "{text}");
}

#[test]
fn a_renamed_code_fails() {
    let lock = lock("renamed", v1::E::CATALOGUE);
    // The same variant, declaring another code.
    let renamed: Vec<ErrorSpec> = v1::E::CATALOGUE
        .iter()
        .map(|s| {
            if s.code() == "busy" {
                ErrorSpec::new("state_conflict", s.status(), s.message())
                    .with_source(s.type_name(), s.variant())
            } else {
                *s
            }
        })
        .collect();
    let (changes, text) = breaking(&lock, &renamed);
    assert_eq!(
        changes,
        [Change::Renamed {
            from: "busy".into(),
            to: "state_conflict".into(),
            declared_by: "suite::lock::v1::E::Busy".into()
        }]
    );
    assert!(
        text.contains("~ `busy` renamed to `state_conflict` (suite::lock::v1::E::Busy)"),
        "{text}"
    );
}

#[test]
fn a_changed_status_retry_class_band_or_jsonrpc_code_fails() {
    mod v2 {
        #[derive(errwire::ApiError)]
        #[api(domain = "accounts")]
        pub enum E {
            /// Not found.
            #[api(status = 410)]
            NotFound,
            /// Busy.
            #[api(status = 409, retry = true)]
            Busy,
            /// Upstream failed.
            #[api(status = 502, jsonrpc = -32001)]
            Upstream,
            /// Gone.
            #[api(status = 410, in_band)]
            Gone,
        }
    }
    let lock = lock("changed", v1::E::CATALOGUE);
    let (changes, text) = breaking(&lock, v2::E::CATALOGUE);
    assert_eq!(
        changes,
        [
            Change::Retry {
                code: "busy".into(),
                from: false,
                to: true
            },
            Change::InBand {
                code: "gone".into(),
                from: false,
                to: true
            },
            Change::Status {
                code: "not_found".into(),
                from: 404,
                to: 410
            },
            // The JSON-RPC code follows the status by default: 404 → -32601, 410 → -32000.
            Change::JsonRpc {
                code: "not_found".into(),
                from: -32601,
                to: -32000
            },
            // So does the gRPC code: NOT_FOUND is 404's, 410 has FAILED_PRECONDITION.
            Change::Grpc {
                code: "not_found".into(),
                from: "NOT_FOUND".into(),
                to: "FAILED_PRECONDITION".into()
            },
            Change::JsonRpc {
                code: "upstream".into(),
                from: -32603,
                to: -32001
            },
        ]
    );
    assert!(text.contains("~ `not_found` status 404 -> 410"), "{text}");
    assert!(
        text.contains("~ `gone` JSON-RPC transport its own status -> in band (HTTP 200)"),
        "{text}"
    );
    assert!(
        text.contains("~ `busy` retry class not retryable -> retryable"),
        "{text}"
    );
    assert!(
        text.contains("~ `upstream` JSON-RPC code -32603 -> -32001"),
        "{text}"
    );
}

#[test]
fn new_codes_and_new_wording_pass_and_are_listed() {
    mod v2 {
        #[derive(errwire::ApiError)]
        #[api(domain = "accounts")]
        pub enum E {
            /// Nothing here.
            #[api(status = 404)]
            NotFound,
            /// Busy.
            #[api(status = 409)]
            Busy,
            /// Upstream failed.
            #[api(status = 502)]
            Upstream,
            /// Gone.
            #[api(status = 410)]
            Gone,
            /// Teapot.
            #[api(status = 418)]
            Teapot,
        }
    }
    let lock = lock("added", v1::E::CATALOGUE);
    let report = lock.check(v2::E::CATALOGUE).unwrap();
    assert_eq!(report.added, ["teapot (suite::lock::v2::E::Teapot)"]);
    assert_eq!(report.reworded, ["not_found"]);
    // Blessing writes the new contract, which then passes as it stands.
    assert_eq!(
        lock.clone().bless(true).check(v2::E::CATALOGUE).unwrap().added,
        ["teapot (suite::lock::v2::E::Teapot)"]
    );
    assert!(lock.check(v2::E::CATALOGUE).unwrap().added.is_empty());
}

#[test]
fn deprecated_codes_stay_in_the_lock_marked() {
    #[derive(ApiError)]
    #[api(status = 400)]
    enum WithOld {
        /// Current.
        Current,
        /// Old.
        #[deprecated = "use Current"]
        Old,
    }
    let lock = lock("deprecated", WithOld::CATALOGUE);
    assert!(lock.check(WithOld::CATALOGUE).is_ok());
    let text = errwire::catalogue::contract_json(WithOld::CATALOGUE);
    assert!(text.contains("\"deprecated\": true"), "{text}");
}

#[test]
fn a_missing_or_broken_lock_file_says_how_to_create_it() {
    let missing = Lock::new("/nonexistent/errwire/errors.lock.json").bless(false);
    let text = missing.check(v1::E::CATALOGUE).unwrap_err().to_string();
    assert!(text.contains("run the tests once with ERRWIRE_BLESS=1"), "{text}");
    let dir = std::env::temp_dir().join(format!("errwire-lock-{}-broken", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("errors.lock.json"), "not json").unwrap();
    let text = Lock::new(dir.join("errors.lock.json"))
        .bless(false)
        .check(v1::E::CATALOGUE)
        .unwrap_err()
        .to_string();
    assert!(text.contains("is not an errwire contract"), "{text}");
}

#[test]
#[should_panic(expected = "error codes break the contract")]
fn assert_panics_with_the_diff() {
    let lock = lock("assert", v1::E::CATALOGUE);
    lock.assert(&v1::E::CATALOGUE[..2]);
}

/// The rules, each tried both ways on specs built by hand: a change that triggers exactly
/// that rule, with its default severity; and changes that must not trigger any.
mod rules {
    use std::time::Duration;

    use errwire::catalogue::{Change, Lock, LockError, RULES, Rules, Severity, compare, contract_json};
    use errwire::http::StatusCode;
    use errwire::{ErrorSpec, GrpcCode, McpChannel, ReportClass};

    fn base() -> ErrorSpec {
        with_status(StatusCode::CONFLICT)
    }

    /// The spec, every other fact set explicitly so that a new status changes nothing else.
    fn with_status(status: StatusCode) -> ErrorSpec {
        ErrorSpec::new("widget_busy", status, "The widget is busy.")
            .with_source("widgets::WidgetError", Some("Busy"))
            .with_domain("widgets")
            .with_retryable(true)
            .with_retry_after(Duration::from_secs(30))
            .with_jsonrpc_code(-32010)
            .with_grpc_code(GrpcCode::Aborted)
            .with_headers(&[("location", "/widgets")])
            .with_field_headers(&["x-widget"])
            .with_detail_names(&["slug"])
            .with_violations(true)
    }

    /// The rule ids and severities of what changed from `base()` to `live`.
    fn findings(live: &[ErrorSpec]) -> Vec<(&'static str, Severity)> {
        compare(&contract_json(&[base()]), &contract_json(live), &Rules::new())
            .unwrap()
            .iter()
            .map(|f| (f.rule(), f.severity))
            .collect()
    }

    #[test]
    fn each_rule_fires_alone_with_its_default_severity() {
        let other = ErrorSpec::new("widget_gone", StatusCode::GONE, "Gone.")
            .with_source("widgets::WidgetError", Some("Gone"));
        let cases: Vec<(&str, Vec<ErrorSpec>)> = vec![
            ("code-removed", vec![]),
            (
                "code-renamed",
                vec![
                    ErrorSpec::new("widget_locked", StatusCode::CONFLICT, "x")
                        .with_source("widgets::WidgetError", Some("Busy")),
                ],
            ),
            ("status-changed", vec![with_status(StatusCode::LOCKED)]),
            ("retry-changed", vec![base().with_retryable(false)]),
            ("in-band-changed", vec![base().with_in_band(true)]),
            ("jsonrpc-code-changed", vec![base().with_jsonrpc_code(-32011)]),
            (
                "grpc-code-changed",
                vec![base().with_grpc_code(GrpcCode::FailedPrecondition)],
            ),
            ("domain-changed", vec![base().with_domain("gadgets")]),
            (
                "mcp-channel-changed",
                vec![base().with_mcp_channel(McpChannel::Protocol)],
            ),
            ("header-removed", vec![base().with_headers(&[])]),
            ("header-removed", vec![base().with_field_headers(&[])]),
            ("detail-removed", vec![base().with_detail_names(&["name"])]),
            ("violations-removed", vec![base().with_violations(false)]),
            (
                "retry-after-shortened",
                vec![base().with_retry_after(Duration::from_secs(5))],
            ),
            ("code-added", vec![base(), other]),
            ("reworded", vec![base().with_help("Wait for the widget.")]),
            ("deprecated", vec![base().with_deprecated(true)]),
            ("report-changed", vec![base().with_report(ReportClass::Error)]),
        ];
        let mut seen: Vec<&str> = Vec::new();
        for (rule, live) in cases {
            let default = RULES.iter().find(|(id, _)| *id == rule).unwrap().1;
            assert_eq!(findings(&live), [(rule, default)], "{rule}");
            seen.push(rule);
        }
        for (id, _) in RULES {
            assert!(seen.contains(id), "no case for `{id}`");
        }
    }

    #[test]
    fn what_keeps_the_contract_fires_nothing() {
        for live in [
            vec![base()],
            vec![base().with_headers(&[("location", "/widgets"), ("allow", "GET")])],
            vec![base().with_detail_names(&["slug", "owner"])],
            vec![base().with_retry_after(Duration::from_secs(60))],
            vec![base().with_description("A widget is busy.")],
        ] {
            let text = contract_json(&live);
            let found = compare(&contract_json(&[base()]), &text, &Rules::new()).unwrap();
            let wording = found.iter().all(|f| f.rule() == "reworded");
            assert!(found.is_empty() || wording, "{found:?}");
        }
        // Only the description changed: wording, information only.
        assert_eq!(
            findings(&[base().with_description("A widget is busy.")]),
            [("reworded", Severity::Info)]
        );
    }

    #[test]
    fn severities_change_per_rule_and_per_code() {
        let added = [base(), ErrorSpec::new("widget_new", StatusCode::CONFLICT, "New.")];
        let rules = Rules::new().rule("code-added", Severity::Warning).unwrap();
        let found = compare(&contract_json(&[base()]), &contract_json(&added), &rules).unwrap();
        assert_eq!(found[0].severity, Severity::Warning);
        // Silenced for one code: removing it is allowed; removing another still breaks.
        let rules = Rules::new()
            .for_code("widget_busy", "code-removed", Severity::Allow)
            .unwrap();
        assert!(
            compare(&contract_json(&[base()]), &contract_json(&[]), &rules)
                .unwrap()
                .is_empty()
        );
        let rules = Rules::new()
            .for_code("other_code", "code-removed", Severity::Allow)
            .unwrap();
        assert_eq!(
            compare(&contract_json(&[base()]), &contract_json(&[]), &rules).unwrap()[0].severity,
            Severity::Breaking
        );
        // The metadata table `cargo errwire` reads, in `cargo metadata`'s JSON.
        let table = serde_json::json!({
            "rules": {"retry-after-shortened": "breaking"},
            "codes": {"widget_busy": {"detail-removed": "info"}}
        });
        let rules = Rules::from_metadata(&table).unwrap();
        let shorter = base()
            .with_retry_after(Duration::from_secs(1))
            .with_detail_names(&[]);
        let found: Vec<_> = compare(&contract_json(&[base()]), &contract_json(&[shorter]), &rules)
            .unwrap()
            .into_iter()
            .map(|f| (f.rule(), f.severity))
            .collect();
        assert_eq!(
            found,
            [
                ("retry-after-shortened", Severity::Breaking),
                ("detail-removed", Severity::Info)
            ]
        );
        for (bad, says) in [
            (
                serde_json::json!({"rules": {"code-vanished": "info"}}),
                "unknown errwire rule `code-vanished`",
            ),
            (
                serde_json::json!({"rules": {"code-added": "fatal"}}),
                "`errwire.rules.code-added`",
            ),
            (serde_json::json!({"codes": {"x": "info"}}), "`errwire.codes.x`"),
        ] {
            let error = Rules::from_metadata(&bad).unwrap_err().to_string();
            assert!(error.contains(says), "{error}");
        }
    }

    /// The lock file reads the same rules: a version 2 lock fails on a removed detail; a lock
    /// written before those rules existed (version 1) does not invent the change.
    #[test]
    fn the_lock_applies_the_rules_and_reads_version_one_files() {
        let dir = std::env::temp_dir().join(format!("errwire-lock-{}-rules", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("errors.lock.json");
        let lock = Lock::new(&path).bless(true);
        lock.check(&[base()]).unwrap();
        let lock = lock.bless(false);
        let without = [base().with_detail_names(&[])];
        match lock.check(&without) {
            Err(LockError::Breaking { changes, .. }) => assert_eq!(
                changes,
                [Change::DetailRemoved {
                    code: "widget_busy".into(),
                    detail: "slug".into()
                }]
            ),
            other => panic!("{other:?}"),
        }
        let relaxed = lock
            .clone()
            .rules(Rules::new().rule("detail-removed", Severity::Warning).unwrap());
        let report = relaxed.check(&without).unwrap();
        assert_eq!(report.findings[0].rule(), "detail-removed");
        let written = std::fs::read_to_string(&path).unwrap();
        let version_one: serde_json::Value = {
            let mut doc: serde_json::Value = serde_json::from_str(&written).unwrap();
            doc["format_version"] = 1.into();
            for entry in doc["codes"].as_array_mut().unwrap() {
                let entry = entry.as_object_mut().unwrap();
                for member in ["grpc_code", "headers", "details", "violations"] {
                    entry.remove(member);
                }
            }
            doc
        };
        std::fs::write(&path, serde_json::to_string_pretty(&version_one).unwrap()).unwrap();
        assert!(
            lock.check(&without).is_ok(),
            "a version 1 lock has no details to lose"
        );
    }
}
