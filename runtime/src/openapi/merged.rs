//! [`Responses`]: the responses of every error type a route can answer with, merged per
//! status, so types that share a status (the framework's `invalid_body` and the domain's
//! `quantity_too_large`, both 422) are both documented instead of the last one listed.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::any::TypeId;
use core::marker::PhantomData;

use serde_json::{json, Value};
use utoipa::openapi::response::Response;
use utoipa::openapi::{Content, RefOr, Schema};

use super::response;
use crate::catalogue::{Catalogued, Example};
use crate::format::{Format, Problem};
use crate::framework::FrameworkError;
use crate::render::DefaultFormat;
use crate::spec::ErrorSpec;

/// The responses of every type in `T` — a tuple of derived types, each in its own format,
/// and/or [`Framework<F>`] — merged per status: every code of every listed type under its
/// status, each a named example, one schema per content type whose code enum holds them all
/// (two formats sharing a content type at one status are a `oneOf`).
///
/// `#[utoipa::path(post, path = "/orders", responses(Responses<(Framework<Problem>, OrderError)>))]`
pub struct Responses<T>(PhantomData<T>);

/// [`Responses`], and `application/problem+json` for every code too: what a layer with
/// `negotiate_problem(true)` answers a client that asks for it.
pub struct WithProblem<T>(PhantomData<T>);

/// The framework's own errors ([`FrameworkError`]) as the errwire layer renders them: in
/// format `F`, the layer's (`ErrwireLayer::<F>`), not `FrameworkError`'s default.
pub struct Framework<F>(PhantomData<F>);

/// The body of one response, built for one format from the specs it answers.
type Build = fn(u16, &[&'static ErrorSpec]) -> Response;

/// The specs one format answers at one status.
struct Group {
    format: TypeId,
    build: Build,
    specs: Vec<&'static ErrorSpec>,
}

/// Specs grouped by status, then by format.
#[derive(Default)]
#[doc(hidden)]
pub struct Merger {
    by_status: BTreeMap<u16, Vec<Group>>,
}

impl Merger {
    fn add<F: Format + 'static>(&mut self, specs: &'static [ErrorSpec]) {
        for spec in specs {
            let status = F::status(&Example(spec)).as_u16();
            let groups = self.by_status.entry(status).or_default();
            let format = TypeId::of::<F>();
            match groups.iter_mut().find(|g| g.format == format) {
                Some(group) => {
                    if !group.specs.iter().any(|s| s.code() == spec.code()) {
                        group.specs.push(spec);
                    }
                }
                None => groups.push(Group {
                    format,
                    build: response::<F>,
                    specs: alloc::vec![spec],
                }),
            }
        }
    }

    fn finish(self) -> BTreeMap<String, RefOr<Response>> {
        self.by_status
            .into_iter()
            .map(|(status, groups)| {
                let mut responses = groups.into_iter().map(|g| (g.build)(status, &g.specs));
                let mut merged = responses.next().unwrap_or_default();
                for other in responses {
                    merge_into(&mut merged, other);
                }
                (status.to_string(), RefOr::T(merged))
            })
            .collect()
    }
}

/// Adds `other`'s content types and headers to `into`; a content type both have becomes a
/// `oneOf` of the two schemas with both sets of examples.
fn merge_into(into: &mut Response, other: Response) {
    for (name, header) in other.headers {
        into.headers.entry(name).or_insert(header);
    }
    for (content_type, content) in other.content {
        match (into.content.get_mut(&content_type), content) {
            (Some(RefOr::T(existing)), RefOr::T(content)) => one_of(existing, content),
            (Some(_), _) => {}
            (None, content) => {
                into.content.insert(content_type, content);
            }
        }
    }
}

fn one_of(existing: &mut Content, other: Content) {
    let as_value = |schema: Option<RefOr<Schema>>| schema.and_then(|s| serde_json::to_value(s).ok());
    let schemas: Vec<Value> = [as_value(existing.schema.take()), as_value(other.schema)]
        .into_iter()
        .flatten()
        .collect();
    existing.schema = serde_json::from_value::<Schema>(json!({ "oneOf": schemas }))
        .ok()
        .map(RefOr::T);
    existing.examples.extend(other.examples);
}

/// One type a route lists: a derived type (in its own format) or a [`Framework<F>`].
pub trait Listed {
    /// Adds the type's codes in its format (and in `Problem` too when `problem`).
    #[doc(hidden)]
    fn add_to(merger: &mut Merger, problem: bool);
}

impl<F: Format + 'static> Listed for Framework<F> {
    fn add_to(merger: &mut Merger, problem: bool) {
        merger.add::<F>(FrameworkError::CATALOGUE);
        if problem {
            merger.add::<Problem>(FrameworkError::CATALOGUE);
        }
    }
}

impl<E> Listed for E
where
    E: Catalogued + DefaultFormat,
    E::Format: 'static,
{
    fn add_to(merger: &mut Merger, problem: bool) {
        merger.add::<E::Format>(E::CATALOGUE);
        if problem {
            merger.add::<Problem>(E::CATALOGUE);
        }
    }
}

/// The types a route lists: a tuple of [`Listed`] types (up to eight).
pub trait ErrorTypes {
    /// Adds every listed type.
    #[doc(hidden)]
    fn add_to(merger: &mut Merger, problem: bool);
}

macro_rules! tuples {
    ($($t:ident),+) => {
        impl<$($t: Listed),+> ErrorTypes for ($($t,)+) {
            fn add_to(merger: &mut Merger, problem: bool) {
                $($t::add_to(merger, problem);)+
            }
        }
    };
}
tuples!(A);
tuples!(A, B);
tuples!(A, B, C);
tuples!(A, B, C, D);
tuples!(A, B, C, D, E);
tuples!(A, B, C, D, E, G);
tuples!(A, B, C, D, E, G, H);
tuples!(A, B, C, D, E, G, H, I);

impl<T: ErrorTypes> utoipa::IntoResponses for Responses<T> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let mut merger = Merger::default();
        T::add_to(&mut merger, false);
        merger.finish()
    }
}

impl<T: ErrorTypes> utoipa::IntoResponses for WithProblem<T> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let mut merger = Merger::default();
        T::add_to(&mut merger, true);
        merger.finish()
    }
}
