//! Compile-fail tests of the derive; the cases are in `cases/`, the harness in `tests/ui.rs`.
