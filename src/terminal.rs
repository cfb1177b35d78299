//! Text bound for a terminal or a log: control characters from the guide's files (an escape
//! sequence in a page, a file name or a message quoting either) are shown, never obeyed.

use std::borrow::Cow;

/// The visible stand-in for a character a terminal would obey rather than show: a C0
/// control as its Control Pictures symbol (ESC as `␛`), DEL as `␡`, a C1 control or a
/// bidirectional override as `�`. One character for one, so columns and carets stay put.
fn stand_in(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with every control character but newline and tab replaced by a visible one.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| stand_in(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| stand_in(c).unwrap_or(c)).collect())
}

/// A source text made visible, with the means to move byte offsets of the original into it.
pub struct VisibleSource<'a> {
    pub text: Cow<'a, str>,
    /// For each replaced character: its offset in the original and the bytes added up to and
    /// including it.
    shifts: Vec<(usize, usize)>,
}

impl<'a> VisibleSource<'a> {
    /// `text` made visible, remembering where its length changed.
    pub fn new(text: &'a str) -> Self {
        let mut shifts = Vec::new();
        let mut added = 0;
        for (at, c) in text.char_indices() {
            if let Some(shown) = stand_in(c) {
                added += shown.len_utf8() - c.len_utf8();
                shifts.push((at, added));
            }
        }
        VisibleSource {
            text: if shifts.is_empty() {
                Cow::Borrowed(text)
            } else {
                visible(text)
            },
            shifts,
        }
    }

    /// The offset in the visible text of the byte `offset` of the original.
    pub fn offset(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|&(at, _)| at < offset);
        offset + before.checked_sub(1).map_or(0, |n| self.shifts[n].1)
    }
}

/// JSON text with DEL and the C1 controls escaped too: serde_json escapes only those below
/// U+0020, and some terminals obey U+009B as an escape. Outside strings JSON is ASCII, so
/// only strings change, and they mean the same.
pub fn json_escaped(json: String) -> String {
    if !json.contains(|c| matches!(c, '\u{7f}'..='\u{9f}')) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '\u{7f}'..='\u{9f}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_one_for_one() {
        assert_eq!(visible("a\u{1b}[2J\u{7}b\tc\n"), "a␛[2J␇b\tc\n");
        assert_eq!(visible("\u{9b}2J\u{7f}\r\u{202e}"), "�2J␡␍�");
        assert!(matches!(visible("plain é"), Cow::Borrowed(_)));
    }

    #[test]
    fn offsets_move_past_the_wider_stand_ins() {
        let source = VisibleSource::new("a\u{1b}b\u{9b}c");
        assert_eq!(source.text, "a␛b�c");
        assert_eq!(source.offset(0), 0);
        assert_eq!(source.offset(1), 1);
        assert_eq!(source.offset(2), 4);
        assert_eq!(&source.text[source.offset(5)..], "c");
    }

    #[test]
    fn json_keeps_its_meaning() {
        let json = serde_json::to_string("a\u{1b}\u{9b}\u{7f}").unwrap();
        let escaped = json_escaped(json);
        assert_eq!(escaped, r#""a\u001b\u009b\u007f""#);
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{1b}\u{9b}\u{7f}");
    }
}
