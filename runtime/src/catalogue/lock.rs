//! [`Lock`]: the committed contract, compared with the live catalogue.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use std::path::{Path, PathBuf};

use super::export::{Contract, Entry};
use crate::spec::ErrorSpec;

/// The environment variable that rewrites lock files: `ERRWIRE_BLESS=1`.
pub const BLESS_VAR: &str = "ERRWIRE_BLESS";

/// A committed error-code contract (the JSON of [`super::to_json`]), checked against the
/// live catalogue.
///
/// Breaking changes fail: a removed or renamed code, a changed status, a changed retry class
/// (retryable or not), a changed JSON-RPC code, a code moved in or out of band. New codes pass and are listed. Messages,
/// descriptions and help may change freely (error references say so: "message:
/// human-readable, can change"). `ERRWIRE_BLESS=1` rewrites the file from the live catalogue.
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
    /// The locales covering each code, listed in the file (feature `i18n`).
    #[cfg(feature = "i18n")]
    locales: Option<alloc::collections::BTreeMap<String, Vec<String>>>,
}

/// What a check found when nothing broke.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LockReport {
    /// Codes in the catalogue but not yet in the lock file (`path::Type::Variant` after each).
    pub added: Vec<String>,
    /// Codes whose wording (message, description, help, docs URL) changed: not breaking.
    pub reworded: Vec<String>,
    /// Whether the file was (re)written.
    pub blessed: bool,
}

/// One breaking change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A code is gone.
    Removed {
        /// The code.
        code: String,
        /// Where it was declared.
        declared_by: String,
    },
    /// The variant that declared a code now declares another.
    Renamed {
        /// The code in the lock.
        from: String,
        /// The code now.
        to: String,
        /// The variant.
        declared_by: String,
    },
    /// A code's status changed.
    Status {
        /// The code.
        code: String,
        /// In the lock.
        from: u16,
        /// Now.
        to: u16,
    },
    /// A code's retry class changed.
    Retry {
        /// The code.
        code: String,
        /// In the lock.
        from: bool,
        /// Now.
        to: bool,
    },
    /// A code moved in or out of band (`#[api(in_band)]`): its JSON-RPC responses now
    /// answer another HTTP status.
    InBand {
        /// The code.
        code: String,
        /// In the lock.
        from: bool,
        /// Now.
        to: bool,
    },
    /// A code's JSON-RPC code changed.
    JsonRpc {
        /// The code.
        code: String,
        /// In the lock.
        from: i32,
        /// Now.
        to: i32,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let yes_no = |retry: bool| if retry { "retryable" } else { "not retryable" };
        match self {
            Self::Removed { code, declared_by } => write!(f, "- `{code}` removed (was {declared_by})"),
            Self::Renamed {
                from,
                to,
                declared_by,
            } => {
                write!(f, "~ `{from}` renamed to `{to}` ({declared_by})")
            }
            Self::Status { code, from, to } => write!(f, "~ `{code}` status {from} -> {to}"),
            Self::Retry { code, from, to } => {
                write!(f, "~ `{code}` retry class {} -> {}", yes_no(*from), yes_no(*to))
            }
            Self::JsonRpc { code, from, to } => write!(f, "~ `{code}` JSON-RPC code {from} -> {to}"),
            Self::InBand { code, from, to } => {
                let band = |in_band: bool| {
                    if in_band {
                        "in band (HTTP 200)"
                    } else {
                        "its own status"
                    }
                };
                write!(
                    f,
                    "~ `{code}` JSON-RPC transport {} -> {}",
                    band(*from),
                    band(*to)
                )
            }
        }
    }
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
            #[cfg(feature = "i18n")]
            locales: None,
        }
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
                Ok(locked) => added(&locked, &live),
                Err(_) => live.codes.iter().map(|e| e.code.clone()).collect(),
            };
            std::fs::write(&self.path, live.to_pretty_json())
                .map_err(|e| LockError::Io(self.path.clone(), e))?;
            return Ok(LockReport {
                added,
                reworded: Vec::new(),
                blessed: true,
            });
        }
        let locked = self.read()?;
        let changes = breaking_changes(&locked, &live);
        let added = added(&locked, &live);
        if !changes.is_empty() {
            return Err(LockError::Breaking {
                path: self.path.clone(),
                changes,
                added,
            });
        }
        Ok(LockReport {
            added,
            reworded: reworded(&locked, &live),
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

fn find<'a>(contract: &'a Contract, code: &str) -> Option<&'a Entry> {
    contract.codes.iter().find(|e| e.code == code)
}

fn breaking_changes(locked: &Contract, live: &Contract) -> Vec<Change> {
    let mut changes = Vec::new();
    for old in &locked.codes {
        let Some(new) = find(live, &old.code) else {
            // The same variant with a new code is a rename; otherwise the code is gone.
            let renamed = live
                .codes
                .iter()
                .find(|e| e.declared_at() == old.declared_at() && find(locked, &e.code).is_none());
            changes.push(match renamed {
                Some(new) => Change::Renamed {
                    from: old.code.clone(),
                    to: new.code.clone(),
                    declared_by: old.declared_at(),
                },
                None => Change::Removed {
                    code: old.code.clone(),
                    declared_by: old.declared_at(),
                },
            });
            continue;
        };
        if old.status != new.status {
            changes.push(Change::Status {
                code: old.code.clone(),
                from: old.status,
                to: new.status,
            });
        }
        if old.retryable != new.retryable {
            changes.push(Change::Retry {
                code: old.code.clone(),
                from: old.retryable,
                to: new.retryable,
            });
        }
        if old.in_band != new.in_band {
            changes.push(Change::InBand {
                code: old.code.clone(),
                from: old.in_band,
                to: new.in_band,
            });
        }
        if old.jsonrpc_code != new.jsonrpc_code {
            changes.push(Change::JsonRpc {
                code: old.code.clone(),
                from: old.jsonrpc_code,
                to: new.jsonrpc_code,
            });
        }
    }
    changes
}

fn added(locked: &Contract, live: &Contract) -> Vec<String> {
    live.codes
        .iter()
        .filter(|e| find(locked, &e.code).is_none())
        .map(|e| alloc::format!("{} ({})", e.code, e.declared_at()))
        .collect()
}

fn reworded(locked: &Contract, live: &Contract) -> Vec<String> {
    let wording = |e: &Entry| {
        (
            e.message.clone(),
            e.description.clone(),
            e.help.clone(),
            e.docs_url.clone(),
            e.locales.clone(),
        )
    };
    live.codes
        .iter()
        .filter(|e| find(locked, &e.code).is_some_and(|old| wording(old) != wording(e)))
        .map(|e| e.code.clone())
        .collect()
}
