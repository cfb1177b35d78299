//! A YAML problem as the parser reports it, and the diagnostic it becomes: the place and the
//! kind of problem come from the parser's structured error, never from its wording.

use std::borrow::Cow;

use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{DefaultMessageFormatter, Error, ExternalMessageSource, MessageFormatter};

use super::place::Place;
use crate::diagnostic::{Code, Diagnostic, did_you_mean};

/// What kind of problem a YAML error is, for its hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A key the type does not have, and the keys it has.
    UnknownKey {
        key: String,
        allowed: Vec<String>,
    },
    MissingKey(String),
    RepeatedKey(String),
    WrongType,
    /// A `:` inside a value that is not quoted, or a key indented more than its map.
    ColonInValue,
    /// A line whose indentation matches no key or list item above it.
    Indentation,
    UnclosedQuote,
    UnclosedBracket(char),
    Tab,
    /// Anything else: the parser's message says it.
    Other,
}

/// A YAML problem with its place in the parsed text (1-based), when the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub place: Option<Place>,
    pub problem: Problem,
}

impl YamlError {
    pub(super) fn new(error: &Error, text: &str) -> YamlError {
        let error = innermost(error);
        let place = error.location().and_then(Place::of);
        let (problem, message) = match error {
            Error::SerdeUnknownField {
                field, expected, ..
            } => (
                Problem::UnknownKey {
                    key: field.clone(),
                    allowed: expected.iter().map(|key| (*key).to_string()).collect(),
                },
                format!("unknown key `{field}`"),
            ),
            Error::SerdeMissingField { field, .. } => (
                Problem::MissingKey((*field).to_string()),
                format!("missing field `{field}`"),
            ),
            Error::DuplicateMappingKey { key, .. } => {
                let key = key.clone().unwrap_or_default();
                let message = format!("duplicate key `{key}`");
                (Problem::RepeatedKey(key), message)
            }
            Error::SerdeInvalidType {
                unexpected,
                expected,
                ..
            } => (
                Problem::WrongType,
                format!("invalid type: {unexpected}, expected {expected}"),
            ),
            Error::InvalidScalar { ty, .. } => {
                let written = place
                    .zip(error.location())
                    .and_then(|(place, location)| {
                        let len = usize::try_from(location.span().byte_len()?).ok()?;
                        text.get(place.offset..place.offset.checked_add(len)?)
                    })
                    .unwrap_or("");
                (
                    Problem::WrongType,
                    format!("invalid type: string {written:?}, expected {ty}"),
                )
            }
            Error::ExternalMessage { source, .. } => match source.as_ref() {
                ExternalMessageSource::Parser(scan) => {
                    (parser_problem(scan.kind()), formatted(error).into_owned())
                }
                _ => (Problem::Other, formatted(error).into_owned()),
            },
            _ => (Problem::Other, formatted(error).into_owned()),
        };
        YamlError {
            message,
            place,
            problem,
        }
    }
}

/// The error an alias or a snippet wraps.
fn innermost(mut error: &Error) -> &Error {
    loop {
        error = match error {
            Error::AliasError { error, .. } => error,
            Error::WithSnippet { error, .. } => error,
            _ => return error,
        };
    }
}

/// The parser's message, without the place it adds when displayed.
fn formatted(error: &Error) -> Cow<'_, str> {
    DefaultMessageFormatter.format_message(error)
}

fn parser_problem(kind: &ErrorKind) -> Problem {
    match kind {
        ErrorKind::MappingValueNotAllowed => Problem::ColonInValue,
        ErrorKind::ExpectedBlockMappingKey
        | ErrorKind::ExpectedBlockSequenceEntry
        | ErrorKind::InvalidIndentation => Problem::Indentation,
        ErrorKind::UnclosedQuotedScalar => Problem::UnclosedQuote,
        ErrorKind::UnclosedFlowCollection { open } => Problem::UnclosedBracket(*open),
        ErrorKind::TabNotAllowed
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabInPlainScalar
        | ErrorKind::TabAtBlockScalarStart => Problem::Tab,
        _ => Problem::Other,
    }
}

impl YamlError {
    /// A diagnostic for this error, in `file` whose YAML starts at `first_line` (1-based)
    /// of `text` (the whole file's text).
    pub fn diagnostic(&self, file: &str, text: &str, first_line: usize) -> Diagnostic {
        let (line, column) = self.place.map_or((first_line, 1), |place| {
            (first_line + place.line - 1, place.column)
        });
        let written = text.lines().nth(line - 1).unwrap_or("");
        let diagnostic = Diagnostic::error(Code::Yaml, self.message.clone())
            .in_file(file)
            .at_line(text, line, column);
        match self.hint(written, column) {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    }

    /// The hint for this error, found on `line` (the line of the file it is at).
    fn hint(&self, line: &str, column: usize) -> Option<String> {
        if indented_with_tab(line) {
            return Some(TABS.to_string());
        }
        Some(match &self.problem {
            Problem::UnknownKey { key, allowed } => {
                match did_you_mean(key, allowed.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if allowed.is_empty() => "remove this key".to_string(),
                    None => format!("allowed keys here: {}", allowed.join(", ")),
                }
            }
            Problem::MissingKey(key) => format!("add `{key}: …`"),
            Problem::RepeatedKey(key) => format!(
                "a key is written once per map; remove or merge one of the `{key}:` lines"
            ),
            Problem::WrongType => "check the value's type: text, a number, a list or a map".into(),
            Problem::ColonInValue => colon_hint(line, column),
            Problem::Indentation => "this line's indentation matches no key above it; indent it as far as the other keys of its map (or the `-` of its list)".into(),
            Problem::UnclosedQuote => "this quote is not closed: end the value with the same quote, on this line".into(),
            Problem::UnclosedBracket(open) => {
                let close = if *open == '{' { '}' } else { ']' };
                format!("close the `{open}` with `{close}`")
            }
            Problem::Tab => TABS.to_string(),
            Problem::Other => return None,
        })
    }
}

const TABS: &str = "YAML does not allow tabs for indentation; use spaces";

/// The hint for a `:` where no key may start, at `column` of `line`: a value holding `: `
/// needs quotes; a key alone on its line is indented too far.
fn colon_hint(line: &str, column: usize) -> String {
    let before: String = line.chars().take(column.saturating_sub(1)).collect();
    match before.split_once(':') {
        Some((key, value)) if !key.trim().is_empty() && !value.trim().is_empty() => {
            let key = key.trim_start().trim_start_matches("- ");
            let value = line[line.find(':').map_or(0, |n| n + 1)..].trim();
            let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
            format!("a value holding `: ` must be in quotes: `{key}: \"{quoted}\"`")
        }
        _ => "this key is indented more than the key above it; indent the keys of one map alike"
            .into(),
    }
}

/// Whether `line` has a tab in its indentation.
fn indented_with_tab(line: &str) -> bool {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .any(|c| c == '\t')
}
