//! A billing service's errors: one crate of a workspace whose codes form one contract.

use errwire::ApiError;

/// Errors of the billing API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "billing", rename_all = "snake_case")]
pub enum BillingError {
    /// Insufficient credits.
    #[error("needs {needed} more credits")]
    #[api(status = 402, help = "Top up at /dashboard/credits.")]
    InsufficientCredits {
        /// Credits missing.
        #[api(detail)]
        needed: u32,
    },
    /// Payment provider failed.
    #[error("payment provider failed")]
    #[api(status = 502, jsonrpc = -32001)]
    PaymentProviderFailed,
    /// Subscription past due.
    #[error("past due")]
    #[api(status = 402)]
    SubscriptionPastDue,
}
