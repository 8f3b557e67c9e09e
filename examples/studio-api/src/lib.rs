//! Seed 002: the whole `contracts/error-codes.json` table, in the flat envelope.
//!
//! Every code is a unit variant: the catalogue alone shows each one as a client sees it.

mod errors;

pub use errors::ContractError;
