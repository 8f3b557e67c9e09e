//! Seed 002: the whole `contracts/error-codes.json` table, in the flat envelope.
//!
//! Every code is a unit variant: the catalogue alone shows each one as a client sees it.
//! `locales/fr.ftl` translates every message into French ([`translations`]).

mod errors;

pub use errors::ContractError;

/// The French translations of every code (`locales/fr.ftl`), for `Accept-Language: fr`.
///
/// # Panics
/// If `locales/fr.ftl` does not parse — which the tests catch first: they check the file
/// against the catalogue.
#[must_use]
pub fn translations() -> errwire::i18n::Translations {
    errwire::i18n::Translations::parse([("fr", include_str!("../locales/fr.ftl"))])
        .unwrap_or_else(|error| panic!("locales/fr.ftl: {error}"))
}
