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

/// RFC 3986 `unreserved`: `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// RFC 3986 `sub-delims`.
const fn is_sub_delim(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

/// `pchar` minus `%` (escapes are checked apart).
const fn is_pchar(b: u8) -> bool {
    is_unreserved(b) || is_sub_delim(b) || b == b':' || b == b'@'
}

/// Whether `bytes[i]` starts a valid `%XX` escape.
const fn is_escape(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'%'
        && i + 2 < bytes.len()
        && bytes[i + 1].is_ascii_hexdigit()
        && bytes[i + 2].is_ascii_hexdigit()
}

/// A character class of RFC 3986, as `const fn`s cannot call function pointers.
#[derive(Clone, Copy)]
enum Class {
    /// `pchar` and these bytes (paths: `/`; queries and fragments: `/?`).
    Pchar(&'static [u8]),
    /// `reg-name`: unreserved and sub-delims.
    Host,
}

const fn in_class(b: u8, class: Class) -> bool {
    match class {
        Class::Host => is_unreserved(b) || is_sub_delim(b),
        Class::Pchar(extra) => {
            let mut j = 0;
            while j < extra.len() {
                if b == extra[j] {
                    return true;
                }
                j += 1;
            }
            is_pchar(b)
        }
    }
}

/// Whether `bytes[from..to]` holds only bytes of `class` and valid `%XX` escapes.
const fn all_allowed(bytes: &[u8], from: usize, to: usize, class: Class) -> bool {
    let mut i = from;
    while i < to {
        if bytes[i] == b'%' {
            if !is_escape(bytes, i) {
                return false;
            }
            i += 3;
        } else if in_class(bytes[i], class) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

/// The index of the first of `stops` in `bytes[from..]`, or `bytes.len()`.
const fn find_any(bytes: &[u8], from: usize, stops: &[u8]) -> usize {
    let mut i = from;
    while i < bytes.len() {
        let mut j = 0;
        while j < stops.len() {
            if bytes[i] == stops[j] {
                return i;
            }
            j += 1;
        }
        i += 1;
    }
    bytes.len()
}

/// `[ "?" query ] [ "#" fragment ]` from `i`: query and fragment are `pchar / "/" / "?"`.
const fn is_query_fragment(bytes: &[u8], i: usize) -> bool {
    if i >= bytes.len() {
        return true;
    }
    let hash = find_any(bytes, i, b"#");
    if bytes[i] == b'?' {
        if !all_allowed(bytes, i + 1, hash, Class::Pchar(b"/?")) {
            return false;
        }
    } else if bytes[i] != b'#' {
        return false;
    }
    hash >= bytes.len() || all_allowed(bytes, hash + 1, bytes.len(), Class::Pchar(b"/?"))
}

/// A simple authority: `[ userinfo "@" ] reg-name [ ":" port ]` (no IP literals).
const fn is_authority(bytes: &[u8], from: usize, to: usize) -> bool {
    // The first "@" ends the userinfo (which may hold ":"); a second one is not allowed.
    let at = find_any(bytes, from, b"@");
    let host_from = if at < to { at + 1 } else { from };
    if at < to && !all_allowed(bytes, from, at, Class::Pchar(b"")) {
        return false;
    }
    let colon = find_any(bytes, host_from, b":");
    let host_to = if colon < to { colon } else { to };
    if !all_allowed(bytes, host_from, host_to, Class::Host) {
        return false;
    }
    let mut i = host_to + 1;
    while i < to {
        if !bytes[i].is_ascii_digit() {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `text` is already a valid URI reference (RFC 3986) of at most [`MAX_URI`] bytes,
/// by the rules errwire keeps: an absolute URI with a simple authority (no IP literals), or
/// a relative reference that is a path with an optional query and fragment.
#[must_use]
pub const fn is_uri_reference_const(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() > MAX_URI {
        return false;
    }
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":".
    let mut i = 0;
    if !bytes.is_empty() && bytes[0].is_ascii_alphabetic() {
        i = 1;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'+' | b'-' | b'.'))
        {
            i += 1;
        }
    }
    let absolute = i > 0 && i < bytes.len() && bytes[i] == b':';
    let path_from = if absolute {
        let after = i + 1;
        if after + 1 < bytes.len() && bytes[after] == b'/' && bytes[after + 1] == b'/' {
            let end = find_any(bytes, after + 2, b"/?#");
            if !is_authority(bytes, after + 2, end) {
                return false;
            }
            end
        } else {
            after
        }
    } else {
        // A relative path must not look like an authority ("//") or a scheme (":" in the
        // first segment).
        if bytes.len() > 1 && bytes[0] == b'/' && bytes[1] == b'/' {
            return false;
        }
        let first_segment_end = find_any(bytes, 0, b"/?#");
        let colon = find_any(bytes, 0, b":");
        if colon < first_segment_end {
            return false;
        }
        0
    };
    let path_end = find_any(bytes, path_from, b"?#");
    all_allowed(bytes, path_from, path_end, Class::Pchar(b"/")) && is_query_fragment(bytes, path_end)
}

/// `text` as a valid URI reference (borrowed when it already is one). Anything else becomes
/// a path: every byte but unreserved ones, sub-delims, `@` and `/` is percent-encoded (UTF-8),
/// a leading `//` becomes `/%2F`, and the result is cut to [`MAX_URI`] bytes.
#[must_use]
pub fn uri_reference(text: &str) -> Cow<'_, str> {
    if is_uri_reference_const(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(MAX_URI));
    for (i, &byte) in text.as_bytes().iter().enumerate() {
        let leading_double_slash = i == 1 && byte == b'/' && text.as_bytes()[0] == b'/';
        let kept = (is_unreserved(byte) || is_sub_delim(byte) || byte == b'@' || byte == b'/')
            && !leading_double_slash;
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
        for kept in [
            "/accounts/1?x=%20",
            "https://docs.example.com/errors#code",
            "about:blank",
            "a/b",
            "",
            "?q#f",
        ] {
            assert!(matches!(uri_reference(kept), Cow::Borrowed(_)), "{kept}");
        }
        assert_eq!(uri_reference("/a b\r\n\"é%zz"), "/a%20b%0D%0A%22%C3%A9%25zz");
        assert_eq!(uri_reference("["), "%5B");
        assert_eq!(uri_reference("//evil/x"), "/%2Fevil/x");
        assert_eq!(
            uri_reference("a:b"),
            "a:b",
            "a valid absolute URI with scheme `a`"
        );
        assert_eq!(uri_reference("1:b"), "1%3Ab");
        assert_eq!(uri_reference("/x#a#b"), "/x%23a%23b");
        assert_eq!(uri_reference("http://a@b@c/"), "http%3A//a@b@c/");
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
