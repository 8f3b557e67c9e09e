//! The envelope schema inferred from real renders: a minimal render of every code shows the
//! required members, a render with every optional fact (a delay, a detail, violations, a full
//! context) the optional ones; the code member is an open string whose examples are the codes.

use core::time::Duration;

use serde_json::{Map, Value, json};

use crate::details::{DetailFields, Details};
use crate::format::MemberPath;
use crate::spec::ErrorSpec;
use crate::{context::Context, error::ApiError, format::Format, render::to_json};

pub(super) fn render<F: Format>(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> Value {
    serde_json::from_str(&to_json::<F>(error, ctx)).unwrap_or(Value::Null)
}

/// The detail name that shows where a format puts details.
const PROBE: &str = "errwire_probe_detail";

/// A code with a delay and one detail: its render shows every optional member.
pub(super) struct Probe(pub(super) &'static ErrorSpec);

impl ApiError for Probe {
    fn spec(&self) -> &'static ErrorSpec {
        self.0
    }
    fn message(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(self.0.message())
    }
    fn static_message(&self) -> Option<&'static str> {
        Some(self.0.message())
    }
    fn retry_after(&self) -> Option<Duration> {
        Some(Duration::from_secs(1))
    }
    fn details(&self) -> Details<'_> {
        Details::new(self)
    }
    fn violations(&self) -> &[crate::violation::Violation] {
        // Where a format puts field violations, and their shape.
        static PROBE_VIOLATIONS: [crate::violation::Violation; 1] = [crate::Violation::from_static(
            "items[0].name",
            "too_long",
            "At most 40 characters.",
        )];
        &PROBE_VIOLATIONS
    }
}

impl DetailFields for Probe {
    fn visit_details(&self, visit: &mut dyn FnMut(&'static str, &dyn erased_serde::Serialize)) {
        visit(PROBE, &true);
    }
}

/// A JSON Schema for values like these: members always present in `required` renders are
/// required; members only in `optional` renders are optional; the probe detail becomes open
/// `additionalProperties`.
pub(super) fn infer(required: &[Value], optional: &[Value]) -> Value {
    let all: Vec<&Value> = required.iter().chain(optional).collect();
    let types: Vec<&str> = {
        let mut types: Vec<&str> = all.iter().map(|v| type_name(v)).collect();
        types.sort_unstable();
        types.dedup();
        types
    };
    if types != ["object"] {
        let mut schema = Map::new();
        schema.insert(
            "type".into(),
            if types.len() == 1 {
                json!(types[0])
            } else {
                json!(types)
            },
        );
        let items: Vec<Value> = all
            .iter()
            .filter_map(|v| v.as_array())
            .flatten()
            .cloned()
            .collect();
        if types.contains(&"array") {
            schema.insert(
                "items".into(),
                if items.is_empty() {
                    json!({})
                } else {
                    infer(&items, &[])
                },
            );
        }
        return Value::Object(schema);
    }
    let mut names: Vec<&String> = all
        .iter()
        .filter_map(|v| v.as_object())
        .flat_map(Map::keys)
        .collect();
    names.sort();
    names.dedup();
    let mut properties = Map::new();
    let mut open = false;
    for name in names {
        if name == PROBE {
            open = true;
            continue;
        }
        let values = |renders: &[Value]| -> Vec<Value> {
            renders.iter().filter_map(|v| v.get(name).cloned()).collect()
        };
        let (req, opt) = (values(required), values(optional));
        properties.insert(name.clone(), infer(&req, &opt));
    }
    let required_names: Vec<&String> = properties
        .keys()
        .filter(|name| !required.is_empty() && required.iter().all(|v| v.get(name.as_str()).is_some()))
        .collect();
    let required_names = (!required_names.is_empty()).then(|| json!(required_names));
    let mut schema = json!({"type": "object"});
    // No empty `properties`: generators' schema types drop it, and the schema errwire writes
    // raw (an event stream's error data) must equal the one they re-serialize.
    if !properties.is_empty() {
        schema["properties"] = Value::Object(properties);
    }
    if let Some(required_names) = required_names {
        schema["required"] = required_names;
    }
    if open {
        schema["additionalProperties"] = json!(true);
    }
    schema
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// What the code member's schema says of its values.
pub(super) const OPEN_CODES: &str = "The error's stable machine code. The known codes are the \
     examples; the set grows, and a client must accept a code it does not know.";

/// Lists `codes` as the examples of the member that carries the code: where a built-in
/// format's descriptor says it lives, else (a format of your own) the string member that holds
/// the code in every render.
pub(super) fn mark_codes(schema: &mut Value, code_at: Option<MemberPath>, renders: &[Value], codes: &[&str]) {
    if let Some(target) = code_schema(schema, code_at, renders, codes) {
        // An open set: a closed `enum` would make a client generated from today's document
        // reject tomorrow's new code, which the lock calls non-breaking.
        target["examples"] = json!(codes);
        target["description"] = json!(OPEN_CODES);
    }
}

/// The schema of the member that carries the code, inside the envelope's `schema`.
pub(super) fn code_schema<'s>(
    schema: &'s mut Value,
    code_at: Option<MemberPath>,
    renders: &[Value],
    codes: &[&str],
) -> Option<&'s mut Value> {
    let path: Vec<String> = if let Some(path) = code_at {
        path.iter().map(|s| (*s).to_string()).collect()
    } else {
        let mut paths = Vec::new();
        string_paths(renders.first()?, &mut Vec::new(), &mut paths);
        let carries_code = |path: &[String]| {
            renders.iter().zip(codes).all(|(render, code)| {
                path.iter()
                    .try_fold(render, |v, key| v.get(key))
                    .and_then(Value::as_str)
                    == Some(*code)
            })
        };
        paths.into_iter().find(|p| carries_code(p))?
    };
    // A segment of digits is an array's element: its schema is the array's `items`.
    path.iter().try_fold(schema, |s, key| {
        if key.bytes().all(|b| b.is_ascii_digit()) {
            s.get_mut("items")
        } else {
            s.get_mut("properties")?.get_mut(key)
        }
    })
}

fn string_paths(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::String(_) => out.push(at.clone()),
        Value::Object(map) => {
            for (key, inner) in map {
                at.push(key.clone());
                string_paths(inner, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}
