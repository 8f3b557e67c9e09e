//! `assert_unique_codes!`: duplicate codes across named types as a compile error — the
//! `const` twin of [`super::unique`], which checks the same at run time.

use crate::rules::{str_eq, str_eq_ignore_ascii_case};
use crate::spec::ErrorSpec;

/// Makes two different declarations of one code, across the named types, a compile error.
///
/// Usable wherever a `const` item is: the check runs at compile time, and the error names
/// the code and both declarations. The same declaration seen twice (a `transparent`
/// variant repeats its field's codes) is not a duplicate.
///
/// ```
/// use errwire::ApiError;
///
/// #[derive(ApiError)]
/// #[api(status = 401)]
/// enum AuthError { SessionExpired }
///
/// #[derive(ApiError)]
/// #[api(status = 402)]
/// enum BillingError { InsufficientCredits }
///
/// errwire::assert_unique_codes!(AuthError, BillingError);
/// ```
///
/// ```compile_fail,E0080
/// #[derive(errwire::ApiError)]
/// #[api(status = 429)]
/// enum AuthError { RateLimited }
///
/// #[derive(errwire::ApiError)]
/// #[api(status = 429)]
/// enum BillingError { RateLimited }
///
/// // error: duplicate error code `rate_limited`: `…::AuthError::RateLimited` and `…::BillingError::RateLimited`
/// errwire::assert_unique_codes!(AuthError, BillingError);
/// ```
///
/// Codes that differ only in case (`internal_error` and `INTERNAL_ERROR`) are different codes
/// unless the list starts with `ignore_case;`:
///
/// ```compile_fail,E0080
/// #[derive(errwire::ApiError)]
/// #[api(status = 500)]
/// enum Gateway { #[api(code = "internal_error")] Internal }
///
/// #[derive(errwire::ApiError)]
/// #[api(status = 500)]
/// enum Upstream { #[api(code = "INTERNAL_ERROR")] Internal }
///
/// errwire::assert_unique_codes!(ignore_case; Gateway, Upstream);
/// ```
#[macro_export]
macro_rules! assert_unique_codes {
    (ignore_case; $($ty:ty),+ $(,)?) => {
        $crate::assert_unique_codes!(@check true; $($ty),+);
    };
    (@check $ignore_case:literal; $($ty:ty),+) => {
        const _: () = {
            // The panic is written here, in the caller's crate, so the compiler's error
            // points at this call and nothing else.
            const DUPLICATE: ::core::option::Option<$crate::__private::DuplicateMessage> =
                $crate::__private::first_duplicate(&[$(<$ty as $crate::catalogue::Catalogued>::CATALOGUE),+], $ignore_case);
            if let ::core::option::Option::Some(duplicate) = &DUPLICATE {
                ::core::panic!("{}", duplicate.as_str());
            }
        };
    };
    ($($ty:ty),+ $(,)?) => {
        $crate::assert_unique_codes!(@check false; $($ty),+);
    };
}

/// The message of the first duplicate [`first_duplicate`] finds, built in `const` context.
#[derive(Debug, Clone, Copy)]
pub struct DuplicateMessage {
    buffer: [u8; 512],
    len: usize,
}

impl DuplicateMessage {
    /// The message.
    #[must_use]
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.buffer.split_at(self.len).0) {
            Ok(message) => message,
            Err(_) => "duplicate error code across the named types",
        }
    }
}

/// The check behind [`assert_unique_codes!`]: the first code two different declarations
/// share (ignoring ASCII case when asked), as a message naming both.
#[must_use]
pub const fn first_duplicate(catalogues: &[&[ErrorSpec]], ignore_case: bool) -> Option<DuplicateMessage> {
    let mut a = 0;
    while a < catalogues.len() {
        let mut i = 0;
        while i < catalogues[a].len() {
            let first = &catalogues[a][i];
            let mut b = a;
            while b < catalogues.len() {
                let mut j = if b == a { i + 1 } else { 0 };
                while j < catalogues[b].len() {
                    let second = &catalogues[b][j];
                    let same = if ignore_case {
                        str_eq_ignore_ascii_case(first.code(), second.code())
                    } else {
                        str_eq(first.code(), second.code())
                    };
                    if same && !same_declaration(first, second) {
                        return Some(duplicate(first, second));
                    }
                    j += 1;
                }
                b += 1;
            }
            i += 1;
        }
        a += 1;
    }
    None
}
const fn same_declaration(a: &ErrorSpec, b: &ErrorSpec) -> bool {
    str_eq(a.type_name(), b.type_name())
        && match (a.variant(), b.variant()) {
            (Some(x), Some(y)) => str_eq(x, y),
            (None, None) => true,
            _ => false,
        }
}

/// "duplicate error code `c`: `A::X` and `B::Y`…", built in a const buffer.
const fn duplicate(first: &ErrorSpec, second: &ErrorSpec) -> DuplicateMessage {
    let mut buffer = [0u8; 512];
    let mut len = 0;
    len = push(&mut buffer, len, "duplicate error code `");
    len = push(&mut buffer, len, first.code());
    if str_eq(first.code(), second.code()) {
        len = push(&mut buffer, len, "`");
    } else {
        len = push(&mut buffer, len, "` (also spelt `");
        len = push(&mut buffer, len, second.code());
        len = push(&mut buffer, len, "`)");
    }
    len = push(&mut buffer, len, ": `");
    len = push_declaration(&mut buffer, len, first);
    len = push(&mut buffer, len, "` and `");
    len = push_declaration(&mut buffer, len, second);
    len = push(&mut buffer, len, "`; give one of them a distinct `code = \"…\"`");
    DuplicateMessage { buffer, len }
}

const fn push_declaration(buffer: &mut [u8; 512], len: usize, spec: &ErrorSpec) -> usize {
    let len = push(buffer, len, spec.type_name());
    match spec.variant() {
        Some(variant) => {
            let len = push(buffer, len, "::");
            push(buffer, len, variant)
        }
        None => len,
    }
}

/// Appends what fits of `text`; returns the new length.
const fn push(buffer: &mut [u8; 512], mut len: usize, text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && len < buffer.len() {
        buffer[len] = bytes[i];
        len += 1;
        i += 1;
    }
    len
}
