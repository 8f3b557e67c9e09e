//! The catalogue: every code a type can produce, as a checked contract.

use alloc::boxed::Box;
use alloc::sync::Arc;

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
