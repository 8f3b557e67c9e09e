//! `cargo errwire`: the error-code contract of a workspace that uses errwire, from the command
//! line — exported, locked, and checked against a lock file or an earlier commit, with rule
//! ids, severities and CI-friendly output. Nothing to write in the workspace: the catalogue is
//! read by a generated probe crate that links every workspace crate depending on errwire and
//! prints `errwire::catalogue::all()`.
//!
//! ```text
//! cargo errwire export [--format json|markdown|typescript|html|openapi|otel] [--out PATH]
//! cargo errwire check [--against REV | --lock PATH] [--format text|json|github|junit] [--require-bump]
//! cargo errwire lock
//! ```
//!
//! Exit status: 0 no breaking finding; 1 a breaking finding; 2 the workspace does not build,
//! or bad usage.

mod check;
mod probe;
mod report;
mod workspace;

use std::path::PathBuf;
use std::process::ExitCode;

/// What went wrong before any finding: exit status 2, the message on stderr.
#[derive(Debug)]
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Self {
        Self(error.to_string())
    }
}

const USAGE: &str = "\
usage: cargo errwire export [--format json|markdown|typescript|html|openapi|otel] [--out PATH]
       cargo errwire check [--against REV | --lock PATH] [--format text|json|github|junit] [--require-bump]
       cargo errwire lock
options for every command: --manifest-path PATH (the workspace's Cargo.toml; default: the current one)";

/// The command line, read.
#[derive(Debug, Default)]
struct Args {
    command: String,
    format: Option<String>,
    out: Option<PathBuf>,
    against: Option<String>,
    lock: Option<PathBuf>,
    require_bump: bool,
    manifest_path: Option<PathBuf>,
}

fn parse(mut words: impl Iterator<Item = String>) -> Result<Args, Failure> {
    let mut args = Args::default();
    let value = |words: &mut dyn Iterator<Item = String>, flag: &str| {
        words
            .next()
            .ok_or_else(|| Failure(format!("{flag} needs a value\n{USAGE}")))
    };
    while let Some(word) = words.next() {
        match word.as_str() {
            "--format" => args.format = Some(value(&mut words, "--format")?),
            "--out" => args.out = Some(value(&mut words, "--out")?.into()),
            "--against" => args.against = Some(value(&mut words, "--against")?),
            "--lock" => args.lock = Some(value(&mut words, "--lock")?.into()),
            "--manifest-path" => args.manifest_path = Some(value(&mut words, "--manifest-path")?.into()),
            "--require-bump" => args.require_bump = true,
            "-h" | "--help" => return Err(Failure(USAGE.into())),
            command if args.command.is_empty() && !command.starts_with('-') => args.command = word,
            other => return Err(Failure(format!("unexpected `{other}`\n{USAGE}"))),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    // `cargo errwire …` runs `cargo-errwire errwire …`.
    let words = std::env::args().skip(1).skip_while(|w| w == "errwire");
    match parse(words).and_then(|args| run(&args)) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("cargo errwire: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<ExitCode, Failure> {
    let root = workspace::Workspace::read(args.manifest_path.as_deref())?;
    match args.command.as_str() {
        "export" => {
            let format = args.format.as_deref().unwrap_or("json");
            let text = probe::run(&root, probe::Export::parse(format)?)?;
            write_out(args.out.as_ref(), &text)?;
            Ok(ExitCode::SUCCESS)
        }
        "lock" => {
            let text = probe::run(&root, probe::Export::Json)?;
            let path = root.root.join("errors.lock.json");
            std::fs::write(&path, text).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
            eprintln!("cargo errwire: wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        "check" => check::run(&root, args),
        "" => Err(Failure(USAGE.into())),
        other => Err(Failure(format!("unknown command `{other}`\n{USAGE}"))),
    }
}

fn write_out(out: Option<&PathBuf>, text: &str) -> Result<(), Failure> {
    if let Some(path) = out {
        return std::fs::write(path, text).map_err(|e| Failure(format!("{}: {e}", path.display())));
    }
    print!("{text}");
    Ok(())
}
