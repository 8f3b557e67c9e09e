//! This workspace's own contract: exactly the lines the catalogue's page tells users to write
//! (`runtime/src/docs/catalogue.md`, "Locked").

#[test]
fn error_codes_keep_their_contract() {
    // Use each crate whose codes the contract covers: the linker keeps only used crates.
    let _ = (
        accounts::AccountsError::NotFound(0),
        billing::BillingError::SubscriptionPastDue,
    );
    let lock = errwire::catalogue::Lock::new(concat!(env!("CARGO_MANIFEST_DIR"), "/errors.lock.json"));
    lock.assert(&errwire::catalogue::all());
}
