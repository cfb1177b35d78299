//! The one place that knows which YAML crate we use, so a swap stays a one-file change.

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, did_you_mean};

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
        }
        let diagnostic = Diagnostic::error("yaml", message).in_file(file);
        let diagnostic = match self.line {
            Some(line) => diagnostic.at_line(text, first_line + line - 1, self.column.max(1)),
            None => diagnostic.at_line(text, first_line, 1),
        };
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    }
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

/// The 1-based line and column of the first `key:` in block-style YAML text, if any.
pub fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(n, line)| {
        let trimmed = line.trim_start();
        let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
        let rest = trimmed
            .strip_prefix(key)
            .or_else(|| trimmed.strip_prefix(&format!("\"{key}\"")))
            .or_else(|| trimmed.strip_prefix(&format!("'{key}'")))?;
        rest.trim_start().starts_with(':').then(|| {
            let column = line[..line.len() - trimmed.len()].chars().count() + 1;
            (n + 1, column)
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
    fn type_errors_have_a_place() {
        let error = from_str::<Sample>("title: a\nweight: heavy\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        assert!(error.message.contains("invalid type"), "{}", error.message);
    }
}
