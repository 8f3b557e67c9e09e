//! `cargo run -p axum-service`: serves [`axum_service::app`] on 127.0.0.1:3000 (`ADDR=…` to
//! change); see the library's documentation for what to `curl`.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::DEBUG)
        .init();
    let address = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!("axum-service listening on http://{}", listener.local_addr()?);
    axum::serve(listener, axum_service::app())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
