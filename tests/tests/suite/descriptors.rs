//! Each built-in envelope is described once, by its `Descriptor`; these tests hold every
//! other place that names a format's facts to it: the encoder (what it really writes), the
//! decoder, the reserved-member rule the derive applies, the derive's list of built-in
//! names, the `on_unimplemented` note, the module pages' tables and the attribute reference.

use errwire::client::{RemoteError, RemoteFormat};
use errwire::format::{BUILT_IN, Descriptor};
use errwire::{ApiError, Context, DefaultFormat, Format, Violation, to_response};
use serde_json::Value;

#[derive(Debug, ApiError)]
#[api(docs = "https://docs.example.com/errors#{code}")]
enum Sample {
    /// Too many widgets.
    #[api(status = 422, retry = true, message = "At most {max} widgets.")]
    TooMany {
        #[api(detail)]
        max: u32,
        #[api(detail)]
        field: &'static str,
        #[api(violations)]
        violations: Vec<Violation>,
        #[api(retry_after)]
        wait: u64,
    },
}

fn sample() -> Sample {
    Sample::TooMany {
        max: 3,
        field: "widgets",
        violations: vec![Violation::new("widgets[3]", "too_many", "One too many.")],
        wait: 5,
    }
}

/// What format `F` writes for the sample, and what its descriptor says of it.
fn check<F: Format + 'static>() -> &'static Descriptor {
    let descriptor = F::DESCRIPTOR.expect("a built-in format has a descriptor");
    let error = sample();
    let ctx = Context::new()
        .request_id("req_1")
        .instance("/widgets")
        .jsonrpc_id(7);
    let response = to_response::<F>(&error, &ctx);
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    let name = descriptor.name;
    assert_eq!(F::CONTENT_TYPE, descriptor.content_type, "{name}");
    assert_eq!(
        response.headers()["content-type"],
        descriptor.content_type,
        "{name}"
    );
    // Every top-level member is the envelope's own, or a detail where details are flattened.
    for member in body.as_object().unwrap().keys() {
        let detail = descriptor.flattens_details && ["max", "field"].contains(&member.as_str());
        assert!(
            descriptor.members.contains(&member.as_str()) || detail,
            "{name} wrote `{member}`: {body}"
        );
    }
    if let Some(path) = descriptor.code_at {
        assert_eq!(
            Descriptor::at(&body, path),
            Some(&Value::from("too_many")),
            "{name}: {body}"
        );
    }
    let message = descriptor
        .message_of(&body)
        .unwrap_or_else(|| panic!("{name}: no message in {body}"));
    assert!(
        message == "At most 3 widgets." || message == "At most 3 widgets",
        "{name}: {message}"
    );
    if let Some(path) = descriptor.facts_at {
        let facts = Descriptor::at(&body, path).unwrap_or_else(|| panic!("{name}: no facts in {body}"));
        assert_eq!(facts["request_id"], "req_1", "{name}: {body}");
    }
    // The decoder recognises the body by the descriptor alone, and reads the same facts.
    assert!(descriptor.fits(&body), "{name}: {body}");
    let decoded = RemoteError::decode(response.status(), response.headers(), response.body()).unwrap();
    assert_eq!(
        decoded.format(),
        RemoteFormat::of::<F>().unwrap(),
        "{name}: {body}"
    );
    assert_eq!(decoded.format().descriptor(), Some(descriptor), "{name}");
    assert_eq!(decoded.code(), descriptor.code_of(&body), "{name}");
    assert_eq!(decoded.message(), Some(message), "{name}");
    descriptor
}

#[test]
fn every_encoder_writes_what_its_descriptor_says_and_the_decoder_reads_it() {
    let mut checked = Vec::new();
    crate::common::every_format!(F => checked.push(check::<F>().name));
    assert_eq!(checked, BUILT_IN.map(|d| d.name));
    // No two descriptors share a shape that the decoder could confuse, but OAuth and Simple,
    // which it tells apart by `error_uri` and OAuth's headers.
    for d in BUILT_IN {
        assert!(!d.recognised_by.is_empty(), "{}", d.name);
    }
}

/// The derive's rule and the descriptors agree: every member a flattening format writes is
/// reserved (unless it yields to a detail), and every reserved name is a member some format
/// writes — so the list in `rules.rs`, which the derive reads, is neither short nor stale.
#[test]
fn the_reserved_member_names_are_the_formats_members() {
    let reserved = errwire::rules::RESERVED_MEMBER_NAMES;
    for d in BUILT_IN.iter().filter(|d| d.flattens_details) {
        for member in d.members.iter().filter(|m| !d.detail_may_take.contains(m)) {
            assert!(
                reserved.contains(member),
                "{}'s `{member}` is not reserved",
                d.name
            );
        }
    }
    for name in reserved {
        assert!(
            BUILT_IN.iter().any(|d| d.members.contains(name)) || *name == "message",
            "`{name}` is reserved but no format writes it at the top level"
        );
    }
}

/// The names `#[api(format = …)]` takes without an import are the descriptors' names.
#[test]
fn the_derives_built_in_names_are_the_descriptors() {
    let mut derive: Vec<&str> = errwire::rules::BUILT_IN_FORMAT_NAMES.to_vec();
    let mut described: Vec<&str> = BUILT_IN.iter().map(|d| d.name).collect();
    derive.sort_unstable();
    described.sort_unstable();
    assert_eq!(derive, described);
}

/// Each built-in format by its bare name, as the derive finds it.
#[test]
fn every_built_in_format_works_by_its_bare_name() {
    macro_rules! by_name {
        ($($format:ident),*) => {$({
            #[derive(ApiError)]
            #[api(format = $format)]
            enum ByName {
                #[api(status = 409)]
                Conflict,
            }
            let _ = ByName::Conflict;
            assert_eq!(
                <<ByName as DefaultFormat>::Format as Format>::DESCRIPTOR.map(|d| d.name),
                Some(stringify!($format))
            );
        })*};
    }
    by_name!(
        Nested,
        Flat,
        Problem,
        OAuth,
        Simple,
        JsonRpc,
        JsonRpcPlain,
        McpTool,
        GoogleJson,
        JsonApi,
        Twirp,
        Connect
    );
}

/// The prose that names the formats says what the descriptors say: the `on_unimplemented`
/// note, the tables of the `errwire::format` and `errwire::client` pages, and the attribute
/// reference's list of reserved detail names.
#[test]
fn the_docs_name_the_formats_the_descriptors_describe() {
    let format_module = include_str!("../../../runtime/src/format/mod.rs");
    let format_page = include_str!("../../../runtime/src/docs/format.md");
    let note = format_module
        .lines()
        .find(|l| l.trim_start().starts_with("note = \"use a built-in format"))
        .unwrap();
    for d in BUILT_IN {
        assert!(
            note.contains(&format!("`{}`", d.name)),
            "the note misses {}",
            d.name
        );
        let row = format_page
            .lines()
            .find(|l| l.starts_with(&format!("| [`{}`] ", d.name)))
            .unwrap_or_else(|| panic!("no row for {} in the format table", d.name));
        assert!(row.contains(&format!("`{}`", d.content_type)), "{row}");
    }
    assert_eq!(note.matches("`, `").count() + 1, BUILT_IN.len(), "{note}");
    let client_page = include_str!("../../../runtime/src/docs/client.md");
    for d in BUILT_IN {
        assert!(
            client_page
                .lines()
                .any(|l| l.starts_with("| ") && l.contains(&format!("`{}`", d.name))),
            "the client table misses {}",
            d.name
        );
    }
    let attributes = include_str!("../../../runtime/src/docs/attributes.md");
    let from = attributes
        .find("member a format writes beside its details (")
        .unwrap();
    let list = &attributes[from..];
    let list = &list[list.find('(').unwrap() + 1..list.find(')').unwrap()];
    let listed: Vec<&str> = list.split(',').map(|n| n.trim().trim_matches('`')).collect();
    assert_eq!(listed, errwire::rules::RESERVED_MEMBER_NAMES);
}

/// Every member name in `body`, at any depth, but inside `details` (the application's own).
fn member_names(body: &Value, out: &mut Vec<String>) {
    match body {
        Value::Object(map) => {
            for (name, value) in map {
                out.push(name.clone());
                if name != "details" {
                    member_names(value, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| member_names(item, out)),
        _ => {}
    }
}

/// The TypeScript type each descriptor carries names every member its encoder writes, at
/// every depth (a detail written beside the envelope's members excepted: `Problem`, `Simple`
/// and Twirp's `meta` type those with an index signature or by name): the type and the encoder cannot drift apart.
fn typescript_names_what_is_written<F: Format + 'static>() {
    let descriptor = F::DESCRIPTOR.unwrap();
    let ctx = Context::new()
        .request_id("req_1")
        .instance("/widgets")
        .jsonrpc_id(7);
    let body: Value = serde_json::from_slice(to_response::<F>(&sample(), &ctx).body()).unwrap();
    let module = errwire::catalogue::typescript_for::<F>(Sample::CATALOGUE);
    let mut names = Vec::new();
    member_names(&body, &mut names);
    for name in names {
        // A detail beside the envelope's own members (Problem's and Simple's top level,
        // Twirp's `meta`) is typed by an index signature.
        let flattened_detail = ["max", "field"].contains(&name.as_str())
            && (descriptor.flattens_details || module.contains("readonly [member: string]"));
        let typed =
            module.contains(&format!("readonly {name}:")) || module.contains(&format!("readonly {name}?:"));
        assert!(
            typed || flattened_detail,
            "{}: `{name}` is written but not typed in\n{module}",
            descriptor.name
        );
    }
}

#[test]
fn every_typescript_type_names_what_its_encoder_writes() {
    crate::common::every_format!(F => typescript_names_what_is_written::<F>());
}
