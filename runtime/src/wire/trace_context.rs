//! W3C Trace Context: the trace id of a request's `traceparent`, read by the rules of the
//! recommendation (<https://www.w3.org/TR/trace-context/#traceparent-header>), so a body
//! never carries a value the client made up in another shape.

/// The `traceparent` request header.
pub const TRACEPARENT: http::HeaderName = http::HeaderName::from_static("traceparent");

/// A W3C trace id: 32 lower-case hex digits, not all zero. Made only by [`TraceId::parse`]
/// or [`TraceId::from_traceparent`], so every one is valid on the wire.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TraceId([u8; 32]);

impl TraceId {
    /// `hex` as a trace id: exactly 32 lower-case hex digits, not all zero (the
    /// recommendation's invalid value).
    #[must_use]
    pub fn parse(hex: &str) -> Option<Self> {
        let bytes: [u8; 32] = hex.as_bytes().try_into().ok()?;
        (is_lower_hex(&bytes) && bytes.iter().any(|&b| b != b'0')).then_some(Self(bytes))
    }

    /// The trace id of a `traceparent` value (`00-<trace-id>-<parent-id>-<flags>`): version
    /// `ff` is invalid, version `00` is exactly 55 characters, a later version may add fields
    /// after a `-`; the parent id may not be all zero; anything else is no trace id.
    #[must_use]
    pub fn from_traceparent(value: &str) -> Option<Self> {
        let value = value.trim_matches([' ', '\t']).as_bytes();
        let (head, rest) = value.split_at_checked(55)?;
        let [v0, v1, b'-', trace @ .., b'-', _, _] = head else {
            return None;
        };
        let (trace, parent) = trace.split_at(32);
        let [b'-', parent @ ..] = parent else {
            return None;
        };
        let flags = &head[53..55];
        let version = [*v0, *v1];
        let version_ok = is_lower_hex(&version) && version != *b"ff";
        let rest_ok = if version == *b"00" {
            rest.is_empty()
        } else {
            rest.is_empty() || rest[0] == b'-'
        };
        let parent_ok = is_lower_hex(parent) && parent.iter().any(|&b| b != b'0');
        if !(version_ok && rest_ok && parent_ok && is_lower_hex(flags)) {
            return None;
        }
        Self::parse(core::str::from_utf8(trace).ok()?)
    }

    /// The 32 hex digits.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Every byte was checked to be an ASCII hex digit when the id was made.
        core::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl core::fmt::Debug for TraceId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("TraceId").field(&self.as_str()).finish()
    }
}

impl core::fmt::Display for TraceId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for TraceId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

fn is_lower_hex(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::TraceId;

    const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";

    #[test]
    fn a_valid_traceparent_gives_its_trace_id() {
        let header = format!("00-{TRACE}-00f067aa0ba902b7-01");
        assert_eq!(TraceId::from_traceparent(&header).unwrap().as_str(), TRACE);
        // A later version may carry more fields after a dash.
        let later = format!("01-{TRACE}-00f067aa0ba902b7-01-more");
        assert_eq!(TraceId::from_traceparent(&later).unwrap().as_str(), TRACE);
    }

    #[test]
    fn an_invalid_traceparent_gives_none() {
        for header in [
            String::new(),
            format!("ff-{TRACE}-00f067aa0ba902b7-01"),
            format!("00-{TRACE}-00f067aa0ba902b7-01-more"),
            format!("01-{TRACE}-00f067aa0ba902b7-01more"),
            format!("00-{}-00f067aa0ba902b7-01", "0".repeat(32)),
            format!("00-{TRACE}-0000000000000000-01"),
            format!("00-{}-00f067aa0ba902b7-01", TRACE.to_uppercase()),
            format!("00-{TRACE}-00f067aa0ba902b7-0"),
            format!("00_{TRACE}-00f067aa0ba902b7-01"),
            format!("00-{TRACE}-00f067aa0ba902b7-zz"),
            "00-\u{e9}\u{e9}\u{e9}".repeat(12),
        ] {
            assert_eq!(TraceId::from_traceparent(&header), None, "{header}");
        }
    }
}
