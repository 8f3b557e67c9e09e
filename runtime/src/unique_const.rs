//! `assert_unique_codes!`: duplicate codes across named types as a compile error.

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
/// ```compile_fail
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
#[macro_export]
macro_rules! assert_unique_codes {
    ($($ty:ty),+ $(,)?) => {
        const _: () = $crate::__private::assert_unique(&[$(<$ty as $crate::Catalogued>::CATALOGUE),+]);
    };
}

/// The check behind [`assert_unique_codes!`].
///
/// # Panics
/// At compile time, on a duplicate.
pub const fn assert_unique(catalogues: &[&[ErrorSpec]]) {
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
                    if str_eq(first.code(), second.code()) && !same_declaration(first, second) {
                        duplicate(first, second);
                    }
                    j += 1;
                }
                b += 1;
            }
            i += 1;
        }
        a += 1;
    }
}

const fn same_declaration(a: &ErrorSpec, b: &ErrorSpec) -> bool {
    str_eq(a.type_name(), b.type_name())
        && match (a.variant(), b.variant()) {
            (Some(x), Some(y)) => str_eq(x, y),
            (None, None) => true,
            _ => false,
        }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Panics with "duplicate error code `c`: `A::X` and `B::Y`", built in a const buffer.
const fn duplicate(first: &ErrorSpec, second: &ErrorSpec) {
    let mut buffer = [0u8; 512];
    let mut len = 0;
    len = push(&mut buffer, len, "duplicate error code `");
    len = push(&mut buffer, len, first.code());
    len = push(&mut buffer, len, "`: `");
    len = push_declaration(&mut buffer, len, first);
    len = push(&mut buffer, len, "` and `");
    len = push_declaration(&mut buffer, len, second);
    len = push(&mut buffer, len, "`; give one of them a distinct `code = \"…\"`");
    match core::str::from_utf8(buffer.split_at(len).0) {
        Ok(message) => panic!("{}", message),
        Err(_) => panic!("duplicate error code across the named types"),
    }
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
