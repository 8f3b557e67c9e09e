//! Rules that need more than one attribute in view. Each rule is one function; all errors
//! are accumulated and reported together, each at the narrowest span that explains it.

use std::collections::HashMap;

use proc_macro2::Span;

use crate::diagnostic::Errors as Accumulator;
use crate::fmt::{Arg, Piece, Template};
use crate::model::{Entry, HeaderSource, Model};
use crate::rules;
use syn::Ident;

pub fn validate(model: &Model<'_>) -> Result<(), syn::Error> {
    let mut errors = Accumulator::default();
    enum_keys_belong_on_variants(model, &mut errors);
    challenge_is_a_header_value(model, &mut errors);
    docs_template(model, &mut errors);
    code_enum_is_named(model, &mut errors);
    codes_are_unique(model, &mut errors);
    for entry in &model.entries {
        if entry.is_transparent() {
            transparent_stands_alone(entry, &mut errors);
            continue;
        }
        status_is_given(model, entry, &mut errors);
        code_is_printable(entry, &mut errors);
        message_is_usable(entry, &mut errors);
        placeholders_name_public_fields(entry, &mut errors);
        retry_after_is_retryable(entry, &mut errors);
        retry_after_is_single(entry, &mut errors);
        jsonrpc_code_is_allowed(entry, &mut errors);
        details_are_publishable(entry, &mut errors);
        headers_are_valid(entry, &mut errors);
        violations_field_is_single(entry, &mut errors);
        redirect_has_location(entry, &mut errors);
        texts_are_not_empty(entry, &mut errors);
    }
    errors.finish()
}

fn error(span: Span, message: impl std::fmt::Display) -> syn::Error {
    syn::Error::new(span, message.to_string())
}

/// An error from `start` to `end` (two tokens, such as `-` and `32001`): stable Rust cannot
/// join spans, but a compile error spanning tokens is shown over all of them.
fn range_error(start: Span, end: Span, message: impl std::fmt::Display) -> syn::Error {
    let tokens: proc_macro2::TokenStream = [
        proc_macro2::TokenTree::Ident(Ident::new("start", start)),
        proc_macro2::TokenTree::Ident(Ident::new("end", end)),
    ]
    .into_iter()
    .collect();
    syn::Error::new_spanned(tokens, message.to_string())
}

/// On an enum only `status`, `domain`, `in_band` and `report` are defaults; the rest identify
/// one code.
fn enum_keys_belong_on_variants(model: &Model<'_>, errors: &mut Accumulator) {
    if !model.is_enum {
        return;
    }
    let misplaced = model
        .input
        .keys
        .given()
        .into_iter()
        .filter(|(key, _)| !matches!(*key, "status" | "domain" | "in_band" | "report"));
    for (key, span) in misplaced {
        errors.push(error(
            span,
            format!("`{key}` belongs on a variant, not on the enum: move it to each variant it describes"),
        ));
    }
}

/// `codes = "AccountCode"` names a new enum: an identifier, on an enum.
fn code_enum_is_named(model: &Model<'_>, errors: &mut Accumulator) {
    let Some(codes) = &model.input.codes else {
        return;
    };
    if !model.is_enum {
        errors.push(error(
            codes.span(),
            "`codes` writes one variant per code and needs an enum: a struct has one code, `T::CATALOGUE[0]`",
        ));
    } else if syn::parse_str::<Ident>(codes).is_err() || codes.starts_with("r#") {
        errors.push(error(
            codes.span(),
            format_args!("`codes` must name a new enum with an identifier, as in `codes = \"AccountCode\"`; `{}` is not one", &**codes),
        ));
    } else if model.ident == codes.as_str() {
        errors.push(error(
            codes.span(),
            "`codes` must name a new enum, not the error type itself: try `codes = \"<Type>Code\"`",
        ));
    }
}

/// `docs = "…"` knows one placeholder, `{code}`.
fn docs_template(model: &Model<'_>, errors: &mut Accumulator) {
    if let Some(docs) = &model.input.docs {
        let rest = docs.replace("{code}", "");
        if rest.contains(['{', '}']) {
            errors.push(error(
                docs.span(),
                "`docs` supports only the `{code}` placeholder, as in `docs = \"https://docs.example.com/errors#{code}\"`",
            ));
        }
    }
}

/// Two variants with one code would make the code ambiguous on the wire.
fn codes_are_unique(model: &Model<'_>, errors: &mut Accumulator) {
    let mut first: HashMap<&str, &Entry<'_>> = HashMap::new();
    for entry in model.entries.iter().filter(|e| !e.is_transparent()) {
        match first.get(entry.code.as_str()) {
            Some(earlier) => {
                errors.push(error(
                    entry.code_span,
                    format!(
                        "duplicate code `{}`: variant `{}` uses it too; give one of them a distinct `code = \"…\"`",
                        entry.code, earlier.ident
                    ),
                ));
                errors.push(error(
                    earlier.code_span,
                    format!("code `{}` is also used by variant `{}`", entry.code, entry.ident),
                ));
            }
            None => {
                first.insert(&entry.code, entry);
            }
        }
    }
}

fn status_is_given(model: &Model<'_>, entry: &Entry<'_>, errors: &mut Accumulator) {
    if entry.status.is_some() {
        return;
    }
    let message = if model.is_enum {
        format!(
            "variant `{}` has no status: add `#[api(status = 404)]` to it, or a default `#[api(status = 500)]` on the enum",
            entry.ident
        )
    } else {
        format!("`{}` has no status: add `#[api(status = 500)]`", entry.ident)
    };
    errors.push(error(entry.ident.span(), message));
}

/// Codes travel in JSON strings, headers and URLs: printable ASCII, no `"` or `\`, no edge
/// spaces, not empty.
fn code_is_printable(entry: &Entry<'_>, errors: &mut Accumulator) {
    let code = &entry.code;
    if code.is_empty() {
        let message =
            "`code` must not be empty: write a stable machine code such as `code = \"state_conflict\"`";
        errors.push(error(entry.code_span, message));
        return;
    }
    let problem = if let Some(c) = code
        .chars()
        .find(|c| !(' '..='~').contains(c) || *c == '"' || *c == '\\')
    {
        let shown = if c.is_ascii_graphic() {
            format!("`{c}`")
        } else {
            format!("{}", c.escape_unicode())
        };
        Some(format!(
            "contains {shown}; use printable ASCII without `\"` or `\\`"
        ))
    } else if code.starts_with(' ') || code.ends_with(' ') {
        Some("starts or ends with a space; trim it".to_owned())
    } else {
        None
    };
    if let Some(problem) = problem {
        errors.push(error(entry.code_span, format!("code `{code}` {problem}")));
    }
}

fn message_is_usable(entry: &Entry<'_>, errors: &mut Accumulator) {
    let message = &entry.message;
    if let Some(parse_error) = &message.parse_error {
        errors.push(error(message.span, parse_error));
    } else if message.explicit && message.template.as_ref().is_some_and(|t| t.pieces.is_empty()) {
        errors.push(error(
            message.span,
            "`message` must not be empty: write the text a client should read",
        ));
    } else if message.template.is_none()
        && let Some(status) = entry.status
    {
        errors.push(error(
                entry.ident.span(),
                format!(
                    "status {} has no reason phrase to use as the message: add `#[api(message = \"…\")]` or a doc comment",
                    status.code
                ),
            ));
    }
}

fn placeholders_name_public_fields(entry: &Entry<'_>, errors: &mut Accumulator) {
    let Some(template) = &entry.message.template else {
        return;
    };
    if !entry.message.explicit {
        return;
    }
    for arg in template.distinct_args() {
        match entry.field(&arg) {
            None => errors.push(error(entry.message.span, missing_field(entry, &arg))),
            Some(field) if field.field.sensitive.is_present() => errors.push(error(
                entry.message.span,
                format!(
                    "placeholder `{{{}}}` names a `sensitive` field, which must never reach the wire: remove it from the message",
                    arg.to_written()
                ),
            )),
            Some(_) => {}
        }
    }
}

fn missing_field(entry: &Entry<'_>, arg: &Arg) -> String {
    let known: Vec<String> = entry
        .fields
        .iter()
        .map(|f| format!("`{{{}}}`", f.arg.to_written()))
        .collect();
    let hint = if known.is_empty() {
        format!("`{}` has no fields", entry.ident)
    } else {
        format!("its fields are {}", known.join(", "))
    };
    format!(
        "placeholder `{{{}}}` names no field of `{}`: {hint}",
        arg.to_written(),
        entry.ident
    )
}

fn transparent_stands_alone(entry: &Entry<'_>, errors: &mut Accumulator) {
    let span = entry.keys.transparent.span();
    if entry.fields.len() != 1 {
        errors.push(error(
            span,
            format!(
                "`transparent` needs exactly one field, which implements `ApiError`; `{}` has {}",
                entry.ident,
                entry.fields.len()
            ),
        ));
    }
    let others = entry
        .keys
        .given()
        .into_iter()
        .filter(|(key, _)| *key != "transparent");
    for (key, span) in others {
        errors.push(error(
            span,
            format!("`{key}` cannot be combined with `transparent`: the field's own error gives it"),
        ));
    }
    for field in &entry.fields {
        let f = field.field;
        if f.detail.is_some()
            || f.retry_after.is_present()
            || f.sensitive.is_present()
            || f.header.is_some()
            || f.violations.is_present()
        {
            errors.push(error(
                field.span(),
                "field attributes cannot be combined with `transparent`: the field's own error gives its details",
            ));
        }
    }
}

fn retry_after_is_retryable(entry: &Entry<'_>, errors: &mut Accumulator) {
    if entry.retryable {
        return;
    }
    let span = entry
        .keys
        .retry_after
        .map(|r| r.span)
        .or_else(|| entry.retry_after_field().map(|f| f.field.retry_after.span()));
    if let Some(span) = span {
        let why = match (&entry.keys.retry, entry.status) {
            (Some(_), _) => "it says `retry = false`".to_owned(),
            (None, Some(status)) => format!("status {} is not retried by default", status.code),
            (None, None) => "it has no status".to_owned(),
        };
        errors.push(error(
            span,
            format!(
                "`retry_after` on a variant that cannot be retried ({why}): remove it or add `retry = true`"
            ),
        ));
    }
}

fn retry_after_is_single(entry: &Entry<'_>, errors: &mut Accumulator) {
    let mut fields = entry.fields.iter().filter(|f| f.field.retry_after.is_present());
    let first = fields.next();
    for extra in fields {
        errors.push(error(
            extra.field.retry_after.span(),
            "only one field may be `#[api(retry_after)]`: remove the others",
        ));
    }
    if let (Some(field), Some(_)) = (first, &entry.keys.retry_after) {
        errors.push(error(
            field.field.retry_after.span(),
            "the retry delay is given twice, by `retry_after = …` and by this field: keep one",
        ));
    }
}

/// JSON-RPC reserves −32768..=−32000; only its standard and server codes may be used.
fn jsonrpc_code_is_allowed(entry: &Entry<'_>, errors: &mut Accumulator) {
    let Some(jsonrpc) = entry.keys.jsonrpc else {
        return;
    };
    let code = jsonrpc.code;
    if !rules::jsonrpc_code_is_allowed(code) {
        errors.push(range_error(
            jsonrpc.start,
            jsonrpc.span,
            format!(
                "`jsonrpc = {code}` is reserved by JSON-RPC 2.0: use -32700, -32600..=-32603, a server code in -32099..=-32000, or a code outside -32768..=-32000"
            ),
        ));
    }
}

fn details_are_publishable(entry: &Entry<'_>, errors: &mut Accumulator) {
    let mut names: HashMap<String, Span> = HashMap::new();
    for field in &entry.fields {
        let Some(detail) = &field.field.detail else {
            continue;
        };
        if field.field.sensitive.is_present() {
            errors.push(error(
                detail.span,
                "a `sensitive` field cannot be a `detail`: sensitive fields never reach the wire",
            ));
            continue;
        }
        let name = match (&detail.name, &field.arg) {
            (Some(name), _) | (None, Arg::Named(name)) => name.clone(),
            (None, Arg::Index(index)) => {
                errors.push(error(
                    detail.span,
                    format!("a tuple field has no name to publish: write `#[api(detail = \"name\")]` for field {index}"),
                ));
                continue;
            }
        };
        if name.is_empty() {
            errors.push(error(
                detail.span,
                "a detail name must not be empty: write `#[api(detail)]` to use the field's name, or give one",
            ));
        } else if !rules::is_member_name(&name) {
            errors.push(error(
                detail.span,
                format!(
                    "detail name `{name}` is not a portable member name: start with a letter and use only letters, digits and `_` (RFC 9457 §3.2)"
                ),
            ));
        } else if rules::is_reserved_member_name(&name) {
            errors.push(error(
                detail.span,
                format!(
                    "detail name `{name}` collides with a standard member of the error formats: rename it with `#[api(detail = \"…\")]`"
                ),
            ));
        } else if names.insert(name.clone(), detail.span).is_some() {
            errors.push(error(
                detail.span,
                format!(
                    "detail name `{name}` is used twice in `{}`: rename one with `#[api(detail = \"…\")]`",
                    entry.ident
                ),
            ));
        }
    }
}

fn texts_are_not_empty(entry: &Entry<'_>, errors: &mut Accumulator) {
    let keys = entry.keys;
    for (key, value) in [
        ("domain", &keys.domain),
        ("help", &keys.help),
        ("title", &keys.title),
    ] {
        if let Some(value) = value
            && value.trim().is_empty()
        {
            errors.push(error(
                value.span(),
                format!("`{key}` must not be empty: remove it or write the text"),
            ));
        }
    }
}

/// `challenge = "…"` is sent as it is: a valid header value.
fn challenge_is_a_header_value(model: &Model<'_>, errors: &mut Accumulator) {
    if let Some(challenge) = &model.input.challenge
        && (challenge.trim().is_empty() || !rules::is_header_value(challenge))
    {
        errors.push(error(
                challenge.span(),
                "`challenge` must be a valid `WWW-Authenticate` value: visible ASCII and inner spaces, as in `challenge = \"Bearer realm=\\\"api\\\"\"`",
            ));
    }
}

/// Header names are RFC 9110 tokens and not one errwire writes itself; constant values are
/// valid header values; placeholders name public fields.
fn headers_are_valid(entry: &Entry<'_>, errors: &mut Accumulator) {
    for header in &entry.headers {
        if !rules::is_header_name(&header.name) {
            errors.push(error(
                header.name_span,
                format!(
                    "`{}` is not a header name: use letters, digits and `-`, as in `WWW-Authenticate`",
                    header.name
                ),
            ));
        } else if rules::is_owned_header(&header.name) {
            errors.push(error(
                header.name_span,
                format!(
                    "header `{}` is written by errwire itself: remove it (use `retry_after` for `Retry-After`, the context for `x-request-id`)",
                    header.name
                ),
            ));
        }
        match &header.value {
            HeaderSource::Text {
                parse_error: Some(parse_error),
                span,
                ..
            } => errors.push(error(*span, parse_error)),
            HeaderSource::Text {
                template: Some(template),
                span,
                ..
            } => header_template_is_valid(entry, template, *span, errors),
            HeaderSource::Text { .. } => {}
            HeaderSource::Field(index) => {
                let Some(field) = entry.fields.get(*index) else {
                    continue;
                };
                if field.field.sensitive.is_present() {
                    errors.push(error(
                        header.name_span,
                        "a `sensitive` field cannot be a header: sensitive fields never reach the wire",
                    ));
                }
            }
        }
    }
}

fn header_template_is_valid(entry: &Entry<'_>, template: &Template, span: Span, errors: &mut Accumulator) {
    let text: String = template
        .pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Text(text) => Some(text.as_str()),
            Piece::Placeholder { .. } => None,
        })
        .collect();
    if template.pieces.is_empty() || !rules::is_header_value(&text) {
        errors.push(error(
            span,
            "a header value must be visible ASCII with inner spaces only (no line breaks, tabs or edge spaces), and not empty",
        ));
    }
    for arg in template.distinct_args() {
        match entry.field(&arg) {
            None => errors.push(error(span, missing_field(entry, &arg))),
            Some(field) if field.field.sensitive.is_present() => errors.push(error(
                span,
                format!(
                    "placeholder `{{{}}}` names a `sensitive` field, which must never reach the wire: remove it from the header",
                    arg.to_written()
                ),
            )),
            Some(_) => {}
        }
    }
}

/// RFC 9110 §15.4: a redirect says where to go.
fn redirect_has_location(entry: &Entry<'_>, errors: &mut Accumulator) {
    let Some(status) = entry.status else { return };
    let redirect = (300..=399).contains(&status.code);
    let located = entry
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("location"));
    if redirect && !located {
        errors.push(error(
            status.span,
            format!(
                "status {} is a redirect and needs a `Location`: add `#[api(header(name = \"Location\", value = \"…\"))]` or mark a field `#[api(header = \"Location\")]`",
                status.code
            ),
        ));
    }
}

/// One list of violations per code, published as such and nothing else.
fn violations_field_is_single(entry: &Entry<'_>, errors: &mut Accumulator) {
    let mut marked = entry.fields.iter().filter(|f| f.field.violations.is_present());
    marked.next();
    for extra in marked {
        errors.push(error(
            extra.field.violations.span(),
            "only one field may be `#[api(violations)]`: merge the lists into one",
        ));
    }
    for field in entry.fields.iter().filter(|f| f.field.violations.is_present()) {
        let f = field.field;
        if f.sensitive.is_present() || f.detail.is_some() || f.header.is_some() || f.retry_after.is_present()
        {
            errors.push(error(
                f.violations.span(),
                "`violations` cannot be combined with `sensitive`, `detail`, `header` or `retry_after` on one field: the list is published as violations",
            ));
        }
    }
}
