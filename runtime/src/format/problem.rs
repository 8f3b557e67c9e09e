use std::io;

use serde::ser::SerializeMap;

use super::{Format, flattened_details, request_id_entry, status_number, write_object};
use crate::{ApiError, Context, violation, wire};

/// RFC 9457 problem details, `application/problem+json`:
/// `{"type","title","status","detail","instance","code","request_id",…details}`.
///
/// `type` is the code's docs URL, else `about:blank`; `title` is the variant's `title`, else
/// the reason phrase; `status` is always the response's status; details are extension
/// members at the top level (the derive requires names RFC 9457 §3.2 recommends: a letter,
/// then letters, digits or `_`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Problem;

impl Format for Problem {
    const CONTENT_TYPE: &'static str = "application/problem+json";

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| {
            // The spec's docs URL was checked once, when the spec was built.
            let spec = error.spec();
            match error.docs_url() {
                None => map.serialize_entry("type", "about:blank")?,
                Some(url)
                    // Compared by content: a spec's address is not stable (a constant's
                    // value may be materialised more than once), so pointer identity missed
                    // in release builds and every render re-validated the URL.
                    if spec.docs_url_is_uri() && spec.docs_url() == Some(url) =>
                {
                    map.serialize_entry("type", url)?;
                }
                Some(url) => map.serialize_entry("type", &wire::uri_reference(url))?,
            }
            map.serialize_entry("title", &ctx.title(error))?;
            map.serialize_entry("status", &status_number(error))?;
            map.serialize_entry("detail", &ctx.message(error))?;
            if let Some(instance) = ctx.instance_ref() {
                map.serialize_entry("instance", &wire::uri_reference(instance))?;
            }
            map.serialize_entry("code", error.code())?;
            request_id_entry(map, ctx)?;
            violation::problem_entries(map, error.violations())?;
            flattened_details(map, error)
        })
    }
}
