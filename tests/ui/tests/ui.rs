//! Compile-fail cases: one misuse per file in `cases/`, each with the exact error the derive
//! prints. Regenerate with `ERRWIRE_BLESS=1 cargo test -p errwire-ui` (the project's one bless
//! switch, as for lock files and exported tables) and read the diff like code.

#[test]
fn ui() {
    if std::env::var("ERRWIRE_BLESS").is_ok_and(|v| v == "1" || v == "true") {
        // trybuild reads its own switch; this test is the binary's only one and sets it
        // before trybuild starts, so no other thread reads the environment meanwhile.
        #[allow(unsafe_code)]
        // SAFETY: single-threaded at this point (see above).
        unsafe {
            std::env::set_var("TRYBUILD", "overwrite");
        }
    }
    let cases = trybuild::TestCases::new();
    cases.compile_fail("cases/*.rs");
}
