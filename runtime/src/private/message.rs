//! The message of a derived type: one shared function instead of a second `match` per type.

use core::fmt;
use std::borrow::Cow;

use crate::error::ApiError;

/// `ApiError::message` from `static_message` and `write_message`: the fixed text when there
/// is one, else `write_message`'s output. What a derived type without a `transparent`
/// variant answers, so the template is formatted in one place (`write_message`).
pub fn message_from_write<E: ApiError + ?Sized>(error: &E) -> Cow<'static, str> {
    if let Some(text) = error.static_message() {
        return Cow::Borrowed(text);
    }
    // One allocation in the usual case: room for the template and what its placeholders add
    // (`format!` estimates likewise from its pieces).
    let mut text = String::with_capacity(error.spec().message().len() * 2 + 16);
    let _ = fmt::write(&mut text, format_args!("{}", Written(error)));
    Cow::Owned(text)
}

/// An error's `write_message` as a `Display`.
struct Written<'e, E: ?Sized>(&'e E);

impl<E: ApiError + ?Sized> fmt::Display for Written<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_message(f)
    }
}
