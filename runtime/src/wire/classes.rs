//! The byte classes and `const` predicates behind the URI and OAuth rules, with no
//! allocation and no dependency: compiled into the runtime and, through a symbolic link
//! (`macros/src/wire_classes.rs`), into the derive, which answers them for each spec at
//! expansion time instead of leaving the work to the `const` evaluator, which is slow at it.

use crate::rules::is_unreserved;

/// The longest URI reference written, in bytes.
pub const MAX_URI: usize = 2048;

/// RFC 3986 `sub-delims`.
pub(crate) const fn is_sub_delim(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

/// Whether `bytes[i]` starts a valid `%XX` escape.
const fn is_escape(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'%'
        && i + 2 < bytes.len()
        && bytes[i + 1].is_ascii_hexdigit()
        && bytes[i + 2].is_ascii_hexdigit()
}

/// Character classes of RFC 3986 as bits, looked up in one table per byte (a request's
/// `instance` is checked on every render, so this is on the hot path).
const UNRESERVED: u8 = 1;
const SUB_DELIM: u8 = 2;
const COLON_AT: u8 = 4;
const SLASH: u8 = 8;
const QUESTION: u8 = 16;
/// `reg-name`: unreserved and sub-delims.
const HOST: u8 = UNRESERVED | SUB_DELIM;
/// `pchar` minus `%` (escapes are checked apart).
const PCHAR: u8 = HOST | COLON_AT;
/// A path: `pchar` and `/`.
const PATH: u8 = PCHAR | SLASH;
/// A query or a fragment: `pchar`, `/` and `?`.
const QUERY: u8 = PATH | QUESTION;

const CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte: u8 = 0;
    loop {
        let mut bits = 0;
        if is_unreserved(byte) {
            bits |= UNRESERVED;
        }
        if is_sub_delim(byte) {
            bits |= SUB_DELIM;
        }
        if byte == b':' || byte == b'@' {
            bits |= COLON_AT;
        }
        if byte == b'/' {
            bits |= SLASH;
        }
        if byte == b'?' {
            bits |= QUESTION;
        }
        table[byte as usize] = bits;
        if byte == u8::MAX {
            break;
        }
        byte += 1;
    }
    table
};

const fn in_class(b: u8, class: u8) -> bool {
    CLASSES[b as usize] & class != 0
}

/// `/` then path characters only (no `%`, `?` or `#`), not starting with `//`: a valid
/// absolute-path reference.
const fn is_plain_absolute_path(bytes: &[u8]) -> bool {
    if bytes.is_empty() || bytes[0] != b'/' || (bytes.len() > 1 && bytes[1] == b'/') {
        return false;
    }
    let mut i = 1;
    while i < bytes.len() {
        if !in_class(bytes[i], PATH) {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether a fragment (RFC 3986 §3.5: `pchar / "/" / "?"`) may hold `b` as it is.
pub(crate) const fn is_fragment_byte(b: u8) -> bool {
    in_class(b, QUERY)
}

/// Whether `bytes[from..to]` holds only bytes of `class` and valid `%XX` escapes.
const fn all_allowed(bytes: &[u8], from: usize, to: usize, class: u8) -> bool {
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
        if !all_allowed(bytes, i + 1, hash, QUERY) {
            return false;
        }
    } else if bytes[i] != b'#' {
        return false;
    }
    hash >= bytes.len() || all_allowed(bytes, hash + 1, bytes.len(), QUERY)
}

/// A simple authority: `[ userinfo "@" ] reg-name [ ":" port ]` (no IP literals).
const fn is_authority(bytes: &[u8], from: usize, to: usize) -> bool {
    // The first "@" ends the userinfo (which may hold ":"); a second one is not allowed.
    let at = find_any(bytes, from, b"@");
    let host_from = if at < to { at + 1 } else { from };
    if at < to && !all_allowed(bytes, from, at, PCHAR) {
        return false;
    }
    let colon = find_any(bytes, host_from, b":");
    let host_to = if colon < to { colon } else { to };
    if !all_allowed(bytes, host_from, host_to, HOST) {
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
pub const fn is_uri_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() > MAX_URI {
        return false;
    }
    // The common case, a request path (`/accounts/1`): one pass over the table.
    if is_plain_absolute_path(bytes) {
        return true;
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
    all_allowed(bytes, path_from, path_end, PATH) && is_query_fragment(bytes, path_end)
}

/// RFC 6749's `%x20-21 / %x23-5B / %x5D-7E`.
pub(crate) const fn is_oauth_byte(b: u8) -> bool {
    matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

/// Whether `text` goes out unchanged: in the set, not empty, no edge or double spaces.
/// A `const fn`, so specs built at compile time record the answer once.
#[must_use]
#[allow(clippy::needless_bitwise_bool)] // no short-circuit on purpose: the loops vectorise
pub const fn is_clean_oauth_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    let n = bytes.len();
    if n == 0 || bytes[0] == b' ' || bytes[n - 1] == b' ' {
        return false;
    }
    // No early exit and no short-circuit in the loops: each compiles to vector code, so a
    // formatted message (checked at every render by the OAuth format) costs a few steps.
    let mut outside = false;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        outside |= (b < 0x20) | (b > 0x7E) | (b == b'"') | (b == b'\\');
        i += 1;
    }
    let mut double_space = false;
    let mut i = 1;
    while i < n {
        double_space |= (bytes[i - 1] == b' ') & (bytes[i] == b' ');
        i += 1;
    }
    !outside && !double_space
}
