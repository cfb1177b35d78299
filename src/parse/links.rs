//! The addresses of a page's links and images: refused when they would run script, and placed
//! in the file for diagnostics and for the link stage, which resolves them.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{LinkType, Parser};

use crate::diagnostic::{Code, Diagnostic};
use crate::parse::outline::{Address, MarkdownSource};

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

/// What reads one page's addresses.
pub(crate) struct Addresses<'s> {
    lines: LineCursor<'s>,
    source: &'s MarkdownSource<'s>,
    raw_html: bool,
    /// Where the body's `[label]: address` definitions are written, by folded label.
    definitions: HashMap<String, Range<usize>>,
    /// Places of refused addresses already reported: a definition used twice is reported once.
    refused: HashSet<usize>,
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

impl<'s> Addresses<'s> {
    pub fn new(
        source: &'s MarkdownSource<'s>,
        raw_html: bool,
        definitions: HashMap<String, Range<usize>>,
    ) -> Self {
        Addresses {
            lines: LineCursor::new(source.text),
            source,
            raw_html,
            definitions,
            refused: HashSet::new(),
        }
    }

    /// Link or image address `dest`, written at `range` of the file, with its place; a
    /// refused address comes with its problem the first time its place is met.
    pub fn read(
        &mut self,
        link_type: LinkType,
        label: &str,
        dest: &str,
        range: &Range<usize>,
    ) -> (Address, Option<Diagnostic>) {
        if let Some((message, hint)) = crate::address::markdown_problem(dest, self.raw_html) {
            let place = self.refused_place(link_type, label, dest, range);
            let problem = self.refused.insert(place.start).then(|| {
                Diagnostic::error(Code::UnsafeAddress, message)
                    .in_file(self.source.file)
                    .at(self.source.text, place.clone())
                    .with_hint(hint)
            });
            return (self.placed(dest, place, true), problem);
        }
        // Point at the address itself when it is written inside the link's text range.
        let written = &self.source.text[range.clone()];
        let place = written
            .find(dest)
            .filter(|_| !dest.is_empty())
            .map_or(range.clone(), |n| {
                range.start + n..range.start + n + dest.len()
            });
        (self.placed(dest, place, false), None)
    }

    fn placed(&mut self, dest: &str, span: Range<usize>, refused: bool) -> Address {
        let (line, column) = self.lines.at(span.start);
        Address {
            dest: dest.to_string(),
            refused,
            span,
            line,
            column,
        }
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
}
