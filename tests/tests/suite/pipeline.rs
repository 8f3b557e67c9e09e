//! The one web pipeline, proven step by step for each transport — the tower layer (axum),
//! the actix-web middleware, the poem middleware, the salvo hoop, the rocket fairing and the
//! gRPC layer (tonic) — over a real server: the request span (an error logged inside it names
//! the span and the request id), the client's id echoed, the message translated for the
//! request's `Accept-Language`, the service header on every response, a handler that never
//! answers becomes `request_timeout` (not rocket: it runs its handlers itself), and one that
//! panics becomes `internal_error`. All take the same settings type.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use errwire::ApiError;
use errwire::format::Nested;
use errwire::http::{HeaderName, HeaderValue};
use errwire::i18n::Translations;
use errwire::request::ErrwireSettings;

#[derive(Debug, thiserror::Error, ApiError)]
enum OrderError {
    /// The order conflicts.
    #[error("order {id} conflicts with order 17 (internal detail)")]
    #[api(status = 500, code = "order_conflict", message = "Order {id} conflicts.")]
    Conflict { id: u32 },
}

/// What every transport is set up with: a short timeout, panics caught, a service header, and
/// French.
fn settings() -> ErrwireSettings<Nested> {
    let french =
        Translations::parse([("fr", "order_conflict = La commande { $id } est en conflit.\n")]).unwrap();
    ErrwireSettings::new()
        .timeout(Duration::from_millis(200))
        .catch_panics()
        .header(
            HeaderName::from_static("x-served-by"),
            HeaderValue::from_static("edge-1"),
        )
        .translations(Arc::new(french))
}

/// The log lines of every thread without a subscriber of its own: one global subscriber for
/// the test binary, set by the first test that asks. (A subscriber per test thread raced with
/// tracing's global interest cache: a callsite registered on another thread while one was
/// installed could keep a stale `never`, seen as a test whose logs had no line.) Each test
/// finds its own lines by its request ids.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Logs {
    type Writer = Self;
    fn make_writer(&'a self) -> Self {
        self.clone()
    }
}

/// Recomputes every callsite's interest: a callsite that was registering on another thread
/// while the global subscriber was set can have kept a stale interest.
fn settle_interest() {
    tracing::callsite::rebuild_interest_cache();
}

impl Logs {
    fn install() -> Self {
        static GLOBAL: std::sync::OnceLock<Logs> = std::sync::OnceLock::new();
        GLOBAL
            .get_or_init(|| {
                let logs = Self::default();
                tracing::subscriber::set_global_default(logs.subscriber())
                    .expect("no other global subscriber in this test binary");
                logs
            })
            .clone()
    }

    fn subscriber(&self) -> impl tracing::Subscriber + Send + Sync + 'static {
        tracing_subscriber::fmt()
            .with_writer(self.clone())
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .finish()
    }

    /// The error line logged for the request `id`.
    fn error_line(&self, id: &str) -> String {
        let text = String::from_utf8(self.0.lock().unwrap().clone()).unwrap();
        text.lines()
            .find(|l| l.contains("ERROR") && l.contains(id) && l.contains("order_conflict"))
            .unwrap_or_else(|| panic!("no error line for {id} in:\n{text}"))
            .to_owned()
    }
}

/// An HTTP answer: status, the headers the pipeline sets, the body.
struct Answer {
    status: u16,
    request_id: Option<String>,
    served_by: Option<String>,
    content_language: Option<String>,
    body: serde_json::Value,
}

async fn get(base: &str, path: &str, id: &str) -> Answer {
    let response = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .header("x-request-id", id)
        .header("accept-language", "fr-CH, en;q=0.5")
        .send()
        .await
        .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (request_id, served_by, content_language) = (
        header("x-request-id"),
        header("x-served-by"),
        header("content-language"),
    );
    let status = response.status().as_u16();
    let body = serde_json::from_str(&response.text().await.unwrap()).unwrap_or_default();
    Answer {
        status,
        request_id,
        served_by,
        content_language,
        body,
    }
}

/// The steps, as an HTTP client sees them, and the span in the logs.
async fn check_http(base: &str, logs: &Logs, transport: &str) {
    // One request first, so the span's and the log line's callsites are registered, then the
    // interest rebuilt: a callsite registering on another test's thread while this one
    // installed its subscriber can cache a stale `never` (seen once with five transports).
    get(base, "/conflict", "warm-up").await;
    settle_interest();
    let failed = get(base, "/conflict", &format!("{transport}-1")).await;
    assert_eq!(failed.status, 500, "{transport}");
    assert_eq!(
        failed.request_id.as_deref(),
        Some(&*format!("{transport}-1")),
        "{transport}: id echoed"
    );
    assert_eq!(
        failed.served_by.as_deref(),
        Some("edge-1"),
        "{transport}: service header"
    );
    assert_eq!(failed.content_language.as_deref(), Some("fr"), "{transport}");
    assert_eq!(
        failed.body["error"]["message"], "La commande 7 est en conflit.",
        "{transport}: translated"
    );
    let line = logs.error_line(&format!("{transport}-1"));
    assert!(
        line.contains("request{"),
        "{transport}: logged inside the request span: {line}"
    );
    assert!(
        !failed.body.to_string().contains("internal detail"),
        "{transport}"
    );

    let ok = get(base, "/ok", &format!("{transport}-2")).await;
    assert_eq!(ok.status, 200, "{transport}");
    assert_eq!(
        ok.request_id.as_deref(),
        Some(&*format!("{transport}-2")),
        "{transport}"
    );
    assert_eq!(
        ok.served_by.as_deref(),
        Some("edge-1"),
        "{transport}: on successes too"
    );

    // rocket runs its handlers itself: a fairing cannot time them out (documented).
    if transport != "rocket" {
        let late = get(base, "/never", &format!("{transport}-3")).await;
        assert_eq!(
            (late.status, &late.body["error"]["code"]),
            (408, &"request_timeout".into()),
            "{transport}"
        );
        assert_eq!(
            late.request_id.as_deref(),
            Some(&*format!("{transport}-3")),
            "{transport}"
        );
        assert_eq!(late.served_by.as_deref(), Some("edge-1"), "{transport}");
    }

    let crashed = get(base, "/panic", &format!("{transport}-4")).await;
    assert_eq!(
        (crashed.status, &crashed.body["error"]["code"]),
        (500, &"internal_error".into()),
        "{transport}"
    );
    assert_eq!(
        crashed.request_id.as_deref(),
        Some(&*format!("{transport}-4")),
        "{transport}"
    );
    assert_eq!(crashed.served_by.as_deref(), Some("edge-1"), "{transport}");
}

mod axum_handlers {
    pub async fn conflict() -> Result<(), super::OrderError> {
        Err(super::OrderError::Conflict { id: 7 })
    }
    pub async fn ok() -> &'static str {
        "ok"
    }
    pub async fn never() -> &'static str {
        std::future::pending::<()>().await;
        "never"
    }
    pub async fn panic() -> &'static str {
        panic!("secret panic detail")
    }
}

#[tokio::test]
async fn the_tower_layer_runs_every_step() {
    use axum::routing::get as route;
    let logs = Logs::install();
    let app = axum::Router::new()
        .route("/conflict", route(axum_handlers::conflict))
        .route("/ok", route(axum_handlers::ok))
        .route("/never", route(axum_handlers::never))
        .route("/panic", route(axum_handlers::panic))
        .layer(settings());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    check_http(&base, &logs, "axum").await;
    server.abort();
}

#[actix_web::test]
async fn the_actix_middleware_runs_every_step() {
    use actix_web::web;
    let logs = Logs::install();
    let server = actix_web::HttpServer::new(move || {
        actix_web::App::new()
            .wrap(settings())
            .route("/conflict", web::get().to(axum_handlers::conflict))
            .route("/ok", web::get().to(axum_handlers::ok))
            .route("/never", web::get().to(axum_handlers::never))
            .route("/panic", web::get().to(axum_handlers::panic))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let base = format!("http://{}", server.addrs()[0]);
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    check_http(&base, &logs, "actix").await;
    handle.stop(false).await;
}

#[tokio::test]
async fn a_service_decides_whether_its_logs_carry_the_source_chain() {
    use axum::routing::get as route;
    let logs = Logs::install();
    for (service, on) in [("chain-on", None), ("chain-off", Some(false))] {
        let settings = match on {
            Some(on) => settings().log_source_chain(on),
            None => settings(),
        };
        let app = axum::Router::new()
            .route("/conflict", route(axum_handlers::conflict))
            .layer(settings);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        get(&base, "/conflict", "warm-up").await;
        settle_interest();
        let failed = get(&base, "/conflict", service).await;
        assert_eq!(failed.status, 500);
        let line = logs.error_line(service);
        // The process default (on) holds unless the service's settings say otherwise.
        assert_eq!(
            line.contains("internal detail"),
            on.is_none(),
            "{service}: {line}"
        );
        server.abort();
    }
}

/// Serves a poem endpoint on 127.0.0.1:0; returns its base URL (the server stops with the
/// test's runtime).
pub(crate) async fn serve_poem(app: impl poem::Endpoint + 'static) -> String {
    use poem::listener::{Acceptor as _, Listener as _};
    let acceptor = poem::listener::TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let address = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
    tokio::spawn(poem::Server::new_with_acceptor(acceptor).run(app));
    format!("http://{address}")
}

#[tokio::test]
async fn the_poem_middleware_runs_every_step() {
    use poem::{EndpointExt as _, get, handler};
    #[handler]
    async fn conflict() -> poem::Result<()> {
        axum_handlers::conflict().await?;
        Ok(())
    }
    #[handler]
    async fn ok() -> &'static str {
        axum_handlers::ok().await
    }
    #[handler]
    async fn never() -> &'static str {
        axum_handlers::never().await
    }
    #[handler]
    async fn panic() -> &'static str {
        axum_handlers::panic().await
    }
    let logs = Logs::install();
    let app = poem::Route::new()
        .at("/conflict", get(conflict))
        .at("/ok", get(ok))
        .at("/never", get(never))
        .at("/panic", get(panic))
        .with(settings());
    let base = serve_poem(app).await;
    check_http(&base, &logs, "poem").await;
}

/// Serves a salvo service on 127.0.0.1:0; returns its base URL (the server stops with the
/// test's runtime).
pub(crate) async fn serve_salvo(service: salvo::Service) -> String {
    use salvo::conn::{Acceptor as _, Listener as _};
    let acceptor = salvo::conn::TcpListener::new("127.0.0.1:0").bind().await;
    let address = acceptor.holdings()[0].local_addr.clone().into_std().unwrap();
    tokio::spawn(salvo::Server::new(acceptor).serve(service));
    format!("http://{address}")
}

#[tokio::test]
async fn the_salvo_hoop_runs_every_step() {
    use salvo::{Router, Service, handler};
    #[handler]
    async fn conflict() -> Result<(), OrderError> {
        axum_handlers::conflict().await
    }
    #[handler]
    async fn ok() -> &'static str {
        axum_handlers::ok().await
    }
    #[handler]
    async fn never() -> &'static str {
        axum_handlers::never().await
    }
    #[handler]
    async fn panic() -> &'static str {
        axum_handlers::panic().await
    }
    let logs = Logs::install();
    let router = Router::new()
        .push(Router::with_path("conflict").get(conflict))
        .push(Router::with_path("ok").get(ok))
        .push(Router::with_path("never").get(never))
        .push(Router::with_path("panic").get(panic));
    let base = serve_salvo(Service::new(router).hoop(settings())).await;
    check_http(&base, &logs, "salvo").await;
}

/// Launches a rocket on 127.0.0.1:0; returns its base URL once it listens (it stops with the
/// test's runtime).
pub(crate) async fn serve_rocket(rocket: rocket::Rocket<rocket::Build>) -> String {
    // Merged into the rocket's own figment, so a test's other settings (limits) stay.
    let config = rocket
        .figment()
        .clone()
        .merge(("address", std::net::Ipv4Addr::LOCALHOST))
        .merge(("port", 0))
        .merge(("log_level", rocket::config::LogLevel::Off))
        .merge((
            "shutdown",
            rocket::config::Shutdown {
                ctrlc: false,
                signals: Default::default(),
                ..Default::default()
            },
        ));
    let (port_tx, port_rx) = tokio::sync::oneshot::channel();
    let rocket = rocket
        .configure(config)
        .attach(rocket::fairing::AdHoc::on_liftoff("port", |rocket| {
            let port = rocket.config().port;
            Box::pin(async move {
                let _ = port_tx.send(port);
            })
        }));
    tokio::spawn(rocket.launch());
    format!("http://127.0.0.1:{}", port_rx.await.unwrap())
}

mod rocket_handlers {
    #[rocket::get("/conflict")]
    pub async fn conflict() -> Result<(), super::OrderError> {
        super::axum_handlers::conflict().await
    }
    #[rocket::get("/ok")]
    pub async fn ok() -> &'static str {
        super::axum_handlers::ok().await
    }
    #[rocket::get("/panic")]
    pub async fn panic() -> &'static str {
        super::axum_handlers::panic().await
    }
}

#[tokio::test]
async fn the_rocket_fairing_runs_every_step() {
    use rocket_handlers::{conflict, ok, panic};
    let logs = Logs::install();
    let rocket = rocket::build()
        .mount("/", rocket::routes![conflict, ok, panic])
        .attach(settings());
    let base = serve_rocket(rocket).await;
    check_http(&base, &logs, "rocket").await;
}

#[tokio::test]
async fn the_grpc_layer_runs_every_step() {
    use errwire::tonic::GrpcLayer;
    use grpc_service::{Widget, WidgetsClient};

    let logs = Logs::install();
    let french =
        Translations::parse([("fr", "widget_not_found = Le widget { $id } n'existe pas.\n")]).unwrap();
    let settings = ErrwireSettings::<Nested>::new()
        .timeout(Duration::from_millis(200))
        .catch_panics()
        .header(
            HeaderName::from_static("x-served-by"),
            HeaderValue::from_static("edge-1"),
        )
        .translations(Arc::new(french));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(grpc_service::serve_with(listener, GrpcLayer::with(settings)));
    let mut client = WidgetsClient::connect(addr).await.unwrap();
    let call = |id: &str, widget: Widget| {
        let mut request = tonic::Request::new(widget);
        request.metadata_mut().insert("x-request-id", id.parse().unwrap());
        request
            .metadata_mut()
            .insert("accept-language", "fr".parse().unwrap());
        request
    };
    let missing = Widget {
        id: 9,
        ..Widget::default()
    };

    let status = client
        .call("GetWidget", call("grpc-1", missing.clone()))
        .await
        .unwrap_err();
    assert_eq!(status.code(), tonic::Code::NotFound);
    assert_eq!(status.message(), "Le widget 9 n'existe pas.", "translated");
    assert_eq!(
        status.metadata().get("x-request-id").unwrap(),
        "grpc-1",
        "id echoed"
    );
    assert_eq!(
        status.metadata().get("x-served-by").unwrap(),
        "edge-1",
        "service header"
    );
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("grpc{") && l.contains("grpc-1") && l.contains("widget_not_found")),
        "logged inside the grpc span:\n{text}"
    );

    let found = client
        .call(
            "GetWidget",
            call(
                "grpc-2",
                Widget {
                    id: 1,
                    ..Widget::default()
                },
            ),
        )
        .await
        .unwrap();
    assert_eq!(found.name, "gear");

    // The example's `Slow` sleeps 5 s; the layer's limit here is 200 ms.
    let late = client
        .call("Slow", call("grpc-3", missing.clone()))
        .await
        .unwrap_err();
    assert_eq!(late.code(), tonic::Code::DeadlineExceeded);
    assert_eq!(late.metadata().get("x-request-id").unwrap(), "grpc-3");
    assert_eq!(late.metadata().get("x-served-by").unwrap(), "edge-1");

    let crashed = client.call("Crash", call("grpc-4", missing)).await.unwrap_err();
    assert_eq!(crashed.code(), tonic::Code::Internal);
    assert_eq!(crashed.metadata().get("x-request-id").unwrap(), "grpc-4");
    assert!(!crashed.message().contains("on purpose"));
    server.abort();
}
