//! One code, one meaning: duplicates across types, found at run time.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::spec::ErrorSpec;

/// A code declared by more than one variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The shared code.
    pub code: &'static str,
    /// Every declaration of it, as `path::Type::Variant` (or `path::Type` for a struct).
    pub declared_by: Vec<String>,
}

/// Codes declared more than once, with who declares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateCodes(pub Vec<Duplicate>);

impl fmt::Display for DuplicateCodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} error code(s) are declared more than once:", self.0.len())?;
        for duplicate in &self.0 {
            writeln!(f, "  `{}`: {}", duplicate.code, duplicate.declared_by.join(", "))?;
        }
        write!(
            f,
            "give each a distinct `code = \"…\"`, or compose with `#[api(transparent)]`"
        )
    }
}

impl std::error::Error for DuplicateCodes {}

/// Where a spec is declared: `path::Type::Variant`.
pub(crate) fn declared_at(spec: &ErrorSpec) -> String {
    match spec.variant() {
        Some(variant) => alloc::format!("{}::{variant}", spec.type_name()),
        None => String::from(spec.type_name()),
    }
}

/// Every code that more than one declaration uses, sorted by code. The same declaration
/// seen twice (a `transparent` variant repeats its field's specs) is not a duplicate.
#[must_use]
pub fn duplicates(specs: &[ErrorSpec]) -> Vec<Duplicate> {
    let mut sorted: Vec<(&'static str, String)> = specs.iter().map(|s| (s.code(), declared_at(s))).collect();
    sorted.sort();
    sorted.dedup();
    let mut found: Vec<Duplicate> = Vec::new();
    for (code, at) in sorted {
        match found.last_mut() {
            Some(last) if last.code == code => last.declared_by.push(at),
            _ => found.push(Duplicate {
                code,
                declared_by: alloc::vec![at],
            }),
        }
    }
    found.retain(|d| d.declared_by.len() > 1);
    found
}

/// `Ok` when every code has one declaration.
///
/// # Errors
/// [`DuplicateCodes`], naming each shared code and its declarations.
pub fn check_unique(specs: &[ErrorSpec]) -> Result<(), DuplicateCodes> {
    let found = duplicates(specs);
    if found.is_empty() {
        Ok(())
    } else {
        Err(DuplicateCodes(found))
    }
}
