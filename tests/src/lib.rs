//! The integration tests of errwire: they live in `tests/` (one `suite` binary, and the few
//! that need a binary of their own) and `benches/`. The crates they use across crate
//! boundaries are in `fixtures/`.
