//! The other impls: `DetailFields`, `Catalogued` and the inherent `CATALOGUE`,
//! `DefaultFormat`, and the per-feature impls.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::api_error::pattern;
use crate::generics;
use crate::model::{Entry, Model};

/// `impl DetailFields`: visits each `#[api(detail)]` field; a `None` option is skipped.
pub fn detail_fields_impl(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    let with_details: Vec<&Entry<'_>> = model
        .entries
        .iter()
        .filter(|e| !e.is_transparent() && e.details().next().is_some())
        .collect();
    if with_details.is_empty() {
        return TokenStream::new();
    }
    let ident = model.ident;
    let bounded = generics::with_bounds(model);
    let (impl_generics, ty_generics, where_clause) = bounded.split_for_impl();
    let arms = with_details.iter().map(|entry| {
        let visits = entry.details().map(|(field, name)| {
            let binding = &field.binding;
            let visit = quote!(__visit(#name, (&#krate::__private::DetailProbe(#binding)).detail_value()));
            if field.is_option {
                quote!(if ::core::option::Option::is_some(#binding) { #visit; })
            } else {
                quote!(#visit;)
            }
        });
        let pat = pattern(entry, |f| {
            f.field.detail.is_some() && !f.field.sensitive.is_present()
        });
        quote!(#pat => { #(#visits)* })
    });
    let rest = (with_details.len() < model.entries.len()).then(|| quote!(_ => {}));
    let has_arms = with_details.iter().map(|entry| {
        let pat = pattern(entry, |f| {
            f.field.detail.is_some() && !f.field.sensitive.is_present()
        });
        let present = entry.details().map(|(field, _)| {
            let binding = &field.binding;
            if field.is_option {
                quote!(::core::option::Option::is_some(#binding))
            } else {
                quote!(true)
            }
        });
        quote!(#pat => false #(|| #present)*)
    });
    let has_rest = (with_details.len() < model.entries.len()).then(|| quote!(_ => false));
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::DetailFields for #ident #ty_generics #where_clause {
            fn __visit_values(
                &self,
                __visit: &mut dyn ::core::ops::FnMut(&'static str, #krate::__private::DetailValue<'_>),
            ) {
                #[allow(unused_imports)]
                use #krate::__private::{DetailViaErased as _, DetailViaPrimitive as _};
                match self {
                    #(#arms)*
                    #rest
                }
            }

            #[inline]
            fn has_details(&self) -> bool {
                match self {
                    #(#has_arms,)*
                    #has_rest
                }
            }

            // `valid.rs` refused every reserved member name.
            #[inline]
            fn __names_checked(&self) -> bool {
                true
            }
        }
    }
}

/// `impl Catalogued` and the inherent `CATALOGUE`, so `MyError::CATALOGUE` needs no import.
pub fn catalogued_impls(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    let ident = model.ident;
    let vis = &model.input.vis;
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::Catalogued for #ident #ty_generics #where_clause {
            const CATALOGUE: &'static [#krate::__private::ErrorSpec] = __ERRWIRE_CATALOGUE;
        }

        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            /// Every code of this type, in declaration order (from `#[derive(ApiError)]`).
            #vis const CATALOGUE: &'static [#krate::__private::ErrorSpec] = __ERRWIRE_CATALOGUE;
        }
    }
}

/// `impl DefaultFormat`: `format = Problem` (a built-in by name), a path to a user's format,
/// or `Nested`.
pub fn default_format_impl(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    let ident = model.ident;
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let format = if let Some(path) = &model.input.format {
        match path.get_ident() {
            Some(name) if crate::rules::BUILT_IN_FORMAT_NAMES.contains(&name.to_string().as_str()) => {
                quote!(#krate::__private::format::#name)
            }
            _ => quote_spanned!(path.span()=> #path),
        }
    } else {
        quote!(#krate::__private::format::Nested)
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::DefaultFormat for #ident #ty_generics #where_clause {
            type Format = #format;
        }
    }
}

/// The impls each runtime feature adds: registration with `errwire::catalogue::all()`,
/// `utoipa::IntoResponses`, `aide::OperationOutput`, `poem_openapi::ApiResponse` and `salvo_oapi::EndpointOutRegister` (for a type without generic parameters), axum's `IntoResponse`,
/// actix-web's and poem's `ResponseError`, salvo's `Scribe`, rocket's `Responder`, rmcp's, jsonrpsee's, tonic's and async-graphql's conversions. The derive emits one
/// call per feature; the runtime's `__errwire_*` macros expand it only when that feature is
/// on, which the runtime knows and this crate cannot.
pub fn feature_impls(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    let ident = model.ident;
    let openapi = model
        .generics
        .params
        .is_empty()
        .then(|| quote!(#krate::__errwire_openapi!(#ident); #krate::__errwire_aide!(#ident); #krate::__errwire_poem_openapi!(#ident); #krate::__errwire_salvo_oapi!(#ident);));
    let bounded = generics::with_bounds(model);
    let (impl_generics, ty_generics, where_clause) = bounded.split_for_impl();
    let predicates = where_clause.map(|w| &w.predicates);
    let frameworks = quote! {
        [#impl_generics] [#ident #ty_generics] [#predicates]
    };
    quote! {
        #krate::__errwire_register!(__ERRWIRE_CATALOGUE);
        #openapi
        #krate::__errwire_axum!(#frameworks);
        #krate::__errwire_actix!(#frameworks);
        #krate::__errwire_poem!(#frameworks);
        #krate::__errwire_salvo!(#frameworks);
        #krate::__errwire_rocket!(#frameworks);
        #krate::__errwire_rmcp!(#frameworks);
        #krate::__errwire_jsonrpsee!(#frameworks);
        #krate::__errwire_tonic!(#frameworks);
        #krate::__errwire_async_graphql!(#frameworks);
    }
}
