#!/usr/bin/env python3
"""Generates the compile-time benchmark crates: an error enum of N variants in four versions.
    python3 generate.py OUT_DIR ERRWIRE_PATH"""
import os, sys

out, errwire = sys.argv[1], os.path.abspath(sys.argv[2])
STATUSES = [(400, "BAD_REQUEST"), (401, "UNAUTHORIZED"), (403, "FORBIDDEN"), (404, "NOT_FOUND"), (409, "CONFLICT"),
            (422, "UNPROCESSABLE_ENTITY"), (429, "TOO_MANY_REQUESTS"), (500, "INTERNAL_SERVER_ERROR"),
            (502, "BAD_GATEWAY"), (503, "SERVICE_UNAVAILABLE")]

def variants(n):
    return [(f"Variant{i}", *STATUSES[i % len(STATUSES)], f"code_{i}") for i in range(n)]

def thiserror_only(n):
    lines = ["#[derive(Debug, thiserror::Error)]", "pub enum E {"]
    for name, _, _, _ in variants(n):
        lines += [f'    #[error("internal {name}")]', f"    {name},"]
    return "\n".join(lines + ["}"])

def with_errwire(n):
    lines = ["#[derive(Debug, thiserror::Error, errwire::ApiError)]", "pub enum E {"]
    for name, status, _, code in variants(n):
        lines += [f"    /// Message {name}.", f'    #[error("internal {name}")]', f'    #[api(status = {status}, code = "{code}")]', f"    {name},"]
    return "\n".join(lines + ["}"])

def hand_written(n):
    vs = variants(n)
    lines = ["use errwire::http::StatusCode;", "use errwire::{ApiError, Catalogued, DefaultFormat, ErrorSpec};", "",
             "#[derive(Debug, thiserror::Error)]", "pub enum E {"]
    for name, _, _, _ in vs:
        lines += [f'    #[error("internal {name}")]', f"    {name},"]
    lines += ["}", ""]
    for i, (name, status, konst, code) in enumerate(vs):
        lines.append(f'const SPEC_{i}: ErrorSpec = ErrorSpec::new("{code}", StatusCode::{konst}, "Message {name}.")'
                     f'.with_source(concat!(module_path!(), "::E"), Some("{name}")).with_description("Message {name}.");')
    lines += ["", "impl ApiError for E {", "    fn spec(&self) -> &'static ErrorSpec {", "        match self {"]
    lines += [f"            Self::{name} => &SPEC_{i}," for i, (name, _, _, _) in enumerate(vs)]
    lines += ["        }", "    }", "    fn status(&self) -> StatusCode {", "        match self {"]
    lines += [f"            Self::{name} => StatusCode::{konst}," for name, _, konst, _ in vs]
    lines += ["        }", "    }", "    fn code(&self) -> &'static str {", "        match self {"]
    lines += [f'            Self::{name} => "{code}",' for name, _, _, code in vs]
    lines += ["        }", "    }", "}", "", "impl Catalogued for E {", "    const CATALOGUE: &'static [ErrorSpec] = &["]
    lines += [f"        SPEC_{i}," for i in range(len(vs))]
    lines += ["    ];", "}", "", "impl DefaultFormat for E {", "    type Format = errwire::format::Nested;", "}"]
    return "\n".join(lines)

def api_error(n):
    # api-error's derive names its trait as a bare `ApiError`: it must be imported.
    lines = ["use api_error::ApiError;", "", "#[derive(Debug, thiserror::Error, ApiError)]", "pub enum E {"]
    for name, status, _, _ in variants(n):
        lines += [f'    #[error("internal {name}")]', f'    #[api_error(status_code = {status}, message = "Message {name}.")]', f"    {name},"]
    return "\n".join(lines + ["}"])

VERSIONS = {"thiserror": thiserror_only, "errwire": with_errwire, "hand": hand_written, "api-error": api_error}
members = []
for size in (50, 500):
    for version, make in VERSIONS.items():
        name = f"bench-{version}-{size}"
        members.append(name)
        os.makedirs(os.path.join(out, name, "src"), exist_ok=True)
        deps = ['thiserror = "2"']
        if version in ("errwire", "hand"):
            deps.append(f'errwire = {{ path = "{errwire}", default-features = false }}')
        if version == "api-error":
            deps.append('api-error = "0.1"')
        open(os.path.join(out, name, "Cargo.toml"), "w").write(
            f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n' + "\n".join(deps) + "\n")
        open(os.path.join(out, name, "src", "lib.rs"), "w").write("#![allow(dead_code)]\n" + make(size) + "\n")
open(os.path.join(out, "Cargo.toml"), "w").write("[workspace]\nresolver = \"2\"\nmembers = [" + ", ".join(f'"{m}"' for m in members) + "]\n")
