//! [`html`]: a catalogue as one self-contained HTML reference page (inline CSS and script, no
//! external asset), like a service's own error reference: grouped by domain (or status),
//! each code with its status, retry policy, message, description, help, docs link, an
//! anchor, and an example body in the service's envelope; a filter box narrows the list
//! (`page.html?q=rate` opens it filtered).

use core::fmt::Write as _;

use crate::catalogue::Example;
use crate::context::Context;
use crate::format::{Format, Nested};
use crate::render::to_json;
use crate::spec::ErrorSpec;

/// The reference page of `specs` (a catalogue, `T::CATALOGUE`, or several chained), titled
/// "Error reference", example bodies in [`Nested`].
#[must_use]
pub fn html(specs: impl IntoIterator<Item = &'static ErrorSpec>) -> String {
    html_for::<Nested>("Error reference", specs)
}

/// The reference page of `specs` titled `title`, with example bodies in envelope `F` (each
/// rendered by errwire itself for the code, with request id `req_example`):
/// `html_for::<Problem>("Accounts API", AccountError::CATALOGUE)`.
#[must_use]
pub fn html_for<F: Format>(title: &str, specs: impl IntoIterator<Item = &'static ErrorSpec>) -> String {
    HtmlPage::new(title).section::<F>("", specs).finish()
}

/// A reference page with one section per error type, each in its own envelope: for a
/// service whose REST API answers problem+json and whose OAuth endpoints answer RFC 6749.
///
/// ```
/// use errwire::catalogue::HtmlPage;
/// use errwire::format::{OAuth, Problem};
/// # #[derive(Debug, errwire::ApiError)] enum ApiErr { /** Gone. */ #[api(status = 410)] Gone }
/// # #[derive(Debug, errwire::ApiError)] enum TokenErr { /** Bad grant. */ #[api(status = 400)] InvalidGrant }
/// let page = HtmlPage::new("Control plane")
///     .section::<Problem>("REST API", ApiErr::CATALOGUE)
///     .section::<OAuth>("OAuth", TokenErr::CATALOGUE)
///     .finish();
/// assert!(page.contains("id=\"invalid_grant\""));
/// ```
#[derive(Debug, Clone)]
pub struct HtmlPage {
    title: String,
    sections: String,
    codes: usize,
    content_types: Vec<&'static str>,
}

impl HtmlPage {
    /// An empty page titled `title`.
    #[must_use]
    pub fn new(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            sections: String::new(),
            codes: 0,
            content_types: Vec::new(),
        }
    }

    /// A section headed `heading` (none when empty) listing `specs`, grouped by domain (or
    /// status), with example bodies in envelope `F`.
    #[must_use]
    pub fn section<F: Format>(
        mut self,
        heading: &str,
        specs: impl IntoIterator<Item = &'static ErrorSpec>,
    ) -> Self {
        let specs: Vec<&'static ErrorSpec> = specs.into_iter().collect();
        self.codes += specs.len();
        if !self.content_types.contains(&F::CONTENT_TYPE) {
            self.content_types.push(F::CONTENT_TYPE);
        }
        let _ = write_section::<F>(&mut self.sections, heading, &specs);
        self
    }

    /// The whole page: one HTML document, its style and filter script inline.
    #[must_use]
    pub fn finish(self) -> String {
        let mut out = String::with_capacity(self.sections.len() + 4096);
        let _ = write_page(&mut out, &self);
        out
    }
}

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, for element content and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The groups: by domain when any code has one, else by status; in first-seen order.
fn groups(specs: &[&'static ErrorSpec]) -> Vec<(String, Vec<&'static ErrorSpec>)> {
    let by_domain = specs.iter().any(|s| s.domain().is_some());
    let mut groups: Vec<(String, Vec<&'static ErrorSpec>)> = Vec::new();
    for &spec in specs {
        let name = if by_domain {
            spec.domain().unwrap_or("general").to_owned()
        } else {
            format!(
                "{} {}",
                spec.status().as_u16(),
                spec.status().canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_owned()
        };
        match groups.iter_mut().find(|(g, _)| *g == name) {
            Some((_, members)) => members.push(spec),
            None => groups.push((name, vec![spec])),
        }
    }
    if !by_domain {
        groups.sort_by(|a, b| a.0.cmp(&b.0));
    }
    groups
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1b1f24;background:#f6f8fa}
header{background:#1b1f24;color:#fff;padding:1.2rem 2rem}
header h1{margin:0;font-size:1.5rem}header p{margin:.3rem 0 0;color:#c9d1d9}
main{max-width:72rem;margin:0 auto;padding:1rem 2rem 3rem}
#filter{width:100%;box-sizing:border-box;font-size:1rem;padding:.6rem .8rem;border:1px solid #d0d7de;border-radius:6px;margin:1rem 0}
h2.type{font-size:1.3rem;margin:2rem 0 .2rem}.ct{font-size:.85rem;color:#57606a;font-weight:normal;font-family:ui-monospace,monospace}
h3{font-size:1.1rem;margin:1.4rem 0 .6rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
article{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.8rem 1rem;margin:.6rem 0}
article h4{margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:1rem}
article h4 a{color:inherit;text-decoration:none}
.badge{display:inline-block;border-radius:1rem;padding:.05rem .6rem;font-size:.8rem;margin-left:.4rem;vertical-align:middle}
.s4{background:#fff1e5;color:#953800}.s5{background:#ffebe9;color:#a40e26}.s2,.s3{background:#dafbe1;color:#116329}
.retry{background:#ddf4ff;color:#0550ae}.final{background:#eaeef2;color:#57606a}.deprecated{background:#fff8c5;color:#7d4e00}
dl{display:grid;grid-template-columns:8rem 1fr;gap:.2rem .8rem;margin:.6rem 0}dt{color:#57606a}dd{margin:0}
pre{background:#f6f8fa;border:1px solid #eaeef2;border-radius:6px;padding:.6rem;overflow-x:auto;font-size:.85rem;margin:.4rem 0 0}
details summary{cursor:pointer;color:#0969da;font-size:.9rem}
#count{color:#57606a;font-size:.9rem}
";

const SCRIPT: &str = "
const input=document.getElementById('filter');const count=document.getElementById('count');
const asked=new URLSearchParams(location.search).get('q');if(asked)input.value=asked;
function apply(){const q=input.value.trim().toLowerCase();let shown=0;
for(const a of document.querySelectorAll('article')){const hit=!q||a.dataset.search.includes(q);a.hidden=!hit;if(hit)shown++;}
for(const s of document.querySelectorAll('section')){s.hidden=!s.querySelector('article:not([hidden])');}
count.textContent=shown+' of '+document.querySelectorAll('article').length+' codes';}
input.addEventListener('input',apply);apply();
";

fn write_page(out: &mut String, page: &HtmlPage) -> core::fmt::Result {
    let title = escape(&page.title);
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<title>{title}</title><style>{STYLE}</style></head><body>")?;
    writeln!(
        out,
        "<header><h1>{title}</h1><p>{} codes · example bodies as <code>{}</code> · generated by errwire from the service's catalogue</p></header>",
        page.codes,
        escape(&page.content_types.join(", "))
    )?;
    writeln!(
        out,
        "<main><input id=\"filter\" type=\"search\" placeholder=\"Filter by code, status, message…\" aria-label=\"Filter codes\"><div id=\"count\"></div>"
    )?;
    out.push_str(&page.sections);
    writeln!(out, "</main><script>{SCRIPT}</script></body></html>")
}

fn write_section<F: Format>(
    out: &mut String,
    heading: &str,
    specs: &[&'static ErrorSpec],
) -> core::fmt::Result {
    if !heading.is_empty() {
        writeln!(
            out,
            "<h2 class=\"type\">{} <span class=\"ct\">{}</span></h2>",
            escape(heading),
            escape(F::CONTENT_TYPE)
        )?;
    }
    for (group, members) in groups(specs) {
        writeln!(out, "<section><h3>{}</h3>", escape(&group))?;
        for spec in members {
            write_code::<F>(out, spec)?;
        }
        writeln!(out, "</section>")?;
    }
    Ok(())
}

fn write_code<F: Format>(out: &mut String, spec: &'static ErrorSpec) -> core::fmt::Result {
    let code = escape(spec.code());
    let status = spec.status().as_u16();
    let search = escape(
        &format!(
            "{} {} {} {} {}",
            spec.code(),
            status,
            spec.message(),
            spec.description().unwrap_or(""),
            spec.domain().unwrap_or("")
        )
        .to_lowercase(),
    );
    writeln!(out, "<article id=\"{code}\" data-search=\"{search}\">")?;
    write!(
        out,
        "<h4><a href=\"#{code}\">{code}</a><span class=\"badge s{}\">{status} {}</span>",
        status / 100,
        escape(spec.status().canonical_reason().unwrap_or(""))
    )?;
    let (class, retry) = match (spec.retryable(), spec.retry_after()) {
        (true, Some(delay)) => ("retry", format!("retryable · after {} s", delay.as_secs())),
        (true, None) => ("retry", String::from("retryable")),
        (false, _) => ("final", String::from("not retryable")),
    };
    write!(out, "<span class=\"badge {class}\">{retry}</span>")?;
    if spec.deprecated() {
        write!(out, "<span class=\"badge deprecated\">deprecated</span>")?;
    }
    writeln!(out, "</h4><dl>")?;
    writeln!(out, "<dt>Message</dt><dd>{}</dd>", escape(spec.message()))?;
    if let Some(description) = spec.description().filter(|d| *d != spec.message()) {
        writeln!(out, "<dt>Description</dt><dd>{}</dd>", escape(description))?;
    }
    if let Some(help) = spec.help() {
        writeln!(out, "<dt>Help</dt><dd>{}</dd>", escape(help))?;
    }
    if let Some(domain) = spec.domain() {
        writeln!(out, "<dt>Domain</dt><dd>{}</dd>", escape(domain))?;
    }
    // How the fleet's telemetry sees it: span status, log level, error tracker.
    let reported = match spec.report() {
        crate::spec::ReportClass::Error => {
            "error: span status Error, logged at error level, captured by the error tracker (feature sentry)"
        }
        crate::spec::ReportClass::Expected => "expected: span status unset, logged at debug level",
    };
    writeln!(out, "<dt>Reported as</dt><dd>{reported}</dd>")?;
    if let Some(docs) = spec.docs_url() {
        let docs = escape(docs);
        writeln!(out, "<dt>Docs</dt><dd><a href=\"{docs}\">{docs}</a></dd>")?;
    }
    writeln!(out, "</dl>")?;
    let ctx = Context::new().request_id("req_example").jsonrpc_id(1);
    let example = Example(spec);
    let sent_status = F::status(&example).as_u16();
    let body = to_json::<F>(&example, &ctx);
    let pretty = serde_json::from_str::<serde_json::Value>(&body)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or(body);
    writeln!(
        out,
        "<details><summary>Example body ({} {sent_status})</summary><pre>{}</pre></details>",
        escape(F::CONTENT_TYPE),
        escape(&pretty)
    )?;
    writeln!(out, "</article>")
}
