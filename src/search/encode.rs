//! The compact encoding of the index's terms and postings, as one string of the index file.
//!
//! Terms are sorted (by UTF-16 code units, the order JavaScript compares strings in) and
//! front-coded; entries are separated by `,`. An entry is one digit (how many UTF-16 units the
//! term shares with the previous term), the rest of the term, then its postings. A posting is
//! one number, `gap × 2 + flag`, where `gap` is the page's number for the first posting and
//! the count of pages skipped since the previous one after that; `flag` 1 means a second
//! number follows with the posting's field bits, flag 0 that the word is in the body only.
//!
//! Numbers are written with [`DIGITS`], characters that never occur in a folded word (no
//! lowercase letter or digit) and need no escaping in a JavaScript string: the first
//! [`TERMINAL`] end a number, the others continue it. A number is its continuation digits
//! (base `DIGITS.len() - TERMINAL`, most significant first) followed by one terminal digit
//! (base [`TERMINAL`]), so numbers below 32 take one character and below 736 two.

/// The digits, terminal ones first. The index file carries them to `search-core.js`.
pub const DIGITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&'()*+-./:;<=>?@[]^_`{|}~";
/// How many of [`DIGITS`] end a number.
pub const TERMINAL: u32 = 32;
/// Separates entries.
pub const SEPARATOR: char = ',';

/// The field bits of a posting.
pub const TITLE: u8 = 1;
pub const HEADING: u8 = 2;
pub const SUMMARY: u8 = 4;
pub const BODY: u8 = 8;

/// How much a word found in a field counts, best field first: a word counts its best field.
/// The index file carries them to `search-core.js`.
pub const WEIGHTS: &[(u8, u32)] = &[(TITLE, 100), (HEADING, 20), (SUMMARY, 10), (BODY, 1)];

fn base() -> u32 {
    DIGITS.len() as u32 - TERMINAL
}

fn digit(value: u32) -> char {
    DIGITS.as_bytes()[value as usize] as char
}

/// Appends `value` as digits.
pub fn number(out: &mut String, value: u32) {
    let mut high = value / TERMINAL;
    let mut continuation = Vec::new();
    while high > 0 {
        continuation.push(TERMINAL + high % base());
        high /= base();
    }
    for &d in continuation.iter().rev() {
        out.push(digit(d));
    }
    out.push(digit(value % TERMINAL));
}

/// Reads one number from the front of `text`; returns it and the rest.
pub fn read_number(text: &str) -> Option<(u32, &str)> {
    let mut value: u32 = 0;
    for (i, c) in text.char_indices() {
        let d = DIGITS.find(c)? as u32;
        if d >= TERMINAL {
            value = value.checked_mul(base())?.checked_add(d - TERMINAL)?;
        } else {
            value = value.checked_mul(TERMINAL)?.checked_add(d)?;
            return Some((value, &text[i + 1..]));
        }
    }
    None
}

/// Whether `c` is a digit of the encoding (and so never part of a term).
pub fn is_digit(c: char) -> bool {
    c.is_ascii() && DIGITS.contains(c)
}

/// How many UTF-16 units `a` and `b` share at the start, counted in whole characters.
pub fn shared_prefix(a: &str, b: &str) -> usize {
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(c, _)| c.len_utf16())
        .sum()
}

/// Compares strings the way JavaScript does: by UTF-16 code units.
pub fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Encodes sorted terms with their postings (`(page, fields)`, pages ascending).
pub fn terms<'a>(entries: impl IntoIterator<Item = (&'a str, &'a [(u32, u8)])>) -> String {
    let mut out = String::new();
    let mut previous = "";
    let most = DIGITS.len() - 1;
    for (i, (term, postings)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        // Keep whole characters: the shared part is cut back to a character boundary.
        let mut shared = shared_prefix(previous, term).min(most);
        let mut units = 0;
        let mut cut = 0;
        for (at, c) in term.char_indices() {
            if units + c.len_utf16() > shared {
                break;
            }
            units += c.len_utf16();
            cut = at + c.len_utf8();
        }
        shared = units;
        out.push(digit(shared as u32));
        out.push_str(&term[cut..]);
        let mut last: Option<u32> = None;
        for &(page, fields) in postings {
            let gap = match last {
                None => page,
                Some(last) => page - last - 1,
            };
            last = Some(page);
            let flagged = fields != BODY;
            number(&mut out, gap * 2 + u32::from(flagged));
            if flagged {
                number(&mut out, u32::from(fields));
            }
        }
        previous = term;
    }
    out
}

/// A term with its postings: (page, field bits).
pub type DecodedTerm = (String, Vec<(u32, u8)>);

/// Decodes what [`terms`] wrote: each term with its postings.
pub fn decode_terms(text: &str) -> Option<Vec<DecodedTerm>> {
    let mut out: Vec<(String, Vec<(u32, u8)>)> = Vec::new();
    if text.is_empty() {
        return Some(out);
    }
    for entry in text.split(SEPARATOR) {
        let mut chars = entry.chars();
        let shared = DIGITS.find(chars.next()?)?;
        let rest = chars.as_str();
        let end = rest.find(is_digit).unwrap_or(rest.len());
        let previous: Vec<u16> = out
            .last()
            .map(|(t, _)| t.encode_utf16().collect())
            .unwrap_or_default();
        let mut units: Vec<u16> = previous.get(..shared)?.to_vec();
        units.extend(rest[..end].encode_utf16());
        let term = String::from_utf16(&units).ok()?;
        let mut postings = Vec::new();
        let mut rest = &rest[end..];
        let mut last: Option<u32> = None;
        while !rest.is_empty() {
            let (value, after) = read_number(rest)?;
            rest = after;
            let page = match last {
                None => value / 2,
                Some(last) => last + value / 2 + 1,
            };
            last = Some(page);
            let fields = if value % 2 == 1 {
                let (fields, after) = read_number(rest)?;
                rest = after;
                u8::try_from(fields).ok()?
            } else {
                BODY
            };
            postings.push((page, fields));
        }
        out.push((term, postings));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digits_are_distinct_ascii_and_never_in_a_word() {
        assert_eq!(DIGITS.len(), 55);
        let mut seen = std::collections::HashSet::new();
        for c in DIGITS.chars() {
            assert!(seen.insert(c), "{c} twice");
            assert!(c.is_ascii_graphic() && c != '"' && c != '\\' && c != SEPARATOR);
            assert!(!c.is_alphanumeric() || c.is_ascii_uppercase());
        }
        for word in super::super::text::words("ÀÉÎ Zürich ŒUVRE İSTANBUL ﬁ ℌello Ⅻ") {
            assert!(!word.contains(is_digit), "{word}");
        }
    }

    #[test]
    fn numbers_round_trip_and_small_ones_take_one_character() {
        for value in [
            0,
            1,
            31,
            32,
            735,
            736,
            10_000,
            123_456,
            u32::MAX / 2,
            u32::MAX,
        ] {
            let mut text = String::new();
            number(&mut text, value);
            assert_eq!(read_number(&text), Some((value, "")), "{value} as {text}");
        }
        let length = |value| {
            let mut text = String::new();
            number(&mut text, value);
            text.len()
        };
        assert_eq!(length(31), 1);
        assert_eq!(length(32), 2);
        assert_eq!(length(735), 2);
        assert_eq!(length(736), 3);
        assert_eq!(read_number("}"), None);
        assert_eq!(read_number("a"), None);
    }

    #[test]
    fn terms_round_trip_with_front_coding() {
        let entries: Vec<(String, Vec<(u32, u8)>)> = vec![
            (
                "coach".into(),
                vec![(0, BODY), (3, TITLE | BODY), (4, BODY)],
            ),
            ("coaching".into(), vec![(2, HEADING), (900, SUMMARY | BODY)]),
            ("coachs".into(), vec![(40, BODY)]),
            ("évaluer".into(), vec![(1, TITLE)]),
            ("𠀀a".into(), vec![(5, BODY)]),
            ("𠀁".into(), vec![(6, BODY)]),
            ("\u{ffff}".into(), vec![(7, BODY)]),
        ];
        let mut sorted = entries.clone();
        sorted.sort_by(|a, b| utf16_cmp(&a.0, &b.0));
        let text = terms(sorted.iter().map(|(t, p)| (t.as_str(), p.as_slice())));
        assert!(text.starts_with("AcoachA"), "{text}");
        assert!(text.contains(",Fing"), "{text}");
        assert_eq!(decode_terms(&text).unwrap(), sorted);
        // JavaScript's order (UTF-16 units) puts U+FFFF after characters beyond it, whose
        // surrogates are D800–DFFF; the order of code points would put it before them.
        assert_eq!(sorted.last().unwrap().0, "\u{ffff}");
        assert_eq!(sorted[sorted.len() - 2].0, "𠀁");
    }
}
