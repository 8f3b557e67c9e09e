#![doc = include_str!("../docs/client.md")]

mod codes;
mod decode;
mod headers;
mod remote;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;
mod rich;
mod streams;

pub use codes::KnownCodes;
pub use remote::{DecodeError, DecodeErrorKind, MAX_BODY, MAX_VIOLATIONS, RemoteError, RemoteFormat};
