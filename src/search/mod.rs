//! The search index: every page of the guide, in reading order, as a compact inverted index
//! that the default theme's `search.js` queries in the browser.
//!
//! The index is a script, `search/index.js`, that assigns one global
//! (`window.guidewrightSearch`), so it loads from `file://` as well as over HTTP (no `fetch`).
//! It holds, per page, what a result shows — title, URL, section, competencies, the summary
//! (or a short excerpt when there is none) and the headings with their ids — and, per word,
//! the pages it is in and in which fields (title, heading, summary, body). Body text itself is
//! not stored, which keeps the index a fraction of the guide's Markdown. See
//! [`encode`] for the format of the terms and docs/decisions.md for the choices.

pub mod encode;
#[cfg(any(test, feature = "search-reference"))]
pub mod query;
mod script;
pub mod text;

use std::collections::HashMap;

use ahash::AHashMap;
use rayon::prelude::*;
use serde::Serialize;

use crate::guide::{Guide, PageKind};
use encode::{BODY, HEADING, SUMMARY, TITLE};

/// Where the search page is published, site-relative.
pub const PAGE_URL: &str = crate::generated::SEARCH_URL;
/// Where the index script is published, site-relative.
pub const INDEX_URL: &str = crate::generated::SEARCH_INDEX_URL;
/// The global the index script assigns.
pub const GLOBAL: &str = "guidewrightSearch";
/// The version of the index format; `search-core.js` checks it. 2: the index carries the
/// constants the script reads it with.
pub const VERSION: u32 = 2;
/// How long an excerpt of a page without a summary is, in characters.
pub const EXCERPT: usize = 160;

/// A top-level section, as a filter of the search page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionEntry {
    /// The section's URL segment (`training`), as written in `?section=`.
    pub value: String,
    pub title: String,
}

/// A competency some page develops, as a filter of the search page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompetencyEntry {
    pub id: String,
    pub name: String,
    /// Index into the frameworks.
    pub framework: usize,
}

/// A page as the index holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// Site-relative URL, e.g. `training/coaching-adults/index.html`.
    pub url: String,
    /// Index into the sections, if the page is in one.
    pub section: Option<usize>,
    /// Indices into the competencies.
    pub competencies: Vec<usize>,
    /// The summary, or the start of the body.
    pub text: String,
    pub headings: Vec<text::Heading>,
}

/// The whole index, before it is encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    /// Words the index leaves out (and a query drops).
    pub stop_words: Vec<String>,
    pub sections: Vec<SectionEntry>,
    pub frameworks: Vec<String>,
    pub competencies: Vec<CompetencyEntry>,
    /// Pages in reading order: a page's number is its place here.
    pub pages: Vec<Document>,
    /// Each word with the pages it is in (ascending) and the fields it is in there, the words
    /// in the order JavaScript sorts strings.
    pub terms: Vec<(String, Vec<(u32, u8)>)>,
}

/// The stop words for a guide's language (English only, for now).
pub fn stop_words(language: &str) -> &'static [&'static str] {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    if primary.eq_ignore_ascii_case("en") {
        text::STOP_WORDS_EN
    } else {
        &[]
    }
}

/// The words of one page, each with the fields it is in, and the page as the index keeps it.
fn read_page(guide: &Guide, index: usize, stop: &[&str]) -> (Document, AHashMap<String, u8>) {
    let page = &guide.pages[index];
    let body = text::body_text(crate::parse::markdown::html(
        &page.body,
        &guide.config.markdown,
    ));
    // Stop words are in the map from the start with no field, so each word of the text is
    // one lookup; they are dropped at the end.
    let mut fields: AHashMap<String, u8> = AHashMap::with_capacity(512 + stop.len());
    fields.extend(stop.iter().map(|w| (w.to_string(), 0)));
    let mut add = |source: &str, field: u8| {
        text::each_word(source, |word| match fields.get_mut(word) {
            Some(0) => {}
            Some(f) => *f |= field,
            None => {
                fields.insert(word.to_string(), field);
            }
        });
    };
    add(&page.front.title, TITLE);
    if let Some(summary) = &page.front.summary {
        add(summary, SUMMARY);
    }
    for heading in &body.headings {
        add(&heading.title, HEADING);
    }
    add(&body.body, BODY);
    fields.retain(|_, field| *field != 0);
    let text = match &page.front.summary {
        Some(summary) => text::collapse(summary),
        None => text::excerpt(&body.body, EXCERPT),
    };
    let document = Document {
        title: page.front.title.clone(),
        url: page.url.clone(),
        section: None,
        competencies: Vec::new(),
        text,
        headings: body.headings,
    };
    (document, fields)
}

/// The top-level section a page is in: the home page's child on the way to it, if a section.
fn top_section(guide: &Guide, page: usize) -> Option<usize> {
    guide
        .top_level(page)
        .filter(|&top| guide.pages[top].kind == PageKind::Section)
}

/// The URL segment of a top-level section: `training/index.html` → `training`.
fn section_value(url: &str) -> String {
    url.strip_suffix("index.html")
        .unwrap_or(url)
        .trim_end_matches('/')
        .to_string()
}

impl Index {
    /// Builds the index of every page of the guide, in reading order.
    pub fn build(guide: &Guide) -> Index {
        let stop = stop_words(&guide.config.language);
        let read: Vec<(Document, AHashMap<String, u8>)> = guide
            .order
            .par_iter()
            .map(|&p| read_page(guide, p, stop))
            .collect();
        let tops = top_sections(guide);
        let developed = Developed::of(guide);
        let mut words: AHashMap<String, Vec<(u32, u8)>> = AHashMap::new();
        let mut pages = Vec::with_capacity(read.len());
        for (number, (&p, (mut document, fields))) in guide.order.iter().zip(read).enumerate() {
            document.section =
                top_section(guide, p).and_then(|t| tops.iter().position(|&x| x == t));
            document.competencies = guide.pages[p]
                .competencies
                .iter()
                .filter_map(|c| developed.entry_of.get(c).copied())
                .collect();
            document.competencies.dedup();
            for (word, field) in fields {
                words.entry(word).or_default().push((number as u32, field));
            }
            pages.push(document);
        }
        let mut terms: Vec<(String, Vec<(u32, u8)>)> = words.into_iter().collect();
        terms.sort_by(|a, b| encode::utf16_cmp(&a.0, &b.0));
        Index {
            stop_words: stop.iter().map(|w| w.to_string()).collect(),
            sections: tops.iter().map(|&t| section_entry(guide, t)).collect(),
            frameworks: developed.frameworks,
            competencies: developed.competencies,
            pages,
            terms,
        }
    }
}

/// The home page's children that are sections, in order: the search page's section filter.
fn top_sections(guide: &Guide) -> Vec<usize> {
    let children = guide.pages.first().map(|home| home.children.as_slice());
    children
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|&c| guide.pages[c].kind == PageKind::Section)
        .collect()
}

fn section_entry(guide: &Guide, section: usize) -> SectionEntry {
    SectionEntry {
        value: section_value(&guide.pages[section].url),
        title: guide.pages[section].front.title.clone(),
    }
}

/// The competencies some page develops, in the catalog's order, and their frameworks.
struct Developed {
    frameworks: Vec<String>,
    competencies: Vec<CompetencyEntry>,
    /// A catalog competency's number → its place in `competencies`.
    entry_of: HashMap<usize, usize>,
}

impl Developed {
    fn of(guide: &Guide) -> Developed {
        let catalog = &guide.catalog;
        let mut developed = Developed {
            frameworks: Vec::new(),
            competencies: Vec::new(),
            entry_of: HashMap::new(),
        };
        let mut framework_of: HashMap<usize, usize> = HashMap::new();
        for (c, competency) in catalog.competencies.iter().enumerate() {
            if guide.developed_by.get(c).is_none_or(Vec::is_empty) {
                continue;
            }
            let framework = *framework_of.entry(competency.framework).or_insert_with(|| {
                let title = catalog.frameworks[competency.framework].title.clone();
                developed.frameworks.push(title);
                developed.frameworks.len() - 1
            });
            developed.entry_of.insert(c, developed.competencies.len());
            developed.competencies.push(CompetencyEntry {
                id: competency.id.clone(),
                name: competency.name.clone(),
                framework,
            });
        }
        developed
    }
}

/// The id `search.js` gives a heading stored by its title alone: for ASCII titles only,
/// lowercase, spaces to hyphens, anything but letters, digits, `-` and `_` dropped (what
/// guidewright gives most headings). `None` for other titles, whose ids are always stored.
pub fn derived_id(title: &str) -> Option<String> {
    title.is_ascii().then(|| {
        title
            .to_ascii_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect()
    })
}

/// The search index script of the guide.
pub fn script(guide: &Guide) -> String {
    Index::build(guide).to_script()
}

/// What `search.html` receives as `search`: where the index is and the filters' choices.
#[derive(Debug, Serialize)]
pub struct PageView {
    pub url: &'static str,
    pub index: &'static str,
    pub sections: Vec<SectionEntry>,
    pub frameworks: Vec<FrameworkFilter>,
}

/// A framework and the competencies of it that pages develop.
#[derive(Debug, Serialize)]
pub struct FrameworkFilter {
    pub title: String,
    pub competencies: Vec<CompetencyFilter>,
}

#[derive(Debug, Serialize)]
pub struct CompetencyFilter {
    pub id: String,
    pub name: String,
}

/// What every template receives as `search` when search is enabled.
#[derive(Debug, Serialize)]
pub struct Links {
    pub url: &'static str,
    pub index: &'static str,
}

/// `search` for every template: the search page's and the index's URLs, or none when search
/// is disabled.
pub fn links(guide: &Guide) -> Option<Links> {
    guide.config.search.enabled.then_some(Links {
        url: PAGE_URL,
        index: INDEX_URL,
    })
}

/// The search page's variables.
pub fn page_view(guide: &Guide) -> PageView {
    let developed = Developed::of(guide);
    let mut frameworks: Vec<FrameworkFilter> = developed
        .frameworks
        .into_iter()
        .map(|title| FrameworkFilter {
            title,
            competencies: Vec::new(),
        })
        .collect();
    for competency in developed.competencies {
        frameworks[competency.framework]
            .competencies
            .push(CompetencyFilter {
                id: competency.id,
                name: competency.name,
            });
    }
    PageView {
        url: PAGE_URL,
        index: INDEX_URL,
        sections: top_sections(guide)
            .into_iter()
            .map(|t| section_entry(guide, t))
            .collect(),
        frameworks,
    }
}

#[cfg(test)]
mod tests;
