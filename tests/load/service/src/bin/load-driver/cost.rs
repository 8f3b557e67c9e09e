//! What the errwire layer costs: a success route and an error route, each with and without
//! errwire, interleaved in rounds in one run, from a minimal HTTP/1.1 client (keep-alive, one
//! request in flight per connection) so the service, not the client, is what is measured.
//!
//! Each pair is checked to answer the same status, `content-type`, `x-request-id` and body
//! bytes before timing. Requests carry no `x-request-id`: both sides generate a UUID, as
//! they do for most clients.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The routes: (name, path before the number, whether the path takes a number, status).
const ROUTES: [(&str, &str, bool, u16); 5] = [
    ("success, no layer", "/cost/bare/ok", false, 200),
    ("success, ErrwireLayer", "/cost/layered/ok", false, 200),
    ("error, hand-written mapping", "/cost/hand/error/", true, 409),
    ("error, ErrwireLayer", "/cost/layered/error/", true, 409),
    (
        "success, tower-http's request-id layers",
        "/cost/hand/ok",
        false,
        200,
    ),
];

/// Rounds of the routes, one after another; each route's figure is its median round.
const ROUNDS: u32 = 5;

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One request on a kept-alive connection.
async fn ask(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    path: &str,
    id: Option<&str>,
) -> std::io::Result<Answer> {
    let id = id.map(|id| format!("x-request-id: {id}\r\n")).unwrap_or_default();
    let request = format!("GET {path} HTTP/1.1\r\nhost: load\r\n{id}\r\n");
    stream.write_all(request.as_bytes()).await?;
    buffer.clear();
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        read_more(stream, buffer).await?;
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1)?.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .ok_or_else(|| std::io::Error::other("no content-length"))?;
    while buffer.len() < head_end + 4 + length {
        read_more(stream, buffer).await?;
    }
    let body = buffer[head_end + 4..head_end + 4 + length].to_vec();
    Ok(Answer {
        status,
        headers,
        body,
    })
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<()> {
    let mut chunk = [0; 4096];
    let read = stream.read(&mut chunk).await?;
    if read == 0 {
        return Err(std::io::Error::other("the service closed the connection"));
    }
    buffer.extend_from_slice(&chunk[..read]);
    Ok(())
}

fn path(route: usize, n: u64) -> String {
    let (_, prefix, numbered, _) = ROUTES[route];
    if numbered {
        format!("{prefix}{n}")
    } else {
        prefix.to_owned()
    }
}

/// The same job: each pair answers the same status, content type, id and bytes.
async fn same_job(address: &str) -> Result<(), String> {
    let mut stream = TcpStream::connect(address).await.map_err(|e| e.to_string())?;
    let mut buffer = Vec::new();
    let mut answers = Vec::new();
    for (route, (name, ..)) in ROUTES.iter().enumerate() {
        let answer = ask(&mut stream, &mut buffer, &path(route, 7), Some("same-job-7"))
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "{name}: {} {:?}, {}",
            answer.status,
            answer.headers,
            String::from_utf8_lossy(&answer.body)
        );
        answers.push(answer);
    }
    let [bare, layered_ok, hand, layered_error, hand_ok] = answers.as_slice() else {
        return Err("five answers".into());
    };
    let ok_same = bare.status == 200
        && layered_ok.status == 200
        && bare.body == layered_ok.body
        && bare.header("content-type") == layered_ok.header("content-type")
        && hand_ok.status == 200
        && hand_ok.body == layered_ok.body
        && hand_ok.header("content-type") == layered_ok.header("content-type")
        && hand_ok.header("x-request-id") == Some("same-job-7")
        && layered_ok.header("x-request-id") == Some("same-job-7");
    let error_same = hand.status == 409
        && hand.status == layered_error.status
        && hand.header("content-type") == layered_error.header("content-type")
        && hand.header("x-request-id") == Some("same-job-7")
        && layered_error.header("x-request-id") == Some("same-job-7")
        && hand.body == layered_error.body;
    if ok_same && error_same {
        Ok(())
    } else {
        Err(format!(
            "not the same job: successes {ok_same}, errors {error_same}"
        ))
    }
}

/// Requests answered in `length` by `concurrency` connections on one route.
async fn drive(address: &str, route: usize, length: Duration, concurrency: usize) -> Result<u64, String> {
    let deadline = Instant::now() + length;
    let mut connections = Vec::new();
    for connection in 0..concurrency {
        let address = address.to_owned();
        connections.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(&address).await.map_err(|e| e.to_string())?;
            stream.set_nodelay(true).map_err(|e| e.to_string())?;
            let (mut buffer, mut answered, mut n) = (Vec::with_capacity(4096), 0_u64, connection as u64);
            while Instant::now() < deadline {
                let answer = ask(&mut stream, &mut buffer, &path(route, n), None)
                    .await
                    .map_err(|e| e.to_string())?;
                if answer.status != ROUTES[route].3 || (route != 0 && answer.header("x-request-id").is_none())
                {
                    return Err(format!("{}: status {}", ROUTES[route].0, answer.status));
                }
                answered += 1;
                n += concurrency as u64;
            }
            Ok::<u64, String>(answered)
        }));
    }
    let mut total = 0;
    for connection in connections {
        total += connection.await.map_err(|e| e.to_string())??;
    }
    Ok(total)
}

pub async fn run(address: &str, pid: &str, length: Duration, concurrency: usize) -> bool {
    println!(
        "service threads: {} (LOAD_WORKERS={})",
        super::threads(pid),
        std::env::var("LOAD_WORKERS").unwrap_or_default()
    );
    if let Err(reason) = same_job(address).await {
        println!("{reason}");
        return false;
    }
    let slice = length / (ROUNDS * ROUTES.len() as u32);
    let mut rates: Vec<Vec<f64>> = vec![Vec::new(); ROUTES.len()];
    let mut cpu: Vec<Vec<f64>> = vec![Vec::new(); ROUTES.len()];
    for round in 0..ROUNDS {
        for route in 0..ROUTES.len() {
            // Alternate the order each round so no route always runs first or last.
            let route = if round % 2 == 0 {
                route
            } else {
                ROUTES.len() - 1 - route
            };
            let before = super::cpu_seconds(pid);
            match drive(address, route, slice, concurrency).await {
                Ok(answered) => {
                    rates[route].push(answered as f64 / slice.as_secs_f64());
                    let spent = super::cpu_seconds(pid) - before;
                    cpu[route].push(spent * 1e6 / answered.max(1) as f64);
                }
                Err(reason) => {
                    println!("{reason}");
                    return false;
                }
            }
        }
    }
    let median = |rates: &mut Vec<f64>| {
        rates.sort_by(f64::total_cmp);
        rates[rates.len() / 2]
    };
    let medians: Vec<f64> = rates.iter_mut().map(median).collect();
    let cpu_medians: Vec<f64> = cpu.iter_mut().map(median).collect();
    println!(
        "{ROUNDS} rounds of {:.1} s per route, {concurrency} connections; requests/s, median round (all rounds)",
        slice.as_secs_f64()
    );
    println!("| route | requests/s | rounds | service CPU per request |");
    println!("|---|---|---|---|");
    for (route, rates) in rates.iter().enumerate() {
        let all: Vec<String> = rates.iter().map(|r| format!("{r:.0}")).collect();
        println!(
            "| {} | {:.0} | {} | {:.2} µs |",
            ROUTES[route].0,
            medians[route],
            all.join(", "),
            cpu_medians[route]
        );
    }
    let success = 1.0 - medians[1] / medians[0];
    let ids_by_hand = 1.0 - medians[4] / medians[0];
    let error = medians[3] / medians[2];
    println!(
        "success path: the layer costs {:.1} % of throughput, {:.2} µs of service CPU per request (target <= 3 %)",
        success * 100.0,
        cpu_medians[1] - cpu_medians[0]
    );
    println!(
        "  (tower-http's two request-id layers alone cost {:.1} %, {:.2} µs: giving each response an id, by hand)",
        ids_by_hand * 100.0,
        cpu_medians[4] - cpu_medians[0]
    );
    println!(
        "error path: errwire answers {error:.2}x the hand-written mapping's requests/s, {:.2}x its CPU per request (target >= 1.00x)",
        cpu_medians[3] / cpu_medians[2]
    );
    if cfg!(debug_assertions) {
        // CI runs the README build's binaries (LOAD_PROFILE=test): the same-job checks hold,
        // the ratios are an unoptimized build's and say nothing about the targets.
        println!(
            "(an unoptimized driver and service: the figures above are not a measurement; `bash tests/load/run.sh 60 8 cost` builds in release)"
        );
    }
    true
}
