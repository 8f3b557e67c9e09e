//! One code, one meaning: duplicates across types, found at run time.

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
        Some(variant) => std::format!("{}::{variant}", spec.type_name()),
        None => String::from(spec.type_name()),
    }
}

/// How two codes are compared when looking for duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodeMatch {
    /// Byte for byte: `internal_error` and `INTERNAL_ERROR` are two codes.
    #[default]
    Exact,
    /// Ignoring ASCII case: `internal_error` and `INTERNAL_ERROR` clash, as they do for a
    /// client that lower-cases codes or a case-insensitive lookup table.
    IgnoreAsciiCase,
}

/// Every code that more than one declaration uses, sorted by code. The same declaration
/// seen twice (a `transparent` variant repeats its field's specs) is not a duplicate.
#[must_use]
pub fn duplicates(specs: &[ErrorSpec]) -> Vec<Duplicate> {
    duplicates_by(specs, CodeMatch::Exact)
}

/// [`duplicates`], comparing codes as `matching` says. With [`CodeMatch::IgnoreAsciiCase`]
/// a declaration whose code is spelt differently from the first is listed with its spelling:
/// `path::Type::Variant (INTERNAL_ERROR)`.
#[must_use]
pub fn duplicates_by(specs: &[ErrorSpec], matching: CodeMatch) -> Vec<Duplicate> {
    let key = |code: &str| match matching {
        CodeMatch::Exact => String::from(code),
        CodeMatch::IgnoreAsciiCase => code.to_ascii_lowercase(),
    };
    let mut sorted: Vec<(String, &'static str, String)> = specs
        .iter()
        .map(|s| (key(s.code()), s.code(), declared_at(s)))
        .collect();
    sorted.sort();
    sorted.dedup();
    let mut found: Vec<(String, Duplicate)> = Vec::new();
    for (key, code, at) in sorted {
        match found.last_mut() {
            Some((last_key, last)) if *last_key == key => {
                let at = if code == last.code {
                    at
                } else {
                    std::format!("{at} ({code})")
                };
                last.declared_by.push(at);
            }
            _ => found.push((
                key,
                Duplicate {
                    code,
                    declared_by: std::vec![at],
                },
            )),
        }
    }
    found
        .into_iter()
        .map(|(_, duplicate)| duplicate)
        .filter(|d| d.declared_by.len() > 1)
        .collect()
}

/// `Ok` when every code has one declaration.
///
/// # Errors
/// [`DuplicateCodes`], naming each shared code and its declarations.
pub fn check_unique(specs: &[ErrorSpec]) -> Result<(), DuplicateCodes> {
    check_unique_by(specs, CodeMatch::Exact)
}

/// [`check_unique`], comparing codes as `matching` says.
///
/// # Errors
/// [`DuplicateCodes`], naming each shared code and its declarations.
pub fn check_unique_by(specs: &[ErrorSpec], matching: CodeMatch) -> Result<(), DuplicateCodes> {
    let found = duplicates_by(specs, matching);
    if found.is_empty() {
        Ok(())
    } else {
        Err(DuplicateCodes(found))
    }
}
