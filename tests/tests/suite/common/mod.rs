//! Helpers shared by the integration tests: the standards' schemas.

#![allow(dead_code)] // each test binary uses what it needs

pub mod http;

use serde_json::{Value, json};

/// The official MCP schema excerpt (all protocol versions).
pub const MCP: &str = include_str!("../../../standards/mcp-schema-excerpt.json");

/// One MCP definition (`CallToolResult`, `JSONRPCError`, …) of one protocol version, as a
/// self-contained schema.
pub fn mcp_schema(version: &str, definition: &str) -> Value {
    let doc: Value = serde_json::from_str(MCP).unwrap();
    let mut root = doc["versions"][version].clone();
    let defs = if root.get("$defs").is_some() {
        "$defs"
    } else {
        "definitions"
    };
    root["$ref"] = json!(format!("#/{defs}/{definition}"));
    root
}

/// A validator that also checks `format`s (`uri-reference`, …).
pub fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
}

/// A JSON Pointer in URI-fragment form (`#/items/2/na%C3%AFve`, RFC 6901 §6) as the plain
/// pointer `serde_json::Value::pointer` reads.
pub fn fragment_to_pointer(fragment: &str) -> String {
    let encoded = fragment.strip_prefix('#').expect("a fragment starts with #");
    let mut bytes = Vec::new();
    let mut rest = encoded.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' && tail.len() >= 2 {
            let hex = std::str::from_utf8(&tail[..2]).unwrap();
            bytes.push(u8::from_str_radix(hex, 16).expect("a %XX escape"));
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).expect("the pointer is UTF-8")
}

/// Runs `$body` once for every built-in format, with `$F` naming the format's type, in the
/// order of `errwire::format::BUILT_IN` (a test holds the two lists equal): the one list the
/// tests name, so a format added to errwire is checked by every test that uses it.
macro_rules! every_format {
    ($F:ident => $body:expr) => {{
        {
            type $F = errwire::format::McpTool;
            $body;
        }
        {
            type $F = errwire::format::JsonRpc;
            $body;
        }
        {
            type $F = errwire::format::JsonRpcPlain;
            $body;
        }
        {
            type $F = errwire::format::GoogleJson;
            $body;
        }
        {
            type $F = errwire::format::Nested;
            $body;
        }
        {
            type $F = errwire::format::Flat;
            $body;
        }
        {
            type $F = errwire::format::Twirp;
            $body;
        }
        {
            type $F = errwire::format::OAuth;
            $body;
        }
        {
            type $F = errwire::format::Simple;
            $body;
        }
        {
            type $F = errwire::format::JsonApi;
            $body;
        }
        {
            type $F = errwire::format::Problem;
            $body;
        }
        {
            type $F = errwire::format::Connect;
            $body;
        }
    }};
}
pub(crate) use every_format;
