//! `cargo run -p mcp-server`: the media MCP server on http://127.0.0.1:3002/mcp (`ADDR=…`).

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3002".into());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!("mcp-server listening on http://{}/mcp", listener.local_addr()?);
    axum::serve(listener, mcp_server::router())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
