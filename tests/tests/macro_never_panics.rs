//! The derive never panics: its pipeline (the macro crate's own modules, compiled here) is
//! driven with thousands of generated and mutated inputs — unknown keys, wrong value types,
//! odd literals, every variant shape, generics — and always returns tokens: the
//! implementations or `compile_error!`s, never a panic.

// The macro crate has `proc_macro` in its prelude; `expand/text.rs` uses it when run
// inside the compiler (here `is_available()` is false).
extern crate proc_macro;

#[path = "../../macros/src/ast.rs"]
mod ast;
#[path = "../../macros/src/attr.rs"]
mod attr;
#[path = "../../macros/src/diagnostic.rs"]
mod diagnostic;
#[path = "../../macros/src/entry.rs"]
mod entry;
#[path = "../../macros/src/expand/mod.rs"]
mod expand;
#[path = "../../macros/src/fallback.rs"]
mod fallback;
#[path = "../../macros/src/fmt.rs"]
mod fmt;
#[path = "../../macros/src/generics.rs"]
mod generics;
#[path = "../../macros/src/model.rs"]
mod model;
#[path = "../../macros/src/rules.rs"]
#[allow(dead_code)]
mod rules;
#[path = "../../macros/src/spec_flags.rs"]
#[allow(dead_code)]
mod spec_flags;
#[path = "../../macros/src/status.rs"]
mod status;
#[path = "../../macros/src/valid.rs"]
mod valid;
#[path = "../../macros/src/wire_classes.rs"]
#[allow(dead_code)]
mod wire_classes;

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

/// A well-formed variant attribute, so generated inputs also reach code generation.
fn valid_attribute() -> impl Strategy<Value = String> {
    let status = prop::sample::select(vec![
        "409",
        "CONFLICT",
        "StatusCode::GONE",
        "http::StatusCode::BAD_GATEWAY",
        "429",
    ]);
    let extra = prop::sample::select(vec![
        "",
        ", help = \"Try again.\"",
        ", domain = \"d\"",
        ", title = \"T\"",
        ", jsonrpc = -32001",
        ", mcp = \"protocol\"",
        ", retry = false",
    ]);
    (status, extra).prop_map(|(status, extra)| format!("#[api(status = {status}{extra})]"))
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
    // Mostly plain fields: a field attribute is one more chance for an error.
    let attribute = prop_oneof![3 => Just(String::new()), 1 => attribute()];
    (attribute, "[a-z][a-z_0-9]{0,6}", types).prop_map(move |(attr, name, ty)| {
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
    let attribute = prop_oneof![attribute(), valid_attribute()];
    (docs, attribute, "[A-Z][a-zA-Z0-9]{0,8}", shape)
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
    // The container's keys apply to every variant: mostly none or a valid default.
    let container = prop_oneof![
        2 => Just(String::new()),
        1 => Just("#[api(domain = \"d\", rename_all = \"kebab-case\")]".to_string()),
        1 => attribute(),
    ];
    (container, generics, body)
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
    let (parsed, expanded_to_code) = (std::cell::Cell::new(0usize), std::cell::Cell::new(0usize));
    runner
        .run(&input(), |source| {
            if let Ok(input) = syn::parse_str::<syn::DeriveInput>(&source) {
                parsed.set(parsed.get() + 1);
                let code = !entry::derive(&input).to_string().contains("compile_error");
                expanded_to_code.set(expanded_to_code.get() + usize::from(code));
            }
            expand(&source).map_err(TestCaseError::fail)
        })
        .unwrap();
    let (parsed, expanded_to_code) = (parsed.get(), expanded_to_code.get());
    println!("generated: {parsed} of 4000 parse, {expanded_to_code} expand to code");
    assert!(parsed > 2000, "most generated inputs are valid Rust ({parsed})");
    assert!(
        expanded_to_code > 100 && parsed - expanded_to_code > 1000,
        "{expanded_to_code} of {parsed} expand to code"
    );
}

/// Every token with the space that follows it (none after joint punctuation such as the
/// first `:` of `::`), groups opened into their delimiters so a mutation can reach inside,
/// each marked whether it sits inside an `api(…)` attribute; joining the pieces gives back
/// valid Rust.
fn flatten(stream: proc_macro2::TokenStream, in_api: bool, out: &mut Vec<(String, bool)>) {
    let mut previous_is_api = false;
    for token in stream {
        let is_api = matches!(&token, proc_macro2::TokenTree::Ident(ident) if ident == "api");
        match token {
            proc_macro2::TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                    proc_macro2::Delimiter::Brace => ("{", "}"),
                    proc_macro2::Delimiter::Bracket => ("[", "]"),
                    proc_macro2::Delimiter::None => ("", ""),
                };
                out.push((format!("{open} "), in_api));
                flatten(group.stream(), in_api || previous_is_api, out);
                out.push((format!("{close} "), in_api));
            }
            proc_macro2::TokenTree::Punct(punct) if punct.spacing() == proc_macro2::Spacing::Joint => {
                out.push((punct.as_char().to_string(), in_api));
            }
            other => out.push((format!("{other} "), in_api)),
        }
        previous_is_api = is_api;
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
    let sources: Vec<Vec<(String, bool)>> = items
        .iter()
        .map(|item| {
            let mut tokens = Vec::new();
            flatten(quote::quote!(#item), false, &mut tokens);
            tokens
        })
        .collect();
    let text = |tokens: &[(String, bool)]| tokens.iter().map(|(t, _)| t.as_str()).collect::<String>();
    for (item, tokens) in items.iter().zip(&sources) {
        assert!(
            syn::parse_str::<syn::DeriveInput>(&text(tokens)).is_ok(),
            "unmutated {} must parse",
            item.ident
        );
        assert!(
            tokens.iter().any(|(_, in_api)| *in_api),
            "{} has api attributes",
            item.ident
        );
    }
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
    let (parsed, expanded_to_code) = (std::cell::Cell::new(0usize), std::cell::Cell::new(0usize));
    runner
        .run(&strategy, |(which, edits)| {
            let mut tokens = sources[which].clone();
            for (at, edit) in edits {
                // Nine edits in ten inside `api(…)`, where the derive parses; one anywhere.
                let inside: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].1).collect();
                let at = if at.index(10) == 0 || inside.is_empty() {
                    at.index(tokens.len())
                } else {
                    inside[at.index(inside.len())]
                };
                if edit == replacements.len() {
                    tokens.remove(at);
                } else {
                    tokens[at] = (format!("{} ", replacements[edit]), tokens[at].1);
                }
            }
            let source = text(&tokens);
            if let Ok(input) = syn::parse_str::<syn::DeriveInput>(&source) {
                parsed.set(parsed.get() + 1);
                let output = entry::derive(&input).to_string();
                expanded_to_code.set(expanded_to_code.get() + usize::from(!output.contains("compile_error")));
            }
            expand(&source).map_err(TestCaseError::fail)
        })
        .unwrap();
    // Not vacuous: about half the mutants are Rust the derive must handle (measured: ~1,550
    // of 3,000), and they exercise both its outcomes — spanned errors and generated code.
    let (parsed, expanded_to_code) = (parsed.get(), expanded_to_code.get());
    println!("mutants: {parsed} of 3000 parse, {expanded_to_code} expand to code");
    assert!(parsed > 1000, "only {parsed} mutants parse");
    assert!(
        expanded_to_code > 10 && parsed - expanded_to_code > 500,
        "{expanded_to_code} of {parsed} expand to code"
    );
}

/// Tokens in a stream, a group counting its two delimiters.
fn tokens(stream: proc_macro2::TokenStream) -> usize {
    stream
        .into_iter()
        .map(|tree| match tree {
            proc_macro2::TokenTree::Group(group) => 2 + tokens(group.stream()),
            _ => 1,
        })
        .sum()
}

/// What one more variant adds to the derive's output, in tokens: the size of the output is the
/// derive's compile-time cost (BENCHMARKS.md), so each kind of variant has a budget, set at
/// what it costs now; a change that makes a variant dearer fails here and must say why.
#[test]
fn each_variant_expands_within_its_token_budget() {
    let per_variant = |variant: &str| {
        let expand = |n: usize| {
            let variants: String = (0..n).map(|i| variant.replace('N', &i.to_string())).collect();
            let input = syn::parse_str::<syn::DeriveInput>(&format!("enum E {{ {variants} }}")).unwrap();
            let output = entry::derive(&input);
            assert!(!output.to_string().contains("compile_error"), "{variant}");
            tokens(output)
        };
        (expand(110) - expand(10)) / 100
    };
    for (variant, budget) in [
        // A positional spec constructor with defaults left out, and three short `match` arms
        // (`spec()`, and `status()`/`code()`, which must cost what a hand-written `match`
        // costs: BENCHMARKS.md, "Lookups").
        ("#[api(status = 404)] VN,", 74),
        ("/// Doc N.\n#[api(status = 409)] VN,", 79),
        ("#[api(status = 409, message = \"Taken: {0}.\")] VN(String),", 175),
        (
            "#[api(status = 429, retry_after = 3, domain = \"d\", help = \"h\")] VN,",
            89,
        ),
    ] {
        let measured = per_variant(variant);
        println!("{measured:>4} tokens per variant: {}", variant.replace('\n', " "));
        assert!(
            measured <= budget,
            "{variant}: {measured} tokens, budget {budget}"
        );
    }
}
