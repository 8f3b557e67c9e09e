//! Generic errors: bounds only where a field is used.
//!
//! For `Lookup<K, V>` below the derive writes
//! `impl<K, V> ApiError for Lookup<K, V> where K: Display, V: Serialize` — `K` because the
//! message prints it, `V` because it is a detail — and nothing for fields it never reads.

use std::fmt::Display;

use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 404)]
enum Lookup<K, V> {
    #[api(message = "No entry for {key}.")]
    Missing { key: K },
    #[api(status = 409)]
    Taken(#[api(detail = "existing")] V),
}

#[derive(Debug, ApiError)]
#[api(status = 500)]
struct Opaque<T> {
    /// Never read by the derive, so `T` needs no bound.
    _inner: T,
}

struct NotDisplayNorSerialize;

#[derive(Debug, ApiError)]
#[api(status = 429)]
enum Delayed<'a, D> {
    Wait(#[api(retry_after)] D, &'a str),
}

fn assert_api_error<T: ApiError>(_: &T) {}

#[test]
fn bounds_follow_use() {
    let missing: Lookup<u32, NotDisplayNorSerialize> = Lookup::Missing { key: 7 };
    let _ = missing;
    let missing: Lookup<u32, &str> = Lookup::Missing { key: 7 };
    assert_eq!(missing.message(), "No entry for 7.");
    let taken: Lookup<u32, &str> = Lookup::Taken("acme");
    assert_eq!(
        serde_json::to_string(&taken.details()).unwrap(),
        r#"{"existing":"acme"}"#
    );

    let opaque = Opaque {
        _inner: NotDisplayNorSerialize,
    };
    assert_api_error(&opaque);
    assert_eq!(opaque.code(), "opaque");

    let delayed = Delayed::Wait(std::time::Duration::from_secs(3), "x");
    assert_eq!(delayed.retry_after(), Some(std::time::Duration::from_secs(3)));
    let Delayed::Wait(_, borrowed) = delayed;
    assert_eq!(borrowed, "x");
}

fn needs_display<K: Display>(error: &Lookup<K, String>) -> String
where
    Lookup<K, String>: ApiError,
{
    error.message().into_owned()
}

#[test]
fn generic_callers_can_name_the_bound() {
    assert_eq!(
        needs_display(&Lookup::<&str, String>::Missing { key: "k" }),
        "No entry for k."
    );
}
