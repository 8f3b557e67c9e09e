//! The SPEC's examples and the five seed services' error tables, declared from outside the
//! errwire workspace. Where a seed leaves a value out (a status shown as "—"), the choice is
//! commented at the variant.
#![deny(missing_docs)]

pub mod seed000;
pub mod seed001;
pub mod seed002;
pub mod seed003;
pub mod seed004;
pub mod spec_examples;
