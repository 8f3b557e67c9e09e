// `accounts` and the tests' `legacy` module (two crates) both declare `account_not_found`.
errwire::assert_unique_codes!(accounts::AccountsError, errwire_tests::legacy::LegacyAccountsError);

fn main() {}
