//! validator (feature `validator`): a `ValidationErrors` as field violations, nested structs
//! and lists included (`items[2].name`).
//!
//! ```
//! use errwire::{ApiError, Violation};
//! use validator::Validate;
//!
//! #[derive(Validate)]
//! struct Signup {
//!     #[validate(email(message = "Not an email address."))]
//!     email: String,
//! }
//!
//! #[derive(Debug, ApiError)]
//! enum SignupError {
//!     /// Some fields are invalid.
//!     #[api(status = 422)]
//!     Invalid(#[api(violations)] Vec<Violation>),
//! }
//!
//! let errors = Signup { email: "nope".into() }.validate().unwrap_err();
//! let error = SignupError::Invalid(errwire::validator::violations(&errors));
//! assert_eq!(error.violations()[0].field(), "email");
//! assert_eq!(error.violations()[0].code(), "email");
//! assert_eq!(error.violations()[0].message(), "Not an email address.");
//! ```

use validator::{ValidationErrors, ValidationErrorsKind};

use crate::violation::Violation;

/// Every failed check in `errors`, sorted by field: the field as a path, validator's code
/// (`length`, `email`, …) and its message (`message = "…"` in the attribute; without one,
/// a generic message naming the check — validator's own parameters are not sent).
#[must_use]
pub fn violations(errors: &ValidationErrors) -> Vec<Violation> {
    let mut out = Vec::new();
    collect(errors, "", &mut out);
    out.sort_by(|a, b| a.field().cmp(b.field()));
    out
}

fn collect(errors: &ValidationErrors, prefix: &str, out: &mut Vec<Violation>) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            String::from(field.as_ref())
        } else if field == "__all__" {
            String::from(prefix)
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for error in list {
                    let message = match &error.message {
                        Some(message) => String::from(message.as_ref()),
                        None => format!("Failed the `{}` check.", error.code),
                    };
                    out.push(Violation::new(
                        path.clone(),
                        String::from(error.code.as_ref()),
                        message,
                    ));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    collect(inner, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}
