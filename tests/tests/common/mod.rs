//! Helpers shared by the integration tests: the standards' schemas.

#![allow(dead_code)] // each test binary uses what it needs

use serde_json::{json, Value};

/// The official MCP schema excerpt (all protocol versions).
pub const MCP: &str = include_str!("../../standards/mcp-schema-excerpt.json");

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
