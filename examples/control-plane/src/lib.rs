//! Seed 001: a control plane's error codes (nested envelope) and its instances' OAuth 2
//! errors.
//!
//! `errors.rs` declares them; this file adds realistic values for the codes that carry data.

mod errors;

pub use errors::{ControlPlaneError, InstanceOAuthError};

/// One realistic value for every code that carries fields.
#[must_use]
pub fn examples() -> Vec<ControlPlaneError> {
    vec![
        ControlPlaneError::WorkspaceSlugTaken {
            slug: "acme".into(),
            suggestion: "acme-corp".into(),
        },
        ControlPlaneError::RateLimited(30),
        ControlPlaneError::WorkspaceProvisioningFailed { step: "dns".into() },
    ]
}
