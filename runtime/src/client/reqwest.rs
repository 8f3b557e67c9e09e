//! reqwest: a response's error as a [`RemoteError`], and a retry loop that honours what the
//! server said (`retryable`, `Retry-After`) within bounds the caller sets.
//!
//! ```no_run
//! use errwire::client::reqwest::{ResponseExt as _, Retry};
//!
//! # async fn run() -> Result<(), errwire::client::reqwest::CallError> {
//! let client = reqwest::Client::new();
//! // One call: a 4xx/5xx becomes a `RemoteError` with the code, message, request id…
//! let response = client.get("http://127.0.0.1:3000/widgets/1").send().await?.error_for_api().await?;
//! // Retried while the server says it may succeed, at most 3 attempts and 10 s of waiting.
//! let response = Retry::new(3, std::time::Duration::from_secs(10))
//!     .send(|| client.get("http://127.0.0.1:3000/widgets/1").send())
//!     .await?;
//! # let _ = response;
//! # Ok(())
//! # }
//! ```

use core::fmt;
use core::future::Future;
use core::time::Duration;

use reqwest::Response;

use super::{DecodeError, DecodeErrorKind, MAX_BODY, RemoteError};

/// Decoding on a [`reqwest::Response`].
pub trait ResponseExt: Sized {
    /// The response itself when its status is a success, else its body decoded as a
    /// [`RemoteError`] (a body that is no known envelope, too large, or cut off gives the
    /// [`RemoteError::from_status`] fallback: the status and headers still count).
    ///
    /// An in-band error (`#[api(in_band)]`, an MCP tool result) travels with 200: use
    /// [`ResponseExt::api_error`] where one may come.
    fn error_for_api(self) -> impl Future<Output = Result<Self, RemoteError>> + Send;

    /// The body decoded as an error envelope, whatever the status (at most [`MAX_BODY`]
    /// bytes are read).
    fn api_error(self) -> impl Future<Output = Result<RemoteError, DecodeError>> + Send;
}

impl ResponseExt for Response {
    async fn error_for_api(self) -> Result<Self, RemoteError> {
        if self.status().is_success() {
            return Ok(self);
        }
        Err(match self.api_error().await {
            Ok(remote) => remote,
            Err(error) => error.best_effort(),
        })
    }

    async fn api_error(mut self) -> Result<RemoteError, DecodeError> {
        let status = self.status();
        let headers = self.headers().clone();
        let mut body = Vec::new();
        loop {
            match self.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > MAX_BODY {
                        return Err(super::decode::decode_error(
                            status,
                            &headers,
                            DecodeErrorKind::TooLarge,
                        ));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(_) => {
                    return Err(super::decode::decode_error(
                        status,
                        &headers,
                        DecodeErrorKind::NotJson,
                    ));
                }
            }
        }
        RemoteError::decode(status, &headers, &body)
    }
}

/// Why a call failed: the API answered with an error, or no answer came.
#[derive(Debug)]
#[non_exhaustive]
pub enum CallError {
    /// The server's error (after the last attempt, for [`Retry::send`]).
    Api(Box<RemoteError>),
    /// No response: connection, TLS, timeout.
    Transport(reqwest::Error),
}

impl CallError {
    /// The server's error, if it answered.
    #[must_use]
    pub fn api(&self) -> Option<&RemoteError> {
        match self {
            Self::Api(remote) => Some(remote.as_ref()),
            Self::Transport(_) => None,
        }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(remote) => write!(f, "the API answered {remote}"),
            Self::Transport(error) => write!(f, "no answer: {error}"),
        }
    }
}

impl std::error::Error for CallError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Api(remote) => Some(remote.as_ref()),
            Self::Transport(error) => Some(error),
        }
    }
}

impl From<RemoteError> for CallError {
    fn from(remote: RemoteError) -> Self {
        Self::Api(Box::new(remote))
    }
}

impl From<reqwest::Error> for CallError {
    fn from(error: reqwest::Error) -> Self {
        Self::Transport(error)
    }
}

/// A bounded retry loop: retries an error the server calls retryable, waiting what its
/// `Retry-After` (or body `retry_after`) says, else an exponential backoff from
/// [`Retry::backoff`]; stops after `max_attempts` or when the next wait would take the total
/// past `max_total_wait` (a server asking for longer than that is not waited for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    max_attempts: u32,
    max_total_wait: Duration,
    backoff: Duration,
}

impl Retry {
    /// At most `max_attempts` requests (1 means no retry) and `max_total_wait` of waiting in
    /// all; without a server delay, waits 100 ms, 200 ms, 400 ms, …
    #[must_use]
    pub fn new(max_attempts: u32, max_total_wait: Duration) -> Self {
        Self {
            max_attempts: max_attempts.max(1),
            max_total_wait,
            backoff: Duration::from_millis(100),
        }
    }

    /// The first wait when the server gave no delay (doubled at each attempt).
    #[must_use]
    pub fn backoff(mut self, first: Duration) -> Self {
        self.backoff = first;
        self
    }

    /// The wait before attempt `attempt + 1`, or `None` to stop: what the loop decides after
    /// `attempt` attempts that waited `waited` so far and ended with `remote`.
    #[must_use]
    pub fn next_wait(&self, attempt: u32, waited: Duration, remote: &RemoteError) -> Option<Duration> {
        if attempt >= self.max_attempts || !remote.retryable() {
            return None;
        }
        let wait = remote.retry_after().unwrap_or_else(|| {
            self.backoff
                .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)))
        });
        (waited.saturating_add(wait) <= self.max_total_wait).then_some(wait)
    }

    /// Sends the request `send` makes (once per attempt) until it succeeds or the policy
    /// stops; returns the successful response or the last error.
    ///
    /// # Errors
    /// The server's last error ([`CallError::Api`]) or a transport error (not retried).
    pub async fn send<F, Fut>(&self, mut send: F) -> Result<Response, CallError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Response, reqwest::Error>>,
    {
        let mut waited = Duration::ZERO;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let remote = match send().await?.error_for_api().await {
                Ok(response) => return Ok(response),
                Err(remote) => remote,
            };
            match self.next_wait(attempt, waited, &remote) {
                Some(wait) => {
                    tokio::time::sleep(wait).await;
                    waited += wait;
                }
                None => return Err(CallError::Api(Box::new(remote))),
            }
        }
    }
}
