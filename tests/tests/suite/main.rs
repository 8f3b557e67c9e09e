//! The integration tests, one module per topic, in one binary: one link instead of forty.
//! Kept apart, in their own binaries: `allocations` (a counting global allocator),
//! `ui` (trybuild), `macro_never_panics` (the macro pipeline compiled as a module) and
//! `contract` (`catalogue::all()` against the lock: it sees every type linked into its binary)
//! and `telemetry` (it turns the process-wide source-chain switch off).

mod common;
mod generators;

mod actix_server;
mod attributes;
mod axum_extractors;
mod axum_server;
mod bad_input;
mod catalogue;
mod client;
mod client_reqwest;
mod crate_path;
mod descriptors;
mod details;
mod envelopes;
mod export;
mod formats;
mod generics;
mod graphql;
mod grpc;
mod headers;
mod hygiene;
mod i18n;
mod json_paths;
mod jsonrpsee;
mod lints;
mod lock;
mod mcp;
mod metrics;
mod object_safety;
mod openapi;
mod openapi_aide;
mod pipeline;
mod poem_openapi;
mod poem_server;
mod properties;
mod readme;
mod redaction;
mod registry;
mod report;
mod response;
mod rocket_server;
mod salvo_oapi;
mod salvo_server;
mod standards;
mod streams;
mod thiserror;
mod trace_context;
mod tracing_capture;
mod validation;
mod violations;
