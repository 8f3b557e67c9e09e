//! `cargo run -p actix-service-example`: serves the library's routes on 127.0.0.1:3001
//! (`ADDR=…` to change); see the library's documentation for what to `curl`.

use actix_web::{App, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::DEBUG)
        .init();
    let address = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3001".into());
    let server = HttpServer::new(|| {
        App::new()
            .wrap(actix_service_example::middleware())
            .configure(actix_service_example::configure)
    })
    .bind(&address)?;
    for address in server.addrs() {
        println!("actix-service listening on http://{address}");
    }
    server.run().await
}
