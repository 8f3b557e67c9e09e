//! [`Mistake`]: one thing a set of translations gets wrong against a catalogue, with its file
//! and line, and how it reads.

use core::fmt;

/// One mistake in a set of translations.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Mistake {
    /// A code with no translation in a locale.
    Missing {
        /// The code.
        code: String,
        /// The locale that lacks it.
        locale: String,
    },
    /// A translation for a code the catalogue does not have.
    UnknownCode {
        /// The message id that names no code.
        code: String,
        /// Its locale, file and line.
        locale: String,
        /// The file.
        file: String,
        /// The line (1-based).
        line: usize,
    },
    /// A code translated twice in one locale (Fluent keeps the first).
    DuplicateCode {
        /// The code.
        code: String,
        /// The locale.
        locale: String,
        /// The file.
        file: String,
        /// The line of the second translation.
        line: usize,
    },
    /// A variable the code's variant does not have (a placeholder or a detail).
    UnknownVariable {
        /// The code.
        code: String,
        /// The variable, without `$`.
        variable: String,
        /// The locale.
        locale: String,
        /// The file.
        file: String,
        /// The line of the message.
        line: usize,
    },
    /// A variable naming a `sensitive` field: a translation must not send what the template
    /// may not.
    SensitiveVariable {
        /// The code.
        code: String,
        /// The field.
        variable: String,
        /// The locale.
        locale: String,
        /// The file.
        file: String,
        /// The line of the message.
        line: usize,
    },
    /// A Fluent syntax error.
    Syntax {
        /// The locale.
        locale: String,
        /// The file.
        file: String,
        /// The line (1-based).
        line: usize,
        /// What Fluent's parser said.
        message: String,
    },
    /// A locale that is not a BCP 47 language tag.
    BadLocale {
        /// The locale as given.
        locale: String,
        /// The file.
        file: String,
    },
    /// A locale given twice.
    DuplicateLocale {
        /// The locale.
        locale: String,
        /// The second file.
        file: String,
    },
    /// A file or directory that could not be read.
    Unreadable {
        /// The path.
        file: String,
        /// Why.
        message: String,
    },
    /// A code that cannot be a Fluent message id (`[a-zA-Z][a-zA-Z0-9_-]*`), so it cannot be
    /// translated.
    NotAnIdentifier {
        /// The code.
        code: String,
    },
}

impl fmt::Display for Mistake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { code, locale } => write!(f, "{locale}: no translation for `{code}`"),
            Self::UnknownCode { code, file, line, .. } => {
                write!(f, "{file}:{line}: `{code}` is not a code of the catalogue")
            }
            Self::DuplicateCode { code, file, line, .. } => {
                write!(
                    f,
                    "{file}:{line}: `{code}` is translated twice (the first one is used)"
                )
            }
            Self::UnknownVariable {
                code,
                variable,
                file,
                line,
                ..
            } => write!(
                f,
                "{file}:{line}: `{code}` uses `${variable}`, which its variant does not have"
            ),
            Self::SensitiveVariable {
                code,
                variable,
                file,
                line,
                ..
            } => write!(
                f,
                "{file}:{line}: `{code}` uses `${variable}`, a sensitive field that must not reach the wire"
            ),
            Self::Syntax {
                file, line, message, ..
            } => write!(f, "{file}:{line}: {message}"),
            Self::BadLocale { locale, file } => write!(f, "{file}: `{locale}` is not a BCP 47 language tag"),
            Self::DuplicateLocale { locale, file } => write!(f, "{file}: locale `{locale}` given twice"),
            Self::Unreadable { file, message } => write!(f, "{file}: {message}"),
            Self::NotAnIdentifier { code } => write!(
                f,
                "`{code}` cannot be a Fluent message id, so it cannot be translated (rename it with `code = \"…\"` or `rename_all`)"
            ),
        }
    }
}
