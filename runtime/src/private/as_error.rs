//! `ApiError::as_error()` for derived types: the value itself when its type is a
//! `std::error::Error`, found without a bound (autoref specialization).
//!
//! The derive writes `(&&AsErrorProbe(self)).probe_error()`: method lookup tries
//! `&&AsErrorProbe` first, where only [`AsErrorViaError`] applies (and only when `T: Error`),
//! then `&AsErrorProbe`, where [`AsErrorFallback`] always applies.

/// The value being probed.
#[allow(missing_debug_implementations)] // a compile-time probe, never printed
pub struct AsErrorProbe<'a, T: ?Sized>(pub &'a T);

impl<T: ?Sized> Clone for AsErrorProbe<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for AsErrorProbe<'_, T> {}

/// Chosen when the type implements `std::error::Error`.
pub trait AsErrorViaError<'a> {
    /// The error.
    fn probe_error(self) -> Option<&'a (dyn std::error::Error + 'static)>;
}

impl<'a, T: std::error::Error + 'static> AsErrorViaError<'a> for &AsErrorProbe<'a, T> {
    fn probe_error(self) -> Option<&'a (dyn std::error::Error + 'static)> {
        Some(self.0)
    }
}

/// Chosen otherwise.
pub trait AsErrorFallback<'a> {
    /// Nothing.
    fn probe_error(self) -> Option<&'a (dyn std::error::Error + 'static)>;
}

impl<'a, T: ?Sized> AsErrorFallback<'a> for AsErrorProbe<'a, T> {
    fn probe_error(self) -> Option<&'a (dyn std::error::Error + 'static)> {
        None
    }
}
