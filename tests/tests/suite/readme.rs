//! The README's format table shows real output: each body in it is rendered here and compared
//! byte for byte.

use errwire::format::{Flat, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple};
use errwire::{ApiError, Context, to_json};

const README: &str = include_str!("../../../README.md");

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

/// The sections of the README that are about this repository, not about using the crate:
/// docs.rs shows the README without them (`runtime/src/guide.md`).
const PROJECT_SECTIONS: &[&str] = &["## Set up", "## The seed services", "## For contributors"];

/// The user guide docs.rs shows: the README without [`PROJECT_SECTIONS`].
fn guide_from(readme: &str) -> String {
    let mut guide = String::from(
        "<!-- Generated from README.md by tests/tests/readme.rs (UPDATE_GUIDE=1 rewrites it); edit the README. -->\n",
    );
    let mut skipping = false;
    let mut fenced = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if !fenced && line.starts_with("## ") {
            skipping = PROJECT_SECTIONS.contains(&line);
        }
        if !skipping {
            guide.push_str(line);
            guide.push('\n');
        }
    }
    guide
}

#[test]
fn the_user_guide_is_the_readme_without_the_project_sections() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/src/guide.md");
    let expected = guide_from(README);
    if std::env::var("UPDATE_GUIDE").is_ok_and(|v| v == "1") {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "runtime/src/guide.md is out of date: run `UPDATE_GUIDE=1 cargo test -p errwire-tests --test readme`"
    );
    for section in PROJECT_SECTIONS {
        assert!(
            README.contains(&format!("\n{section}\n")),
            "the README lost `{section}`"
        );
        assert!(!actual.contains(section));
    }
    assert!(
        !actual.to_lowercase().contains("seed 0"),
        "the guide names a seed number"
    );
}
