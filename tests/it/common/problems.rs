//! Reading the problems of a failed build and the pages of a built one, for tests that check
//! where each problem is placed and what each page holds.

use std::path::Path;

use guidewright::build::Failed;
use guidewright::diagnostic::Diagnostic;

/// The problems of a failed build with `code`, as (file, line, column).
pub fn places(failed: &Failed, code: &str) -> Vec<(String, usize, usize)> {
    failed
        .report
        .problems
        .iter()
        .filter(|p| p.code.as_str() == code)
        .map(|p| {
            let file = p.file.as_deref().map(Path::display);
            (
                file.map(|f| f.to_string()).unwrap_or_default(),
                p.line,
                p.column,
            )
        })
        .collect()
}

/// The problem at `line` of `file`, with its hint checked.
#[track_caller]
pub fn problem_at(failed: &Failed, file: &str, line: usize, hint: &str) -> Diagnostic {
    let found = failed
        .report
        .problems
        .iter()
        .find(|p| p.line == line && p.file.as_deref() == Some(Path::new(file)))
        .unwrap_or_else(|| panic!("no problem at {file}:{line}: {:?}", failed.report.problems))
        .clone();
    let shown = found.hint.as_deref().unwrap_or("");
    assert!(
        shown.contains(hint),
        "hint of {found:?} should contain {hint:?}"
    );
    found
}

/// Every HTML file of the built site, with its text.
pub fn pages(public: &Path) -> Vec<(String, String)> {
    super::html_files(public)
        .into_iter()
        .map(|path| {
            let shown = path.strip_prefix(public).unwrap().display().to_string();
            (shown, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}
