//! The addresses of a page's links and images: refused when they would run script, rewritten
//! from source paths to output URLs, and placed in the file for diagnostics.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, LinkType, Parser};

use crate::diagnostic::Diagnostic;
use crate::parse::markdown::{
    AnchorLink, ExternalLink, LinkResolution, LinkResolver, MarkdownSource, Rendered,
};

/// Lines and columns of offsets met in increasing order, counted from the last one.
pub(crate) struct LineCursor<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'t> LineCursor<'t> {
    pub fn new(text: &'t str) -> Self {
        LineCursor {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        if offset < self.offset || !self.text.is_char_boundary(offset.min(self.text.len())) {
            return crate::diagnostic::line_column(self.text, offset);
        }
        let offset = offset.min(self.text.len());
        for (i, b) in self.text.as_bytes()[self.offset..offset].iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        (
            self.line,
            self.text[self.line_start..offset].chars().count() + 1,
        )
    }
}

/// What rewrites one page's addresses.
pub(crate) struct Addresses<'s> {
    pub lines: LineCursor<'s>,
    pub source: &'s MarkdownSource<'s>,
    pub resolver: &'s dyn LinkResolver,
    pub raw_html: bool,
    /// Where the body's `[label]: address` definitions are written, by folded label.
    pub definitions: HashMap<String, Range<usize>>,
    /// Places of refused addresses already reported: a definition used twice is reported once.
    pub refused: HashSet<usize>,
}

/// A reference label as Markdown matches it: case and runs of whitespace do not count.
fn fold(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Where each reference definition of a body is written (offsets in the body).
pub(crate) fn definitions(parser: &Parser<'_>) -> HashMap<String, Range<usize>> {
    parser
        .reference_definitions()
        .iter()
        .map(|(label, definition)| (fold(label), definition.span.clone()))
        .collect()
}

impl Addresses<'_> {
    /// The address to write for link or image `dest`, written at `range` of the file.
    pub fn rewrite<'a>(
        &mut self,
        link_type: LinkType,
        label: &str,
        dest: &CowStr<'a>,
        range: &Range<usize>,
        rendered: &mut Rendered,
    ) -> CowStr<'a> {
        if let Some((message, hint)) = crate::address::markdown_problem(dest, self.raw_html) {
            let place = self.refused_place(link_type, label, dest, range);
            if self.refused.insert(place.start) {
                rendered.problems.push(
                    Diagnostic::error("unsafe-address", message)
                        .in_file(self.source.file)
                        .at(self.source.text, place)
                        .with_hint(hint),
                );
            }
            return CowStr::Borrowed("");
        }
        // Point at the address itself when it is written inside the link's text range.
        let written = &self.source.text[range.clone()];
        let place = written
            .find(dest.as_ref())
            .filter(|_| !dest.is_empty())
            .map_or(range.clone(), |n| {
                range.start + n..range.start + n + dest.len()
            });
        self.resolve(dest, place, rendered)
    }

    /// Where a refused address is written: in the link itself, or in its reference definition,
    /// also when entities or escapes spell it.
    fn refused_place(
        &self,
        link_type: LinkType,
        label: &str,
        dest: &str,
        range: &Range<usize>,
    ) -> Range<usize> {
        let by_reference = matches!(
            link_type,
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
        );
        let definition = by_reference
            .then(|| self.definitions.get(&fold(label)))
            .flatten()
            .map(|d| self.source.body_offset + d.start..self.source.body_offset + d.end);
        let range = definition.unwrap_or_else(|| range.clone());
        let written = &self.source.text[range.clone()];
        if let Some(n) = written.find(dest).filter(|_| !dest.is_empty()) {
            return range.start + n..range.start + n + dest.len();
        }
        // Written with entities or escapes: the address starts after `](` or `]:`.
        let start = written.find("](").or_else(|| written.find("]:")).map(|n| {
            let after = &written[n + 2..];
            n + 2 + (after.len() - after.trim_start_matches([' ', '\t', '<']).len())
        });
        match start {
            Some(n) => {
                let len = written[n..]
                    .find([' ', ')', '>', '\n'])
                    .unwrap_or(written.len() - n);
                range.start + n..range.start + n + len.max(1)
            }
            None => range,
        }
    }

    fn resolve<'a>(
        &mut self,
        dest: &CowStr<'a>,
        place: Range<usize>,
        rendered: &mut Rendered,
    ) -> CowStr<'a> {
        match self.resolver.resolve(dest) {
            LinkResolution::Unchanged => {
                if dest.starts_with("http://") || dest.starts_with("https://") {
                    let (line, column) = self.lines.at(place.start);
                    rendered.external.push(ExternalLink {
                        url: dest.to_string(),
                        span: place,
                        line,
                        column,
                    });
                }
                dest.clone()
            }
            LinkResolution::Rewritten { href, anchor } => {
                if let Some(anchor) = anchor {
                    let (line, column) = self.lines.at(place.start);
                    rendered.anchors.push(AnchorLink {
                        check: anchor,
                        span: place,
                        line,
                        column,
                    });
                }
                href.into()
            }
            LinkResolution::Broken { message, hint } => {
                rendered.problems.push(
                    Diagnostic::error("broken-link", message)
                        .in_file(self.source.file)
                        .at(self.source.text, place)
                        .with_hint(hint),
                );
                dest.clone()
            }
        }
    }
}
