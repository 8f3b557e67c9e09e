//! Content negotiation: whether a request's `Accept` asks for `application/problem+json`.

use http::HeaderMap;

/// Whether an `Accept` header asks for `application/problem+json`.
#[must_use]
pub fn accepts_problem(headers: &HeaderMap) -> bool {
    accepts_problem_in(
        headers
            .get_all(http::header::ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok()),
    )
}

/// Whether any of these `Accept` values asks for `application/problem+json` (with q > 0).
pub(crate) fn accepts_problem_in<'a>(values: impl Iterator<Item = &'a str>) -> bool {
    values.flat_map(|v| v.split(',')).any(|media| {
        let mut parts = media.split(';');
        let kind = parts.next().unwrap_or("").trim();
        let refused = parts.any(|p| {
            let p = p.trim();
            p.get(..2).is_some_and(|q| q.eq_ignore_ascii_case("q="))
                && p[2..].trim().parse::<f32>().is_ok_and(|q| q <= 0.0)
        });
        kind.eq_ignore_ascii_case("application/problem+json") && !refused
    })
}
