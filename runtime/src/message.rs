//! [`PublicMessage`]: an error's public message as `Display` and `Serialize`.

use core::fmt;

use serde::{Serialize, Serializer};

use crate::error::ApiError;

/// An error's public message, written on demand.
///
/// `Display` writes it through [`ApiError::write_message`], and `Serialize` streams it into
/// the serializer with `collect_str`, so a format never builds an intermediate `String`.
#[derive(Clone, Copy)]
pub struct PublicMessage<'a>(pub &'a dyn ApiError);

impl fmt::Display for PublicMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_message(f)
    }
}

impl fmt::Debug for PublicMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0.message(), f)
    }
}

impl Serialize for PublicMessage<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
