use std::io;

use serde::ser::SerializeMap;

use super::{Format, JSON, details_entry, request_id_entry, write_object};
use crate::{ApiError, Context, violation};

/// `{"ok":false,"code":c,"detail":m,"error":m,"request_id":r,"details":{…}}` (the `ok: false` envelope of Slack-style APIs).
#[derive(Debug, Clone, Copy, Default)]
pub struct Flat;

impl Format for Flat {
    const CONTENT_TYPE: &'static str = JSON;

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| {
            map.serialize_entry("ok", &false)?;
            map.serialize_entry("code", error.code())?;
            map.serialize_entry("detail", &ctx.message(error))?;
            map.serialize_entry("error", &ctx.message(error))?;
            request_id_entry(map, ctx)?;
            details_entry(map, error)?;
            violation::field_entries(map, error.violations())
        })
    }
}
