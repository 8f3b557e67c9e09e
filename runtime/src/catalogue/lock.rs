//! [`Lock`]: the committed contract, compared with the live catalogue.

use core::fmt;
use std::path::{Path, PathBuf};

use super::change::Change;
use super::export::Contract;
use super::findings::changes;
use super::severity::{Finding, Rules, Severity};
use crate::spec::ErrorSpec;

/// The environment variable that rewrites lock files: `ERRWIRE_BLESS=1`.
pub const BLESS_VAR: &str = "ERRWIRE_BLESS";

/// A committed error-code contract (the JSON of [`super::contract_json`]), checked against
/// the live catalogue.
///
/// Every difference is a [`Finding`] of a rule ([`RULES`](super::RULES), each with a stable
/// id and a default [`Severity`]); a breaking one fails the check: a removed or renamed code,
/// a changed status, retry class, JSON-RPC or gRPC code, domain or MCP channel, a code moved
/// in or out of band, a header, detail or the violations its errors no longer carry. New
/// codes, new wording ("message: human-readable, can change", as error references say) and
/// deprecations are reported, not failed. [`Lock::rules`] changes severities.
/// `ERRWIRE_BLESS=1` rewrites the file from the live catalogue.
///
/// ```no_run
/// #[test]
/// fn error_codes_keep_their_contract() {
///     errwire::catalogue::Lock::new("errors.lock.json").assert(&errwire::catalogue::all());
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Lock {
    path: PathBuf,
    bless: bool,
    rules: Rules,
    /// The locales covering each code, listed in the file (feature `i18n`).
    #[cfg(feature = "i18n")]
    locales: Option<std::collections::BTreeMap<String, Vec<String>>>,
}

/// What a check found when nothing broke.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LockReport {
    /// Codes in the catalogue but not yet in the lock file (`path::Type::Variant` after each).
    pub added: Vec<String>,
    /// Codes whose wording (message, description, help, docs URL) changed: not breaking.
    pub reworded: Vec<String>,
    /// Every finding that did not fail the check (warnings and information), most severe
    /// first.
    pub findings: Vec<Finding>,
    /// Whether the file was (re)written.
    pub blessed: bool,
}

/// Why a check failed.
#[derive(Debug)]
pub enum LockError {
    /// The catalogue breaks the contract.
    Breaking {
        /// The lock file.
        path: PathBuf,
        /// Each breaking change.
        changes: Vec<Change>,
        /// New codes (not breaking, listed for the reader).
        added: Vec<String>,
    },
    /// The lock file is missing.
    Missing(PathBuf),
    /// The lock file could not be read or written.
    Io(PathBuf, std::io::Error),
    /// The lock file is not a contract.
    Invalid(PathBuf, serde_json::Error),
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Breaking { path, changes, added } => {
                writeln!(f, "error codes break the contract in {}:", path.display())?;
                for change in changes {
                    writeln!(f, "  {change}")?;
                }
                for code in added {
                    writeln!(f, "  + {code} (new)")?;
                }
                write!(
                    f,
                    "clients depend on these codes. Restore them, or if the break is intended, \
                     run the tests with {BLESS_VAR}=1 to rewrite the lock file and release a new major version"
                )
            }
            Self::Missing(path) => write!(
                f,
                "no lock file at {}: run the tests once with {BLESS_VAR}=1 to create it, then commit it",
                path.display()
            ),
            Self::Io(path, error) => write!(f, "lock file {}: {error}", path.display()),
            Self::Invalid(path, error) => write!(
                f,
                "lock file {} is not an errwire contract ({error}): fix it or rewrite it with {BLESS_VAR}=1",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LockError {}

impl Lock {
    /// The lock at `path`; blessing follows `ERRWIRE_BLESS` (`1` or `true`).
    #[must_use]
    pub fn new(path: impl AsRef<Path>) -> Self {
        let bless = std::env::var(BLESS_VAR).is_ok_and(|v| v == "1" || v.eq_ignore_ascii_case("true"));
        Self {
            path: path.as_ref().to_path_buf(),
            bless,
            rules: Rules::new(),
            #[cfg(feature = "i18n")]
            locales: None,
        }
    }

    /// Judges changes by `rules` instead of the defaults (what `[workspace.metadata.errwire]`
    /// says, for `cargo errwire`).
    #[must_use]
    pub fn rules(mut self, rules: Rules) -> Self {
        self.rules = rules;
        self
    }

    /// Overrides `ERRWIRE_BLESS`.
    #[must_use]
    pub const fn bless(mut self, bless: bool) -> Self {
        self.bless = bless;
        self
    }

    /// Lists in the lock file, for every code, the locales of `translations` that cover it,
    /// and reports a code a locale stopped covering as reworded (feature `i18n`). The
    /// catalogue is the one given to [`Lock::check`]; `translations` only adds the locales.
    #[cfg(feature = "i18n")]
    #[must_use]
    pub fn translations(mut self, translations: &crate::i18n::Translations) -> Self {
        self.locales = Some(translations.coverage());
        self
    }

    /// The live contract of `specs`, with the locales when given.
    #[cfg_attr(not(feature = "i18n"), allow(clippy::unused_self))] // reads the locales
    fn live(&self, specs: &[ErrorSpec]) -> Contract {
        #[cfg_attr(not(feature = "i18n"), allow(unused_mut))]
        let mut live = Contract::new(specs);
        #[cfg(feature = "i18n")]
        if let Some(locales) = &self.locales {
            for entry in &mut live.codes {
                if let Some(found) = locales.get(&entry.code) {
                    entry.locales.clone_from(found);
                }
            }
        }
        live
    }

    /// Compares `specs` with the lock file (or rewrites it when blessing).
    ///
    /// # Errors
    /// [`LockError::Breaking`] with every breaking change; or the file is missing, unreadable
    /// or not a contract.
    pub fn check(&self, specs: &[ErrorSpec]) -> Result<LockReport, LockError> {
        let live = self.live(specs);
        if self.bless {
            let added = match self.read() {
                Ok(locked) => added(&self.rules.judge(changes(&locked, &live))),
                Err(_) => live.codes.iter().map(|e| e.code.clone()).collect(),
            };
            std::fs::write(&self.path, live.to_pretty_json())
                .map_err(|e| LockError::Io(self.path.clone(), e))?;
            return Ok(LockReport {
                added,
                blessed: true,
                ..LockReport::default()
            });
        }
        let locked = self.read()?;
        let (breaking, findings): (Vec<Finding>, Vec<Finding>) = self
            .rules
            .judge(changes(&locked, &live))
            .into_iter()
            .partition(|f| f.severity == Severity::Breaking);
        if !breaking.is_empty() {
            return Err(LockError::Breaking {
                path: self.path.clone(),
                changes: breaking.into_iter().map(|f| f.change).collect(),
                added: added(&findings),
            });
        }
        Ok(LockReport {
            added: added(&findings),
            reworded: findings
                .iter()
                .filter_map(|f| match &f.change {
                    Change::Reworded { code } => Some(code.clone()),
                    _ => None,
                })
                .collect(),
            findings,
            blessed: false,
        })
    }

    /// [`Lock::check`] for tests: panics with the readable diff on a breaking change, and
    /// prints the codes that are new.
    ///
    /// # Panics
    /// When [`Lock::check`] fails.
    #[track_caller]
    #[allow(clippy::must_use_candidate)] // called for its check; the report is optional reading
    pub fn assert(&self, specs: &[ErrorSpec]) -> LockReport {
        match self.check(specs) {
            Ok(report) => {
                for code in &report.added {
                    std::println!(
                        "errwire: new error code `{code}`: run with {BLESS_VAR}=1 to add it to the lock"
                    );
                }
                report
            }
            Err(error) => panic!("{error}"),
        }
    }

    fn read(&self) -> Result<Contract, LockError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(LockError::Missing(self.path.clone()));
            }
            Err(e) => return Err(LockError::Io(self.path.clone(), e)),
        };
        serde_json::from_str(&text).map_err(|e| LockError::Invalid(self.path.clone(), e))
    }
}

/// The codes added, `code (path::Type::Variant)`, as the report lists them.
fn added(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .filter_map(|f| match &f.change {
            Change::Added { code, declared_by } => Some(std::format!("{code} ({declared_by})")),
            _ => None,
        })
        .collect()
}
