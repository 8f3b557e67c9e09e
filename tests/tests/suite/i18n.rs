//! Feature `i18n`: Fluent translations keyed by code, chosen by `Accept-Language` — through
//! every format on exact bytes, through axum and actix-web with real requests, the checker
//! (one test per kind of mistake), and property tests for the header parser.

use std::sync::Arc;

use errwire::format::{Flat, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple};
use errwire::i18n::negotiate::{MAX_CHAIN, MAX_RANGES, requested};
use errwire::i18n::{Mistake, Translations, check};
use errwire::{ApiError, Context, Format, to_json, to_response};
use proptest::prelude::*;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(docs = "https://docs.example.com/errors#{code}")]
enum WorkspaceError {
    /// Slug taken.
    #[error("slug {slug} taken")]
    #[api(
        status = 409,
        title = "Slug taken",
        message = "The slug '{slug}' is already in use."
    )]
    WorkspaceSlugTaken {
        slug: String,
        #[api(detail)]
        suggestion: String,
    },
    /// Too many seats.
    #[error("seats")]
    #[api(status = 422, message = "{0} seats is over the limit.")]
    TooManySeats(u32),
    /// Token rejected.
    #[error("token {token}")]
    #[api(status = 401, message = "Token rejected for {user}.")]
    TokenRejected {
        user: String,
        #[api(sensitive)]
        token: String,
    },
    /// Only English.
    #[error("untranslated")]
    #[api(status = 404)]
    Untranslated,
}

const FR: &str = "\
workspace_slug_taken = Le slug « { $slug } » est déjà utilisé (essayez « { $suggestion } »).
    .title = Slug déjà pris
too_many_seats = { $arg0 ->
    [one] { $arg0 } siège dépasse la limite.
   *[other] { $arg0 } sièges dépassent la limite.
}
token_rejected = Jeton refusé pour { $user }.
";

const DE: &str = "\
workspace_slug_taken = Der Slug „{ $slug }“ ist bereits vergeben.
token_rejected = Token für { $user } abgelehnt.
";

fn translations() -> Translations {
    Translations::parse([("fr", FR), ("de", DE)]).unwrap()
}

fn slug_taken() -> WorkspaceError {
    WorkspaceError::WorkspaceSlugTaken {
        slug: "acme".into(),
        suggestion: "acme-2".into(),
    }
}

/// A rendered body, its `Content-Language` and its `Vary`.
type Rendered = (String, Option<String>, Option<String>);

/// A format's renderer, by name.
type Renderer = fn(&WorkspaceError, Option<&str>) -> Rendered;

fn render<F: Format>(error: &WorkspaceError, accept: Option<&str>) -> Rendered {
    let translations = translations();
    let mut ctx = Context::new().request_id("req_1").translations(&translations);
    if let Some(header) = accept {
        ctx = ctx.accept_language(header);
    }
    let response = to_response::<F>(error, &ctx);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    (
        String::from_utf8(response.body().clone()).unwrap(),
        header("content-language"),
        header("vary"),
    )
}

#[test]
fn every_format_writes_the_translation() {
    let error = slug_taken();
    let message = "Le slug « acme » est déjà utilisé (essayez « acme-2 »).";
    let cases: [(&str, Renderer, String); 8] = [
        ("nested", render::<Nested>, format!(r#"{{"error":{{"code":"workspace_slug_taken","message":"{message}","request_id":"req_1","details":{{"suggestion":"acme-2"}}}}}}"#)),
        ("flat", render::<Flat>, format!(r#"{{"ok":false,"code":"workspace_slug_taken","detail":"{message}","error":"{message}","request_id":"req_1","details":{{"suggestion":"acme-2"}}}}"#)),
        ("problem", render::<Problem>, format!(r#"{{"type":"https://docs.example.com/errors#workspace_slug_taken","title":"Slug déjà pris","status":409,"detail":"{message}","code":"workspace_slug_taken","request_id":"req_1","suggestion":"acme-2"}}"#)),
        // RFC 6749 allows only printable ASCII: the translation is mapped like any message.
        ("oauth", render::<OAuth>, r#"{"error":"workspace_slug_taken","error_description":"Le slug ? acme ? est d?j? utilis? (essayez ? acme-2 ?).","error_uri":"https://docs.example.com/errors#workspace_slug_taken"}"#.to_owned()),
        ("simple", render::<Simple>, format!(r#"{{"error":"workspace_slug_taken","error_description":"{message}","suggestion":"acme-2"}}"#)),
        ("jsonrpc", render::<JsonRpc>, format!(r#"{{"jsonrpc":"2.0","id":null,"error":{{"code":-32000,"message":"{message}","data":{{"code":"workspace_slug_taken","status":409,"retryable":false,"request_id":"req_1","details":{{"suggestion":"acme-2"}}}}}}}}"#)),
        ("jsonrpc-plain", render::<JsonRpcPlain>, format!(r#"{{"jsonrpc":"2.0","id":null,"error":{{"code":-32000,"message":"{message}"}}}}"#)),
        ("mcp-tool", render::<McpTool>, format!(r#"{{"content":[{{"type":"text","text":"{message}"}}],"isError":true,"structuredContent":{{"code":"workspace_slug_taken","retryable":false,"request_id":"req_1","details":{{"suggestion":"acme-2"}}}}}}"#)),
    ];
    for (name, render, expected) in cases {
        let (body, language, vary) = render(&error, Some("fr-CA,fr;q=0.9,en;q=0.8"));
        assert_eq!(body, expected, "{name}");
        assert_eq!(language.as_deref(), Some("fr"), "{name}");
        assert_eq!(vary.as_deref(), Some("Accept-Language"), "{name}");
        // Without the header: the derive's bytes, as with no translations at all; the
        // response still varies by the header.
        let (body, language, vary) = render(&error, None);
        let plain = match name {
            "nested" => to_json::<Nested>(&error, &Context::new().request_id("req_1")),
            "flat" => to_json::<Flat>(&error, &Context::new().request_id("req_1")),
            "problem" => to_json::<Problem>(&error, &Context::new().request_id("req_1")),
            "oauth" => to_json::<OAuth>(&error, &Context::new().request_id("req_1")),
            "simple" => to_json::<Simple>(&error, &Context::new().request_id("req_1")),
            "jsonrpc" => to_json::<JsonRpc>(&error, &Context::new().request_id("req_1")),
            "jsonrpc-plain" => to_json::<JsonRpcPlain>(&error, &Context::new().request_id("req_1")),
            _ => to_json::<McpTool>(&error, &Context::new().request_id("req_1")),
        };
        assert_eq!(body, plain, "{name}");
        assert_eq!(language, None, "{name}");
        assert_eq!(vary.as_deref(), Some("Accept-Language"), "{name}");
    }
}

#[test]
fn quality_values_and_the_locale_chain_choose_the_language() {
    let t = translations();
    let message = |error: &WorkspaceError, header: &str| {
        let ctx = Context::new().translations(&t).accept_language(header);
        (
            ctx.message(error).to_string(),
            ctx.language_of(error).map(str::to_owned),
        )
    };
    let error = slug_taken();
    // The higher quality wins, whatever the order.
    assert_eq!(message(&error, "fr;q=0.5, de;q=0.9").1.as_deref(), Some("de"));
    assert_eq!(message(&error, "de;q=0.5, fr").1.as_deref(), Some("fr"));
    // A region falls back to its language; `*` and `q=0` choose nothing.
    assert_eq!(message(&error, "de-AT").1.as_deref(), Some("de"));
    assert_eq!(message(&error, "*").1, None);
    assert_eq!(message(&error, "fr;q=0, en").1, None);
    assert_eq!(message(&error, "fr;q=2, de;q=nope").1, None);
    // The chain: French first, but `too_many_seats` exists only in French and
    // `untranslated` nowhere.
    let (text, language) = message(&WorkspaceError::TooManySeats(1), "de, fr;q=0.5");
    assert_eq!(
        (text.as_str(), language.as_deref()),
        ("1 siège dépasse la limite.", Some("fr"))
    );
    let (text, _) = message(&WorkspaceError::TooManySeats(40), "fr");
    assert_eq!(text, "40 sièges dépassent la limite.");
    let (text, language) = message(&WorkspaceError::Untranslated, "fr, de");
    assert_eq!((text.as_str(), language), ("Only English.", None));
    // The header may come before the translations.
    let ctx = Context::new().accept_language("de").translations(&t);
    assert_eq!(
        ctx.message(&error).to_string(),
        "Der Slug „acme“ ist bereits vergeben."
    );
}

#[test]
fn a_sensitive_field_never_reaches_a_translation() {
    // A translation that names the sensitive field: the checker refuses it, and at run time
    // Fluent has no such variable to fill.
    let leaky = "token_rejected = Jeton { $token } refusé pour { $user }.\n";
    let t = Translations::parse([("fr", leaky)]).unwrap();
    let error = WorkspaceError::TokenRejected {
        user: "ada".into(),
        token: "sk_live_SECRET".into(),
    };
    let ctx = Context::new().translations(&t).accept_language("fr");
    let body = to_json::<Problem>(&error, &ctx);
    assert!(!body.contains("sk_live_SECRET"), "{body}");
    assert!(body.contains("pour ada"), "{body}");
    let mistakes = t.check(WorkspaceError::CATALOGUE).unwrap_err();
    assert!(mistakes.contains(&Mistake::SensitiveVariable {
        code: "token_rejected".into(),
        variable: "token".into(),
        locale: "fr".into(),
        file: "fr.ftl".into(),
        line: 1,
    }));
}

#[test]
fn the_checker_finds_each_kind_of_mistake() {
    let specs = WorkspaceError::CATALOGUE;
    // A missing code in a locale.
    let missing = check([("de", DE)], specs).unwrap_err();
    assert!(missing.contains(&Mistake::Missing {
        code: "too_many_seats".into(),
        locale: "de".into()
    }));
    // An unknown code, an unknown variable — with their lines.
    let source = "untranslated = Nur Englisch.\nworkspace_slug_taken = { $slug } { $slg }\ntoo_many_seats = x\ntoken_rejected = y\nno_such_code = z\n";
    let mistakes = check([("de", source)], specs).unwrap_err();
    assert_eq!(
        mistakes,
        [
            Mistake::UnknownVariable {
                code: "workspace_slug_taken".into(),
                variable: "slg".into(),
                locale: "de".into(),
                file: "de.ftl".into(),
                line: 2
            },
            Mistake::UnknownCode {
                code: "no_such_code".into(),
                locale: "de".into(),
                file: "de.ftl".into(),
                line: 5
            },
        ]
    );
    // A syntax error, with its line; `parse` refuses it with the same mistake.
    let broken = "untranslated = ok\ntoo_many_seats = { $arg0\n";
    let mistakes = check([("fr", broken)], specs).unwrap_err();
    let syntax = mistakes
        .iter()
        .find(|m| matches!(m, Mistake::Syntax { .. }))
        .unwrap();
    assert!(
        matches!(syntax, Mistake::Syntax { line: 2, file, .. } if file == "fr.ftl"),
        "{syntax:?}"
    );
    assert!(syntax.to_string().starts_with("fr.ftl:2: "), "{syntax}");
    let error = Translations::parse([("fr", broken)]).unwrap_err();
    assert!(error.mistakes().contains(syntax));
    // A code translated twice.
    let twice = format!("{FR}untranslated = a\nuntranslated = b\n");
    assert_eq!(
        check([("fr", twice.as_str())], specs).unwrap_err(),
        [Mistake::DuplicateCode {
            code: "untranslated".into(),
            locale: "fr".into(),
            file: "fr.ftl".into(),
            line: 9
        }]
    );
    // A locale that is not a language tag, and one given twice.
    let error = Translations::parse([("not a locale", "")]).unwrap_err();
    assert!(matches!(&error.mistakes()[0], Mistake::BadLocale { locale, .. } if locale == "not a locale"));
    let error = Translations::parse([("fr", ""), ("fr", "")]).unwrap_err();
    assert!(matches!(&error.mistakes()[0], Mistake::DuplicateLocale { locale, .. } if locale == "fr"));
    // A directory that does not exist.
    let error = Translations::load("/nonexistent/errwire-locales").unwrap_err();
    assert!(matches!(&error.mistakes()[0], Mistake::Unreadable { .. }));
    // A code Fluent cannot name.
    #[derive(Debug, ApiError)]
    #[allow(dead_code)] // only its catalogue is read
    enum Dotted {
        #[api(status = 400, code = "auth.invalid")]
        Invalid,
    }
    assert_eq!(
        check([("fr", "")], Dotted::CATALOGUE).unwrap_err(),
        [Mistake::NotAnIdentifier {
            code: "auth.invalid".into()
        }]
    );
    // And the translations of this file are complete.
    let complete = format!("{FR}untranslated = Uniquement en anglais.\n");
    assert_eq!(check([("fr", complete.as_str())], specs), Ok(()));
}

#[test]
fn files_load_from_a_directory_and_the_contract_lists_locales() {
    let dir = std::env::temp_dir().join(format!("errwire-locales-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("fr.ftl"), FR).unwrap();
    std::fs::write(dir.join("de.ftl"), DE).unwrap();
    let t = Translations::load(&dir).unwrap();
    assert_eq!(t.locales().collect::<Vec<_>>(), ["de", "fr"]);
    let contract: serde_json::Value = serde_json::from_str(&errwire::catalogue::contract_json_with_locales(
        WorkspaceError::CATALOGUE,
        &t,
    ))
    .unwrap();
    let locales = |code: &str| {
        contract["codes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code)
            .unwrap()
            .get("locales")
            .cloned()
    };
    assert_eq!(
        locales("workspace_slug_taken"),
        Some(serde_json::json!(["de", "fr"]))
    );
    assert_eq!(locales("too_many_seats"), Some(serde_json::json!(["fr"])));
    assert_eq!(locales("untranslated"), None);
    // The lock file lists them too.
    let lock_path = dir.join("errors.lock.json");
    errwire::catalogue::Lock::new(&lock_path)
        .bless(true)
        .translations(&t)
        .check(WorkspaceError::CATALOGUE)
        .unwrap();
    let written = std::fs::read_to_string(&lock_path).unwrap();
    assert!(
        written.contains("\"locales\": [\n        \"de\",\n        \"fr\"\n      ]"),
        "{written}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_studio_api_is_translated_into_french_completely() {
    assert_eq!(
        check(
            [("fr", include_str!("../../../examples/studio-api/locales/fr.ftl"))],
            studio_api::ContractError::CATALOGUE
        ),
        Ok(())
    );
    let t = studio_api::translations();
    let ctx = Context::new().translations(&t).accept_language("fr-FR");
    assert_eq!(
        to_json::<Flat>(&studio_api::ContractError::RateLimited, &ctx),
        r#"{"ok":false,"code":"RATE_LIMITED","detail":"Limite de débit dépassée.","error":"Limite de débit dépassée."}"#
    );
}

#[test]
fn rmcp_jsonrpsee_tonic_and_graphql_use_the_contexts_locale() {
    let t = translations();
    let ctx = Context::new().translations(&t).accept_language("de");
    let error = slug_taken();
    let expected = "Der Slug „acme“ ist bereits vergeben.";
    let tool = errwire::rmcp::tool_result(&error, &ctx);
    assert!(serde_json::to_string(&tool).unwrap().contains(expected));
    assert_eq!(errwire::jsonrpsee::error_object(&error, &ctx).message(), expected);
    assert_eq!(errwire::tonic::status(&error, &ctx).message(), expected);
    assert_eq!(errwire::async_graphql::error(&error, &ctx).message, expected);
}

/// `GET url` with `accept` as `Accept-Language`: a 409 whose `detail` is `detail`, with
/// `Content-Language: language` and `Vary: Accept-Language`.
async fn expect_translated(
    client: &reqwest::Client,
    url: &str,
    accept: Option<&str>,
    language: Option<&str>,
    detail: &str,
) {
    let mut request = client.get(url);
    if let Some(accept) = accept {
        request = request.header("accept-language", accept);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 409);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(header("content-language").as_deref(), language, "{accept:?}");
    assert_eq!(header("vary").as_deref(), Some("Accept-Language"));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["detail"], detail, "{accept:?}");
}

async fn slug_route() -> Result<(), WorkspaceError> {
    Err(slug_taken())
}

#[tokio::test]
async fn axum_negotiates_per_request() {
    let app = axum::Router::new()
        .route("/w", axum::routing::get(slug_route))
        .layer(errwire::tower::ErrwireLayer::<Problem>::new().translations(Arc::new(translations())));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::new();
    for (accept, language, detail) in [
        (
            Some("fr-CH, de;q=0.7"),
            Some("fr"),
            "Le slug « acme » est déjà utilisé (essayez « acme-2 »).",
        ),
        (Some("de"), Some("de"), "Der Slug „acme“ ist bereits vergeben."),
        (Some("ja"), None, "The slug 'acme' is already in use."),
        (None, None, "The slug 'acme' is already in use."),
    ] {
        expect_translated(&client, &format!("http://{addr}/w"), accept, language, detail).await;
    }
    // The framework's own errors are not translated (no translations for their codes) but
    // still vary.
    let response = client
        .get(format!("http://{addr}/nowhere"))
        .header("accept-language", "fr")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert!(response.headers().get("content-language").is_none());
}

/// A conversion made inside a request (GraphQL, gRPC, MCP, JSON-RPC errors converted in a
/// handler) takes the locale the layer negotiated for that request.
#[tokio::test]
async fn conversions_inside_a_request_take_its_locale() {
    async fn converted() -> String {
        let graphql = errwire::async_graphql::GraphqlError::from(slug_taken());
        let grpc = tonic::Status::from(slug_taken());
        format!("{}|{}", graphql.message(), grpc.message())
    }
    let app = axum::Router::new()
        .route("/converted", axum::routing::get(converted))
        .layer(errwire::tower::ErrwireLayer::<Problem>::new().translations(Arc::new(translations())));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let body = reqwest::Client::new()
        .get(format!("http://{addr}/converted"))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        body,
        "Der Slug „acme“ ist bereits vergeben.|Der Slug „acme“ ist bereits vergeben."
    );
}

#[actix_web::test]
async fn actix_negotiates_per_request() {
    use actix_web::{App, HttpServer, web};
    // One `Arc` for every worker: the translations are parsed once.
    let shared = Arc::new(translations());
    let server = HttpServer::new(move || {
        App::new()
            .wrap(errwire::actix::ErrwireMiddleware::<Flat>::new().translations(Arc::clone(&shared)))
            .route("/w", web::get().to(|| async { Err::<String, _>(slug_taken()) }))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let address = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    let client = reqwest::Client::new();
    for (accept, language, detail) in [
        (
            Some("de-DE;q=0.8, fr;q=0.9"),
            Some("fr"),
            "Le slug « acme » est déjà utilisé (essayez « acme-2 »).",
        ),
        (Some("de-DE"), Some("de"), "Der Slug „acme“ ist bereits vergeben."),
        (None, None, "The slug 'acme' is already in use."),
    ] {
        expect_translated(&client, &format!("http://{address}/w"), accept, language, detail).await;
    }
    handle.stop(true).await;
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any text: no panic, at most `MAX_RANGES` ranges, a chain of available locales only.
    #[test]
    fn any_header_is_read_safely(header in any::<String>()) {
        prop_assert!(requested(&header).len() <= MAX_RANGES);
        let t = translations();
        let chain = t.negotiate(&header);
        prop_assert!(chain.iter().count() <= MAX_CHAIN);
        // Nothing is invented: every range read is in the header, and a locale is chosen only
        // when the header names its language.
        for range in requested(&header) {
            prop_assert!(header.contains(range), "{:?} not in {:?}", range, header);
        }
        let lower = header.to_ascii_lowercase();
        for tag in t.chain_tags(chain) {
            prop_assert!(lower.contains(tag), "{} chosen for {:?}", tag, header);
        }
    }

    /// Well-formed headers: the best available quality wins.
    #[test]
    fn the_best_quality_wins(fr in 1u16..=1000, de in 1u16..=1000, other in 1u16..=1000) {
        prop_assume!(fr != de);
        let header = format!("ja;q={:.3}, fr;q={:.3}, de;q={:.3}", f64::from(other) / 1000.0, f64::from(fr) / 1000.0, f64::from(de) / 1000.0);
        let t = translations();
        let first = t.chain_tags(t.negotiate(&header)).next();
        prop_assert_eq!(first, Some(if fr > de { "fr" } else { "de" }), "{}", header);
    }
}

#[test]
fn hostile_headers_are_bounded() {
    let t = translations();
    // Thousands of ranges: only the first MAX_RANGES are read, so a French range at the end
    // is never seen.
    let many = format!("{}fr", "xx;q=0.5, ".repeat(5000));
    assert!(t.negotiate(&many).is_empty());
    assert_eq!(requested(&many).len(), MAX_RANGES);
    // A megabyte of one tag (too long for a subtag), of commas, of semicolons, of non-ASCII;
    // a range whose parameters run past 4 KiB is cut mid-parameter and skipped as malformed;
    // a good range after a megabyte of junk in the same item is past the bound.
    for header in [
        "a".repeat(1 << 20),
        ",".repeat(1 << 20),
        ";q=".repeat(300_000),
        "é".repeat(500_000),
        format!("fr;{}", "q=1;".repeat(100_000)),
        format!("{}, fr", " ".repeat(1 << 20)),
    ] {
        assert!(t.negotiate(&header).is_empty(), "{}", &header[..20]);
    }
    // Within the bounds, a good range after twenty that match nothing is still found.
    let junk = format!("{}fr;q=0.9", "x-too-long-subtag-here;q=0.5, ".repeat(20));
    assert_eq!(t.chain_tags(t.negotiate(&junk)).collect::<Vec<_>>(), ["fr"]);
}

/// A detail whose `Serialize` fails: the body is rendered again without details.
#[derive(Debug)]
struct Refuses;

impl serde::Serialize for Refuses {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("refuses"))
    }
}

/// A variant whose detail cannot be serialized…
#[derive(Debug, ApiError)]
enum Fallback {
    #[api(status = 409, code = "name_taken", message = "The name '{name}' is taken.")]
    NameTaken {
        name: String,
        #[api(detail)]
        state: Refuses,
    },
}

/// …and the same code with a detail that can be.
#[derive(Debug, ApiError)]
enum Serializable {
    #[api(status = 409, code = "name_taken", message = "The name '{name}' is taken.")]
    NameTaken {
        name: String,
        #[api(detail)]
        state: u8,
    },
}

/// The message a body carries, read back by errwire's decoder; the body has no `state`.
fn message_of<F: Format + 'static>(error: &dyn ApiError, ctx: &Context<'_>) -> String {
    let response = to_response::<F>(error, ctx);
    let body = String::from_utf8(response.body().clone()).unwrap();
    let remote =
        errwire::client::RemoteError::decode_as::<F>(response.status(), response.headers(), body.as_bytes())
            .unwrap_or_else(|e| panic!("{body}: {e}"));
    remote
        .message()
        .unwrap_or_else(|| panic!("{body}: no message"))
        .to_owned()
}

fn withheld_keeps_the_message<F: Format + 'static>(ctx: &Context<'_>) -> String {
    let failing = Fallback::NameTaken {
        name: "acme".into(),
        state: Refuses,
    };
    let working = Serializable::NameTaken {
        name: "acme".into(),
        state: 7,
    };
    assert!(!to_json::<F>(&failing, ctx).contains("state"));
    let message = message_of::<F>(&failing, ctx);
    assert_eq!(message, message_of::<F>(&working, ctx));
    message
}

/// The details-withheld fallback keeps everything else of the error: in every format, a
/// translated message gets its variables, as the same error with a serializable detail does
/// (it once lost them: the fallback forwarded the trait by hand and missed `__message_args`).
#[test]
fn a_failing_detail_keeps_the_translated_message_and_its_variables() {
    let translations =
        Translations::parse([("fr", "name_taken = Le nom « { $name } » est pris.\n")]).unwrap();
    let ctx = Context::new().translations(&translations).accept_language("fr");
    let french = "Le nom « acme » est pris.";
    assert_eq!(withheld_keeps_the_message::<Nested>(&ctx), french);
    assert_eq!(withheld_keeps_the_message::<Flat>(&ctx), french);
    assert_eq!(withheld_keeps_the_message::<Problem>(&ctx), french);
    assert_eq!(withheld_keeps_the_message::<Simple>(&ctx), french);
    assert_eq!(withheld_keeps_the_message::<JsonRpc>(&ctx), french);
    assert_eq!(withheld_keeps_the_message::<JsonRpcPlain>(&ctx), french);
    assert_eq!(withheld_keeps_the_message::<McpTool>(&ctx), french);
    // OAuth keeps its strings inside RFC 6749's character set: the variable is still there.
    assert!(withheld_keeps_the_message::<OAuth>(&ctx).contains("acme"));
}
