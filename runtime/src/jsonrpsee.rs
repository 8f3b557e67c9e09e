#![doc = include_str!("docs/jsonrpsee.md")]

use jsonrpsee_types::ErrorObjectOwned;

use crate::format::Facts;
use crate::wire::jsonrpc_code;
use crate::{context::Context, error::ApiError};

/// The jsonrpsee error object for `error`.
pub fn error_object(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(
        jsonrpc_code(error.jsonrpc_code(), error.status()),
        ctx.message(error).to_string(),
        Some(Facts {
            error,
            ctx,
            with_status: true,
        }),
    )
}
