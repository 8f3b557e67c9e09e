//! The findings, written for a person (`text`), a program (`json`), GitHub Actions
//! (`github`: workflow annotations) or a test report (`junit`), most severe first.

use std::fmt::Write as _;

use errwire::catalogue::{Finding, Severity};
use serde_json::json;

use crate::Failure;

/// A finding, and the version bump that excuses it under `--require-bump`.
pub(crate) struct Judged {
    pub(crate) finding: Finding,
    pub(crate) bumped: Option<String>,
}

impl Judged {
    /// The severity after `--require-bump`: an excused breaking change is a warning.
    fn severity(&self) -> Severity {
        match (&self.bumped, self.finding.severity) {
            (Some(_), Severity::Breaking) => Severity::Warning,
            (_, severity) => severity,
        }
    }

    fn message(&self) -> String {
        match &self.bumped {
            Some(bump) => format!("{} (allowed: {bump})", self.finding.change),
            None => self.finding.change.to_string(),
        }
    }
}

pub(crate) fn check_format(format: &str) -> Result<(), Failure> {
    if matches!(format, "text" | "json" | "github" | "junit") {
        Ok(())
    } else {
        Err(Failure(format!(
            "unknown check format `{format}`: text, json, github or junit"
        )))
    }
}

pub(crate) fn render(format: &str, findings: &[Judged]) -> String {
    match format {
        "json" => json_report(findings),
        "github" => github(findings),
        "junit" => junit(findings),
        _ => text(findings),
    }
}

fn count(findings: &[Judged], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity() == severity).count()
}

fn text(findings: &[Judged]) -> String {
    let mut out = String::new();
    for judged in findings {
        let _ = writeln!(
            out,
            "{:<8} {:<22} {}",
            judged.severity(),
            judged.finding.rule(),
            judged.message()
        );
    }
    let _ = writeln!(
        out,
        "errwire contract: {} breaking, {} warning(s), {} for information",
        count(findings, Severity::Breaking),
        count(findings, Severity::Warning),
        count(findings, Severity::Info)
    );
    out
}

fn json_report(findings: &[Judged]) -> String {
    let list: Vec<_> = findings
        .iter()
        .map(|j| {
            json!({
                "rule": j.finding.rule(),
                "severity": j.severity().as_str(),
                "code": j.finding.change.code(),
                "message": j.message(),
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&json!({"findings": list})).unwrap_or_default();
    out.push('\n');
    out
}

/// Workflow commands: `::error title=…::message` (annotations on the run's summary).
fn github(findings: &[Judged]) -> String {
    let escape = |text: &str| text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let mut out = String::new();
    for judged in findings {
        let level = match judged.severity() {
            Severity::Breaking => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        let _ = writeln!(
            out,
            "::{level} title=errwire {}::{}",
            judged.finding.rule(),
            escape(&judged.message())
        );
    }
    out
}

/// One test case per finding; a breaking one is a failure.
fn junit(findings: &[Judged]) -> String {
    let escape = |text: &str| {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let failures = count(findings, Severity::Breaking);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"errwire contract\" tests=\"{}\" failures=\"{failures}\">\n",
        findings.len()
    );
    for judged in findings {
        let name = escape(&format!(
            "{} {}",
            judged.finding.rule(),
            judged.finding.change.code()
        ));
        if judged.severity() == Severity::Breaking {
            let _ = writeln!(
                out,
                "    <testcase classname=\"errwire\" name=\"{name}\"><failure type=\"{}\" message=\"{}\"/></testcase>",
                judged.finding.rule(),
                escape(&judged.message())
            );
        } else {
            let _ = writeln!(
                out,
                "    <testcase classname=\"errwire\" name=\"{name}\"><system-out>{}: {}</system-out></testcase>",
                judged.severity(),
                escape(&judged.message())
            );
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
