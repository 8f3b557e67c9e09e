//! Each seed's tables, read from the seed document itself, against the derived catalogue.

use errwire::ErrorSpec;
use errwire_outside::{seed000, seed001, seed002, seed003, seed004};

const SEED_000: &str = include_str!("../../seeds/000_51e6adf3ce01bd07.txt");
const SEED_001: &str = include_str!("../../seeds/001_d3f25759dfdcc93b.txt");
const SEED_002: &str = include_str!("../../seeds/002_56a0968ea776a956.txt");
const SEED_003: &str = include_str!("../../seeds/003_c6adbd2c1ec2cd9c.txt");
const SEED_004: &str = include_str!("../../seeds/004_f0ab4cf14442198e.txt");

/// The cells of a Markdown table row, trimmed.
fn cells(line: &str) -> Vec<&str> {
    line.trim().trim_matches('|').split('|').map(str::trim).collect()
}

fn spec<'a>(catalogue: &'a [ErrorSpec], code: &str) -> &'a ErrorSpec {
    catalogue
        .iter()
        .find(|s| s.code() == code)
        .unwrap_or_else(|| panic!("no code {code:?} in the catalogue"))
}

#[test]
fn seed_000_every_row_matches_code_status_description_and_recovery() {
    let rows: Vec<Vec<&str>> = SEED_000
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Code"))
        .map(cells)
        .collect();
    let catalogue = seed000::McpServerError::CATALOGUE;
    assert_eq!(rows.len(), catalogue.len());
    for (row, spec) in rows.iter().zip(catalogue) {
        assert_eq!(spec.code(), row[0]);
        if row[1] != "—" {
            assert_eq!(spec.status().as_str(), row[1], "{}", row[0]);
        }
        assert_eq!(spec.description(), Some(row[2]), "{}", row[0]);
        assert_eq!(spec.message(), row[2], "{}", row[0]);
        assert_eq!(spec.help(), Some(row[3]), "{}", row[0]);
    }
    let provider = spec(catalogue, "provider_unavailable");
    assert_eq!(provider.retry_after(), Some(std::time::Duration::from_secs(30)));
    assert!(provider.retryable());
}

#[test]
fn seed_001_http_table_and_code_list_match() {
    let catalogue = seed001::ControlPlaneError::CATALOGUE;
    let table: Vec<(&str, &str, &str)> = SEED_001
        .lines()
        .filter(|l| l.len() > 3 && l.as_bytes()[..3].iter().all(u8::is_ascii_digit))
        .map(|l| {
            let (status, rest) = l.split_at(3);
            let code_len = rest.find(|c: char| c.is_ascii_uppercase()).unwrap_or(rest.len());
            (status, &rest[..code_len], &rest[code_len..])
        })
        .collect();
    assert_eq!(table.len(), 15);
    for (status, code, what) in &table {
        let spec = spec(catalogue, code);
        assert_eq!(spec.status().as_str(), *status, "{code}");
        assert_eq!(spec.description(), Some(*what), "{code}");
    }
    // The bullet list after the tables, up to the OAuth section: "code — what", status chosen in the crate.
    let oauth_at = SEED_001.find("These come from the instance").unwrap();
    let list_at = SEED_001.find("503service_unavailable").unwrap();
    let bullets: Vec<&str> = SEED_001[list_at..oauth_at]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("• "))
        .collect();
    assert_eq!(bullets.len(), 15);
    // Some bullets lost their " — " in the seed ("redirect_uri_localhost_only_devhttp://…"):
    // the longest code that prefixes the bullet is its code.
    for bullet in &bullets {
        let spec = catalogue
            .iter()
            .filter(|s| bullet.starts_with(s.code()))
            .max_by_key(|s| s.code().len())
            .unwrap_or_else(|| panic!("no code for {bullet:?}"));
        let what = bullet[spec.code().len()..].trim_start_matches(" — ");
        assert_eq!(spec.description(), Some(what), "{}", spec.code());
    }
    assert_eq!(catalogue.len(), table.len() + bullets.len());
    let oauth = seed001::InstanceOAuthError::CATALOGUE;
    let oauth_bullets: Vec<&str> = SEED_001[oauth_at..]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("• "))
        .collect();
    assert_eq!(oauth_bullets.len(), oauth.len());
    for (bullet, spec) in oauth_bullets.iter().zip(oauth) {
        let what = bullet
            .strip_prefix(spec.code())
            .unwrap_or_else(|| panic!("{bullet:?}"));
        assert_eq!(
            spec.description(),
            Some(what.trim_start_matches(" — ")),
            "{}",
            spec.code()
        );
    }
}

#[test]
fn seed_002_reference_table_matches_row_for_row() {
    let rows: Vec<Vec<&str>> = SEED_002
        .lines()
        .filter(|l| l.contains(" | ") && !l.starts_with("| Code"))
        .map(cells)
        .collect();
    let catalogue = seed002::ContractError::CATALOGUE;
    assert_eq!(rows.len(), 38);
    assert_eq!(rows.len(), catalogue.len());
    for (row, spec) in rows.iter().zip(catalogue) {
        let retry = if spec.retryable() { "Yes" } else { "No" };
        let status = spec.status();
        let actual = [
            spec.code(),
            status.as_str(),
            spec.domain().unwrap_or("—"),
            retry,
            spec.message(),
        ];
        assert_eq!(actual.as_slice(), &row[..5]);
    }
}

#[test]
fn seed_003_retry_column_holds_for_every_code_and_every_string_is_a_code() {
    let retry_by_status: Vec<(&str, bool)> = SEED_003
        .split("| `")
        .skip(1)
        .filter_map(|cell| {
            let (status, rest) = cell.split_once("` |")?;
            let retry = rest.split('|').nth(1)?.trim();
            status
                .parse::<u16>()
                .ok()
                .filter(|s| *s >= 400)
                .map(|_| (status, retry.starts_with("Yes")))
        })
        .collect();
    assert_eq!(retry_by_status.len(), 12);
    let catalogue = seed003::WorldMonitorError::CATALOGUE;
    for spec in catalogue {
        let (_, retry) = retry_by_status
            .iter()
            .find(|(status, _)| *status == spec.status().as_str())
            .unwrap_or_else(|| {
                panic!(
                    "status {} of {} is not in the seed's table",
                    spec.status(),
                    spec.code()
                )
            });
        assert_eq!(spec.retryable(), *retry, "{}", spec.code());
    }
    for (status, _) in &retry_by_status {
        assert!(
            catalogue.iter().any(|s| s.status().as_str() == *status),
            "no code has status {status}"
        );
    }
    let strings = SEED_003
        .split("## Common error strings")
        .nth(1)
        .unwrap()
        .split("## Retry")
        .next()
        .unwrap();
    let named: Vec<(&str, &str)> = strings
        .split("| `")
        .skip(1)
        .filter_map(|cell| {
            let (code, rest) = cell.split_once("` |")?;
            Some((code, rest.split(" |").next()?.trim()))
        })
        .collect();
    assert_eq!(named.len(), 9);
    for (code, meaning) in named {
        assert_eq!(spec(catalogue, code).description(), Some(meaning), "{code}");
    }
    let oauth: Vec<&str> = seed003::WorldMonitorOAuthError::CATALOGUE
        .iter()
        .map(ErrorSpec::code)
        .collect();
    assert_eq!(
        oauth,
        [
            "invalid_request",
            "invalid_client",
            "invalid_grant",
            "unsupported_grant_type",
            "invalid_scope"
        ]
    );
}

#[test]
fn seed_004_messages_codes_and_statuses_are_all_expressed() {
    let catalogue = seed004::McpProxyError::CATALOGUE;
    // "Common error messages": each message, `<x>` standing for a placeholder, is a template.
    let normalise = |text: &str| {
        let mut out = String::new();
        let mut skipping = false;
        for c in text.chars() {
            match c {
                '<' | '{' => {
                    skipping = true;
                    out.push('*');
                }
                '>' | '}' => skipping = false,
                c if !skipping => out.push(c),
                _ => {}
            }
        }
        out
    };
    let messages = SEED_004
        .split("Common error messages")
        .nth(1)
        .unwrap()
        .split("Policy deny")
        .next()
        .unwrap();
    let rows: Vec<(&str, &str)> = messages
        .lines()
        .filter(|l| !l.starts_with('|'))
        .filter_map(|l| l.split_once(" | "))
        .map(|(m, what)| (m.trim(), what.trim_end_matches(" |").trim()))
        .collect();
    assert_eq!(rows.len(), 9);
    for (message, what_to_do) in rows {
        let spec = catalogue
            .iter()
            .find(|s| normalise(s.message()) == normalise(message))
            .unwrap_or_else(|| panic!("no template for {message:?}"));
        assert_eq!(spec.help(), Some(what_to_do), "{message}");
    }
    // "JSON-RPC error codes": every code the seed lists is used.
    let codes = SEED_004
        .split("JSON-RPC error codes")
        .nth(1)
        .unwrap()
        .split("Common error")
        .next()
        .unwrap();
    for line in codes.lines().filter(|l| l.starts_with('-')) {
        let code: i32 = line.split(' ').next().unwrap().parse().unwrap();
        assert!(
            catalogue.iter().any(|s| s.jsonrpc_code() == code),
            "JSON-RPC {code} unused"
        );
    }
    // "By HTTP status": every error status the seed lists is used.
    let statuses = SEED_004
        .split("By HTTP status")
        .nth(1)
        .unwrap()
        .split("JSON-RPC error codes")
        .next()
        .unwrap();
    for line in statuses
        .lines()
        .filter(|l| l.len() > 4 && l.as_bytes()[..3].iter().all(u8::is_ascii_digit))
    {
        let status = &line[..3];
        if status != "200" {
            assert!(
                catalogue.iter().any(|s| s.status().as_str() == status),
                "HTTP {status} unused"
            );
        }
    }
    // The REST API's table: status and meaning.
    let rest = SEED_004.split("HTTP errors (REST API)").nth(1).unwrap();
    let dashboard = seed004::DashboardError::CATALOGUE;
    let rows: Vec<Vec<&str>> = rest
        .lines()
        .filter(|l| l.contains(" | ") && !l.starts_with("| Status"))
        .map(cells)
        .collect();
    assert_eq!(rows.len(), dashboard.len());
    for (row, spec) in rows.iter().zip(dashboard) {
        let reason = spec.status().canonical_reason().unwrap();
        assert_eq!(row[0], format!("{} {reason}", spec.status().as_str()));
        assert_eq!(spec.description(), Some(row[1]));
    }
}
