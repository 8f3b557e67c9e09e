//! [`Responses`]: the responses of every error type a route can answer with, merged per
//! status, so types that share a status (the framework's `invalid_body` and the domain's
//! `quantity_too_large`, both 422) are both documented instead of the last one listed.

use core::any::TypeId;
use core::marker::PhantomData;
use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{body_schema, response, schema_name, type_names};
use crate::catalogue::{Catalogued, Example};
use crate::format::{Format, Problem};
use crate::framework::FrameworkError;
use crate::render::DefaultFormat;
use crate::spec::ErrorSpec;

/// The responses of every type in `T` — a tuple of derived types, each in its own format,
/// and/or [`Framework<F>`] — merged per status: every code of every listed type under its
/// status, each a named example; one envelope schema per format for all the listed types'
/// codes, named for them (see [`share_schemas`](super::share_schemas)); two formats sharing a
/// content type at one status are a `oneOf`.
///
/// `#[utoipa::path(post, path = "/orders", responses(Responses<(Framework<Problem>, OrderError)>))]`;
/// with aide, [`document`](super::aide::document)`::<Responses<(…)>>` on the operation.
pub struct Responses<T>(PhantomData<T>);

/// [`Responses`], and `application/problem+json` for every code too: what a layer with
/// `negotiate_problem(true)` answers a client that asks for it.
pub struct WithProblem<T>(PhantomData<T>);

/// The framework's own errors ([`FrameworkError`]) as the errwire layer renders them: in
/// format `F`, the layer's (`ErrwireLayer::<F>`), not `FrameworkError`'s default.
pub struct Framework<F>(PhantomData<F>);

/// The types `T` as a service whose errwire layer renders in format `F` serves them: every
/// listed type in `F`, whatever its own `format` (the layer sends one envelope). Wrap it like
/// a tuple: `Responses<Served<Nested, (Framework<Nested>, OrderError)>>`, or `WithProblem<…>`
/// for a layer with `negotiate_problem(true)`.
pub struct Served<F, T>(PhantomData<(F, T)>);

/// The marker types name types; their `Debug` says which marker (no bound on what they name).
macro_rules! debug_marker {
    ($($name:ident<$($param:ident),*>),*) => {$(
        impl<$($param),*> core::fmt::Debug for $name<$($param),*> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(stringify!($name))
            }
        }
    )*};
}

debug_marker!(Responses<T>, WithProblem<T>, Framework<F>, Served<F, T>);

/// One format's part of a route: the types it renders in that format and all their codes.
#[derive(Debug)]
struct Group {
    format: TypeId,
    /// Every listed type is in its own format (the schema's name then needs no format).
    own_format: bool,
    specs: Vec<&'static ErrorSpec>,
    /// The envelope schema of every code (named; see `share_schemas`).
    schema: fn(&[&'static ErrorSpec], bool) -> Value,
    /// One Response Object, from the codes at one status and the envelope schema.
    response: fn(u16, &[&'static ErrorSpec], &Value) -> Value,
    status: fn(&'static ErrorSpec) -> u16,
}

/// The envelope schema of `specs` in `F`, named for their types.
fn schema<F: Format>(specs: &[&'static ErrorSpec], own_format: bool) -> Value {
    body_schema::<F>(specs, &schema_name::<F>(&type_names(specs), own_format))
}

/// Specs grouped by format, each format's answered per status.
#[derive(Debug, Default)]
#[doc(hidden)]
pub struct Merger {
    groups: Vec<Group>,
}

impl Merger {
    /// Adds `specs` in format `F`; `own` is the format of the type they come from.
    fn add<F: Format + 'static>(&mut self, specs: &'static [ErrorSpec], own: TypeId) {
        let format = TypeId::of::<F>();
        if !self.groups.iter().any(|g| g.format == format) {
            self.groups.push(Group {
                format,
                own_format: true,
                specs: Vec::new(),
                schema: schema::<F>,
                response: response::<F>,
                status: |spec| F::status(&Example(spec)).as_u16(),
            });
        }
        let Some(group) = self.groups.iter_mut().find(|g| g.format == format) else {
            return;
        };
        group.own_format &= own == format;
        for spec in specs {
            if !group.specs.iter().any(|s| s.code() == spec.code()) {
                group.specs.push(spec);
            }
        }
    }

    /// The merged responses of the types `T` lists (each in `Problem` too when `problem`).
    pub(crate) fn of<T: ErrorTypes>(problem: bool) -> BTreeMap<u16, Value> {
        let mut merger = Self::default();
        T::add_to(&mut merger, problem);
        merger.finish()
    }

    fn finish(self) -> BTreeMap<u16, Value> {
        let mut by_status: BTreeMap<u16, Vec<Value>> = BTreeMap::new();
        for group in &self.groups {
            let schema = (group.schema)(&group.specs, group.own_format);
            let mut at: BTreeMap<u16, Vec<&'static ErrorSpec>> = BTreeMap::new();
            for spec in &group.specs {
                at.entry((group.status)(spec)).or_default().push(spec);
            }
            for (status, specs) in at {
                by_status
                    .entry(status)
                    .or_default()
                    .push((group.response)(status, &specs, &schema));
            }
        }
        by_status
            .into_iter()
            .map(|(status, responses)| {
                let mut responses = responses.into_iter();
                let mut merged = responses
                    .next()
                    .unwrap_or_else(|| json!({"description": "Error"}));
                for other in responses {
                    merge_into(&mut merged, other);
                }
                (status, merged)
            })
            .collect()
    }
}

/// Adds `other`'s content types and headers to `into` (two Response Objects); a content type
/// both have becomes a `oneOf` of the two schemas with both sets of examples.
fn merge_into(into: &mut Value, other: Value) {
    let Value::Object(mut other) = other else { return };
    if let Some(Value::Object(headers)) = other.remove("headers")
        && let Some(into_headers) = object_at(into, "headers")
    {
        for (name, header) in headers {
            into_headers.entry(name).or_insert(header);
        }
    }
    if let Some(Value::Object(content)) = other.remove("content") {
        let Some(into_content) = object_at(into, "content") else {
            return;
        };
        for (content_type, media) in content {
            match into_content.get_mut(&content_type) {
                Some(existing) => one_of(existing, media),
                None => {
                    into_content.insert(content_type, media);
                }
            }
        }
    }
}

/// The object member `key` of the object `value`, made if missing.
fn object_at<'v>(value: &'v mut Value, key: &str) -> Option<&'v mut Map<String, Value>> {
    let member = value
        .as_object_mut()?
        .entry(key)
        .or_insert_with(|| Value::Object(Map::new()));
    if !member.is_object() {
        *member = Value::Object(Map::new());
    }
    member.as_object_mut()
}

/// Two Media Type Objects as one: a `oneOf` of both schemas, both sets of examples.
fn one_of(existing: &mut Value, mut other: Value) {
    let schemas: Vec<Value> = [existing["schema"].take(), other["schema"].take()]
        .into_iter()
        .filter(|s| !s.is_null())
        .collect();
    existing["schema"] = json!({ "oneOf": schemas });
    if let (Some(Value::Object(examples)), Some(into)) =
        (other.get("examples").cloned(), object_at(existing, "examples"))
    {
        into.extend(examples);
    }
}

/// One type a route lists: a derived type (in its own format) or a [`Framework<F>`].
pub trait Listed {
    /// Adds the type's codes in its format (and in `Problem` too when `problem`).
    #[doc(hidden)]
    fn add_to(merger: &mut Merger, problem: bool);

    /// The type's codes.
    #[doc(hidden)]
    fn catalogue() -> &'static [ErrorSpec];

    /// The type's own format.
    #[doc(hidden)]
    fn own_format() -> TypeId;
}

impl<F: Format + 'static> Listed for Framework<F> {
    fn catalogue() -> &'static [ErrorSpec] {
        FrameworkError::CATALOGUE
    }

    /// The layer's format is the framework errors' own: they have no other.
    fn own_format() -> TypeId {
        TypeId::of::<F>()
    }

    fn add_to(merger: &mut Merger, problem: bool) {
        merger.add::<F>(FrameworkError::CATALOGUE, Self::own_format());
        if problem {
            merger.add::<Problem>(FrameworkError::CATALOGUE, Self::own_format());
        }
    }
}

impl<E> Listed for E
where
    E: Catalogued + DefaultFormat,
    E::Format: 'static,
{
    fn catalogue() -> &'static [ErrorSpec] {
        E::CATALOGUE
    }

    fn own_format() -> TypeId {
        TypeId::of::<E::Format>()
    }

    fn add_to(merger: &mut Merger, problem: bool) {
        merger.add::<E::Format>(E::CATALOGUE, Self::own_format());
        if problem {
            merger.add::<Problem>(E::CATALOGUE, Self::own_format());
        }
    }
}

/// The types a route lists: a tuple of [`Listed`] types (up to eight).
pub trait ErrorTypes {
    /// Adds every listed type.
    #[doc(hidden)]
    fn add_to(merger: &mut Merger, problem: bool);

    /// Calls `each` with every listed type's codes and own format.
    #[doc(hidden)]
    fn for_each_catalogue(each: &mut dyn FnMut(&'static [ErrorSpec], TypeId));
}

macro_rules! tuples {
    ($($t:ident),+) => {
        impl<$($t: Listed),+> ErrorTypes for ($($t,)+) {
            fn add_to(merger: &mut Merger, problem: bool) {
                $($t::add_to(merger, problem);)+
            }

            fn for_each_catalogue(each: &mut dyn FnMut(&'static [ErrorSpec], TypeId)) {
                $(each($t::catalogue(), $t::own_format());)+
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

impl<F: Format + 'static, T: ErrorTypes> ErrorTypes for Served<F, T> {
    fn add_to(merger: &mut Merger, problem: bool) {
        T::for_each_catalogue(&mut |specs, own| {
            merger.add::<F>(specs, own);
            if problem {
                merger.add::<Problem>(specs, own);
            }
        });
    }

    fn for_each_catalogue(each: &mut dyn FnMut(&'static [ErrorSpec], TypeId)) {
        T::for_each_catalogue(each);
    }
}
