//! actix-web over real HTTP: a server on 127.0.0.1 port 0, reqwest as the client. Derived
//! errors (`ResponseError`), extractor errors and actix's own errors in one envelope, with
//! the request id.

use actix_web::{App, HttpServer, web};
use errwire::ApiError;
use errwire::format::Flat;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "accounts", format = Flat, rename_all = "SCREAMING_SNAKE_CASE")]
enum AccountError {
    /// Account not found.
    #[error("account {0} missing")]
    #[api(status = 404)]
    AccountNotFound(u32),
    /// Rate limit exceeded.
    #[error("limited")]
    #[api(status = 429)]
    RateLimited(#[api(retry_after)] u64),
}

#[derive(Debug, serde::Deserialize)]
struct NewAccount {
    #[allow(dead_code)] // read by serde only
    name: String,
}

#[derive(Debug, serde::Deserialize)]
struct Page {
    #[allow(dead_code)] // read by serde only
    page: u32,
}

async fn account(id: web::Path<u32>) -> Result<String, AccountError> {
    match id.into_inner() {
        1 => Ok("account 1".into()),
        7 => Err(AccountError::RateLimited(30)),
        id => Err(AccountError::AccountNotFound(id)),
    }
}

async fn create(_: web::Json<NewAccount>) -> &'static str {
    "created"
}

async fn list(_: web::Query<Page>) -> &'static str {
    "page"
}

async fn boxed() -> Result<String, Box<dyn ApiError + Send + Sync>> {
    Err(Box::new(AccountError::AccountNotFound(9)))
}

/// A handler answering a bare status, not an errwire error.
async fn plain_status(status: web::Path<u16>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::build(actix_web::http::StatusCode::from_u16(status.into_inner()).unwrap())
        .body("plain body")
}

async fn slow() -> &'static str {
    actix_web::rt::time::sleep(std::time::Duration::from_secs(5)).await;
    "late"
}

async fn boom() -> &'static str {
    panic!("secret panic detail")
}

/// Serves on 127.0.0.1:0 in the test's actix runtime; stopped at the end of the test.
async fn serve() -> (String, actix_web::dev::ServerHandle) {
    let server = HttpServer::new(|| {
        App::new()
            .wrap(
                errwire::actix::ErrwireMiddleware::<Flat>::new()
                    .negotiate_problem(true)
                    .timeout(std::time::Duration::from_millis(100))
                    .catch_panics(),
            )
            .app_data(errwire::actix::json_config::<Flat>().limit(64))
            .app_data(errwire::actix::path_config::<Flat>())
            .app_data(errwire::actix::query_config::<Flat>())
            // A resource answers 405 for a method it lacks (`App::route` would answer 404).
            .service(web::resource("/accounts/{id}").route(web::get().to(account)))
            .service(
                web::resource("/accounts")
                    .route(web::post().to(create))
                    .route(web::get().to(list)),
            )
            .route("/boxed", web::get().to(boxed))
            .route("/slow", web::get().to(slow))
            .route("/plain/{status}", web::get().to(plain_status))
            .route("/boom", web::get().to(boom))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let address = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (format!("http://{address}"), handle)
}

async fn send(request: reqwest::RequestBuilder) -> (u16, reqwest::header::HeaderMap, String) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap())
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().unwrap())
}

#[actix_web::test]
async fn derived_errors_and_request_ids() {
    let (base, handle) = serve().await;
    let client = reqwest::Client::new();
    let (status, headers, body) = send(
        client
            .get(format!("{base}/accounts/42"))
            .header("x-request-id", "req-a1"),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(header(&headers, "content-type"), Some("application/json"));
    assert_eq!(header(&headers, "x-request-id"), Some("req-a1"));
    assert_eq!(
        body,
        r#"{"ok":false,"code":"ACCOUNT_NOT_FOUND","detail":"Account not found.","error":"Account not found.","request_id":"req-a1"}"#
    );
    let (status, headers, body) = send(client.get(format!("{base}/accounts/7"))).await;
    assert_eq!(status, 429);
    assert_eq!(header(&headers, "retry-after"), Some("30"));
    let id = header(&headers, "x-request-id").unwrap();
    assert_eq!(id.len(), 36);
    assert_eq!(
        body,
        format!(
            r#"{{"ok":false,"code":"RATE_LIMITED","detail":"Rate limit exceeded.","error":"Rate limit exceeded.","request_id":"{id}"}}"#
        )
    );
    let (_, headers, _) = send(
        client
            .get(format!("{base}/accounts/1"))
            .header("x-request-id", "bad id"),
    )
    .await;
    assert_ne!(header(&headers, "x-request-id"), Some("bad id"));
    handle.stop(true).await;
}

#[actix_web::test]
async fn extractor_and_actix_errors_in_the_same_envelope() {
    let (base, handle) = serve().await;
    let client = reqwest::Client::new();
    let cases = [
        (
            client.get(format!("{base}/nowhere")),
            404,
            "route_not_found",
            "No route matches the request.",
        ),
        (
            client.delete(format!("{base}/accounts/1")),
            405,
            "method_not_allowed",
            "The route does not allow this method.",
        ),
        (
            client.get(format!("{base}/accounts/abc")),
            400,
            "invalid_path",
            "A path parameter is invalid.",
        ),
        (
            client.get(format!("{base}/accounts?page=x")),
            400,
            "invalid_query",
            "A query parameter is invalid.",
        ),
        (
            client
                .post(format!("{base}/accounts"))
                .header("content-type", "application/json")
                .body(r#"{"name":"#),
            400,
            "malformed_json",
            "The request body is not valid JSON.",
        ),
        (
            client
                .post(format!("{base}/accounts"))
                .header("content-type", "application/json")
                .body(r#"{"nom":"x"}"#),
            422,
            "invalid_body",
            "The request body does not match the expected shape.",
        ),
        (
            client
                .post(format!("{base}/accounts"))
                .header("content-type", "text/plain")
                .body("x"),
            415,
            "unsupported_media_type",
            "The request's content type is not supported.",
        ),
        (
            client
                .post(format!("{base}/accounts"))
                .header("content-type", "application/json")
                .body(format!(r#"{{"name":"{}"}}"#, "x".repeat(200))),
            413,
            "payload_too_large",
            "The request body is too large.",
        ),
    ];
    for (request, status, code, message) in cases {
        let (got, headers, body) = send(request.header("x-request-id", "r")).await;
        assert_eq!(got, status, "{code}: {body}");
        assert_eq!(header(&headers, "x-request-id"), Some("r"));
        assert_eq!(
            body,
            format!(
                r#"{{"ok":false,"code":"{code}","detail":"{message}","error":"{message}","request_id":"r"}}"#
            ),
        );
    }
    handle.stop(true).await;
}

#[actix_web::test]
async fn boxed_errors_and_negotiation_in_the_services_envelope() {
    let (base, handle) = serve().await;
    let client = reqwest::Client::new();
    let (status, _, body) = send(client.get(format!("{base}/boxed")).header("x-request-id", "b")).await;
    assert_eq!(status, 404);
    // Behind the middleware, a boxed error is in the service's envelope too.
    assert_eq!(
        body,
        r#"{"ok":false,"code":"ACCOUNT_NOT_FOUND","detail":"Account not found.","error":"Account not found.","request_id":"b"}"#
    );
    let (_, headers, body) = send(
        client
            .get(format!("{base}/accounts/5"))
            .header("accept", "application/problem+json")
            .header("x-request-id", "p"),
    )
    .await;
    assert_eq!(header(&headers, "content-type"), Some("application/problem+json"));
    assert_eq!(
        body,
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Account not found.","instance":"/accounts/5","code":"ACCOUNT_NOT_FOUND","request_id":"p"}"#
    );
    handle.stop(true).await;
}

#[actix_web::test]
async fn timeouts_and_panics_in_the_same_envelope() {
    let (base, handle) = serve().await;
    let client = reqwest::Client::new();
    for (path, status, code, message) in [
        (
            "/slow",
            408,
            "request_timeout",
            "The server did not finish in time.",
        ),
        ("/boom", 500, "internal_error", "The server failed unexpectedly."),
    ] {
        let (got, headers, body) =
            send(client.get(format!("{base}{path}")).header("x-request-id", "t")).await;
        assert_eq!(got, status, "{body}");
        assert_eq!(header(&headers, "x-request-id"), Some("t"));
        assert_eq!(
            body,
            format!(
                r#"{{"ok":false,"code":"{code}","detail":"{message}","error":"{message}","request_id":"t"}}"#
            )
        );
    }
    // The worker survived the panic.
    let (status, _, _) = send(client.get(format!("{base}/accounts/1"))).await;
    assert_eq!(status, 200);
    handle.stop(true).await;
}

#[actix_web::test]
async fn the_middleware_never_changes_the_status_a_handler_chose() {
    let (base, handle) = serve().await;
    let client = reqwest::Client::new();
    let (status, _, body) = send(
        client
            .get(format!("{base}/plain/409"))
            .header("x-request-id", "c"),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(
        body,
        r#"{"ok":false,"code":"conflict","detail":"The request conflicts with the current state.","error":"The request conflicts with the current state.","request_id":"c"}"#
    );
    let (status, _, _) = send(client.get(format!("{base}/plain/501"))).await;
    assert_eq!(status, 501);
    let (status, headers, body) = send(
        client
            .get(format!("{base}/plain/418"))
            .header("x-request-id", "t"),
    )
    .await;
    assert_eq!((status, body.as_str()), (418, "plain body"));
    assert_eq!(header(&headers, "x-request-id"), Some("t"));
    handle.stop(true).await;
}
