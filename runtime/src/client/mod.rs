//! The other side of the contract: an error response from an errwire service (or any service
//! speaking one of the built-in envelopes) decoded into a [`RemoteError`], and the code enums the derive writes for
//! `#[api(codes = "…")]` ([`KnownCodes`]). No feature and no dependency: the bodies are parsed
//! with `serde_json`, which errwire already uses.
//!
//! ```
//! use errwire::client::{RemoteError, RemoteFormat};
//! use errwire::http::{HeaderMap, StatusCode};
//!
//! let body = br#"{"error":{"code":"rate_limited","message":"Slow down.","request_id":"req_1","details":{"limit":15}}}"#;
//! let remote = RemoteError::decode(StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), body).unwrap();
//! assert_eq!(remote.format(), RemoteFormat::Nested);
//! assert_eq!(remote.code(), Some("rate_limited"));
//! assert_eq!(remote.message(), Some("Slow down."));
//! assert_eq!(remote.request_id(), Some("req_1"));
//! assert!(remote.retryable()); // no flag in this envelope: 429's default
//! assert_eq!(remote.details()["limit"], 15);
//! ```
//!
//! What each envelope carries, and so what [`RemoteError`] can give back:
//!
//! | format | code | message | status | retryable | retry delay | request id | details | violations |
//! |---|---|---|---|---|---|---|---|---|
//! | `Nested`, `Flat` | ✓ | ✓ | HTTP | status default | header | ✓ (or header) | ✓ | ✓ |
//! | `Problem` | ✓ | `detail` | `status` member | status default | header | ✓ | top-level members | `errors` |
//! | `OAuth` | `error` | `error_description` | HTTP | status default | header | header | — | — |
//! | `Simple` | `error` | `error_description` | HTTP | status default | header | header | top-level members | one (`field`) |
//! | `JsonRpc` | `data.code` | ✓ | `data.status` | ✓ | `data.retry_after` | ✓ | ✓ | ✓ |
//! | `JsonRpcPlain` | — | ✓ | HTTP | status default | header | header | — | — |
//! | `McpTool` | ✓ | `content[0].text` | HTTP (200) | ✓ | `retry_after` | ✓ | ✓ | ✓ |

mod codes;
mod decode;
mod remote;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;

pub use codes::KnownCodes;
pub use remote::{DecodeError, DecodeErrorKind, MAX_BODY, MAX_VIOLATIONS, RemoteError, RemoteFormat};
