//! Writing code: one function per generated item. Everything lands in one
//! `const _: () = { … };` block so the spec constants stay private to it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, LitStr};

use crate::attr::Mcp;
use crate::generics;
use crate::model::{Entry, Model};

pub fn expand(model: &Model) -> TokenStream {
    let specs = spec_consts(model);
    let catalogue = catalogue_const(model);
    let api_error = api_error_impl(model);
    let details = detail_fields_impl(model);
    let catalogued = catalogued_impls(model);
    let format = default_format_impl(model);
    let registered = registration(model);
    quote! {
        #[allow(deprecated)]
        const _: () = {
            #specs
            #catalogue
            #api_error
            #details
            #catalogued
            #format
            #registered
        };
    }
}

/// `__ERRWIRE_SPEC_<i>`, the name of entry `i`'s spec constant.
fn spec_name(index: usize) -> Ident {
    format_ident!("__ERRWIRE_SPEC_{}", index)
}

/// One `const` `ErrorSpec` per code, built in const context with a single constructor call.
fn spec_consts(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let type_name = model.type_name();
    let some = |value: Option<TokenStream>| match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    };
    let consts = model
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.is_transparent())
        .map(|(i, entry)| {
            let name = spec_name(i);
            let code = &entry.code;
            let status = status_tokens(krate, entry.status.map_or(500, |s| s.code));
            let template = entry
                .message
                .template
                .as_ref()
                .map(|t| t.to_template())
                .unwrap_or_default();
            let source = format_ident!("{}", entry.message.source.unwrap_or("Attribute"));
            let keys = entry.keys;
            let description = some(entry.description.as_ref().map(|d| quote!(#d)));
            let title = some(keys.title.as_ref().map(|t| {
                let t = t.as_ref();
                quote!(#t)
            }));
            let retryable = entry.retryable;
            let retry_after = some(keys.retry_after.map(|r| {
                let secs = r.value;
                quote!(#krate::__private::Duration::from_secs(#secs))
            }));
            let domain = some(entry.domain.as_ref().map(|d| quote!(#d)));
            let help = some(keys.help.as_ref().map(|h| {
                let h = h.as_ref();
                quote!(#h)
            }));
            let docs_url = some(entry.docs_url.as_ref().map(|u| quote!(#u)));
            let jsonrpc = entry.jsonrpc;
            let mcp = if keys.mcp.as_ref().is_some_and(|m| *m.as_ref() == Mcp::Protocol) {
                quote!(Protocol)
            } else {
                quote!(Tool)
            };
            let variant = some(entry.is_variant.then(|| {
                let variant = entry.ident.to_string();
                quote!(#variant)
            }));
            let deprecated = entry.deprecated;
            quote! {
                const #name: #krate::__private::ErrorSpec = #krate::__private::ErrorSpec::__from_parts(
                    #krate::__private::SpecParts {
                        code: #code,
                        status: #status,
                        message: #template,
                        message_source: #krate::__private::MessageSource::#source,
                        description: #description,
                        title: #title,
                        retryable: #retryable,
                        retry_after: #retry_after,
                        domain: #domain,
                        help: #help,
                        docs_url: #docs_url,
                        jsonrpc_code: #jsonrpc,
                        mcp_channel: #krate::__private::McpChannel::#mcp,
                        type_name: ::core::concat!(::core::module_path!(), "::", #type_name),
                        variant: #variant,
                        deprecated: #deprecated,
                    },
                );
            }
        });
    quote!(#(#consts)*)
}

/// A status as a `StatusCode` constant when it has a name (cheap for the const evaluator),
/// else built from its number.
fn status_tokens(krate: &syn::Path, code: u16) -> TokenStream {
    match crate::status::name(code) {
        Some(name) => {
            let name = format_ident!("{}", name);
            quote!(#krate::__private::http::StatusCode::#name)
        }
        None => quote!(const { #krate::__private::status(#code) }),
    }
}

/// `__ERRWIRE_CATALOGUE`: the type's specs in declaration order, with the specs of
/// `transparent` fields spliced in where their type is known without the generics.
fn catalogue_const(model: &Model) -> TokenStream {
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

/// `impl ApiError`: `spec()` always; the value-dependent methods only when some variant
/// needs them, so the common case is one `match` returning a `&'static` constant.
fn api_error_impl(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let ident = model.ident;
    let bounded = generics::with_bounds(model);
    let (impl_generics, ty_generics, where_clause) = bounded.split_for_impl();
    let spec = spec_method(model);
    let message = message_methods(model);
    let retry_after = retry_after_method(model);
    let details = details_method(model);
    let as_error = as_error_method(model);
    let lookups = lookup_methods(model);
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::ApiError for #ident #ty_generics #where_clause {
            #spec
            #message
            #retry_after
            #details
            #as_error
            #lookups
        }
    }
}

/// The pattern of an entry binding the given fields: `Self::V { slug: __field_slug, .. }`.
fn pattern(entry: &Entry, bind: impl Fn(&crate::model::FieldModel) -> bool) -> TokenStream {
    let bindings = entry.fields.iter().filter(|f| bind(f)).map(|f| {
        let member = &f.member;
        let binding = &f.binding;
        quote!(#member: #binding,)
    });
    let path = if entry.is_variant {
        let variant = entry.ident;
        quote!(Self::#variant)
    } else {
        quote!(Self)
    };
    quote!(#path { #(#bindings)* .. })
}

/// A `match self` over the entries `arm` answers for, with `fallback` for the rest.
fn dispatch(
    model: &Model,
    arm: impl Fn(usize, &Entry) -> Option<(TokenStream, TokenStream)>,
    fallback: &TokenStream,
) -> TokenStream {
    if model.entries.is_empty() {
        return quote!(match *self {});
    }
    let arms: Vec<TokenStream> = model
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| arm(i, entry).map(|(pat, body)| quote!(#pat => #body,)))
        .collect();
    let rest = (arms.len() < model.entries.len()).then(|| quote!(_ => #fallback,));
    quote!(match self { #(#arms)* #rest })
}

fn transparent_arm(
    entry: &Entry,
    call: impl Fn(&Ident) -> TokenStream,
) -> Option<(TokenStream, TokenStream)> {
    let field = entry.fields.first()?;
    Some((pattern(entry, |_| true), call(&field.binding)))
}

fn spec_method(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let body = dispatch(
        model,
        |i, entry| {
            if entry.is_transparent() {
                transparent_arm(entry, |inner| quote!(#krate::__private::ApiError::spec(#inner)))
            } else {
                let name = spec_name(i);
                Some((pattern(entry, |_| false), quote!(&#name)))
            }
        },
        &quote!(::core::unreachable!()),
    );
    quote! {
        #[inline]
        fn spec(&self) -> &'static #krate::__private::ErrorSpec {
            #body
        }
    }
}

/// `status()`, `code()`, `title()` and `static_message()` as direct `match`es on constants, so they cost
/// what a hand-written `match` costs (through `spec()` they would load from a ~190-byte
/// spec: measurably slower for large enums).
fn lookup_methods(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let formatted = |entry: &Entry| {
        entry
            .message
            .template
            .as_ref()
            .is_some_and(|t| t.needs_formatting())
    };
    let direct = |method: &str, value: &dyn Fn(usize, &Entry) -> TokenStream| {
        let name = format_ident!("{}", method);
        dispatch(
            model,
            |i, entry| {
                if entry.is_transparent() {
                    transparent_arm(entry, |inner| quote!(#krate::__private::ApiError::#name(#inner)))
                } else {
                    Some((pattern(entry, |_| false), value(i, entry)))
                }
            },
            &quote!(::core::unreachable!()),
        )
    };
    let status = direct("status", &|_, entry| {
        status_tokens(krate, entry.status.map_or(500, |s| s.code))
    });
    let code = direct("code", &|_, entry| {
        let code = &entry.code;
        quote!(#code)
    });
    let title = direct("title", &|_, entry| {
        let title = entry
            .keys
            .title
            .as_ref()
            .map(|t| t.as_ref().clone())
            .or_else(|| {
                entry
                    .status
                    .and_then(|s| crate::status::reason(s.code))
                    .map(String::from)
            })
            .unwrap_or_else(|| "Error".into());
        quote!(#title)
    });
    let static_message = direct("static_message", &|_, entry| match entry
        .message
        .template
        .as_ref()
        .filter(|_| !formatted(entry))
    {
        Some(template) => {
            let text = template.to_template();
            quote!(::core::option::Option::Some(#text))
        }
        None => quote!(::core::option::Option::None),
    });
    quote! {
        #[inline]
        fn status(&self) -> #krate::__private::http::StatusCode {
            #status
        }

        #[inline]
        fn code(&self) -> &'static str {
            #code
        }

        #[inline]
        fn title(&self) -> &'static str {
            #title
        }

        #[inline]
        fn static_message(&self) -> ::core::option::Option<&'static str> {
            #static_message
        }
    }
}

/// `message()` and `write_message()`, for types with a template to fill or a
/// `transparent` variant.
fn message_methods(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let formatted = |entry: &Entry| {
        !entry.is_transparent()
            && entry
                .message
                .template
                .as_ref()
                .is_some_and(|t| t.needs_formatting())
    };
    if !model.entries.iter().any(|e| formatted(e) || e.is_transparent()) {
        return TokenStream::new();
    }
    let format_args = |entry: &Entry| {
        let template = entry.message.template.as_ref()?;
        let args = template.distinct_args();
        let literal = LitStr::new(&template.to_positional(&args), entry.message.span);
        let bindings = args.iter().filter_map(|arg| entry.field(arg)).map(|f| &f.binding);
        let used: Vec<&crate::fmt::Arg> = args.iter().collect();
        let pat = pattern(entry, |f| used.contains(&&f.arg));
        Some((pat, quote!(::core::format_args!(#literal #(, #bindings)*))))
    };
    let message = dispatch(
        model,
        |_, entry| {
            if entry.is_transparent() {
                return transparent_arm(
                    entry,
                    |inner| quote!(#krate::__private::ApiError::message(#inner)),
                );
            }
            if !formatted(entry) {
                return None;
            }
            let (pat, args) = format_args(entry)?;
            Some((
                pat,
                quote!(#krate::__private::Cow::Owned(#krate::__private::format(#args))),
            ))
        },
        &quote!(#krate::__private::Cow::Borrowed(#krate::__private::ApiError::spec(self).message())),
    );
    let write = dispatch(
        model,
        |_, entry| {
            if entry.is_transparent() {
                return transparent_arm(
                    entry,
                    |inner| quote!(#krate::__private::ApiError::write_message(#inner, __out)),
                );
            }
            if !formatted(entry) {
                return None;
            }
            let (pat, args) = format_args(entry)?;
            Some((pat, quote!(__out.write_fmt(#args))))
        },
        &quote!(__out.write_str(#krate::__private::ApiError::spec(self).message())),
    );
    quote! {
        fn message(&self) -> #krate::__private::Cow<'static, str> {
            #message
        }

        fn write_message(&self, __out: &mut #krate::__private::fmt::Formatter<'_>) -> #krate::__private::fmt::Result {
            #write
        }
    }
}

fn retry_after_method(model: &Model) -> TokenStream {
    let krate = &model.krate;
    if !model
        .entries
        .iter()
        .any(|e| e.is_transparent() || e.retry_after_field().is_some())
    {
        return TokenStream::new();
    }
    let body = dispatch(
        model,
        |_, entry| {
            if entry.is_transparent() {
                return transparent_arm(
                    entry,
                    |inner| quote!(#krate::__private::ApiError::retry_after(#inner)),
                );
            }
            let field = entry.retry_after_field()?;
            let binding = &field.binding;
            let pat = pattern(entry, |f| f.field.retry_after.is_present());
            Some((
                pat,
                quote!(#krate::__private::RetryAfterValue::retry_after_value(#binding)),
            ))
        },
        &quote!(#krate::__private::ApiError::spec(self).retry_after()),
    );
    quote! {
        fn retry_after(&self) -> ::core::option::Option<#krate::__private::Duration> {
            #body
        }
    }
}

fn details_method(model: &Model) -> TokenStream {
    let krate = &model.krate;
    if !model
        .entries
        .iter()
        .any(|e| e.is_transparent() || e.details().next().is_some())
    {
        return TokenStream::new();
    }
    let body = dispatch(
        model,
        |_, entry| {
            if entry.is_transparent() {
                return transparent_arm(
                    entry,
                    |inner| quote!(#krate::__private::ApiError::details(#inner)),
                );
            }
            entry.details().next()?;
            Some((
                pattern(entry, |_| false),
                quote!(#krate::__private::Details::new(self)),
            ))
        },
        &quote!(#krate::__private::Details::none()),
    );
    quote! {
        fn details(&self) -> #krate::__private::Details<'_> {
            #body
        }
    }
}

/// `as_error()`: the value itself when its type is a `std::error::Error` (for logs).
fn as_error_method(model: &Model) -> TokenStream {
    let krate = &model.krate;
    quote! {
        fn as_error(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
            #[allow(unused_imports)]
            use #krate::__private::{AsErrorFallback as _, AsErrorViaError as _};
            (&&#krate::__private::AsErrorProbe(self)).probe_error()
        }
    }
}

/// `impl DetailFields`: visits each `#[api(detail)]` field; a `None` option is skipped.
fn detail_fields_impl(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let with_details: Vec<&Entry> = model
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
            let visit = quote!(__visit(#name, #binding));
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
            fn visit_details(
                &self,
                __visit: &mut dyn ::core::ops::FnMut(&'static str, &dyn #krate::__private::erased_serde::Serialize),
            ) {
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
        }
    }
}

/// `impl Catalogued` and the inherent `CATALOGUE`, so `MyError::CATALOGUE` needs no import.
fn catalogued_impls(model: &Model) -> TokenStream {
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

/// The formats `format = Name` finds in `errwire::format` without an import.
const BUILT_IN_FORMATS: &[&str] = &[
    "Nested",
    "Flat",
    "Problem",
    "OAuth",
    "Simple",
    "JsonRpc",
    "JsonRpcPlain",
    "McpTool",
];

/// `impl DefaultFormat`: `format = Problem` (a built-in by name), a path to a user's format,
/// or `Nested`.
fn default_format_impl(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let ident = model.ident;
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let format = match &model.input.format {
        Some(path) => match path.get_ident() {
            Some(name) if BUILT_IN_FORMATS.contains(&name.to_string().as_str()) => {
                quote!(#krate::__private::format::#name)
            }
            _ => quote_spanned!(path.span()=> #path),
        },
        None => quote!(#krate::__private::format::Nested),
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::DefaultFormat for #ident #ty_generics #where_clause {
            type Format = #format;
        }
    }
}

/// Registers the catalogue for `errwire::catalogue::all()`; implements
/// `utoipa::IntoResponses` (for a type without generic parameters), axum's `IntoResponse`
/// and actix-web's `ResponseError` — each only when its feature is on in the runtime crate,
/// which the hidden macros know and this crate cannot.
fn registration(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let ident = model.ident;
    let openapi = model
        .generics
        .params
        .is_empty()
        .then(|| quote!(#krate::__errwire_openapi!(#ident);));
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
        #krate::__errwire_rmcp!(#frameworks);
        #krate::__errwire_jsonrpsee!(#frameworks);
    }
}
