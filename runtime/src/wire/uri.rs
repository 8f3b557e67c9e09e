//! URI references (problem `type` and `instance`, OAuth `error_uri`): kept when already
//! valid, else percent-encoded into a path that is valid by construction.

use std::borrow::Cow;

use crate::rules::is_unreserved;

use super::classes::is_sub_delim;
pub use super::classes::{MAX_URI, is_uri_reference};

/// `text` as a valid URI reference (borrowed when it already is one). Anything else becomes
/// a path: every byte but unreserved ones, sub-delims, `@` and `/` is percent-encoded (UTF-8),
/// a leading `//` becomes `/%2F`, and the result is cut to [`MAX_URI`] bytes.
#[must_use]
pub fn uri_reference(text: &str) -> Cow<'_, str> {
    if is_uri_reference(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(MAX_URI));
    for (i, &byte) in text.as_bytes().iter().enumerate() {
        let leading_double_slash = i == 1 && byte == b'/' && text.as_bytes()[0] == b'/';
        let kept = (is_unreserved(byte) || is_sub_delim(byte) || byte == b'@' || byte == b'/')
            && !leading_double_slash;
        if out.len() + if kept { 1 } else { 3 } > MAX_URI {
            break;
        }
        if kept {
            out.push(char::from(byte));
        } else {
            let _ = core::fmt::Write::write_fmt(&mut out, format_args!("%{byte:02X}"));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_references_are_percent_encoded() {
        for kept in [
            "/accounts/1?x=%20",
            "https://docs.example.com/errors#code",
            "about:blank",
            "a/b",
            "",
            "?q#f",
        ] {
            assert!(matches!(uri_reference(kept), Cow::Borrowed(_)), "{kept}");
        }
        assert_eq!(uri_reference("/a b\r\n\"é%zz"), "/a%20b%0D%0A%22%C3%A9%25zz");
        assert_eq!(uri_reference("["), "%5B");
        assert_eq!(uri_reference("//evil/x"), "/%2Fevil/x");
        assert_eq!(
            uri_reference("a:b"),
            "a:b",
            "a valid absolute URI with scheme `a`"
        );
        assert_eq!(uri_reference("1:b"), "1%3Ab");
        assert_eq!(uri_reference("/x#a#b"), "/x%23a%23b");
        assert_eq!(uri_reference("http://a@b@c/"), "http%3A//a@b@c/");
        assert!(uri_reference(&"é".repeat(5000)).len() <= MAX_URI);
    }
}
