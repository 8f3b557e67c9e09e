//! validator's and garde's reports as field violations: nested structs and lists become
//! paths, and the paths become JSON Pointers that resolve in the validated value.

use crate::common;

use errwire::format::Problem;
use errwire::{ApiError, Context, Violation, to_json};
use serde_json::Value;

#[derive(Debug, ApiError)]
enum OrderError {
    /// Some fields are invalid.
    #[api(status = 422)]
    Invalid(#[api(violations)] Vec<Violation>),
}

mod with_validator {
    use validator::Validate;

    #[derive(Debug, serde::Serialize, Validate)]
    pub struct Order {
        #[validate(email(message = "Not an email address."))]
        pub email: String,
        #[validate(nested)]
        pub items: Vec<Item>,
        #[validate(nested)]
        pub shipping: Address,
    }

    #[derive(Debug, serde::Serialize, Validate)]
    pub struct Item {
        #[validate(length(min = 1, max = 5, message = "1 to 5 characters."))]
        pub name: String,
        #[validate(range(min = 1))]
        pub quantity: u32,
    }

    #[derive(Debug, serde::Serialize, Validate)]
    pub struct Address {
        #[validate(length(equal = 2, message = "Two letters."))]
        pub country: String,
    }
}

mod with_garde {
    use garde::Validate;

    #[derive(Debug, serde::Serialize, Validate)]
    pub struct Order {
        #[garde(length(min = 3))]
        pub name: String,
        #[garde(dive)]
        pub items: Vec<Item>,
    }

    #[derive(Debug, serde::Serialize, Validate)]
    pub struct Item {
        #[garde(range(min = 1))]
        pub quantity: u32,
    }
}

/// Every pointer of the problem+json body resolves in `value`.
fn pointers_resolve(error: &OrderError, value: &Value) {
    let body: Value = serde_json::from_str(&to_json::<Problem>(error, &Context::new())).unwrap();
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), error.violations().len());
    for entry in errors {
        let pointer = common::fragment_to_pointer(entry["pointer"].as_str().unwrap());
        assert!(value.pointer(&pointer).is_some(), "{pointer} in {value}");
    }
}

#[test]
fn validator_errors_with_nested_structs_and_lists() {
    use validator::Validate;
    let order = with_validator::Order {
        email: "nope".into(),
        items: vec![
            with_validator::Item {
                name: "ok".into(),
                quantity: 1,
            },
            with_validator::Item {
                name: "far too long".into(),
                quantity: 0,
            },
        ],
        shipping: with_validator::Address {
            country: "FRA".into(),
        },
    };
    let errors = order.validate().unwrap_err();
    let violations = errwire::validator::violations(&errors);
    let seen: Vec<(&str, &str, &str)> = violations
        .iter()
        .map(|v| (v.field(), v.code(), v.message()))
        .collect();
    assert_eq!(
        seen,
        [
            ("email", "email", "Not an email address."),
            ("items[1].name", "length", "1 to 5 characters."),
            ("items[1].quantity", "range", "Failed the `range` check."),
            ("shipping.country", "length", "Two letters."),
        ]
    );
    pointers_resolve(
        &OrderError::Invalid(violations),
        &serde_json::to_value(&order).unwrap(),
    );
}

#[test]
fn garde_reports_with_lists() {
    use garde::Validate;
    let order = with_garde::Order {
        name: "a".into(),
        items: vec![with_garde::Item { quantity: 2 }, with_garde::Item { quantity: 0 }],
    };
    let report = order.validate().unwrap_err();
    let violations = errwire::garde::violations(&report);
    let fields: Vec<&str> = violations.iter().map(Violation::field).collect();
    assert_eq!(fields, ["items[1].quantity", "name"]);
    assert!(
        violations
            .iter()
            .all(|v| v.code() == "invalid" && !v.message().is_empty())
    );
    pointers_resolve(
        &OrderError::Invalid(violations),
        &serde_json::to_value(&order).unwrap(),
    );
}
