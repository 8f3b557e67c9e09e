//! Fuzzes rendering: arbitrary bytes become a message, a detail, a request id, an instance
//! and a JSON-RPC id; every built-in format must produce valid JSON and valid, bounded
//! headers, and never panic.
#![no_main]

use errwire::format::{Flat, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple};
use errwire::{to_response, wire, ApiError, Context, Format, JsonRpcId};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, ApiError)]
#[api(docs = "https://docs.example.com/errors#{code}")]
enum Fuzzed {
    #[api(status = 400, message = "{text}")]
    Text {
        text: String,
        #[api(detail)]
        value: serde_json::Value,
    },
    #[api(status = 503, message = "{text}", mcp = "protocol")]
    Down {
        text: String,
        #[api(retry_after)]
        wait: u64,
    },
}

fn check<F: Format>(error: &Fuzzed, ctx: &Context<'_>) {
    let response = to_response::<F>(error, ctx);
    let body: serde_json::Value = serde_json::from_slice(response.body()).expect("valid JSON");
    assert!(body.is_object());
    for (_, value) in response.headers() {
        assert!(value.as_bytes().iter().all(|b| b.is_ascii_graphic() || *b == b' '));
        assert!(value.len() <= wire::MAX_REQUEST_ID);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1}');
    let (message, detail, id, instance, rpc) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next(), parts.next(), parts.next().unwrap_or(""));
    let value = serde_json::from_str(detail).unwrap_or_else(|_| serde_json::Value::String(detail.into()));
    let rpc = serde_json::from_str(rpc).unwrap_or(serde_json::Value::Null);
    let mut ctx = Context::new().jsonrpc_id(JsonRpcId::from(rpc));
    if let Some(id) = id {
        ctx = ctx.request_id(id);
    }
    if let Some(instance) = instance {
        ctx = ctx.instance(instance);
    }
    let wait = data.first().copied().map_or(0, u64::from);
    for error in [Fuzzed::Text { text: message.into(), value }, Fuzzed::Down { text: message.into(), wait }] {
        check::<Nested>(&error, &ctx);
        check::<Flat>(&error, &ctx);
        check::<Problem>(&error, &ctx);
        check::<OAuth>(&error, &ctx);
        check::<Simple>(&error, &ctx);
        check::<JsonRpc>(&error, &ctx);
        check::<JsonRpcPlain>(&error, &ctx);
        check::<McpTool>(&error, &ctx);
    }
});
