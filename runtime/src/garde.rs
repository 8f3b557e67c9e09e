//! garde (feature `garde`): a `Report` as field violations, with garde's paths
//! (`items[2].name`).
//!
//! ```
//! use errwire::{ApiError, Violation};
//! use garde::Validate;
//!
//! #[derive(Validate)]
//! struct Signup {
//!     #[garde(length(min = 3))]
//!     name: String,
//! }
//!
//! #[derive(Debug, ApiError)]
//! enum SignupError {
//!     /// Some fields are invalid.
//!     #[api(status = 422)]
//!     Invalid(#[api(violations)] Vec<Violation>),
//! }
//!
//! let report = Signup { name: "a".into() }.validate().unwrap_err();
//! let error = SignupError::Invalid(errwire::garde::violations(&report));
//! assert_eq!(error.violations()[0].field(), "name");
//! ```

use crate::violation::Violation;

/// Every error in `report`, in garde's order: the path, the code `invalid` (garde errors have
/// no code of their own) and garde's message, which describes the rule (`length is lower
/// than 3`), not the value.
#[must_use]
pub fn violations(report: &garde::Report) -> Vec<Violation> {
    report
        .iter()
        .map(|(path, error)| Violation::new(path.to_string(), "invalid", String::from(error.message())))
        .collect()
}
