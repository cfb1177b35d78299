//! Walks `content/` and reads its sources: the Markdown files and the files published
//! beside them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Report};
use crate::fs;

/// The content folder's name, in the guide folder.
pub const CONTENT_DIR: &str = "content";
/// Data files at the top of `content/`, read by the catalog rather than published.
pub const DATA_FILES: &[&str] = &["competencies.yaml", "resources.yaml"];

/// What a Markdown file is, by its name and place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// `content/_index.md`.
    Home,
    /// `_index.md` of a folder.
    Section,
    /// `name.md`.
    Page,
    /// `name/index.md`: a page whose folder's other files are published with it.
    Bundle,
}

/// A Markdown file of the guide.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path inside `content/`, `/`-separated, e.g. `selecting/rubrics.md`.
    pub path: String,
    /// The text, with a byte-order mark removed and CRLF line endings made LF.
    pub text: Arc<str>,
    pub kind: SourceKind,
}

impl Source {
    /// The path as shown to people, e.g. `content/selecting/rubrics.md`.
    pub fn shown(&self) -> String {
        shown(&self.path)
    }

    /// The folder the source lives in, `/`-separated, `""` at the top.
    pub fn dir(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

/// The path of a content file as shown to people.
pub fn shown(path: &str) -> String {
    format!("{CONTENT_DIR}/{path}")
}

/// A file of `content/` that is published as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path inside `content/`, `/`-separated.
    pub path: String,
    /// Where to read it.
    pub file: PathBuf,
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    pub sources: Vec<Source>,
    pub assets: Vec<Asset>,
}

pub use crate::fs::normalize;
pub use crate::walk::is_ignored;

/// Reads `content/` under the guide folder `root`; the problems, and the texts of the pages
/// they may point into (with bad bytes replaced, for a file that is not UTF-8), go to `report`.
pub fn load(root: &Path, report: &mut Report) -> Content {
    let content_dir = root.join(CONTENT_DIR);
    let mut content = Content::default();
    if !content_dir.is_dir() {
        report.push(
            Diagnostic::error(
                Code::NoContent,
                format!("no {CONTENT_DIR}/ folder in {}", root.display()),
            )
            .with_hint("put the guide's Markdown in content/, starting with content/_index.md"),
        );
        return content;
    }
    let mut markdown = Vec::new();
    for found in crate::walk::files(root, &content_dir, &mut report.problems) {
        let path = found.relative;
        if path.ends_with(".md") {
            markdown.push((path, found.file));
        } else if !DATA_FILES.contains(&path.as_str()) {
            content.assets.push(Asset {
                path,
                file: found.file,
            });
        }
    }

    type Unreadable = (Diagnostic, Option<(String, Arc<str>)>);
    let read: Vec<Result<Source, Unreadable>> = markdown
        .par_iter()
        .map(|(path, file)| {
            let text = fs::read_text(file).map_err(|e| {
                let lossy = match &e.kind {
                    fs::FsErrorKind::NotUtf8 { lossy, .. } => {
                        Some((shown(path), Arc::from(lossy.as_str())))
                    }
                    _ => None,
                };
                (e.diagnostic(shown(path)), lossy)
            })?;
            Ok(Source {
                kind: kind_of(path),
                text: normalize(text).into(),
                path: path.clone(),
            })
        })
        .collect();
    for result in read {
        match result {
            Ok(source) => content.sources.push(source),
            Err((problem, lossy)) => {
                report.push(problem);
                if let Some((shown, text)) = lossy {
                    report.keep_text(shown, text);
                }
            }
        }
    }
    check_bundles(&mut content, report);
    for source in &content.sources {
        report.keep_text(source.shown(), source.text.clone());
    }
    content
}

fn kind_of(path: &str) -> SourceKind {
    match path.rsplit_once('/') {
        None if path == "_index.md" => SourceKind::Home,
        None => SourceKind::Page,
        Some((_, "_index.md")) => SourceKind::Section,
        Some((_, "index.md")) => SourceKind::Bundle,
        Some(_) => SourceKind::Page,
    }
}

/// A page bundle holds its page and files, not other pages or sections.
fn check_bundles(content: &mut Content, report: &mut Report) {
    let bundles: std::collections::HashSet<String> = content
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::Bundle)
        .map(|s| s.dir().to_string())
        .collect();
    if bundles.is_empty() {
        return;
    }
    let mut problems = Vec::new();
    content.sources.retain(|source| {
        // The outermost bundle among the folders above this file's own folder; a set lookup
        // per level, so checking every file stays linear in the number of files.
        let dir = source.dir();
        let inside = dir
            .match_indices('/')
            .map(|(at, _)| &dir[..at])
            .find(|above| bundles.contains(*above));
        let beside_index = source.kind == SourceKind::Section && bundles.contains(dir);
        let other_page = source.kind == SourceKind::Page && bundles.contains(dir);
        let problem = match (inside, beside_index, other_page) {
            (Some(dir), _, _) => Some(format!("{} is inside the page bundle {}/", source.shown(), shown(dir))),
            (_, true, _) => Some(format!("{}/ has both index.md and _index.md", shown(source.dir()))),
            (_, _, true) => Some(format!("{} is a page inside the page bundle {}/", source.shown(), shown(source.dir()))),
            _ => None,
        };
        match problem {
            Some(message) => {
                problems.push(
                    Diagnostic::error(Code::Bundle, message)
                        .in_file(source.shown())
                        .with_hint("a folder with index.md is one page with its files; use _index.md to make the folder a section of pages"),
                );
                false
            }
            None => true,
        }
    });
    report.extend(problems);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_names() {
        assert_eq!(kind_of("_index.md"), SourceKind::Home);
        assert_eq!(kind_of("a/_index.md"), SourceKind::Section);
        assert_eq!(kind_of("a/b/index.md"), SourceKind::Bundle);
        assert_eq!(kind_of("a/b.md"), SourceKind::Page);
        assert_eq!(kind_of("index.md"), SourceKind::Page);
    }

    #[test]
    fn normalizes_bom_and_crlf() {
        assert_eq!(
            normalize("\u{feff}---\r\ntitle: a\r\n".into()),
            "---\ntitle: a\n"
        );
    }
}
