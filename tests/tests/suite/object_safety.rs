//! `ApiError` as a trait object: `&dyn`, `Box<dyn … + Send + Sync>`, `Arc<dyn …>`.

use std::sync::Arc;

use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 429, domain = "common")]
enum Limited {
    #[api(message = "Slow down for {seconds}s.", retry_after = 10)]
    RateLimited {
        seconds: u32,
        #[api(detail)]
        scope: &'static str,
    },
}

fn describe(error: &dyn ApiError) -> String {
    format!(
        "{} {} {} {:?} {:?}",
        error.status().as_u16(),
        error.code(),
        error.message(),
        error.retry_after(),
        error.domain()
    )
}

#[test]
fn dyn_references_boxes_and_arcs_forward_everything() {
    let error = Limited::RateLimited {
        seconds: 10,
        scope: "user",
    };
    let expected = "429 rate_limited Slow down for 10s. Some(10s) Some(\"common\")";
    assert_eq!(describe(&error), expected);

    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(Limited::RateLimited {
        seconds: 10,
        scope: "user",
    });
    assert_eq!(describe(&boxed), expected);
    assert_eq!(describe(boxed.as_ref()), expected);
    assert_eq!(
        serde_json::to_string(&boxed.details()).unwrap(),
        r#"{"scope":"user"}"#
    );

    let shared: Arc<dyn ApiError + Send + Sync> = Arc::new(error);
    assert_eq!(describe(&shared), expected);
    assert_eq!(errwire::PublicMessage(&shared).to_string(), "Slow down for 10s.");
}

#[test]
fn boxed_errors_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + 'static>(_: &T) {}
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(Limited::RateLimited {
        seconds: 1,
        scope: "tool",
    });
    assert_send_sync(&boxed);
    let errors: Vec<Box<dyn ApiError + Send + Sync>> = vec![boxed];
    assert_eq!(errors[0].code(), "rate_limited");
}

/// A hand-written implementation needs only `spec()`.
struct HandWritten;

const HAND_WRITTEN: errwire::ErrorSpec =
    errwire::ErrorSpec::new("hand_written", errwire::http::StatusCode::GONE, "Gone for good.")
        .with_help("Stop.");

impl ApiError for HandWritten {
    fn spec(&self) -> &'static errwire::ErrorSpec {
        &HAND_WRITTEN
    }
}

#[test]
fn hand_written_implementations_read_their_spec() {
    let error: &dyn ApiError = &HandWritten;
    assert_eq!(error.code(), "hand_written");
    assert_eq!(error.status().as_u16(), 410);
    assert_eq!(error.message(), "Gone for good.");
    assert_eq!(error.help(), Some("Stop."));
    assert_eq!(error.title(), "Gone");
    assert!(!error.retryable());
    assert!(error.details().is_empty());
}
