//! Compile-fail cases: one misuse per file in `tests/ui/`, each with the exact error the
//! derive prints. Regenerate with `TRYBUILD=overwrite cargo test -p errwire-tests --test ui`
//! and read the diff like code.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
