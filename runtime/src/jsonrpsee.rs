//! JSON-RPC through jsonrpsee (feature `jsonrpsee`): every derived type converts into
//! `ErrorObjectOwned` — the JSON-RPC code from the mapping, the public message, and `data`
//! with the [`JsonRpc`](crate::format::JsonRpc) format's facts — so a method returns
//! `Result<T, MyError>`, or uses `?` on one.

use jsonrpsee_types::ErrorObjectOwned;

use crate::format::Facts;
use crate::wire::jsonrpc_code;
use crate::{ApiError, Context};

/// The jsonrpsee error object for `error`.
pub fn error_object(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(
        jsonrpc_code(error),
        ctx.message(error).to_string(),
        Some(Facts {
            error,
            ctx,
            with_status: true,
        }),
    )
}
