//! The parse stage: each loaded source becomes a [`ParsedPage`], its front matter and the
//! outline of its Markdown that linking needs. The HTML of a body is written later, by the
//! render stage, with [`markdown::write_html`].

pub mod front_matter;
pub mod heading;
pub mod links;
pub mod markdown;
pub mod outline;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Report};
use crate::load::{Asset, Content, Source};
use front_matter::FrontMatter;
use markdown::{MarkdownSource, Outline};

/// A source with what it says: its front matter and the outline of its body.
#[derive(Debug, Clone)]
pub struct ParsedPage {
    pub source: Source,
    pub front: FrontMatter,
    /// Where the body starts in the source's text.
    pub body_offset: usize,
    pub outline: Outline,
}

/// The parsed content: its pages and the files published beside them.
#[derive(Debug, Default)]
pub struct Parsed {
    pub pages: Vec<ParsedPage>,
    pub assets: Vec<Asset>,
}

/// Parses every source of the loaded content; the problems go to `report`.
pub fn parse(content: Content, config: &Config, report: &mut Report) -> Parsed {
    let parsed: Vec<(ParsedPage, Vec<Diagnostic>)> = content
        .sources
        .into_par_iter()
        .map(|source| page(source, config))
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for (page, found) in parsed {
        report.extend(found);
        pages.push(page);
    }
    Parsed {
        pages,
        assets: content.assets,
    }
}

/// Parses one source: its front matter (a title from its file name when that cannot be
/// read) and its body, with the problems of both.
pub fn page(source: Source, config: &Config) -> (ParsedPage, Vec<Diagnostic>) {
    let shown = source.shown();
    let split = front_matter::split(&shown, &source.text);
    let body_offset = split
        .as_ref()
        .map_or(source.text.len(), |split| split.body_offset);
    let (front, mut problems) = match split {
        Ok(split) => match front_matter::parse(&shown, &source.text, &split, config) {
            Ok(front) => (front, Vec::new()),
            Err(problems) => (fallback(&source), problems),
        },
        Err(problem) => (fallback(&source), vec![problem]),
    };
    let mut outline = outline(&source, body_offset, config);
    problems.append(&mut outline.problems);
    let page = ParsedPage {
        source,
        front,
        body_offset,
        outline,
    };
    (page, problems)
}

/// The outline of a source's body, which starts at `body_offset` of its text.
pub fn outline(source: &Source, body_offset: usize, config: &Config) -> Outline {
    let shown = source.shown();
    let markdown = MarkdownSource {
        file: &shown,
        text: &source.text,
        body_offset,
    };
    markdown::outline(&markdown, &config.markdown)
}

/// The front matter of a page whose own could not be read: a title from its file name.
fn fallback(source: &Source) -> FrontMatter {
    FrontMatter {
        title: crate::title::from_path(&source.path),
        ..FrontMatter::default()
    }
}
