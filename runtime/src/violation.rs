//! [`Violation`]: one field that failed validation, and how formats write a list of them.

use core::fmt::{self, Write as _};
use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::wire;

/// At most this many violations are written; the count of the rest is written beside them.
pub const MAX_VIOLATIONS: usize = 100;

/// Each violation's field, code and message is cut to this many bytes (at a character
/// boundary) when written.
pub const MAX_VIOLATION_TEXT: usize = 1024;

/// One field that failed validation: where (`items[2].name`), a machine code (`too_long`)
/// and a public message.
///
/// ```
/// use errwire::Violation;
///
/// let violation = Violation::new("items[2].name", "too_long", "At most 40 characters.");
/// assert_eq!(violation.field(), "items[2].name");
/// assert_eq!(violation.pointer(), "/items/2/name");
/// ```
///
/// The field is a path: names separated by `.`, list indexes and other keys in brackets
/// (`items[2]`, `labels["a.b"]`). Each format writes violations natively: problem+json as
/// RFC 9457 `errors` with a JSON Pointer (RFC 6901), the others as
/// `{"field","code","message"}` objects; see the crate documentation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    field: Cow<'static, str>,
    code: Cow<'static, str>,
    message: Cow<'static, str>,
    /// The constraint's values (`max = 100`), in the order given.
    params: Vec<(Cow<'static, str>, serde_json::Value)>,
}

impl Violation {
    /// A violation of `field` (a path such as `items[2].name`; empty for the whole body).
    #[must_use]
    pub fn new(
        field: impl Into<Cow<'static, str>>,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
            params: Vec::new(),
        }
    }

    /// Adds a parameter of the constraint (`max`, `100`): written beside the violation where
    /// the format has room (`params` in Problem's `errors[]` and in the `violations[]` of the
    /// other formats), read back by [`RemoteError`](crate::client::RemoteError), and a
    /// variable of the violation's translated message. A name given twice keeps its last
    /// value; at most [`MAX_PARAMS`] are written.
    ///
    /// ```
    /// use errwire::Violation;
    ///
    /// let violation = Violation::new("name", "too_long", "At most 100 characters.").param("max", 100);
    /// assert_eq!(violation.params().collect::<Vec<_>>(), [("max", &serde_json::json!(100))]);
    /// ```
    #[must_use]
    pub fn param(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<serde_json::Value>) -> Self {
        let name = name.into();
        let value = value.into();
        match self.params.iter_mut().find(|(n, _)| *n == name) {
            Some((_, old)) => *old = value,
            None => self.params.push((name, value)),
        }
        self
    }

    /// The parameters, in the order given.
    pub fn params(&self) -> impl Iterator<Item = (&str, &serde_json::Value)> {
        self.params.iter().map(|(name, value)| (name.as_ref(), value))
    }

    /// A violation made of static texts, in `const` context.
    #[must_use]
    pub const fn from_static(field: &'static str, code: &'static str, message: &'static str) -> Self {
        Self {
            field: Cow::Borrowed(field),
            code: Cow::Borrowed(code),
            message: Cow::Borrowed(message),
            params: Vec::new(),
        }
    }

    /// The field, as a path: `items[2].name`.
    #[must_use]
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The machine code of the violation: `too_long`.
    #[must_use]
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The public message.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The field as a JSON Pointer (RFC 6901): `items[2].name` → `/items/2/name`, `~` and
    /// `/` inside a name escaped as `~0` and `~1`; the empty path is `""` (the whole body).
    #[must_use]
    pub fn pointer(&self) -> String {
        let mut pointer = String::new();
        for segment in segments(&self.field) {
            pointer.push('/');
            for c in segment.chars() {
                match c {
                    '~' => pointer.push_str("~0"),
                    '/' => pointer.push_str("~1"),
                    c => pointer.push(c),
                }
            }
        }
        pointer
    }
}

/// The names of a path: `a.b[2]["c.d"]` → `a`, `b`, `2`, `c.d`.
fn segments(path: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let mut rest = path;
    core::iter::from_fn(move || {
        rest = rest.strip_prefix('.').unwrap_or(rest);
        if rest.is_empty() {
            return None;
        }
        if let Some(inner) = rest.strip_prefix('[') {
            // A quoted key may hold `]`, `.` and escaped quotes; a bare one ends at `]`.
            if let Some(quoted) = inner.strip_prefix('"') {
                let mut key = String::new();
                let mut chars = quoted.char_indices();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some((_, escaped)) = chars.next() {
                                key.push(escaped);
                            }
                        }
                        '"' => {
                            let after = &quoted[i + 1..];
                            rest = after.strip_prefix(']').unwrap_or(after);
                            return Some(Cow::Owned(key));
                        }
                        c => key.push(c),
                    }
                }
                rest = "";
                return Some(Cow::Owned(key));
            }
            let end = inner.find(']').unwrap_or(inner.len());
            let key = &inner[..end];
            rest = inner.get(end + 1..).unwrap_or("");
            return Some(Cow::Borrowed(key));
        }
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let name = &rest[..end];
        rest = &rest[end..];
        Some(Cow::Borrowed(name))
    })
}

/// The pointer as a URI fragment (RFC 6901 §6): `#` and the pointer with every character a
/// fragment may not hold percent-encoded (UTF-8).
pub(crate) struct PointerFragment<'a>(pub(crate) &'a Violation);

impl fmt::Display for PointerFragment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('#')?;
        let pointer = self.0.pointer();
        // Cut to the URI bound, never inside a `~0`/`~1` escape.
        let pointer = wire::truncate(&pointer, wire::MAX_URI);
        let pointer = pointer.strip_suffix('~').unwrap_or(pointer);
        for byte in pointer.bytes() {
            if wire::is_fragment_byte(byte) {
                f.write_char(char::from(byte))?;
            } else {
                write!(f, "%{byte:02X}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PointerFragment<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A violation text, bounded.
pub(crate) fn bounded(text: &str) -> &str {
    wire::truncate(text, MAX_VIOLATION_TEXT)
}

/// How many violations are written: the first [`MAX_VIOLATIONS`].
pub(crate) fn written(violations: &[Violation]) -> &[Violation] {
    &violations[..violations.len().min(MAX_VIOLATIONS)]
}

/// How many violations were left out, if any.
pub(crate) fn omitted(violations: &[Violation]) -> Option<usize> {
    violations.len().checked_sub(MAX_VIOLATIONS).filter(|n| *n > 0)
}

/// The list as `[{"field","code","message"}…]`, at most [`MAX_VIOLATIONS`].
pub(crate) struct FieldList<'a>(pub(crate) &'a [Violation], pub(crate) MessageOf<'a>);

impl Serialize for FieldList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let written = written(self.0);
        let mut seq = serializer.serialize_seq(Some(written.len()))?;
        for violation in written {
            seq.serialize_element(&FieldEntry(violation, self.1))?;
        }
        seq.end()
    }
}

struct FieldEntry<'a>(&'a Violation, MessageOf<'a>);

impl Serialize for FieldEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("field", bounded(self.0.field()))?;
        map.serialize_entry("code", bounded(self.0.code()))?;
        map.serialize_entry("message", bounded(&(self.1)(self.0)))?;
        params_entry(&mut map, self.0)?;
        map.end()
    }
}

/// A violation's message as a request sees it (`Context::violation_message`: translated when
/// the request's language has it).
pub(crate) type MessageOf<'a> = &'a dyn Fn(&Violation) -> Cow<'_, str>;

/// The most parameters written for one violation.
pub const MAX_PARAMS: usize = 16;

/// `"params": {name: value, …}` when the violation has any (at most [`MAX_PARAMS`], names
/// bounded like the other strings).
pub(crate) fn params_entry<M: SerializeMap>(map: &mut M, violation: &Violation) -> Result<(), M::Error> {
    if violation.params.is_empty() {
        return Ok(());
    }
    map.serialize_entry("params", &Params(violation))
}

struct Params<'a>(&'a Violation);

impl Serialize for Params<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let written = &self.0.params[..self.0.params.len().min(MAX_PARAMS)];
        let mut map = serializer.serialize_map(Some(written.len()))?;
        for (name, value) in written {
            map.serialize_entry(bounded(name), value)?;
        }
        map.end()
    }
}

/// The list as RFC 9457 `errors`: `[{"detail","pointer","code"}…]`, at most
/// [`MAX_VIOLATIONS`].
pub(crate) struct ProblemList<'a>(pub(crate) &'a [Violation], pub(crate) MessageOf<'a>);

impl Serialize for ProblemList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let written = written(self.0);
        let mut seq = serializer.serialize_seq(Some(written.len()))?;
        for violation in written {
            seq.serialize_element(&ProblemEntry(violation, self.1))?;
        }
        seq.end()
    }
}

struct ProblemEntry<'a>(&'a Violation, MessageOf<'a>);

impl Serialize for ProblemEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("detail", bounded(&(self.1)(self.0)))?;
        map.serialize_entry("pointer", &PointerFragment(self.0))?;
        map.serialize_entry("code", bounded(self.0.code()))?;
        params_entry(&mut map, self.0)?;
        map.end()
    }
}

/// `"violations": […]` and, when some were left out, `"violations_omitted": n`.
pub(crate) fn field_entries<M: SerializeMap>(
    map: &mut M,
    violations: &[Violation],
    message_of: MessageOf<'_>,
) -> Result<(), M::Error> {
    if violations.is_empty() {
        return Ok(());
    }
    map.serialize_entry("violations", &FieldList(violations, message_of))?;
    if let Some(omitted) = omitted(violations) {
        map.serialize_entry("violations_omitted", &omitted)?;
    }
    Ok(())
}

/// `"errors": […]` (RFC 9457 §3) and, when some were left out, `"errors_omitted": n`.
pub(crate) fn problem_entries<M: SerializeMap>(
    map: &mut M,
    violations: &[Violation],
    message_of: MessageOf<'_>,
) -> Result<(), M::Error> {
    if violations.is_empty() {
        return Ok(());
    }
    map.serialize_entry("errors", &ProblemList(violations, message_of))?;
    if let Some(omitted) = omitted(violations) {
        map.serialize_entry("errors_omitted", &omitted)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pointer(field: &'static str) -> String {
        Violation::new(field, "c", "m").pointer()
    }

    #[test]
    fn paths_become_json_pointers() {
        assert_eq!(pointer("items[2].name"), "/items/2/name");
        assert_eq!(pointer("name"), "/name");
        assert_eq!(pointer(""), "");
        assert_eq!(pointer("[0]"), "/0");
        assert_eq!(pointer("a/b.c~d"), "/a~1b/c~0d");
        assert_eq!(pointer("labels[\"a.b]\"].x"), "/labels/a.b]/x");
        assert_eq!(pointer("labels[\"q\\\"\"]"), "/labels/q\"");
        assert_eq!(pointer("m[key]"), "/m/key");
    }

    #[test]
    fn fragments_are_percent_encoded() {
        let v = Violation::new("naïve name[1]", "c", "m");
        assert_eq!(PointerFragment(&v).to_string(), "#/na%C3%AFve%20name/1");
        let v = Violation::new("a#b", "c", "m");
        assert_eq!(PointerFragment(&v).to_string(), "#/a%23b");
    }
}
