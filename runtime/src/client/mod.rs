#![cfg_attr(feature = "client", doc = include_str!("../docs/client.md"))]
#![cfg_attr(
    not(feature = "client"),
    doc = "The code enums the derive writes for `#[api(codes = \"…\")]` ([`KnownCodes`]); with \
           feature `client`, error responses from any built-in envelope decoded into a \
           `RemoteError`."
)]

// Without the `client` feature only `KnownCodes` is here: the derive implements it for
// `#[api(codes = "…")]` whether or not the crate decodes anything.
mod codes;
#[cfg(feature = "client")]
mod decode;
#[cfg(feature = "client")]
mod headers;
#[cfg(feature = "client")]
mod remote;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;
#[cfg(feature = "client")]
mod rich;
#[cfg(feature = "client")]
mod streams;

pub use codes::KnownCodes;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub use remote::{DecodeError, DecodeErrorKind, MAX_BODY, MAX_VIOLATIONS, RemoteError, RemoteFormat};
