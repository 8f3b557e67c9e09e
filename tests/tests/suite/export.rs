//! The catalogue exported: JSON contract and Markdown tables, byte for byte against the
//! checked-in files in `tests/expected/` (regenerate with `ERRWIRE_BLESS=1`).

use std::path::PathBuf;

use errwire::ErrorSpec;
use errwire::catalogue::{self, Column, Order, Table};

fn specs() -> Vec<ErrorSpec> {
    let mut specs = accounts::AccountsError::CATALOGUE.to_vec();
    specs.extend_from_slice(billing::BillingError::CATALOGUE);
    specs
}

fn expected(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(name);
    if std::env::var("ERRWIRE_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        actual,
        expected,
        "{} differs; rerun with ERRWIRE_BLESS=1 to accept",
        path.display()
    );
}

#[test]
fn json_contract_matches_the_checked_in_file() {
    let json = catalogue::contract_json(&specs());
    expected("contract.json", &json);
    // Deterministic: the same whatever the input order.
    let mut reversed = specs();
    reversed.reverse();
    assert_eq!(catalogue::contract_json(&reversed), json);
}

#[test]
fn markdown_tables_match_the_checked_in_files() {
    let seed_002_style = Table::new([
        Column::Code,
        Column::Status,
        Column::Domain,
        Column::Retry,
        Column::Message,
    ])
    .order(Order::StatusThenCode)
    .render(&specs());
    expected("table-seed-002.md", &seed_002_style);
    let seed_000_style = Table::new([Column::Code, Column::Status, Column::Description, Column::Help])
        .header(Column::Help, "Recovery")
        .render(accounts::AccountsError::CATALOGUE);
    expected("table-seed-000.md", &seed_000_style);
}

#[test]
fn cells_stay_on_one_line_and_escape_pipes() {
    #[derive(errwire::ApiError)]
    #[api(status = 400)]
    enum Odd {
        /// First line | with a pipe.
        ///
        /// Second paragraph.
        Piped,
    }
    let _ = Odd::Piped;
    let table = Table::new([Column::Code, Column::Description]).render(Odd::CATALOGUE);
    assert_eq!(
        table,
        "| Code | Description |\n|---|---|\n| piped | First line \\| with a pipe.  Second paragraph. |\n"
    );
}
