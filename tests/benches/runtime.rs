//! Run-time cost, side by side with hand-written code and the peer crates, in one run.
//!
//! `cargo bench -p errwire-tests --bench runtime`. Each errwire benchmark has a hand-written
//! twin doing the same job — a `match`, a `#[derive(Serialize)]` struct written with
//! `serde_json::to_writer`, an `http::Response` built by hand — and before anything is timed
//! the two are checked to produce identical results. BENCHMARKS.md reports the ratios.

mod layer;
mod variants;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use errwire::format::{Flat, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple};
use errwire::http::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use errwire::http::{Response, StatusCode};
use errwire::{ApiError, Context, Format, to_response};
use serde::Serialize;

// ---------------------------------------------------------------- lookups

fn lookup(c: &mut Criterion) {
    let mut group = c.benchmark_group("lookup");
    macro_rules! sizes {
        ($($n:literal => $all:path),*) => {$(
            // 512 values cycling through the variants: enough work per iteration to time.
            let (derived, hand) = $all();
            let derived: Vec<_> = derived.iter().copied().cycle().take(512).collect();
            let hand: Vec<_> = hand.iter().copied().cycle().take(512).collect();
            assert!(derived.iter().zip(&hand).all(|(d, h)| d.status() == h.status() && d.code() == h.code()));
            assert!(derived.iter().zip(&hand).all(|(d, h)| d.spec().message() == h.spec().message));
            group.bench_function(BenchmarkId::new("status/errwire", $n), |b| {
                b.iter(|| derived.iter().map(|e| u32::from(black_box(e).status().as_u16())).sum::<u32>())
            });
            group.bench_function(BenchmarkId::new("status/hand", $n), |b| {
                b.iter(|| hand.iter().map(|e| u32::from(black_box(e).status().as_u16())).sum::<u32>())
            });
            group.bench_function(BenchmarkId::new("code/errwire", $n), |b| {
                b.iter(|| derived.iter().map(|e| black_box(e).code().len()).sum::<usize>())
            });
            group.bench_function(BenchmarkId::new("code/hand", $n), |b| {
                b.iter(|| hand.iter().map(|e| black_box(e).code().len()).sum::<usize>())
            });
            group.bench_function(BenchmarkId::new("spec/errwire", $n), |b| {
                b.iter(|| derived.iter().map(|e| black_box(e).spec().message().len()).sum::<usize>())
            });
            group.bench_function(BenchmarkId::new("spec/hand", $n), |b| {
                b.iter(|| hand.iter().map(|e| black_box(e).spec().message.len()).sum::<usize>())
            });
        )*};
    }
    sizes!(1 => variants::all_1, 10 => variants::all_10, 500 => variants::all_500);
    group.finish();
}

// ---------------------------------------------------------------- rendering

/// The errwire error the rendering benchmarks use.
#[derive(Debug, ApiError)]
#[api(domain = "accounts", docs = "https://docs.example.com/errors#{code}")]
enum Bench {
    /// The request conflicts with current state.
    #[api(status = 409, code = "state_conflict")]
    Plain,
    #[api(
        status = 409,
        code = "workspace_slug_taken",
        message = "The slug '{slug}' is already in use."
    )]
    Placeholder { slug: String },
    #[api(status = 429, code = "rate_limited")]
    WithDetails {
        #[api(detail)]
        scope: &'static str,
        #[api(detail)]
        limit: u32,
        #[api(retry_after)]
        wait: u64,
    },
}

/// The same error, hand-written.
enum Hand {
    Plain,
    Placeholder {
        slug: String,
    },
    WithDetails {
        scope: &'static str,
        limit: u32,
        wait: u64,
    },
}

#[derive(Serialize)]
struct HandDetails<'a> {
    scope: &'a str,
    limit: u32,
}

impl Hand {
    fn status(&self) -> StatusCode {
        match self {
            Self::Plain | Self::Placeholder { .. } => StatusCode::CONFLICT,
            Self::WithDetails { .. } => StatusCode::TOO_MANY_REQUESTS,
        }
    }
    fn code(&self) -> &'static str {
        match self {
            Self::Plain => "state_conflict",
            Self::Placeholder { .. } => "workspace_slug_taken",
            Self::WithDetails { .. } => "rate_limited",
        }
    }
    /// The message, written straight into the serializer: what a person who cares would write.
    fn message(&self) -> HandMessage<'_> {
        HandMessage(self)
    }
    fn title(&self) -> &'static str {
        match self {
            Self::Plain | Self::Placeholder { .. } => "Conflict",
            Self::WithDetails { .. } => "Too Many Requests",
        }
    }
    fn docs(&self) -> &'static str {
        match self {
            Self::Plain => "https://docs.example.com/errors#state_conflict",
            Self::Placeholder { .. } => "https://docs.example.com/errors#workspace_slug_taken",
            Self::WithDetails { .. } => "https://docs.example.com/errors#rate_limited",
        }
    }
    fn retryable(&self) -> bool {
        matches!(self, Self::WithDetails { .. })
    }
    fn retry_after(&self) -> Option<u64> {
        match self {
            Self::WithDetails { wait, .. } => Some(*wait),
            _ => None,
        }
    }
    fn details(&self) -> Option<HandDetails<'_>> {
        match self {
            Self::WithDetails { scope, limit, .. } => Some(HandDetails { scope, limit: *limit }),
            _ => None,
        }
    }
    /// `Simple` writes a description only for a message written for the wire.
    fn written_message(&self) -> Option<HandMessage<'_>> {
        matches!(self, Self::Placeholder { .. }).then(|| self.message())
    }
}

/// A message serialized without building a `String`: static texts as `&str`, the placeholder
/// one through `Display` (`collect_str`).
#[derive(Clone, Copy)]
struct HandMessage<'a>(&'a Hand);

impl Serialize for HandMessage<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Hand::Plain => serializer.serialize_str("The request conflicts with current state."),
            Hand::Placeholder { slug } => {
                serializer.collect_str(&format_args!("The slug '{slug}' is already in use."))
            }
            Hand::WithDetails { .. } => serializer.serialize_str("Too Many Requests"),
        }
    }
}

const REQUEST_ID: &str = "req_xyz123";
const INSTANCE: &str = "/accounts/1";

#[derive(Serialize)]
struct NestedBody<'a> {
    error: NestedInner<'a>,
}
#[derive(Serialize)]
struct NestedInner<'a> {
    code: &'a str,
    message: HandMessage<'a>,
    request_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<HandDetails<'a>>,
}
fn nested(h: &Hand) -> NestedBody<'_> {
    NestedBody {
        error: NestedInner {
            code: h.code(),
            message: h.message(),
            request_id: REQUEST_ID,
            details: h.details(),
        },
    }
}

#[derive(Serialize)]
struct FlatBody<'a> {
    ok: bool,
    code: &'a str,
    detail: HandMessage<'a>,
    error: HandMessage<'a>,
    request_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<HandDetails<'a>>,
}
fn flat(h: &Hand) -> FlatBody<'_> {
    let message = h.message();
    FlatBody {
        ok: false,
        code: h.code(),
        detail: message,
        error: message,
        request_id: REQUEST_ID,
        details: h.details(),
    }
}

#[derive(Serialize)]
struct ProblemBody<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    title: &'a str,
    status: u16,
    detail: HandMessage<'a>,
    instance: &'a str,
    code: &'a str,
    request_id: &'a str,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    details: Option<HandDetails<'a>>,
}
fn problem(h: &Hand) -> ProblemBody<'_> {
    ProblemBody {
        kind: h.docs(),
        title: h.title(),
        status: h.status().as_u16(),
        detail: h.message(),
        instance: INSTANCE,
        code: h.code(),
        request_id: REQUEST_ID,
        details: h.details(),
    }
}

#[derive(Serialize)]
struct OAuthBody<'a> {
    error: &'a str,
    error_description: HandMessage<'a>,
    error_uri: &'a str,
}
fn oauth(h: &Hand) -> OAuthBody<'_> {
    OAuthBody {
        error: h.code(),
        error_description: h.message(),
        error_uri: h.docs(),
    }
}

#[derive(Serialize)]
struct SimpleBody<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_description: Option<HandMessage<'a>>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    details: Option<HandDetails<'a>>,
}
fn simple(h: &Hand) -> SimpleBody<'_> {
    SimpleBody {
        error: h.code(),
        error_description: h.written_message(),
        details: h.details(),
    }
}

#[derive(Serialize)]
struct JsonRpcBody<'a, D> {
    jsonrpc: &'a str,
    id: u32,
    error: D,
}
#[derive(Serialize)]
struct JsonRpcError<'a> {
    code: i32,
    message: HandMessage<'a>,
    data: JsonRpcData<'a>,
}
#[derive(Serialize)]
struct JsonRpcData<'a> {
    code: &'a str,
    status: u16,
    retryable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after: Option<u64>,
    request_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<HandDetails<'a>>,
}
fn jsonrpc(h: &Hand) -> JsonRpcBody<'_, JsonRpcError<'_>> {
    JsonRpcBody {
        jsonrpc: "2.0",
        id: 1,
        error: JsonRpcError {
            code: -32000,
            message: h.message(),
            data: JsonRpcData {
                code: h.code(),
                status: h.status().as_u16(),
                retryable: h.retryable(),
                retry_after: h.retry_after(),
                request_id: REQUEST_ID,
                details: h.details(),
            },
        },
    }
}

#[derive(Serialize)]
struct JsonRpcPlainError<'a> {
    code: i32,
    message: HandMessage<'a>,
}
fn jsonrpc_plain(h: &Hand) -> JsonRpcBody<'_, JsonRpcPlainError<'_>> {
    JsonRpcBody {
        jsonrpc: "2.0",
        id: 1,
        error: JsonRpcPlainError {
            code: -32000,
            message: h.message(),
        },
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct McpBody<'a> {
    content: [McpText<'a>; 1],
    is_error: bool,
    structured_content: McpStructured<'a>,
}
#[derive(Serialize)]
struct McpText<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    text: HandMessage<'a>,
}
#[derive(Serialize)]
struct McpStructured<'a> {
    code: &'a str,
    retryable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after: Option<u64>,
    request_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<HandDetails<'a>>,
}
fn mcp_tool(h: &Hand) -> McpBody<'_> {
    McpBody {
        content: [McpText {
            kind: "text",
            text: h.message(),
        }],
        is_error: true,
        structured_content: McpStructured {
            code: h.code(),
            retryable: h.retryable(),
            retry_after: h.retry_after(),
            request_id: REQUEST_ID,
            details: h.details(),
        },
    }
}

fn cases() -> [(&'static str, Bench, Hand); 3] {
    [
        ("plain", Bench::Plain, Hand::Plain),
        (
            "placeholder",
            Bench::Placeholder { slug: "acme".into() },
            Hand::Placeholder { slug: "acme".into() },
        ),
        (
            "details",
            Bench::WithDetails {
                scope: "user",
                limit: 15,
                wait: 30,
            },
            Hand::WithDetails {
                scope: "user",
                limit: 15,
                wait: 30,
            },
        ),
    ]
}

fn context() -> Context<'static> {
    Context::new()
        .request_id(REQUEST_ID)
        .instance(INSTANCE)
        .jsonrpc_id(1)
}

/// Benchmarks format `F` against its hand-written twin, after checking they write the same
/// bytes.
fn render_format<F: Format>(c: &mut Criterion, name: &str, hand: impl Fn(&Hand, &mut Vec<u8>)) {
    let mut group = c.benchmark_group(format!("render/{name}"));
    let ctx = context();
    for (case, error, twin) in cases() {
        let mut ours = Vec::with_capacity(1024);
        F::write_body(&error, &ctx, &mut ours).unwrap();
        let mut theirs = Vec::new();
        hand(&twin, &mut theirs);
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs),
            "{name}/{case}"
        );
        let mut buffer = Vec::with_capacity(1024);
        group.bench_function(BenchmarkId::new("errwire", case), |b| {
            b.iter(|| {
                buffer.clear();
                F::write_body(black_box(&error), black_box(&ctx), &mut buffer).unwrap();
                buffer.len()
            })
        });
        group.bench_function(BenchmarkId::new("hand", case), |b| {
            b.iter(|| {
                buffer.clear();
                hand(black_box(&twin), &mut buffer);
                buffer.len()
            })
        });
    }
    group.finish();
}

fn render(c: &mut Criterion) {
    render_format::<Nested>(c, "nested", |h, out| {
        serde_json::to_writer(out, &nested(h)).unwrap()
    });
    render_format::<Flat>(c, "flat", |h, out| serde_json::to_writer(out, &flat(h)).unwrap());
    render_format::<Problem>(c, "problem", |h, out| {
        serde_json::to_writer(out, &problem(h)).unwrap()
    });
    render_format::<OAuth>(c, "oauth", |h, out| {
        serde_json::to_writer(out, &oauth(h)).unwrap()
    });
    render_format::<Simple>(c, "simple", |h, out| {
        serde_json::to_writer(out, &simple(h)).unwrap()
    });
    render_format::<JsonRpc>(c, "jsonrpc", |h, out| {
        serde_json::to_writer(out, &jsonrpc(h)).unwrap()
    });
    render_format::<JsonRpcPlain>(c, "jsonrpc-plain", |h, out| {
        serde_json::to_writer(out, &jsonrpc_plain(h)).unwrap()
    });
    render_format::<McpTool>(c, "mcp-tool", |h, out| {
        serde_json::to_writer(out, &mcp_tool(h)).unwrap()
    });
}

// ---------------------------------------------------------------- responses

fn hand_response(h: &Hand) -> Response<Vec<u8>> {
    let mut builder = Response::builder()
        .status(h.status())
        .header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(wait) = h.retry_after() {
        builder = builder.header(RETRY_AFTER, HeaderValue::from(wait));
    }
    builder
        .header("x-request-id", HeaderValue::from_static(REQUEST_ID))
        .body(serde_json::to_vec(&nested(h)).unwrap())
        .unwrap()
}

fn response(c: &mut Criterion) {
    let mut group = c.benchmark_group("to_response/nested");
    let ctx = context();
    for (case, error, twin) in cases() {
        let ours = to_response::<Nested>(&error, &ctx);
        let theirs = hand_response(&twin);
        assert_eq!(ours.status(), theirs.status());
        assert_eq!(ours.headers(), theirs.headers());
        assert_eq!(ours.body(), theirs.body(), "{case}");
        group.bench_function(BenchmarkId::new("errwire", case), |b| {
            b.iter(|| to_response::<Nested>(black_box(&error), black_box(&ctx)))
        });
        group.bench_function(BenchmarkId::new("hand", case), |b| {
            b.iter(|| hand_response(black_box(&twin)))
        });
    }
    group.finish();
}

// ---------------------------------------------------------------- peers

/// The `api-error` crate's derive names its trait as a bare `ApiError`, so it lives in a
/// module where that name is its own.
mod peer {
    use api_error::ApiError;

    /// The same ten-variant enum with the `api-error` crate's derive.
    #[derive(Debug, thiserror::Error, ApiError)]
    pub enum PeerTen {
        #[error("v0")]
        #[api_error(status_code = 400, message = "Message Variant0.")]
        Variant0,
        #[error("v1")]
        #[api_error(status_code = 401, message = "Message Variant1.")]
        Variant1,
        #[error("v2")]
        #[api_error(status_code = 403, message = "Message Variant2.")]
        Variant2,
        #[error("v3")]
        #[api_error(status_code = 404, message = "Message Variant3.")]
        Variant3,
        #[error("v4")]
        #[api_error(status_code = 409, message = "Message Variant4.")]
        Variant4,
        #[error("v5")]
        #[api_error(status_code = 422, message = "Message Variant5.")]
        Variant5,
        #[error("v6")]
        #[api_error(status_code = 429, message = "Message Variant6.")]
        Variant6,
        #[error("v7")]
        #[api_error(status_code = 500, message = "Message Variant7.")]
        Variant7,
        #[error("v8")]
        #[api_error(status_code = 502, message = "Message Variant8.")]
        Variant8,
        #[error("v9")]
        #[api_error(status_code = 503, message = "Message Variant9.")]
        Variant9,
    }
}

use peer::PeerTen;

fn peers(c: &mut Criterion) {
    use api_error::ApiError as _;
    let mut group = c.benchmark_group("peers");
    let (derived, _) = variants::all_10();
    let peer = [
        PeerTen::Variant0,
        PeerTen::Variant1,
        PeerTen::Variant2,
        PeerTen::Variant3,
        PeerTen::Variant4,
        PeerTen::Variant5,
        PeerTen::Variant6,
        PeerTen::Variant7,
        PeerTen::Variant8,
        PeerTen::Variant9,
    ];
    assert!(
        derived
            .iter()
            .zip(&peer)
            .all(|(d, p)| d.status() == p.status_code() && d.spec().message() == p.message())
    );
    group.bench_function("status+message/errwire", |b| {
        b.iter(|| {
            derived
                .iter()
                .map(|e| usize::from(black_box(e).status().as_u16()) + e.message().len())
                .sum::<usize>()
        })
    });
    group.bench_function("status+message/api-error", |b| {
        b.iter(|| {
            peer.iter()
                .map(|e| usize::from(black_box(e).status_code().as_u16()) + e.message().len())
                .sum::<usize>()
        })
    });

    let ctx = context();
    let peer_problem = || {
        http_api_problem::HttpApiProblem::with_title(StatusCode::CONFLICT)
            .type_url("https://docs.example.com/errors#state_conflict")
            .detail("The request conflicts with current state.")
            .instance(INSTANCE)
            .value("code", &"state_conflict")
            .value("request_id", &REQUEST_ID)
    };
    // The same document up to member order: checked as parsed JSON before timing.
    let ours: serde_json::Value =
        serde_json::from_str(&errwire::to_json::<Problem>(&Bench::Plain, &ctx)).unwrap();
    assert_eq!(ours, serde_json::to_value(peer_problem()).unwrap());
    let mut buffer = Vec::with_capacity(1024);
    group.bench_function("problem-json/errwire", |b| {
        b.iter(|| {
            buffer.clear();
            Problem::write_body(black_box(&Bench::Plain), &ctx, &mut buffer).unwrap();
            buffer.len()
        })
    });
    group.bench_function("problem-json/http-api-problem", |b| {
        b.iter(|| {
            buffer.clear();
            serde_json::to_writer(&mut buffer, black_box(&peer_problem())).unwrap();
            buffer.len()
        })
    });
    group.bench_function("envelope-json/errwire", |b| {
        b.iter(|| {
            buffer.clear();
            Nested::write_body(
                black_box(&Bench::WithDetails {
                    scope: "user",
                    limit: 15,
                    wait: 30,
                }),
                &ctx,
                &mut buffer,
            )
            .unwrap();
            buffer.len()
        })
    });
    group.bench_function("envelope-json/error-envelope", |b| {
        b.iter(|| {
            buffer.clear();
            let error =
                error_envelope::Error::new(error_envelope::Code::RateLimited, 429, "Too Many Requests")
                    .with_details(serde_json::json!({"scope": "user", "limit": 15}))
                    .with_trace_id(REQUEST_ID)
                    .with_retry_after(Duration::from_secs(30));
            serde_json::to_writer(&mut buffer, black_box(&error)).unwrap();
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
    targets = lookup, render, response, peers, layer::layer, layer::grpc
}
criterion_main!(benches);
