//! Detail values without type erasure where the derive can see the type: a string, a bool or
//! an integer is handed to formats as a [`DetailValue`] and written by serde directly; any
//! other type goes through `erased_serde` (measured: ~6 ns per detail, BENCHMARKS.md).
//!
//! The derive writes `(&DetailProbe(field)).detail_value()`: method lookup tries
//! `&DetailProbe` first, where only [`DetailViaPrimitive`] applies (and only when the type is
//! [`Primitive`]), then `DetailProbe`, where [`DetailViaErased`] always applies.

use std::borrow::Cow;

use serde::{Serialize, Serializer};

/// One detail's value, as formats write it. Not public API.
#[derive(Clone, Copy)]
#[allow(missing_debug_implementations)] // written, never printed
pub enum DetailValue<'a> {
    /// A string.
    Str(&'a str),
    /// An unsigned integer.
    Unsigned(u64),
    /// A signed integer.
    Signed(i64),
    /// A bool.
    Bool(bool),
    /// `None` (the derive skips it; a hand-written visitor may not).
    Null,
    /// Anything else.
    Erased(&'a dyn erased_serde::Serialize),
}

impl Serialize for DetailValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Self::Str(text) => serializer.serialize_str(text),
            Self::Unsigned(n) => serializer.serialize_u64(n),
            Self::Signed(n) => serializer.serialize_i64(n),
            Self::Bool(b) => serializer.serialize_bool(b),
            Self::Null => serializer.serialize_none(),
            Self::Erased(value) => value.serialize(serializer),
        }
    }
}

/// A type whose serde form is one of [`DetailValue`]'s own (the same bytes either way).
pub trait Primitive {
    /// The value.
    fn primitive(&self) -> DetailValue<'_>;
}

macro_rules! primitive {
    ($variant:ident as $wide:ty: $($ty:ty),*) => {$(
        impl Primitive for $ty {
            #[inline]
            fn primitive(&self) -> DetailValue<'_> {
                DetailValue::$variant(<$wide>::from(*self))
            }
        }
    )*};
}
primitive!(Unsigned as u64: u8, u16, u32, u64);
primitive!(Signed as i64: i8, i16, i32, i64);
primitive!(Bool as bool: bool);

impl Primitive for usize {
    #[inline]
    fn primitive(&self) -> DetailValue<'_> {
        // serde writes a `usize` as a `u64`.
        DetailValue::Unsigned(*self as u64)
    }
}

impl Primitive for isize {
    #[inline]
    fn primitive(&self) -> DetailValue<'_> {
        DetailValue::Signed(*self as i64)
    }
}

impl Primitive for str {
    #[inline]
    fn primitive(&self) -> DetailValue<'_> {
        DetailValue::Str(self)
    }
}

impl Primitive for String {
    #[inline]
    fn primitive(&self) -> DetailValue<'_> {
        DetailValue::Str(self)
    }
}

impl Primitive for Cow<'_, str> {
    #[inline]
    fn primitive(&self) -> DetailValue<'_> {
        DetailValue::Str(self)
    }
}

impl<T: Primitive + ?Sized> Primitive for &T {
    #[inline]
    fn primitive(&self) -> DetailValue<'_> {
        (**self).primitive()
    }
}

impl<T: Primitive> Primitive for Option<T> {
    #[inline]
    fn primitive(&self) -> DetailValue<'_> {
        self.as_ref().map_or(DetailValue::Null, Primitive::primitive)
    }
}

/// The field being probed.
#[allow(missing_debug_implementations)] // a compile-time probe, never printed
pub struct DetailProbe<'a, T: ?Sized>(pub &'a T);

impl<T: ?Sized> Clone for DetailProbe<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for DetailProbe<'_, T> {}

/// Chosen when the field's type is [`Primitive`].
pub trait DetailViaPrimitive<'a> {
    /// The value.
    fn detail_value(self) -> DetailValue<'a>;
}

impl<'a, T: Primitive + ?Sized> DetailViaPrimitive<'a> for &DetailProbe<'a, T> {
    #[inline]
    fn detail_value(self) -> DetailValue<'a> {
        self.0.primitive()
    }
}

/// Chosen otherwise.
pub trait DetailViaErased<'a> {
    /// The value, type-erased.
    fn detail_value(self) -> DetailValue<'a>;
}

impl<'a, T: Serialize> DetailViaErased<'a> for DetailProbe<'a, T> {
    #[inline]
    fn detail_value(self) -> DetailValue<'a> {
        DetailValue::Erased(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each primitive writes the bytes serde writes for the value itself.
    #[test]
    fn a_primitive_writes_what_serde_writes() {
        fn same<T: Serialize + Primitive + ?Sized>(value: &T) {
            let direct = serde_json::to_string(value).unwrap();
            let via = serde_json::to_string(&value.primitive()).unwrap();
            assert_eq!(direct, via);
        }
        same("a\"b\n");
        same(&String::from("é"));
        same(&Cow::Borrowed("c"));
        same(&u64::MAX);
        same(&i64::MIN);
        same(&usize::MAX);
        same(&-1isize);
        same(&7u8);
        same(&-7i16);
        same(&true);
        same(&Some(3u32));
        same(&None::<u32>);
        same(&&"nested");
    }

    /// The probe picks the direct path for a primitive and the erased one for anything else.
    #[test]
    #[allow(clippy::needless_borrow)] // the borrow is the probe: it is how the derive calls it
    fn the_probe_erases_only_what_it_must() {
        let text = String::from("x");
        assert!(matches!(
            (&DetailProbe(&text)).detail_value(),
            DetailValue::Str("x")
        ));
        let list = vec![1, 2];
        assert!(matches!(
            (&DetailProbe(&list)).detail_value(),
            DetailValue::Erased(_)
        ));
    }
}
