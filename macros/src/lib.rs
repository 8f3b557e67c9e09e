//! The derive behind [errwire](https://docs.rs/errwire): `#[derive(ApiError)]`.
//!
//! A pipeline you can read in the file names: `ast` and `attr` parse (the keys and
//! attribute values), `model` resolves every default, `valid` checks the rules that need
//! several attributes in view, `expand` writes one item per function, and `fallback` keeps a
//! broken input to one error. Use it through the `errwire` crate, which re-exports it.

mod ast;
mod attr;
mod diagnostic;
mod entry;
mod expand;
mod fallback;
mod fmt;
mod generics;
mod model;
// Shared with the runtime (a symbolic link to `runtime/src/rules.rs`): one source for each
// rule both crates apply.
#[allow(dead_code)]
mod rules;
// Shared with the runtime (a symbolic link to `runtime/src/spec/flags.rs`): the bits of the
// flags argument of each spec's constructor.
#[allow(dead_code)]
mod spec_flags;
mod status;
mod valid;
// Shared with the runtime (a symbolic link to `runtime/src/wire/classes.rs`): the derive
// answers the wire checks of each spec itself, with the runtime's own predicates.
#[allow(dead_code)]
mod wire_classes;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `errwire::ApiError` and `errwire::Catalogued`. See the `errwire` crate for the
/// attribute reference.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    entry::derive(&input).into()
}
