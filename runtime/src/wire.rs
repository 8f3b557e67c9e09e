//! The rules that keep anything from the request or the error safe on the wire.
//!
//! - **Request ids** in a header (`x-request-id`): echoed only when 1 to
//!   [`MAX_REQUEST_ID`] bytes of visible ASCII (`!` to `~`); anything else is dropped from
//!   the headers, never altered. In a body, any request id is JSON-escaped and cut to
//!   [`MAX_REQUEST_ID`] bytes at a character boundary.
//! - **URI references** (problem `type` and `instance`, OAuth `error_uri`): every byte
//!   outside RFC 3986's unreserved, reserved and `%`-escape characters is percent-encoded
//!   (UTF-8), a `%` not followed by two hex digits becomes `%25`, and the result is cut to
//!   [`MAX_URI`] bytes.
//! - **OAuth strings** (`error`, `error_description`): RFC 6749 allows only `%x20-21 /
//!   %x23-5B / %x5D-7E`. `"` becomes `'`, `\` becomes `/`, typographic dashes and quotes
//!   become their ASCII forms, line breaks and tabs become spaces, other characters become
//!   `?`; runs of spaces collapse, the ends are trimmed, and an `error` left empty becomes
//!   `server_error`.
//! - **`Retry-After`**: whole seconds, rounded up, so a client never retries early.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use core::fmt;
use core::time::Duration;

use http::HeaderValue;

/// The longest request id echoed, in bytes.
pub const MAX_REQUEST_ID: usize = 200;
/// The longest URI reference written, in bytes.
pub const MAX_URI: usize = 2048;

/// The request id as a header value, if it is safe to echo unchanged.
#[must_use]
pub fn request_id_header(id: &str) -> Option<HeaderValue> {
    let safe = !id.is_empty() && id.len() <= MAX_REQUEST_ID && id.bytes().all(|b| b.is_ascii_graphic());
    safe.then(|| HeaderValue::from_str(id).ok()).flatten()
}

/// The request id as written in a body: cut to [`MAX_REQUEST_ID`] bytes.
#[must_use]
pub fn request_id_body(id: &str) -> &str {
    truncate(id, MAX_REQUEST_ID)
}

/// `text` cut to at most `max` bytes, at a character boundary.
#[must_use]
pub fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Bytes a URI reference may hold as they are: RFC 3986's unreserved and reserved characters
/// (`%` is checked apart: it must start an escape).
const URI_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let allowed = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=";
    let mut i = 0;
    while i < allowed.len() {
        table[allowed[i] as usize] = true;
        i += 1;
    }
    table
};

/// `text` as a valid URI reference (borrowed when it already is one).
#[must_use]
pub fn uri_reference(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let keep = |i: usize| {
        let b = bytes[i];
        if b == b'%' {
            return bytes.len() > i + 2
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit();
        }
        URI_BYTES[usize::from(b)]
    };
    if text.len() <= MAX_URI && (0..bytes.len()).all(keep) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(MAX_URI));
    for (i, &byte) in bytes.iter().enumerate() {
        let kept = keep(i);
        if out.len() + if kept { 1 } else { 3 } > MAX_URI {
            break;
        }
        if kept {
            out.push(char::from(byte));
        } else {
            out.push_str(&alloc::format!("%{byte:02X}"));
        }
    }
    Cow::Owned(out)
}

/// Whether every character of `text` is one RFC 6749 allows in `error` and
/// `error_description`.
#[must_use]
pub fn is_oauth_text(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(is_oauth_byte)
}

/// RFC 6749's `%x20-21 / %x23-5B / %x5D-7E`.
const fn is_oauth_byte(b: u8) -> bool {
    matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

/// [`is_clean_oauth_text`] in `const` context (for specs built at compile time).
#[must_use]
pub const fn is_clean_oauth_text_const(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes[0] == b' ' || bytes[bytes.len() - 1] == b' ' {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if !is_oauth_byte(bytes[i]) || (bytes[i] == b' ' && i + 1 < bytes.len() && bytes[i + 1] == b' ') {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `text` is already a valid URI reference of at most [`MAX_URI`] bytes, in `const`
/// context.
#[must_use]
pub const fn is_uri_reference_const(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() > MAX_URI {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let ok = if b == b'%' {
            i + 2 < bytes.len() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit()
        } else {
            URI_BYTES[b as usize]
        };
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `text` goes out unchanged: in the set, not empty, no edge or double spaces.
#[must_use]
pub fn is_clean_oauth_text(text: &str) -> bool {
    is_oauth_text(text) && !text.starts_with(' ') && !text.ends_with(' ') && !text.contains("  ")
}

/// `text` mapped into RFC 6749's character set (borrowed when it already is in it).
#[must_use]
pub fn oauth_text(text: &str) -> Cow<'_, str> {
    if is_clean_oauth_text(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(OAuthText(text).to_string())
}

/// Anything `Display`, written through the RFC 6749 mapping as it is formatted: no
/// intermediate `String`. `Serialize` streams it too.
#[derive(Debug, Clone, Copy)]
pub struct OAuthText<T>(pub T);

/// A fixed-size buffer on the stack, for texts short enough to map in one pass.
struct StackText {
    bytes: [u8; 512],
    len: usize,
    overflowed: bool,
}

impl fmt::Write for StackText {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len + text.len();
        if end > self.bytes.len() {
            self.overflowed = true;
            return Err(fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl<T: fmt::Display> OAuthText<T> {
    /// Maps the text into a stack buffer: `Some(text)` when it fits (empty when nothing is
    /// left after mapping), `None` when it is too long and must be streamed.
    pub(crate) fn map_on_stack<R>(&self, then: impl FnOnce(Option<&str>) -> R) -> R {
        let mut buffer = StackText {
            bytes: [0; 512],
            len: 0,
            overflowed: false,
        };
        let written = fmt::write(&mut OAuthWriter::new(&mut buffer), format_args!("{}", self.0));
        if written.is_err() || buffer.overflowed {
            return then(None);
        }
        // The mapping writes ASCII only.
        then(Some(
            core::str::from_utf8(&buffer.bytes[..buffer.len]).unwrap_or_default(),
        ))
    }

    /// Whether the mapped text has any character (an all-space text maps to nothing).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        struct Probe(bool);
        impl fmt::Write for Probe {
            fn write_str(&mut self, text: &str) -> fmt::Result {
                self.0 |= !text.is_empty();
                Ok(())
            }
        }
        let mut probe = Probe(false);
        let _ = fmt::write(&mut OAuthWriter::new(&mut probe), format_args!("{}", self.0));
        !probe.0
    }
}

impl<T: fmt::Display> fmt::Display for OAuthText<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::write(&mut OAuthWriter::new(f), format_args!("{}", self.0))
    }
}

impl<T: fmt::Display> serde::Serialize for OAuthText<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Maps each character into RFC 6749's set; collapses runs of spaces and drops them at the
/// ends (a space is written only when more text follows).
struct OAuthWriter<'a, W: fmt::Write + ?Sized> {
    out: &'a mut W,
    pending_space: bool,
    wrote: bool,
}

impl<'a, W: fmt::Write + ?Sized> OAuthWriter<'a, W> {
    fn new(out: &'a mut W) -> Self {
        Self {
            out,
            pending_space: false,
            wrote: false,
        }
    }
}

impl<W: fmt::Write + ?Sized> fmt::Write for OAuthWriter<'_, W> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut rest = text;
        while !rest.is_empty() {
            // The longest run that goes out as it is: allowed bytes, no space.
            let run = rest
                .bytes()
                .take_while(|&b| is_oauth_byte(b) && b != b' ')
                .count();
            if run > 0 {
                if self.pending_space {
                    self.out.write_char(' ')?;
                    self.pending_space = false;
                }
                self.out.write_str(&rest[..run])?;
                self.wrote = true;
                rest = &rest[run..];
                continue;
            }
            let Some(c) = rest.chars().next() else { break };
            rest = &rest[c.len_utf8()..];
            if c.is_whitespace() || c.is_control() {
                self.pending_space = self.wrote;
                continue;
            }
            if self.pending_space {
                self.out.write_char(' ')?;
                self.pending_space = false;
            }
            self.wrote = true;
            match c {
                '"' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2032}' => {
                    self.out.write_char('\'')?
                }
                '\\' => self.out.write_char('/')?,
                '\u{2010}'..='\u{2015}' | '\u{2212}' => self.out.write_char('-')?,
                '\u{2026}' => self.out.write_str("...")?,
                _ => self.out.write_char('?')?,
            }
        }
        Ok(())
    }
}

/// The `Retry-After` value: whole seconds, rounded up.
#[must_use]
pub fn retry_after_seconds(delay: Duration) -> u64 {
    delay
        .as_secs()
        .saturating_add(u64::from(delay.subsec_nanos() > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_with_unsafe_bytes_are_not_echoed() {
        assert!(request_id_header("req_xyz123").is_some());
        assert!(request_id_header("\"quoted\"").is_some());
        for bad in ["", "a\r\nb", "a b", "a\0", "é"] {
            assert!(request_id_header(bad).is_none(), "{bad:?}");
        }
        assert!(request_id_header(&"a".repeat(MAX_REQUEST_ID + 1)).is_none());
        assert_eq!(request_id_body(&"é".repeat(200)).len(), MAX_REQUEST_ID);
    }

    #[test]
    fn uri_references_are_percent_encoded() {
        assert!(matches!(uri_reference("/accounts/1?x=%20"), Cow::Borrowed(_)));
        assert_eq!(uri_reference("/a b\r\n\"é%zz"), "/a%20b%0D%0A%22%C3%A9%25zz");
        assert!(uri_reference(&"é".repeat(5000)).len() <= MAX_URI);
    }

    #[test]
    fn oauth_text_stays_in_the_rfc_character_set() {
        assert!(matches!(oauth_text("invalid_grant"), Cow::Borrowed(_)));
        let mapped = oauth_text("  Token doesn’t \"sign\" — key\\rotated…\r\n日本 ");
        assert_eq!(mapped, "Token doesn't 'sign' - key/rotated... ??");
        assert!(is_oauth_text(&mapped));
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_seconds(Duration::from_secs(30)), 30);
        assert_eq!(retry_after_seconds(Duration::from_millis(1500)), 2);
        assert_eq!(retry_after_seconds(Duration::ZERO), 0);
        assert_eq!(retry_after_seconds(Duration::MAX), u64::MAX);
    }
}
