//! `details()`: only marked fields, under their wire names; nothing private leaks.

use errwire::ApiError;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Serialize)]
struct Limits {
    per_hour: u32,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api(status = 400)]
enum Invalid {
    #[error("field {field} is wrong; secret {token}")]
    #[api(message = "{field} must be a 2-letter uppercase country code")]
    Field {
        #[api(detail)]
        field: String,
        #[api(sensitive)]
        token: String,
        internal_note: String,
        #[api(detail = "param")]
        parameter: Option<String>,
        #[api(detail)]
        limits: Limits,
    },
    #[error("tuple")]
    Tuple(#[api(detail = "provider")] &'static str, String),
    #[error("none")]
    Nothing,
}

#[test]
fn details_hold_only_marked_fields_in_declaration_order() {
    let error = Invalid::Field {
        field: "iso2".into(),
        token: "sk_live_SECRET".into(),
        internal_note: "db row 42".into(),
        parameter: Some("country".into()),
        limits: Limits { per_hour: 15 },
    };
    let details = error.details();
    assert_eq!(details.len(), 3);
    assert_eq!(
        serde_json::to_string(&details).unwrap(),
        r#"{"field":"iso2","param":"country","limits":{"per_hour":15}}"#
    );
    let mut names = Vec::new();
    details.for_each(|name, _| names.push(name));
    assert_eq!(names, ["field", "param", "limits"]);
    assert_eq!(format!("{details:?}"), r#"["field", "param", "limits"]"#);
}

#[test]
fn a_none_detail_is_left_out() {
    let error = Invalid::Field {
        field: "iso2".into(),
        token: String::new(),
        internal_note: String::new(),
        parameter: None,
        limits: Limits { per_hour: 1 },
    };
    assert_eq!(
        serde_json::to_value(error.details()).unwrap(),
        json!({"field": "iso2", "limits": {"per_hour": 1}})
    );
}

#[test]
fn tuple_details_need_a_name_and_unmarked_variants_have_none() {
    let error = Invalid::Tuple("fal.ai", "connection reset by peer".into());
    assert_eq!(
        serde_json::to_value(error.details()).unwrap(),
        json!({"provider": "fal.ai"})
    );
    assert!(Invalid::Nothing.details().is_empty());
    assert_eq!(serde_json::to_string(&Invalid::Nothing.details()).unwrap(), "{}");
}

#[test]
fn display_debug_and_private_fields_never_reach_the_public_api() {
    let error = Invalid::Field {
        field: "iso2".into(),
        token: "sk_live_SECRET".into(),
        internal_note: "db row 42".into(),
        parameter: None,
        limits: Limits { per_hour: 1 },
    };
    // Display and Debug do carry the secret: that is what logs are for.
    assert!(error.to_string().contains("sk_live_SECRET"));
    assert!(format!("{error:?}").contains("db row 42"));
    let public = format!(
        "{} {} {} {:?} {:?}",
        error.code(),
        error.message(),
        serde_json::to_string(&error.details()).unwrap(),
        error.help(),
        error.spec()
    );
    assert!(!public.contains("sk_live_SECRET"), "{public}");
    assert!(!public.contains("db row 42"), "{public}");
}

#[test]
fn serialize_entries_writes_into_an_outer_map() {
    use serde::ser::SerializeMap;
    struct Flattened<'a>(&'a dyn ApiError);
    impl Serialize for Flattened<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("code", self.0.code())?;
            self.0.details().serialize_entries(&mut map)?;
            map.end()
        }
    }
    let error = Invalid::Tuple("fal.ai", String::new());
    assert_eq!(
        serde_json::to_string(&Flattened(&error)).unwrap(),
        r#"{"code":"tuple","provider":"fal.ai"}"#
    );
}
