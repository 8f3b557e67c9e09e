//! Hostile request ids, instances, messages, detail values and JSON-RPC ids: always valid
//! JSON and valid, bounded headers; never a panic.

use errwire::format::Nested;
use errwire::http::Response;
use errwire::{ApiError, Context, Format, JsonRpcId, to_response, wire};
use serde_json::{Value, json};

#[derive(Debug, ApiError)]
#[api(status = 400)]
enum Hostile {
    #[api(message = "{0}")]
    Message(String),
    /// Bad value.
    Detail(#[api(detail = "value")] Value),
    #[api(message = "{text}", retry = true, status = 503)]
    Delayed {
        text: String,
        #[api(retry_after)]
        wait: std::time::Duration,
    },
}

fn strings() -> Vec<String> {
    vec![
        String::new(),
        "\r\n\0\"\\'<>&%".into(),
        "\u{1F600}\u{2028}\u{2029}\u{FEFF}\u{10FFFF}".into(),
        "é".repeat(60_000),
        (0u8..=0x7f).map(char::from).collect(),
        "x".repeat(100 * 1024),
    ]
}

fn ids() -> Vec<JsonRpcId<'static>> {
    vec![
        JsonRpcId::from(0),
        JsonRpcId::from(i64::MIN),
        JsonRpcId::from(u64::MAX),
        JsonRpcId::from("\r\n\0\"\u{1F600}"),
        JsonRpcId::from(json!(1.5)),
        JsonRpcId::from(json!([1, 2])),
        JsonRpcId::from(json!({"a": 1})),
        JsonRpcId::from(json!(true)),
        JsonRpcId::from(json!(null)),
        JsonRpcId::from(None::<i32>),
    ]
}

fn check<F: Format>(error: &Hostile, ctx: &Context<'_>) {
    let response: Response<Vec<u8>> = to_response::<F>(error, ctx);
    let body: Value =
        serde_json::from_slice(response.body()).unwrap_or_else(|e| panic!("invalid JSON ({e})"));
    assert!(body.is_object());
    for (name, value) in response.headers() {
        assert!(
            value
                .as_bytes()
                .iter()
                .all(|b| b.is_ascii_graphic() || *b == b' '),
            "{name}: {value:?}"
        );
        assert!(
            value.len() <= wire::MAX_REQUEST_ID,
            "{name} is {} bytes",
            value.len()
        );
    }
    if let Some(id) = response.headers().get("x-request-id") {
        assert_eq!(Some(id.to_str().unwrap()), ctx.request_id_ref());
    }
    if let Some(id) = body.pointer("/error/request_id").or(body.get("request_id")) {
        assert!(id.as_str().unwrap().len() <= wire::MAX_REQUEST_ID);
    }
    if let Some(instance) = body.get("instance") {
        let instance = instance.as_str().unwrap();
        assert!(instance.len() <= wire::MAX_URI);
        assert!(instance.bytes().all(|b| b.is_ascii_graphic()), "{instance:?}");
    }
    if let Some(id) = body.get("id") {
        assert!(id.is_null() || id.is_number() || id.is_string(), "{id}");
    }
}

fn check_all(error: &Hostile, ctx: &Context<'_>) {
    crate::common::every_format!(F => check::<F>(error, ctx));
}

#[test]
fn any_text_anywhere_renders_valid_json_and_safe_headers() {
    let wait = std::time::Duration::from_secs(u64::MAX);
    for text in strings() {
        let errors = [
            Hostile::Message(text.clone()),
            Hostile::Detail(json!({ "nested": [text.clone(), null, 1e308] })),
            Hostile::Delayed {
                text: text.clone(),
                wait,
            },
        ];
        for error in &errors {
            for ctx in [
                Context::new(),
                Context::new()
                    .request_id(text.as_str())
                    .instance(text.as_str())
                    .jsonrpc_id(text.as_str()),
            ] {
                check_all(error, &ctx);
            }
        }
    }
}

#[test]
fn any_json_rpc_id_renders_as_a_valid_id() {
    for id in ids() {
        let ctx = Context::new().jsonrpc_id(id);
        check_all(&Hostile::Message("m".into()), &ctx);
    }
    assert_eq!(JsonRpcId::from(json!([1])), JsonRpcId::Null);
    assert_eq!(
        JsonRpcId::from(json!(1.5)),
        JsonRpcId::Number(serde_json::Number::from_f64(1.5).unwrap())
    );
}

#[test]
fn the_largest_delay_still_gives_a_valid_retry_after() {
    let error = Hostile::Delayed {
        text: "t".into(),
        wait: std::time::Duration::MAX,
    };
    let response = to_response::<Nested>(&error, &Context::new());
    let value = response.headers()["retry-after"].to_str().unwrap();
    assert!(value.parse::<u64>().is_ok(), "{value}");
}
