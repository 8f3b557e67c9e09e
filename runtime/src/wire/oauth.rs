//! RFC 6749 §5.2 strings (`error`, `error_description`): only `%x20-21 / %x23-5B /
//! %x5D-7E`, mapped as they stream.

use alloc::borrow::Cow;
use alloc::string::ToString;
use core::fmt;

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

/// Whether `text` goes out unchanged: in the set, not empty, no edge or double spaces.
/// A `const fn`, so specs built at compile time record the answer once.
#[must_use]
pub const fn is_clean_oauth_text(text: &str) -> bool {
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

    #[test]
    fn oauth_text_stays_in_the_rfc_character_set() {
        assert!(matches!(oauth_text("invalid_grant"), Cow::Borrowed(_)));
        let mapped = oauth_text("  Token doesn’t \"sign\" — key\\rotated…\r\n日本 ");
        assert_eq!(mapped, "Token doesn't 'sign' - key/rotated... ??");
        assert!(is_oauth_text(&mapped));
    }
}
