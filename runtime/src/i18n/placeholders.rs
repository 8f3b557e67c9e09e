//! The placeholders of an error's message as Fluent variables, and the translation of a
//! pattern that is only text and placeholders without Fluent's resolver.

use core::fmt;
use std::borrow::Cow;

use fluent_bundle::{FluentArgs, FluentValue};
use fluent_syntax::ast;

use crate::error::ApiError;
use crate::format::text::StackText;

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

    fn push(&mut self, name: &'static str, value: &dyn fmt::Display) {
        // The last visit of a name counts (as in `FluentArgs`, and in `write_simple`), in
        // whichever list an earlier one went to. (Only a hand-written `__message_args` visits
        // a name twice: the derive visits each once.)
        self.overflow.retain(|(n, _)| *n != name);
        for span in &mut self.spans[..self.count] {
            if span.0 == name {
                span.0 = "";
            }
        }
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
            // A `Display` that fails leaves what it wrote, as the direct path does.
            let mut text = String::new();
            let _ = fmt::write(&mut text, format_args!("{value}"));
            self.overflow.push((name, text));
        }
    }

    /// The Fluent variables: the placeholders, then the details not already named (strings
    /// and numbers as they are, anything else as JSON text); a number stays a number.
    pub(super) fn arguments<'s>(&'s self, error: &(impl ApiError + ?Sized)) -> FluentArgs<'s> {
        let mut args = FluentArgs::with_capacity(self.count + self.overflow.len());
        // (A span whose name is empty was replaced by a later visit.)
        for &(name, start, end) in self.spans[..self.count].iter().filter(|(n, _, _)| !n.is_empty()) {
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

/// Each placeholder of an error's message, by variable name, as
/// [`ApiError::__message_args`] visits them.
pub(super) type Visit<'v> = &'v dyn Fn(&mut dyn FnMut(&'static str, &dyn fmt::Display));

/// Writes `pattern` when it is only text and the error's placeholders, as Fluent's resolver
/// would (no isolation marks, no transform or formatter is set; a number through Fluent's own
/// `FluentNumber::as_string`), straight from `visit`: nothing is staged or allocated for a
/// placeholder that is a word. `Ok(false)`, having written nothing, for any other pattern
/// (and for one of more than 16 placeholders, which the resolver writes the same).
pub(super) fn write_simple(
    visit: Visit<'_>,
    pattern: &ast::Pattern<&str>,
    out: &mut dyn fmt::Write,
) -> Result<bool, fmt::Error> {
    // The first pass checks that every variable is a placeholder (or declines, having written
    // nothing) and counts how often each is visited: as in `FluentArgs`, the last one counts.
    let mut visits = [0_usize; 16];
    let mut variables = 0;
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { .. } => {}
            ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(ast::InlineExpression::VariableReference { id }),
            } => {
                let Some(slot) = visits.get_mut(variables) else {
                    return Ok(false);
                };
                visit(&mut |name, _| *slot += usize::from(name == id.name));
                if *slot == 0 {
                    return Ok(false);
                }
                variables += 1;
            }
            ast::PatternElement::Placeable { .. } => return Ok(false),
        }
    }
    let mut visits = visits.iter();
    for element in &pattern.elements {
        let ast::PatternElement::Placeable {
            expression: ast::Expression::Inline(ast::InlineExpression::VariableReference { id }),
        } = element
        else {
            if let ast::PatternElement::TextElement { value } = element {
                out.write_str(value)?;
            }
            continue;
        };
        // (A hand-written `__message_args` that visits a name fewer times now than in the first
        // pass leaves that placeholder out; the derive's visits the same each time.)
        let last = visits.next().copied().unwrap_or_default();
        let mut seen = 0;
        let mut result = Ok(());
        visit(&mut |name, value| {
            if name != id.name {
                return;
            }
            seen += 1;
            if seen == last {
                result = Placeholder::write(value, out);
            }
        });
        result?;
    }
    Ok(true)
}

/// One placeholder's text on its way to the output: written through as it comes, unless its
/// first byte could start a number, in which case it is held until whole, since Fluent
/// re-formats a number (`007` is written `7`).
///
/// A `Display` that fails leaves what it wrote (as `StackText::of` does); only a failure of
/// the output itself is passed on.
struct Placeholder<'o> {
    out: &'o mut dyn fmt::Write,
    started: bool,
    held: Option<StackText<64>>,
    out_failed: bool,
}

impl<'o> Placeholder<'o> {
    fn write(value: &dyn fmt::Display, out: &'o mut dyn fmt::Write) -> fmt::Result {
        let mut this = Self {
            out,
            started: false,
            held: None,
            out_failed: false,
        };
        if fmt::write(&mut this, format_args!("{value}")).is_err() && this.out_failed {
            return Err(fmt::Error);
        }
        let Some(held) = this.held else {
            return Ok(());
        };
        // As the resolver writes the variable `arguments` would make of it.
        let text = held.as_str();
        match number_or_str(text) {
            FluentValue::Number(number) => this.out.write_str(&number.as_string()),
            _ => this.out.write_str(text),
        }
    }
}

impl fmt::Write for Placeholder<'_> {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        if let Some(held) = &mut self.held {
            return held.write_str(piece);
        }
        if !self.started && !piece.is_empty() {
            self.started = true;
            if could_be_number(piece) {
                let mut held = StackText::new();
                held.write_str(piece)?;
                self.held = Some(held);
                return Ok(());
            }
        }
        self.out.write_str(piece).inspect_err(|_| self.out_failed = true)
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

/// A placeholder's text as the Fluent variable it becomes: a number when Fluent reads one,
/// else the text. (The one rule both paths follow: `arguments` for the resolver,
/// `Placeholder::write` for the direct path.)
fn number_or_str(text: &str) -> FluentValue<'_> {
    match FluentValue::try_number(text) {
        FluentValue::Number(number) => FluentValue::Number(number),
        _ => FluentValue::String(Cow::Borrowed(text)),
    }
}

#[cfg(test)]
mod tests {
    use fluent_bundle::concurrent::FluentBundle;
    use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

    use core::fmt;

    use http::StatusCode;

    use super::{Placeholders, Visit, could_be_number, write_simple};
    use crate::catalogue::Example;
    use crate::spec::ErrorSpec;

    /// A code with no details, for the resolver's variables.
    const SPEC: ErrorSpec = ErrorSpec::new("slug_taken", StatusCode::CONFLICT, "Taken.");

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

    /// A text written in the given pieces.
    struct Pieces<'a>([&'a str; 3]);

    /// `text` as an empty piece, its first byte, and the rest.
    fn in_pieces(text: &str) -> Pieces<'_> {
        let first = text.len().min(1);
        Pieces(["", &text[..first], &text[first..]])
    }

    /// A `Display` that writes `ab`, then fails.
    struct Failing;

    impl fmt::Display for Failing {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("ab")?;
            Err(fmt::Error)
        }
    }

    /// An output that takes nothing.
    struct Full;

    impl fmt::Write for Full {
        fn write_str(&mut self, _: &str) -> fmt::Result {
            Err(fmt::Error)
        }
    }

    /// A placeholder whose `Display` fails leaves what it wrote, on both paths; an output
    /// that fails is an error.
    #[test]
    fn a_failing_display_leaves_what_it_wrote_and_a_failing_output_is_an_error() {
        let resource = FluentResource::try_new("m = [{ $slug }]\n".to_owned()).unwrap();
        let mut bundle = FluentBundle::new_concurrent(vec!["fr".parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).unwrap();
        let pattern = bundle.get_message("m").unwrap().value().unwrap();
        let visit: Visit<'_> = &|visit| visit("slug", &Failing);
        let mut direct = String::new();
        assert!(write_simple(visit, pattern, &mut direct).unwrap());
        assert_eq!(direct, "[ab]");
        assert!(write_simple(visit, pattern, &mut Full).is_err());
        let mut placeholders = Placeholders::empty();
        placeholders.push("slug", &Failing);
        let args = placeholders.arguments(&Example(&SPEC));
        assert_eq!(args.get("slug"), Some(&FluentValue::from("ab")));
    }

    /// On the resolver's path too, the last visit of a name counts, wherever the earlier one
    /// was kept (a text too long for the buffer is kept on the heap).
    #[test]
    fn the_last_visit_counts_on_the_resolvers_path_too() {
        let long = "x".repeat(600);
        let mut placeholders = Placeholders::empty();
        placeholders.push("slug", &long);
        placeholders.push("n", &"1");
        placeholders.push("slug", &"short");
        placeholders.push("n", &long);
        let args = placeholders.arguments(&Example(&SPEC));
        assert_eq!(args.get("slug"), Some(&FluentValue::from("short")));
        assert_eq!(args.get("n"), Some(&FluentValue::from(long.as_str())));
        assert_eq!(args.iter().count(), 2);
    }

    impl fmt::Display for Pieces<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.iter().try_for_each(|piece| f.write_str(piece))
        }
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
        let long_number = "9".repeat(100);
        for (slug, n) in [
            ("acme", "1"),
            ("a{b}\"c", "007"),
            ("nan", "3.50"),
            ("1e3", "-0"),
            (long.as_str(), "inf"),
            ("", "12345678901234567890"),
            ("x", long_number.as_str()),
            // Held back for its first byte, then not a number; a word whose later piece is.
            ("a007", "12abc"),
        ] {
            let mut args = FluentArgs::new();
            for (name, value) in [("slug", slug), ("n", n)] {
                args.set(name, super::number_or_str(value));
            }
            // Written in pieces, the first empty: the first byte that is written decides.
            let (slug_in_pieces, n_in_pieces) = (in_pieces(slug), in_pieces(n));
            // A placeholder visited twice: the last visit counts, as in `FluentArgs`.
            let visit: Visit<'_> = &|visit| {
                visit("slug", &"not this one");
                visit("slug", &slug_in_pieces);
                visit("n", &n_in_pieces);
            };
            for id in ["plain", "filled", "multi", "many", "too_many"] {
                let pattern = bundle.get_message(id).unwrap().value().unwrap();
                let mut fluent = String::new();
                let mut errors = Vec::new();
                bundle
                    .write_pattern(&mut fluent, pattern, Some(&args), &mut errors)
                    .unwrap();
                assert!(errors.is_empty(), "{id}: {errors:?}");
                let mut direct = String::new();
                let written = write_simple(visit, pattern, &mut direct).unwrap();
                if id == "too_many" {
                    assert!(!written && direct.is_empty(), "{id}");
                    continue;
                }
                assert!(written, "{id}");
                assert_eq!(direct, fluent, "{id} with {slug:?}, {n:?}");
            }
            for id in ["select", "term", "missing"] {
                let pattern = bundle.get_message(id).unwrap().value().unwrap();
                let mut direct = String::new();
                assert!(!write_simple(visit, pattern, &mut direct).unwrap(), "{id}");
                assert!(direct.is_empty());
            }
        }
    }
}
