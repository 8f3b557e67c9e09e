//! A tonic gRPC service: methods return `Result<_, WidgetError>` and `?` makes a
//! `tonic::Status` with Google's rich error details (`ErrorInfo`, `RetryInfo`, `Help`,
//! `BadRequest`, `RequestInfo`); tonic's own errors (unknown method, a timeout, a panic) come
//! under errwire's codes through [`errwire::tonic::GrpcLayer`].
//!
//! ```text
//! cargo run -p grpc-service             # listens on 127.0.0.1:50051 (ADDR=… to change)
//! ```
//!
//! No `protoc`, no build script: the two messages are prost structs written by hand (what
//! `prost-build` would write for `widgets.proto` below), and the service is routed by hand the
//! way tonic's generated code routes it.
//!
//! ```proto
//! package widgets;
//! service Widgets {
//!   rpc GetWidget(WidgetRequest) returns (Widget);   // also CreateWidget, Crash, Slow, Break
//! }
//! message WidgetRequest { uint64 id = 1; string name = 2; int64 quantity = 3; }
//! message Widget { uint64 id = 1; string name = 2; int64 quantity = 3; }
//! ```

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use errwire::format::Nested;
use errwire::request::ErrwireSettings;
use errwire::tonic::GrpcLayer;
use errwire::{ApiError, Violation};
use tonic::body::Body;
use tonic::codegen::http;
use tonic::server::{Grpc, NamedService, UnaryService};
use tonic::transport::server::TcpIncoming;
use tonic::{Request, Response, Status};
use tonic_prost::ProstCodec;

/// The service's errors: what a method returns with `?`.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(
    domain = "widgets.example.com",
    docs = "https://docs.example.com/errors#{code}"
)]
pub enum WidgetError {
    /// The widget does not exist.
    #[error("widget {id} not found")]
    #[api(
        status = 404,
        code = "widget_not_found",
        message = "Widget {id} does not exist."
    )]
    NotFound {
        #[api(detail)]
        id: u64,
    },
    /// Another widget has this name.
    #[error("name {name} taken")]
    #[api(
        status = 409,
        grpc = "ALREADY_EXISTS",
        message = "The name '{name}' is already in use."
    )]
    NameTaken { name: String },
    /// Some fields are invalid.
    #[error("invalid widget")]
    #[api(status = 422, code = "invalid_widget", grpc = "INVALID_ARGUMENT")]
    Invalid(#[api(violations)] Vec<Violation>),
    /// Too many widgets made in a minute.
    #[error("rate limited")]
    #[api(status = 429, code = "rate_limited", retry_after = 30)]
    RateLimited,
    /// The widget store failed (what went wrong is logged, never sent).
    #[error("widget store failed")]
    #[api(
        status = 500,
        code = "internal_error",
        message = "Something went wrong on our side."
    )]
    Storage(#[source] std::io::Error),
}

/// A widget, and a request naming one (hand-written prost messages).
#[derive(Clone, PartialEq, prost::Message)]
pub struct Widget {
    /// The widget's id.
    #[prost(uint64, tag = "1")]
    pub id: u64,
    /// Its name.
    #[prost(string, tag = "2")]
    pub name: String,
    /// How many there are.
    #[prost(int64, tag = "3")]
    pub quantity: i64,
}

/// The service: widgets 1 and 2 exist ("gear" and "sprocket").
#[derive(Debug, Clone, Copy, Default)]
pub struct Widgets;

impl Widgets {
    async fn get(request: Widget) -> Result<Widget, WidgetError> {
        match request.id {
            1 => Ok(widget(1, "gear")),
            2 => Ok(widget(2, "sprocket")),
            id => Err(WidgetError::NotFound { id }),
        }
    }

    async fn create(request: Widget) -> Result<Widget, WidgetError> {
        let mut violations = Vec::new();
        if request.name.trim().is_empty() {
            violations.push(Violation::new("name", "required", "A widget needs a name."));
        }
        if !(1..=100).contains(&request.quantity) {
            violations.push(Violation::new(
                "quantity",
                "out_of_range",
                "Order 1 to 100 widgets.",
            ));
        }
        if !violations.is_empty() {
            return Err(WidgetError::Invalid(violations));
        }
        match request.name.as_str() {
            "gear" | "sprocket" => Err(WidgetError::NameTaken { name: request.name }),
            "flood" => Err(WidgetError::RateLimited),
            _ => Ok(widget(3, &request.name)),
        }
    }

    #[allow(clippy::unused_async)] // every method is async, as tonic calls them
    async fn broken(_request: Widget) -> Result<Widget, WidgetError> {
        let cause = std::io::Error::other("disk /var/lib/widgets is full (secret-7f3a)");
        Err(WidgetError::Storage(cause))
    }

    async fn crash(_request: Widget) -> Result<Widget, WidgetError> {
        panic!("the crash method panics, on purpose");
    }

    async fn slow(request: Widget) -> Result<Widget, WidgetError> {
        tokio::time::sleep(Duration::from_secs(5)).await;
        Ok(request)
    }
}

fn widget(id: u64, name: &str) -> Widget {
    Widget {
        id,
        name: name.into(),
        quantity: 1,
    }
}

type BoxFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

/// One method: a handler returning `Result<Widget, WidgetError>`; the error becomes a
/// `Status` through the derived `From`, which picks up the call's request id.
struct Method<F>(F);

impl<F, Fut> UnaryService<Widget> for Method<F>
where
    F: Fn(Widget) -> Fut,
    Fut: Future<Output = Result<Widget, WidgetError>> + Send + 'static,
{
    type Response = Widget;
    type Future = BoxFuture<Response<Widget>, Status>;

    fn call(&mut self, request: Request<Widget>) -> Self::Future {
        let answer = (self.0)(request.into_inner());
        Box::pin(async move { Ok(Response::new(answer.await?)) })
    }
}

impl<B> tonic::codegen::Service<http::Request<B>> for Widgets
where
    B: tonic::codegen::Body + Send + 'static,
    B::Error: Into<tonic::codegen::StdError> + Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Self::Response, Infallible>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        async fn unary<B, F, Fut>(
            method: F,
            request: http::Request<B>,
        ) -> Result<http::Response<Body>, Infallible>
        where
            B: tonic::codegen::Body + Send + 'static,
            B::Error: Into<tonic::codegen::StdError> + Send + 'static,
            F: Fn(Widget) -> Fut + Send + 'static,
            Fut: Future<Output = Result<Widget, WidgetError>> + Send + 'static,
        {
            let mut grpc = Grpc::new(ProstCodec::<Widget, Widget>::default());
            Ok(grpc.unary(Method(method), request).await)
        }
        match request.uri().path() {
            "/widgets.Widgets/GetWidget" => Box::pin(unary(Self::get, request)),
            "/widgets.Widgets/CreateWidget" => Box::pin(unary(Self::create, request)),
            "/widgets.Widgets/Break" => Box::pin(unary(Self::broken, request)),
            "/widgets.Widgets/Crash" => Box::pin(unary(Self::crash, request)),
            "/widgets.Widgets/Slow" => Box::pin(unary(Self::slow, request)),
            // What tonic's generated code answers for a method it does not know.
            _ => Box::pin(async { Ok(Status::unimplemented("").into_http()) }),
        }
    }
}

impl NamedService for Widgets {
    const NAME: &'static str = "widgets.Widgets";
}

/// How long a call may take before the layer answers `request_timeout`.
pub const CALL_LIMIT: Duration = Duration::from_secs(1);

/// Serves the service on `listener` until the process ends: errwire's layer outermost, with
/// a one-second limit per call and panics caught.
///
/// # Errors
/// When the server fails.
pub async fn serve(listener: tokio::net::TcpListener) -> Result<(), tonic::transport::Error> {
    serve_with(
        listener,
        GrpcLayer::with(
            ErrwireSettings::<Nested>::new()
                .timeout(CALL_LIMIT)
                .catch_panics(),
        ),
    )
    .await
}

/// Serves the service on `listener` behind `layer` (the same settings type as the HTTP
/// layers: translations, service headers, timeout, panic catching).
///
/// # Errors
/// When the server fails.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    layer: GrpcLayer,
) -> Result<(), tonic::transport::Error> {
    tonic::transport::Server::builder()
        .layer(layer)
        .add_service(Widgets)
        .serve_with_incoming(TcpIncoming::from(listener))
        .await
}

/// A client for the service: tonic's own `Grpc` client over a `Channel`.
#[derive(Debug, Clone)]
pub struct WidgetsClient {
    inner: tonic::client::Grpc<tonic::transport::Channel>,
}

impl WidgetsClient {
    /// Connects to the service at `addr`.
    ///
    /// # Errors
    /// When the connection fails.
    pub async fn connect(addr: SocketAddr) -> Result<Self, tonic::transport::Error> {
        let channel = tonic::transport::Channel::from_shared(format!("http://{addr}"))
            .expect("a socket address is a valid URI")
            .connect()
            .await?;
        Ok(Self {
            inner: tonic::client::Grpc::new(channel),
        })
    }

    /// Calls `method` (`"GetWidget"`, `"CreateWidget"`, …, or a whole path such as
    /// `"/other.Service/Method"`) with `request`.
    ///
    /// # Errors
    /// The `Status` the server answered.
    pub async fn call(&mut self, method: &str, request: Request<Widget>) -> Result<Widget, Status> {
        self.inner
            .ready()
            .await
            .map_err(|e| Status::unavailable(e.to_string()))?;
        let path = if method.starts_with('/') {
            method.to_owned()
        } else {
            format!("/widgets.Widgets/{method}")
        };
        let path = path
            .parse()
            .map_err(|_| Status::invalid_argument("not a method name"))?;
        let codec = ProstCodec::<Widget, Widget>::default();
        Ok(self.inner.unary(request, path, codec).await?.into_inner())
    }
}
