//! The input as written: the type, its variants and fields, and every `#[api(…)]` key, read
//! with syn's `parse_nested_meta`. Each key is read where it may appear; a key that is
//! unknown, given twice or given the wrong value is reported at its own span, and reading
//! goes on, so one pass reports every mistake.
//!
//! (Round 1 used darling here. darling requires syn's `full` and `extra-traits` features,
//! which with darling itself were ~3.5 s of the ~4.3 s errwire added to a user's clean build;
//! the keys are few and flat, so this file reads them directly.)

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned as _;
use syn::{Attribute, DeriveInput, Expr, Generics, Ident, Lit, Path, Type, Visibility};

use crate::attr::{
    Detail, Flag, Grpc, HeaderKey, JsonRpcCode, Mcp, RenameAll, Report, Seconds, Spanned, Status,
};
use crate::diagnostic::Errors;

/// `#[derive(ApiError)]` on an enum or a struct.
pub struct Input {
    pub ident: Ident,
    pub vis: Visibility,
    pub generics: Generics,
    pub data: Data,
    pub attrs: Vec<Attribute>,
    // #[api(rename_all = "SCREAMING_SNAKE_CASE")]
    pub rename_all: Option<RenameAll>,
    // #[api(docs = "https://docs.example.com/errors#{code}")]
    pub docs: Option<Spanned<String>>,
    // #[api(format = Problem)]
    pub format: Option<Path>,
    // #[api(crate = "path::to::errwire")]
    pub krate: Option<Path>,
    // #[api(challenge = "Bearer realm=\"api\"")]
    pub challenge: Option<Spanned<String>>,
    // #[api(codes = "AccountCode")]
    pub codes: Option<Spanned<String>>,
    /// On a struct, its own identity; on an enum, `status`, `domain` and `in_band` are the
    /// variants' defaults and the other keys are misplaced (`valid.rs` says so).
    pub keys: Keys,
}

/// The variants of an enum, or the fields of a struct.
pub enum Data {
    Enum(Vec<Variant>),
    Struct(Fields),
}

/// The fields of a variant or struct.
pub struct Fields {
    pub fields: Vec<Field>,
    /// No braces or parentheses: a unit variant matches as `Self::V`, the shortest pattern.
    pub unit: bool,
}

/// One variant of the enum.
pub struct Variant {
    pub ident: Ident,
    pub fields: Fields,
    pub attrs: Vec<Attribute>,
    pub keys: Keys,
}

/// One field of a variant or struct.
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
    pub header: Option<Spanned<String>>,
    // #[api(violations)]
    pub violations: Flag,
}

/// The keys that give one code its identity (on a variant, or on a struct).
#[derive(Default)]
pub struct Keys {
    // #[api(status = 409)] / #[api(status = CONFLICT)] / #[api(status = StatusCode::CONFLICT)]
    pub status: Option<Status>,
    // #[api(code = "state_conflict")]
    pub code: Option<Spanned<String>>,
    // #[api(message = "The slug '{slug}' is already in use.")]
    pub message: Option<Spanned<String>>,
    // #[api(retry = true)]
    pub retry: Option<Spanned<bool>>,
    // #[api(retry_after = 30)]
    pub retry_after: Option<Seconds>,
    // #[api(domain = "auth")]
    pub domain: Option<Spanned<String>>,
    // #[api(help = "Respect the Retry-After header.")]
    pub help: Option<Spanned<String>>,
    // #[api(title = "Slug taken")]
    pub title: Option<Spanned<String>>,
    // #[api(jsonrpc = -32001)]
    pub jsonrpc: Option<JsonRpcCode>,
    // #[api(mcp = "protocol")]
    pub mcp: Option<Spanned<Mcp>>,
    // #[api(grpc = "ALREADY_EXISTS")]
    pub grpc: Option<Spanned<Grpc>>,
    // #[api(report = "expected")]
    pub report: Option<Spanned<Report>>,
    // #[api(transparent)]
    pub transparent: Flag,
    // #[api(header(name = "WWW-Authenticate", value = "Bearer realm=\"mcp\""))], repeatable
    pub headers: Vec<HeaderKey>,
    // #[api(in_band)]
    pub in_band: Flag,
}

/// The keys a variant (or a struct) takes.
const KEYS: &[&str] = &[
    "status",
    "code",
    "message",
    "retry",
    "retry_after",
    "domain",
    "help",
    "title",
    "jsonrpc",
    "mcp",
    "grpc",
    "report",
    "transparent",
    "header",
    "in_band",
];

/// The keys only the type takes.
const TYPE_KEYS: &[&str] = &["rename_all", "docs", "format", "crate", "challenge", "codes"];

/// The keys a field takes.
const FIELD_KEYS: &[&str] = &["detail", "retry_after", "sensitive", "header", "violations"];

impl Keys {
    /// The keys present, with the span of each value, in declaration order of the struct.
    pub fn given(&self) -> Vec<(&'static str, Span)> {
        let flag = |f: &Flag| f.is_present().then(|| f.span());
        [
            ("status", self.status.map(|k| k.span)),
            ("code", self.code.as_ref().map(Spanned::span)),
            ("message", self.message.as_ref().map(Spanned::span)),
            ("retry", self.retry.as_ref().map(Spanned::span)),
            ("retry_after", self.retry_after.map(|k| k.span)),
            ("domain", self.domain.as_ref().map(Spanned::span)),
            ("help", self.help.as_ref().map(Spanned::span)),
            ("title", self.title.as_ref().map(Spanned::span)),
            ("jsonrpc", self.jsonrpc.map(|k| k.span)),
            ("mcp", self.mcp.as_ref().map(Spanned::span)),
            ("grpc", self.grpc.as_ref().map(Spanned::span)),
            ("report", self.report.as_ref().map(Spanned::span)),
            ("transparent", flag(&self.transparent)),
            ("header", self.headers.first().map(|h| h.name.span())),
            ("in_band", flag(&self.in_band)),
        ]
        .into_iter()
        .filter_map(|(key, span)| Some((key, span?)))
        .collect()
    }

    /// Reads one key into `self`; `Ok(false)` when `key` is not one of [`KEYS`].
    fn read(&mut self, key: &str, meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<bool> {
        match key {
            "status" => set(&mut self.status, key, meta, errors, |e| Status::from_expr(&e))?,
            "code" => set(&mut self.code, key, meta, errors, |e| string(key, &e))?,
            "message" => set(&mut self.message, key, meta, errors, |e| string(key, &e))?,
            "retry" => set(&mut self.retry, key, meta, errors, |e| boolean(key, &e))?,
            "retry_after" => set(&mut self.retry_after, key, meta, errors, |e| {
                Seconds::from_expr(&e)
            })?,
            "domain" => set(&mut self.domain, key, meta, errors, |e| string(key, &e))?,
            "help" => set(&mut self.help, key, meta, errors, |e| string(key, &e))?,
            "title" => set(&mut self.title, key, meta, errors, |e| string(key, &e))?,
            "jsonrpc" => set(&mut self.jsonrpc, key, meta, errors, |e| {
                JsonRpcCode::from_expr(&e)
            })?,
            "mcp" => set(&mut self.mcp, key, meta, errors, |e| {
                let text = string(key, &e)?;
                Ok(Spanned::new(Mcp::from_text(&text)?, text.span()))
            })?,
            "grpc" => set(&mut self.grpc, key, meta, errors, |e| {
                let text = string(key, &e)?;
                Ok(Spanned::new(Grpc::from_text(&text)?, text.span()))
            })?,
            "report" => set(&mut self.report, key, meta, errors, |e| {
                let text = string(key, &e)?;
                Ok(Spanned::new(Report::from_text(&text)?, text.span()))
            })?,
            "transparent" => flag(&mut self.transparent, key, meta, errors)?,
            "in_band" => flag(&mut self.in_band, key, meta, errors)?,
            "header" => match HeaderKey::parse(meta) {
                Ok(header) => self.headers.push(header),
                Err(error) => errors.push(error),
            },
            _ => return Ok(false),
        }
        Ok(true)
    }
}

impl Input {
    /// Reads the whole input; every mistake in every attribute is in the error.
    pub fn parse(input: &DeriveInput) -> Result<Self, syn::Error> {
        let mut errors = Errors::default();
        let mut this = Self {
            ident: input.ident.clone(),
            vis: input.vis.clone(),
            generics: input.generics.clone(),
            data: Data::Struct(Fields {
                fields: Vec::new(),
                unit: false,
            }),
            attrs: input.attrs.clone(),
            rename_all: None,
            docs: None,
            format: None,
            krate: None,
            challenge: None,
            codes: None,
            keys: Keys::default(),
        };
        let mut rename_all: Option<Spanned<RenameAll>> = None;
        each_key(&input.attrs, &mut errors, |key, meta, errors| {
            match key {
                "rename_all" => set(&mut rename_all, key, meta, errors, |e| {
                    let text = string(key, &e)?;
                    Ok(Spanned::new(RenameAll::from_text(&text)?, text.span()))
                })?,
                "docs" => set(&mut this.docs, key, meta, errors, |e| string(key, &e))?,
                "format" => set(&mut this.format, key, meta, errors, |e| path(key, &e))?,
                "crate" => set(&mut this.krate, key, meta, errors, |e| path(key, &e))?,
                "challenge" => set(&mut this.challenge, key, meta, errors, |e| string(key, &e))?,
                "codes" => set(&mut this.codes, key, meta, errors, |e| string(key, &e))?,
                _ => {
                    if !this.keys.read(key, meta, errors)? {
                        unknown(key, meta, errors, &[TYPE_KEYS, KEYS])?;
                    }
                }
            }
            Ok(())
        });
        this.rename_all = rename_all.map(|r| *r.as_ref());
        this.data = match &input.data {
            syn::Data::Enum(data) => Data::Enum(
                data.variants
                    .iter()
                    .map(|variant| {
                        let mut keys = Keys::default();
                        each_key(&variant.attrs, &mut errors, |key, meta, errors| {
                            if !keys.read(key, meta, errors)? {
                                unknown(key, meta, errors, &[KEYS])?;
                            }
                            Ok(())
                        });
                        Variant {
                            ident: variant.ident.clone(),
                            fields: fields(&variant.fields, &mut errors),
                            attrs: variant.attrs.clone(),
                            keys,
                        }
                    })
                    .collect(),
            ),
            syn::Data::Struct(data) => Data::Struct(fields(&data.fields, &mut errors)),
            // `entry.rs` refuses unions before parsing.
            syn::Data::Union(_) => Data::Struct(Fields {
                fields: Vec::new(),
                unit: false,
            }),
        };
        errors.finish().map(|()| this)
    }
}

fn fields(fields: &syn::Fields, errors: &mut Errors) -> Fields {
    let unit = matches!(fields, syn::Fields::Unit);
    let fields = fields
        .iter()
        .map(|field| {
            let mut this = Field {
                ident: field.ident.clone(),
                ty: field.ty.clone(),
                detail: None,
                retry_after: Flag::default(),
                sensitive: Flag::default(),
                header: None,
                violations: Flag::default(),
            };
            each_key(&field.attrs, errors, |key, meta, errors| {
                match key {
                    "detail" => {
                        if this.detail.is_some() {
                            duplicate(key, meta, errors)?;
                        } else {
                            match Detail::parse(meta) {
                                Ok(detail) => this.detail = Some(detail),
                                Err(error) => errors.push(error),
                            }
                        }
                    }
                    "retry_after" => flag(&mut this.retry_after, key, meta, errors)?,
                    "sensitive" => flag(&mut this.sensitive, key, meta, errors)?,
                    "violations" => flag(&mut this.violations, key, meta, errors)?,
                    "header" => set(&mut this.header, key, meta, errors, |e| string(key, &e))?,
                    _ => unknown(key, meta, errors, &[FIELD_KEYS])?,
                }
                Ok(())
            });
            this
        })
        .collect();
    Fields { fields, unit }
}

/// Calls `on_key` for every key of every `#[api(…)]` in `attrs`. `on_key` reports a wrong
/// value itself and returns `Ok`; an `Err` is a syntax error that ends that attribute.
fn each_key(
    attrs: &[Attribute],
    errors: &mut Errors,
    mut on_key: impl FnMut(&str, &ParseNestedMeta<'_>, &mut Errors) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("api")) {
        let mut found = Errors::default();
        let parsed = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map_or_else(|| path_text(&meta.path), ToString::to_string);
            on_key(&key, &meta, &mut found)
        });
        errors.extend(found);
        if let Err(error) = parsed {
            errors.push(error);
        }
    }
}

fn path_text(path: &Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// `key = value` read with `read` into `slot`, once.
fn set<T>(
    slot: &mut Option<T>,
    key: &str,
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
    read: impl FnOnce(Expr) -> syn::Result<T>,
) -> syn::Result<()> {
    if slot.is_some() {
        return duplicate(key, meta, errors);
    }
    if !meta.input.peek(syn::Token![=]) {
        skip_value(meta)?;
        errors.push(wrong_value(key, meta.path.span(), "no value"));
        return Ok(());
    }
    let expr = value_expr(meta)?;
    match read(expr) {
        Ok(value) => *slot = Some(value),
        Err(error) => errors.push(error),
    }
    Ok(())
}

/// The expression after `key =`. Nearly every value is one literal (`status = 404`,
/// `message = "…"`), read as one without syn's expression parser: that parser was most of
/// the time the derive spent reading attributes (measured on 500 variants). Anything else
/// goes through the full parser, so wrong values are reported as before.
fn value_expr(meta: &ParseNestedMeta<'_>) -> syn::Result<Expr> {
    let value = meta.value()?;
    let lone_literal = value
        .cursor()
        .literal()
        .is_some_and(|(_, rest)| rest.eof() || rest.punct().is_some_and(|(punct, _)| punct.as_char() == ','));
    if lone_literal {
        let lit: Lit = value.parse()?;
        return Ok(Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit,
        }));
    }
    value.parse()
}

/// A key that takes no value: `#[api(transparent)]`.
fn flag(slot: &mut Flag, key: &str, meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<()> {
    if slot.is_present() {
        return duplicate(key, meta, errors);
    }
    if meta.input.peek(syn::Token![=]) || meta.input.peek(syn::token::Paren) {
        skip_value(meta)?;
        errors.push(wrong_value(key, meta.path.span(), "a flag takes no value"));
        return Ok(());
    }
    *slot = Flag::present(meta.path.span());
    Ok(())
}

fn duplicate(key: &str, meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<()> {
    skip_value(meta)?;
    errors.push(syn::Error::new(
        meta.path.span(),
        format!("duplicate key `{key}`: give each key once"),
    ));
    Ok(())
}

fn unknown(key: &str, meta: &ParseNestedMeta<'_>, errors: &mut Errors, known: &[&[&str]]) -> syn::Result<()> {
    skip_value(meta)?;
    let known: Vec<&str> = known.iter().flat_map(|k| k.iter().copied()).collect();
    let suggestion = known
        .iter()
        .map(|k| (crate::attr::strsim_distance(key, k), *k))
        .min_by_key(|(distance, _)| *distance)
        .filter(|(distance, k)| *distance <= 2 && *distance < k.len());
    let message = if let Some((_, best)) = suggestion {
        format!("unknown key `{key}`: did you mean `{best}`?")
    } else {
        let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        format!("unknown key `{key}`: expected one of {}", list.join(", "))
    };
    errors.push(syn::Error::new(meta.path.span(), message));
    Ok(())
}

/// Consumes what follows a key (`= expr` or `(…)`), so reading goes on after a mistake.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _: proc_macro2::Group = meta.input.parse()?;
    }
    Ok(())
}

/// How each key is written, for "wrong value" messages.
const EXAMPLES: &[(&str, &str)] = &[
    ("status", "status = 409"),
    ("code", "code = \"state_conflict\""),
    ("message", "message = \"The slug '{slug}' is already in use.\""),
    ("retry", "retry = true"),
    ("retry_after", "retry_after = 30"),
    ("domain", "domain = \"billing\""),
    ("help", "help = \"Respect the Retry-After header.\""),
    ("title", "title = \"Slug taken\""),
    ("jsonrpc", "jsonrpc = -32001"),
    ("mcp", "mcp = \"protocol\""),
    ("grpc", "grpc = \"ALREADY_EXISTS\""),
    ("report", "report = \"expected\""),
    ("transparent", "#[api(transparent)]"),
    ("rename_all", "rename_all = \"SCREAMING_SNAKE_CASE\""),
    ("docs", "docs = \"https://docs.example.com/errors#{code}\""),
    ("format", "format = Problem"),
    ("crate", "crate = \"path::to::errwire\""),
    ("sensitive", "#[api(sensitive)]"),
    ("violations", "#[api(violations)]"),
    ("in_band", "#[api(in_band)]"),
    ("challenge", "challenge = \"Bearer realm=\\\"api\\\"\""),
    ("header", "header = \"Location\""),
    ("codes", "codes = \"AccountCode\""),
];

/// "wrong value for `key` (what was found): write it as `…`".
pub fn wrong_value(key: &str, span: Span, found: &str) -> syn::Error {
    let example = EXAMPLES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or_else(String::new, |(_, e)| format!(": write it as `{e}`"));
    syn::Error::new(span, format!("wrong value for `{key}` ({found}){example}"))
}

/// What kind of value an expression is, in the user's words.
fn kind(expr: &Expr) -> &'static str {
    match expr {
        Expr::Lit(lit) => match lit.lit {
            Lit::Str(_) => "a string",
            Lit::Int(_) => "an integer",
            Lit::Float(_) => "a float",
            Lit::Bool(_) => "a boolean",
            _ => "a literal",
        },
        Expr::Path(_) => "a path",
        _ => "an expression",
    }
}

fn string(key: &str, expr: &Expr) -> syn::Result<Spanned<String>> {
    match expr {
        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => Ok(Spanned::new(s.value(), s.span())),
        Expr::Group(group) => string(key, &group.expr),
        other => Err(wrong_value(key, other.span(), &format!("found {}", kind(other)))),
    }
}

/// `true`/`false`, or the same as a string.
fn boolean(key: &str, expr: &Expr) -> syn::Result<Spanned<bool>> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Bool(b), ..
        }) => Ok(Spanned::new(b.value, b.span)),
        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => match s.value().as_str() {
            "true" => Ok(Spanned::new(true, s.span())),
            "false" => Ok(Spanned::new(false, s.span())),
            other => Err(wrong_value(key, s.span(), &format!("found `{other}`"))),
        },
        Expr::Group(group) => boolean(key, &group.expr),
        other => Err(wrong_value(key, other.span(), &format!("found {}", kind(other)))),
    }
}

/// A path, written as one (`format = Problem`) or in a string (`crate = "my::errwire"`).
fn path(key: &str, expr: &Expr) -> syn::Result<Path> {
    match expr {
        Expr::Path(path) if path.qself.is_none() => Ok(path.path.clone()),
        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => s
            .parse::<Path>()
            .map_err(|_| wrong_value(key, s.span(), &format!("`{}` is not a path", s.value()))),
        Expr::Group(group) => path(key, &group.expr),
        other => Err(wrong_value(key, other.span(), &format!("found {}", kind(other)))),
    }
}
