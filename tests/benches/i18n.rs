//! Translated messages (feature `i18n`), side by side in one run: the untranslated
//! placeholder message (the baseline the issue sets: ≤ 1.2×), the same with translations
//! configured but no `Accept-Language` (must cost nothing extra), a request negotiating
//! `Accept-Language` and writing the French translation, the same with the locales already
//! chosen (what the layer does once per request), and a hand-written French twin (a
//! `starts_with("fr")` check and a `write!`), each pair checked to write the same bytes first.
//! The allocations of each case are counted and printed before timing.

use std::hint::black_box;
use std::io::Write as _;
use std::sync::atomic::Ordering;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use errwire::format::Nested;
use errwire::i18n::Translations;
use errwire::{ApiError, Context, Format};

#[path = "../tests/support/counting.rs"]
mod counting;

use counting::ALLOCATIONS;

#[derive(Debug, ApiError)]
enum WorkspaceError {
    #[api(status = 409, message = "The slug '{slug}' is already in use.")]
    WorkspaceSlugTaken { slug: String },
}

const FR: &str = "workspace_slug_taken = Le slug « { $slug } » est déjà utilisé.\n";
const ACCEPT: &str = "fr-CA,fr;q=0.9,en;q=0.8";

/// The hand-written equivalent of the translated render: what a service writes without
/// errwire's i18n (its own language check, its own French string).
fn hand_french(slug: &str, accept: &str, out: &mut Vec<u8>) {
    let french = accept
        .split(',')
        .next()
        .is_some_and(|first| first.trim_start().starts_with("fr"));
    let message = if french {
        format!("Le slug « {slug} » est déjà utilisé.")
    } else {
        format!("The slug '{slug}' is already in use.")
    };
    #[derive(serde::Serialize)]
    struct Inner<'a> {
        code: &'a str,
        message: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Body<'a> {
        error: Inner<'a>,
    }
    let body = Body {
        error: Inner {
            code: "workspace_slug_taken",
            message: &message,
        },
    };
    serde_json::to_writer(out, &body).unwrap();
}

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    f();
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

fn i18n(c: &mut Criterion) {
    let translations = Translations::parse([("fr", FR), ("de", "workspace_slug_taken = x\n")]).unwrap();
    let error = WorkspaceError::WorkspaceSlugTaken { slug: "acme".into() };
    let chain = translations.negotiate(ACCEPT);
    let plain = Context::new();
    let configured = Context::new().translations(&translations);
    let chosen = Context::new().translations(&translations).locale_chain(chain);

    // Same bytes first: untranslated = configured without a header; translated = hand-written.
    let body = |ctx: &Context<'_>| {
        let mut out = Vec::new();
        Nested::write_body(&error, ctx, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    assert_eq!(body(&plain), body(&configured));
    let negotiated = Context::new().translations(&translations).accept_language(ACCEPT);
    let mut hand = Vec::new();
    hand_french("acme", ACCEPT, &mut hand);
    assert_eq!(body(&negotiated), String::from_utf8(hand).unwrap());
    assert_eq!(body(&negotiated), body(&chosen));

    let mut buffer = Vec::with_capacity(1024);
    let mut count = |name: &str, f: &mut dyn FnMut(&mut Vec<u8>)| {
        buffer.clear();
        f(&mut buffer); // warm: the buffer has its capacity
        buffer.clear();
        let n = allocations(|| f(&mut buffer));
        let _ = writeln!(std::io::stderr(), "i18n allocations per render, {name}: {n}");
    };
    count("untranslated", &mut |out| {
        Nested::write_body(&error, &plain, out).unwrap()
    });
    count("configured, no header", &mut |out| {
        Nested::write_body(&error, &configured, out).unwrap();
    });
    count("negotiate + translate", &mut |out| {
        let ctx = Context::new().translations(&translations).accept_language(ACCEPT);
        Nested::write_body(&error, &ctx, out).unwrap();
    });
    count("translate (chosen)", &mut |out| {
        Nested::write_body(&error, &chosen, out).unwrap()
    });
    count("hand-written French", &mut |out| hand_french("acme", ACCEPT, out));

    let mut group = c.benchmark_group("i18n/nested");
    let mut buffer = Vec::with_capacity(1024);
    group.bench_function("untranslated", |b| {
        b.iter(|| {
            buffer.clear();
            Nested::write_body(black_box(&error), black_box(&plain), &mut buffer).unwrap();
            buffer.len()
        })
    });
    group.bench_function("configured, no header", |b| {
        b.iter(|| {
            buffer.clear();
            Nested::write_body(black_box(&error), black_box(&configured), &mut buffer).unwrap();
            buffer.len()
        })
    });
    group.bench_function("negotiate + translate", |b| {
        b.iter(|| {
            buffer.clear();
            let ctx = Context::new()
                .translations(black_box(&translations))
                .accept_language(black_box(ACCEPT));
            Nested::write_body(black_box(&error), &ctx, &mut buffer).unwrap();
            buffer.len()
        })
    });
    group.bench_function("translate (chosen)", |b| {
        b.iter(|| {
            buffer.clear();
            Nested::write_body(black_box(&error), black_box(&chosen), &mut buffer).unwrap();
            buffer.len()
        })
    });
    group.bench_function("negotiate only", |b| {
        b.iter(|| black_box(&translations).negotiate(black_box(ACCEPT)));
    });
    group.bench_function("hand-written French", |b| {
        b.iter(|| {
            buffer.clear();
            hand_french(black_box("acme"), black_box(ACCEPT), &mut buffer);
            buffer.len()
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(40)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1200))
        .without_plots()
}

criterion_group! {
    name = benches;
    config = config();
    targets = i18n
}
criterion_main!(benches);
