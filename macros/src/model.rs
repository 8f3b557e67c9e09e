//! The input understood: each code's identity with every default resolved, spans kept for
//! the checks in `valid.rs`. Building the model never fails; what cannot be resolved stays
//! `None` and `valid.rs` reports it.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Generics, Ident, Lit, Member, Meta, Path, Type};

use crate::ast::{Data, Field, Fields, Input, Keys};
use crate::attr::{Mcp, Report, Status};
use crate::fmt::{Arg, Template};
use crate::{rules, status};

/// The whole derive input.
pub struct Model<'a> {
    pub input: &'a Input,
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    /// Path to the runtime crate (`::errwire` unless `crate = "…"`).
    pub krate: Path,
    pub is_enum: bool,
    /// One per variant; exactly one for a struct.
    pub entries: Vec<Entry<'a>>,
}

/// One code: a variant, or the struct itself.
#[allow(clippy::struct_excessive_bools)] // facts of one code, not a state machine
pub struct Entry<'a> {
    pub ident: &'a Ident,
    pub is_variant: bool,
    /// A unit variant (no braces, no parentheses).
    pub is_unit: bool,
    pub keys: &'a Keys,
    pub fields: Vec<FieldModel<'a>>,
    pub status: Option<Status>,
    pub code: String,
    /// The explicit `code = "…"` literal, or the variant's name.
    pub code_span: Span,
    pub message: Message,
    pub retryable: bool,
    pub domain: Option<String>,
    pub docs_url: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub jsonrpc: i32,
    /// The problem+json `title`: `title = "…"`, else the status's reason phrase, else
    /// `"Error"` (what the runtime's `ErrorSpec::title` answers for a status without one).
    pub title: String,
    pub help: Option<String>,
    /// The constant `retry_after = 30`, in seconds.
    pub retry_after: Option<u64>,
    /// `mcp = "protocol"`: sent as a JSON-RPC error rather than a tool result.
    pub mcp_protocol: bool,
    /// `grpc = "…"`: the runtime `GrpcCode` variant's name.
    pub grpc: Option<String>,
    /// `in_band` on the variant or the enum: HTTP 200 in the JSON-RPC formats.
    pub in_band: bool,
    /// Reported as a failure: `report = "error"` on the variant or the enum, else a 5xx.
    pub report_error: bool,
    /// The response headers: `header(name, value)` keys, `header = "…"` fields, and the
    /// enum's `challenge` for a 401 without a `WWW-Authenticate` of its own.
    pub headers: Vec<Header>,
}

/// One response header of a code.
pub struct Header {
    /// The name as written (checked in `valid.rs`); generated code uses it lower-cased.
    pub name: String,
    pub name_span: Span,
    pub value: HeaderSource,
}

/// Where a header's value comes from.
pub enum HeaderSource {
    /// `value = "…"`, with `{field}` placeholders like messages; `None` when it does not parse.
    Text {
        template: Option<Template>,
        parse_error: Option<String>,
        span: Span,
    },
    /// A field's `Display`: the index of the field in `Entry::fields`.
    Field(usize),
}

impl Header {
    /// The lower-case name, as `http::HeaderName::from_static` wants it.
    pub fn lower_name(&self) -> String {
        self.name.to_ascii_lowercase()
    }

    /// The value when it is constant text (it goes into the spec), else `None` (it is
    /// written at run time from the error's fields).
    pub fn constant(&self) -> Option<String> {
        match &self.value {
            HeaderSource::Text {
                template: Some(template),
                ..
            } if !template.needs_formatting() => Some(
                template
                    .pieces
                    .iter()
                    .filter_map(|piece| match piece {
                        crate::fmt::Piece::Text(text) => Some(text.as_str()),
                        crate::fmt::Piece::Placeholder { .. } => None,
                    })
                    .collect(),
            ),
            _ => None,
        }
    }
}

/// Where a message comes from, and what it says.
pub struct Message {
    /// `None` when there is no usable message (reported by `valid.rs`).
    pub template: Option<Template>,
    /// The error in a `message = "…"` template, if it does not parse.
    pub parse_error: Option<String>,
    /// The `message = "…"` literal, else the variant's name.
    pub span: Span,
    pub explicit: bool,
    /// The `MessageSource` variant when the message was not written for the wire.
    pub source: Option<&'static str>,
}

/// One field, with the binding generated code gives it.
pub struct FieldModel<'a> {
    pub field: &'a Field,
    pub member: Member,
    pub binding: Ident,
    /// The name placeholders use for it: `slug` or `0`.
    pub arg: Arg,
    /// Whether its type is written `Option<…>` (a `None` detail is left out).
    pub is_option: bool,
}

impl<'a> Model<'a> {
    pub fn new(input: &'a Input) -> Self {
        let rename = input.rename_all.unwrap_or_default();
        let krate = input
            .krate
            .clone()
            .unwrap_or_else(|| syn::parse_quote!(::errwire));
        let (is_enum, entries) = match &input.data {
            Data::Enum(variants) => (
                true,
                variants
                    .iter()
                    .map(|v| Entry::new(input, &v.ident, true, &v.keys, &v.attrs, &v.fields, rename))
                    .collect(),
            ),
            Data::Struct(fields) => (
                false,
                vec![Entry::new(
                    input,
                    &input.ident,
                    false,
                    &input.keys,
                    &input.attrs,
                    fields,
                    rename,
                )],
            ),
        };
        Self {
            input,
            ident: &input.ident,
            generics: &input.generics,
            krate,
            is_enum,
            entries,
        }
    }

    /// The type's own module-qualified name is built at expansion with `module_path!()`.
    pub fn type_name(&self) -> String {
        self.ident.unraw().to_string()
    }
}

impl<'a> Entry<'a> {
    #[allow(clippy::too_many_arguments)] // one call per shape; a struct would only rename them
    fn new(
        input: &'a Input,
        ident: &'a Ident,
        is_variant: bool,
        keys: &'a Keys,
        attrs: &[Attribute],
        shape: &'a Fields,
        rename: crate::attr::RenameAll,
    ) -> Self {
        let fields = &shape.fields;
        let enum_keys = is_variant.then_some(&input.keys);
        let status = keys.status.or_else(|| enum_keys.and_then(|k| k.status));
        let (code, code_span) = match &keys.code {
            Some(code) => (code.as_ref().clone(), code.span()),
            None => (rename.apply(&ident.unraw().to_string()), ident.span()),
        };
        let docs = doc_lines(attrs);
        let retryable = keys.retry.as_ref().map_or_else(
            || status.is_some_and(|s| rules::default_retryable(s.code)),
            |retry| *retry.as_ref(),
        );
        let jsonrpc = keys.jsonrpc.map_or_else(
            || status.map_or(-32000, |s| rules::default_jsonrpc_code(s.code)),
            |j| j.code,
        );
        let in_band = keys.in_band.is_present() || (is_variant && input.keys.in_band.is_present());
        let report_error = keys
            .report
            .as_ref()
            .or_else(|| enum_keys.and_then(|k| k.report.as_ref()))
            .map_or_else(
                || status.is_some_and(|s| rules::default_reported_as_error(s.code)),
                |r| *r.as_ref() == Report::Error,
            );
        let headers = headers(keys, fields, status, input.challenge.as_ref());
        let title = keys
            .title
            .as_ref()
            .map(|t| t.as_ref().clone())
            .or_else(|| status.and_then(|s| status::reason(s.code)).map(String::from))
            .unwrap_or_else(|| "Error".into());
        let domain = keys
            .domain
            .as_ref()
            .or_else(|| enum_keys.and_then(|k| k.domain.as_ref()))
            .map(|d| d.as_ref().clone());
        let docs_url = input
            .docs
            .as_ref()
            .map(|template| template.replace("{code}", &percent_encode(&code)));
        Self {
            ident,
            is_variant,
            is_unit: is_variant && shape.unit,
            keys,
            fields: fields
                .iter()
                .enumerate()
                .map(|(i, f)| FieldModel::new(i, f))
                .collect(),
            status,
            message: Message::new(keys, &docs, status, ident.span()),
            code,
            code_span,
            retryable,
            domain,
            docs_url,
            description: (!docs.is_empty()).then(|| docs.join("\n").trim().to_owned()),
            deprecated: attrs.iter().any(|a| a.path().is_ident("deprecated")),
            jsonrpc,
            title,
            help: keys.help.as_ref().map(|h| h.as_ref().clone()),
            retry_after: keys.retry_after.map(|r| r.value),
            mcp_protocol: keys.mcp.as_ref().is_some_and(|m| *m.as_ref() == Mcp::Protocol),
            grpc: keys.grpc.as_ref().map(|g| g.as_ref().variant()),
            in_band,
            report_error,
            headers,
        }
    }

    pub fn is_transparent(&self) -> bool {
        self.keys.transparent.is_present()
    }

    /// The field an `{arg}` placeholder names.
    pub fn field(&self, arg: &Arg) -> Option<&FieldModel<'a>> {
        self.fields.iter().find(|f| &f.arg == arg)
    }

    /// The names a translation of the message may use (Fluent variables): the template's
    /// placeholders, then the details' wire names.
    pub fn variables(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .message
            .template
            .iter()
            .flat_map(Template::distinct_args)
            .map(|arg| arg.variable())
            .collect();
        for (_, name) in self.details() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// The `sensitive` fields, by the name a translation would use for them.
    pub fn sensitive_names(&self) -> Vec<String> {
        self.fields
            .iter()
            .filter(|f| f.field.sensitive.is_present())
            .map(|f| f.arg.variable())
            .collect()
    }

    /// The field marked `#[api(violations)]`, if any.
    pub fn violations_field(&self) -> Option<&FieldModel<'a>> {
        self.fields.iter().find(|f| f.field.violations.is_present())
    }

    /// The field marked `#[api(retry_after)]`, if any.
    pub fn retry_after_field(&self) -> Option<&FieldModel<'a>> {
        self.fields.iter().find(|f| f.field.retry_after.is_present())
    }

    /// The fields marked `#[api(detail)]`, with their wire names.
    pub fn details(&self) -> impl Iterator<Item = (&FieldModel<'a>, String)> {
        self.fields.iter().filter_map(|f| {
            let detail = f.field.detail.as_ref()?;
            let name = detail.name.clone().or_else(|| match &f.arg {
                Arg::Named(name) => Some(name.clone()),
                Arg::Index(_) => None,
            })?;
            Some((f, name))
        })
    }
}

impl Message {
    fn new(keys: &Keys, docs: &[String], status: Option<Status>, fallback_span: Span) -> Self {
        if let Some(message) = &keys.message {
            let (template, parse_error) = match Template::parse(message) {
                Ok(template) => (Some(template), None),
                Err(error) => (None, Some(error)),
            };
            return Self {
                template,
                parse_error,
                span: message.span(),
                explicit: true,
                source: None,
            };
        }
        // The first line of the doc comment, else the reason phrase; both print as written.
        let (text, source) = match docs.iter().find(|line| !line.is_empty()) {
            Some(line) => (Some(line.as_str()), "DocComment"),
            None => (status.and_then(|s| status::reason(s.code)), "ReasonPhrase"),
        };
        Self {
            template: text.map(Template::literal),
            parse_error: None,
            span: fallback_span,
            explicit: false,
            source: Some(source),
        }
    }
}

impl<'a> FieldModel<'a> {
    fn new(index: usize, field: &'a Field) -> Self {
        let (member, arg, binding) = match &field.ident {
            Some(ident) => {
                let name = ident.unraw().to_string();
                (
                    Member::Named(ident.clone()),
                    Arg::Named(name.clone()),
                    Ident::new(&format!("__field_{name}"), Span::call_site()),
                )
            }
            None => (
                Member::Unnamed(syn::Index {
                    index: u32::try_from(index).unwrap_or(u32::MAX),
                    span: field.ty.span(),
                }),
                Arg::Index(index),
                Ident::new(&format!("__field_{index}"), Span::call_site()),
            ),
        };
        Self {
            field,
            member,
            binding,
            arg,
            is_option: is_option(&field.ty),
        }
    }

    /// The span of the field, for errors about it.
    pub fn span(&self) -> Span {
        match &self.field.ident {
            Some(ident) => ident.span(),
            None => self.field.ty.span(),
        }
    }
}

/// The headers of one code, in the order written: keys, then fields, then the challenge.
fn headers(
    keys: &Keys,
    fields: &[Field],
    status: Option<Status>,
    challenge: Option<&crate::attr::Spanned<String>>,
) -> Vec<Header> {
    let mut headers: Vec<Header> = keys
        .headers
        .iter()
        .map(|key| {
            let (template, parse_error) = match Template::parse(&key.value) {
                Ok(template) => (Some(template), None),
                Err(error) => (None, Some(error)),
            };
            Header {
                name: key.name.as_ref().clone(),
                name_span: key.name.span(),
                value: HeaderSource::Text {
                    template,
                    parse_error,
                    span: key.value.span(),
                },
            }
        })
        .collect();
    headers.extend(fields.iter().enumerate().filter_map(|(index, field)| {
        let name = field.header.as_ref()?;
        Some(Header {
            name: name.as_ref().clone(),
            name_span: name.span(),
            value: HeaderSource::Field(index),
        })
    }));
    let unauthorized = status.is_some_and(|s| s.code == 401);
    let challenged = headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("www-authenticate"));
    // An invalid challenge is reported once, by `valid.rs`, not again as a header.
    let challenge = challenge.filter(|c| !c.trim().is_empty() && rules::is_header_value(c));
    if let (true, false, Some(challenge)) = (unauthorized, challenged, challenge) {
        headers.push(Header {
            name: "www-authenticate".into(),
            name_span: challenge.span(),
            value: HeaderSource::Text {
                template: Some(Template::literal(challenge)),
                parse_error: None,
                span: challenge.span(),
            },
        });
    }
    headers
}

/// The trimmed lines of the `///` comments.
fn doc_lines(attrs: &[Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .flat_map(|text| text.split('\n').map(|l| l.trim().to_owned()).collect::<Vec<_>>())
        .collect()
}

fn is_option(ty: &Type) -> bool {
    match ty {
        Type::Path(path) if path.qself.is_none() => path
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "Option" && !last.arguments.is_empty()),
        Type::Group(group) => is_option(&group.elem),
        _ => false,
    }
}

/// Percent-encodes a code for a URL (RFC 3986 unreserved characters pass through).
fn percent_encode(code: &str) -> String {
    let mut out = String::new();
    for byte in code.bytes() {
        if rules::is_unreserved(byte) {
            out.push(char::from(byte));
        } else {
            let _ = std::fmt::Write::write_fmt(&mut out, format_args!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_encoding_keeps_unreserved() {
        assert_eq!(
            super::percent_encode("Rate limit exceeded"),
            "Rate%20limit%20exceeded"
        );
        assert_eq!(super::percent_encode("307_redirect"), "307_redirect");
    }
}
