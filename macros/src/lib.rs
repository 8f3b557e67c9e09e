//! The derive behind [errwire](https://docs.rs/errwire): `#[derive(ApiError)]`.
//!
//! A pipeline you can read in the file names: `ast` and `attr` parse (darling receivers and
//! attribute values), `model` resolves every default, `valid` checks the rules that need
//! several attributes in view, `expand` writes one item per function, and `fallback` keeps a
//! broken input to one error. Use it through the `errwire` crate, which re-exports it.

mod ast;
mod attr;
mod diagnostic;
mod expand;
mod fallback;
mod fmt;
mod generics;
mod model;
mod status;
mod valid;

use darling::FromDeriveInput;
use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `errwire::ApiError` and `errwire::Catalogued`. See the `errwire` crate for the
/// attribute reference.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input).into()
}

fn derive(input: &DeriveInput) -> proc_macro2::TokenStream {
    if let syn::Data::Union(data) = &input.data {
        let error = syn::Error::new(
            data.union_token.span,
            "`ApiError` cannot be derived for a union: use an enum with one variant per error",
        );
        return with_fallback(input, error.to_compile_error());
    }
    let parsed = match ast::Input::from_derive_input(input) {
        Ok(parsed) => parsed,
        Err(error) => return with_fallback(input, diagnostic::to_compile_errors(error)),
    };
    let model = model::Model::new(&parsed);
    match valid::validate(&model) {
        Ok(()) => expand::expand(&model),
        Err(error) => with_fallback(input, diagnostic::to_compile_errors(error)),
    }
}

fn with_fallback(input: &DeriveInput, errors: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let fallback = fallback::fallback(input, &fallback::crate_path(input));
    quote::quote!(#errors #fallback)
}
