//! `cargo run -p grpc-service`: serves [`grpc_service::Widgets`] on 127.0.0.1:50051 (`ADDR=…`
//! to change), then, with `--demo`, calls each method once with tonic's client and prints
//! what a client reads from each `Status`.

use errwire::client::RemoteError;
use grpc_service::{Widget, WidgetsClient};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::INFO)
        .init();
    let address = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:50051".into());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    let local = listener.local_addr()?;
    println!("grpc-service listening on http://{local}");
    let server = tokio::spawn(grpc_service::serve(listener));
    if std::env::args().any(|a| a == "--demo") {
        let mut client = WidgetsClient::connect(local).await?;
        for (method, request) in [
            (
                "GetWidget",
                Widget {
                    id: 7,
                    ..Widget::default()
                },
            ),
            (
                "CreateWidget",
                Widget {
                    name: "gear".into(),
                    quantity: 3,
                    ..Widget::default()
                },
            ),
            (
                "CreateWidget",
                Widget {
                    quantity: 0,
                    ..Widget::default()
                },
            ),
            ("Break", Widget::default()),
            ("Nope", Widget::default()),
        ] {
            if let Err(status) = client.call(method, tonic::Request::new(request)).await {
                let remote = RemoteError::from_grpc(&status);
                println!("{method}: {:?} {remote}", status.code());
            }
        }
        return Ok(());
    }
    server.await??;
    Ok(())
}
