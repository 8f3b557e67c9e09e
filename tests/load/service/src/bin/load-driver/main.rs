//! Drives the load service from a second process: CONCURRENCY workers for SECONDS seconds,
//! every response checked (status, content type, JSON body, request id); the service's
//! resident memory sampled every second from /proc. Exits non-zero on any failure.
//!
//! `load-driver ADDRESS PID [SECONDS] [CONCURRENCY]`

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

fn rss_kib(pid: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (address, pid) = (args[1].clone(), args[2].clone());
    let seconds: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(30);
    let concurrency: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(32);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .unwrap();
    let (ok, failed) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut workers = Vec::new();
    for worker in 0..concurrency {
        let (client, address, ok, failed) = (client.clone(), address.clone(), ok.clone(), failed.clone());
        workers.push(tokio::spawn(async move {
            let mut n: u64 = worker as u64;
            while Instant::now() < deadline {
                let format = load_test::FORMATS[(n as usize) % load_test::FORMATS.len()];
                let id = format!("load-{worker}-{n}");
                let good = check(&client, &address, format, n, &id).await;
                if good { &ok } else { &failed }.fetch_add(1, Ordering::Relaxed);
                n += concurrency as u64;
            }
        }));
    }
    let mut memory = vec![rss_kib(&pid)];
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_secs(1)).await;
        memory.push(rss_kib(&pid));
    }
    for worker in workers {
        worker.await.unwrap();
    }
    let (ok, failed) = (ok.load(Ordering::Relaxed), failed.load(Ordering::Relaxed));
    let warm = memory.get(5).copied().unwrap_or(memory[0]);
    let last = *memory.last().unwrap_or(&0);
    let peak = memory.iter().copied().max().unwrap_or(0);
    println!(
        "requests: {} ok, {failed} failed or malformed, {seconds} s, {concurrency} connections",
        ok
    );
    println!("throughput: {:.0} requests/s", ok as f64 / seconds as f64);
    println!(
        "service memory (RSS): start {} KiB, after 5 s {warm} KiB, end {last} KiB, peak {peak} KiB",
        memory[0]
    );
    if failed > 0 || ok == 0 {
        std::process::exit(1);
    }
}

/// One request: the expected status, headers and a JSON body carrying the request id.
async fn check(client: &reqwest::Client, address: &str, format: &str, n: u64, id: &str) -> bool {
    let Ok(response) = client
        .get(format!("http://{address}/{format}/{n}"))
        .header("x-request-id", id)
        .send()
        .await
    else {
        return false;
    };
    let expected = match (format, n % 2) {
        ("mcp-tool", _) => 200,
        (_, 0) => 409,
        _ => 429,
    };
    let status_ok = response.status().as_u16() == expected;
    let id_ok = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        == Some(id);
    let type_ok = response.headers().get("content-type").is_some();
    let Ok(body) = response.bytes().await else {
        return false;
    };
    let json_ok = serde_json::from_slice::<serde_json::Value>(&body).is_ok_and(|v| v.is_object());
    let id_in_body = matches!(format, "oauth" | "simple" | "jsonrpc-plain")
        || body.windows(id.len()).any(|w| w == id.as_bytes());
    status_ok && id_ok && type_ok && json_ok && id_in_body
}
