//! The placeholders of an error's message as Fluent variables, and the translation of a
//! pattern that is only text and placeholders without Fluent's resolver.

use core::fmt;
use std::borrow::Cow;

use fluent_bundle::{FluentArgs, FluentValue};
use fluent_syntax::ast;

use crate::error::ApiError;

/// The placeholders' texts, written into a buffer on the stack so the Fluent variables can
/// borrow them: a translation then allocates no `String` per placeholder (longer texts, or
/// more placeholders than fit, are owned).
pub(super) struct Placeholders {
    buffer: [u8; 512],
    used: usize,
    spans: [(&'static str, usize, usize); 8],
    count: usize,
    overflow: Vec<(&'static str, String)>,
}

impl Placeholders {
    /// Adds `error`'s placeholders. (Filled in place, not returned: the buffer is large
    /// enough that moving it showed in profiles.)
    pub(super) fn fill(&mut self, error: &(impl ApiError + ?Sized)) {
        error.__message_args(&mut |name, value| self.push(name, value));
    }

    pub(super) fn empty() -> Self {
        Self {
            buffer: [0; 512],
            used: 0,
            spans: [("", 0, 0); 8],
            count: 0,
            overflow: Vec::new(),
        }
    }

    /// The text of the placeholder `name`: the one set last, as in `FluentArgs`.
    fn get(&self, name: &str) -> Option<&str> {
        if let Some((_, text)) = self.overflow.iter().rev().find(|(n, _)| *n == name) {
            return Some(text);
        }
        let &(_, start, end) = self.spans[..self.count]
            .iter()
            .rev()
            .find(|(n, _, _)| *n == name)?;
        // Only whole `str`s were written, so the span is UTF-8.
        core::str::from_utf8(&self.buffer[start..end]).ok()
    }

    /// Writes `pattern` when it is only text and this error's placeholders, as Fluent's
    /// resolver would (no isolation marks, no transform or formatter is set; a number through
    /// Fluent's own `FluentNumber::as_string`), without building `FluentArgs`; `Ok(false)`,
    /// having written nothing, for any other pattern (and for one of more than 16 placeholders,
    /// which the resolver writes the same).
    pub(super) fn write_simple(
        &self,
        pattern: &ast::Pattern<&str>,
        out: &mut dyn fmt::Write,
    ) -> Result<bool, fmt::Error> {
        // One pass finds every variable's text (or declines, having written nothing), the
        // second writes: each placeholder is looked up once.
        let mut texts: [&str; 16] = [""; 16];
        let mut found = 0;
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { .. } => {}
                ast::PatternElement::Placeable {
                    expression: ast::Expression::Inline(ast::InlineExpression::VariableReference { id }),
                } => {
                    let (Some(text), Some(slot)) = (self.get(id.name), texts.get_mut(found)) else {
                        return Ok(false);
                    };
                    *slot = text;
                    found += 1;
                }
                ast::PatternElement::Placeable { .. } => return Ok(false),
            }
        }
        let mut texts = texts.iter().take(found);
        for element in &pattern.elements {
            if let ast::PatternElement::TextElement { value } = element {
                out.write_str(value)?;
                continue;
            }
            let text = texts.next().copied().unwrap_or_default();
            match could_be_number(text).then(|| FluentValue::try_number(text)) {
                Some(FluentValue::Number(number)) => out.write_str(&number.as_string())?,
                _ => out.write_str(text)?,
            }
        }
        Ok(true)
    }

    fn push(&mut self, name: &'static str, value: &dyn fmt::Display) {
        let start = self.used;
        let mut writer = StackWriter {
            buffer: &mut self.buffer,
            used: &mut self.used,
        };
        if self.count < self.spans.len() && fmt::write(&mut writer, format_args!("{value}")).is_ok() {
            self.spans[self.count] = (name, start, self.used);
            self.count += 1;
        } else {
            self.used = start;
            self.overflow.push((name, value.to_string()));
        }
    }

    /// The Fluent variables: the placeholders, then the details not already named (strings
    /// and numbers as they are, anything else as JSON text); a number stays a number.
    pub(super) fn arguments<'s>(&'s self, error: &(impl ApiError + ?Sized)) -> FluentArgs<'s> {
        let mut args = FluentArgs::with_capacity(self.count + self.overflow.len());
        for &(name, start, end) in &self.spans[..self.count] {
            // Only whole `str`s were written, so the span is UTF-8.
            let text = core::str::from_utf8(&self.buffer[start..end]).unwrap_or_default();
            args.set(name, number_or_str(text));
        }
        for (name, text) in &self.overflow {
            args.set(*name, number_or_str(text));
        }
        error.details().for_each(|name, value| {
            if args.get(name).is_some() {
                return;
            }
            let value = match serde_json::to_value(value) {
                Ok(serde_json::Value::String(text)) => match FluentValue::try_number(&text) {
                    FluentValue::Number(number) => FluentValue::Number(number),
                    _ => FluentValue::String(Cow::Owned(text)),
                },
                Ok(serde_json::Value::Number(number)) => number
                    .as_f64()
                    .map_or_else(|| FluentValue::from(number.to_string()), FluentValue::from),
                Ok(other) => FluentValue::from(other.to_string()),
                Err(_) => return,
            };
            args.set(name, value);
        });
        args
    }
}

/// Writes into the rest of a fixed buffer; fails (without writing) when a piece does not fit.
struct StackWriter<'b> {
    buffer: &'b mut [u8; 512],
    used: &'b mut usize,
}

impl fmt::Write for StackWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.used.checked_add(s.len()).ok_or(fmt::Error)?;
        let target = self.buffer.get_mut(*self.used..end).ok_or(fmt::Error)?;
        target.copy_from_slice(s.as_bytes());
        *self.used = end;
        Ok(())
    }
}

/// Whether `text` could be what Fluent reads as a number (`f64::from_str`: a sign, a digit,
/// a `.`, `inf`, `infinity` or `nan`, in any case). Most placeholders are words, and this
/// first byte spares them the float parse.
fn could_be_number(text: &str) -> bool {
    // A `match`, not `b"…".contains`: that is a `memchr` call, which showed in profiles.
    text.as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'+' | b'-' | b'.' | b'0'..=b'9' | b'i' | b'I' | b'n' | b'N'))
}

fn number_or_str(text: &str) -> FluentValue<'_> {
    match FluentValue::try_number(text) {
        FluentValue::Number(number) => FluentValue::Number(number),
        _ => FluentValue::String(Cow::Borrowed(text)),
    }
}

#[cfg(test)]
mod tests {
    use fluent_bundle::concurrent::FluentBundle;
    use fluent_bundle::{FluentArgs, FluentResource};

    use super::{Placeholders, could_be_number};

    /// The shortcut never turns a number away: every text `f64` parses starts as it says,
    /// whatever its first character (each char up to U+2FFF, then texts with that start).
    #[test]
    fn could_be_number_keeps_every_number() {
        let starts = (0..0x3000u32).filter_map(char::from_u32);
        for first in starts {
            for rest in ["", "1", "5.0", "e3", "nf", "nfinity", "aN", "AN", ".5", "x"] {
                let text = format!("{first}{rest}");
                if text.parse::<f64>().is_ok() {
                    assert!(could_be_number(&text), "{text:?} is a number");
                }
            }
        }
        assert!(!could_be_number("acme"));
        assert!(!could_be_number(""));
    }

    /// The direct path writes what Fluent's resolver writes, for every kind of value a
    /// placeholder can hold (numbers are re-formatted by Fluent: `007` is `7`, `3.50` keeps
    /// two digits), and declines every pattern it does not handle.
    #[test]
    fn the_direct_path_writes_what_fluent_writes() {
        let source = "plain = Nothing to fill.\n\
            filled = Le slug « { $slug } » est pris ({ $n } fois).\n\
            multi =\n    Ligne { $slug }\n    suite.\n\
            select = { $n ->\n    [one] un\n   *[other] autres\n}\n\
            term = { -brand } { $slug }\n\
            missing = { $absent }\n\
            -brand = Errwire\n";
        // The direct path holds up to 16 placeholders; a pattern with more is the resolver's.
        let source = format!(
            "{source}many ={}\ntoo_many ={}\n",
            " { $n } { $slug }".repeat(8),
            " { $n } { $slug }".repeat(8) + " { $n }"
        );
        let resource = FluentResource::try_new(source).unwrap();
        let mut bundle = FluentBundle::new_concurrent(vec!["fr".parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).unwrap();
        let long = "x".repeat(600);
        for (slug, n) in [
            ("acme", "1"),
            ("a{b}\"c", "007"),
            ("nan", "3.50"),
            ("1e3", "-0"),
            (long.as_str(), "inf"),
            ("", "12345678901234567890"),
        ] {
            let mut placeholders = Placeholders::empty();
            placeholders.push("slug", &slug);
            placeholders.push("n", &n);
            let mut args = FluentArgs::new();
            for (name, value) in [("slug", slug), ("n", n)] {
                args.set(name, super::number_or_str(value));
            }
            for id in ["plain", "filled", "multi", "many"] {
                let pattern = bundle.get_message(id).unwrap().value().unwrap();
                let mut fluent = String::new();
                let mut errors = Vec::new();
                bundle
                    .write_pattern(&mut fluent, pattern, Some(&args), &mut errors)
                    .unwrap();
                assert!(errors.is_empty(), "{id}: {errors:?}");
                let mut direct = String::new();
                assert!(placeholders.write_simple(pattern, &mut direct).unwrap(), "{id}");
                assert_eq!(direct, fluent, "{id} with {slug:?}, {n:?}");
            }
            for id in ["select", "term", "missing", "too_many"] {
                let pattern = bundle.get_message(id).unwrap().value().unwrap();
                let mut direct = String::new();
                assert!(!placeholders.write_simple(pattern, &mut direct).unwrap(), "{id}");
                assert!(direct.is_empty());
            }
        }
    }
}
