//! Compile-fail cases: one misuse per file in `cases/`, each with the exact error the derive
//! prints. Regenerate with `TRYBUILD=overwrite cargo test -p errwire-ui` and read the diff
//! like code.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("cases/*.rs");
}
