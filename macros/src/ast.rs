//! The input as darling reads it: one receiver for the type, its variants and its fields.

use darling::util::{Flag, SpannedValue};
use darling::{ast, FromDeriveInput, FromField, FromMeta, FromVariant};
use proc_macro2::Span;
use syn::{Attribute, Generics, Ident, Path, Type, Visibility};

use crate::attr::{Detail, HeaderKey, JsonRpcCode, Mcp, RenameAll, Seconds, Status};

/// `#[derive(ApiError)]` on an enum or a struct.
#[derive(FromDeriveInput)]
#[darling(
    attributes(api),
    forward_attrs(doc, deprecated),
    supports(struct_any, enum_any)
)]
pub struct Input {
    pub ident: Ident,
    pub vis: Visibility,
    pub generics: Generics,
    pub data: ast::Data<Variant, Field>,
    pub attrs: Vec<Attribute>,
    // #[api(rename_all = "SCREAMING_SNAKE_CASE")]
    pub rename_all: Option<RenameAll>,
    // #[api(docs = "https://docs.example.com/errors#{code}")]
    pub docs: Option<SpannedValue<String>>,
    // #[api(format = Problem)]
    pub format: Option<Path>,
    // #[api(crate = "path::to::errwire")]
    #[darling(rename = "crate")]
    pub krate: Option<Path>,
    // #[api(challenge = "Bearer realm=\"api\"")]
    pub challenge: Option<SpannedValue<String>>,
    /// On a struct, its own identity; on an enum, `status` and `domain` are the variants'
    /// defaults and the other keys are misplaced.
    #[darling(flatten)]
    pub keys: Keys,
}

/// One variant of the enum.
#[derive(FromVariant)]
#[darling(attributes(api), forward_attrs(doc, deprecated))]
pub struct Variant {
    pub ident: Ident,
    pub fields: ast::Fields<Field>,
    pub attrs: Vec<Attribute>,
    #[darling(flatten)]
    pub keys: Keys,
}

/// One field of a variant or struct.
#[derive(FromField)]
#[darling(attributes(api))]
pub struct Field {
    pub ident: Option<Ident>,
    pub ty: Type,
    // #[api(detail)] / #[api(detail = "param")]
    pub detail: Option<Detail>,
    // #[api(retry_after)]
    pub retry_after: Flag,
    // #[api(sensitive)]
    pub sensitive: Flag,
    // #[api(header = "Location")]
    pub header: Option<SpannedValue<String>>,
    // #[api(violations)]
    pub violations: Flag,
}

/// The keys that give one code its identity (on a variant, or on a struct).
#[derive(FromMeta, Default)]
pub struct Keys {
    // #[api(status = 409)] / #[api(status = CONFLICT)] / #[api(status = StatusCode::CONFLICT)]
    pub status: Option<Status>,
    // #[api(code = "state_conflict")]
    pub code: Option<SpannedValue<String>>,
    // #[api(message = "The slug '{slug}' is already in use.")]
    pub message: Option<SpannedValue<String>>,
    // #[api(retry = true)]
    pub retry: Option<SpannedValue<bool>>,
    // #[api(retry_after = 30)]
    pub retry_after: Option<Seconds>,
    // #[api(domain = "auth")]
    pub domain: Option<SpannedValue<String>>,
    // #[api(help = "Respect the Retry-After header.")]
    pub help: Option<SpannedValue<String>>,
    // #[api(title = "Slug taken")]
    pub title: Option<SpannedValue<String>>,
    // #[api(jsonrpc = -32001)]
    pub jsonrpc: Option<JsonRpcCode>,
    // #[api(mcp = "protocol")]
    pub mcp: Option<SpannedValue<Mcp>>,
    // #[api(transparent)]
    pub transparent: Flag,
    // #[api(header(name = "WWW-Authenticate", value = "Bearer realm=\"mcp\""))], repeatable
    #[darling(multiple, rename = "header")]
    pub headers: Vec<HeaderKey>,
    // #[api(in_band)]
    pub in_band: Flag,
}

impl Keys {
    /// The keys present, with the span of each value, in declaration order of the struct.
    pub fn given(&self) -> Vec<(&'static str, Span)> {
        let flag = |f: &Flag| f.is_present().then(|| f.span());
        [
            ("status", self.status.map(|k| k.span)),
            ("code", self.code.as_ref().map(SpannedValue::span)),
            ("message", self.message.as_ref().map(SpannedValue::span)),
            ("retry", self.retry.as_ref().map(SpannedValue::span)),
            ("retry_after", self.retry_after.map(|k| k.span)),
            ("domain", self.domain.as_ref().map(SpannedValue::span)),
            ("help", self.help.as_ref().map(SpannedValue::span)),
            ("title", self.title.as_ref().map(SpannedValue::span)),
            ("jsonrpc", self.jsonrpc.map(|k| k.span)),
            ("mcp", self.mcp.as_ref().map(SpannedValue::span)),
            ("transparent", flag(&self.transparent)),
            ("header", self.headers.first().map(|h| h.name.span())),
            ("in_band", flag(&self.in_band)),
        ]
        .into_iter()
        .filter_map(|(key, span)| Some((key, span?)))
        .collect()
    }
}
