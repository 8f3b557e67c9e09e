#![doc = include_str!("../docs/catalogue.md")]
// The exports, the lock and `cargo errwire`: their examples compile only with the feature.
#![cfg_attr(feature = "contract", doc = include_str!("../docs/contract.md"))]

use std::sync::Arc;

pub(crate) mod assert;
#[cfg(feature = "contract")]
mod change;
#[cfg(feature = "contract")]
mod error_types;
#[cfg(feature = "contract")]
mod export;
#[cfg(feature = "contract")]
mod findings;
#[cfg(feature = "contract")]
mod html;
#[cfg(feature = "contract")]
mod lock;
#[cfg(feature = "registry")]
mod registry;
#[cfg(feature = "contract")]
mod severity;
#[cfg(feature = "contract")]
mod typescript;
mod unique;

#[cfg(feature = "contract")]
#[cfg_attr(docsrs, doc(cfg(feature = "contract")))]
pub use change::Change;
#[cfg(feature = "contract")]
#[cfg_attr(docsrs, doc(cfg(feature = "contract")))]
pub use error_types::error_types;
#[cfg(all(feature = "contract", feature = "i18n"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "contract", feature = "i18n"))))]
pub use export::contract_json_with_locales;
#[allow(deprecated)]
#[cfg(feature = "contract")]
#[cfg_attr(docsrs, doc(cfg(feature = "contract")))]
pub use export::{Column, FORMAT_VERSION, Order, Table, contract_json, to_json};
#[cfg(feature = "contract")]
#[cfg_attr(docsrs, doc(cfg(feature = "contract")))]
pub use findings::compare;
#[cfg(feature = "contract")]
#[cfg_attr(docsrs, doc(cfg(feature = "contract")))]
pub use html::{HtmlPage, html, html_for};
#[cfg(feature = "contract")]
#[cfg_attr(docsrs, doc(cfg(feature = "contract")))]
pub use lock::{BLESS_VAR, Lock, LockError, LockReport};
#[doc(hidden)]
#[cfg(feature = "registry")]
pub use registry::CATALOGUES;
#[cfg(feature = "registry")]
pub use registry::all;
#[cfg(feature = "contract")]
#[cfg_attr(docsrs, doc(cfg(feature = "contract")))]
pub use severity::{Finding, RULES, Rules, RulesError, Severity};
#[cfg(feature = "contract")]
#[cfg_attr(docsrs, doc(cfg(feature = "contract")))]
pub use typescript::{typescript, typescript_for};
pub use unique::{
    CodeMatch, Duplicate, DuplicateCodes, check_unique, check_unique_by, duplicates, duplicates_by,
};

use std::borrow::Cow;

use crate::error::ApiError;
use crate::spec::ErrorSpec;

/// A type whose codes are known at compile time.
///
/// `#[derive(ApiError)]` implements it, and also gives the type an inherent
/// `CATALOGUE` constant so `MyError::CATALOGUE` needs no import. A `transparent` variant
/// contributes the specs of its field's type; a field whose type is only known at run time
/// (`Box<dyn ApiError + Send + Sync>`) or depends on the type's generic parameters contributes
/// none, because a `const` cannot depend on them.
pub trait Catalogued {
    /// Every spec of the type, in declaration order.
    const CATALOGUE: &'static [ErrorSpec];
}

impl<T: Catalogued + ?Sized> Catalogued for &T {
    const CATALOGUE: &'static [ErrorSpec] = T::CATALOGUE;
}

impl<T: Catalogued + ?Sized> Catalogued for Box<T> {
    const CATALOGUE: &'static [ErrorSpec] = T::CATALOGUE;
}

impl<T: Catalogued + ?Sized> Catalogued for Arc<T> {
    const CATALOGUE: &'static [ErrorSpec] = T::CATALOGUE;
}

/// A run-time error of any type: its codes are not known statically.
impl Catalogued for dyn ApiError {
    const CATALOGUE: &'static [ErrorSpec] = &[];
}

/// A run-time error of any type: its codes are not known statically.
impl Catalogued for dyn ApiError + Send {
    const CATALOGUE: &'static [ErrorSpec] = &[];
}

/// A run-time error of any type: its codes are not known statically.
impl Catalogued for dyn ApiError + Send + Sync {
    const CATALOGUE: &'static [ErrorSpec] = &[];
}

/// A code as an error value, with its template as the message and no details: what
/// documentation shows for a code (`OpenAPI` examples, the tour's tables).
#[derive(Debug, Clone, Copy)]
pub struct Example(pub &'static ErrorSpec);

impl ApiError for Example {
    fn spec(&self) -> &'static ErrorSpec {
        self.0
    }

    fn message(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.0.message())
    }

    fn static_message(&self) -> Option<&'static str> {
        Some(self.0.message())
    }
}
