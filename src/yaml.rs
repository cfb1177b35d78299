//! The one place that knows which YAML crate we use, so a swap stays a one-file change.

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, did_you_mean};

mod positions;
pub use positions::{Place, Positions};

/// A YAML value, for free-form data such as a page's `extra`.
pub type Value = serde_yaml::Value;
/// A YAML mapping.
pub type Mapping = serde_yaml::Mapping;

/// A YAML problem with its place in the parsed text (1-based), when the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub line: Option<usize>,
    pub column: usize,
    /// For an unknown key: the key and the keys that are allowed there.
    pub unknown_key: Option<(String, Vec<String>)>,
}

/// Parses YAML text into a typed value.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|error| convert(&error))
}

/// Turns a parsed YAML value into a typed value (the error has no place).
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, YamlError> {
    serde_yaml::from_value(value).map_err(|error| convert(&error))
}

fn convert(error: &serde_yaml::Error) -> YamlError {
    let full = error.to_string();
    let location = error.location();
    // serde_yaml writes places as " at line L column C", counted in the YAML it was given
    // rather than in the file; the place is kept apart, so they are taken out of the message.
    let message = without_places(&full);
    let message = message.trim_start_matches(": ").to_string();
    YamlError {
        unknown_key: unknown_key(&message),
        message,
        line: location.as_ref().map(|l| l.line()),
        column: location.as_ref().map_or(0, |l| l.column()),
    }
}

/// `message` without its " at line L column C" parts.
fn without_places(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(n) = rest.find(" at line ") {
        out.push_str(&rest[..n]);
        let after = &rest[n + " at line ".len()..];
        let digits = |t: &str| t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let line_len = digits(after);
        let place_len = after[line_len..]
            .strip_prefix(" column ")
            .filter(|_| line_len > 0)
            .map(|column| " column ".len() + digits(column))
            .filter(|&len| len > " column ".len());
        match place_len {
            Some(len) => rest = &after[line_len + len..],
            None => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" message.
fn unknown_key(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message
        .find("unknown field `")
        .map(|n| &message[n + "unknown field `".len()..])?;
    let (key, rest) = rest.split_once('`')?;
    let allowed = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((key.to_string(), allowed))
}

impl YamlError {
    /// A diagnostic for this error, in `file` whose YAML starts at `first_line` (1-based)
    /// of `text` (the whole file's text).
    pub fn diagnostic(&self, file: &str, text: &str, first_line: usize) -> Diagnostic {
        let mut message = self.message.clone();
        let mut hint = None;
        if let Some((key, allowed)) = &self.unknown_key {
            message = format!("unknown key `{key}`");
            hint = Some(
                match did_you_mean(key, allowed.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if allowed.is_empty() => "remove this key".to_string(),
                    None => format!("allowed keys here: {}", allowed.join(", ")),
                },
            );
        } else if message.contains("tab")
            || message.contains("\\t")
            || self
                .line
                .is_some_and(|line| indented_with_tab(text, first_line + line - 1))
        {
            hint = Some("YAML does not allow tabs for indentation; use spaces".to_string());
        } else if message.contains("invalid type") {
            hint = Some("check the value's type: text, a number, a list or a map".to_string());
        } else if let Some(key) = message
            .split_once("missing field `")
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(key, _)| key)
        {
            hint = Some(format!("add `{key}: …`"));
        }
        let mut place = self
            .line
            .map(|line| (first_line + line - 1, self.column.max(1)));
        if let Some(key) = duplicate_key(&message) {
            hint = Some(format!(
                "a key is written once per map; remove or merge one of the `{key}:` lines"
            ));
            // serde_yaml places the error at the start of the map; point at the repeat.
            if let Some((line, column)) = place {
                place = repeated_key_position(text, line, column, key).or(place);
            }
        }
        let diagnostic = Diagnostic::error("yaml", message).in_file(file);
        let diagnostic = match place {
            Some((line, column)) => diagnostic.at_line(text, line, column),
            None => diagnostic.at_line(text, first_line, 1),
        };
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    }
}

/// The key of serde_yaml's "duplicate entry with key \"x\"" message.
fn duplicate_key(message: &str) -> Option<&str> {
    // Untyped maps say `duplicate entry with key "x"`, typed ones `duplicate field `x``.
    for (prefix, end) in [
        ("duplicate entry with key \"", '"'),
        ("duplicate field `", '`'),
    ] {
        if let Some(n) = message.find(prefix) {
            let rest = &message[n + prefix.len()..];
            return Some(&rest[..rest.find(end)?]);
        }
    }
    None
}

/// The place of the second `key:` of the block map that starts at 1-based `line` and
/// `column` of `text`.
fn repeated_key_position(
    text: &str,
    line: usize,
    column: usize,
    key: &str,
) -> Option<(usize, usize)> {
    let mut seen = 0;
    for (n, text_line) in text.lines().enumerate().skip(line.saturating_sub(1)) {
        let trimmed = text_line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if n + 1 > line && (trimmed == "---" || trimmed == "...") {
            return None;
        }
        // A key's column, after the `- ` of a list item that holds the map.
        let mut at = text_line.len() - trimmed.len();
        let mut rest = trimmed;
        while let Some(after) = rest.strip_prefix("- ") {
            let after_spaces = after.trim_start_matches(' ');
            at += rest.len() - after_spaces.len();
            rest = after_spaces;
        }
        let key_column = text_line[..at].chars().count() + 1;
        if n + 1 > line && key_column < column {
            return None; // the map has ended
        }
        if key_column == column
            && rest
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start_matches(' ').starts_with(':'))
        {
            seen += 1;
            if seen == 2 {
                return Some((n + 1, column));
            }
        }
    }
    None
}

/// Whether the 1-based `line` of `text` has a tab in its indentation.
fn indented_with_tab(text: &str, line: usize) -> bool {
    text.lines()
        .nth(line.saturating_sub(1))
        .is_some_and(|line| {
            line.chars()
                .take_while(|c| c.is_whitespace())
                .any(|c| c == '\t')
        })
}

/// The 1-based line and column of the first `key:` of the top-level map of block-style
/// YAML text; of the first `key:` at any depth when the top level has none.
pub fn top_level_key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    key_positions(text, key)
        .find(|&(_, column)| column == 1)
        .or_else(|| key_position(text, key))
}

/// The 1-based line and column of the first `key:` in block-style YAML text, if any.
pub fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    key_positions(text, key).next()
}

fn key_positions<'a>(text: &'a str, key: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    text.lines().enumerate().filter_map(move |(n, line)| {
        let trimmed = line.trim_start();
        let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
        // The key bare or quoted; no string is built per line, as this runs once per
        // problem over every line.
        let quoted = |quote: char| {
            trimmed
                .strip_prefix(quote)?
                .strip_prefix(key)?
                .strip_prefix(quote)
        };
        let rest = trimmed
            .strip_prefix(key)
            .or_else(|| quoted('"'))
            .or_else(|| quoted('\''))?;
        rest.trim_start().starts_with(':').then(|| {
            let column = line[..line.len() - trimmed.len()].chars().count() + 1;
            (n + 1, column)
        })
    })
}

/// The 1-based line and column of `token` standing alone (not inside a longer id) at or
/// after the 1-based line `from`, if any.
pub fn token_position(text: &str, token: &str, from: usize) -> Option<(usize, usize)> {
    let is_id_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(n, line)| {
            line.match_indices(token).find_map(|(at, _)| {
                let before = line[..at].chars().next_back();
                let after = line[at + token.len()..].chars().next();
                let alone = !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char);
                alone.then(|| (n + 1, line[..at].chars().count() + 1))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn unknown_keys_carry_the_allowed_ones_and_a_place() {
        let error = from_str::<Sample>("title: a\nwieght: 2\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        let (key, allowed) = error.unknown_key.clone().unwrap();
        assert_eq!(key, "wieght");
        assert_eq!(allowed, vec!["title", "weight"]);
        let d = error.diagnostic("x.md", "---\ntitle: a\nwieght: 2\n---\n", 2);
        assert_eq!((d.line, d.column), (3, 1));
        assert_eq!(d.hint.as_deref(), Some("did you mean `weight`?"));
    }

    #[test]
    fn messages_leave_out_places_counted_in_the_yaml_alone() {
        let error = from_str::<Value>("title: A\nsummary: [1\n").unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(!error.message.contains("line"), "{}", error.message);
        assert!(error.message.contains("flow sequence"), "{}", error.message);
        assert_eq!(
            without_places("x at line 3 column 1, y at line 2 column 10"),
            "x, y"
        );
        assert_eq!(without_places("at line one"), "at line one");
    }

    #[test]
    fn tab_indentation_gets_a_hint() {
        let text = "---\ntitle: A\ntime:\n\tread: 5\n---\n";
        let error = from_str::<Value>("title: A\ntime:\n\tread: 5\n").unwrap_err();
        let d = error.diagnostic("x.md", text, 2);
        assert_eq!((d.line, d.column), (4, 1));
        assert!(d.hint.as_deref().unwrap_or("").contains("tabs"), "{d:?}");
    }

    #[test]
    fn duplicate_keys_point_at_the_repeat() {
        let yaml = "title: A\nsummary: s\nweight: 1\nweight: 2\n";
        let text = format!("---\n{yaml}---\nweight: 3\n");
        let d = from_str::<Value>(yaml)
            .unwrap_err()
            .diagnostic("x.md", &text, 2);
        assert_eq!((d.line, d.column), (5, 1), "{d:?}");
        assert!(d.hint.unwrap().contains("`weight:`"));

        let yaml = "title: A\ndownloads:\n  - file: a\n    title: x\n    file: b\n";
        let d = from_str::<Value>(yaml)
            .unwrap_err()
            .diagnostic("x.md", yaml, 1);
        assert_eq!((d.line, d.column), (5, 5), "{d:?}");

        let yaml = "title: a\nweight: 1\ntitle: b\n";
        let d = from_str::<Sample>(yaml)
            .unwrap_err()
            .diagnostic("x.md", yaml, 1);
        assert_eq!((d.line, d.column), (3, 1), "{d:?}");

        let yaml = "time:\n  read: 1\nother:\n  read: 2\n  read: 3\n";
        let d = from_str::<Value>(yaml)
            .unwrap_err()
            .diagnostic("x.md", yaml, 1);
        assert_eq!((d.line, d.column), (5, 3), "{d:?}");
    }

    #[test]
    fn top_level_keys_are_found_before_nested_ones() {
        let yaml = "title: A\nextra:\n  weight: x\nweight: 2\n";
        assert_eq!(key_position(yaml, "weight"), Some((3, 3)));
        assert_eq!(top_level_key_position(yaml, "weight"), Some((4, 1)));
        assert_eq!(top_level_key_position("a:\n  b: 1\n", "b"), Some((2, 3)));
    }

    #[test]
    fn missing_keys_get_a_hint() {
        let d = from_str::<Sample>("weight: 1\n")
            .unwrap_err()
            .diagnostic("x.md", "weight: 1\n", 1);
        assert_eq!(d.hint.as_deref(), Some("add `title: …`"));
    }

    #[test]
    fn type_errors_have_a_place() {
        let error = from_str::<Sample>("title: a\nweight: heavy\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        assert!(error.message.contains("invalid type"), "{}", error.message);
    }
}
