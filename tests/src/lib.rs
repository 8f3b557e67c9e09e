//! Types shared by the integration tests: a crate of its own, so cross-crate behaviour is
//! real.

/// A legacy accounts API that reuses a code of the `accounts` crate: the clash the
/// catalogue checks must find.
pub mod legacy {
    use errwire::ApiError;

    /// The legacy errors.
    #[derive(Debug, ApiError)]
    #[api(domain = "legacy")]
    pub enum LegacyAccountsError {
        /// Account not found (legacy endpoint).
        #[api(status = 404, code = "account_not_found")]
        Missing,
        /// Legacy endpoint retired.
        #[api(status = 410)]
        Retired,
    }
}
