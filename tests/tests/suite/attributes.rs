//! Every key of the attribute language, each checked through the trait and the spec.

use std::time::Duration;

use errwire::http::StatusCode;
use errwire::{ApiError, McpChannel};

#[derive(Debug, ApiError)]
enum Statuses {
    #[api(status = 409)]
    Integer,
    #[api(status = CONFLICT)]
    Constant,
    #[api(status = StatusCode::GONE)]
    Qualified,
    #[api(status = http::StatusCode::IM_A_TEAPOT)]
    FullPath,
}

#[test]
fn status_accepts_integers_and_constants() {
    assert_eq!(Statuses::Integer.status(), StatusCode::CONFLICT);
    assert_eq!(Statuses::Constant.status(), StatusCode::CONFLICT);
    assert_eq!(Statuses::Qualified.status(), StatusCode::GONE);
    assert_eq!(Statuses::FullPath.status(), StatusCode::IM_A_TEAPOT);
}

#[derive(Debug, ApiError)]
#[api(status = 500)]
enum Defaults {
    Inherits,
    #[api(status = 404)]
    Overrides,
}

#[test]
fn enum_status_is_the_default() {
    assert_eq!(Defaults::Inherits.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(Defaults::Overrides.status(), StatusCode::NOT_FOUND);
}

#[derive(Debug, ApiError)]
#[api(status = 400)]
enum SnakeByDefault {
    WorkspaceSlugTaken,
    #[api(code = "Rate limit exceeded")]
    Spaced,
    #[api(code = "307_redirect")]
    Redirect,
}

#[test]
fn codes_default_to_snake_case_and_accept_any_printable_text() {
    assert_eq!(SnakeByDefault::WorkspaceSlugTaken.code(), "workspace_slug_taken");
    assert_eq!(SnakeByDefault::Spaced.code(), "Rate limit exceeded");
    assert_eq!(SnakeByDefault::Redirect.code(), "307_redirect");
}

macro_rules! rename_case {
    ($name:ident, $rule:literal, $expected:literal) => {
        #[test]
        fn $name() {
            #[derive(Debug, ApiError)]
            #[api(status = 400, rename_all = $rule)]
            enum E {
                AuthSessionExpired,
            }
            assert_eq!(E::AuthSessionExpired.code(), $expected);
        }
    };
}

rename_case!(rename_lowercase, "lowercase", "authsessionexpired");
rename_case!(rename_uppercase, "UPPERCASE", "AUTHSESSIONEXPIRED");
rename_case!(rename_pascal, "PascalCase", "AuthSessionExpired");
rename_case!(rename_camel, "camelCase", "authSessionExpired");
rename_case!(rename_snake, "snake_case", "auth_session_expired");
rename_case!(
    rename_screaming_snake,
    "SCREAMING_SNAKE_CASE",
    "AUTH_SESSION_EXPIRED"
);
rename_case!(rename_kebab, "kebab-case", "auth-session-expired");
rename_case!(
    rename_screaming_kebab,
    "SCREAMING-KEBAB-CASE",
    "AUTH-SESSION-EXPIRED"
);

#[derive(Debug, ApiError)]
#[api(status = 409)]
enum Messages {
    #[api(message = "The slug '{slug}' is already in use.")]
    Named {
        slug: String,
        _internal: u32,
    },
    #[api(message = "Tool '{0}' is not permitted for agent '{1}'.")]
    Positional(String, String),
    #[api(message = "Count: {count:>4}, debug: {name:?}")]
    Specs {
        count: u32,
        name: String,
    },
    #[api(message = "Literal {{braces}} stay.")]
    Escaped,
    /// Resource is in a state that doesn't allow this op.
    ///
    /// A longer description follows the first line.
    FromDoc,
    FromReason,
    /// No composed brief for the requested {userId, issueDate}.
    DocWithBraces,
    #[api(message = "Plain text.")]
    Plain,
}

#[test]
fn messages_fill_only_real_placeholders() {
    let named = Messages::Named {
        slug: "acme".into(),
        _internal: 7,
    };
    assert_eq!(named.message(), "The slug 'acme' is already in use.");
    assert_eq!(named.spec().message(), "The slug '{slug}' is already in use.");
    let positional = Messages::Positional("delete_file".into(), "my-first-agent".into());
    assert_eq!(
        positional.message(),
        "Tool 'delete_file' is not permitted for agent 'my-first-agent'."
    );
    let specs = Messages::Specs {
        count: 7,
        name: "x".into(),
    };
    assert_eq!(specs.message(), "Count:    7, debug: \"x\"");
    assert_eq!(Messages::Escaped.message(), "Literal {braces} stay.");
    assert_eq!(Messages::Escaped.spec().message(), "Literal {{braces}} stay.");
}

#[test]
fn messages_default_to_the_doc_comment_then_the_reason_phrase() {
    assert_eq!(
        Messages::FromDoc.message(),
        "Resource is in a state that doesn't allow this op."
    );
    assert_eq!(
        Messages::FromDoc.spec().description(),
        Some(
            "Resource is in a state that doesn't allow this op.\n\nA longer description follows the first line."
        )
    );
    assert_eq!(Messages::FromReason.message(), "Conflict");
    assert_eq!(Messages::FromReason.spec().description(), None);
    // A doc comment is text, not a template: its braces print as written.
    assert_eq!(
        Messages::DocWithBraces.message(),
        "No composed brief for the requested {userId, issueDate}."
    );
    assert_eq!(
        Messages::DocWithBraces.spec().message(),
        "No composed brief for the requested {{userId, issueDate}}."
    );
}

#[test]
fn placeholder_free_messages_borrow() {
    assert!(matches!(
        Messages::Plain.message(),
        std::borrow::Cow::Borrowed("Plain text.")
    ));
    assert!(matches!(
        Messages::FromDoc.message(),
        std::borrow::Cow::Borrowed(_)
    ));
    assert!(matches!(
        Messages::Named {
            slug: "a".into(),
            _internal: 0
        }
        .message(),
        std::borrow::Cow::Owned(_)
    ));
}

#[test]
fn write_message_agrees_with_message() {
    let errors = [
        Messages::Named {
            slug: "acme".into(),
            _internal: 1,
        },
        Messages::Positional("a".into(), "b".into()),
        Messages::Escaped,
        Messages::FromDoc,
        Messages::DocWithBraces,
        Messages::Plain,
    ];
    for error in &errors {
        assert_eq!(errwire::PublicMessage(error).to_string(), error.message());
    }
}

#[derive(Debug, ApiError)]
enum Retries {
    #[api(status = 408)]
    Timeout,
    #[api(status = 425)]
    TooEarly,
    #[api(status = 429)]
    TooMany,
    #[api(status = 500)]
    Internal,
    #[api(status = 501)]
    NotImplemented,
    #[api(status = 502)]
    BadGateway,
    #[api(status = 503)]
    Unavailable,
    #[api(status = 504)]
    GatewayTimeout,
    #[api(status = 400)]
    BadRequest,
    #[api(status = 409, retry = true)]
    RetryableConflict,
    #[api(status = 503, retry = false)]
    Unconfigured,
}

#[test]
fn retry_defaults_follow_the_status() {
    for (error, expected) in [
        (Retries::Timeout, true),
        (Retries::TooEarly, true),
        (Retries::TooMany, true),
        (Retries::Internal, true),
        (Retries::NotImplemented, false),
        (Retries::BadGateway, true),
        (Retries::Unavailable, true),
        (Retries::GatewayTimeout, true),
        (Retries::BadRequest, false),
        (Retries::RetryableConflict, true),
        (Retries::Unconfigured, false),
    ] {
        assert_eq!(error.retryable(), expected, "{error:?}");
        assert_eq!(
            error.retryable(),
            errwire::default_retryable(error.status())
                ^ matches!(error, Retries::RetryableConflict | Retries::Unconfigured)
        );
    }
}

#[derive(Debug, ApiError)]
#[api(status = 429)]
enum Delays {
    #[api(retry_after = 30)]
    Constant,
    Seconds(#[api(retry_after)] u32),
    Exact {
        #[api(retry_after)]
        wait: Duration,
    },
    Maybe(#[api(retry_after)] Option<u64>),
    Signed(#[api(retry_after)] i64),
    Unknown,
}

#[test]
fn retry_after_comes_from_a_constant_or_a_field() {
    assert_eq!(Delays::Constant.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(
        Delays::Constant.spec().retry_after(),
        Some(Duration::from_secs(30))
    );
    assert_eq!(Delays::Seconds(12).retry_after(), Some(Duration::from_secs(12)));
    assert_eq!(
        Delays::Exact {
            wait: Duration::from_millis(1500)
        }
        .retry_after(),
        Some(Duration::from_millis(1500))
    );
    assert_eq!(Delays::Maybe(Some(4)).retry_after(), Some(Duration::from_secs(4)));
    assert_eq!(Delays::Maybe(None).retry_after(), None);
    assert_eq!(Delays::Signed(-1).retry_after(), None);
    assert_eq!(Delays::Signed(60).retry_after(), Some(Duration::from_secs(60)));
    assert_eq!(Delays::Unknown.retry_after(), None);
}

#[derive(Debug, ApiError)]
#[api(domain = "common", status = 401)]
enum Domains {
    Inherits,
    #[api(domain = "auth")]
    Overrides,
}

#[test]
fn domain_is_inherited_and_overridable() {
    assert_eq!(Domains::Inherits.domain(), Some("common"));
    assert_eq!(Domains::Overrides.domain(), Some("auth"));
}

#[derive(Debug, ApiError)]
#[api(status = 429, docs = "https://docs.example.com/errors#{code}")]
enum Extras {
    #[api(
        help = "Respect the Retry-After header; back off exponentially.",
        title = "Slow down"
    )]
    RateLimited,
    #[api(code = "Rate limit exceeded")]
    Spaced,
    Bare,
}

#[test]
fn help_title_and_docs() {
    assert_eq!(
        Extras::RateLimited.help(),
        Some("Respect the Retry-After header; back off exponentially.")
    );
    assert_eq!(Extras::RateLimited.title(), "Slow down");
    assert_eq!(Extras::RateLimited.spec().title(), "Slow down");
    assert_eq!(Extras::Bare.title(), "Too Many Requests");
    assert_eq!(Extras::Bare.spec().title(), "Too Many Requests");
    assert_eq!(Extras::Bare.help(), None);
    assert_eq!(
        Extras::RateLimited.docs_url(),
        Some("https://docs.example.com/errors#rate_limited")
    );
    assert_eq!(
        Extras::Spaced.docs_url(),
        Some("https://docs.example.com/errors#Rate%20limit%20exceeded")
    );
}

#[derive(Debug, ApiError)]
enum JsonRpc {
    #[api(status = 400)]
    BadRequest,
    #[api(status = 422)]
    Unprocessable,
    #[api(status = 401)]
    Unauthorized,
    #[api(status = 403)]
    Forbidden,
    #[api(status = 404)]
    NotFound,
    #[api(status = 500)]
    Internal,
    #[api(status = 504)]
    Timeout,
    #[api(status = 409)]
    Other,
    #[api(status = 429)]
    Limited,
    #[api(status = 400, jsonrpc = -32700)]
    Parse,
    #[api(status = 502, jsonrpc = -32001)]
    Server,
    #[api(status = 412, jsonrpc = 42)]
    Custom,
}

#[test]
fn jsonrpc_codes_map_from_the_status_unless_given() {
    let expected = [
        (JsonRpc::BadRequest, -32602),
        (JsonRpc::Unprocessable, -32602),
        (JsonRpc::Unauthorized, -32600),
        (JsonRpc::Forbidden, -32600),
        (JsonRpc::NotFound, -32601),
        (JsonRpc::Internal, -32603),
        (JsonRpc::Timeout, -32603),
        (JsonRpc::Other, -32000),
        (JsonRpc::Limited, -32000),
        (JsonRpc::Parse, -32700),
        (JsonRpc::Server, -32001),
        (JsonRpc::Custom, 42),
    ];
    for (error, code) in expected {
        assert_eq!(error.jsonrpc_code(), code, "{error:?}");
    }
    assert_eq!(errwire::default_jsonrpc_code(StatusCode::BAD_GATEWAY), -32603);
}

#[derive(Debug, ApiError)]
#[api(status = 404)]
enum Channels {
    ToolByDefault,
    #[api(mcp = "protocol")]
    UnknownTool,
    #[api(mcp = "tool")]
    ExplicitTool,
}

#[test]
fn mcp_channel_defaults_to_tool_results() {
    assert_eq!(Channels::ToolByDefault.mcp_channel(), McpChannel::Tool);
    assert_eq!(Channels::UnknownTool.mcp_channel(), McpChannel::Protocol);
    assert_eq!(Channels::ExplicitTool.mcp_channel(), McpChannel::Tool);
}

#[derive(Debug, ApiError)]
#[api(status = 410)]
enum Lifecycle {
    Current,
    #[deprecated = "use Current"]
    Old,
}

#[test]
fn deprecated_variants_stay_in_the_catalogue_marked() {
    assert!(!Lifecycle::CATALOGUE[0].deprecated());
    assert!(Lifecycle::CATALOGUE[1].deprecated());
    assert_eq!(Lifecycle::CATALOGUE[1].code(), "old");
    assert_eq!(Lifecycle::Current.code(), "current");
    #[allow(deprecated)]
    let old = Lifecycle::Old;
    assert!(old.spec().deprecated());
}

/// Struct errors carry every key themselves.
#[derive(Debug, ApiError)]
#[api(
    status = 402,
    code = "BILLING_INSUFFICIENT_CREDITS",
    domain = "billing",
    help = "Top up."
)]
struct InsufficientCredits {
    #[api(detail)]
    needed: u32,
}

#[derive(Debug, ApiError)]
#[api(status = 404, rename_all = "SCREAMING_SNAKE_CASE")]
/// Resource not found.
struct ResourceNotFound;

#[derive(Debug, ApiError)]
#[api(status = 502, message = "Upstream {0} failed.")]
struct Upstream(&'static str);

#[test]
fn structs_are_errors_too() {
    let credits = InsufficientCredits { needed: 3 };
    assert_eq!(credits.code(), "BILLING_INSUFFICIENT_CREDITS");
    assert_eq!(credits.status(), StatusCode::PAYMENT_REQUIRED);
    assert_eq!(credits.domain(), Some("billing"));
    assert_eq!(credits.help(), Some("Top up."));
    assert_eq!(credits.spec().variant(), None);
    assert!(credits.spec().type_name().ends_with("::InsufficientCredits"));
    assert_eq!(
        serde_json::to_value(credits.details()).unwrap(),
        serde_json::json!({"needed": 3})
    );
    assert_eq!(ResourceNotFound.code(), "RESOURCE_NOT_FOUND");
    assert_eq!(ResourceNotFound.message(), "Resource not found.");
    assert_eq!(Upstream("billing").message(), "Upstream billing failed.");
    assert_eq!(InsufficientCredits::CATALOGUE.len(), 1);
}

#[test]
fn spec_records_where_the_code_is_declared() {
    let spec = Statuses::Constant.spec();
    assert_eq!(spec.type_name(), concat!(module_path!(), "::Statuses"));
    assert_eq!(spec.variant(), Some("Constant"));
}

/// Every text fact of a spec reaches it byte for byte, whatever it holds: the derive writes the
/// spec constants as Rust source (`macros/src/expand/text.rs`), so quotes, backslashes, braces,
/// control characters and non-ASCII text must survive that escaping.
#[derive(Debug, ApiError)]
enum Escapes {
    /// Said "hi" \ to {braces}, ü — and é.
    #[api(
        status = 418,
        code = "escapes",
        title = "Tea \"pot\" \\ ü",
        domain = "d\"o\\m",
        help = "Help:\t\u{1F600}\nnext",
        message = "Said \"hi\" \\ {{literal}} ü\u{0}"
    )]
    Variant,
}

#[test]
fn text_facts_survive_the_derive_byte_for_byte() {
    let error = Escapes::Variant;
    let spec = error.spec();
    assert_eq!(error.code(), "escapes");
    assert_eq!(spec.title(), "Tea \"pot\" \\ ü");
    assert_eq!(spec.domain(), Some("d\"o\\m"));
    assert_eq!(spec.help(), Some("Help:\t\u{1F600}\nnext"));
    assert_eq!(spec.description(), Some("Said \"hi\" \\ to {braces}, ü — and é."));
    assert_eq!(error.message(), "Said \"hi\" \\ {literal} ü\u{0}");
}
