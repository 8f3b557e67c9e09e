//! `Accept-Language` (RFC 9110 §12.5.4): the requested ranges in quality order, read within
//! fixed bounds, and the [`Chain`] of available locales they select (RFC 4647 lookup, with
//! Fluent's filtering for more specific locales), on the stack: negotiating allocates nothing.

/// The most bytes of a header read: a longer header is read up to here (at a comma).
pub const MAX_HEADER: usize = 4096;

/// The most language ranges read from one header.
pub const MAX_RANGES: usize = 32;

/// The most locales a request falls back through before the untranslated message.
pub const MAX_CHAIN: usize = 4;

/// The locales chosen for a request, best first, as indices into the translations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Chain {
    indices: [u8; MAX_CHAIN],
    len: u8,
}

impl Chain {
    /// No locale: every message untranslated.
    pub const EMPTY: Self = Self {
        indices: [0; MAX_CHAIN],
        len: 0,
    };

    /// The chosen locales' indices, best first.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        let len = usize::from(self.len);
        self.indices.into_iter().take(len).map(usize::from)
    }

    /// Whether nothing was chosen.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn push(&mut self, index: usize) {
        let Ok(index) = u8::try_from(index) else { return };
        if usize::from(self.len) < MAX_CHAIN && !self.iter().any(|i| i == usize::from(index)) {
            self.indices[usize::from(self.len)] = index;
            self.len += 1;
        }
    }
}

/// The language ranges of an `Accept-Language` value, best quality first (ties in the
/// header's order); `*`, ranges with `q=0`, malformed ranges and tags that are not BCP 47
/// shaped are skipped. At most [`MAX_RANGES`] ranges from the first [`MAX_HEADER`] bytes are
/// read, so a hostile header costs a bounded amount of work. (Allocates the list; the
/// negotiation itself, [`chain`], does not.)
#[must_use]
pub fn requested(header: &str) -> Vec<&str> {
    let (ranges, len) = ranges(header);
    ranges[..len].iter().map(|r| r.2).collect()
}

/// The ranges on the stack: `(quality, position, tag)`, sorted, and how many there are.
fn ranges(header: &str) -> ([(u16, usize, &str); MAX_RANGES], usize) {
    let mut ranges = [(0u16, 0usize, ""); MAX_RANGES];
    let mut len = 0;
    for (position, item) in bounded(header).split(',').take(MAX_RANGES).enumerate() {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        if !is_language_range(tag) {
            continue;
        }
        let Some(quality) = quality(parts) else { continue };
        if quality == 0 {
            continue;
        }
        ranges[len] = (quality, position, tag);
        len += 1;
    }
    // Unstable sort (no allocation) with the position as the tie-break: stable in effect.
    ranges[..len].sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    (ranges, len)
}

/// A BCP 47-shaped language range: subtags of 1 to 8 letters or digits joined by `-`, the
/// first letters only (`*` is not one: it asks for nothing in particular).
fn is_language_range(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let first_ok = subtags
        .next()
        .is_some_and(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok && subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The header up to [`MAX_HEADER`] bytes, cut at the last comma before the bound.
fn bounded(header: &str) -> &str {
    if header.len() <= MAX_HEADER {
        return header;
    }
    let mut end = MAX_HEADER;
    while !header.is_char_boundary(end) {
        end -= 1;
    }
    let head = &header[..end];
    head.rfind(',').map_or(head, |comma| &head[..comma])
}

/// The quality in thousandths (`q=0.8` is 800; none is 1000); `None` when a `q` parameter
/// is malformed (RFC 9110 `qvalue`: `0`, `0.x{0,3}`, `1`, `1.0{0,3}`).
fn quality<'h>(parameters: impl Iterator<Item = &'h str>) -> Option<u16> {
    let mut quality = 1000;
    for parameter in parameters {
        let (name, value) = parameter.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("q") {
            continue;
        }
        quality = qvalue(value.trim())?;
    }
    Some(quality)
}

fn qvalue(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: u16 = 0;
    for (i, digit) in fraction.bytes().enumerate() {
        let scale: u16 = [100, 10, 1][i];
        thousandths += u16::from(digit - b'0') * scale;
    }
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The available locales (`available`: their tags) an `Accept-Language` value selects, best
/// first, at most [`MAX_CHAIN`], without allocating. Each range, in quality order, is looked
/// up as RFC 4647 §3.4 says — the range itself, then shortened a subtag at a time (`fr-CA`
/// falls back to `fr`) — and then also matches more specific locales of it (`en` accepts
/// `en-US`), as Fluent's filtering negotiation does. Tags compare case-insensitively.
pub fn chain<S: AsRef<str>>(header: &str, available: &[S]) -> Chain {
    let mut chain = Chain::EMPTY;
    if available.is_empty() {
        return chain;
    }
    let (ranges, len) = ranges(header);
    for &(_, _, range) in &ranges[..len] {
        let mut prefix = range;
        loop {
            if let Some(index) = available
                .iter()
                .position(|a| a.as_ref().eq_ignore_ascii_case(prefix))
            {
                chain.push(index);
                break;
            }
            match shorter(prefix) {
                Some(shorter) => prefix = shorter,
                None => break,
            }
        }
        for (index, tag) in available.iter().enumerate() {
            if extends(tag.as_ref(), range) {
                chain.push(index);
            }
        }
        if usize::from(chain.len) == MAX_CHAIN {
            break;
        }
    }
    chain
}

/// `range` less its last subtag, and less a single-character subtag left before it
/// (RFC 4647 §3.4: `zh-Hant-x-private` → `zh-Hant`).
fn shorter(range: &str) -> Option<&str> {
    let mut cut = &range[..range.rfind('-')?];
    if let Some(dash) = cut.rfind('-')
        && cut.len() - dash == 2
    {
        cut = &cut[..dash];
    }
    Some(cut)
}

/// Whether `tag` is a more specific locale of `range` (`en-US` of `en`).
fn extends(tag: &str, range: &str) -> bool {
    tag.len() > range.len()
        && tag.as_bytes()[range.len()] == b'-'
        && tag[..range.len()].eq_ignore_ascii_case(range)
}
