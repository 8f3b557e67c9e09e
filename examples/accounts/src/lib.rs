//! An accounts service's errors: one crate of a workspace whose codes form one contract.

use errwire::ApiError;

/// Errors of the accounts API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "accounts", docs = "https://docs.example.com/errors#{code}")]
pub enum AccountsError {
    /// Account not found.
    #[error("account {0} not found")]
    #[api(status = 404, code = "account_not_found")]
    NotFound(u64),
    /// Slug already in use.
    #[error("slug {slug} taken")]
    #[api(status = 409, message = "The slug '{slug}' is already in use.")]
    SlugTaken {
        /// The slug asked for.
        #[api(detail)]
        slug: String,
    },
    /// Too many requests.
    #[error("rate limited")]
    #[api(status = 429, help = "Respect the Retry-After header.")]
    RateLimited(#[api(retry_after)] u64),
}
