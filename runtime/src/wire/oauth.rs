//! RFC 6749 §5.2 strings (`error`, `error_description`): only `%x20-21 / %x23-5B /
//! %x5D-7E`, mapped as they stream.

use core::fmt;
use std::borrow::Cow;

pub use super::classes::is_clean_oauth_text;
use super::classes::is_oauth_byte;

/// Whether every character of `text` is one RFC 6749 allows in `error` and
/// `error_description`.
#[must_use]
pub fn is_oauth_text(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(is_oauth_byte)
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

impl<T: fmt::Display> OAuthText<T> {
    /// Whether the mapped text has any character (an all-space text maps to nothing).
    /// Formatting stops at the first character written, so for any real message this costs
    /// a few bytes, not a pass: a format can decide to write the member, then stream it once.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        struct Probe(bool);
        impl fmt::Write for Probe {
            fn write_str(&mut self, text: &str) -> fmt::Result {
                if text.is_empty() {
                    return Ok(());
                }
                self.0 = true;
                Err(fmt::Error)
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

/// The length of the prefix of `bytes` that is already clean RFC 6749 text: allowed bytes,
/// where a space counts only between two allowed non-space bytes.
fn clean_run(bytes: &[u8]) -> usize {
    let mut run = 0;
    while run < bytes.len() {
        let byte = bytes[run];
        let inner_space = byte == b' '
            && run > 0
            && bytes
                .get(run + 1)
                .is_some_and(|&next| next != b' ' && is_oauth_byte(next));
        if !(inner_space || (byte != b' ' && is_oauth_byte(byte))) {
            break;
        }
        run += 1;
    }
    run
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
            // The longest run that goes out as it is: allowed bytes, with single spaces
            // between words (so a sentence is one write, not one per word: a serializer
            // escapes each write separately).
            let run = clean_run(rest.as_bytes());
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
                    self.out.write_char('\'')?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The vectorised check and the byte class are one rule: every character, between
    /// letters, at each edge, and doubled.
    #[test]
    fn the_clean_check_agrees_with_the_byte_class() {
        for c in (0u8..=0x7F).map(char::from).chain(['é', '\u{2019}', '\u{0}']) {
            let allowed = c.is_ascii() && is_oauth_byte(c as u8);
            let inner = format!("a{c}b");
            assert_eq!(is_clean_oauth_text(&inner), allowed, "{c:?}");
            let clean_at_edges = allowed && c != ' ';
            assert_eq!(is_clean_oauth_text(&format!("{c}a")), clean_at_edges, "{c:?}");
            assert_eq!(is_clean_oauth_text(&format!("a{c}")), clean_at_edges, "{c:?}");
            assert_eq!(is_clean_oauth_text(&format!("a{c}{c}b")), clean_at_edges, "{c:?}");
            assert_eq!(is_clean_oauth_text(&c.to_string()), clean_at_edges, "{c:?}");
        }
        assert!(!is_clean_oauth_text(""));
    }

    #[test]
    fn oauth_text_stays_in_the_rfc_character_set() {
        assert!(matches!(oauth_text("invalid_grant"), Cow::Borrowed(_)));
        let mapped = oauth_text("  Token doesn’t \"sign\" — key\\rotated…\r\n日本 ");
        assert_eq!(mapped, "Token doesn't 'sign' - key/rotated... ??");
        assert!(is_oauth_text(&mapped));
    }
}
