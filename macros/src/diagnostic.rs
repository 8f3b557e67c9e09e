//! Error messages in one voice: lower case, the key as the user wrote it, what to write
//! instead. darling's built-in messages ("Unknown field: `x` at y") are rewritten here.

use proc_macro2::TokenStream;

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
    ("transparent", "#[api(transparent)]"),
    ("rename_all", "rename_all = \"SCREAMING_SNAKE_CASE\""),
    ("docs", "docs = \"https://docs.example.com/errors#{code}\""),
    ("format", "format = Problem"),
    ("crate", "crate = \"path::to::errwire\""),
    ("detail", "#[api(detail)] or #[api(detail = \"name\")]"),
    ("sensitive", "#[api(sensitive)]"),
    ("violations", "#[api(violations)]"),
    ("in_band", "#[api(in_band)]"),
    ("header", "header(name = \"Location\", value = \"/items/{id}\")"),
    ("challenge", "challenge = \"Bearer realm=\\\"api\\\"\""),
];

/// The compile errors for `error`, one per underlying error, each at its own span.
pub fn to_compile_errors(error: darling::Error) -> TokenStream {
    error
        .flatten()
        .into_iter()
        .map(|e| syn::Error::new(e.span(), rewrite(&e.to_string())).to_compile_error())
        .collect()
}

fn rewrite(message: &str) -> String {
    let (text, location) = match message.rsplit_once(" at ") {
        Some((text, location)) if !location.contains(' ') => (text, Some(location)),
        _ => (message, None),
    };
    let key = location.and_then(|l| l.rsplit('/').next()).unwrap_or_default();
    if let Some(rest) = text.strip_prefix("Unknown field: ") {
        let rest = rest.replacen(". Did you mean", ": did you mean", 1).replacen(
            ". Available values:",
            ": expected one of",
            1,
        );
        return format!("unknown key {rest}");
    }
    if let Some(rest) = text.strip_prefix("Duplicate field ") {
        return format!("duplicate key {rest}: give each key once");
    }
    if text.starts_with("Unexpected") || text.starts_with("Unknown value") || text.starts_with("Invalid") {
        let found = lower_first(text);
        return match EXAMPLES.iter().find(|(k, _)| *k == key) {
            Some((_, example)) => format!("wrong value for `{key}` ({found}): write it as `{example}`"),
            None => found,
        };
    }
    lower_first(text)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first)
            if first.is_ascii_uppercase()
                && !chars.as_str().starts_with(|c: char| c.is_ascii_uppercase()) =>
        {
            first.to_ascii_lowercase().to_string() + chars.as_str()
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn rewrites_darling_messages() {
        assert_eq!(
            rewrite("Unknown field: `sttus`. Did you mean `status`?"),
            "unknown key `sttus`: did you mean `status`?"
        );
        assert_eq!(
            rewrite("Duplicate field `code` at code"),
            "duplicate key `code`: give each key once"
        );
        assert_eq!(
            rewrite("Unexpected literal type `int` at code"),
            "wrong value for `code` (unexpected literal type `int`): write it as `code = \"state_conflict\"`"
        );
        assert_eq!(
            rewrite("`status = 200` is not an error status at status"),
            "`status = 200` is not an error status"
        );
    }
}
