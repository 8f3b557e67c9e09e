#!/usr/bin/env python3
"""Generates the compile-time benchmark crates: an error enum of N variants in four versions.
    python3 generate.py OUT_DIR ERRWIRE_PATH [SIZE ...]

Every third variant carries a `String` shown in its message through a `{0}` placeholder.
errwire is used with its default features in both the derived and the hand-written version."""
import os, sys

out, errwire = sys.argv[1], os.path.abspath(sys.argv[2])
STATUSES = [(400, "BAD_REQUEST"), (401, "UNAUTHORIZED"), (403, "FORBIDDEN"), (404, "NOT_FOUND"), (409, "CONFLICT"),
            (422, "UNPROCESSABLE_ENTITY"), (429, "TOO_MANY_REQUESTS"), (500, "INTERNAL_SERVER_ERROR"),
            (502, "BAD_GATEWAY"), (503, "SERVICE_UNAVAILABLE")]
# The title the derive gives each status (its reason phrase): the hand-written specs carry it too.
TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
          422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error",
          502: "Bad Gateway", 503: "Service Unavailable"}

def variants(n):
    return [(f"Variant{i}", *STATUSES[i % len(STATUSES)], f"code_{i}") for i in range(n)]

def has_field(i):
    return i % 3 == 0

def declaration(i, name):
    return f"    {name}(String)," if has_field(i) else f"    {name},"

def pattern(i, name):
    return f"Self::{name}(..)" if has_field(i) else f"Self::{name}"

def template(i, name):
    return f"Message {{0}} for {name}." if has_field(i) else f"Message {name}."

def thiserror_only(n):
    lines = ["#[derive(Debug, thiserror::Error)]", "pub enum E {"]
    for i, (name, _, _, _) in enumerate(variants(n)):
        lines += [f'    #[error("internal {name}")]', declaration(i, name)]
    return "\n".join(lines + ["}"])

def with_errwire(n):
    lines = ["#[derive(Debug, thiserror::Error, errwire::ApiError)]", "pub enum E {"]
    for i, (name, status, _, code) in enumerate(variants(n)):
        # A doc comment is never a template: the placeholder variants say `message = "…"`.
        api = f'status = {status}, code = "{code}"' + (f', message = "{template(i, name)}"' if has_field(i) else "")
        lines += [f"    /// Message {name}.", f'    #[error("internal {name}")]', f"    #[api({api})]", declaration(i, name)]
    return "\n".join(lines + ["}"])

def with_codes(n):
    # The same, with the opt-in code enum for clients (`#[api(codes = "…")]`).
    return with_errwire(n).replace("pub enum E {", '#[api(codes = "ECode")]\npub enum E {', 1)

def hand_written(n):
    # What a person writes: the specs with the facts the derived version has (the doc comment's
    # description, the status's title; retry class and JSON-RPC code are `new`'s defaults, as
    # the derive's), `spec()` as a `match` to them, and the message of the variants with a
    # placeholder (`message()` and `write_message()`, which must agree).
    vs = variants(n)
    lines = ["use std::borrow::Cow;", "use std::fmt;", "", "use errwire::http::StatusCode;",
             "use errwire::{ApiError, Catalogued, DefaultFormat, ErrorSpec};", "",
             "#[derive(Debug, thiserror::Error)]", "pub enum E {"]
    for i, (name, _, _, _) in enumerate(vs):
        lines += [f'    #[error("internal {name}")]', declaration(i, name)]
    lines += ["}", ""]
    for i, (name, status, konst, code) in enumerate(vs):
        lines.append(f'const SPEC_{i}: ErrorSpec = ErrorSpec::new("{code}", StatusCode::{konst}, "{template(i, name)}")'
                     f'.with_description("Message {name}.").with_title("{TITLES[status]}");')
    lines += ["", "impl ApiError for E {", "    fn spec(&self) -> &'static ErrorSpec {", "        match self {"]
    lines += [f"            {pattern(i, name)} => &SPEC_{i}," for i, (name, _, _, _) in enumerate(vs)]
    lines += ["        }", "    }", "    fn message(&self) -> Cow<'static, str> {", "        match self {"]
    lines += [f'            Self::{name}(v) => Cow::Owned(format!("Message {{v}} for {name}.")),' for i, (name, _, _, _) in enumerate(vs) if has_field(i)]
    lines += ["            _ => Cow::Borrowed(self.spec().message()),", "        }", "    }",
              "    fn write_message(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {", "        match self {"]
    lines += [f'            Self::{name}(v) => write!(out, "Message {{v}} for {name}."),' for i, (name, _, _, _) in enumerate(vs) if has_field(i)]
    lines += ["            _ => out.write_str(self.spec().message()),", "        }", "    }", "}", "",
              "impl Catalogued for E {", "    const CATALOGUE: &'static [ErrorSpec] = &["]
    lines += [f"        SPEC_{i}," for i in range(len(vs))]
    lines += ["    ];", "}", "", "impl DefaultFormat for E {", "    type Format = errwire::format::Nested;", "}"]
    return "\n".join(lines)

def api_error(n):
    # api-error's derive names its trait as a bare `ApiError`: it must be imported.
    lines = ["use api_error::ApiError;", "", "#[derive(Debug, thiserror::Error, ApiError)]", "pub enum E {"]
    for i, (name, status, _, _) in enumerate(variants(n)):
        lines += [f'    #[error("internal {name}")]', f'    #[api_error(status_code = {status}, message = "{template(i, name)}")]', declaration(i, name)]
    return "\n".join(lines + ["}"])

VERSIONS = {"thiserror": thiserror_only, "errwire": with_errwire, "codes": with_codes, "hand": hand_written, "api-error": api_error}
members = []
SIZES = [int(size) for size in sys.argv[3:]] or [50, 500]
for size in SIZES:
    for version, make in VERSIONS.items():
        name = f"bench-{version}-{size}"
        members.append(name)
        os.makedirs(os.path.join(out, name, "src"), exist_ok=True)
        deps = ['thiserror = "2"']
        if version in ("errwire", "codes", "hand"):
            deps.append(f'errwire = {{ path = "{errwire}" }}')
        if version == "api-error":
            deps.append('api-error = "0.1"')
        open(os.path.join(out, name, "Cargo.toml"), "w").write(
            f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n' + "\n".join(deps) + "\n")
        open(os.path.join(out, name, "src", "lib.rs"), "w").write("#![allow(dead_code)]\n" + make(size) + "\n")
open(os.path.join(out, "Cargo.toml"), "w").write("[workspace]\nresolver = \"2\"\nmembers = [" + ", ".join(f'"{m}"' for m in members) + "]\n")
