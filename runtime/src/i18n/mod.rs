#![doc = include_str!("../docs/i18n.md")]

mod check;
mod mistake;
pub mod negotiate;
mod placeholders;

pub use check::check;
pub use mistake::Mistake;

use core::fmt;
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::error::ApiError;
use negotiate::Chain;
use placeholders::Placeholders;

/// Translations of the catalogue's messages, one Fluent bundle per locale. Build once, share
/// (`Arc`) between requests: it is `Send + Sync`.
pub struct Translations {
    locales: Vec<Locale>,
    tags: Vec<String>,
}

struct Locale {
    tag: String,
    file: String,
    source: String,
    bundle: FluentBundle<FluentResource>,
}

impl fmt::Debug for Translations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The bundles and sources are large; the locales say which translations these are.
        f.debug_struct("Translations")
            .field(
                "locales",
                &self.locales.iter().map(|l| &l.tag).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// Why translations could not be read: every mistake found (a locale that is not a BCP 47
/// tag, one given twice, a Fluent syntax error), each with its file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    mistakes: Vec<Mistake>,
}

impl Error {
    /// Every mistake found.
    #[must_use]
    pub fn mistakes(&self) -> &[Mistake] {
        &self.mistakes
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} mistake(s) in the translations", self.mistakes.len())?;
        for mistake in &self.mistakes {
            write!(f, "\n{mistake}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// A source that read: its locale, file name, text and resource; or its mistakes.
pub(crate) struct Read {
    pub(crate) id: LanguageIdentifier,
    pub(crate) tag: String,
    pub(crate) file: String,
    pub(crate) source: String,
    pub(crate) resource: FluentResource,
}

/// Reads one source; syntax errors become mistakes with the line they are on.
pub(crate) fn read(locale: &str, file: String, source: String, mistakes: &mut Vec<Mistake>) -> Option<Read> {
    let Ok(id) = locale.parse::<LanguageIdentifier>() else {
        mistakes.push(Mistake::BadLocale {
            locale: locale.to_string(),
            file,
        });
        return None;
    };
    let resource = match FluentResource::try_new(source.clone()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in errors {
                mistakes.push(Mistake::Syntax {
                    locale: id.to_string(),
                    line: check::line_of(&source, error.pos.start),
                    file: file.clone(),
                    message: error.kind.to_string(),
                });
            }
            resource
        }
    };
    Some(Read {
        tag: id.to_string(),
        id,
        file,
        source,
        resource,
    })
}

impl Translations {
    /// Reads `(locale, Fluent source)` pairs. The file named in mistakes is `<locale>.ftl`.
    ///
    /// # Errors
    /// Every mistake at once: a locale that is not a BCP 47 tag, a locale given twice, a
    /// Fluent syntax error (with its line).
    pub fn parse<L, S>(sources: impl IntoIterator<Item = (L, S)>) -> Result<Self, Error>
    where
        L: AsRef<str>,
        S: Into<String>,
    {
        Self::parse_named(sources.into_iter().map(|(locale, source)| {
            let file = std::format!("{}.ftl", locale.as_ref());
            (locale, file, source.into())
        }))
    }

    /// Reads every `<locale>.ftl` file of `dir` (`fr.ftl`, `pt-BR.ftl`, …).
    ///
    /// # Errors
    /// As [`Translations::parse`], with the files' paths; a directory that cannot be read,
    /// or a file that is not UTF-8, is a [`Mistake::Unreadable`].
    pub fn load(dir: impl AsRef<Path>) -> Result<Self, Error> {
        let (sources, mistakes) = check::read_dir(dir.as_ref());
        if !mistakes.is_empty() {
            return Err(Error { mistakes });
        }
        Self::parse_named(sources)
    }

    fn parse_named<L: AsRef<str>>(
        sources: impl IntoIterator<Item = (L, String, String)>,
    ) -> Result<Self, Error> {
        let mut mistakes = Vec::new();
        let mut read_ok: Vec<Read> = Vec::new();
        for (locale, file, source) in sources {
            if let Some(read) = read(locale.as_ref(), file, source, &mut mistakes) {
                if read_ok.iter().any(|r| r.id == read.id) {
                    mistakes.push(Mistake::DuplicateLocale {
                        locale: read.tag,
                        file: read.file,
                    });
                    continue;
                }
                read_ok.push(read);
            }
        }
        if !mistakes.is_empty() {
            return Err(Error { mistakes });
        }
        let mut locales = Vec::with_capacity(read_ok.len());
        let mut tags = Vec::with_capacity(read_ok.len());
        for read in read_ok {
            let mut bundle = FluentBundle::new_concurrent(std::vec![read.id]);
            // Exact bytes on the wire: no Unicode isolation marks around variables.
            bundle.set_use_isolating(false);
            // A message id given twice in one file: the first wins (the checker reports it as
            // `Mistake::DuplicateCode`).
            let _ = bundle.add_resource(read.resource);
            locales.push(Locale {
                tag: read.tag,
                file: read.file,
                source: read.source,
                bundle,
            });
        }
        for locale in &locales {
            tags.push(locale.tag.clone());
        }
        Ok(Self { locales, tags })
    }

    /// The locales, in the order given.
    pub fn locales(&self) -> impl Iterator<Item = &str> {
        self.locales.iter().map(|l| l.tag.as_str())
    }

    /// The locales that translate `code`'s message.
    pub fn locales_for<'s>(&'s self, code: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.locales
            .iter()
            .filter(move |l| l.bundle.get_message(code).is_some_and(|m| m.value().is_some()))
            .map(|l| l.tag.as_str())
    }

    /// For every code some locale translates, the locales that do (in the order given): what
    /// the lock records (feature `contract`).
    #[cfg(feature = "contract")]
    pub(crate) fn coverage(&self) -> std::collections::BTreeMap<String, Vec<String>> {
        let mut coverage: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
        for (locale, _, source) in self.sources() {
            let Ok(resource) = FluentResource::try_new(source.to_string()) else {
                continue;
            };
            for entry in resource.entries() {
                if let ast::Entry::Message(message) = entry
                    && message.value.is_some()
                {
                    coverage
                        .entry(message.id.name.to_string())
                        .or_default()
                        .push(locale.to_string());
                }
            }
        }
        coverage
    }

    /// The locales an `Accept-Language` value selects, best first (see [`negotiate`]).
    #[must_use]
    pub fn negotiate(&self, accept_language: &str) -> Chain {
        negotiate::chain(accept_language, &self.tags)
    }

    /// The locales of `chain` as their tags.
    pub fn chain_tags(&self, chain: Chain) -> impl Iterator<Item = &str> + '_ {
        chain
            .iter()
            .filter_map(|i| self.locales.get(i))
            .map(|l| l.tag.as_str())
    }

    /// The first locale of `chain` that translates `code` (the value, or the attribute
    /// `attribute`), with its index.
    fn find(
        &self,
        chain: Chain,
        code: &str,
        attribute: Option<&str>,
    ) -> Option<(&Locale, &ast::Pattern<&str>)> {
        chain
            .iter()
            .filter_map(|i| self.locales.get(i))
            .find_map(|locale| {
                let message = locale.bundle.get_message(code)?;
                let pattern = match attribute {
                    None => message.value(),
                    Some(name) => message.get_attribute(name).map(|a| a.value()),
                }?;
                Some((locale, pattern))
            })
    }

    /// The tag of the locale `error`'s message is translated into for `chain`, if any.
    pub(crate) fn language_of(&self, chain: Chain, code: &str) -> Option<&str> {
        self.find(chain, code, None).map(|(l, _)| l.tag.as_str())
    }

    /// The translation of `code`'s message (or its `attribute`) in the first locale of
    /// `chain` that has it: found once, then written.
    pub(crate) fn translation(
        &self,
        chain: Chain,
        code: &str,
        attribute: Option<&str>,
    ) -> Option<Translation<'_>> {
        self.find(chain, code, attribute)
            .map(|(locale, pattern)| Translation { locale, pattern })
    }
}

/// The prefix of the Fluent message that translates a violation code: `violation-too_long`.
pub const VIOLATION_PREFIX: &str = "violation-";

impl Translations {
    /// `violation`'s message translated in the first locale of `chain` that has
    /// `violation-<code>`, its parameters as the variables; `None` when none has it.
    pub(crate) fn violation_message(&self, chain: Chain, violation: &crate::Violation) -> Option<String> {
        let id = std::format!("{VIOLATION_PREFIX}{}", violation.code());
        let (locale, pattern) = self.find(chain, &id, None)?;
        let mut args = fluent_bundle::FluentArgs::new();
        for (name, value) in violation.params() {
            let value: fluent_bundle::FluentValue<'_> = match value {
                serde_json::Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                    (Some(i), _) => i.into(),
                    (None, Some(f)) => f.into(),
                    (None, None) => n.to_string().into(),
                },
                serde_json::Value::String(text) => text.as_str().into(),
                other => other.to_string().into(),
            };
            args.set(name, value);
        }
        let mut text = String::new();
        let mut errors = Vec::new();
        locale
            .bundle
            .write_pattern(&mut text, pattern, Some(&args), &mut errors)
            .ok()?;
        Some(text)
    }
}

/// One message's pattern in the locale that translates it.
#[derive(Clone, Copy)]
pub(crate) struct Translation<'t> {
    locale: &'t Locale,
    pattern: &'t ast::Pattern<&'t str>,
}

impl Translation<'_> {
    /// Writes the pattern with `error`'s placeholders (and details) as its variables.
    pub(crate) fn write(&self, error: &(impl ApiError + ?Sized), out: &mut dyn fmt::Write) -> fmt::Result {
        // Text and placeholders only (most messages): written here, straight from the error.
        if placeholders::write_simple(&|visit| error.__message_args(visit), self.pattern, out)? {
            return Ok(());
        }
        let mut placeholders = Placeholders::empty();
        placeholders.fill(error);
        let args = placeholders.arguments(error);
        let mut errors = Vec::new();
        self.locale
            .bundle
            .write_pattern(&mut Adapter(out), self.pattern, Some(&args), &mut errors)
    }
}

/// `&mut dyn fmt::Write` as a sized `fmt::Write`, for fluent's generic writer.
struct Adapter<'w>(&'w mut dyn fmt::Write);

impl fmt::Write for Adapter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write_str(s)
    }
}

/// A request's language state in a [`Context`](crate::context::Context): the translations, the raw
/// header until both are known, and the chosen locales.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RequestLanguage<'a> {
    translations: Option<&'a Translations>,
    header: Option<&'a str>,
    chain: Chain,
}

impl PartialEq for RequestLanguage<'_> {
    fn eq(&self, other: &Self) -> bool {
        let same = match (self.translations, other.translations) {
            (Some(a), Some(b)) => core::ptr::eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same && self.header == other.header && self.chain == other.chain
    }
}

impl<'a> RequestLanguage<'a> {
    pub(crate) const NONE: Self = Self {
        translations: None,
        header: None,
        chain: Chain::EMPTY,
    };

    pub(crate) fn set_translations(&mut self, translations: &'a Translations) {
        self.translations = Some(translations);
        if let Some(header) = self.header.take() {
            self.chain = translations.negotiate(header);
        }
    }

    pub(crate) fn set_header(&mut self, header: &'a str) {
        match self.translations {
            Some(translations) => self.chain = translations.negotiate(header),
            None => self.header = Some(header),
        }
    }

    pub(crate) fn set_chain(&mut self, chain: Chain) {
        self.chain = chain;
        self.header = None;
    }

    pub(crate) const fn translations(&self) -> Option<&'a Translations> {
        self.translations
    }

    pub(crate) const fn chain(&self) -> Chain {
        self.chain
    }
}

/// What the checker needs of each locale.
impl Translations {
    pub(crate) fn sources(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.locales
            .iter()
            .map(|l| (l.tag.as_str(), l.file.as_str(), l.source.as_str()))
    }
}
