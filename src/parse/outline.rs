//! What a page's Markdown says, as the stages after parse see it: its outline (headings,
//! ids, addresses) and its body, ready to be written as HTML by [`super::markdown::html`].

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::diagnostic::Diagnostic;

/// An entry of a page's "on this page" list: an h2 with its h3s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// What a page body says that linking needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    pub toc: Vec<TocEntry>,
    /// Every id a `#fragment` may name: heading ids and ids in raw HTML.
    pub anchor_ids: Vec<String>,
    /// Every link and image address, in the order written.
    pub addresses: Vec<Address>,
    pub problems: Vec<Diagnostic>,
}

/// A link or image address as written in a page, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// The address as Markdown reads it (escapes and entities decoded).
    pub dest: String,
    /// Refused because it would run script; reported already, and published empty.
    pub refused: bool,
    /// Byte range of the address in the file, and its 1-based line and column.
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
}

/// The Markdown of one file.
pub struct MarkdownSource<'a> {
    /// The file as shown in diagnostics, e.g. `content/selecting/rubrics.md`.
    pub file: &'a str,
    /// The whole file's text.
    pub text: &'a str,
    /// Where the body starts in `text`.
    pub body_offset: usize,
}

/// A page body ready to be written as HTML: the file's text, where the body starts, and the
/// address to write for each of its links and images, in the order written (`None` keeps
/// the address as written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub text: Arc<str>,
    pub offset: usize,
    pub hrefs: Vec<Option<String>>,
    /// The HTML, once [`super::markdown::html`] wrote it: a page, the print edition and the search index all
    /// show the body, and it is written once for the three.
    pub written: OnceLock<String>,
}
