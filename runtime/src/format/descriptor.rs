//! [`Descriptor`]: what is known of a built-in envelope beyond its encoder, written once —
//! its name, content type, the members it writes, where its code and message live, how a
//! client recognises it, and its TypeScript type. The decoder, the TypeScript generator, the
//! OpenAPI builder and the tests read it; the reserved-member rule (`rules.rs`, shared with
//! the derive) and the derive's list of built-in names are held to it by agreement tests.

/// A path of member names from the body's root; a segment of digits indexes an array.
pub type MemberPath = &'static [&'static str];

/// What a member must hold for a body to have an envelope's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MemberKind {
    /// A string.
    String,
    /// An integer.
    Integer,
    /// An array.
    Array,
    /// `true` or `false`, exactly.
    Bool(bool),
    /// This string, exactly.
    Text(&'static str),
    /// One of these strings (a protocol's closed set of codes).
    OneOf(&'static [&'static str]),
}

/// What is known of one built-in envelope beyond its encoder (see the module docs).
///
/// Built-in formats answer it through [`Format::DESCRIPTOR`](super::Format::DESCRIPTOR); a
/// user's format has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Descriptor {
    /// The format's type name, as `#[api(format = …)]` takes it.
    pub name: &'static str,
    /// The `content-type` of its bodies.
    pub content_type: &'static str,
    /// Every member it may write at the top level of a body, details aside.
    pub members: &'static [&'static str],
    /// Whether it writes details as top-level members (so a detail may not take one of
    /// `members`, unless listed in `detail_may_take`).
    pub flattens_details: bool,
    /// Top-level members a detail may take on purpose (`Simple`'s `field`).
    pub detail_may_take: &'static [&'static str],
    /// Where the code lives; `None`: the envelope has no room for it.
    pub code_at: Option<MemberPath>,
    /// Where the public message lives.
    pub message_at: MemberPath,
    /// Where errwire's facts object lives (`code`, `retryable`, `retry_after`, `request_id`,
    /// `details`, `violations`), for the envelopes that carry one.
    pub facts_at: Option<MemberPath>,
    /// How a client recognises a body: any one of these sets of members, each holding what
    /// it says (tried in the order of [`BUILT_IN`]). `OAuth` and `Simple` share a shape; the
    /// decoder tells them apart by `error_uri` and OAuth's `no-store` headers.
    pub recognised_by: &'static [&'static [(MemberPath, MemberKind)]],
    /// Whether the content type alone identifies it (`application/problem+json`).
    pub content_type_identifies: bool,
    /// The envelope's TypeScript type (`ErrorBody`) and its guard (`isErrorBody`), written
    /// against the generated module's `AnyErrorCode` and `isObject`.
    pub typescript: &'static str,
}

/// Every built-in format's descriptor, in the order a client tries their shapes.
///
/// A Connect body is tried last: its only required member, a `code` from gRPC's names, may
/// also be the code of a Problem or Twirp body.
pub const BUILT_IN: [&Descriptor; 12] = [
    &super::mcp_tool::DESCRIPTOR,
    &super::jsonrpc::DESCRIPTOR,
    &super::jsonrpc::PLAIN_DESCRIPTOR,
    &super::google_json::DESCRIPTOR,
    &super::nested::DESCRIPTOR,
    &super::flat::DESCRIPTOR,
    &super::twirp::DESCRIPTOR,
    &super::oauth::DESCRIPTOR,
    &super::simple::DESCRIPTOR,
    &super::json_api::DESCRIPTOR,
    &super::problem::DESCRIPTOR,
    &super::connect::DESCRIPTOR,
];

/// The built-in format named `name` (`"Problem"`).
#[must_use]
pub fn built_in(name: &str) -> Option<&'static Descriptor> {
    BUILT_IN.into_iter().find(|d| d.name == name)
}

impl Descriptor {
    /// The member at `path` of `body`.
    #[must_use]
    pub fn at(body: &serde_json::Value, path: MemberPath) -> Option<&serde_json::Value> {
        path.iter()
            .try_fold(body, |value, segment| match segment.parse::<usize>() {
                Ok(index) => value.get(index),
                Err(_) => value.get(*segment),
            })
    }

    /// Whether `body` has this envelope's shape.
    #[must_use]
    pub fn fits(&self, body: &serde_json::Value) -> bool {
        body.is_object()
            && self.recognised_by.iter().any(|members| {
                members.iter().all(|(path, json)| {
                    Self::at(body, path).is_some_and(|value| match json {
                        MemberKind::String => value.is_string(),
                        MemberKind::Integer => value.is_i64() || value.is_u64(),
                        MemberKind::Array => value.is_array(),
                        MemberKind::Bool(b) => value.as_bool() == Some(*b),
                        MemberKind::Text(text) => value.as_str() == Some(*text),
                        MemberKind::OneOf(texts) => value.as_str().is_some_and(|v| texts.contains(&v)),
                    })
                })
            })
    }

    /// The code of `body`, where this envelope keeps it.
    #[must_use]
    pub fn code_of<'v>(&self, body: &'v serde_json::Value) -> Option<&'v str> {
        Self::at(body, self.code_at?)?.as_str()
    }

    /// The message of `body`, where this envelope keeps it.
    #[must_use]
    pub fn message_of<'v>(&self, body: &'v serde_json::Value) -> Option<&'v str> {
        Self::at(body, self.message_at)?.as_str()
    }
}
