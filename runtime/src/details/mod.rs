//! [`Details`]: the fields an error chose to publish, type-erased for any format.

mod value;

use core::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

pub use value::{DetailProbe, DetailValue, DetailViaErased, DetailViaPrimitive, Primitive};

/// One published field: its wire name and its value, serializable by any serde serializer.
#[deprecated(note = "unused by errwire: `Details::for_each` hands out the name and the value")]
pub type Detail<'a> = (&'static str, &'a dyn erased_serde::Serialize);

/// The fields of an error marked `#[api(detail)]`, in declaration order.
///
/// A format serializes them without knowing the error's type: as a map
/// (`Details` is `Serialize`), or entry by entry into a map of its own with
/// [`Details::serialize_entries`] (problem+json puts them at the top level). A detail whose
/// field is an `Option` that holds `None` is left out. Nothing is copied or allocated.
#[derive(Clone, Copy, Default)]
pub struct Details<'a> {
    fields: Option<&'a (dyn DetailFields + 'a)>,
}

/// Implemented by the derive for types with detail fields. Not for hand use: build
/// [`Details`] with [`Details::new`].
pub trait DetailFields {
    /// Calls `visit` with each published field, in declaration order. (The derive implements
    /// `__visit_values` instead, which this default reads; implement one of the two.)
    fn visit_details(&self, visit: &mut dyn FnMut(&'static str, &dyn erased_serde::Serialize)) {
        self.__visit_values(&mut |name, value| visit(name, &value));
    }

    /// Calls `visit` with each published field as formats write it: strings, bools and
    /// integers without type erasure (the derive's implementation). Not public API.
    #[doc(hidden)]
    fn __visit_values(&self, visit: &mut dyn FnMut(&'static str, DetailValue<'_>)) {
        self.visit_details(&mut |name, value| visit(name, DetailValue::Erased(value)));
    }

    /// Whether there is any detail to publish (the derive answers without visiting).
    fn has_details(&self) -> bool {
        let mut any = false;
        self.visit_details(&mut |_, _| any = true);
        any
    }

    /// Whether every name was checked against the members formats write themselves
    /// ([`RESERVED_MEMBER_NAMES`](crate::rules::RESERVED_MEMBER_NAMES)) when the type was
    /// compiled: the derive says yes, so formats that flatten details skip the check.
    #[doc(hidden)]
    fn __names_checked(&self) -> bool {
        false
    }
}

impl<'a> Details<'a> {
    /// No details.
    #[must_use]
    pub const fn none() -> Self {
        Self { fields: None }
    }

    /// The details that `fields` publishes.
    #[must_use]
    pub const fn new(fields: &'a (dyn DetailFields + 'a)) -> Self {
        Self { fields: Some(fields) }
    }

    /// Calls `f` with each detail's name and value, in declaration order.
    pub fn for_each(&self, mut f: impl FnMut(&'static str, &dyn erased_serde::Serialize)) {
        if let Some(fields) = self.fields {
            fields.visit_details(&mut f);
        }
    }

    /// Calls `f` with each detail's name and value as formats write it.
    pub(crate) fn for_each_value(&self, mut f: impl FnMut(&'static str, DetailValue<'_>)) {
        if let Some(fields) = self.fields {
            fields.__visit_values(&mut f);
        }
    }

    /// Whether the names were checked at compile time (see `DetailFields::__names_checked`).
    pub(crate) fn names_checked(&self) -> bool {
        self.fields.is_some_and(DetailFields::__names_checked)
    }

    /// How many details there are.
    #[must_use]
    pub fn len(&self) -> usize {
        let mut count = 0;
        self.for_each(|_, _| count += 1);
        count
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fields.is_none_or(|fields| !fields.has_details())
    }

    /// Serializes every detail as an entry of `map`, stopping at the first error.
    ///
    /// # Errors
    /// The first error of the serializer.
    pub fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        let mut result = Ok(());
        self.for_each_value(|name, value| {
            if result.is_ok() {
                result = map.serialize_entry(name, &value);
            }
        });
        result
    }
}

impl Serialize for Details<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.serialize_entries(&mut map)?;
        map.end()
    }
}

impl fmt::Debug for Details<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        self.for_each(|name, _| {
            list.entry(&name);
        });
        list.finish()
    }
}
