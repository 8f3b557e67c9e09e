use std::io;

use serde::ser::SerializeMap;

use super::{flattened_details, write_object, Format, JSON};
use crate::{ApiError, Context, MessageSource, PublicMessage};

/// `{"error":c}`, plus `error_description` when the variant's message was written for the
/// wire (`message = "…"`, not a doc comment or reason phrase), plus details at the top level
/// (as a Vercel-style API answers: `{"error":"invalid_request","error_description":"…","field":"iso2"}`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Simple;

impl Format for Simple {
    const CONTENT_TYPE: &'static str = JSON;

    fn write_body<E, W>(error: &E, _ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| {
            map.serialize_entry("error", error.code())?;
            if error.spec().message_source() == MessageSource::Attribute {
                map.serialize_entry("error_description", &PublicMessage(error))?;
            }
            flattened_details(map, error)
        })
    }
}
