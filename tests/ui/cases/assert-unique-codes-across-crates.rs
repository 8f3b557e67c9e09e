// `accounts` and the tests' `legacy` module (two crates) both declare `account_not_found`.
errwire::assert_unique_codes!(accounts::AccountsError, legacy::LegacyAccountsError);

fn main() {}
