//! [`Context`]: what belongs to the request, not the error.

use std::borrow::Cow;

use serde::{Serialize, Serializer};

/// What belongs to the request, not the error: its id, the problem instance, the JSON-RPC id.
///
/// ```
/// use errwire::Context;
///
/// let ctx = Context::new().request_id("req_xyz123").instance("/accounts/1").jsonrpc_id(1);
/// assert_eq!(ctx.request_id_ref(), Some("req_xyz123"));
/// ```
///
/// Values are taken as given and made safe when rendered: see [`crate::wire`] for the rules
/// (headers get only safe request ids; `instance` is percent-encoded into a URI reference).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context<'a> {
    pub(crate) request_id: Option<RequestId<'a>>,
    instance: Option<Cow<'a, str>>,
    /// Whether `instance` is already a URI reference, answered once when it is set so a
    /// render writes it without a second scan.
    instance_is_uri: bool,
    jsonrpc_id: JsonRpcId<'a>,
    trace_id: Option<crate::wire::TraceId>,
    #[cfg(feature = "i18n")]
    language: crate::i18n::RequestLanguage<'a>,
}

impl<'a> Context<'a> {
    /// An empty context: no request id, no instance, JSON-RPC id `null`.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            request_id: None,
            instance: None,
            instance_is_uri: false,
            jsonrpc_id: JsonRpcId::Null,
            trace_id: None,
            #[cfg(feature = "i18n")]
            language: crate::i18n::RequestLanguage::NONE,
        }
    }

    /// The request id, echoed in bodies and in `x-request-id`.
    #[must_use]
    pub fn request_id(mut self, id: impl Into<Cow<'a, str>>) -> Self {
        self.request_id = Some(RequestId {
            text: id.into(),
            header: None,
        });
        self
    }

    /// The `x-request-id` value for the response: the layer's, or the id if it is safe to
    /// echo ([`crate::wire::request_id_header`]).
    pub(crate) fn request_id_header_value(&self) -> Option<http::HeaderValue> {
        let id = self.request_id.as_ref()?;
        match id.header {
            Some(header) => Some(header.clone()),
            None => crate::wire::request_id_header(&id.text),
        }
    }

    /// The problem instance (problem+json `instance`), usually the request path.
    #[must_use]
    pub fn instance(mut self, instance: impl Into<Cow<'a, str>>) -> Self {
        let instance = instance.into();
        self.instance_is_uri = crate::wire::is_uri_reference(&instance);
        self.instance = Some(instance);
        self
    }

    /// The JSON-RPC request id: an integer or a string (anything else renders as `null`).
    #[must_use]
    pub fn jsonrpc_id(mut self, id: impl Into<JsonRpcId<'a>>) -> Self {
        self.jsonrpc_id = id.into();
        self
    }

    /// The request's W3C trace id, written as `trace_id` where the format has room (Nested,
    /// Flat, Problem, JSON-RPC `data`, MCP `structuredContent`). The layers set it from
    /// `traceparent` when [`trace_context`](crate::request::ErrwireSettings::trace_context)
    /// is on.
    ///
    /// ```
    /// use errwire::{Context, wire::TraceId};
    ///
    /// let trace = TraceId::from_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    /// let ctx = Context::new().trace_id(trace);
    /// assert_eq!(ctx.trace_id_ref().map(TraceId::as_str), Some("4bf92f3577b34da6a3ce929d0e0e4736"));
    /// ```
    #[must_use]
    pub const fn trace_id(mut self, id: Option<crate::wire::TraceId>) -> Self {
        self.trace_id = id;
        self
    }

    /// The trace id, if the request has one.
    #[must_use]
    pub const fn trace_id_ref(&self) -> Option<&crate::wire::TraceId> {
        self.trace_id.as_ref()
    }

    /// The translations this request's messages are taken from (feature `i18n`); the locale
    /// comes from [`Context::accept_language`], in either order.
    #[cfg(feature = "i18n")]
    #[must_use]
    pub fn translations(mut self, translations: &'a crate::i18n::Translations) -> Self {
        self.language.set_translations(translations);
        self
    }

    /// The request's raw `Accept-Language` value (feature `i18n`): the best locale of the
    /// translations is chosen by RFC 4647 lookup with quality values, falling back through
    /// the locale chain to the untranslated message. Hostile values are read within fixed
    /// bounds (see [`crate::i18n::negotiate`]).
    #[cfg(feature = "i18n")]
    #[must_use]
    pub fn accept_language(mut self, header: &'a str) -> Self {
        self.language.set_header(header);
        self
    }

    /// The locales already chosen for this request (what a layer negotiated once), instead
    /// of a raw header.
    #[cfg(feature = "i18n")]
    #[must_use]
    pub fn locale_chain(mut self, chain: crate::i18n::negotiate::Chain) -> Self {
        self.language.set_chain(chain);
        self
    }

    /// The language `error`'s message is written in for this request: the locale that
    /// translates it, or `None` for the untranslated message (what `Content-Language` says).
    #[cfg(feature = "i18n")]
    #[must_use]
    pub fn language_of(&self, error: &(impl crate::error::ApiError + ?Sized)) -> Option<&str> {
        let (translations, chain) = self.i18n()?;
        translations.language_of(chain, error.code())
    }

    /// Whether the context carries translations (responses then vary by `Accept-Language`).
    #[cfg(feature = "i18n")]
    #[must_use]
    pub fn has_translations(&self) -> bool {
        self.language.translations().is_some()
    }

    /// The translations and the chosen locales, when both are there.
    #[cfg(feature = "i18n")]
    pub(crate) fn i18n(&self) -> Option<(&'a crate::i18n::Translations, crate::i18n::negotiate::Chain)> {
        let translations = self.language.translations()?;
        let chain = self.language.chain();
        (!chain.is_empty()).then_some((translations, chain))
    }

    /// The request id, as given (named like `http`'s builder getters, `uri_ref()`: the
    /// plain name is the builder's setter).
    #[must_use]
    pub fn request_id_ref(&self) -> Option<&str> {
        self.request_id.as_ref().map(|id| &*id.text)
    }

    /// The instance, as given.
    #[must_use]
    pub fn instance_ref(&self) -> Option<&str> {
        self.instance.as_deref()
    }

    /// The instance as it goes on the wire: percent-encoded into a URI reference (borrowed
    /// when it already was one, which was checked when it was set).
    pub(crate) fn instance_on_wire(&self) -> Option<Cow<'_, str>> {
        let instance = self.instance.as_deref()?;
        Some(if self.instance_is_uri {
            Cow::Borrowed(instance)
        } else {
            crate::wire::uri_reference(instance)
        })
    }

    /// The JSON-RPC id.
    #[must_use]
    pub const fn jsonrpc_id_ref(&self) -> &JsonRpcId<'a> {
        &self.jsonrpc_id
    }

    /// The request id, as given.
    #[deprecated(since = "0.2.0", note = "renamed `request_id_ref`")]
    #[must_use]
    pub fn get_request_id(&self) -> Option<&str> {
        self.request_id_ref()
    }

    /// The instance, as given.
    #[deprecated(since = "0.2.0", note = "renamed `instance_ref`")]
    #[must_use]
    pub fn get_instance(&self) -> Option<&str> {
        self.instance_ref()
    }

    /// The JSON-RPC id.
    #[deprecated(since = "0.2.0", note = "renamed `jsonrpc_id_ref`")]
    #[must_use]
    pub const fn get_jsonrpc_id(&self) -> &JsonRpcId<'a> {
        self.jsonrpc_id_ref()
    }
}

/// A context's request id, and its header value when the errwire layer made one (having
/// checked the id against the header rule when it kept or made it): the response clones that
/// instead of checking and copying the id again. Compared and printed as the text alone.
#[derive(Clone)]
pub(crate) struct RequestId<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) header: Option<&'a http::HeaderValue>,
}

impl PartialEq for RequestId<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl core::fmt::Debug for RequestId<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&self.text, f)
    }
}

/// A JSON-RPC request id: a number, a string, or `null` when unknown (JSON-RPC 2.0 §5).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum JsonRpcId<'a> {
    /// Unknown (for example, the request could not be parsed).
    #[default]
    Null,
    /// A numeric id.
    Number(serde_json::Number),
    /// A string id.
    String(Cow<'a, str>),
}

impl Serialize for JsonRpcId<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_unit(),
            Self::Number(number) => number.serialize(serializer),
            Self::String(text) => serializer.serialize_str(text),
        }
    }
}

macro_rules! number_ids {
    ($($t:ty),*) => {$(
        impl From<$t> for JsonRpcId<'_> {
            fn from(id: $t) -> Self {
                Self::Number(id.into())
            }
        }
    )*};
}
number_ids!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl<'a> From<&'a str> for JsonRpcId<'a> {
    fn from(id: &'a str) -> Self {
        Self::String(Cow::Borrowed(id))
    }
}

impl From<String> for JsonRpcId<'_> {
    fn from(id: String) -> Self {
        Self::String(Cow::Owned(id))
    }
}

impl<'a> From<Cow<'a, str>> for JsonRpcId<'a> {
    fn from(id: Cow<'a, str>) -> Self {
        Self::String(id)
    }
}

/// Any JSON value: a number or a string is kept; anything else is not a valid id and
/// becomes `null`.
impl From<serde_json::Value> for JsonRpcId<'_> {
    fn from(id: serde_json::Value) -> Self {
        match id {
            serde_json::Value::Number(number) => Self::Number(number),
            serde_json::Value::String(text) => Self::String(Cow::Owned(text)),
            _ => Self::Null,
        }
    }
}

impl<'a, T: Into<JsonRpcId<'a>>> From<Option<T>> for JsonRpcId<'a> {
    fn from(id: Option<T>) -> Self {
        id.map_or(Self::Null, Into::into)
    }
}
