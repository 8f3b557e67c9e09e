//! [`PublicMessage`]: an error's public message as `Display` and `Serialize`.

use core::fmt;

use serde::{Serialize, Serializer};

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
