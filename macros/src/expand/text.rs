//! Source text for the items every variant repeats (its spec constant, its arm of `spec()`,
//! `status()` and `code()`, its catalogue entry), parsed into tokens once per derive.
//!
//! Why text: inside the compiler, `quote!` builds each group and joins each interpolated
//! stream through a call across the proc-macro bridge, and in an unoptimized macro (cargo's
//! default) those calls were the larger part of the derive's run on every edit of a crate
//! with a large enum (BENCHMARKS.md, "Compile time"). Parsed text gets `Span::call_site()`,
//! the span `quote!` gives its own tokens, so names resolve and lints fire exactly as
//! before. Only tokens that carry none of the user's spans are written this way: a format
//! string, a field's type or a user's path keeps its span through `quote!`.

use std::fmt::Write as _;

use proc_macro2::TokenStream;

use crate::model::Entry;

/// Rust source being written; [`Source::into_tokens`] parses it.
#[derive(Default)]
pub struct Source(String);

impl Source {
    /// Appends source text as it is.
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.0.push_str(text);
        self
    }

    /// Appends `value` as a string literal (`Debug`'s escapes are all valid in Rust source).
    pub fn str(&mut self, value: &str) -> &mut Self {
        let _ = write!(self.0, "{value:?}");
        self
    }

    /// Appends a number with its type's suffix, as `quote!` writes one (`404u16`).
    pub fn num(&mut self, value: impl std::fmt::Display, suffix: &str) -> &mut Self {
        let _ = write!(self.0, "{value}{suffix}");
        self
    }

    /// Appends `&[…]` of string literals.
    pub fn strs(&mut self, values: &[String]) -> &mut Self {
        self.push("&[");
        for value in values {
            self.str(value).push(",");
        }
        self.push("]")
    }

    /// Appends the pattern matching `entry` without binding a field: `Self::V`,
    /// `Self::V { .. }`, `Self` or `Self { .. }` — what `api_error::pattern` writes as tokens
    /// when it binds none (a test below holds the two together).
    pub fn pattern(&mut self, entry: &Entry<'_>) -> &mut Self {
        self.push("Self");
        if entry.is_variant {
            let _ = write!(self.0, "::{}", entry.ident);
        }
        if entry.is_unit { self } else { self.push(" { .. }") }
    }

    /// The tokens of the text. It is the derive's own text, so it always parses; if a bug
    /// ever made it not, the user gets a compile error naming it rather than a panic.
    pub fn into_tokens(self) -> TokenStream {
        // Inside the compiler, its own lexer: `proc_macro2`'s `from_str` first re-lexes the
        // text with its own (unoptimized) lexer to rule out a fatal error, which cost more
        // than writing the tokens with `quote!` (measured). The property tests drive this
        // pipeline outside a macro, where only `proc_macro2`'s lexer exists.
        if proc_macro::is_available()
            && let Ok(tokens) = self.0.parse::<proc_macro::TokenStream>()
        {
            return tokens.into();
        }
        self.0.parse().unwrap_or_else(|error| {
            let message =
                format!("errwire's derive wrote code that does not parse ({error}): please report this");
            quote::quote!(::core::compile_error!(#message);)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Source;
    use crate::expand::api_error::pattern;
    use crate::{ast, model};

    /// The text pattern and the token pattern agree for every shape an entry can have.
    #[test]
    fn the_text_pattern_is_the_token_pattern() {
        for input in [
            "enum E { #[api(status = 404)] Unit, #[api(status = 409)] Tuple(String), #[api(status = 410)] Named { slug: String } }",
            "#[api(status = 404)] struct Unit;",
            "#[api(status = 404)] struct Tuple(u8);",
            "#[api(status = 404)] struct Named { slug: String }",
        ] {
            let input: syn::DeriveInput = syn::parse_str(input).unwrap();
            let parsed = ast::Input::parse(&input).unwrap();
            let model = model::Model::new(&parsed);
            for entry in &model.entries {
                let mut text = Source::default();
                text.pattern(entry);
                assert_eq!(
                    text.into_tokens().to_string(),
                    pattern(entry, |_| false).to_string(),
                    "{}",
                    entry.ident
                );
            }
        }
    }
}
