//! [`Object`]: the body's top-level JSON object, written by errwire rather than by
//! `serde_json`'s map.
//!
//! `serde_json` escapes every string byte by byte through a table, member names included
//! (about half the instructions of a small body: BENCHMARKS.md, "Against the targets").
//! Most of what an envelope writes needs no escaping at all (static member names, codes,
//! URLs, most messages), so a name or a text is first checked eight bytes at a time, without
//! a branch per byte, and copied as it is when nothing in it needs escaping. Anything
//! else, and every value that is not a plain text, still goes through `serde_json`, so the
//! bytes are `serde_json`'s in every case.

use std::io;

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeMap};

/// The top-level object: `{`, then members separated by `,`, then `}` on `end`.
pub(super) struct Object<W> {
    out: W,
    empty: bool,
}

impl<W: io::Write> Object<W> {
    /// Opens the object.
    pub(super) fn begin(mut out: W) -> serde_json::Result<Self> {
        out.write_all(b"{").map_err(serde_json::Error::io)?;
        Ok(Self { out, empty: true })
    }

    /// `"name":text`: both copied as they are when they need no escaping.
    pub(super) fn text_entry(&mut self, name: &str, text: &str) -> serde_json::Result<()> {
        self.name(name)?;
        write_text(&mut self.out, text)
    }

    /// The separator and `"name":`.
    fn name(&mut self, name: &str) -> serde_json::Result<()> {
        self.separator()?;
        write_text(&mut self.out, name)?;
        self.colon()
    }

    /// `,` before every member but the first.
    fn separator(&mut self) -> serde_json::Result<()> {
        if !self.empty {
            self.out.write_all(b",").map_err(serde_json::Error::io)?;
        }
        self.empty = false;
        Ok(())
    }

    fn colon(&mut self) -> serde_json::Result<()> {
        self.out.write_all(b":").map_err(serde_json::Error::io)
    }

    /// Closes the object.
    pub(super) fn end(mut self) -> serde_json::Result<()> {
        self.out.write_all(b"}").map_err(serde_json::Error::io)
    }
}

/// For the helpers that write into any map (`request_id_entry`, `flattened_details`…) and
/// for values that are not plain texts.
impl<W: io::Write> SerializeMap for Object<W> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<K: ?Sized + Serialize>(&mut self, key: &K) -> serde_json::Result<()> {
        self.separator()?;
        key.serialize(MemberName(&mut self.out))?;
        self.colon()
    }

    fn serialize_value<V: ?Sized + Serialize>(&mut self, value: &V) -> serde_json::Result<()> {
        value.serialize(&mut serde_json::Serializer::new(&mut self.out))
    }

    fn end(self) -> serde_json::Result<()> {
        Object::end(self)
    }
}

/// `text` as a JSON string: copied between quotes when no byte of it needs escaping, else
/// escaped by `serde_json`. Either way the bytes are `serde_json`'s.
fn write_text(out: &mut impl io::Write, text: &str) -> serde_json::Result<()> {
    if needs_no_escaping(text) {
        out.write_all(b"\"")
            .and_then(|()| out.write_all(text.as_bytes()))
            .and_then(|()| out.write_all(b"\""))
            .map_err(serde_json::Error::io)
    } else {
        serde_json::to_writer(out, text)
    }
}

/// Whether `serde_json` writes `text` unchanged between its quotes: no control character,
/// `"` or `\` (it escapes nothing else, not even non-ASCII text).
///
/// Eight bytes at a time, the last eight overlapping the word before; a text of four to
/// seven bytes is one word made of its first and last four, and a shorter one one word of
/// its first, middle and last bytes padded with spaces. The texts are short (a name, a
/// code), where a byte loop, even a vectorised one, spent ~128 instructions a text.
fn needs_no_escaping(text: &str) -> bool {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let word = |at: usize| {
        bytes.get(at..at + 8).map_or(0, |w| {
            u64::from_ne_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]])
        })
    };
    let half = |at: usize| {
        bytes
            .get(at..at + 4)
            .map_or(0, |w| u64::from(u32::from_ne_bytes([w[0], w[1], w[2], w[3]])))
    };
    if n >= 8 {
        let mut clean = true;
        let mut at = 0;
        while at + 8 < n {
            clean &= word_needs_no_escaping(word(at));
            at += 8;
        }
        clean & word_needs_no_escaping(word(n - 8))
    } else if n >= 4 {
        word_needs_no_escaping(half(0) | half(n - 4) << 32)
    } else {
        // Up to three bytes, the others spaces (which need no escaping).
        let mut word = [b' '; 8];
        if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) {
            word[0] = first;
            word[1] = bytes[n / 2];
            word[2] = last;
        }
        word_needs_no_escaping(u64::from_ne_bytes(word))
    }
}

/// [`needs_no_escaping`] for eight bytes: none below 0x20, none equal to `"` or `\`.
const fn word_needs_no_escaping(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether some byte is below `n` (exact for n <= 0x80; bytes of 0x80 and above, the
    // parts of non-ASCII characters, never count).
    const fn any_below(word: u64, n: u8) -> bool {
        word.wrapping_sub(ONES * n as u64) & !word & HIGH != 0
    }
    !(any_below(word, 0x20)
        | any_below(word ^ (ONES * b'"' as u64), 1)
        | any_below(word ^ (ONES * b'\\' as u64), 1))
}

/// A member name: a string (or a `char`), written as [`write_text`] writes a text. `serde_json`
/// also accepts numbers, bools and unit variants as names; errwire's formats only ever write
/// strings, so anything else is refused with one error.
struct MemberName<'a, W>(&'a mut W);

fn not_a_name() -> serde_json::Error {
    ser::Error::custom("a member name must be a string")
}

macro_rules! refuse {
    ($($method:ident($($ty:ty),*)),* $(,)?) => {$(
        fn $method(self, $(_: $ty),*) -> serde_json::Result<()> {
            Err(not_a_name())
        }
    )*};
}

impl<W: io::Write> ser::Serializer for MemberName<'_, W> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Impossible<(), serde_json::Error>;
    type SerializeTuple = Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = Impossible<(), serde_json::Error>;
    type SerializeMap = Impossible<(), serde_json::Error>;
    type SerializeStruct = Impossible<(), serde_json::Error>;
    type SerializeStructVariant = Impossible<(), serde_json::Error>;

    fn serialize_str(self, name: &str) -> serde_json::Result<()> {
        write_text(self.0, name)
    }

    fn serialize_char(self, name: char) -> serde_json::Result<()> {
        write_text(self.0, name.encode_utf8(&mut [0; 4]))
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_i128(i128),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> serde_json::Result<()> {
        Err(not_a_name())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> serde_json::Result<()> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> serde_json::Result<()> {
        Err(not_a_name())
    }

    fn serialize_seq(self, _: Option<usize>) -> serde_json::Result<Self::SerializeSeq> {
        Err(not_a_name())
    }

    fn serialize_tuple(self, _: usize) -> serde_json::Result<Self::SerializeTuple> {
        Err(not_a_name())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> serde_json::Result<Self::SerializeTupleStruct> {
        Err(not_a_name())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> serde_json::Result<Self::SerializeTupleVariant> {
        Err(not_a_name())
    }

    fn serialize_map(self, _: Option<usize>) -> serde_json::Result<Self::SerializeMap> {
        Err(not_a_name())
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> serde_json::Result<Self::SerializeStruct> {
        Err(not_a_name())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> serde_json::Result<Self::SerializeStructVariant> {
        Err(not_a_name())
    }
}

#[cfg(test)]
mod tests {
    use serde::ser::SerializeMap;

    use super::{Object, needs_no_escaping};

    /// The same members written by `serde_json`'s own map.
    fn serde_jsons(text: &str) -> String {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        let mut map = serde::Serializer::serialize_map(&mut serializer, None).unwrap();
        map.serialize_entry(text, text).unwrap();
        map.serialize_entry(text, &1).unwrap();
        SerializeMap::end(map).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Every character `serde_json` escapes is escaped and every other is copied, alone and in
    /// mixed texts: the bytes are `serde_json`'s, for names and texts alike.
    #[test]
    fn texts_and_names_are_written_as_serde_json_writes_them() {
        let mut texts: Vec<String> = (0..=0x7F_u8).map(|b| char::from(b).to_string()).collect();
        texts.extend(
            [
                "",
                "plain text",
                "é ü 漢字 🎉",
                "a\"b\\c\nd\u{7f}",
                "\u{2028}",
                "tab\there",
                "a clean text longer than two words",
                "a text whose escape is in its last word\n",
                "a text whose escape is in the word before its last: \"x\" ..",
            ]
            .map(String::from),
        );
        for text in &texts {
            let mut ours = Vec::new();
            let mut object = Object::begin(&mut ours).unwrap();
            object.text_entry(text, text).unwrap();
            object.serialize_entry(text.as_str(), &1).unwrap();
            object.end().unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), serde_jsons(text), "{text:?}");
        }
        assert!(needs_no_escaping("The slug 'acme' is already in use."));
        assert!(!needs_no_escaping("a \"quote\""));
    }

    /// Eight bytes at a time, then the rest: every byte, at every place in a word and in the
    /// rest, among ASCII and non-ASCII neighbours, is judged as a byte loop judges it.
    #[test]
    fn the_word_check_agrees_with_a_byte_check() {
        let escaped = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        for filler in ["a", "\u{e9}", "\u{7f}", "\u{80}"] {
            for len in 1..=33 {
                for at in 0..len {
                    for b in 0..=0x7F_u8 {
                        let mut text: Vec<String> = vec![filler.to_string(); len];
                        text[at] = char::from(b).to_string();
                        let text = text.concat();
                        assert_eq!(needs_no_escaping(&text), !text.bytes().any(escaped), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn an_object_without_members_is_empty_and_a_name_that_is_not_a_string_is_an_error() {
        #[derive(serde::Serialize)]
        enum Unit {
            Variant,
        }
        let mut out = Vec::new();
        Object::begin(&mut out).unwrap().end().unwrap();
        assert_eq!(out, b"{}");
        let refused = |key: &dyn erased_serde::Serialize| {
            let mut object = Object::begin(Vec::new()).unwrap();
            object.serialize_entry(key, "value").unwrap_err().to_string()
        };
        for key in [
            &7 as &dyn erased_serde::Serialize,
            &7_u128,
            &true,
            &1.5,
            &Unit::Variant,
            &None::<&str>,
        ] {
            assert_eq!(refused(key), "a member name must be a string");
        }
        let mut out = Vec::new();
        let mut object = Object::begin(&mut out).unwrap();
        object.serialize_entry(&'c', "char").unwrap();
        object.end().unwrap();
        assert_eq!(out, br#"{"c":"char"}"#);
    }
}
