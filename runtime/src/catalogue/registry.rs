//! Every derived type's catalogue, gathered at link time.
//!
//! Built on `linkme`'s distributed slices: each `#[derive(ApiError)]` adds one element to a
//! link section, and the linker assembles the slice. Chosen over `inventory` because it
//! needs no code before `main` (no constructors) and costs nothing at run time.

use std::collections::HashSet;

use crate::spec::ErrorSpec;

/// One element per derived type (its own codes and those it splices in).
#[linkme::distributed_slice]
pub static CATALOGUES: [&'static [ErrorSpec]];

/// Every code of every derived type linked into this binary, each once, sorted by code
/// (then type and variant): deterministic whatever the link order.
///
/// A type's crate must be linked in: a test binary sees the crates it uses.
#[must_use]
pub fn all() -> Vec<ErrorSpec> {
    let mut seen = HashSet::new();
    let mut specs: Vec<ErrorSpec> = CATALOGUES
        .iter()
        .flat_map(|catalogue| catalogue.iter().copied())
        .filter(|spec| seen.insert(*spec))
        .collect();
    specs.sort_by(|a, b| (a.code(), a.type_name(), a.variant()).cmp(&(b.code(), b.type_name(), b.variant())));
    specs
}
