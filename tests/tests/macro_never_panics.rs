//! The derive never panics: its pipeline (the macro crate's own modules, compiled here) is
//! driven with thousands of generated and mutated inputs — unknown keys, wrong value types,
//! odd literals, every variant shape, generics — and always returns tokens: the
//! implementations or `compile_error!`s, never a panic.

#[path = "../../macros/src/ast.rs"]
mod ast;
#[path = "../../macros/src/attr.rs"]
mod attr;
#[path = "../../macros/src/diagnostic.rs"]
mod diagnostic;
#[path = "../../macros/src/entry.rs"]
mod entry;
#[path = "../../macros/src/expand.rs"]
mod expand;
#[path = "../../macros/src/fallback.rs"]
mod fallback;
#[path = "../../macros/src/fmt.rs"]
mod fmt;
#[path = "../../macros/src/generics.rs"]
mod generics;
#[path = "../../macros/src/model.rs"]
mod model;
#[path = "../../macros/src/status.rs"]
mod status;
#[path = "../../macros/src/valid.rs"]
mod valid;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Keys, right and wrong, and the values they may meet.
const KEYS: &[&str] = &[
    "status",
    "code",
    "message",
    "retry",
    "retry_after",
    "domain",
    "help",
    "title",
    "jsonrpc",
    "mcp",
    "transparent",
    "rename_all",
    "docs",
    "format",
    "crate",
    "detail",
    "sensitive",
    "sttus",
    "Status",
    "r#type",
    "status::x",
];
const VALUES: &[&str] = &[
    "409",
    "CONFLICT",
    "StatusCode::CONFLICT",
    "http::StatusCode::GONE",
    "200",
    "99999",
    "-1",
    "0",
    "1e3",
    "'c'",
    "b\"x\"",
    "true",
    "false",
    "\"\"",
    "\" \"",
    "\"a{b\"",
    "\"{0}\"",
    "\"{x:?}\"",
    "\"{}\"",
    "\"}}{{\"",
    "\"é😀\"",
    "\"\\\\\"",
    "\"\\\"\"",
    "\"protocol\"",
    "\"tool\"",
    "\"SCREAMING_SNAKE_CASE\"",
    "\"nope\"",
    "-32600",
    "-32500",
    "-9999999999",
    "Problem",
    "crate::Mine",
    "(1, 2)",
    "[a]",
    "{}",
    "x + y",
    "\"https://e.example/#{code}\"",
    "\"https://e.example/{domain}\"",
    "\"crate::x\"",
    "\"::errwire\"",
    "\"not a path\"",
];

fn attribute() -> impl Strategy<Value = String> {
    let item =
        (0..KEYS.len(), prop::option::of(0..VALUES.len()), any::<bool>()).prop_map(|(k, v, list)| match v {
            Some(v) if list => format!("{}({})", KEYS[k], VALUES[v]),
            Some(v) => format!("{} = {}", KEYS[k], VALUES[v]),
            None => KEYS[k].to_string(),
        });
    prop::collection::vec(item, 0..4).prop_map(|items| {
        if items.is_empty() {
            String::new()
        } else {
            format!("#[api({})]", items.join(", "))
        }
    })
}

fn field(named: bool) -> impl Strategy<Value = String> {
    let types = prop::sample::select(vec![
        "String",
        "u64",
        "T",
        "Option<u32>",
        "Vec<T>",
        "Box<dyn X>",
        "&'a str",
        "std::time::Duration",
    ]);
    (attribute(), "[a-z][a-z_0-9]{0,6}", types).prop_map(move |(attr, name, ty)| {
        if named {
            format!("{attr} {name}: {ty}")
        } else {
            format!("{attr} {ty}")
        }
    })
}

fn variant() -> impl Strategy<Value = String> {
    let shape = prop_oneof![
        Just(String::new()),
        prop::collection::vec(field(false), 1..3).prop_map(|f| format!("({})", f.join(", "))),
        prop::collection::vec(field(true), 1..3).prop_map(|f| format!("{{ {} }}", f.join(", "))),
    ];
    let docs = prop::sample::select(vec![
        "",
        "/// A doc comment.",
        "/// {braces} in docs",
        "#[deprecated]",
        "/// \n///",
    ]);
    (docs, attribute(), "[A-Z][a-zA-Z0-9]{0,8}", shape)
        .prop_map(|(doc, attr, name, shape)| format!("{doc} {attr} {name}{shape}"))
}

fn input() -> impl Strategy<Value = String> {
    let generics = prop::sample::select(vec!["", "<T>", "<'a, T: Clone>", "<T, const N: usize>"]);
    let body = prop_oneof![
        prop::collection::vec(variant(), 0..6).prop_map(|v| format!("enum E{{}} {{ {} }}", v.join(", "))),
        prop::collection::vec(field(true), 0..3).prop_map(|f| format!("struct S{{}} {{ {} }}", f.join(", "))),
        prop::collection::vec(field(false), 0..3).prop_map(|f| format!("struct S{{}}({});", f.join(", "))),
        Just("union U{} { a: u32 }".to_string()),
    ];
    (attribute(), generics, body)
        .prop_map(|(attr, generics, body)| format!("{attr} {}", body.replacen("{}", generics, 1)))
}

/// Runs the pipeline; parses of the generated text that fail are not inputs of the derive.
fn expand(source: &str) -> Result<(), String> {
    let Ok(input) = syn::parse_str::<syn::DeriveInput>(source) else {
        return Ok(());
    };
    let output =
        std::panic::catch_unwind(|| entry::derive(&input)).map_err(|_| format!("panicked on:\n{source}"))?;
    let text = output.to_string();
    if !(text.contains("compile_error") || text.contains("impl")) {
        return Err(format!("neither code nor an error for:\n{source}\n=> {text}"));
    }
    Ok(())
}

#[test]
fn generated_inputs_never_panic() {
    let mut runner = TestRunner::new(Config {
        cases: 4000,
        failure_persistence: None,
        ..Config::default()
    });
    let parsed = std::cell::Cell::new(0usize);
    runner
        .run(&input(), |source| {
            parsed.set(parsed.get() + usize::from(syn::parse_str::<syn::DeriveInput>(&source).is_ok()));
            expand(&source).map_err(TestCaseError::fail)
        })
        .unwrap();
    let parsed = parsed.get();
    assert!(parsed > 2000, "most generated inputs are valid Rust ({parsed})");
}

/// Every token, groups opened into their delimiters, so a mutation can reach inside.
fn flatten(stream: proc_macro2::TokenStream, out: &mut Vec<String>) {
    for token in stream {
        match token {
            proc_macro2::TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                    proc_macro2::Delimiter::Brace => ("{", "}"),
                    proc_macro2::Delimiter::Bracket => ("[", "]"),
                    proc_macro2::Delimiter::None => ("", ""),
                };
                out.push(open.into());
                flatten(group.stream(), out);
                out.push(close.into());
            }
            other => out.push(other.to_string()),
        }
    }
}

/// Real inputs from the example crates, mutated token by token.
const SEEDS: &[&str] = &[
    include_str!("../../examples/wicket/src/errors.rs"),
    include_str!("../../examples/control-plane/src/errors.rs"),
    include_str!("../../examples/gateway/src/lib.rs"),
];

#[test]
fn mutated_real_inputs_never_panic() {
    let items: Vec<syn::DeriveInput> = SEEDS
        .iter()
        .flat_map(|seed| syn::parse_file(seed).unwrap().items)
        .filter_map(|item| match item {
            syn::Item::Enum(e) => syn::parse2(quote::quote!(#e)).ok(),
            syn::Item::Struct(s) => syn::parse2(quote::quote!(#s)).ok(),
            _ => None,
        })
        .collect();
    let sources: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            let mut tokens = Vec::new();
            flatten(quote::quote!(#item), &mut tokens);
            tokens
        })
        .collect();
    let replacements = [
        "409",
        "\"\"",
        "-32500",
        "=",
        ",",
        "#",
        "api",
        "transparent",
        "{",
        "}",
        "\"{x}\"",
        "status",
    ];
    let strategy = (
        0..sources.len(),
        prop::collection::vec((any::<prop::sample::Index>(), 0..replacements.len() + 1), 1..6),
    );
    let mut runner = TestRunner::new(Config {
        cases: 3000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |(which, edits)| {
            let mut tokens = sources[which].clone();
            for (at, edit) in edits {
                let at = at.index(tokens.len());
                if edit == replacements.len() {
                    tokens.remove(at);
                } else {
                    tokens[at] = replacements[edit].to_string();
                }
            }
            expand(&tokens.join(" ")).map_err(TestCaseError::fail)
        })
        .unwrap();
}
