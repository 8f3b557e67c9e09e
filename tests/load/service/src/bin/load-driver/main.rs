//! Drives the load service from a second process. Exits non-zero on any failure.
//!
//! `load-driver ADDRESS PID [SECONDS] [CONCURRENCY] [MODE]`
//!
//! - `mixed` (the default): CONCURRENCY workers for SECONDS seconds over every format and every
//!   fault (panics, timeouts, internal errors, bad JSON, hostile headers, clients that
//!   disconnect), every response checked; the service's memory and open files sampled.
//! - `cost`: what the errwire layer costs, a success route and an error route each with and
//!   without it, interleaved in one run (see `cost.rs`).

mod cost;
mod mixed;

use std::time::Duration;

/// A `/proc/PID/status` field, in its unit (KiB for memory).
fn proc_status(pid: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// The service's resident memory, KiB.
fn rss_kib(pid: &str) -> u64 {
    proc_status(pid, "VmRSS:")
}

/// The CPU time the service has used (user and system), seconds: fields 14 and 15 of
/// /proc/PID/stat, in clock ticks of 1/100 s (`getconf CLK_TCK` on Linux).
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<u64>().ok())
        .sum();
    ticks as f64 / 100.0
}

/// The service's threads: how `LOAD_WORKERS` is seen to take effect.
fn threads(pid: &str) -> u64 {
    proc_status(pid, "Threads:")
}

/// The service's open file descriptors (sockets included).
fn open_files(pid: &str) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, Iterator::count)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (address, pid) = (args[1].clone(), args[2].clone());
    let seconds: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(30);
    let concurrency: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(32);
    let mode = args.get(5).map_or("mixed", String::as_str);
    // The cost run keeps the driver on one thread, so the service has the other core.
    let mut runtime = if mode == "cost" {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    };
    let runtime = runtime.enable_all().build().expect("a runtime");
    let length = Duration::from_secs(seconds);
    let good = match mode {
        "cost" => runtime.block_on(cost::run(&address, &pid, length, concurrency)),
        "mixed" => runtime.block_on(mixed::run(&address, &pid, length, concurrency)),
        other => {
            eprintln!("unknown mode {other:?}: mixed or cost");
            false
        }
    };
    if !good {
        std::process::exit(1);
    }
}
