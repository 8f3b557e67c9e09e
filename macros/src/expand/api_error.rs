//! `impl ApiError`: `spec()` always, the lookups as direct `match`es, and the
//! value-dependent methods only when some entry needs them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, LitStr};

use super::spec_name;
use super::text::Source;
use crate::fmt::Arg;
use crate::generics;
use crate::model::{Entry, FieldModel, HeaderSource, Model};

/// `impl ApiError`: `spec()` always; the value-dependent methods only when some variant
/// needs them, so the common case is one `match` returning a `&'static` constant.
pub fn api_error_impl(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    let ident = model.ident;
    let bounded = generics::with_bounds(model);
    let (impl_generics, ty_generics, where_clause) = bounded.split_for_impl();
    let spec = spec_method(model);
    let message = message_methods(model);
    let message_args = message_args_method(model);
    let retry_after = retry_after_method(model);
    let details = details_method(model);
    let as_error = as_error_method(model);
    let headers = headers_method(model);
    let violations = violations_method(model);
    let lookups = lookup_methods(model);
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::ApiError for #ident #ty_generics #where_clause {
            #spec
            #message
            #message_args
            #retry_after
            #details
            #as_error
            #headers
            #violations
            #lookups
        }
    }
}

/// The pattern of an entry binding the given fields: `Self::V { slug: __field_slug, .. }`.
pub fn pattern(entry: &Entry<'_>, bind: impl Fn(&FieldModel<'_>) -> bool) -> TokenStream {
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
    if entry.is_unit {
        // The shortest pattern: the derive's output size is its compile-time cost.
        return path;
    }
    quote!(#path { #(#bindings)* .. })
}

/// A `match self`: a `transparent` entry hands the call to its field (`delegate` writes the
/// call on the field's binding), any other entry answers with `arm` when it has an answer of
/// its own, and `fallback` answers the rest.
fn dispatch(
    model: &Model<'_>,
    delegate: impl Fn(&Ident) -> TokenStream,
    arm: impl Fn(usize, &Entry<'_>) -> Option<(TokenStream, TokenStream)>,
    fallback: &TokenStream,
) -> TokenStream {
    if model.entries.is_empty() {
        return quote!(match *self {});
    }
    let arms: Vec<TokenStream> = model
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            if entry.is_transparent() {
                return delegated_arm(entry, &delegate);
            }
            arm(i, entry).map(|(pat, body)| quote!(#pat => #body,))
        })
        .collect();
    let rest = (arms.len() < model.entries.len()).then(|| quote!(_ => #fallback,));
    quote!(match self { #(#arms)* #rest })
}

/// The arm of a `transparent` entry: `delegate`'s call on its one field.
fn delegated_arm(entry: &Entry<'_>, delegate: &impl Fn(&Ident) -> TokenStream) -> Option<TokenStream> {
    // `valid.rs` has checked there is exactly one field.
    let field = entry.fields.first()?;
    let pat = pattern(entry, |_| true);
    let body = delegate(&field.binding);
    Some(quote!(#pat => #body,))
}

/// The call `ApiError::method(inner, args…)` a `transparent` entry delegates to.
fn delegate_to<'a>(
    krate: &'a syn::Path,
    method: &'a str,
    args: TokenStream,
) -> impl Fn(&Ident) -> TokenStream + 'a {
    let method = format_ident!("{}", method);
    move |inner| quote!(#krate::__private::ApiError::#method(#inner #args))
}

fn spec_method(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    let body = dispatch_text(model, delegate_to(krate, "spec", quote!()), |src, i, _| {
        src.push("&").push(&spec_name(i));
    });
    quote! {
        #[inline]
        fn spec(&self) -> &'static #krate::__private::ErrorSpec {
            #body
        }
    }
}

/// A `match self` in which every entry has an answer: a `transparent` entry hands the call to
/// its field, every other entry's arm is written as text by `arm` (after its pattern and
/// `=>`) — the per-variant part of `spec()`, `status()` and `code()` (`text.rs` says why).
fn dispatch_text(
    model: &Model<'_>,
    delegate: impl Fn(&Ident) -> TokenStream,
    arm: impl Fn(&mut Source, usize, &Entry<'_>),
) -> TokenStream {
    if model.entries.is_empty() {
        return quote!(match *self {});
    }
    let mut src = Source::default();
    let mut delegated = TokenStream::new();
    for (i, entry) in model.entries.iter().enumerate() {
        if entry.is_transparent() {
            delegated.extend(delegated_arm(entry, &delegate));
            continue;
        }
        src.pattern(entry).push(" => ");
        arm(&mut src, i, entry);
        src.push(",\n");
    }
    let arms = src.into_tokens();
    quote!(match self { #arms #delegated })
}

/// `status()` and `code()` as direct `match`es on constants, so they cost
/// what a hand-written `match` costs (through `spec()` they would load from a ~190-byte
/// spec: measurably slower for large enums).
fn lookup_methods(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    // The status read from the entry's spec constant (folded at compile time): fewer tokens
    // than the `StatusCode` path, the same machine code.
    let status = dispatch_text(model, delegate_to(krate, "status", quote!()), |src, i, _| {
        src.push(&spec_name(i)).push(".status()");
    });
    let code = dispatch_text(model, delegate_to(krate, "code", quote!()), |src, _, entry| {
        src.str(&entry.code);
    });

    // Always direct `match`es on constants: through `spec()` each would be a call, a table
    // load and a field load, which the inliner stops folding for large enums (measured at 500
    // variants: 2.4x a hand-written `match`, BENCHMARKS.md).
    let lookups = quote! {
        #[inline]
        fn status(&self) -> #krate::__private::http::StatusCode {
            #status
        }

        #[inline]
        fn code(&self) -> &'static str {
            #code
        }
    };
    quote! {
        #lookups

        // `title()` is the trait's default (the spec's title), and `static_message()` reads
        // the flag the derive recorded in the spec: two `match`es fewer per type (a
        // `transparent` variant's spec is its field's, so both delegate by construction).
        #[inline]
        fn static_message(&self) -> ::core::option::Option<&'static str> {
            #krate::__private::ErrorSpec::__static_message(#krate::__private::ApiError::spec(self))
        }
    }
}

/// `message()` and `write_message()`, for types with a template to fill or a
/// `transparent` variant.
fn message_methods(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    let formatted = |entry: &Entry<'_>| {
        !entry.is_transparent()
            && entry
                .message
                .template
                .as_ref()
                .is_some_and(super::super::fmt::Template::needs_formatting)
    };
    if !model.entries.iter().any(|e| formatted(e) || e.is_transparent()) {
        return TokenStream::new();
    }
    let format_args = |entry: &Entry<'_>| {
        let template = entry.message.template.as_ref()?;
        let args = template.distinct_args();
        let literal = LitStr::new(&template.to_positional(&args), entry.message.span);
        let bindings = args.iter().filter_map(|arg| entry.field(arg)).map(|f| &f.binding);
        let used: Vec<&Arg> = args.iter().collect();
        let pat = pattern(entry, |f| used.contains(&&f.arg));
        Some((pat, quote!(::core::format_args!(#literal #(, #bindings)*))))
    };
    // Without a `transparent` variant, `message()` is `write_message()`'s output (or the
    // fixed text), through one shared function: the template is formatted in one `match`.
    let transparent = model.entries.iter().any(Entry::is_transparent);
    let message = if transparent {
        dispatch(
            model,
            delegate_to(krate, "message", quote!()),
            |_, entry| {
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
        )
    } else {
        quote!(#krate::__private::message_from_write(self))
    };
    let write = dispatch(
        model,
        delegate_to(krate, "write_message", quote!(, __out)),
        |_, entry| {
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

/// `__message_args()`: each placeholder's value as its template formats it, by Fluent
/// variable name, for translations (types whose templates have placeholders, or with a
/// `transparent` variant), inside the runtime's `__errwire_i18n!`.
fn message_args_method(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    let has_args = |entry: &Entry<'_>| {
        !entry.is_transparent()
            && entry
                .message
                .template
                .as_ref()
                .is_some_and(|t| t.args().next().is_some())
    };
    if !model.entries.iter().any(|e| has_args(e) || e.is_transparent()) {
        return TokenStream::new();
    }
    let body = dispatch(
        model,
        delegate_to(krate, "__message_args", quote!(, __visit)),
        |_, entry| {
            if !has_args(entry) {
                return None;
            }
            let template = entry.message.template.as_ref()?;
            let mut seen: Vec<&Arg> = Vec::new();
            let visits: Vec<TokenStream> = template
                .args()
                .filter_map(|(arg, spec)| {
                    if seen.contains(&arg) {
                        return None;
                    }
                    seen.push(arg);
                    let field = entry.field(arg)?;
                    let binding = &field.binding;
                    let name = arg.variable();
                    let literal = LitStr::new(&format!("{{:{spec}}}"), entry.message.span);
                    Some(quote!(__visit(#name, &::core::format_args!(#literal, #binding));))
                })
                .collect();
            let used: Vec<&Arg> = seen.clone();
            let pat = pattern(entry, |f| used.contains(&&f.arg));
            Some((pat, quote!({ #(#visits)* })))
        },
        &quote!({}),
    );
    // Read by translations only: the runtime drops it unless its `i18n` feature is on.
    quote! {
        #krate::__errwire_i18n! {
            fn __message_args(&self, __visit: &mut dyn ::core::ops::FnMut(&'static str, &dyn #krate::__private::fmt::Display)) {
                #body
            }
        }
    }
}

fn retry_after_method(model: &Model<'_>) -> TokenStream {
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
        delegate_to(krate, "retry_after", quote!()),
        |_, entry| {
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

fn details_method(model: &Model<'_>) -> TokenStream {
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
        delegate_to(krate, "details", quote!()),
        |_, entry| {
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
fn as_error_method(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    quote! {
        fn as_error(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
            #[allow(unused_imports)]
            use #krate::__private::{AsErrorFallback as _, AsErrorViaError as _};
            (&&#krate::__private::AsErrorProbe(self)).probe_error()
        }
    }
}

/// `headers()`, for types with a header whose value comes from a field: the spec's
/// constant headers (what the default method writes), then each field-dependent one, written
/// by the runtime's helper (which drops a value that is not a valid header value). Names are
/// `HeaderName::from_static` in a `const` block: checked by the compiler, never at run time.
fn headers_method(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    let dynamic = |entry: &Entry<'_>| entry.headers.iter().any(|h| h.constant().is_none());
    if !model.entries.iter().any(|e| e.is_transparent() || dynamic(e)) {
        return TokenStream::new();
    }
    let constant =
        quote!(#krate::__private::spec_headers(#krate::__private::ApiError::spec(self), __headers));
    let body = dispatch(
        model,
        delegate_to(krate, "headers", quote!(, __headers)),
        |_, entry| {
            if !dynamic(entry) {
                return None;
            }
            let mut used: Vec<Arg> = Vec::new();
            let writes: Vec<TokenStream> = entry
                .headers
                .iter()
                .filter(|header| header.constant().is_none())
                .filter_map(|header| {
                    let name = header.lower_name();
                    let name = quote!(const { #krate::__private::http::HeaderName::from_static(#name) });
                    // The format string carries the user's span, so a field that is not
                    // `Display` is reported at the `value = "…"` or the field, not the derive.
                    let (format, values): (LitStr, Vec<&Ident>) = match &header.value {
                        HeaderSource::Text { template, span, .. } => {
                            let template = template.as_ref()?;
                            let args = template.distinct_args();
                            let bindings = args.iter().filter_map(|arg| entry.field(arg)).map(|f| &f.binding).collect();
                            used.extend(args.iter().cloned());
                            (LitStr::new(&template.to_positional(&args), *span), bindings)
                        }
                        HeaderSource::Field(index) => {
                            let field = entry.fields.get(*index)?;
                            used.push(field.arg.clone());
                            let format = LitStr::new("{}", field.span());
                            if field.is_option {
                                let binding = &field.binding;
                                return Some(quote! {
                                    if let ::core::option::Option::Some(__value) = #binding {
                                        #krate::__private::header_fmt(__headers, #name, ::core::format_args!(#format, __value));
                                    }
                                });
                            }
                            (format, vec![&field.binding])
                        }
                    };
                    Some(quote! {
                        #krate::__private::header_fmt(__headers, #name, ::core::format_args!(#format #(, #values)*));
                    })
                })
                .collect();
            let pat = pattern(entry, |f| used.contains(&f.arg));
            Some((pat, quote!({ #constant; #(#writes)* })))
        },
        &constant,
    );
    quote! {
        fn headers(&self, __headers: &mut #krate::__private::http::HeaderMap) {
            #body
        }
    }
}

/// `violations()`: the `#[api(violations)]` field as a slice (any `AsRef<[Violation]>`:
/// `Vec`, array, boxed slice).
fn violations_method(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    if !model
        .entries
        .iter()
        .any(|e| e.is_transparent() || e.violations_field().is_some())
    {
        return TokenStream::new();
    }
    let body = dispatch(
        model,
        delegate_to(krate, "violations", quote!()),
        |_, entry| {
            let field = entry.violations_field()?;
            let binding = &field.binding;
            let ty = &field.field.ty;
            let pat = pattern(entry, |f| f.field.violations.is_present());
            Some((
                pat,
                quote_spanned!(ty.span()=> #krate::__private::violation_list(#binding)),
            ))
        },
        &quote!(&[]),
    );
    quote! {
        fn violations(&self) -> &[#krate::__private::Violation] {
            #body
        }
    }
}
