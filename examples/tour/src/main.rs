//! The tour: each seed service's errors exactly as a client receives them — status line,
//! headers, body — and the service's reference table, generated from its code.
//!
//! ```text
//! cargo run -p tour                        # every service, each in its own envelope
//! cargo run -p tour -- wicket              # one service
//! cargo run -p tour -- worldmonitor mcp-tool   # one service, another envelope
//! cargo run -p tour -- all problem         # every service as RFC 9457 problems
//! ```

mod services;

use std::process::ExitCode;

use errwire::format::{Flat, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple};
use errwire::{to_response, ApiError, Context};

use services::{Group, Service};

/// The envelopes by the names the command line uses.
const FORMATS: &[&str] = &[
    "nested",
    "flat",
    "problem",
    "oauth",
    "simple",
    "jsonrpc",
    "jsonrpc-plain",
    "mcp-tool",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let services = services::all();
    let service = args.first().map_or("all", String::as_str);
    let format = args.get(1).map_or("default", String::as_str);
    let chosen: Vec<&Service> = services
        .iter()
        .filter(|s| service == "all" || s.name == service)
        .collect();
    if chosen.is_empty() || !(format == "default" || FORMATS.contains(&format)) || args.len() > 2 {
        let names: Vec<&str> = services.iter().map(|s| s.name).collect();
        eprintln!("usage: tour [SERVICE] [FORMAT]");
        eprintln!("  SERVICE: all (default), {}", names.join(", "));
        eprintln!(
            "  FORMAT:  default (each service's own envelope), {}",
            FORMATS.join(", ")
        );
        return ExitCode::from(2);
    }
    let mut request = 0;
    for service in chosen {
        println!("{}", "=".repeat(100));
        println!("{} — {} ({})", service.name, service.about, service.seed);
        println!("{}", "=".repeat(100));
        for group in &service.groups {
            show_group(service, group, format, &mut request);
        }
    }
    ExitCode::SUCCESS
}

fn show_group(service: &Service, group: &Group, format: &str, request: &mut u32) {
    let format = if format == "default" { group.format } else { format };
    println!("\n{} in the {format} envelope\n", group.type_name);
    for error in &group.errors {
        *request += 1;
        let id = format!("req_{request:04}");
        let path = format!("/{}/{}", service.name, error.code());
        let ctx = Context::new()
            .request_id(id.as_str())
            .instance(path.as_str())
            .jsonrpc_id(*request);
        print_response(format, error.as_ref(), &ctx);
    }
    println!(
        "Reference table, generated from {}::CATALOGUE:\n",
        group.type_name
    );
    println!("{}", group.table);
}

/// The response as it goes over the wire.
fn print_response(format: &str, error: &(dyn ApiError + Send + Sync), ctx: &Context<'_>) {
    let response = match format {
        "nested" => to_response::<Nested>(error, ctx),
        "flat" => to_response::<Flat>(error, ctx),
        "problem" => to_response::<Problem>(error, ctx),
        "oauth" => to_response::<OAuth>(error, ctx),
        "simple" => to_response::<Simple>(error, ctx),
        "jsonrpc" => to_response::<JsonRpc>(error, ctx),
        "jsonrpc-plain" => to_response::<JsonRpcPlain>(error, ctx),
        _ => to_response::<McpTool>(error, ctx),
    };
    let status = response.status();
    println!(
        "HTTP/1.1 {} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    for (name, value) in response.headers() {
        println!("{name}: {}", value.to_str().unwrap_or("<binary>"));
    }
    println!();
    println!("{}\n", String::from_utf8_lossy(response.body()));
}
