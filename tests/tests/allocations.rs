//! Heap allocations per render, counted by a global allocator: rendering writes into the
//! caller's buffer and allocates nothing else. One test in this binary, so nothing else
//! allocates while it counts.

use std::sync::atomic::Ordering;

use errwire::format::{Flat, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple};
use errwire::{ApiError, Context, Format, to_json, to_response};

#[path = "support/counting.rs"]
mod counting;

use counting::ALLOCATIONS;

fn counted(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    f();
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

#[derive(Debug, ApiError)]
#[api(domain = "accounts", docs = "https://docs.example.com/errors#{code}")]
enum Sample {
    /// The request conflicts with current state.
    #[api(status = 409)]
    Plain,
    #[api(status = 409, message = "The slug '{slug}' is already in use.")]
    Placeholder { slug: String },
    #[api(status = 429)]
    WithDetails {
        #[api(detail)]
        scope: &'static str,
        #[api(detail)]
        limit: u32,
        #[api(retry_after)]
        wait: u64,
    },
}

fn render_allocations<F: Format>(error: &Sample, ctx: &Context<'_>) -> usize {
    let mut buffer = Vec::with_capacity(4096);
    counted(|| F::write_body(error, ctx, &mut buffer).unwrap())
}

#[test]
fn rendering_allocates_nothing_beyond_the_output_buffer() {
    let ctx = Context::new()
        .request_id("req_xyz123")
        .instance("/accounts/1")
        .jsonrpc_id(1);
    let errors = [
        ("plain", Sample::Plain),
        ("placeholder", Sample::Placeholder { slug: "acme".into() }),
        (
            "details",
            Sample::WithDetails {
                scope: "user",
                limit: 15,
                wait: 30,
            },
        ),
    ];
    let mut report = Vec::new();
    for (case, error) in &errors {
        let counts = [
            ("nested", render_allocations::<Nested>(error, &ctx)),
            ("flat", render_allocations::<Flat>(error, &ctx)),
            ("problem", render_allocations::<Problem>(error, &ctx)),
            ("oauth", render_allocations::<OAuth>(error, &ctx)),
            ("simple", render_allocations::<Simple>(error, &ctx)),
            ("jsonrpc", render_allocations::<JsonRpc>(error, &ctx)),
            ("jsonrpc-plain", render_allocations::<JsonRpcPlain>(error, &ctx)),
            ("mcp-tool", render_allocations::<McpTool>(error, &ctx)),
        ];
        for (format, count) in counts {
            report.push(format!("{format}/{case}: {count}"));
            // Placeholders are formatted straight into the buffer too.
            assert_eq!(count, 0, "{format}/{case} allocated {count} times");
        }
    }
    // The convenience functions allocate what they return, and nothing per field.
    let json = counted(|| drop(to_json::<Nested>(&errors[0].1, &ctx)));
    let response = counted(|| drop(to_response::<Nested>(&errors[0].1, &ctx)));
    report.push(format!("to_json/plain: {json}"));
    report.push(format!("to_response/plain: {response}"));
    assert!(json <= 2, "to_json allocated {json} times");
    assert!(response <= 4, "to_response allocated {response} times");
    // A translated render (a text-and-variable Fluent pattern, the locale negotiated from
    // `Accept-Language` on the stack) is written straight from the error: no `FluentArgs`.
    let translations = errwire::i18n::Translations::parse([(
        "fr",
        "placeholder = Le slug « { $slug } » est déjà utilisé.\n",
    )])
    .unwrap();
    let french = Context::new()
        .translations(&translations)
        .accept_language("fr-CA,fr;q=0.9,en;q=0.8");
    let mut buffer = Vec::with_capacity(4096);
    let translated = counted(|| Nested::write_body(&errors[1].1, &french, &mut buffer).unwrap());
    assert!(
        String::from_utf8_lossy(&buffer).contains("Le slug « acme »"),
        "not translated: {}",
        String::from_utf8_lossy(&buffer)
    );
    report.push(format!("nested/placeholder, translated: {translated}"));
    assert_eq!(translated, 0, "a translated render allocated {translated} times");
    // message() borrows when there is nothing to fill.
    assert_eq!(counted(|| drop(errors[0].1.message())), 0);
    assert_eq!(counted(|| drop(errors[1].1.message())), 1);
    println!("{}", report.join("\n"));
}
