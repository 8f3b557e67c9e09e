//! What a comparison of two contracts finds: each [`Change`], judged by [`Rules`]. The
//! [`Lock`](super::Lock) and `cargo errwire check` compare alike.

use super::change::Change;
use super::export::{Contract, Entry};
use super::severity::{Finding, Rules};

fn find<'a>(contract: &'a Contract, code: &str) -> Option<&'a Entry> {
    contract.codes.iter().find(|e| e.code == code)
}

/// `entry`'s counterpart in `other`: the same code declared by the same variant; else, when
/// `entry`'s own contract declares the code once (no two types share it there, as a user's
/// `gone` and errwire's own may), the one entry of `other` with that code — a type that
/// moved keeps its codes.
fn counterpart<'a>(entry: &Entry, own: &Contract, other: &'a Contract) -> Option<&'a Entry> {
    let declared_at = entry.declared_at();
    let mut same_code = other.codes.iter().filter(|e| e.code == entry.code);
    if let Some(same) = same_code.clone().find(|e| e.declared_at() == declared_at) {
        return Some(same);
    }
    let declared_once = own.codes.iter().filter(|e| e.code == entry.code).count() == 1;
    match (same_code.next(), same_code.next()) {
        (Some(only), None) if declared_once => Some(only),
        _ => None,
    }
}

/// Every change from `locked` to `live`, in the order of [`RULES`](super::RULES) per code.
pub(crate) fn changes(locked: &Contract, live: &Contract) -> Vec<Change> {
    let mut changes = Vec::new();
    // A version 1 lock has no record of these: their rules wait until it is rewritten.
    let shape_known = locked.format_version >= 2;
    for old in &locked.codes {
        let Some(new) = counterpart(old, locked, live) else {
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
        compare_entry(old, new, shape_known, &mut changes);
    }
    for new in &live.codes {
        let renamed_to = changes
            .iter()
            .any(|c| matches!(c, Change::Renamed { to, .. } if *to == new.code));
        if counterpart(new, live, locked).is_none() && !renamed_to {
            changes.push(Change::Added {
                code: new.code.clone(),
                declared_by: new.declared_at(),
            });
        }
    }
    changes
}

fn compare_entry(old: &Entry, new: &Entry, shape_known: bool, changes: &mut Vec<Change>) {
    let code = || old.code.clone();
    if old.status != new.status {
        changes.push(Change::Status {
            code: code(),
            from: old.status,
            to: new.status,
        });
    }
    if old.retryable != new.retryable {
        changes.push(Change::Retry {
            code: code(),
            from: old.retryable,
            to: new.retryable,
        });
    }
    if old.in_band != new.in_band {
        changes.push(Change::InBand {
            code: code(),
            from: old.in_band,
            to: new.in_band,
        });
    }
    if old.jsonrpc_code != new.jsonrpc_code {
        changes.push(Change::JsonRpc {
            code: code(),
            from: old.jsonrpc_code,
            to: new.jsonrpc_code,
        });
    }
    if let (Some(from), Some(to)) = (&old.grpc_code, &new.grpc_code)
        && from != to
    {
        changes.push(Change::Grpc {
            code: code(),
            from: from.clone(),
            to: to.clone(),
        });
    }
    if old.domain != new.domain {
        changes.push(Change::Domain {
            code: code(),
            from: old.domain.clone(),
            to: new.domain.clone(),
        });
    }
    if old.report() != new.report() {
        changes.push(Change::Report {
            code: code(),
            from: old.report().to_string(),
            to: new.report().to_string(),
        });
    }
    if old.mcp_protocol != new.mcp_protocol {
        changes.push(Change::McpChannel {
            code: code(),
            from_protocol: old.mcp_protocol,
        });
    }
    if shape_known {
        for header in old.headers.iter().filter(|h| !new.headers.contains(h)) {
            changes.push(Change::HeaderRemoved {
                code: code(),
                header: header.clone(),
            });
        }
        for detail in old.details.iter().filter(|d| !new.details.contains(d)) {
            changes.push(Change::DetailRemoved {
                code: code(),
                detail: detail.clone(),
            });
        }
        if old.violations && !new.violations {
            changes.push(Change::ViolationsRemoved { code: code() });
        }
    }
    if let Some(from) = old.retry_after {
        let to = new.retry_after.unwrap_or(0);
        if to < from {
            changes.push(Change::RetryAfterShortened {
                code: code(),
                from,
                to,
            });
        }
    }
    let wording = |e: &Entry| {
        (
            e.message.clone(),
            e.description.clone(),
            e.help.clone(),
            e.docs_url.clone(),
            e.locales.clone(),
        )
    };
    if wording(old) != wording(new) {
        changes.push(Change::Reworded { code: code() });
    }
    if !old.deprecated && new.deprecated {
        changes.push(Change::Deprecated { code: code() });
    }
}

/// The changes between two contracts in their JSON form ([`contract_json`](super::contract_json)
/// output or a lock file), judged by `rules`: what `cargo errwire check` reports.
///
/// # Errors
/// Either text is not an errwire contract.
pub fn compare(locked: &str, live: &str, rules: &Rules) -> Result<Vec<Finding>, serde_json::Error> {
    let locked: Contract = serde_json::from_str(locked)?;
    let live: Contract = serde_json::from_str(live)?;
    Ok(rules.judge(changes(&locked, &live)))
}
