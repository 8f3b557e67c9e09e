//! Message templates: `{field}`, `{0}` and `{field:?}` placeholders, `{{`/`}}` escapes.

/// A placeholder's target: a named field or a tuple index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Named(String),
    Index(usize),
}

impl Arg {
    /// Its name as a Fluent variable: the field's name, or `arg0` for `{0}` (a Fluent
    /// identifier starts with a letter).
    pub fn variable(&self) -> String {
        match self {
            Self::Named(name) => name.clone(),
            Self::Index(index) => format!("arg{index}"),
        }
    }

    /// How the user wrote it.
    pub fn to_written(&self) -> String {
        match self {
            Self::Named(name) => name.clone(),
            Self::Index(index) => index.to_string(),
        }
    }
}

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Placeholder { arg: Arg, spec: String },
}

/// A parsed message template.
#[derive(Debug, Clone, Default)]
pub struct Template {
    pub pieces: Vec<Piece>,
}

impl Template {
    /// Parses `format!`-style text; the error says what is wrong, in the user's words.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '}' => return Err("unmatched `}` in message: write `}}` for a literal brace".into()),
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => {
                                return Err(
                                    "unmatched `{` in message: close the placeholder or write `{{` for a literal brace"
                                        .into(),
                                )
                            }
                        }
                    }
                    if !literal.is_empty() {
                        pieces.push(Piece::Text(core::mem::take(&mut literal)));
                    }
                    pieces.push(parse_placeholder(&inner)?);
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        Ok(Self { pieces })
    }

    /// A template that prints `text` as it is (for doc comments and reason phrases).
    pub fn literal(text: &str) -> Self {
        Self {
            pieces: vec![Piece::Text(text.to_owned())],
        }
    }

    /// Whether rendering needs `format_args!` (placeholders or escaped braces).
    pub fn needs_formatting(&self) -> bool {
        self.pieces.iter().any(|piece| match piece {
            Piece::Placeholder { .. } => true,
            Piece::Text(text) => text.contains(['{', '}']),
        })
    }

    /// The placeholders, in order of appearance.
    pub fn args(&self) -> impl Iterator<Item = (&Arg, &str)> {
        self.pieces.iter().filter_map(|piece| match piece {
            Piece::Placeholder { arg, spec } => Some((arg, spec.as_str())),
            Piece::Text(_) => None,
        })
    }

    /// The template in `format!` syntax (the form stored in `ErrorSpec::message`).
    pub fn to_template(&self) -> String {
        self.render(Arg::to_written)
    }

    /// The template for `format_args!`, every placeholder replaced by the position its field
    /// has in `fields` (fields are passed in that order).
    pub fn to_positional(&self, fields: &[Arg]) -> String {
        self.render(|arg| {
            fields
                .iter()
                .position(|field| field == arg)
                .unwrap_or_default()
                .to_string()
        })
    }

    /// Each distinct placeholder once, in order of first appearance.
    pub fn distinct_args(&self) -> Vec<Arg> {
        let mut seen: Vec<Arg> = Vec::new();
        for (arg, _) in self.args() {
            if !seen.contains(arg) {
                seen.push(arg.clone());
            }
        }
        seen
    }

    fn render(&self, name: impl Fn(&Arg) -> String) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(&text.replace('{', "{{").replace('}', "}}")),
                Piece::Placeholder { arg, spec } => {
                    out.push('{');
                    out.push_str(&name(arg));
                    if !spec.is_empty() {
                        out.push(':');
                        out.push_str(spec);
                    }
                    out.push('}');
                }
            }
        }
        out
    }
}

fn parse_placeholder(inner: &str) -> Result<Piece, String> {
    let (name, spec) = match inner.split_once(':') {
        Some((name, spec)) => (name.trim(), spec.to_owned()),
        None => (inner.trim(), String::new()),
    };
    let arg = if name.is_empty() {
        return Err("empty `{}` placeholder in message: name a field, as in `{slug}` or `{0}`".into());
    } else if let Ok(index) = name.parse::<usize>() {
        Arg::Index(index)
    } else if is_identifier(name) {
        Arg::Named(name.trim_start_matches("r#").to_owned())
    } else {
        return Err(format!(
            "`{{{name}}}` is not a placeholder: name a field, as in `{{slug}}` or `{{0}}`"
        ));
    };
    if takes_an_argument(&spec) {
        return Err(format!(
            "`{{{inner}}}` takes its width or precision from another argument (`$` or `*`), \
             which a message cannot: write the number, as in `{{{name}:>8}}` or `{{{name}:.2}}`"
        ));
    }
    Ok(Piece::Placeholder { arg, spec })
}

/// Whether a format spec reads its width or precision from another argument (`1$`, `w$`,
/// `.*`). A message's placeholders are formatted one at a time (for translations), so only
/// literal numbers can work. A `$` or `*` that is the fill character (`*^8`) is text.
fn takes_an_argument(spec: &str) -> bool {
    let mut chars = spec.chars();
    let after_fill = match (chars.next(), chars.next()) {
        (Some(fill), Some('<' | '^' | '>')) => &spec[fill.len_utf8()..],
        _ => spec,
    };
    after_fill.contains(['$', '*'])
}

fn is_identifier(name: &str) -> bool {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_placeholders_and_escapes() {
        let template = Template::parse("slug '{slug}' {{x}} {0:?}").unwrap();
        assert_eq!(
            template.distinct_args(),
            vec![Arg::Named("slug".into()), Arg::Index(0)]
        );
        assert_eq!(template.to_template(), "slug '{slug}' {{x}} {0:?}");
        let fields = template.distinct_args();
        assert_eq!(template.to_positional(&fields), "slug '{0}' {{x}} {1:?}");
        assert!(template.needs_formatting());
    }

    #[test]
    fn literal_text_is_escaped_in_the_template() {
        let template = Template::literal("No brief for {userId}.");
        assert_eq!(template.to_template(), "No brief for {{userId}}.");
        assert!(template.needs_formatting());
        assert!(!Template::literal("Plain.").needs_formatting());
    }

    #[test]
    fn rejects_broken_templates() {
        assert!(Template::parse("a { b").unwrap_err().contains("unmatched `{`"));
        assert!(Template::parse("a } b").unwrap_err().contains("unmatched `}`"));
        assert!(Template::parse("a {} b").unwrap_err().contains("empty"));
        assert!(
            Template::parse("a {x y} b")
                .unwrap_err()
                .contains("not a placeholder")
        );
        for spec in ["{0:1$}", "{0:w$}", "{0:.*}", "{0:>1$.2}"] {
            assert!(
                Template::parse(spec).unwrap_err().contains("another argument"),
                "{spec}"
            );
        }
        for spec in ["{0:*^8}", "{0:$<5}", "{0:>8.2}", "{0:?}"] {
            assert!(Template::parse(spec).is_ok(), "{spec}");
        }
    }
}
