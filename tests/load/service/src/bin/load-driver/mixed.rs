//! The mixed load: every format's errors and every fault production sends, each response
//! checked. A kind's first failure is printed with the reason.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use load_test::faults::{BODY_LIMIT, FRENCH, SECRET};
use reqwest::header::HeaderValue;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What a worker sends, in turn: the formats' error routes and each fault.
const KINDS: &[&str] = &[
    "format",
    "panic",
    "format",
    "timeout",
    "format",
    "internal error",
    "json: valid",
    "json: malformed",
    "json: wrong type",
    "json: oversized",
    "json: wrong media type",
    "hostile headers",
    "format",
    "disconnect mid-request",
    "disconnect mid-response",
];

/// Hostile `x-request-id` values, and whether the layer keeps each (1 to 200 bytes of
/// letters, digits and `-_.:/+=`): a kept id is echoed, any other is replaced by a UUID.
const HOSTILE_IDS: &[(&[u8], bool)] = &[
    (b"ok-id:1/2+3=4.5_6", true),
    (b"id with spaces", false),
    (b"<script>alert(1)</script>", false),
    (b"\"quoted\",id", false),
    (b"id-\xff\xfe-latin1", false),
    (b"tab\tinside", false),
    (b"", false),
    (&[b'a'; 200], true),
    (&[b'a'; 201], false),
    (&[b'z'; 4000], false),
];

/// Hostile `Accept-Language` values, and whether French must be chosen (`None`: either).
const HOSTILE_LANGUAGES: &[(&[u8], Option<bool>)] = &[
    (b"fr", Some(true)),
    (b"fr-CA;q=0.9, en;q=0.8", Some(true)),
    (b"en;q=0, fr;q=0.001", Some(true)),
    (b"de, en", Some(false)),
    (b"*;q=2.0, fr;q=abc, ,,,;;;", None),
    (b"fr;q=1.5", None),
    (b"\xff\xfe fr", None),
    (&[b'x'; 8000], Some(false)),
    (b";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;", Some(false)),
    (b"q=1, fr", None),
];

struct Tally {
    ok: AtomicU64,
    failed: AtomicU64,
    first_failure: Mutex<Option<String>>,
}

pub async fn run(address: &str, pid: &str, length: Duration, concurrency: usize) -> bool {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .expect("a client");
    let tallies: Arc<Vec<Tally>> = Arc::new(
        KINDS
            .iter()
            .map(|_| Tally {
                ok: AtomicU64::new(0),
                failed: AtomicU64::new(0),
                first_failure: Mutex::new(None),
            })
            .collect(),
    );
    let files_at_start = super::open_files(pid);
    let deadline = Instant::now() + length;
    let mut workers = Vec::new();
    for worker in 0..concurrency {
        let (client, address, tallies) = (client.clone(), address.to_owned(), tallies.clone());
        workers.push(tokio::spawn(async move {
            let mut n = worker as u64;
            while Instant::now() < deadline {
                let kind = (n as usize) % KINDS.len();
                let outcome = one(&client, &address, KINDS[kind], worker, n).await;
                let tally = &tallies[kind];
                match outcome {
                    Ok(()) => tally.ok.fetch_add(1, Ordering::Relaxed),
                    Err(reason) => {
                        tally.first_failure.lock().unwrap().get_or_insert(reason);
                        tally.failed.fetch_add(1, Ordering::Relaxed)
                    }
                };
                n += concurrency as u64;
            }
        }));
    }
    let mut memory = vec![super::rss_kib(pid)];
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_secs(1)).await;
        memory.push(super::rss_kib(pid));
    }
    for worker in workers {
        worker.await.expect("a worker finishes");
    }
    // Disconnected clients' connections close on the service's side once it notices.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let alive = one(&client, address, "format", 0, 0).await;
    let files_at_end = super::open_files(pid);
    report(
        &tallies,
        &memory,
        length,
        concurrency,
        (files_at_start, files_at_end),
        alive,
    )
}

fn report(
    tallies: &[Tally],
    memory: &[u64],
    length: Duration,
    concurrency: usize,
    files: (usize, usize),
    alive: Result<(), String>,
) -> bool {
    let mut good = alive.is_ok();
    let count = |kind: &str, field: fn(&Tally) -> &AtomicU64| -> u64 {
        KINDS
            .iter()
            .zip(tallies)
            .filter(|(k, _)| **k == kind)
            .map(|(_, t)| field(t).load(Ordering::Relaxed))
            .sum()
    };
    let (mut ok, mut failed) = (0, 0);
    println!("| kind | answered as expected | failed or malformed |");
    println!("|---|---|---|");
    let mut seen: Vec<&str> = Vec::new();
    for kind in KINDS {
        if seen.contains(kind) {
            continue;
        }
        seen.push(kind);
        let (kind_ok, kind_failed) = (count(kind, |t| &t.ok), count(kind, |t| &t.failed));
        println!("| {kind} | {kind_ok} | {kind_failed} |");
        ok += kind_ok;
        failed += kind_failed;
        // Every kind must have been exercised, or the run proves nothing about it.
        good &= kind_ok > 0;
    }
    for (kind, tally) in KINDS.iter().zip(tallies) {
        if let Some(reason) = tally.first_failure.lock().unwrap().as_ref() {
            println!("first failure of {kind}: {reason}");
        }
    }
    let seconds = length.as_secs_f64();
    println!("requests: {ok} ok, {failed} failed or malformed, {seconds:.0} s, {concurrency} connections");
    println!("throughput: {:.0} requests/s", (ok + failed) as f64 / seconds);
    let warm = memory.get(5).copied().unwrap_or(memory[0]);
    let last = *memory.last().unwrap_or(&0);
    let peak = memory.iter().copied().max().unwrap_or(0);
    // Flat: after the first 5 s fill allocator caches and buffers, growth stays within a quarter
    // (and 4 MiB): a leak of even 10 bytes a request would pass that within a minute.
    // A run under 10 s has no warmed-up stretch to judge.
    let judged = memory.len() > 10;
    let flat = !judged || last <= warm + (warm / 4).max(4096);
    println!(
        "service memory (RSS): start {} KiB, after 5 s {warm} KiB, end {last} KiB, peak {peak} KiB: {}",
        memory[0],
        match (judged, flat) {
            (false, _) => "too short a run to judge",
            (true, true) => "flat after warm-up",
            (true, false) => "GROWING",
        }
    );
    println!("service open files: start {}, end {}", files.0, files.1);
    match &alive {
        Ok(()) => println!("after the run the service answers as before"),
        Err(reason) => println!("after the run the service failed: {reason}"),
    }
    good && failed == 0 && ok > 0 && flat
}

/// One request of `kind`; `Err` says what was wrong.
async fn one(
    client: &reqwest::Client,
    address: &str,
    kind: &str,
    worker: usize,
    n: u64,
) -> Result<(), String> {
    let base = format!("http://{address}");
    let id = format!("load-{worker}-{n}");
    let get = |path: String| client.get(format!("{base}{path}")).header("x-request-id", &id);
    let order = |body: Vec<u8>, media: &'static str| {
        client
            .post(format!("{base}/faults/order"))
            .header("x-request-id", &id)
            .header("content-type", media)
            .body(body)
    };
    match kind {
        "format" => format_route(client, &base, n, &id).await,
        "panic" => expect(get(format!("/faults/panic/{n}")), 500, "internal_error", &id)
            .await
            .map(drop),
        "timeout" => expect(get(format!("/faults/slow/{n}")), 408, "request_timeout", &id)
            .await
            .map(drop),
        "internal error" => {
            let body = expect(get(format!("/faults/internal/{n}")), 500, "database", &id).await?;
            check(
                !body.contains("database said"),
                "the error's Display is on the wire",
            )
        }
        "json: valid" => {
            let sent = order(br#"{"name":"widget","count":3}"#.to_vec(), "application/json");
            let response = sent.send().await.map_err(|e| e.to_string())?;
            let text = response.text().await.map_err(|e| e.to_string())?;
            check(text == "widget x3", "a valid body was not served")
        }
        "json: malformed" => {
            let sent = order(br#"{"name":"widget","count":"#.to_vec(), "application/json");
            expect(sent, 400, "malformed_json", &id).await.map(drop)
        }
        "json: wrong type" => {
            let sent = order(
                br#"{"name":"widget","count":"three"}"#.to_vec(),
                "application/json",
            );
            expect(sent, 422, "invalid_body", &id).await.map(drop)
        }
        "json: oversized" => {
            let name = "w".repeat(BODY_LIMIT * 2);
            let sent = order(
                format!(r#"{{"name":"{name}","count":1}}"#).into_bytes(),
                "application/json",
            );
            expect(sent, 413, "payload_too_large", &id).await.map(drop)
        }
        "json: wrong media type" => {
            let sent = order(br#"{"name":"widget","count":3}"#.to_vec(), "text/plain");
            expect(sent, 415, "unsupported_media_type", &id).await.map(drop)
        }
        "hostile headers" => hostile(client, &base, n).await,
        "disconnect mid-request" => disconnect(address, &format!("/faults/slow/{n}"), 0).await,
        "disconnect mid-response" => disconnect(address, &format!("/nested/{n}"), 12).await,
        other => Err(format!("unknown kind {other}")),
    }
}

fn check(condition: bool, reason: &str) -> Result<(), String> {
    if condition { Ok(()) } else { Err(reason.to_owned()) }
}

/// A format's error route: status, headers, a JSON body carrying the request id.
async fn format_route(client: &reqwest::Client, base: &str, n: u64, id: &str) -> Result<(), String> {
    let format = load_test::FORMATS[(n as usize / 7) % load_test::FORMATS.len()];
    let response = client
        .get(format!("{base}/{format}/{n}"))
        .header("x-request-id", id)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let expected = match (format, n % 2) {
        ("mcp-tool", _) => 200,
        (_, 0) => 409,
        _ => 429,
    };
    check(response.status().as_u16() == expected, "format: status")?;
    check(
        header(&response, "x-request-id") == Some(id),
        "format: id not echoed",
    )?;
    check(
        response.headers().get("content-type").is_some(),
        "format: no content-type",
    )?;
    let body = response.bytes().await.map_err(|e| e.to_string())?;
    check(
        serde_json::from_slice::<Value>(&body).is_ok_and(|v| v.is_object()),
        "format: body is not a JSON object",
    )?;
    let id_in_body = matches!(format, "oauth" | "simple" | "jsonrpc-plain")
        || body.windows(id.len()).any(|w| w == id.as_bytes());
    check(id_in_body, "format: id not in the body")
}

fn header<'r>(response: &'r reqwest::Response, name: &str) -> Option<&'r str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// An error in the Nested envelope: the status, `application/json`, the code, the echoed id
/// in the header and the body, and no internal text. Returns the body.
async fn expect(
    request: reqwest::RequestBuilder,
    status: u16,
    code: &str,
    id: &str,
) -> Result<String, String> {
    let response = request.send().await.map_err(|e| e.to_string())?;
    let got = response.status().as_u16();
    check(got == status, &format!("status {got}, expected {status}"))?;
    check(
        header(&response, "content-type") == Some("application/json"),
        "content-type",
    )?;
    check(header(&response, "x-request-id") == Some(id), "id not echoed")?;
    let body = response.text().await.map_err(|e| e.to_string())?;
    envelope(&body, code, id)?;
    Ok(body)
}

/// The Nested envelope's code and request id, and nothing internal.
fn envelope(body: &str, code: &str, id: &str) -> Result<(), String> {
    let value: Value = serde_json::from_str(body).map_err(|e| format!("not JSON ({e}): {body}"))?;
    let error = &value["error"];
    check(error["code"] == code, &format!("code: {body}"))?;
    check(
        error["request_id"] == id,
        &format!("request id in the body: {body}"),
    )?;
    check(error["message"].is_string(), "no message")?;
    check(
        !body.contains(SECRET) && !body.contains("panicked"),
        &format!("internal text: {body}"),
    )
}

/// A translated error under a hostile `x-request-id` and `Accept-Language`.
async fn hostile(client: &reqwest::Client, base: &str, n: u64) -> Result<(), String> {
    let (sent_id, kept) = HOSTILE_IDS[n as usize % HOSTILE_IDS.len()];
    let (language, french) = HOSTILE_LANGUAGES[(n as usize / HOSTILE_IDS.len()) % HOSTILE_LANGUAGES.len()];
    let value = |bytes: &[u8]| HeaderValue::from_bytes(bytes).map_err(|e| e.to_string());
    let response = client
        .get(format!("{base}/faults/taken/{n}"))
        .header("x-request-id", value(sent_id)?)
        .header("accept-language", value(language)?)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    check(response.status().as_u16() == 409, "hostile: status")?;
    let id = header(&response, "x-request-id")
        .ok_or("hostile: no id")?
        .to_owned();
    let content_language = header(&response, "content-language").map(str::to_owned);
    if kept {
        check(id.as_bytes() == sent_id, "hostile: a valid id was replaced")?;
    } else {
        check(
            is_uuid(&id),
            &format!("hostile: id {id:?} is not a generated UUID"),
        )?;
    }
    let body = response.text().await.map_err(|e| e.to_string())?;
    envelope(&body, "slug_taken", &id)?;
    let translated = body.contains(FRENCH);
    check(
        translated == (content_language.as_deref() == Some("fr")),
        "hostile: content-language disagrees",
    )?;
    if let Some(french) = french {
        let shown = String::from_utf8_lossy(language);
        check(
            translated == french,
            &format!("hostile: language {shown:?} chose wrongly: {body}"),
        )?;
    }
    Ok(())
}

fn is_uuid(id: &str) -> bool {
    id.len() == 36
        && id.char_indices().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// A client that sends a request and goes away: before the answer (`read` 0) or after its
/// first `read` bytes.
async fn disconnect(address: &str, path: &str, read: usize) -> Result<(), String> {
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .map_err(|e| e.to_string())?;
    let request = format!("GET {path} HTTP/1.1\r\nhost: load\r\nx-request-id: gone\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    if read > 0 {
        let mut first = vec![0; read];
        stream.read_exact(&mut first).await.map_err(|e| e.to_string())?;
        check(
            first.starts_with(b"HTTP/1.1 "),
            "disconnect: not an HTTP response",
        )?;
    }
    Ok(())
}
