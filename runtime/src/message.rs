//! [`PublicMessage`]: an error's public message as `Display` and `Serialize`.

use core::fmt;

use serde::{Serialize, Serializer};

use crate::context::Context;
use crate::error::ApiError;

/// An error's public message, written on demand.
///
/// `Display` writes it through [`ApiError::write_message`]; `Serialize` writes a fixed
/// message ([`ApiError::static_message`]) as a plain string and streams any other into the
/// serializer with `collect_str`, so a format never builds an intermediate `String`.
/// Works for concrete errors and for `dyn ApiError` alike.
pub struct PublicMessage<'a, E: ApiError + ?Sized = dyn ApiError>(pub &'a E);

impl<E: ApiError + ?Sized> Clone for PublicMessage<'_, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E: ApiError + ?Sized> Copy for PublicMessage<'_, E> {}

impl<E: ApiError + ?Sized> fmt::Display for PublicMessage<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_message(f)
    }
}

impl<E: ApiError + ?Sized> fmt::Debug for PublicMessage<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0.message(), f)
    }
}

impl<E: ApiError + ?Sized> Serialize for PublicMessage<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.static_message() {
            Some(text) => serializer.serialize_str(text),
            None => serializer.collect_str(self),
        }
    }
}

/// An error's public message (or title) for one request: in the request's language when the
/// context carries translations that have it (feature `i18n`), else the derive's text.
/// `Display` and `Serialize` as [`PublicMessage`]; made by [`Context::message`] and
/// [`Context::title`], what every built-in format writes.
pub struct Localized<'a, E: ApiError + ?Sized> {
    error: &'a E,
    #[cfg_attr(not(feature = "i18n"), allow(dead_code))] // read only for translations
    ctx: &'a Context<'a>,
    part: Part,
}

/// Which text of the error.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Message,
    Title,
}

impl<E: ApiError + ?Sized> Clone for Localized<'_, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E: ApiError + ?Sized> Copy for Localized<'_, E> {}

impl<'a, E: ApiError + ?Sized> Localized<'a, E> {
    fn untranslated(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.part {
            Part::Message => self.error.write_message(f),
            Part::Title => f.write_str(self.error.title()),
        }
    }

    /// The untranslated text when it needs no formatting.
    fn fixed(&self) -> Option<&'static str> {
        match self.part {
            Part::Message => self.error.static_message(),
            Part::Title => Some(self.error.title()),
        }
    }

    /// The Fluent attribute this part is (`None`: the message itself).
    #[cfg(feature = "i18n")]
    const fn attribute(&self) -> Option<&'static str> {
        match self.part {
            Part::Message => None,
            Part::Title => Some("title"),
        }
    }

    /// The translation this request's locales have of this part, looked up once.
    #[cfg(feature = "i18n")]
    fn translation(&self) -> Option<crate::i18n::Translation<'a>> {
        let (translations, chain) = self.ctx.i18n()?;
        translations.translation(chain, self.error.code(), self.attribute())
    }
}

impl<E: ApiError + ?Sized> fmt::Display for Localized<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        #[cfg(feature = "i18n")]
        if let Some(translation) = self.translation() {
            return translation.write(self.error, f);
        }
        self.untranslated(f)
    }
}

impl<E: ApiError + ?Sized> fmt::Debug for Localized<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl<E: ApiError + ?Sized> Serialize for Localized<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[cfg(feature = "i18n")]
        if let Some(translation) = self.translation() {
            return serializer.collect_str(&Written(|f: &mut fmt::Formatter<'_>| {
                translation.write(self.error, f)
            }));
        }
        match self.fixed() {
            Some(text) => serializer.serialize_str(text),
            None => serializer.collect_str(&Written(|f: &mut fmt::Formatter<'_>| self.untranslated(f))),
        }
    }
}

/// A closure as `Display`: the text once its translation (or its absence) is known.
struct Written<F>(F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Written<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

impl<'a> Context<'a> {
    /// `error`'s public message for this request: translated when the context carries
    /// translations that have it (feature `i18n`), else the derive's. What a format writes.
    #[must_use]
    pub fn message<'m, E: ApiError + ?Sized>(&'m self, error: &'m E) -> Localized<'m, E>
    where
        'a: 'm,
    {
        Localized {
            error,
            ctx: self,
            part: Part::Message,
        }
    }

    /// `violation`'s message for this request: the translation of `violation-<code>` with the
    /// violation's parameters as its variables when the context carries translations that
    /// have it (feature `i18n`), else the violation's own message.
    #[must_use]
    pub fn violation_message<'v>(&self, violation: &'v crate::Violation) -> std::borrow::Cow<'v, str> {
        #[cfg(feature = "i18n")]
        if let Some(text) = self
            .i18n()
            .and_then(|(translations, chain)| translations.violation_message(chain, violation))
        {
            return std::borrow::Cow::Owned(text);
        }
        std::borrow::Cow::Borrowed(violation.message())
    }

    /// `error`'s problem+json title for this request (its `.title` translation, else
    /// [`ApiError::title`]).
    #[must_use]
    pub fn title<'m, E: ApiError + ?Sized>(&'m self, error: &'m E) -> Localized<'m, E>
    where
        'a: 'm,
    {
        Localized {
            error,
            ctx: self,
            part: Part::Title,
        }
    }
}
