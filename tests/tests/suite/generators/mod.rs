//! The generators the property tests share (the format tests and the client's round trip):
//! errors of every shape, text of any Unicode and size, JSON of any shape, violations, and
//! request contexts.

#![allow(dead_code)] // each test binary uses what it needs

use errwire::{ApiError, Context, JsonRpcId, Violation};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

#[derive(Debug, Clone, ApiError)]
#[api(domain = "props", docs = "https://docs.example.com/errors#{code}")]
pub enum Generated {
    #[api(status = 400, message = "{text}")]
    Invalid {
        text: String,
        #[api(detail)]
        value: Value,
    },
    #[api(status = 429, message = "{text}")]
    Limited {
        text: String,
        #[api(retry_after)]
        wait: Option<u64>,
    },
    #[api(status = 503, message = "{text}", mcp = "protocol")]
    Down {
        text: String,
        #[api(detail)]
        upstream: String,
    },
    /// A fixed message.
    #[api(status = 404)]
    Fixed,
    #[api(status = 422, message = "{text}")]
    Fields {
        text: String,
        #[api(violations)]
        violations: Vec<Violation>,
        #[api(header = "X-Hint")]
        hint: String,
    },
}

/// Text of any Unicode, control characters included; sometimes huge (up to 1 MB, built by
/// repetition so generating it stays cheap).
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => any_string(),
        2 => regex("[\\x00-\\x1f\\x7f\"\\\\{}%<>\u{2028}\u{2029}\u{feff}\u{1F600}é ]{0,40}"),
        1 => (any_string(), 1usize..=1_000_000).prop_map(|(s, n)| {
            let unit = if s.is_empty() { "x".to_string() } else { s };
            let times = (n / unit.len()).max(1);
            unit.repeat(times)
        }),
    ]
}

/// Strings matching `pattern`. The pattern is parsed here, once: a `&str` used as a strategy
/// parses its regex again for every value it generates (40 % of the property tests' time).
fn regex(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
    proptest::string::string_regex(pattern).expect("a valid pattern")
}

/// What `any::<String>()` generates (proptest's `Arbitrary for String` is the pattern `\PC*`
/// as a `&str`), with the pattern parsed once.
fn any_string() -> proptest::string::RegexGeneratorStrategy<String> {
    regex("\\PC*")
}

pub fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(any_string(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

pub fn error() -> impl Strategy<Value = Generated> {
    prop_oneof![
        (text(), json()).prop_map(|(text, value)| Generated::Invalid { text, value }),
        (text(), any::<Option<u64>>()).prop_map(|(text, wait)| Generated::Limited { text, wait }),
        (text(), text()).prop_map(|(text, upstream)| Generated::Down { text, upstream }),
        Just(Generated::Fixed),
        (text(), violations(), text()).prop_map(|(text, violations, hint)| Generated::Fields {
            text,
            violations,
            hint
        }),
    ]
}

/// Violations with fields, codes and messages of any Unicode (paths with brackets, quotes,
/// `~`, `/`, `#` and `%` included); sometimes more than the 100 written.
pub fn violations() -> impl Strategy<Value = Vec<Violation>> {
    let part = prop_oneof![
        4 => any_string(),
        2 => regex("[a-z~/#%\\\"\\[\\]. é]{0,12}"),
    ];
    let one = (part.clone(), part.clone(), part).prop_map(|(f, c, m)| Violation::new(f, c, m));
    prop_oneof![
        8 => prop::collection::vec(one.clone(), 0..6),
        1 => prop::collection::vec(one, 95..160),
    ]
}

/// A request context of any shape.
#[derive(Debug, Clone)]
pub struct Request {
    pub id: Option<String>,
    pub instance: Option<String>,
    pub jsonrpc: Value,
}

pub fn request() -> impl Strategy<Value = Request> {
    (prop::option::of(text()), prop::option::of(text()), json()).prop_map(|(id, instance, jsonrpc)| Request {
        id,
        instance,
        jsonrpc,
    })
}

impl Request {
    pub fn context(&self) -> Context<'_> {
        let mut ctx = Context::new().jsonrpc_id(JsonRpcId::from(self.jsonrpc.clone()));
        if let Some(id) = &self.id {
            ctx = ctx.request_id(id.as_str());
        }
        if let Some(instance) = &self.instance {
            ctx = ctx.instance(instance.as_str());
        }
        ctx
    }
}

/// Runs `property` over generated errors and request contexts: `default_cases` cases, unless
/// `PROPTEST_CASES` says otherwise; failures are not persisted to files. The count is printed
/// (`--nocapture` shows it), so a run that asks for more cases can prove it got them.
pub fn for_each_error(
    default_cases: u32,
    property: impl Fn(&Generated, &Request) -> Result<(), TestCaseError>,
) {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default_cases);
    eprintln!("property cases: {cases}");
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&(error(), request()), |(error, request)| {
            property(&error, &request)
        })
        .unwrap();
}
