//! Writing code: one function per generated item. Everything lands in one
//! `const _: () = { … };` block so the spec constants stay private to it. This file writes
//! the specs and the catalogue; `api_error` the `ApiError` impl; `impls` the others.

mod api_error;
mod codes;
mod impls;
mod text;

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
use text::Source;

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
fn spec_name(index: usize) -> String {
    format!("__ERRWIRE_SPEC_{index}")
}

/// One `const` `ErrorSpec` per code: one positional constructor call (code, status, message,
/// title, JSON-RPC code, the yes/no facts as bits — the wire checks among them, answered here,
/// so the const evaluator only copies) and a setter for each fact that is not its default.
/// The size of this output is the derive's compile-time cost (BENCHMARKS.md): a plain variant
/// is held to a token budget by a test. Written as text (`text.rs` says why).
fn spec_consts(model: &Model<'_>) -> TokenStream {
    let mut src = Source::default();
    for (i, entry) in model.entries.iter().enumerate() {
        if entry.is_transparent() {
            continue;
        }
        let template = entry.message.template.as_ref();
        let message_static = !template.is_some_and(super::fmt::Template::needs_formatting);
        let template = template
            .map(super::fmt::Template::to_template)
            .unwrap_or_default();
        let variant = if entry.is_variant {
            entry.ident.to_string()
        } else {
            String::new()
        };
        let (detail_names, field_headers, violations) = shape(entry);
        let bits = flag_bits(entry, &template, message_static, violations);
        src.push("const ")
            .push(&spec_name(i))
            .push(": __errwire::ErrorSpec = __errwire::ErrorSpec::__derived(")
            .str(&entry.code)
            .push(",");
        status_text(&mut src, entry.status.map_or(500, |s| s.code));
        src.push(",")
            .str(&template)
            .push(",")
            .str(&entry.title)
            .push(",")
            .num(entry.jsonrpc, "i32")
            .push(",")
            .num(bits, "u16")
            .push(", __ERRWIRE_TYPE_NAME,")
            .str(&variant)
            .push(")");
        setters(&mut src, entry, &detail_names, &field_headers);
        src.push(";\n");
    }
    src.into_tokens()
}

/// The yes/no facts of an entry as the bits of `spec_flags`, with the wire checks answered
/// by the runtime's own predicates.
fn flag_bits(entry: &crate::model::Entry<'_>, template: &str, message_static: bool, violations: bool) -> u16 {
    use crate::spec_flags as f;
    let source = match entry.message.source {
        Some("DocComment") => f::SOURCE_DOC_COMMENT,
        Some("ReasonPhrase") => f::SOURCE_REASON_PHRASE,
        _ => 0,
    };
    let docs_uri = entry
        .docs_url
        .as_deref()
        .is_some_and(wire_classes::is_uri_reference);
    [
        (entry.retryable, f::RETRYABLE),
        (entry.mcp_protocol, f::MCP_PROTOCOL),
        (entry.deprecated, f::DEPRECATED),
        (entry.in_band, f::IN_BAND),
        (entry.report_error, f::REPORT_ERROR),
        (violations, f::VIOLATIONS),
        (wire_classes::is_clean_oauth_text(&entry.code), f::CODE_OAUTH),
        (wire_classes::is_clean_oauth_text(template), f::MESSAGE_OAUTH),
        (docs_uri, f::DOCS_URI),
        (message_static, f::MESSAGE_STATIC),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .fold(source, |bits, (_, flag)| bits | flag)
}

/// The setters for the facts that differ from `__derived`'s defaults, and only those.
fn setters(
    src: &mut Source,
    entry: &crate::model::Entry<'_>,
    detail_names: &[String],
    field_headers: &[String],
) {
    let texts = [
        (".with_description(", &entry.description),
        (".with_domain(", &entry.domain),
        (".with_help(", &entry.help),
        (".__docs(", &entry.docs_url),
    ];
    for (setter, value) in texts {
        if let Some(value) = value {
            src.push(setter).str(value).push(")");
        }
    }
    if let Some(secs) = entry.retry_after {
        src.push(".__retry_after(").num(secs, "u64").push(")");
    }
    if let Some(grpc) = &entry.grpc {
        src.push(".__grpc(__errwire::GrpcCode::").push(grpc).push(")");
    }
    let headers: Vec<(String, String)> = entry
        .headers
        .iter()
        .filter_map(|header| Some((header.lower_name(), header.constant()?)))
        .collect();
    if !headers.is_empty() {
        src.push(".with_headers(&[");
        for (name, value) in &headers {
            src.push("(").str(name).push(",").str(value).push("),");
        }
        src.push("])");
    }
    let variables = entry.variables();
    let sensitive = entry.sensitive_names();
    if !(variables.is_empty() && sensitive.is_empty() && detail_names.is_empty() && field_headers.is_empty())
    {
        src.push(".__names(")
            .strs(&variables)
            .push(",")
            .strs(&sensitive)
            .push(",")
            .strs(detail_names)
            .push(",")
            .strs(field_headers)
            .push(")");
    }
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
fn status_text(src: &mut Source, code: u16) {
    if let Some(name) = crate::status::name(code) {
        src.push("__errwire::http::StatusCode::").push(name);
    } else {
        src.push("const { __errwire::status(")
            .num(code, "u16")
            .push(") }");
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
        let mut src = Source::default();
        src.push("const __ERRWIRE_CATALOGUE: &[__errwire::ErrorSpec] = &[");
        for part in &parts {
            if let Part::Own(name) = part {
                src.push(name).push(",");
            }
        }
        src.push("];");
        return src.into_tokens();
    }
    let lengths = parts.iter().map(|p| match p {
        Part::Own(_) => quote!(1),
        Part::Spliced(specs) => quote!(#specs.len()),
    });
    let writes = parts.iter().map(|p| match p {
        Part::Own(name) => {
            let name = format_ident!("{}", name);
            quote! {
            __out[__at] = #name;
            __at += 1;
            }
        }
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
    Own(String),
    Spliced(TokenStream),
}
