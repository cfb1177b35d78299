//! Where the values of a YAML text are written, found in one pass over the text, so that a
//! data file with tens of thousands of entries is not rescanned once per entry.

use std::cell::Cell;
use std::collections::HashMap;

use crate::diagnostic::Diagnostic;

/// A 1-based line and column (in characters) and the byte offset they stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// An index of a YAML text: where each line starts, and where each value of a few keys is
/// written (`key: value`, in block or flow style, bare or quoted).
#[derive(Debug)]
pub struct Positions<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    /// For each indexed key: its values, each with its places in file order.
    values: Vec<(&'static str, HashMap<&'a str, Vec<Place>>)>,
    /// For each indexed key: the lines where it is written, ascending.
    key_lines: Vec<Vec<usize>>,
    /// How many lines were read, building and looking up: what tests hold to one pass.
    lines_read: Cell<usize>,
}

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || c == '.'
}

impl<'a> Positions<'a> {
    /// Reads `text` once, indexing the values written after each of `keys`.
    pub fn new(text: &'a str, keys: &[&'static str]) -> Self {
        let mut positions = Positions {
            text,
            line_starts: vec![0],
            values: keys.iter().map(|&key| (key, HashMap::new())).collect(),
            key_lines: vec![Vec::new(); keys.len()],
            lines_read: Cell::new(0),
        };
        positions.line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(n, _)| n + 1),
        );
        for line in 1..=positions.line_count() {
            positions.index_line(line);
        }
        positions
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    fn line_count(&self) -> usize {
        // A text ending in a newline has no line after it, as `str::lines` counts.
        match self.line_starts.last() {
            Some(&last) if last == self.text.len() => self.line_starts.len() - 1,
            _ => self.line_starts.len(),
        }
    }

    /// The text of the 1-based `line`, without its line break.
    fn line(&self, line: usize) -> Option<&'a str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        let text = self.text.get(start..end)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    fn index_line(&mut self, line: usize) {
        let Some(text) = self.line(line) else { return };
        self.lines_read.set(self.lines_read.get() + 1);
        let start = self.line_starts[line - 1];
        for (k, (key, values)) in self.values.iter_mut().enumerate() {
            let mut seen = false;
            for (value, at) in values_after(text, key) {
                let column = text[..at].chars().count() + 1;
                let place = Place {
                    line,
                    column,
                    offset: start + at,
                };
                values.entry(value).or_default().push(place);
                seen = true;
            }
            if seen {
                self.key_lines[k].push(line);
            }
        }
    }

    fn places(&self, key: &str, value: &str) -> &[Place] {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, values)| values.get(value))
            .map_or(&[], Vec::as_slice)
    }

    /// The place of the first `key: value` at or after the 1-based line `from`.
    pub fn value_at_or_after(&self, key: &str, value: &str, from: usize) -> Option<Place> {
        let places = self.places(key, value);
        let first = places.partition_point(|place| place.line < from);
        places.get(first).copied()
    }

    /// The place of the `nth` (0-based) `key: value` of the text.
    pub fn nth_value(&self, key: &str, value: &str, nth: usize) -> Option<Place> {
        self.places(key, value).get(nth).copied()
    }

    /// The first line after `line` where an indexed `key` has a value: where the entry that
    /// starts at `line` ends, when `key` starts each entry.
    pub fn next_key_line(&self, key: &str, line: usize) -> Option<usize> {
        let k = self.values.iter().position(|(k, _)| *k == key)?;
        let lines = &self.key_lines[k];
        lines.get(lines.partition_point(|&l| l <= line)).copied()
    }

    /// The place of `token` standing alone (not inside a longer id) on the lines from `from`
    /// up to, not including, `until` (the end of the text when `None`).
    pub fn token_position(&self, token: &str, from: usize, until: Option<usize>) -> Option<Place> {
        let end = until.map_or(self.line_count(), |until| until.saturating_sub(1));
        (from.max(1)..=end.min(self.line_count())).find_map(|line| {
            self.lines_read.set(self.lines_read.get() + 1);
            let text = self.line(line)?;
            let (_, column) = super::token_position(text, token, 1)?;
            self.place(line, column)
        })
    }

    /// The place of the 1-based `line` and `column`, when the text has it.
    pub fn place(&self, line: usize, column: usize) -> Option<Place> {
        let text = self.line(line)?;
        let within = text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        Some(Place {
            line,
            column,
            offset: self.line_starts[line - 1] + within,
        })
    }

    /// `diagnostic` placed at `place`, without counting the lines before it.
    pub fn at(&self, diagnostic: Diagnostic, place: Place) -> Diagnostic {
        diagnostic.at_offset(self.text, place.line, place.column, place.offset)
    }

    /// `diagnostic` placed at the 1-based `line` and `column` (at the end of the text when
    /// the text has no such line).
    pub fn at_line(&self, diagnostic: Diagnostic, line: usize, column: usize) -> Diagnostic {
        match self.place(line, column) {
            Some(place) => self.at(diagnostic, place),
            None => diagnostic.at_line(self.text, line, column),
        }
    }

    /// How many lines were read so far.
    #[cfg(test)]
    pub fn lines_read(&self) -> usize {
        self.lines_read.get()
    }
}

/// The values written after `key:` on a line, with their byte offsets: each as the id it
/// starts with and, when it holds more than an id, as the whole scalar too.
fn values_after<'t>(line: &'t str, key: &str) -> Vec<(&'t str, usize)> {
    let mut found = Vec::new();
    let key_colon = |at: usize| line[at + key.len()..].starts_with(':');
    for (at, _) in line.match_indices(key) {
        let whole_key = !line[..at].chars().next_back().is_some_and(is_id_char);
        if !whole_key || !key_colon(at) {
            continue;
        }
        // As a value is written: `key: value`, `key: "value"`, `{key: 'value', …}`.
        let after = &line[at + key.len() + 1..];
        let unquoted = after.trim_start().trim_start_matches(['"', '\'']);
        let quote = after
            .trim_start()
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'');
        let value = unquoted.trim_start();
        let start = line.len() - value.len();
        let id_len = value.find(|c: char| !is_id_char(c)).unwrap_or(value.len());
        if id_len > 0 {
            found.push((&value[..id_len], start));
        }
        let scalar = match quote {
            Some(quote) => value.split(quote).next().unwrap_or(value),
            None => value
                .split([',', '}', ']'])
                .next()
                .unwrap_or(value)
                .split(" #")
                .next()
                .unwrap_or(value)
                .trim_end(),
        };
        if scalar.len() > id_len {
            found.push((scalar, start));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_bare_quoted_and_in_flow_maps() {
        let text = "a:\n  - id: one\n    title: \"x y\"\n  - id: 'two'\n    groups: [{id: g1, name: G}]\n  - grid: one\n";
        let positions = Positions::new(text, &["id", "title"]);
        let at = |key, value| {
            positions
                .value_at_or_after(key, value, 1)
                .map(|p| (p.line, p.column, &text[p.offset..p.offset + 1]))
        };
        assert_eq!(at("id", "one"), Some((2, 9, "o")));
        assert_eq!(at("id", "two"), Some((4, 10, "t")));
        assert_eq!(at("id", "g1"), Some((5, 19, "g")));
        assert_eq!(at("title", "x y"), Some((3, 13, "x")));
        // `grid:` is not `id:`.
        assert_eq!(positions.nth_value("id", "one", 1), None);
        assert_eq!(positions.next_key_line("id", 2), Some(4));
    }

    #[test]
    fn tokens_are_looked_for_within_the_lines_asked() {
        let text = "- id: a\n  url: x/y\n- id: b\n  url: x/y\n";
        let positions = Positions::new(text, &["id"]);
        let found = |from, until| positions.token_position("x/y", from, until).map(|p| p.line);
        assert_eq!(found(1, Some(3)), Some(2));
        assert_eq!(found(3, None), Some(4));
        assert_eq!(found(1, Some(2)), None);
        assert_eq!(found(9, None), None);
    }

    /// The lookups the catalog makes for every entry of a large file read each line about
    /// once in all: built in one pass, then looked up without rescanning.
    #[test]
    fn looking_up_every_entry_of_a_large_file_reads_it_once() {
        let entries = 20_000;
        let mut text = String::from("resources:\n");
        for n in 0..entries {
            text.push_str(&format!(
                "  - id: r{n}\n    title: \"R {n}\"\n    url: https://e.org/{n}\n    competencies: [c{n}]\n"
            ));
        }
        let positions = Positions::new(&text, &["id"]);
        let lines = text.lines().count();
        assert_eq!(positions.lines_read(), lines);
        for n in 0..entries {
            let id = format!("r{n}");
            let place = positions.value_at_or_after("id", &id, 1).unwrap();
            assert_eq!((place.line, place.column), (2 + 4 * n, 9));
            let until = positions.next_key_line("id", place.line);
            let url = positions
                .token_position(&format!("https://e.org/{n}"), place.line, until)
                .unwrap();
            assert_eq!((url.line, url.column), (4 + 4 * n, 10));
        }
        // Each lookup reads only the lines of its own entry.
        assert!(positions.lines_read() <= lines + 3 * entries);
    }
}
