//! Attribute values with their own parsing and simple checks: a value that is wrong on its
//! own is rejected here, where the span is the value itself.

use darling::{Error, FromMeta, Result};
use heck::{
    ToKebabCase, ToLowerCamelCase, ToShoutyKebabCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase,
};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, Lit, UnOp};

use crate::status;

/// An HTTP status, 300–599.
#[derive(Debug, Clone, Copy)]
pub struct Status {
    pub code: u16,
    pub span: Span,
}

impl FromMeta for Status {
    // #[api(status = 409)], #[api(status = CONFLICT)], #[api(status = StatusCode::CONFLICT)]
    fn from_expr(expr: &Expr) -> Result<Self> {
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

/// Levenshtein distance, for suggestions (darling's own is private).
fn strsim_distance(a: &str, b: &str) -> usize {
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
    pub span: Span,
}

impl FromMeta for JsonRpcCode {
    // #[api(jsonrpc = -32001)]
    fn from_expr(expr: &Expr) -> Result<Self> {
        let expected = || Error::custom("expected a JSON-RPC code: an integer such as `-32001`");
        let (value, int) = signed_integer(expr).map_err(|()| expected().with_span(expr))?;
        let code = i32::try_from(value).map_err(|_| {
            Error::custom(format!("`jsonrpc = {value}` does not fit in an `i32`")).with_span(int)
        })?;
        // The literal, not the `-`: on stable a span cannot cover both tokens.
        Ok(Self {
            code,
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

impl FromMeta for Seconds {
    // #[api(retry_after = 30)]
    fn from_expr(expr: &Expr) -> Result<Self> {
        let invalid = || {
            Error::custom("`retry_after` takes a whole number of seconds, as in `retry_after = 30`")
                .with_span(expr)
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

impl FromMeta for RenameAll {
    // #[api(rename_all = "SCREAMING_SNAKE_CASE")]
    fn from_string(value: &str) -> Result<Self> {
        RENAME_RULES
            .iter()
            .find(|(name, _)| *name == value)
            .map(|(_, rule)| *rule)
            .ok_or_else(|| {
                let names: Vec<String> = RENAME_RULES.iter().map(|(n, _)| format!("\"{n}\"")).collect();
                Error::custom(format!(
                    "unknown `rename_all = \"{value}\"`: expected one of {}",
                    names.join(", ")
                ))
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

impl FromMeta for Mcp {
    // #[api(mcp = "protocol")]
    fn from_string(value: &str) -> Result<Self> {
        match value {
            "tool" => Ok(Self::Tool),
            "protocol" => Ok(Self::Protocol),
            _ => Err(Error::custom(format!(
                "unknown `mcp = \"{value}\"`: expected \"tool\" (a result with `isError: true`) or \"protocol\" (a JSON-RPC error)"
            ))),
        }
    }
}

/// `#[api(detail)]` or `#[api(detail = "name")]`.
#[derive(Debug, Clone)]
pub struct Detail {
    /// The explicit wire name, if given.
    pub name: Option<String>,
    pub span: Span,
}

impl FromMeta for Detail {
    fn from_meta(item: &syn::Meta) -> Result<Self> {
        match item {
            // #[api(detail)]
            syn::Meta::Path(path) => Ok(Self {
                name: None,
                span: path.span(),
            }),
            // #[api(detail = "param")]
            syn::Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => Ok(Self {
                    name: Some(s.value()),
                    span: s.span(),
                }),
                other => Err(Error::custom(
                    "expected `#[api(detail)]` or `#[api(detail = \"name\")]` with a string name",
                )
                .with_span(other)),
            },
            syn::Meta::List(list) => {
                Err(Error::custom("expected `#[api(detail)]` or `#[api(detail = \"name\")]`").with_span(list))
            }
        }
    }
}

/// `#[api(header(name = "…", value = "…"))]`: one response header.
#[derive(Debug, Clone, FromMeta)]
pub struct HeaderKey {
    pub name: darling::util::SpannedValue<String>,
    pub value: darling::util::SpannedValue<String>,
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
