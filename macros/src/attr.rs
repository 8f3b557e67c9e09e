//! Attribute values with their own parsing and simple checks: a value that is wrong on its
//! own is rejected here, where the span is the value itself.

use heck::{
    ToKebabCase, ToLowerCamelCase, ToShoutyKebabCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase,
};
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned as _;
use syn::{Expr, Lit, UnOp};

use crate::status;

type Result<T> = syn::Result<T>;

/// A message waiting for its span.
struct Error(String);

impl Error {
    fn custom(message: impl core::fmt::Display) -> Self {
        Self(message.to_string())
    }

    fn with_span<T: syn::spanned::Spanned + ?Sized>(self, node: &T) -> syn::Error {
        syn::Error::new(node.span(), self.0)
    }

    /// At every token of `tokens`: a negative literal is underlined whole, `-` included.
    fn over<T: quote::ToTokens>(self, tokens: &T) -> syn::Error {
        syn::Error::new_spanned(tokens, self.0)
    }

    fn at(self, span: Span) -> syn::Error {
        syn::Error::new(span, self.0)
    }
}

/// A key that takes no value (`#[api(transparent)]`): where it was written, if it was.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flag(Option<Span>);

impl Flag {
    pub const fn present(span: Span) -> Self {
        Self(Some(span))
    }

    pub const fn is_present(self) -> bool {
        self.0.is_some()
    }

    pub fn span(self) -> Span {
        self.0.unwrap_or_else(Span::call_site)
    }
}

/// A value with the span of what the user wrote.
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    value: T,
    span: Span,
}

impl<T> Spanned<T> {
    pub const fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }

    pub const fn span(&self) -> Span {
        self.span
    }
}

impl<T> AsRef<T> for Spanned<T> {
    fn as_ref(&self) -> &T {
        &self.value
    }
}

impl<T> core::ops::Deref for Spanned<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// An HTTP status, 300–599.
#[derive(Debug, Clone, Copy)]
pub struct Status {
    pub code: u16,
    pub span: Span,
}

impl Status {
    // #[api(status = 409)], #[api(status = CONFLICT)], #[api(status = StatusCode::CONFLICT)]
    pub fn from_expr(expr: &Expr) -> Result<Self> {
        let code = match expr {
            Expr::Group(group) => return Self::from_expr(&group.expr),
            Expr::Lit(lit) => match &lit.lit {
                Lit::Int(int) => int.base10_parse::<u16>().map_err(|_| {
                    Error::custom(format!(
                        "`status = {int}` is not a status: use a number between 300 and 599"
                    ))
                    .with_span(int)
                })?,
                other => return Err(status_expected().with_span(other)),
            },
            Expr::Path(path) => {
                let Some(last) = path.path.segments.last() else {
                    return Err(status_expected().with_span(path));
                };
                let name = last.ident.to_string();
                status::by_name(&name).ok_or_else(|| unknown_status_constant(&name).with_span(&last.ident))?
            }
            other => return Err(status_expected().with_span(other)),
        };
        if !crate::rules::is_error_status(code) {
            return Err(Error::custom(format!(
                "`status = {code}` is not an error status: use a status between 300 and 599"
            ))
            .with_span(expr));
        }
        Ok(Self {
            code,
            span: expr.span(),
        })
    }
}

fn status_expected() -> Error {
    Error::custom("expected a status: `409`, `CONFLICT` or `StatusCode::CONFLICT`")
}

fn unknown_status_constant(name: &str) -> Error {
    let suggestion = status::names()
        .map(|known| (strsim_distance(name, known), known))
        .min_by_key(|(distance, _)| *distance)
        .filter(|(distance, _)| *distance <= 3)
        .map(|(_, known)| format!("; did you mean `{known}`?"))
        .unwrap_or_default();
    Error::custom(format!(
        "unknown status constant `{name}`: use a number or a `StatusCode` constant such as `CONFLICT`{suggestion}"
    ))
}

/// Levenshtein distance, for "did you mean" suggestions.
pub fn strsim_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(current)
            };
            previous = current;
        }
    }
    row[b.len()]
}

/// A JSON-RPC error code (an `i32`, possibly negative).
#[derive(Debug, Clone, Copy)]
pub struct JsonRpcCode {
    pub code: i32,
    /// The first token (the `-` of a negative code) and the literal: errors cover both.
    pub start: Span,
    pub span: Span,
}

impl JsonRpcCode {
    // #[api(jsonrpc = -32001)]
    pub fn from_expr(expr: &Expr) -> Result<Self> {
        let expected = || Error::custom("expected a JSON-RPC code: an integer such as `-32001`");
        let (value, int) = signed_integer(expr).map_err(|()| expected().over(expr))?;
        let code = i32::try_from(value)
            .map_err(|_| Error::custom(format!("`jsonrpc = {value}` does not fit in an `i32`")).over(expr))?;
        let start = quote::ToTokens::into_token_stream(expr)
            .into_iter()
            .next()
            .map_or_else(|| int.span(), |token| token.span());
        Ok(Self {
            code,
            start,
            span: int.span(),
        })
    }
}

/// An integer literal, possibly negated, with the literal itself.
fn signed_integer(expr: &Expr) -> core::result::Result<(i128, &syn::LitInt), ()> {
    match expr {
        Expr::Group(group) => signed_integer(&group.expr),
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => int.base10_parse::<i128>().map(|v| (v, int)).map_err(|_| ()),
        Expr::Unary(unary) => match (&unary.op, &*unary.expr) {
            (
                UnOp::Neg(_),
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Int(int), ..
                }),
            ) => int.base10_parse::<i128>().map(|v| (-v, int)).map_err(|_| ()),
            _ => Err(()),
        },
        _ => Err(()),
    }
}

/// A whole number of seconds.
#[derive(Debug, Clone, Copy)]
pub struct Seconds {
    pub value: u64,
    pub span: Span,
}

impl Seconds {
    // #[api(retry_after = 30)]
    pub fn from_expr(expr: &Expr) -> Result<Self> {
        let invalid = || {
            Error::custom("`retry_after` takes a whole number of seconds, as in `retry_after = 30`")
                .over(expr)
        };
        let (value, int) = signed_integer(expr).map_err(|()| invalid())?;
        let value = u64::try_from(value).map_err(|_| invalid())?;
        Ok(Self {
            value,
            span: int.span(),
        })
    }
}

/// serde's case names, for codes derived from variant names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RenameAll {
    Lower,
    Upper,
    Pascal,
    Camel,
    #[default]
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

const RENAME_RULES: &[(&str, RenameAll)] = &[
    ("lowercase", RenameAll::Lower),
    ("UPPERCASE", RenameAll::Upper),
    ("PascalCase", RenameAll::Pascal),
    ("camelCase", RenameAll::Camel),
    ("snake_case", RenameAll::Snake),
    ("SCREAMING_SNAKE_CASE", RenameAll::ScreamingSnake),
    ("kebab-case", RenameAll::Kebab),
    ("SCREAMING-KEBAB-CASE", RenameAll::ScreamingKebab),
];

impl RenameAll {
    // #[api(rename_all = "SCREAMING_SNAKE_CASE")]
    pub fn from_text(value: &Spanned<String>) -> Result<Self> {
        RENAME_RULES
            .iter()
            .find(|(name, _)| *name == value.as_str())
            .map(|(_, rule)| *rule)
            .ok_or_else(|| {
                let names: Vec<String> = RENAME_RULES.iter().map(|(n, _)| format!("\"{n}\"")).collect();
                Error::custom(format!(
                    "unknown `rename_all = \"{}\"`: expected one of {}",
                    value.as_str(),
                    names.join(", ")
                ))
                .at(value.span())
            })
    }
}

impl RenameAll {
    /// The code of a variant (or struct) named `ident`.
    pub fn apply(self, ident: &str) -> String {
        match self {
            Self::Lower => ident.to_lowercase(),
            Self::Upper => ident.to_uppercase(),
            Self::Pascal => ident.to_upper_camel_case(),
            Self::Camel => ident.to_lower_camel_case(),
            Self::Snake => ident.to_snake_case(),
            Self::ScreamingSnake => ident.to_shouty_snake_case(),
            Self::Kebab => ident.to_kebab_case(),
            Self::ScreamingKebab => ident.to_shouty_kebab_case(),
        }
    }
}

/// Which MCP channel a variant takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mcp {
    Tool,
    Protocol,
}

impl Mcp {
    // #[api(mcp = "protocol")]
    pub fn from_text(value: &Spanned<String>) -> Result<Self> {
        match value.as_str() {
            "tool" => Ok(Self::Tool),
            "protocol" => Ok(Self::Protocol),
            other => Err(Error::custom(format!(
                "unknown `mcp = \"{other}\"`: expected \"tool\" (a result with `isError: true`) or \"protocol\" (a JSON-RPC error)"
            ))
            .at(value.span())),
        }
    }
}

/// How a variant is reported: `report = "error" | "expected"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    Error,
    Expected,
}

impl Report {
    // #[api(report = "expected")]
    pub fn from_text(value: &Spanned<String>) -> Result<Self> {
        match value.as_str() {
            "error" => Ok(Self::Error),
            "expected" => Ok(Self::Expected),
            other => Err(Error::custom(format!(
                "unknown `report = \"{other}\"`: expected \"error\" (a failure: span status ERROR, logged at error level) or \"expected\" (a routine outcome, logged at debug)"
            ))
            .at(value.span())),
        }
    }
}

/// A gRPC status code named in `grpc = "…"`: its number in `rules::GRPC_CODES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grpc(pub usize);

impl Grpc {
    // #[api(grpc = "ALREADY_EXISTS")]
    pub fn from_text(value: &Spanned<String>) -> Result<Self> {
        let text = value.as_str();
        match crate::rules::GRPC_CODES.iter().position(|name| *name == text) {
            Some(0) => Err(Error::custom(
                "`grpc = \"OK\"` would send this error as a success: choose the gRPC code of the failure, such as \"FAILED_PRECONDITION\"",
            )
            .at(value.span())),
            Some(number) => Ok(Self(number)),
            None => {
                let upper = text.to_ascii_uppercase().replace(['-', ' '], "_");
                let codes = &crate::rules::GRPC_CODES[1..];
                let closest = codes
                    .iter()
                    .map(|known| (strsim_distance(&upper, known), *known))
                    .min_by_key(|(distance, _)| *distance)
                    .filter(|(distance, _)| *distance <= 3);
                let hint = match closest {
                    Some((0, name)) => format!("write it as `grpc = \"{name}\"`"),
                    Some((_, name)) => format!("did you mean `grpc = \"{name}\"`?"),
                    None => format!("expected one of {}", codes.join(", ")),
                };
                Err(Error::custom(format!("unknown gRPC code `{text}`: {hint}")).at(value.span()))
            }
        }
    }

    /// The runtime's `GrpcCode` variant.
    pub fn variant(self) -> String {
        crate::rules::GRPC_CODES[self.0].to_upper_camel_case()
    }
}

/// `#[api(detail)]` or `#[api(detail = "name")]`.
#[derive(Debug, Clone)]
pub struct Detail {
    /// The explicit wire name, if given.
    pub name: Option<String>,
    pub span: Span,
}

impl Detail {
    pub fn parse(meta: &ParseNestedMeta<'_>) -> Result<Self> {
        let wrong = |span: Span| {
            Error::custom("expected `#[api(detail)]` or `#[api(detail = \"name\")]` with a string name")
                .at(span)
        };
        // #[api(detail)]
        if meta.input.is_empty() || meta.input.peek(syn::Token![,]) {
            return Ok(Self {
                name: None,
                span: meta.path.span(),
            });
        }
        // #[api(detail(…))]
        if meta.input.peek(syn::token::Paren) {
            let group: proc_macro2::Group = meta.input.parse()?;
            return Err(wrong(group.span()));
        }
        // #[api(detail = "param")]
        let value: Expr = meta.value()?.parse()?;
        match &value {
            Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => Ok(Self {
                name: Some(s.value()),
                span: s.span(),
            }),
            other => Err(wrong(other.span())),
        }
    }
}

/// `#[api(header(name = "…", value = "…"))]`: one response header.
#[derive(Debug, Clone)]
pub struct HeaderKey {
    pub name: Spanned<String>,
    pub value: Spanned<String>,
}

impl HeaderKey {
    pub fn parse(meta: &ParseNestedMeta<'_>) -> Result<Self> {
        let expected = |span: Span| {
            Error::custom("write a header as `header(name = \"Location\", value = \"/items/{id}\")`").at(span)
        };
        if !meta.input.peek(syn::token::Paren) {
            if meta.input.peek(syn::Token![=]) {
                let _: Expr = meta.value()?.parse()?;
            }
            return Err(expected(meta.path.span()));
        }
        let (mut name, mut value) = (None, None);
        let mut problem = None;
        meta.parse_nested_meta(|inner| {
            let slot = if inner.path.is_ident("name") {
                &mut name
            } else if inner.path.is_ident("value") {
                &mut value
            } else {
                problem.get_or_insert_with(|| expected(inner.path.span()));
                let _: Expr = inner.value()?.parse()?;
                return Ok(());
            };
            let expr: Expr = inner.value()?.parse()?;
            match &expr {
                Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) if slot.is_none() => {
                    *slot = Some(Spanned::new(s.value(), s.span()));
                }
                other => {
                    problem.get_or_insert_with(|| expected(other.span()));
                }
            }
            Ok(())
        })?;
        if let Some(problem) = problem {
            return Err(problem);
        }
        match (name, value) {
            (Some(name), Some(value)) => Ok(Self { name, value }),
            _ => Err(expected(meta.path.span())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(strsim_distance("CONFLCT", "CONFLICT"), 1);
        assert_eq!(strsim_distance("", "OK"), 2);
    }

    #[test]
    fn rename_rules_follow_serde_names() {
        assert_eq!(RenameAll::ScreamingSnake.apply("AuthRequired"), "AUTH_REQUIRED");
        assert_eq!(RenameAll::Kebab.apply("AuthRequired"), "auth-required");
        assert_eq!(RenameAll::Camel.apply("AuthRequired"), "authRequired");
        assert_eq!(RenameAll::Lower.apply("AuthRequired"), "authrequired");
    }
}
