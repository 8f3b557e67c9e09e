//! The service under load: prints its address, serves until killed.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:0".into());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!("{}", listener.local_addr()?);
    axum::serve(listener, load_test::app()).await
}
