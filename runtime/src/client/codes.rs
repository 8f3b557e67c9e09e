//! [`KnownCodes`]: the code enum the derive writes for `#[api(codes = "…")]`, so a client
//! matches a decoded error's code with the compiler's help.

use crate::spec::ErrorSpec;

/// A fieldless enum with one variant per code of an error type, written by
/// `#[derive(ApiError)]` with `#[api(codes = "AccountCode")]`.
///
/// `RemoteError::code_in::<AccountCode>()` turns a decoded code into one of its variants, so
/// a `match` is exhaustive and a misspelt code does not compile.
pub trait KnownCodes: Sized + Copy + 'static {
    /// Every variant, in declaration order.
    const ALL: &'static [Self];

    /// The variant whose code is `code`.
    fn from_code(code: &str) -> Option<Self>;

    /// The machine code.
    fn code(self) -> &'static str;

    /// The code's spec.
    fn spec(self) -> &'static ErrorSpec;
}
