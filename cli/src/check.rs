//! `cargo errwire check`: the live catalogue against a lock file or the catalogue at an
//! earlier commit (checked out aside with `git archive`, never in the user's tree), judged
//! by errwire's rules and the workspace's severities.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use errwire::catalogue::{Change, Finding, Severity, compare};
use serde_json::Value;

use crate::probe::{self, Export};
use crate::report::{self, Judged};
use crate::workspace::Workspace;
use crate::{Args, Failure};

pub(crate) fn run(workspace: &Workspace, args: &Args) -> Result<ExitCode, Failure> {
    let format = args.format.as_deref().unwrap_or("text");
    report::check_format(format)?;
    if args.require_bump && args.against.is_none() {
        return Err(Failure(
            "--require-bump needs --against REV: a lock file records no versions".into(),
        ));
    }
    if args.against.is_some() && args.lock.is_some() {
        return Err(Failure("give --against or --lock, not both".into()));
    }
    let live = probe::run(workspace, Export::Json)?;
    let (baseline, before) = if let Some(rev) = &args.against {
        let checkout = checkout(workspace, rev)?;
        let before = Workspace::read(Some(&checkout.join("Cargo.toml")))?;
        (probe::run(&before, Export::Json)?, Some(before))
    } else {
        let path = args
            .lock
            .clone()
            .unwrap_or_else(|| workspace.root.join("errors.lock.json"));
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Failure(format!(
                "{}: {e} (write it with `cargo errwire lock`, or compare with --against REV)",
                path.display()
            ))
        })?;
        (text, None)
    };
    let findings = compare(&baseline, &live, &workspace.rules)
        .map_err(|e| Failure(format!("the baseline is not an errwire contract: {e}")))?;
    let declared: Value = serde_json::from_str(&baseline)?;
    let judged: Vec<Judged> = findings
        .into_iter()
        .map(|finding| {
            let bumped = match (&before, args.require_bump) {
                (Some(before), true) if finding.severity == Severity::Breaking => {
                    bumped(&declared, &finding, before, workspace)
                }
                _ => None,
            };
            Judged { finding, bumped }
        })
        .collect();
    print!("{}", report::render(format, &judged));
    let breaking = judged
        .iter()
        .any(|j| j.finding.severity == Severity::Breaking && j.bumped.is_none());
    Ok(if breaking {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The workspace at `rev`, extracted under the target directory (`git archive`: the user's
/// tree, index and worktree list stay as they are).
fn checkout(workspace: &Workspace, rev: &str) -> Result<PathBuf, Failure> {
    let git = |args: &[&str]| -> Result<String, Failure> {
        let output = Command::new("git")
            .arg("-C")
            .arg(&workspace.root)
            .args(args)
            .output()?;
        if !output.status.success() {
            return Err(Failure(format!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let sha = git(&["rev-parse", "--verify", &format!("{rev}^{{commit}}")])?;
    let top = PathBuf::from(git(&["rev-parse", "--show-toplevel"])?);
    let inside = workspace.root.strip_prefix(&top).unwrap_or(Path::new(""));
    let dir = workspace.target.join("errwire-probe").join(format!("rev-{sha}"));
    if !dir.join(inside).join("Cargo.toml").exists() {
        eprintln!(
            "cargo errwire: checking out {rev} ({}) aside",
            &sha[..12.min(sha.len())]
        );
        // Extracted beside its place, then renamed into it: another run checking the same
        // commit at the same time (CI jobs sharing a target directory) never builds a
        // half-extracted tree.
        let partial = dir.with_extension(format!("partial-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&partial);
        std::fs::create_dir_all(&partial)?;
        extract(&top, &sha, &partial).map_err(|e| Failure(format!("could not extract {rev}: {}", e.0)))?;
        if dir.exists() && !dir.join(inside).join("Cargo.toml").exists() {
            // Left half-extracted by an older cargo errwire.
            let _ = std::fs::remove_dir_all(&dir);
        }
        if std::fs::rename(&partial, &dir).is_err() {
            // Another run put the same commit there first.
            let _ = std::fs::remove_dir_all(&partial);
        }
    }
    Ok(dir.join(inside))
}

/// `git archive` of `sha` unpacked into `into`.
fn extract(top: &Path, sha: &str, into: &Path) -> Result<(), Failure> {
    let archive = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["archive", "--format=tar", sha])
        .stdout(Stdio::piped())
        .spawn()?;
    let status = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(into)
        .stdin(
            archive
                .stdout
                .ok_or_else(|| Failure("git archive gave no output".into()))?,
        )
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(format!("tar exited with {status}")))
    }
}

/// `Some(note)` when the crate that declared the finding's code had its version bumped as
/// semver requires for a breaking change (the major version; the minor below 1.0). A code
/// declared by several types counts as bumped when every workspace crate among them was.
fn bumped(declared: &Value, finding: &Finding, before: &Workspace, now: &Workspace) -> Option<String> {
    let code = finding.change.code();
    let declarers: Vec<&str> = match &finding.change {
        Change::Removed { declared_by, .. } | Change::Renamed { declared_by, .. } => vec![declared_by],
        _ => declared["codes"]
            .as_array()?
            .iter()
            .filter(|e| e["code"] == code)
            .filter_map(|e| e["type"].as_str())
            .collect(),
    };
    let mut notes = Vec::new();
    for declarer in declarers {
        let krate = declarer.split("::").next()?;
        let (Some(old), Some(new)) = (before.member(krate), now.member(krate)) else {
            continue; // not a crate of this workspace (errwire's own codes)
        };
        if !semver_breaking_bump(&old.version, &new.version) {
            return None;
        }
        notes.push(format!("`{krate}` {} -> {}", old.version, new.version));
    }
    (!notes.is_empty()).then(|| notes.join(", "))
}

fn semver_breaking_bump(old: &str, new: &str) -> bool {
    let parse = |v: &str| -> Option<(u64, u64)> {
        let mut parts = v.split(['.', '-', '+']);
        Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
    };
    match (parse(old), parse(new)) {
        (Some((0, old_minor)), Some((new_major, new_minor))) => new_major > 0 || new_minor > old_minor,
        (Some((old_major, _)), Some((new_major, _))) => new_major > old_major,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_breaking_change_needs_the_major_version_or_the_minor_below_one() {
        use super::semver_breaking_bump as bump;
        assert!(bump("1.4.2", "2.0.0"));
        assert!(!bump("1.4.2", "1.5.0"));
        assert!(bump("0.3.1", "0.4.0"));
        assert!(bump("0.3.1", "1.0.0"));
        assert!(!bump("0.3.1", "0.3.2"));
        assert!(!bump("2.0.0", "2.0.0"));
        assert!(!bump("garbage", "2.0.0"));
    }
}
