//! The service under load: prints its address, serves until killed.
//!
//! `LOAD_WORKERS=N` sets tokio's worker threads (default: one per core); the driver reads the
//! service's thread count from /proc to show the setting took effect.

fn main() -> std::io::Result<()> {
    // The fault routes panic thousands of times a second: the default hook would print each
    // one to stderr. errwire's layer answers them (and, with `tracing`, logs them).
    std::panic::set_hook(Box::new(|_| {}));
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(workers) = std::env::var("LOAD_WORKERS").ok().and_then(|w| w.parse().ok()) {
        runtime.worker_threads(workers);
    }
    runtime.enable_all().build()?.block_on(async {
        let address = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:0".into());
        let listener = tokio::net::TcpListener::bind(&address).await?;
        println!("{}", listener.local_addr()?);
        axum::serve(listener, load_test::app()).await
    })
}
