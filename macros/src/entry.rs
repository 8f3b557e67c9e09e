//! The pipeline on `proc_macro2` tokens: parse, validate, expand — or, on any error, the
//! errors and a fallback. Kept apart from `lib.rs` so tests can drive it directly (the
//! "never panics" property tests compile these modules into a test crate).

use syn::DeriveInput;

use crate::{ast, diagnostic, expand, fallback, model, valid};

/// Expands `#[derive(ApiError)]` for `input`: the implementations, or spanned errors.
pub fn derive(input: &DeriveInput) -> proc_macro2::TokenStream {
    if let syn::Data::Union(data) = &input.data {
        let error = syn::Error::new(
            data.union_token.span,
            "`ApiError` cannot be derived for a union: use an enum with one variant per error",
        );
        return with_fallback(input, error.to_compile_error());
    }
    let parsed = match ast::Input::parse(input) {
        Ok(parsed) => parsed,
        Err(error) => return with_fallback(input, diagnostic::to_compile_errors(&error)),
    };
    let model = model::Model::new(&parsed);
    match valid::validate(&model) {
        Ok(()) => expand::expand(&model),
        Err(error) => with_fallback(input, diagnostic::to_compile_errors(&error)),
    }
}

#[allow(clippy::needless_pass_by_value)] // the errors are moved into the output
fn with_fallback(input: &DeriveInput, errors: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let fallback = fallback::fallback(input, &fallback::crate_path(input));
    quote::quote!(#errors #fallback)
}
