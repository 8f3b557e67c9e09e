//! The web plumbing the tower layer, axum, actix-web, poem, salvo, rocket and tonic share: one
//! room, so the adapters stay thin and make each decision the same way.
//!
//! - [`context`]: the task-local [`RequestContext`](context::RequestContext) a handler's
//!   error reads when it renders (a framework's `IntoResponse` never sees the request).
//! - [`request_id`]: which request id a request gets.
//! - [`negotiate`]: whether the client asked for problem+json.
//! - [`settings`]: [`ErrwireSettings`](settings::ErrwireSettings), the layer's and the
//!   middleware's one settings type.
//! - [`pipeline`]: the steps every transport takes for a request, in order.
//! - [`guard`]: the handler run with a timeout and panic catching.
//! - `json`: JSON request bodies parsed with the path of the field that failed, for the
//!   axum and actix-web extractors.
//! - `stream`: a response stream that ends with its first error, as an SSE frame.
//! - `respond`: step 4 for `http` 1 responses (tower, poem, salvo): a framework-made error put
//!   into the envelope.
//! - [`render`]: an error rendered for the current request, and the one function that
//!   decides which framework-made responses become a [`FrameworkError`](crate::framework::FrameworkError).

// rocket alone takes steps 1 and 5 only (rocket runs its handlers itself, and answers its own
// errors through catchers): the handler's guard and the task-local context go unused.
#![cfg_attr(
    not(any(feature = "tower", feature = "actix-web", feature = "poem", feature = "salvo")),
    allow(dead_code)
)]

pub(crate) mod context;
pub(crate) mod guard;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) mod json;
pub(crate) mod negotiate;
pub(crate) mod pipeline;
pub(crate) mod render;
pub(crate) mod request_id;
#[cfg(any(feature = "tower", feature = "poem", feature = "salvo"))]
pub(crate) mod respond;
pub(crate) mod settings;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) mod stream;
