//! [`StackText`]: a text formatted once into a buffer on the stack, for a writer that must
//! look at the whole text before writing it (OAuth's character set; a translation's
//! placeholder that may be a number).

use core::fmt;

/// Text formatted into `N` bytes on the stack, moved to the heap only when it outgrows them.
pub(crate) struct StackText<const N: usize> {
    buffer: [u8; N],
    used: usize,
    spilled: Option<String>,
}

impl<const N: usize> StackText<N> {
    /// Nothing written yet.
    pub(crate) const fn new() -> Self {
        Self {
            buffer: [0; N],
            used: 0,
            spilled: None,
        }
    }

    /// `value` formatted.
    pub(super) fn of(value: impl fmt::Display) -> Self {
        let mut this = Self::new();
        // Writing to memory cannot fail; a `Display` that fails leaves what it wrote.
        let _ = fmt::write(&mut this, format_args!("{value}"));
        this
    }

    /// The text written.
    pub(crate) fn as_str(&self) -> &str {
        match &self.spilled {
            Some(text) => text,
            // Only whole `str`s were copied in, so the bytes are UTF-8.
            None => core::str::from_utf8(&self.buffer[..self.used]).unwrap_or_default(),
        }
    }
}

impl<const N: usize> fmt::Write for StackText<N> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if let Some(spilled) = &mut self.spilled {
            spilled.push_str(text);
            return Ok(());
        }
        let end = self.used + text.len();
        if let Some(room) = self.buffer.get_mut(self.used..end) {
            room.copy_from_slice(text.as_bytes());
            self.used = end;
        } else {
            let mut spilled = String::with_capacity(end.max(2 * N));
            spilled.push_str(self.as_str());
            spilled.push_str(text);
            self.spilled = Some(spilled);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::StackText;

    #[test]
    fn text_longer_than_the_buffer_moves_to_the_heap_whole() {
        let short = StackText::<8>::of(format_args!("{}-{}", "ab", 12));
        assert_eq!(short.as_str(), "ab-12");
        let long = StackText::<8>::of(format_args!("{}-{}-{}", "abcdef", "ghij", "é"));
        assert_eq!(long.as_str(), "abcdef-ghij-é");
        assert!(long.spilled.is_some());
    }
}
