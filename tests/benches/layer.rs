//! What `ErrwireLayer` costs a request, in process: the load test's own cost routes
//! (`load_test::cost::routes`, one home for them) called as a tower service, without sockets,
//! so only the per-request work is timed. `bash tests/load/run.sh 60 8 cost` measures the
//! same routes over HTTP.
//!
//! Before timing, each pair is checked to answer the same status, `content-type`,
//! `x-request-id` and body bytes, as the load driver checks.

use std::hint::black_box;
use std::task::{Context, Poll, Waker};

use axum::Router;
use axum::body::Body;
use criterion::Criterion;
use errwire::http::{Request, Response};
use tower::Service;

/// The routes' futures finish without waiting (no timeout, no I/O): one poll answers.
fn now<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a cost route waited"),
    }
}

fn respond(router: &mut Router, path: &str, id: Option<&str>) -> Response<Body> {
    let mut request = Request::get(path);
    if let Some(id) = id {
        request = request.header("x-request-id", id);
    }
    let request = request.body(Body::empty()).expect("a request");
    match now(router.call(request)) {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// One request, its response dropped: what is timed, and (not inlined) what
/// `instructions.sh` counts.
#[inline(never)]
fn call(router: &mut Router, path: &str) -> u16 {
    respond(router, path, None).status().as_u16()
}

/// Status, content type, request id and body bytes; the body with the id in it replaced by
/// `{id}`, so answers carrying different generated ids compare.
fn answer(
    router: &mut Router,
    path: &str,
    id: Option<&str>,
) -> (u16, Option<String>, Option<String>, String) {
    let response = respond(router, path, id);
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &errwire::http::HeaderValue| v.to_str().expect("text").to_owned())
    };
    let (status, content_type, id) = (
        response.status().as_u16(),
        header("content-type"),
        header("x-request-id"),
    );
    let body = now(axum::body::to_bytes(response.into_body(), 1 << 16)).expect("a body");
    let mut body = String::from_utf8(body.to_vec()).expect("UTF-8");
    if let Some(id) = &id {
        body = body.replace(id.as_str(), "{id}");
    }
    (status, content_type, id, body)
}

/// Each pair answers the same status, content type, id and bytes, with the client's id and
/// with a generated one; the bare route answers the same without an id.
fn check_same_job(router: &mut Router) {
    for client in [Some("same-job-7"), None] {
        let bare = answer(router, "/cost/bare/ok", client);
        let layered_ok = answer(router, "/cost/layered/ok", client);
        let hand_ok = answer(router, "/cost/hand/ok", client);
        assert_eq!(
            (bare.0, bare.1.as_deref(), bare.3.as_str()),
            (200, Some("text/plain; charset=utf-8"), "ok")
        );
        assert_eq!(bare.2, None);
        assert_eq!(
            (&layered_ok.0, &layered_ok.1, &layered_ok.3),
            (&bare.0, &bare.1, &bare.3)
        );
        let layered_error = answer(router, "/cost/layered/error/7", client);
        let hand_error = answer(router, "/cost/hand/error/7", client);
        assert_eq!(layered_error.0, 409);
        assert!(
            layered_error.3.contains(r#""request_id":"{id}""#),
            "{}",
            layered_error.3
        );
        for (errwire, hand) in [(&layered_ok, &hand_ok), (&layered_error, &hand_error)] {
            assert_eq!((errwire.0, &errwire.1, &errwire.3), (hand.0, &hand.1, &hand.3));
            match client {
                Some(id) => assert_eq!((errwire.2.as_deref(), hand.2.as_deref()), (Some(id), Some(id))),
                // Both generate a UUID.
                None => assert_eq!(
                    (
                        errwire.2.as_ref().map(String::len),
                        hand.2.as_ref().map(String::len)
                    ),
                    (Some(36), Some(36))
                ),
            }
        }
    }
}

/// The cost routes, as the load driver names them, each called without a client id.
pub fn layer(c: &mut Criterion) {
    // Nested as the load service nests them.
    let mut router = Router::new().nest("/cost", load_test::cost::routes());
    check_same_job(&mut router);
    let mut group = c.benchmark_group("layer");
    // `success/hand`: tower-http's two request-id layers, the same job by hand (an id made and
    // echoed); `success/no layer`: the route alone, what the load test's ≤ 3 % is against.
    for (name, path) in [
        ("success/no layer", "/cost/bare/ok"),
        ("success/errwire", "/cost/layered/ok"),
        ("success/hand", "/cost/hand/ok"),
        ("error/hand", "/cost/hand/error/7"),
        ("error/errwire", "/cost/layered/error/7"),
    ] {
        group.bench_function(name, |b| b.iter(|| call(&mut router, black_box(path))));
    }
    group.finish();
}

/// A gRPC handler's answer: trailers-only, `grpc-status: 0`, as tonic sends an empty reply.
/// Neither this service nor the layer's future is boxed, so the pair differs by the layer
/// alone. Its future is a named `Ready` (which is `Send + 'static`), so the same bench also
/// builds against the earlier, boxed layer, which asked for those bounds.
fn grpc_ok() -> impl Service<
    Request<()>,
    Response = Response<String>,
    Error = std::convert::Infallible,
    Future = std::future::Ready<Result<Response<String>, std::convert::Infallible>>,
> {
    tower::service_fn(|_: Request<()>| {
        std::future::ready(Ok(Response::builder()
            .header("content-type", "application/grpc")
            .header("grpc-status", "0")
            .body(String::new())
            .expect("a response")))
    })
}

fn grpc_respond<S>(service: &mut S) -> Response<String>
where
    S: Service<Request<()>, Response = Response<String>, Error = std::convert::Infallible>,
{
    let request = Request::post("/shop.Orders/Get").body(()).expect("a request");
    match now(service.call(request)) {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// One gRPC call, its response dropped: what is timed, and (not inlined) what
/// `instructions.sh` counts.
#[inline(never)]
fn grpc_call<S>(service: &mut S) -> usize
where
    S: Service<Request<()>, Response = Response<String>, Error = std::convert::Infallible>,
{
    grpc_respond(service).headers().len()
}

/// Status, content type and body of a gRPC answer, and the length of its id.
fn grpc_answer(response: &Response<String>) -> (Option<&str>, Option<&str>, &str, Option<usize>) {
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &errwire::http::HeaderValue| v.to_str().expect("text"))
    };
    (
        header("grpc-status"),
        header("content-type"),
        response.body().as_str(),
        header("x-request-id").map(str::len),
    )
}

/// What `errwire::tonic::GrpcLayer` costs a successful call over the handler alone: checked
/// to answer the same status, content type and body, the layered one with the id it made.
pub fn grpc(c: &mut Criterion) {
    let mut bare = grpc_ok();
    let mut layered = tower::Layer::layer(&errwire::tonic::GrpcLayer::new(), grpc_ok());
    let (bare_answer, layered_answer) = (grpc_respond(&mut bare), grpc_respond(&mut layered));
    let (bare_answer, layered_answer) = (grpc_answer(&bare_answer), grpc_answer(&layered_answer));
    assert_eq!(bare_answer, (Some("0"), Some("application/grpc"), "", None));
    assert_eq!(
        (layered_answer.0, layered_answer.1, layered_answer.2),
        (bare_answer.0, bare_answer.1, bare_answer.2)
    );
    assert_eq!(layered_answer.3, Some(36));
    let mut group = c.benchmark_group("layer");
    group.bench_function("grpc/no layer", |b| b.iter(|| grpc_call(black_box(&mut bare))));
    group.bench_function("grpc/errwire", |b| b.iter(|| grpc_call(black_box(&mut layered))));
    group.finish();
}
