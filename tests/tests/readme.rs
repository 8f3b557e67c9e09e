//! The README's format table shows real output: each body in it is rendered here and compared
//! byte for byte.

use errwire::format::{Flat, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple};
use errwire::{to_json, ApiError, Context};

const README: &str = include_str!("../../README.md");

/// The README's example error, declared as it is there.
#[derive(Debug, ApiError)]
#[api(docs = "https://docs.example.com/errors#{code}", format = Problem)]
enum AccountError {
    #[api(status = 409, message = "The slug '{slug}' is already in use.")]
    SlugTaken {
        slug: String,
        #[api(detail)]
        suggestion: String,
    },
}

/// The body the README's table shows for `format`.
fn documented(format: &str) -> &'static str {
    let row = README
        .lines()
        .find(|l| l.starts_with(&format!("| `{format}` ")))
        .unwrap_or_else(|| panic!("no README row for {format}"));
    let body = row.split(" | ").nth(1).unwrap();
    body.trim_matches('`')
}

#[test]
fn the_readme_format_table_is_what_the_formats_write() {
    let error = AccountError::SlugTaken {
        slug: "acme".into(),
        suggestion: "acme-corp".into(),
    };
    let ctx = Context::new().request_id("req_xyz123").instance("/accounts/1");
    let rendered = [
        ("Nested", to_json::<Nested>(&error, &ctx)),
        ("Flat", to_json::<Flat>(&error, &ctx)),
        ("Problem", to_json::<Problem>(&error, &ctx)),
        ("OAuth", to_json::<OAuth>(&error, &ctx)),
        ("Simple", to_json::<Simple>(&error, &ctx)),
        ("JsonRpc", to_json::<JsonRpc>(&error, &ctx)),
        ("JsonRpcPlain", to_json::<JsonRpcPlain>(&error, &ctx)),
        ("McpTool", to_json::<McpTool>(&error, &ctx)),
    ];
    for (format, body) in rendered {
        assert_eq!(documented(format), body, "README row for {format}");
    }
}
