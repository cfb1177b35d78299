//! Problems found in a guide: collected by every stage, reported together at the end.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

use crate::terminal::{VisibleSource, visible};

mod code;

pub use code::Code;

/// How bad a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem, at a place in a file of the guide when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable name of the kind of problem, e.g. `broken-link`.
    pub code: Code,
    /// Path of the file, relative to the guide folder where possible.
    pub file: Option<PathBuf>,
    /// 1-based line and column (0 when the problem has no place in the file).
    pub line: usize,
    pub column: usize,
    /// Byte range in the file's text, for the source snippet.
    pub span: Option<Range<usize>>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with no place in a file.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: None,
            line: 0,
            column: 0,
            span: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning with no place in a file.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Names the file the problem is in.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Places the problem at a byte range of the file's text.
    pub fn at(mut self, text: &str, span: Range<usize>) -> Self {
        let (line, column) = line_column(text, span.start);
        self.line = line;
        self.column = column;
        self.span = Some(span);
        self
    }

    /// Places the problem where it was already located: line, column and byte range.
    pub fn placed(mut self, line: usize, column: usize, span: Range<usize>) -> Self {
        self.line = line;
        self.column = column;
        self.span = Some(span);
        self
    }

    /// Places the problem at a 1-based line and column of the file's text.
    pub fn at_line(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        let start = offset_of(text, line, column);
        let end = text[start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |n| start + n);
        self.span = Some(start..end.max(start));
        self
    }

    /// Places the problem at a 1-based line and column whose byte offset in the file's text
    /// is already known, without counting the lines before it.
    pub fn at_offset(self, text: &str, line: usize, column: usize, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let end = text[offset..]
            .find(['\n', '\r'])
            .map_or(text.len(), |n| offset + n);
        self.placed(line, column, offset..end)
    }

    /// Narrows the snippet to `len` bytes from where the problem is placed.
    pub fn spanning(mut self, len: usize) -> Self {
        if let Some(span) = self.span.as_mut() {
            span.end = span.end.min(span.start + len.max(1));
        }
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, or as much of it as is known.
    pub fn location(&self) -> String {
        match (&self.file, self.line) {
            (Some(file), 0) => file.display().to_string(),
            (Some(file), line) => format!("{}:{}:{}", file.display(), line, self.column),
            (None, _) => String::new(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Shown, not obeyed, on a terminal: the message may quote a file's control characters.
        let location = self.location();
        let message = visible(&self.message);
        if location.is_empty() {
            write!(f, "{}: {message}", self.severity)?;
        } else {
            write!(f, "{}: {}: {message}", visible(&location), self.severity)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {})", visible(hint))?;
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Byte offset of a 1-based line and column (in characters), clamped to the text.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    // One pass over the bytes: this runs once per problem, and a file can have thousands.
    let start = match line.saturating_sub(1) {
        0 => 0,
        before => match text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(before - 1)
        {
            Some((n, _)) => n + 1,
            None => return text.len(),
        },
    };
    let line_text = &text[start..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    let within = line_text[..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_end, |(i, _)| i);
    start + within
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The texts of the files diagnostics point into, for their source snippets.
#[derive(Debug, Clone, Default)]
pub struct SourceTexts {
    texts: BTreeMap<PathBuf, Arc<str>>,
}

impl SourceTexts {
    pub fn insert(&mut self, path: impl Into<PathBuf>, text: Arc<str>) {
        self.texts.insert(path.into(), text);
    }

    pub fn get(&self, path: &Path) -> Option<&Arc<str>> {
        self.texts.get(path)
    }

    pub fn extend(&mut self, other: SourceTexts) {
        self.texts.extend(other.texts);
    }
}

/// What the stages of a run found: every problem, and the texts of the files they point
/// into. Each stage adds to the run's one report rather than returning its own, so a run
/// reports every problem of every stage at once, and a problem's file is always there to
/// quote.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub problems: Vec<Diagnostic>,
    pub texts: SourceTexts,
}

impl Report {
    pub fn push(&mut self, problem: Diagnostic) {
        self.problems.push(problem);
    }

    /// Keeps the text of the file shown as `path`, for the problems that quote it.
    pub fn keep_text(&mut self, path: impl Into<PathBuf>, text: Arc<str>) {
        self.texts.insert(path, text);
    }

    /// Whether a problem so far fails the run.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }

    /// The problems in the order they are shown: by file and place.
    pub fn sorted(mut self) -> Self {
        sort(&mut self.problems);
        self
    }

    /// Prints the problems to standard error (see [`report`]).
    pub fn print(&self) {
        report(&self.problems, &self.texts);
    }
}

impl Extend<Diagnostic> for Report {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, problems: I) {
        self.problems.extend(problems);
    }
}

/// Sorts diagnostics by file and place, errors of a place before its warnings.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
}

/// Renders diagnostics with source snippets, as a person reads them in a terminal; control
/// characters of the files, their names and the messages are shown as visible stand-ins,
/// one character for one, so that columns and carets stay where they were.
pub fn render(diagnostics: &[Diagnostic], sources: &SourceTexts, color: bool) -> String {
    let mut files = SimpleFiles::new();
    let mut ids = BTreeMap::new();
    let config = term::Config::default();
    let mut out = String::new();
    let mut budget = SNIPPET_BUDGET;
    for diagnostic in diagnostics {
        let mut report = match diagnostic.severity {
            Severity::Error => Snippet::error(),
            Severity::Warning => Snippet::warning(),
        }
        .with_code(diagnostic.code.as_str())
        .with_message(visible(&diagnostic.message));
        let snippet = diagnostic.file.as_ref().and_then(|file| {
            let text = sources.get(file)?;
            let span = clamp(text, diagnostic.span.clone()?);
            budget = budget.checked_sub(lines_len(text, &span))?;
            let (id, source) = ids.entry(file.clone()).or_insert_with(|| {
                let source = VisibleSource::new(text);
                let name = visible(&file.display().to_string()).into_owned();
                (files.add(name, source.text.to_string()), source)
            });
            Some((*id, source.offset(span.start)..source.offset(span.end)))
        });
        match snippet {
            Some((id, span)) => report = report.with_labels(vec![Label::primary(id, span)]),
            None => {
                let location = diagnostic.location();
                if !location.is_empty() {
                    report = report.with_notes(vec![format!("in {}", visible(&location))]);
                }
            }
        }
        if let Some(hint) = &diagnostic.hint {
            report.notes.push(format!("hint: {}", visible(hint)));
        }
        let rendered = if color {
            let mut buffer = Vec::new();
            let styles = term::Styles::default();
            let mut writer =
                term::StylesWriter::new(term::termcolor::Ansi::new(&mut buffer), &styles);
            term::emit_to_write_style(&mut writer, &config, &files, &report)
                .map(|()| String::from_utf8_lossy(&buffer).into_owned())
        } else {
            term::emit_into_string(&config, &files, &report)
        };
        match rendered {
            Ok(text) => out.push_str(&text),
            Err(_) => {
                out.push_str(&diagnostic.to_string());
                out.push('\n');
            }
        }
    }
    out
}

/// How many bytes of source lines the snippets of one report show in all. Each snippet
/// prints its whole lines, so thousands of problems on one long line would print that line
/// thousands of times; past the budget, problems are reported without their snippet.
const SNIPPET_BUDGET: usize = 1 << 18;

/// The length of the lines a span touches, as a snippet prints them.
fn lines_len(text: &str, span: &Range<usize>) -> usize {
    let start = text[..span.start].rfind('\n').map_or(0, |n| n + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |n| span.end + n);
    end - start
}

/// Keeps a span inside the text and on character boundaries, as the renderer needs.
fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    start..end
}

/// One line counting errors and warnings, e.g. `2 errors, 1 warning`.
pub fn count_line(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    match (errors, warnings) {
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// The nearest of `candidates` to `wrong`, when one is near enough to be a likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(wrong, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        // Of equally near candidates the first by name, whatever order they come in (often
        // a HashMap's), so every run suggests the same.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// Prints problems to standard error, in colour on a terminal unless `NO_COLOR` is set.
pub fn report(problems: &[Diagnostic], texts: &SourceTexts) {
    use std::io::IsTerminal;
    if problems.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", render(problems, texts, color));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a\nbé c\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (2, 1));
        assert_eq!(line_column(text, 5), (2, 3));
        assert_eq!(offset_of(text, 2, 3), 5);
    }

    #[test]
    fn suggests_near_names_only() {
        let keys = ["competencies", "resources", "summary"];
        assert_eq!(did_you_mean("competences", keys), Some("competencies"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn snippets_stop_past_their_budget() {
        let text: Arc<str> = Arc::from(format!("{}\nshort\n", "x".repeat(SNIPPET_BUDGET + 1)));
        let mut sources = SourceTexts::default();
        sources.insert("a.md", text.clone());
        let long = Diagnostic::error(Code::Io, "m")
            .in_file("a.md")
            .at(&text, 0..1);
        let short = Diagnostic::error(Code::Io, "m")
            .in_file("a.md")
            .at_line(&text, 2, 1);
        let out = render(&[long, short], &sources, false);
        assert!(!out.contains("xxx"));
        assert!(out.contains("in a.md:1:1"));
        assert!(out.contains("2 │ short"), "{out}");
    }

    #[test]
    fn ties_are_broken_by_name() {
        assert_eq!(
            did_you_mean("note.md", ["nose.md", "node.md"]),
            Some("node.md")
        );
        assert_eq!(
            did_you_mean("note.md", ["node.md", "nose.md"]),
            Some("node.md")
        );
    }

    #[test]
    fn counts_read_naturally() {
        let e = Diagnostic::error(Code::Io, "m");
        let w = Diagnostic::warning(Code::Io, "m");
        assert_eq!(count_line(std::slice::from_ref(&e)), "1 error");
        assert_eq!(count_line(&[e.clone(), e, w]), "2 errors, 1 warning");
    }
}
