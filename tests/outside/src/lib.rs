//! The SPEC's examples and the five seed services' error tables, compiled from outside the
//! errwire workspace. The seed tables are the service crates' own `errors.rs` files, compiled
//! here as this crate's modules: the same source, used as an outside user would, through
//! `errwire` alone. Where a seed leaves a value out (a status shown as "—"), the choice is
//! commented at the variant.
#![deny(missing_docs)]

#[path = "../../../examples/wmstudio-mcp/src/errors.rs"]
pub mod seed000;
#[path = "../../../examples/control-plane/src/errors.rs"]
pub mod seed001;
#[path = "../../../examples/studio-api/src/errors.rs"]
pub mod seed002;
#[path = "../../../examples/worldmonitor/src/errors.rs"]
pub mod seed003;
#[path = "../../../examples/wicket/src/errors.rs"]
pub mod seed004;
pub mod spec_examples;
