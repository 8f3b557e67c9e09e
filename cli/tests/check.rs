//! `cargo errwire` on a scratch git repository the test makes: a workspace with one crate
//! that derives `ApiError`, and commits that change its codes. For each rule, one commit that
//! makes its change: `check --against HEAD~1` reports that rule's id on that code and no other
//! finding, with the exit status the rule's severity asks for; all the changes in one commit
//! give every finding, in each output format; the metadata tables change severities; `--require-bump` accepts a
//! breaking change released as a new minor version below 1.0; a workspace that does not build
//! is exit status 2; `lock` writes the lock that `check` then reads; every export runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate's errors before: one variant per rule to trigger.
const V1: &str = r#"
use errwire::{ApiError, Violation};

#[derive(Debug, ApiError)]
#[api(domain = "widgets")]
pub enum WidgetError {
    #[api(status = 404)]
    Gone,
    #[api(status = 404)]
    Missing,
    #[api(status = 409, grpc = "ABORTED", message = "Busy.")]
    Busy,
    #[api(status = 400)]
    Flaky,
    #[api(status = 400, jsonrpc = -32010)]
    Rpc,
    #[api(status = 400, jsonrpc = -32011)]
    Rpc2,
    #[api(status = 400, grpc = "INVALID_ARGUMENT")]
    G,
    #[api(status = 400, domain = "gadgets")]
    D,
    #[api(status = 400)]
    M,
    #[api(status = 400, header(name = "X-Widget-Version", value = "1"))]
    H,
    #[api(status = 400)]
    Det {
        #[api(detail)]
        slug: String,
    },
    #[api(status = 422)]
    V(#[api(violations)] Vec<Violation>),
    #[api(status = 429, retry_after = 30)]
    Slow,
    #[api(status = 400, message = "Old words.")]
    W,
    #[api(status = 400)]
    Dep,
}
"#;

/// A finding: its rule, the code it is about, its severity.
type Finding = (&'static str, &'static str, &'static str);

/// A rule, the text replaced, its replacement, and the findings on that commit alone.
type Change = (&'static str, &'static str, &'static str, &'static [Finding]);

/// One change per rule, each made to the source as it stands after the ones before it:
/// the rule, the text replaced and its replacement (exactly one match), and the findings
/// `check --against HEAD~1` gives on that commit alone (rule, code, severity) — the rule
/// fires, and no other does.
const CHANGES: &[Change] = &[
    (
        "code-removed",
        "    #[api(status = 404)]\n    Gone,\n",
        "",
        &[("code-removed", "gone", "breaking")],
    ),
    (
        "code-renamed",
        "#[api(status = 404)]\n    Missing,",
        "#[api(status = 404, code = \"widget_missing\")]\n    Missing,",
        &[("code-renamed", "missing", "breaking")],
    ),
    (
        "status-changed",
        "status = 409, grpc = \"ABORTED\"",
        "status = 423, grpc = \"ABORTED\"",
        &[("status-changed", "busy", "breaking")],
    ),
    (
        "retry-changed",
        "#[api(status = 400)]\n    Flaky,",
        "#[api(status = 400, retry = true)]\n    Flaky,",
        &[("retry-changed", "flaky", "breaking")],
    ),
    (
        "in-band-changed",
        "jsonrpc = -32010)]",
        "jsonrpc = -32010, in_band)]",
        &[("in-band-changed", "rpc", "breaking")],
    ),
    (
        "jsonrpc-code-changed",
        "jsonrpc = -32011",
        "jsonrpc = -32012",
        &[("jsonrpc-code-changed", "rpc2", "breaking")],
    ),
    (
        "grpc-code-changed",
        "grpc = \"INVALID_ARGUMENT\"",
        "grpc = \"OUT_OF_RANGE\"",
        &[("grpc-code-changed", "g", "breaking")],
    ),
    (
        "domain-changed",
        "status = 400, domain = \"gadgets\"",
        "status = 400",
        &[("domain-changed", "d", "breaking")],
    ),
    (
        "mcp-channel-changed",
        "#[api(status = 400)]\n    M,",
        "#[api(status = 400, mcp = \"protocol\")]\n    M,",
        &[("mcp-channel-changed", "m", "breaking")],
    ),
    (
        "header-removed",
        "status = 400, header(name = \"X-Widget-Version\", value = \"1\")",
        "status = 400",
        &[("header-removed", "h", "breaking")],
    ),
    (
        "detail-removed",
        "slug: String",
        "name: String",
        &[("detail-removed", "det", "breaking")],
    ),
    (
        "violations-removed",
        "V(#[api(violations)] Vec<Violation>),",
        "V,",
        &[("violations-removed", "v", "breaking")],
    ),
    (
        "retry-after-shortened",
        "retry_after = 30",
        "retry_after = 5",
        &[("retry-after-shortened", "slow", "warning")],
    ),
    (
        "reworded",
        "message = \"Old words.\"",
        "message = \"New words.\"",
        &[("reworded", "w", "info")],
    ),
    (
        "deprecated",
        "#[api(status = 400)]\n    Dep,",
        "#[api(status = 400)]\n    #[deprecated = \"use W\"]\n    Dep,",
        &[("deprecated", "dep", "info")],
    ),
    (
        "code-added",
        "    Dep,\n}",
        "    Dep,\n    #[api(status = 400)]\n    New,\n}",
        &[("code-added", "new", "info")],
    ),
];

/// `text` with `from` (which must occur exactly once) replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

/// The source after every change: each variant changed as its rule says, and one added.
fn v2() -> String {
    CHANGES
        .iter()
        .fold(V1.to_owned(), |text, (_, from, to, _)| edit(&text, from, to))
}

struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("errwire-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("svc/src")).unwrap();
        let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
        let scratch = Self { dir };
        scratch.write(
            "Cargo.toml",
            "[workspace]\nmembers = [\"svc\"]\nresolver = \"3\"\n",
        );
        scratch.manifest("0.1.0", &runtime);
        // The versions errwire's own workspace resolved: nothing new to fetch.
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock"),
            scratch.dir.join("Cargo.lock"),
        )
        .unwrap();
        scratch.git(&["init", "-q"]);
        scratch.git(&["config", "user.email", "test@example.com"]);
        scratch.git(&["config", "user.name", "test"]);
        scratch
    }

    fn manifest(&self, version: &str, runtime: &Path) {
        self.write(
            "svc/Cargo.toml",
            &format!(
                "[package]\nname = \"svc\"\nversion = \"{version}\"\nedition = \"2021\"\n\n[dependencies]\nerrwire = {{ path = {:?} }}\n",
                runtime.display().to_string()
            ),
        );
    }

    fn write(&self, path: &str, text: &str) {
        std::fs::write(self.dir.join(path), text).unwrap();
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    fn commit(&self, lib: &str, message: &str) {
        self.write("svc/src/lib.rs", lib);
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// `cargo errwire ARGS` in the scratch workspace, sharing this build's target directory.
    fn run(&self, args: &[&str]) -> Output {
        let target = std::env::current_exe()
            .unwrap()
            .ancestors()
            .nth(3)
            .unwrap()
            .to_path_buf();
        Command::new(env!("CARGO_BIN_EXE_cargo-errwire"))
            .arg("errwire")
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", target)
            .output()
            .unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn findings(output: &Output) -> Vec<(String, String, String)> {
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let mut found: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap().to_owned();
            (text("rule"), text("code"), text("severity"))
        })
        .collect();
    found.sort();
    found
}

fn expected(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    let mut rows: Vec<_> = rows
        .iter()
        .map(|(r, c, s)| ((*r).to_owned(), (*c).to_owned(), (*s).to_owned()))
        .collect();
    rows.sort();
    rows
}

#[test]
fn each_rule_fires_on_the_commit_that_makes_its_change() {
    let scratch = Scratch::new("each");
    scratch.commit(V1, "v1");
    let mut text = V1.to_owned();
    let all_rules: Vec<&str> = CHANGES.iter().map(|(rule, ..)| *rule).collect();
    assert_eq!(all_rules.len(), 16, "one change per rule id");
    for (rule, from, to, findings_expected) in CHANGES {
        text = edit(&text, from, to);
        scratch.commit(&text, rule);
        let output = scratch.run(&["check", "--against", "HEAD~1", "--format", "json"]);
        let breaking = findings_expected
            .iter()
            .any(|(.., severity)| *severity == "breaking");
        assert_eq!(
            output.status.code(),
            Some(i32::from(breaking)),
            "{rule}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(findings(&output), expected(findings_expected), "{rule}");
    }
}

#[test]
fn check_against_the_previous_commit_reports_every_rule() {
    let scratch = Scratch::new("rules");
    scratch.commit(V1, "v1");
    scratch.commit(&v2(), "v2: every kind of change");
    let output = scratch.run(&["check", "--against", "HEAD~1", "--format", "json"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // All the changes at once: each rule's finding, and nothing else.
    let every: Vec<(&str, &str, &str)> = CHANGES
        .iter()
        .flat_map(|(.., found)| found.iter().copied())
        .collect();
    assert_eq!(findings(&output), expected(&every));
    // The same findings for people and for CI systems.
    let text = scratch.run(&["check", "--against", "HEAD~1"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("breaking code-removed"), "{text}");
    assert!(
        text.contains("errwire contract: 12 breaking, 1 warning(s), 3 for information"),
        "{text}"
    );
    let github = scratch.run(&["check", "--against", "HEAD~1", "--format", "github"]);
    let github = String::from_utf8_lossy(&github.stdout);
    assert!(
        github.contains("::error title=errwire code-removed::- `gone` removed"),
        "{github}"
    );
    assert!(
        github.contains("::warning title=errwire retry-after-shortened::"),
        "{github}"
    );
    let junit = scratch.run(&["check", "--against", "HEAD~1", "--format", "junit"]);
    let junit = String::from_utf8_lossy(&junit.stdout);
    assert!(
        junit.contains("<testsuite name=\"errwire contract\" tests=\"16\" failures=\"12\">"),
        "{junit}"
    );

    // Severities from the workspace's metadata: a rule silenced, one code's removal allowed.
    scratch.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"svc\"]\nresolver = \"3\"\n\n\
         [workspace.metadata.errwire.rules]\nreworded = \"allow\"\nretry-after-shortened = \"breaking\"\n\n\
         [workspace.metadata.errwire.codes.gone]\ncode-removed = \"warning\"\n",
    );
    let output = scratch.run(&["check", "--against", "HEAD~1", "--format", "json"]);
    let found = findings(&output);
    assert!(!found.iter().any(|(rule, ..)| rule == "reworded"), "{found:?}");
    assert!(found.contains(&("code-removed".into(), "gone".into(), "warning".into())));
    assert!(found.contains(&("retry-after-shortened".into(), "slow".into(), "breaking".into())));
}

#[test]
fn additions_pass_and_a_release_may_break_with_the_version_semver_asks() {
    let scratch = Scratch::new("bump");
    scratch.commit(V1, "v1");
    let added = V1.replace("    Dep,\n}", "    Dep,\n    #[api(status = 400)]\n    Added,\n}");
    scratch.commit(&added, "an error added");
    let output = scratch.run(&["check", "--against", "HEAD~1", "--format", "json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(findings(&output), expected(&[("code-added", "added", "info")]));

    // A removal fails, unless the crate's version went 0.1 -> 0.2 and --require-bump asks.
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    scratch.commit(
        &added.replace("    #[api(status = 404)]\n    Gone,\n", ""),
        "gone removed",
    );
    assert_eq!(
        scratch.run(&["check", "--against", "HEAD~1"]).status.code(),
        Some(1)
    );
    assert_eq!(
        scratch
            .run(&["check", "--against", "HEAD~1", "--require-bump"])
            .status
            .code(),
        Some(1),
        "no bump, still breaking"
    );
    scratch.manifest("0.2.0", &runtime);
    scratch.git(&["commit", "-q", "-am", "0.2.0"]);
    let output = scratch.run(&[
        "check",
        "--against",
        "HEAD~2",
        "--require-bump",
        "--format",
        "json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(
        findings(&output),
        expected(&[("code-removed", "gone", "warning")])
    );
}

#[test]
fn lock_export_and_a_workspace_that_does_not_build() {
    let scratch = Scratch::new("lock");
    scratch.commit(V1, "v1");
    let lock = scratch.run(&["lock"]);
    assert_eq!(
        lock.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lock.stderr)
    );
    let written = std::fs::read_to_string(scratch.dir.join("errors.lock.json")).unwrap();
    assert!(written.contains("\"code\": \"gone\""), "{written}");
    // Against its own lock the tree keeps the contract; without `gone` it does not.
    assert_eq!(scratch.run(&["check"]).status.code(), Some(0));
    scratch.write(
        "svc/src/lib.rs",
        &V1.replace("    #[api(status = 404)]\n    Gone,\n", ""),
    );
    let output = scratch.run(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        findings(&output),
        expected(&[("code-removed", "gone", "breaking")])
    );

    for (format, says) in [
        ("json", "\"format_version\": 2"),
        ("markdown", "| Code | Status |"),
        // The Markdown reference ends with the list of error types and how each is reported.
        ("markdown", "| `error.type` | HTTP status | span status |"),
        ("typescript", "export function isKnownErrorCode"),
        ("html", "<!DOCTYPE html>"),
        ("openapi", "\"openapi\": \"3.1.0\""),
        ("otel", "| `error.type` | HTTP status | span status |"),
    ] {
        let output = scratch.run(&["export", "--format", format]);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success() && text.contains(says), "{format}: {text}");
    }

    scratch.write("svc/src/lib.rs", "pub fn broken() -> u32 { \"not a number\" }\n");
    let output = scratch.run(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("does not build") && stderr.contains("mismatched types"),
        "{stderr}"
    );
    let usage = scratch.run(&["check", "--format", "xml"]);
    assert_eq!(usage.status.code(), Some(2));
}
