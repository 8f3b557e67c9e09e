use std::io;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{Format, JSON, details_entry, request_id_entry, write_object};
use crate::{ApiError, Context, violation};

/// `{"error":{"code":c,"message":m,"request_id":r,"details":{…}}}` (the envelope of Stripe-style APIs).
#[derive(Debug, Clone, Copy, Default)]
pub struct Nested;

impl Format for Nested {
    const CONTENT_TYPE: &'static str = JSON;

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| map.serialize_entry("error", &Inner { error, ctx }))
    }
}

struct Inner<'a, E: ?Sized> {
    error: &'a E,
    ctx: &'a Context<'a>,
}

impl<E: ApiError + ?Sized> Serialize for Inner<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.error.code())?;
        map.serialize_entry("message", &self.ctx.message(self.error))?;
        request_id_entry(&mut map, self.ctx)?;
        details_entry(&mut map, self.error)?;
        violation::field_entries(&mut map, self.error.violations())?;
        map.end()
    }
}
