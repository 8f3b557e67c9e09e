//! [`GrpcCode`]: the gRPC status code of a spec, always there so a derived type carries its
//! `#[api(grpc = "…")]` whether or not the `tonic` feature is on.

use http::StatusCode;

use crate::rules;

/// A canonical gRPC status code (`google.rpc.Code`), less `OK`: an error is never `OK`.
///
/// The default for a spec is [`GrpcCode::from_status`]; `#[api(grpc = "ALREADY_EXISTS")]`
/// overrides it, checked at compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[repr(u8)]
pub enum GrpcCode {
    /// 1: the operation was cancelled, typically by the caller.
    Cancelled = 1,
    /// 2: an error with no better code.
    Unknown = 2,
    /// 3: the client sent an invalid argument, whatever the system's state.
    InvalidArgument = 3,
    /// 4: the deadline passed before the operation completed.
    DeadlineExceeded = 4,
    /// 5: a requested entity was not found.
    NotFound = 5,
    /// 6: the entity a client tried to create already exists.
    AlreadyExists = 6,
    /// 7: the caller may not do this.
    PermissionDenied = 7,
    /// 8: a quota or a resource ran out.
    ResourceExhausted = 8,
    /// 9: the system is not in the state the operation needs.
    FailedPrecondition = 9,
    /// 10: the operation was aborted (a concurrency conflict).
    Aborted = 10,
    /// 11: the operation went past the valid range.
    OutOfRange = 11,
    /// 12: the operation is not implemented or supported.
    Unimplemented = 12,
    /// 13: an internal error.
    Internal = 13,
    /// 14: the service is unavailable for now; retrying may help.
    Unavailable = 14,
    /// 15: unrecoverable data loss or corruption.
    DataLoss = 15,
    /// 16: no valid authentication credentials.
    Unauthenticated = 16,
}

impl GrpcCode {
    const ALL: [Self; 16] = [
        Self::Cancelled,
        Self::Unknown,
        Self::InvalidArgument,
        Self::DeadlineExceeded,
        Self::NotFound,
        Self::AlreadyExists,
        Self::PermissionDenied,
        Self::ResourceExhausted,
        Self::FailedPrecondition,
        Self::Aborted,
        Self::OutOfRange,
        Self::Unimplemented,
        Self::Internal,
        Self::Unavailable,
        Self::DataLoss,
        Self::Unauthenticated,
    ];

    /// The default code of an HTTP status, by the mapping `google.rpc.Code` documents (see
    /// the `tonic` module's page for where several codes share a status).
    #[must_use]
    pub const fn from_status(status: StatusCode) -> Self {
        Self::ALL[rules::default_grpc_code(status.as_u16()) as usize - 1]
    }

    /// The code with number `number`; `None` for 0 (`OK`) and numbers gRPC does not define.
    #[must_use]
    pub const fn from_i32(number: i32) -> Option<Self> {
        if number >= 1 && number <= 16 {
            #[allow(clippy::cast_sign_loss)] // checked just above
            Some(Self::ALL[number as usize - 1])
        } else {
            None
        }
    }

    /// The code's number on the wire (`grpc-status`).
    #[must_use]
    pub const fn as_i32(self) -> i32 {
        self as i32
    }

    /// The HTTP status `google.rpc.Code` documents for this code (what a gRPC error received
    /// by a client reads as `RemoteError::status`).
    #[must_use]
    pub const fn http_status(self) -> StatusCode {
        match self {
            Self::Cancelled => match StatusCode::from_u16(499) {
                Ok(status) => status,
                Err(_) => StatusCode::BAD_REQUEST,
            },
            Self::InvalidArgument | Self::FailedPrecondition | Self::OutOfRange => StatusCode::BAD_REQUEST,
            Self::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::AlreadyExists | Self::Aborted => StatusCode::CONFLICT,
            Self::PermissionDenied => StatusCode::FORBIDDEN,
            Self::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
            Self::Unimplemented => StatusCode::NOT_IMPLEMENTED,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Unauthenticated => StatusCode::UNAUTHORIZED,
            Self::Unknown | Self::Internal | Self::DataLoss => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The code's name as Twirp and Connect write it: lower case, `"already_exists"`, and
    /// `"canceled"` with one `l` (both protocols spell it so).
    #[must_use]
    pub const fn snake_name(self) -> &'static str {
        SNAKE_NAMES[self as usize - 1]
    }

    /// The code named `name` as Twirp and Connect write it (see [`GrpcCode::snake_name`]).
    #[must_use]
    pub fn from_snake_name(name: &str) -> Option<Self> {
        let i = SNAKE_NAMES.iter().position(|n| *n == name)?;
        Some(Self::ALL[i])
    }

    /// The code of canonical name `name` (`"ALREADY_EXISTS"`); `None` for `"OK"` and names
    /// gRPC does not define.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|code| code.name() == name)
    }

    /// The code's canonical name: `"ALREADY_EXISTS"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        rules::GRPC_CODES[self as usize]
    }
}

/// [`GrpcCode::snake_name`], in the order of [`GrpcCode::ALL`].
pub(crate) const SNAKE_NAMES: [&str; 16] = [
    "canceled",
    "unknown",
    "invalid_argument",
    "deadline_exceeded",
    "not_found",
    "already_exists",
    "permission_denied",
    "resource_exhausted",
    "failed_precondition",
    "aborted",
    "out_of_range",
    "unimplemented",
    "internal",
    "unavailable",
    "data_loss",
    "unauthenticated",
];

impl core::fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}
