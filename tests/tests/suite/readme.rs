//! The front page and the docs pages say what is true: the format table shows real output
//! (each body is rendered here and compared byte for byte), the feature tables are the
//! manifest's features, the README's quick start is the one the crate page compiles, the
//! set-up commands are there, and no page names a seed by its number.

use errwire::{ApiError, Context, Format, to_json};

const README: &str = include_str!("../../../README.md");
/// The crate root's page on docs.rs.
const CRATE_PAGE: &str = include_str!("../../../runtime/src/docs/crate.md");
/// The `errwire::format` page, with the table of bodies.
const FORMAT_PAGE: &str = include_str!("../../../runtime/src/docs/format.md");
const MANIFEST: &str = include_str!("../../../runtime/Cargo.toml");

/// The format page's example error, declared as it is there.
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

/// The body the format page's table shows for `format` (rows ``| [`Nested`] (…) | body | …``).
fn documented(format: &str) -> &'static str {
    let row = FORMAT_PAGE
        .lines()
        .find(|l| l.starts_with(&format!("| [`{format}`] ")))
        .unwrap_or_else(|| panic!("no row for {format} in docs/format.md"));
    let body = row.split(" | ").nth(1).unwrap();
    body.trim_matches('`')
}

#[test]
fn the_format_table_is_what_the_formats_write() {
    let error = AccountError::SlugTaken {
        slug: "acme".into(),
        suggestion: "acme-corp".into(),
    };
    let ctx = Context::new().request_id("req_xyz123").instance("/accounts/1");
    crate::common::every_format!(F => {
        let format = F::DESCRIPTOR.unwrap().name;
        assert_eq!(documented(format), to_json::<F>(&error, &ctx), "docs/format.md row for {format}");
    });
}

/// The features of `runtime/Cargo.toml`, each with the `##` comment lines above it joined
/// into one description (`default` has none).
fn manifest_features() -> Vec<(String, String)> {
    let mut features = Vec::new();
    let mut comment: Vec<&str> = Vec::new();
    let section = MANIFEST
        .lines()
        .skip_while(|l| l.trim() != "[features]")
        .skip(1)
        .take_while(|l| !l.starts_with('['));
    for line in section {
        let line = line.trim();
        if let Some(text) = line.strip_prefix("## ") {
            comment.push(text.trim());
        } else if !line.starts_with('#')
            && let Some((name, _)) = line.split_once('=')
        {
            features.push((name.trim().to_owned(), comment.join(" ")));
            comment.clear();
        }
    }
    features
}

/// The rows of the table under `heading` in `page`: ``| `name` | description |``.
fn feature_table(page: &str, heading: &str) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> = page
        .lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|row| {
            let row = row.strip_prefix("| `")?.strip_suffix(" |")?;
            let (name, description) = row.split_once("` | ")?;
            Some((name.to_owned(), description.to_owned()))
        })
        .collect();
    assert!(!rows.is_empty(), "no feature table under `{heading}`");
    rows
}

#[test]
fn the_feature_tables_are_the_manifests_features() {
    let features: Vec<(String, String)> = manifest_features()
        .into_iter()
        .filter(|(name, _)| name != "default")
        .collect();
    assert!(
        features.len() > 10,
        "the manifest's features were not read: {features:?}"
    );
    for (name, description) in &features {
        assert!(
            !description.is_empty(),
            "feature `{name}` has no `##` comment in runtime/Cargo.toml: write what it adds"
        );
    }
    assert_eq!(feature_table(README, "## Features"), features, "README.md");
    assert_eq!(
        feature_table(CRATE_PAGE, "# Features"),
        features,
        "runtime/src/docs/crate.md"
    );
}

/// The first code block under `heading`: its opening fence and its text.
fn first_code_block<'a>(page: &'a str, heading: &str) -> (&'a str, String) {
    let mut lines = page
        .lines()
        .skip_while(|l| *l != heading)
        .skip_while(|l| !l.starts_with("```rust"));
    let fence = lines
        .next()
        .unwrap_or_else(|| panic!("no code block under `{heading}`"));
    let code: Vec<&str> = lines.take_while(|l| *l != "```").collect();
    (fence, code.join("\n"))
}

/// The README's quick start is compiled once, on the crate page (the README is a doctest
/// target too, so its copy is `rust,ignore`): the two copies are the same text.
#[test]
fn the_readme_quick_start_is_the_one_the_crate_page_compiles() {
    let (readme_fence, readme) = first_code_block(README, "## Quick start");
    let (page_fence, page) = first_code_block(CRATE_PAGE, "# Quick start");
    assert_eq!(readme_fence, "```rust,ignore");
    assert_eq!(page_fence, "```rust");
    assert_eq!(
        readme, page,
        "the README's quick start differs from docs/crate.md's"
    );
}

/// CI and other tools read these two commands from the README's "Set up" section.
#[test]
fn the_readme_sets_up_with_the_two_commands() {
    let section: Vec<&str> = README
        .lines()
        .skip_while(|l| *l != "## Set up")
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect();
    for command in [
        "cargo run -p tour",
        "cargo test --workspace --all-features && cargo test --manifest-path tests/outside/Cargo.toml",
    ] {
        assert!(
            section.contains(&command),
            "the README's `## Set up` lost `{command}`"
        );
    }
}

/// Public docs name standards and services, never a seed's number.
#[test]
fn no_page_names_a_seed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/src/docs");
    let mut pages = vec![("README.md".to_owned(), README.to_owned())];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    assert!(pages.len() > 10, "the docs pages were not found in {dir}");
    for (name, text) in pages {
        assert!(
            !text.to_lowercase().contains("seed 0"),
            "{name} names a seed number"
        );
    }
}
