//! The seed services the tour shows, each with its errors and its reference tables.

use errwire::catalogue::{Catalogued, Column, Example, Order, Table};
use errwire::{ApiError, DefaultFormat};

/// A service of the tour.
pub struct Service {
    pub name: &'static str,
    pub seed: &'static str,
    pub about: &'static str,
    pub groups: Vec<Group>,
    /// The service's translations (`--lang`), if it has any.
    pub translations: Option<fn() -> errwire::i18n::Translations>,
}

/// One error type of a service: every code, as a value, in declaration order.
pub struct Group {
    pub type_name: &'static str,
    /// The type's own envelope (`format = …`), by its command-line name.
    pub format: &'static str,
    pub errors: Vec<Box<dyn ApiError + Send + Sync>>,
    pub table: String,
    /// The type's catalogue, for the HTML page and the TypeScript module.
    pub catalogue: &'static [errwire::ErrorSpec],
}

impl Group {
    /// Every code of `E`: the realistic value where the crate gives one, else the code itself
    /// (a unit variant renders exactly like its catalogue entry); then any example whose
    /// code no catalogue lists.
    fn new<E>(type_name: &'static str, mut examples: Vec<E>, table: &Table) -> Self
    where
        E: ApiError + Catalogued + DefaultFormat + Send + Sync + 'static,
    {
        let mut errors: Vec<Box<dyn ApiError + Send + Sync>> = E::CATALOGUE
            .iter()
            .map(
                |spec| match examples.iter().position(|e| e.code() == spec.code()) {
                    Some(i) => Box::new(examples.remove(i)) as Box<dyn ApiError + Send + Sync>,
                    None => Box::new(Example(spec)),
                },
            )
            .collect();
        // Errors known only at run time (a gateway's plugins) are in no catalogue.
        errors.extend(
            examples
                .into_iter()
                .map(|e| Box::new(e) as Box<dyn ApiError + Send + Sync>),
        );
        Self {
            type_name,
            format: format_name::<E::Format>(),
            errors,
            table: table.render(E::CATALOGUE),
            catalogue: E::CATALOGUE,
        }
    }
}

/// `errwire::format::nested::Nested` → `nested`, `McpTool` → `mcp-tool`.
fn format_name<F>() -> &'static str {
    match std::any::type_name::<F>().rsplit("::").next() {
        Some("Flat") => "flat",
        Some("Problem") => "problem",
        Some("OAuth") => "oauth",
        Some("Simple") => "simple",
        Some("JsonRpc") => "jsonrpc",
        Some("JsonRpcPlain") => "jsonrpc-plain",
        Some("McpTool") => "mcp-tool",
        _ => "nested",
    }
}

pub fn all() -> Vec<Service> {
    let code_status_retry = Table::new([Column::Code, Column::Status, Column::Retry, Column::Description]);
    vec![
        Service {
            name: "wmstudio-mcp",
            seed: "seed 000",
            about: "an MCP server for media generation",
            translations: None,
            groups: vec![Group::new::<wmstudio_mcp::McpServerError>(
                "McpServerError",
                wmstudio_mcp::examples(),
                &Table::new([Column::Code, Column::Status, Column::Description, Column::Help])
                    .header(Column::Help, "Recovery"),
            )],
        },
        Service {
            name: "control-plane",
            seed: "seed 001",
            about: "a control plane's REST API and MCP server, and its instances' OAuth",
            translations: None,
            groups: vec![
                Group::new::<control_plane::ControlPlaneError>(
                    "ControlPlaneError",
                    control_plane::examples(),
                    &Table::new([Column::Status, Column::Code, Column::Description])
                        .header(Column::Status, "HTTP")
                        .header(Column::Description, "What happens"),
                ),
                Group::new::<control_plane::InstanceOAuthError>(
                    "InstanceOAuthError",
                    Vec::new(),
                    &code_status_retry,
                ),
            ],
        },
        Service {
            name: "studio-api",
            seed: "seed 002",
            about: "the contracts/error-codes.json API",
            translations: Some(studio_api::translations),
            groups: vec![Group::new::<studio_api::ContractError>(
                "ContractError",
                Vec::new(),
                &Table::new([
                    Column::Code,
                    Column::Status,
                    Column::Domain,
                    Column::Retry,
                    Column::Message,
                ])
                .order(Order::StatusThenCode),
            )],
        },
        Service {
            name: "worldmonitor",
            seed: "seed 003",
            about: "an API answering {\"error\": …}, with MCP tool errors",
            translations: None,
            groups: vec![
                Group::new::<worldmonitor::WorldMonitorError>(
                    "WorldMonitorError",
                    worldmonitor::examples(),
                    &code_status_retry
                        .clone()
                        .header(Column::Code, "`error` value")
                        .header(Column::Description, "Meaning"),
                ),
                Group::new::<worldmonitor::WorldMonitorOAuthError>(
                    "WorldMonitorOAuthError",
                    Vec::new(),
                    &code_status_retry,
                ),
            ],
        },
        Service {
            name: "wicket",
            seed: "seed 004",
            about: "an MCP proxy (JSON-RPC errors) and its dashboard's REST API",
            translations: None,
            groups: vec![
                Group::new::<wicket::McpProxyError>(
                    "McpProxyError",
                    wicket::examples(),
                    &Table::new([
                        Column::Code,
                        Column::Status,
                        Column::JsonRpc,
                        Column::Message,
                        Column::Help,
                    ])
                    .header(Column::Help, "What to do"),
                ),
                Group::new::<wicket::DashboardError>(
                    "DashboardError",
                    Vec::new(),
                    &Table::new([Column::StatusLine, Column::Description, Column::Help])
                        .header(Column::Description, "Meaning")
                        .header(Column::Help, "Common cause"),
                ),
            ],
        },
        Service {
            name: "gateway",
            seed: "composition",
            about: "a gateway composing three services across crates, codes proven unique",
            translations: None,
            groups: vec![Group::new::<gateway::GatewayError>(
                "GatewayError",
                gateway::examples(),
                &Table::new([
                    Column::Code,
                    Column::Status,
                    Column::Domain,
                    Column::Retry,
                    Column::Declared,
                ]),
            )],
        },
    ]
}
