//! Where-clauses: a bound only for a field whose type mentions a type parameter, and only
//! for the use the generated code makes of it (thiserror's approach).
//!
//! ```text
//! #[derive(ApiError)]
//! enum E<T> {
//!     #[api(status = 400, message = "bad {0}")]
//!     Bad(T),                        // ⇒ where T: ::core::fmt::Display
//!     #[api(status = 409)]
//!     Busy(#[api(detail = "at")] T), // ⇒ where T: ::errwire::__private::serde::Serialize
//!     #[api(status = 500)]
//!     Quiet(T),                      // ⇒ no bound: T is never read
//! }
//! ```

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::{Generics, Ident, Type, WherePredicate};

use crate::model::{HeaderSource, Model};

/// The type's generics with the bounds its `ApiError` implementation needs.
pub fn with_bounds(model: &Model<'_>) -> Generics {
    let krate = &model.krate;
    let params: Vec<&Ident> = model.generics.type_params().map(|p| &p.ident).collect();
    let mut generics = model.generics.clone();
    let mut added: Vec<String> = Vec::new();
    let mut add = |ty: &Type, bound: TokenStream| {
        if !mentions(ty.to_token_stream(), &params) {
            return;
        }
        let predicate: WherePredicate = syn::parse_quote!(#ty: #bound);
        let key = predicate.to_token_stream().to_string();
        if !added.contains(&key) {
            added.push(key);
            generics.make_where_clause().predicates.push(predicate);
        }
    };
    for entry in &model.entries {
        for field in &entry.fields {
            let ty = &field.field.ty;
            if entry.is_transparent() {
                add(ty, quote!(#krate::__private::ApiError));
                continue;
            }
            if entry.message.explicit
                && let Some(template) = &entry.message.template
            {
                for (arg, spec) in template.args() {
                    if *arg == field.arg {
                        let bound = if spec.ends_with('?') {
                            quote!(::core::fmt::Debug)
                        } else {
                            quote!(::core::fmt::Display)
                        };
                        add(ty, bound);
                    }
                }
            }
            if field.field.detail.is_some() {
                add(ty, quote!(#krate::__private::serde::Serialize));
            }
            if field.field.retry_after.is_present() {
                add(ty, quote!(#krate::__private::RetryAfterValue));
            }
            if field.field.violations.is_present() {
                add(ty, quote!(#krate::__private::ViolationList));
            }
            // A header field prints with `Display` (an `Option` prints its inner value).
            if field.field.header.is_some() && !field.is_option {
                add(ty, quote!(::core::fmt::Display));
            }
            for header in &entry.headers {
                let HeaderSource::Text {
                    template: Some(template),
                    ..
                } = &header.value
                else {
                    continue;
                };
                for (arg, spec) in template.args() {
                    if *arg == field.arg {
                        let bound = if spec.ends_with('?') {
                            quote!(::core::fmt::Debug)
                        } else {
                            quote!(::core::fmt::Display)
                        };
                        add(ty, bound);
                    }
                }
            }
        }
    }
    generics
}

/// Whether `tokens` name one of `params` (a type parameter inside the field's type).
pub fn mentions(tokens: TokenStream, params: &[&Ident]) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => params.iter().any(|p| **p == ident),
        TokenTree::Group(group) => mentions(group.stream(), params),
        _ => false,
    })
}
