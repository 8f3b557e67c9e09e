//! Writing code: one function per generated item. Everything lands in one
//! `const _: () = { … };` block so the spec constants stay private to it. This file writes
//! the specs and the catalogue; `api_error` the `ApiError` impl; `impls` the others.

mod api_error;
mod codes;
mod impls;

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;
use syn::spanned::Spanned;

use crate::generics;
use crate::model::Model;
use crate::wire_classes;

use api_error::api_error_impl;
use codes::code_enum;
use impls::{catalogued_impls, default_format_impl, detail_fields_impl, feature_impls};

pub fn expand(model: &Model<'_>) -> TokenStream {
    let specs = spec_consts(model);
    let catalogue = catalogue_const(model);
    let api_error = api_error_impl(model);
    let details = detail_fields_impl(model);
    let catalogued = catalogued_impls(model);
    let format = default_format_impl(model);
    let per_feature = feature_impls(model);
    let (code_enum, code_enum_impls) = code_enum(model);
    let krate = &model.krate;
    let type_name = model.type_name();
    quote! {
        #code_enum
        #[allow(deprecated)]
        const _: () = {
            // One short path for the per-variant items below: fewer tokens to expand, send
            // and resolve for each of them (a large enum's cost is mostly per-variant).
            use #krate::__private as __errwire;
            const __ERRWIRE_TYPE_NAME: &str = ::core::concat!(::core::module_path!(), "::", #type_name);
            #specs
            #catalogue
            #api_error
            #details
            #catalogued
            #format
            #per_feature
            #code_enum_impls
        };
    }
}

/// `__ERRWIRE_SPEC_<i>`, the name of entry `i`'s spec constant.
fn spec_name(index: usize) -> Ident {
    format_ident!("__ERRWIRE_SPEC_{}", index)
}

/// One `const` `ErrorSpec` per code, built in const context with a single constructor call
/// whose checks the derive has already answered (`code_oauth`, `message_oauth`, `docs_uri`,
/// `message_static`), so the const evaluator only copies.
fn spec_consts(model: &Model<'_>) -> TokenStream {
    let some = |value: Option<TokenStream>| {
        if let Some(value) = value {
            quote!(__errwire::Some(#value))
        } else {
            quote!(__errwire::None)
        }
    };
    let consts = model
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.is_transparent())
        .map(|(i, entry)| {
            let name = spec_name(i);
            let code = &entry.code;
            let status = status_tokens(entry.status.map_or(500, |s| s.code));
            let template = entry.message.template.as_ref();
            let message_static = !template.is_some_and(super::fmt::Template::needs_formatting);
            let template = template
                .map(super::fmt::Template::to_template)
                .unwrap_or_default();
            let source = format_ident!("{}", entry.message.source.unwrap_or("Attribute"));
            let description = some(entry.description.as_ref().map(|d| quote!(#d)));
            let title = &entry.title;
            let retryable = entry.retryable;
            let retry_after = some(
                entry
                    .retry_after
                    .map(|secs| quote!(__errwire::Duration::from_secs(#secs))),
            );
            let domain = some(entry.domain.as_ref().map(|d| quote!(#d)));
            let help = some(entry.help.as_ref().map(|h| quote!(#h)));
            let docs_url = some(entry.docs_url.as_ref().map(|u| quote!(#u)));
            let code_oauth = wire_classes::is_clean_oauth_text(&entry.code);
            let message_oauth = wire_classes::is_clean_oauth_text(&template);
            let docs_is_uri = entry
                .docs_url
                .as_deref()
                .is_some_and(wire_classes::is_uri_reference);
            let jsonrpc = entry.jsonrpc;
            let mcp = if entry.mcp_protocol {
                quote!(Protocol)
            } else {
                quote!(Tool)
            };
            let variant = some(entry.is_variant.then(|| {
                let variant = entry.ident.to_string();
                quote!(#variant)
            }));
            let grpc = some(entry.grpc.as_ref().map(|name| {
                let name = format_ident!("{}", name);
                quote!(__errwire::GrpcCode::#name)
            }));
            let variables = entry.variables();
            let sensitive = entry.sensitive_names();
            let deprecated = entry.deprecated;
            let in_band = entry.in_band;
            let headers = entry.headers.iter().filter_map(|header| {
                let value = header.constant()?;
                let name = header.lower_name();
                Some(quote!((#name, #value)))
            });
            let (detail_names, field_headers, violations) = shape(entry);
            quote! {
                const #name: __errwire::ErrorSpec = __errwire::ErrorSpec::__from_parts(
                    __errwire::SpecParts {
                        code: #code,
                        status: #status,
                        message: #template,
                        message_source: __errwire::MessageSource::#source,
                        description: #description,
                        title: __errwire::Some(#title),
                        retryable: #retryable,
                        retry_after: #retry_after,
                        domain: #domain,
                        help: #help,
                        docs_url: #docs_url,
                        jsonrpc_code: #jsonrpc,
                        mcp_channel: __errwire::McpChannel::#mcp,
                        type_name: __ERRWIRE_TYPE_NAME,
                        variant: #variant,
                        deprecated: #deprecated,
                        in_band: #in_band,
                        headers: &[#(#headers),*],
                        grpc: #grpc,
                        variables: &[#(#variables),*],
                        sensitive: &[#(#sensitive),*],
                        detail_names: &[#(#detail_names),*],
                        field_headers: &[#(#field_headers),*],
                        violations: #violations,
                        code_oauth: #code_oauth,
                        message_oauth: #message_oauth,
                        docs_uri: #docs_is_uri,
                        message_static: #message_static,
                    },
                );
            }
        });
    quote!(#(#consts)*)
}

/// What the lock keeps of an entry's body and response: its details' names, the headers
/// written from its fields, and whether it carries violations.
fn shape(entry: &crate::model::Entry<'_>) -> (Vec<String>, Vec<String>, bool) {
    let details = entry.details().map(|(_, name)| name).collect();
    let field_headers = entry
        .headers
        .iter()
        .filter(|header| header.constant().is_none())
        .map(crate::model::Header::lower_name)
        .collect();
    (details, field_headers, entry.violations_field().is_some())
}

/// A status as a `StatusCode` constant when it has a name (cheap for the const evaluator),
/// else built from its number; through the block's `__errwire` alias.
fn status_tokens(code: u16) -> TokenStream {
    if let Some(name) = crate::status::name(code) {
        let name = format_ident!("{}", name);
        quote!(__errwire::http::StatusCode::#name)
    } else {
        quote!(const { __errwire::status(#code) })
    }
}

/// `__ERRWIRE_CATALOGUE`: the type's specs in declaration order, with the specs of
/// `transparent` fields spliced in where their type is known without the generics.
fn catalogue_const(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    let params: Vec<&Ident> = model
        .generics
        .type_params()
        .map(|p| &p.ident)
        .chain(model.generics.lifetimes().map(|l| &l.lifetime.ident))
        .collect();
    let parts: Vec<Part> = model
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            if !entry.is_transparent() {
                return Some(Part::Own(spec_name(i)));
            }
            let ty = &entry.fields.first()?.field.ty;
            let generic = generics::mentions(quote!(#ty), &params);
            (!generic).then(|| {
                Part::Spliced(quote_spanned!(ty.span()=> <#ty as #krate::__private::Catalogued>::CATALOGUE))
            })
        })
        .collect();
    if parts.iter().all(|p| matches!(p, Part::Own(_))) {
        let names = parts.iter().map(|p| match p {
            Part::Own(name) => quote!(#name),
            Part::Spliced(tokens) => tokens.clone(),
        });
        return quote! {
            const __ERRWIRE_CATALOGUE: &[#krate::__private::ErrorSpec] = &[#(#names),*];
        };
    }
    let lengths = parts.iter().map(|p| match p {
        Part::Own(_) => quote!(1),
        Part::Spliced(specs) => quote!(#specs.len()),
    });
    let writes = parts.iter().map(|p| match p {
        Part::Own(name) => quote! {
            __out[__at] = #name;
            __at += 1;
        },
        Part::Spliced(specs) => quote! {
            __at = #krate::__private::splice(&mut __out, __at, #specs);
        },
    });
    quote! {
        const __ERRWIRE_LEN: usize = 0 #(+ #lengths)*;
        const __ERRWIRE_ARRAY: [#krate::__private::ErrorSpec; __ERRWIRE_LEN] = {
            let mut __out = [#krate::__private::PLACEHOLDER; __ERRWIRE_LEN];
            let mut __at = 0;
            #(#writes)*
            let _ = __at;
            __out
        };
        const __ERRWIRE_CATALOGUE: &[#krate::__private::ErrorSpec] = &__ERRWIRE_ARRAY;
    }
}

enum Part {
    Own(Ident),
    Spliced(TokenStream),
}
