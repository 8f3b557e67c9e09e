//! The lock: each kind of breaking change fails with a readable diff; additions pass.
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
