//! The tour as a person runs it: every service, each error as a client sees it, the tables.

use std::process::Command;

fn tour(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_tour"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn the_default_tour_shows_every_service_with_responses_and_tables() {
    let (code, out) = tour(&[]);
    assert_eq!(code, 0);
    for service in [
        "wmstudio-mcp",
        "control-plane",
        "studio-api",
        "worldmonitor",
        "wicket",
        "gateway",
    ] {
        assert!(out.contains(&format!("\n{service} — ")), "{service} missing");
    }
    // Every code of every catalogue is shown as a response.
    let responses = out.matches("HTTP/1.1 ").count();
    let codes = wmstudio_mcp::McpServerError::CATALOGUE.len()
        + control_plane::ControlPlaneError::CATALOGUE.len()
        + control_plane::InstanceOAuthError::CATALOGUE.len()
        + studio_api::ContractError::CATALOGUE.len()
        + worldmonitor::WorldMonitorError::CATALOGUE.len()
        + worldmonitor::WorldMonitorOAuthError::CATALOGUE.len()
        + wicket::McpProxyError::CATALOGUE.len()
        + wicket::DashboardError::CATALOGUE.len()
        + gateway::GatewayError::CATALOGUE.len()
        + 1; // the gateway's run-time plugin error
    assert_eq!(responses, codes);
    assert!(out.contains("| AUTH_REQUIRED | 401 | auth | No | Authentication required. |"));
    assert!(out.contains(r#"{"ok":false,"code":"AUTH_REQUIRED","detail":"Authentication required.","error":"Authentication required.","request_id":"#));
    assert!(out.contains("cache-control: no-store"));
    assert!(out.contains("retry-after: 45"));
}

#[test]
fn the_streams_as_a_client_reads_them() {
    let (code, out) = tour(&["--streams"]);
    assert_eq!(code, 0);
    assert!(out.contains("data: tick 2\n\nevent: error\nretry: "), "{out}");
    assert!(out.contains("\nclose 4"), "{out}");
    assert!(out.contains("\n{\"type\":\"error\",\"error\":{"), "{out}");
    // The full tour ends with the same section.
    let (_, all) = tour(&[]);
    assert!(all.contains("Errors inside a stream"));
}

#[test]
fn a_service_in_another_envelope() {
    let (code, out) = tour(&["worldmonitor", "mcp-tool"]);
    assert_eq!(code, 0);
    assert!(out.contains("WorldMonitorError in the mcp-tool envelope"));
    assert!(out.contains(r#""isError":true"#));
    assert!(!out.contains("\ncontrol-plane — "));
}

#[test]
fn unknown_arguments_print_usage() {
    let (code, _) = tour(&["nope"]);
    assert_eq!(code, 2);
    let (code, _) = tour(&["wicket", "xml"]);
    assert_eq!(code, 2);
}
