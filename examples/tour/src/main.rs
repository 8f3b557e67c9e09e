//! The tour: a small service's errors as a client will see them, and the reference table
//! generated from the code.
//!
//! Run it with `cargo run -p tour`.

use std::time::Duration;

use errwire::{ApiError, ErrorSpec};

/// The errors of a small workspace service.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "workspaces", docs = "https://docs.example.com/errors#{code}")]
enum WorkspaceError {
    /// Slug already in use.
    #[error("slug {slug} taken by account {owner}")]
    #[api(
        status = 409,
        code = "workspace_slug_taken",
        message = "The slug '{slug}' is already in use. Try '{suggestion}' or pick another."
    )]
    SlugTaken {
        slug: String,
        #[api(detail)]
        suggestion: String,
        owner: u64,
    },
    /// Your token lacks scope for this action.
    #[error("scope {0} missing")]
    #[api(status = FORBIDDEN, domain = "auth", help = "Ask an admin for the scope.")]
    ForbiddenByScope(#[api(detail = "scope")] &'static str),
    /// Too many requests. Check Retry-After header.
    #[error("rate limited")]
    #[api(status = 429)]
    RateLimited(#[api(retry_after)] Duration),
    /// Something upstream failed. Retry with backoff.
    #[error("upstream failed: {0}")]
    #[api(status = StatusCode::BAD_GATEWAY, jsonrpc = -32001)]
    Upstream(#[source] std::io::Error),
    /// Maintenance or partial degradation. Retry.
    #[error("maintenance")]
    #[api(status = 503, retry_after = 120, mcp = "protocol")]
    ServiceUnavailable,
}

fn main() {
    let errors = [
        WorkspaceError::SlugTaken {
            slug: "acme".into(),
            suggestion: "acme-corp".into(),
            owner: 42,
        },
        WorkspaceError::ForbiddenByScope("workspaces:write"),
        WorkspaceError::RateLimited(Duration::from_secs(30)),
        WorkspaceError::Upstream(std::io::Error::other("10.0.3.7:5432 connection refused")),
        WorkspaceError::ServiceUnavailable,
    ];
    println!("errwire tour — each error as the API describes it\n");
    for error in &errors {
        show(error);
    }
    println!("Reference table, generated from WorkspaceError::CATALOGUE:\n");
    print!("{}", table(WorkspaceError::CATALOGUE));
}

/// One error: what the log sees, then what a client may learn.
fn show(error: &WorkspaceError) {
    let status = error.status();
    println!(
        "HTTP {} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    println!("  log only : {error}");
    println!("  code     : {}", error.code());
    println!("  message  : {}", error.message());
    let retry = match (error.retryable(), error.retry_after()) {
        (true, Some(delay)) => format!("yes, after {}s", delay.as_secs()),
        (true, None) => "yes".to_owned(),
        (false, _) => "no".to_owned(),
    };
    println!("  retry    : {retry}");
    if let Some(domain) = error.domain() {
        println!("  domain   : {domain}");
    }
    if let Some(help) = error.help() {
        println!("  help     : {help}");
    }
    if let Some(docs) = error.docs_url() {
        println!("  docs     : {docs}");
    }
    println!(
        "  json-rpc : {} ({:?} channel in MCP)",
        error.jsonrpc_code(),
        error.mcp_channel()
    );
    if !error.details().is_empty() {
        let details = serde_json::to_string(&error.details()).unwrap_or_default();
        println!("  details  : {details}");
    }
    println!();
}

/// A Markdown table in the seeds' style.
fn table(catalogue: &[ErrorSpec]) -> String {
    let mut out =
        String::from("| Code | Status | Domain | Retry? | Default message |\n|---|---|---|---|---|\n");
    for spec in catalogue {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            spec.code(),
            spec.status().as_u16(),
            spec.domain().unwrap_or("—"),
            if spec.retryable() { "Yes" } else { "No" },
            spec.message()
        ));
    }
    out
}
