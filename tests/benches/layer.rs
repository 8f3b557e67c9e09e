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

fn call(router: &mut Router, path: &str, id: Option<&str>) -> Response<Body> {
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

/// Status, content type, request id and body bytes.
fn answer(
    router: &mut Router,
    path: &str,
    id: Option<&str>,
) -> (u16, Option<String>, Option<String>, Vec<u8>) {
    let response = call(router, path, id);
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
    (status, content_type, id, body.to_vec())
}

/// Each pair answers the same status, content type, id and bytes; the bare route, no id.
fn check_same_job(router: &mut Router) {
    let id = Some("same-job-7");
    let bare = answer(router, "/cost/bare/ok", id);
    let layered_ok = answer(router, "/cost/layered/ok", id);
    let hand_ok = answer(router, "/cost/hand/ok", id);
    assert_eq!((bare.0, &bare.3), (200, &b"ok".to_vec()));
    assert_eq!(bare.2, None);
    assert_eq!(layered_ok, hand_ok);
    assert_eq!(layered_ok.2.as_deref(), Some("same-job-7"));
    let layered_error = answer(router, "/cost/layered/error/7", id);
    let hand_error = answer(router, "/cost/hand/error/7", id);
    assert_eq!(layered_error, hand_error);
    assert_eq!(layered_error.0, 409);
    // Without a client id, both sides generate one.
    for path in [
        "/cost/layered/ok",
        "/cost/hand/ok",
        "/cost/layered/error/7",
        "/cost/hand/error/7",
    ] {
        let generated = answer(router, path, None).2.expect("an id");
        assert_eq!(generated.len(), 36, "{path}: {generated}");
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
        group.bench_function(name, |b| b.iter(|| call(&mut router, black_box(path), None)));
    }
    group.finish();
}
