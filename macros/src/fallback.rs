//! When the input is broken, still implement the traits, so the user sees the one error that
//! matters and not every use of the type failing with "`ApiError` is not implemented".

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, Path};

pub fn fallback(input: &DeriveInput, krate: &Path) -> TokenStream {
    let ident = &input.ident;
    let vis = &input.vis;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #krate::__private::ApiError for #ident #ty_generics #where_clause {
                fn spec(&self) -> &'static #krate::__private::ErrorSpec {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #impl_generics #krate::__private::Catalogued for #ident #ty_generics #where_clause {
                const CATALOGUE: &'static [#krate::__private::ErrorSpec] = &[];
            }

            #[automatically_derived]
            impl #impl_generics #ident #ty_generics #where_clause {
                /// Every code of this type (empty: the derive failed).
                #vis const CATALOGUE: &'static [#krate::__private::ErrorSpec] = &[];
            }
        };
    }
}

/// The `crate = "…"` path if it can be read, else `::errwire`.
pub fn crate_path(input: &DeriveInput) -> Path {
    let mut found = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("api")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let value: syn::LitStr = meta.value()?.parse()?;
                found = value.parse::<Path>().ok();
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    found.unwrap_or_else(|| syn::parse_quote!(::errwire))
}
