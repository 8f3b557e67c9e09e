//! `#[api(crate = "…")]`: a crate that re-exports errwire can point the derive at itself.

mod facade {
    pub use ::errwire as errors;
}

#[derive(Debug, errwire::ApiError)]
#[api(crate = "crate::crate_path::facade::errors", status = 409)]
enum ThroughFacade {
    #[api(message = "taken: {0}")]
    Taken(#[api(detail = "slug")] String),
}

#[test]
fn the_derive_uses_the_given_path() {
    use crate::crate_path::facade::errors::ApiError as _;
    let error = ThroughFacade::Taken("acme".into());
    assert_eq!(error.message(), "taken: acme");
    assert_eq!(
        serde_json::to_string(&error.details()).unwrap(),
        r#"{"slug":"acme"}"#
    );
    assert_eq!(ThroughFacade::CATALOGUE.len(), 1);
}
