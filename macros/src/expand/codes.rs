//! `#[api(codes = "AccountCode")]`: a fieldless enum with one variant per code, so a client
//! matches a decoded error's code with the compiler checking every name.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::spec_name;
use crate::model::Model;

/// The enum's declaration (beside the error type, with its visibility) and its impls (inside
/// the `const _` block, where the spec constants are). Empty without `codes`.
pub fn code_enum(model: &Model<'_>) -> (TokenStream, TokenStream) {
    let Some(name) = &model.input.codes else {
        return (TokenStream::new(), TokenStream::new());
    };
    let krate = &model.krate;
    let vis = &model.input.vis;
    let name = format_ident!("{}", &**name, span = name.span());
    let error = model.ident;
    // A `transparent` variant's codes are its field's: that type has its own code enum.
    let own: Vec<_> = model
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.is_transparent())
        .collect();
    let variants = own.iter().map(|(_, entry)| {
        let ident = entry.ident;
        let doc = format!("`{}`", entry.code);
        quote!(#[doc = #doc] #ident,)
    });
    let codes: Vec<_> = own.iter().map(|(_, e)| &e.code).collect();
    let idents: Vec<_> = own.iter().map(|(_, e)| e.ident).collect();
    let specs = own.iter().map(|(i, _)| quote::format_ident!("{}", spec_name(*i)));
    let doc = format!(
        "The codes of [`{error}`], one variant each (written by `#[derive(ApiError)]` for `#[api(codes = \"{name}\")]`)."
    );
    let declaration = quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        #vis enum #name {
            #(#variants)*
        }
    };
    let impls = quote! {
        #[automatically_derived]
        impl #krate::__private::KnownCodes for #name {
            const ALL: &'static [Self] = &[#(Self::#idents),*];

            fn from_code(code: &str) -> ::core::option::Option<Self> {
                match code {
                    #(#codes => ::core::option::Option::Some(Self::#idents),)*
                    _ => ::core::option::Option::None,
                }
            }

            fn code(self) -> &'static str {
                match self {
                    #(Self::#idents => #codes,)*
                }
            }

            fn spec(self) -> &'static #krate::__private::ErrorSpec {
                match self {
                    #(Self::#idents => &#specs,)*
                }
            }
        }
    };
    (declaration, impls)
}
