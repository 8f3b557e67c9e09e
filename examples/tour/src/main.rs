//! The tour: each seed service's errors exactly as a client receives them — status line,
//! headers, body — and the service's reference table, generated from its code.
//!
//! ```text
//! cargo run -p tour                        # every service, each in its own envelope
//! cargo run -p tour -- wicket              # one service
//! cargo run -p tour -- worldmonitor mcp-tool   # one service, another envelope
//! cargo run -p tour -- all problem         # every service as RFC 9457 problems
//! cargo run -p tour -- --html DIR           # each service's HTML reference page
//! cargo run -p tour -- --typescript DIR     # each error type as a TypeScript module
//! cargo run -p tour -- --openapi DIR        # each error type as an OpenAPI 3.1 document
//! cargo run -p tour -- studio-api --lang fr  # as a client sending `Accept-Language: fr`
//! cargo run -p tour -- --streams           # an error inside an SSE, WebSocket and NDJSON stream
//! cargo run -p tour -- --formats           # one error in all twelve envelopes
//! ```

mod services;

use std::path::Path;
use std::process::ExitCode;

use errwire::catalogue::{HtmlPage, typescript_for};
use errwire::format::{
    Connect, Flat, Format, GoogleJson, JsonApi, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem,
    Simple, Twirp,
};
use errwire::openapi::document_for;
use errwire::{ApiError, Context, ErrorSpec, to_response};

use services::{Group, Service};

/// `println!` that ends the tour quietly when its reader goes away (`tour | head`), instead
/// of panicking on a broken pipe.
macro_rules! say {
    () => {
        say!("")
    };
    ($($arg:tt)*) => {
        if let Err(error) = std::io::Write::write_fmt(&mut std::io::stdout().lock(), format_args!("{}\n", format_args!($($arg)*))) {
            stdout_failed(&error)
        }
    };
}

fn stdout_failed(error: &std::io::Error) -> ! {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("tour: cannot write to stdout: {error}");
    std::process::exit(1)
}

/// `$body` with `$f` the format the command line names `$name` (`"problem"`, …): the one
/// place that maps those names to types.
macro_rules! in_format {
    ($name:expr, $f:ident => $body:expr) => {
        match $name {
            "nested" => {
                type $f = Nested;
                $body
            }
            "flat" => {
                type $f = Flat;
                $body
            }
            "problem" => {
                type $f = Problem;
                $body
            }
            "oauth" => {
                type $f = OAuth;
                $body
            }
            "simple" => {
                type $f = Simple;
                $body
            }
            "jsonrpc" => {
                type $f = JsonRpc;
                $body
            }
            "jsonrpc-plain" => {
                type $f = JsonRpcPlain;
                $body
            }
            "google-json" => {
                type $f = GoogleJson;
                $body
            }
            "json-api" => {
                type $f = JsonApi;
                $body
            }
            "twirp" => {
                type $f = Twirp;
                $body
            }
            "connect" => {
                type $f = Connect;
                $body
            }
            _ => {
                type $f = McpTool;
                $body
            }
        }
    };
}

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
    "google-json",
    "json-api",
    "twirp",
    "connect",
];

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--lang fr`: render as for a request with `Accept-Language: fr`.
    let lang = args.iter().position(|a| a == "--lang").map(|at| {
        let value = args.get(at + 1).cloned().unwrap_or_default();
        args.drain(at..(at + 2).min(args.len()));
        value
    });
    let services = services::all();
    if let [flag, dir] = args.as_slice() {
        let written = match flag.as_str() {
            "--html" => Some(write_html(&services, Path::new(dir))),
            "--typescript" => Some(write_typescript(&services, Path::new(dir))),
            "--openapi" => Some(write_openapi(&services, Path::new(dir))),
            _ => None,
        };
        match written {
            Some(Ok(files)) => {
                for file in files {
                    say!("wrote {file}");
                }
                return ExitCode::SUCCESS;
            }
            Some(Err(error)) => {
                eprintln!("tour: cannot write into {dir}: {error}");
                return ExitCode::FAILURE;
            }
            None => {}
        }
    }
    if args == ["--streams"] {
        print_streams(&services);
        return ExitCode::SUCCESS;
    }
    if args == ["--formats"] {
        print_formats(&services);
        return ExitCode::SUCCESS;
    }
    let service = args.first().map_or("all", String::as_str);
    let format = args.get(1).map_or("default", String::as_str);
    let chosen: Vec<&Service> = services
        .iter()
        .filter(|s| service == "all" || s.name == service)
        .collect();
    let bad_lang = lang.as_deref().is_some_and(str::is_empty);
    if chosen.is_empty() || !(format == "default" || FORMATS.contains(&format)) || args.len() > 2 || bad_lang
    {
        let names: Vec<&str> = services.iter().map(|s| s.name).collect();
        eprintln!(
            "usage: tour [SERVICE] [FORMAT] [--lang LANG] | tour --html DIR | tour --typescript DIR | tour --openapi DIR | tour --streams | tour --formats"
        );
        eprintln!("  SERVICE: all (default), {}", names.join(", "));
        eprintln!(
            "  FORMAT:  default (each service's own envelope), {}",
            FORMATS.join(", ")
        );
        return ExitCode::from(2);
    }
    if service == "all" && format == "default" {
        print_index(&services);
    }
    let mut request = 0;
    for service in chosen {
        say!("{}", "=".repeat(100));
        say!("{} — {} ({})", service.name, service.about, service.seed);
        say!("{}", "=".repeat(100));
        let translations = lang.as_ref().and(service.translations).map(|load| load());
        if let Some(lang) = &lang {
            match &translations {
                Some(t) => say!(
                    "Accept-Language: {lang} (translations: {})",
                    t.locales().collect::<Vec<_>>().join(", ")
                ),
                None => say!("Accept-Language: {lang} (this service has no translations: its own messages)"),
            }
        }
        let language = translations.as_ref().zip(lang.as_deref());
        for group in &service.groups {
            show_group(service, group, format, language, &mut request);
        }
    }
    if service == "all" && format == "default" {
        print_streams(&services);
    }
    ExitCode::SUCCESS
}

/// Errors after the 200, one example per kind of stream, as a client reads it: a service's
/// first error with a retry delay (else its first error), in its own envelope.
/// One error — the first with field violations, else the first with a delay — in every
/// envelope, as a client receives it: status, content type, body.
fn print_formats(services: &[Service]) {
    let errors = || services.iter().flat_map(|s| &s.groups).flat_map(|g| &g.errors);
    let Some(error) = errors()
        .find(|e| !e.violations().is_empty())
        .or_else(|| errors().find(|e| e.retry_after().is_some()))
    else {
        return;
    };
    let ctx = Context::new().request_id("req_formats");
    say!("{}", "=".repeat(100));
    say!(
        "One error in all {} envelopes: `{}` (status {}), request id req_formats",
        FORMATS.len(),
        error.code(),
        error.status().as_u16()
    );
    say!("{}", "=".repeat(100));
    for name in FORMATS {
        let response = response_in(name, error.as_ref(), &ctx);
        let described = in_format!(*name, F => F::DESCRIPTOR.map_or("", |d| d.name));
        say!(
            "\n{described} ({name}): {} {}",
            response.status().as_u16(),
            response.headers()["content-type"].to_str().unwrap_or_default()
        );
        say!("{}", String::from_utf8_lossy(response.body()));
    }
}

fn print_streams(services: &[Service]) {
    let Some((group, error)) = services
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| g.errors.iter().map(move |e| (g, e)))
        .find(|(_, e)| e.retry_after().is_some())
    else {
        return;
    };
    let ctx = Context::new().request_id("req_stream");
    let format = group.format;
    say!("{}", "=".repeat(100));
    say!("Errors inside a stream: after the 200, the stream is the only channel left");
    say!(
        "({} `{}` in the {format} envelope)",
        group.type_name,
        error.code()
    );
    say!("{}", "=".repeat(100));
    say!("\nServer-Sent Events (errwire::sse::frame), after two events:\n");
    say!("data: tick 1\n\ndata: tick 2\n");
    say!(
        "{}",
        in_format!(format, F => errwire::sse::frame::<F>(error.as_ref(), &ctx)).trim_end()
    );
    let (code, reason) = errwire::ws::close_frame(error.as_ref());
    say!("\nWebSocket (errwire::ws): the last text message, then the close frame:\n");
    say!(
        "text  {}",
        in_format!(format, F => errwire::ws::message::<F>(error.as_ref(), &ctx))
    );
    say!(
        "close {code} {reason:?}   ({} -> {code}; the reason is the code)",
        error.status().as_u16()
    );
    say!("\nNDJSON (errwire::ndjson::record), after two records:\n");
    say!("{{\"id\":1}}\n{{\"id\":2}}");
    say!(
        "{}",
        in_format!(format, F => errwire::ndjson::record::<F>(error.as_ref(), &ctx)).trim_end()
    );
    say!();
}

fn show_group(
    service: &Service,
    group: &Group,
    format: &str,
    language: Option<(&errwire::i18n::Translations, &str)>,
    request: &mut u32,
) {
    let format = if format == "default" { group.format } else { format };
    say!("\n{} in the {format} envelope\n", group.type_name);
    for error in &group.errors {
        *request += 1;
        let id = format!("req_{request:04}");
        let path = format!("/{}/{}", service.name, error.code());
        let mut ctx = Context::new()
            .request_id(id.as_str())
            .instance(path.as_str())
            .jsonrpc_id(*request);
        if let Some((translations, lang)) = language {
            ctx = ctx.translations(translations).accept_language(lang);
        }
        print_response(format, error.as_ref(), &ctx);
    }
    say!(
        "Reference table, generated from {}::CATALOGUE:\n",
        group.type_name
    );
    say!("{}", group.table);
}

/// The response in the envelope the command line names.
fn response_in(
    format: &str,
    error: &(dyn ApiError + Send + Sync),
    ctx: &Context<'_>,
) -> errwire::http::Response<Vec<u8>> {
    in_format!(format, F => to_response::<F>(error, ctx))
}

/// The response as it goes over the wire.
fn print_response(format: &str, error: &(dyn ApiError + Send + Sync), ctx: &Context<'_>) {
    let response = response_in(format, error, ctx);
    let status = response.status();
    say!(
        "HTTP/1.1 {} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    for (name, value) in response.headers() {
        say!("{name}: {}", value.to_str().unwrap_or("<binary>"));
    }
    say!();
    say!("{}\n", String::from_utf8_lossy(response.body()));
}

/// The first screen: what the tour shows, and how to show one part of it.
fn print_index(services: &[Service]) {
    say!("errwire tour: the error references of real services, each rendered by errwire from");
    say!("its own code: every code's status line, headers and body as a client receives them,");
    say!("then the service's reference table, generated from its catalogue.\n");
    say!(
        "  {:<14} {:<12} {:>5}  {:<28} about",
        "service",
        "seed",
        "codes",
        "envelopes"
    );
    for service in services {
        let codes: usize = service.groups.iter().map(|g| g.catalogue.len()).sum();
        let formats: Vec<&str> = service.groups.iter().map(|g| g.format).collect();
        say!(
            "  {:<14} {:<12} {:>5}  {:<28} {}",
            service.name,
            service.seed,
            codes,
            formats.join(", "),
            service.about
        );
    }
    say!();
    say!("  one service:            cargo run -p tour -- studio-api");
    say!(
        "  in another envelope:    cargo run -p tour -- studio-api problem   ({})",
        FORMATS.join(", ")
    );
    say!("  HTML reference pages:   cargo run -p tour -- --html target/errwire-reference");
    say!("  in French:              cargo run -p tour -- studio-api --lang fr");
    say!("  TypeScript modules:     cargo run -p tour -- --typescript target/errwire-ts");
    say!("  OpenAPI documents:      cargo run -p tour -- --openapi target/errwire-openapi");
    say!("  errors inside streams:  cargo run -p tour -- --streams   (SSE, WebSocket, NDJSON)");
    say!("  one error, every envelope: cargo run -p tour -- --formats");
    say!("\nEvery service follows, in full.\n");
}

/// One page per service, one section per error type in that type's envelope.
fn write_html(services: &[Service], dir: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for service in services {
        let title = format!("{}: error reference ({})", service.name, service.seed);
        let mut page = HtmlPage::new(&title);
        for group in &service.groups {
            page = section(page, group.format, group.type_name, group.catalogue);
        }
        let path = dir.join(format!("{}.html", service.name));
        std::fs::write(&path, page.finish())?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

fn section(page: HtmlPage, format: &str, heading: &str, specs: &'static [ErrorSpec]) -> HtmlPage {
    in_format!(format, F => page.section::<F>(heading, specs))
}

/// An error a service adds after its clients were generated: its code is in no module.
#[derive(Debug, errwire::ApiError)]
enum AddedLater {
    /// Added in version 2.
    #[api(status = 409, code = "added_in_v2")]
    Conflict,
}

/// One module per error type, `<service>.<Type>.ts`, for the type's own envelope, and beside
/// it `<service>.<Type>.new-code.json`, the body of an error added later, in that envelope.
fn write_typescript(services: &[Service], dir: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for service in services {
        for group in &service.groups {
            let module = in_format!(group.format, F => typescript_for::<F>(group.catalogue));
            let path = dir.join(format!("{}.{}.ts", service.name, group.type_name));
            std::fs::write(&path, module)?;
            // A body the module was not generated for: the client check reads it as an error
            // body with an unknown code (the set is open).
            let later = response_in(group.format, &AddedLater::Conflict, &Context::new());
            std::fs::write(path.with_extension("new-code.json"), later.body())?;
            written.push(path.display().to_string());
        }
    }
    // And the first error type in every envelope, `envelopes.<format>.ts`: each envelope's
    // types meet `tsc` whether or not a seed service uses it.
    if let Some(group) = services.first().and_then(|s| s.groups.first()) {
        for name in FORMATS {
            let module = in_format!(*name, F => typescript_for::<F>(group.catalogue));
            let path = dir.join(format!("envelopes.{name}.ts"));
            std::fs::write(&path, module)?;
            let later = response_in(name, &AddedLater::Conflict, &Context::new());
            std::fs::write(path.with_extension("new-code.json"), later.body())?;
            written.push(path.display().to_string());
        }
    }
    Ok(written)
}

/// A catalogue's next two versions: with [`AddedLater`]'s code, and without the last code whose
/// status is its own (else the last code). Leaked: a document takes a `'static` catalogue, and
/// the tour writes each once.
fn next_versions(specs: &'static [ErrorSpec]) -> (&'static [ErrorSpec], &'static [ErrorSpec]) {
    let added: Vec<ErrorSpec> = specs
        .iter()
        .copied()
        .chain(AddedLater::CATALOGUE.iter().copied())
        .collect();
    let alone = |spec: &ErrorSpec| specs.iter().filter(|s| s.status() == spec.status()).count() == 1;
    let gone = specs
        .iter()
        .rposition(alone)
        .unwrap_or(specs.len().saturating_sub(1));
    let removed: Vec<ErrorSpec> = specs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != gone)
        .map(|(_, s)| *s)
        .collect();
    (added.leak(), removed.leak())
}

/// One OpenAPI 3.1 document per error type, `<service>.<Type>.openapi.json`, in the type's own
/// envelope, and beside it the body of an error added later (`.new-code.json`), as for the
/// TypeScript modules.
fn write_openapi(services: &[Service], dir: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for service in services {
        for group in &service.groups {
            let document = in_format!(group.format, F => document_for::<F>(group.catalogue));
            let path = dir.join(format!("{}.{}.openapi.json", service.name, group.type_name));
            std::fs::write(&path, document)?;
            let later = response_in(group.format, &AddedLater::Conflict, &Context::new());
            std::fs::write(
                dir.join(format!("{}.{}.new-code.json", service.name, group.type_name)),
                later.body(),
            )?;
            // The next versions of the document, for the OpenAPI diff check: one with a code
            // added, one with a code removed (one whose status no other code shares, so the
            // removal takes a response away, the change an OpenAPI diff can see).
            let (added, removed) = next_versions(group.catalogue);
            for (suffix, specs) in [("added", added), ("removed", removed)] {
                let next = in_format!(group.format, F => document_for::<F>(specs));
                let name = format!("{}.{}.{suffix}.openapi.json", service.name, group.type_name);
                std::fs::write(dir.join(name), next)?;
            }
            written.push(path.display().to_string());
        }
    }
    Ok(written)
}
