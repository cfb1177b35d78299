//! The index as the script `search/index.js`: one global assigned a JSON object of short
//! arrays, with the constants `theme/search-core.js` needs to read it, so the script repeats
//! none of them.

use serde::Serialize;

use super::encode::{self, BODY, HEADING, SUMMARY, TITLE};
use super::{Document, GLOBAL, Index, VERSION, derived_id, text};

impl Index {
    /// The index as the script `search/index.js`.
    pub fn to_script(&self) -> String {
        let terms = encode::terms(self.terms.iter().map(|(t, p)| (t.as_str(), p.as_slice())));
        let file = IndexFile {
            version: VERSION,
            digits: encode::DIGITS,
            terminal: encode::TERMINAL,
            fields: Fields {
                title: TITLE,
                heading: HEADING,
                summary: SUMMARY,
                body: BODY,
            },
            weights: encode::WEIGHTS,
            folds: text::FOLDS,
            max_word: text::MAX_WORD,
            stop: self.stop_words.join(" "),
            sections: self
                .sections
                .iter()
                .map(|s| (s.value.as_str(), s.title.as_str()))
                .collect(),
            frameworks: &self.frameworks,
            competencies: self
                .competencies
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str(), c.framework))
                .collect(),
            pages: self.pages.iter().map(PageRecord::new).collect(),
            terms,
        };
        let json = serde_json::to_string(&file).unwrap_or_else(|_| "null".into());
        format!(
            "/* The search index of this guide, written by guidewright; read by theme/search.js. */\nwindow.{GLOBAL}={json};\n"
        )
    }
}

/// The index file's JSON: short arrays instead of objects, to stay small.
#[derive(Serialize)]
struct IndexFile<'a> {
    version: u32,
    /// [`encode::DIGITS`], terminal ones first.
    digits: &'static str,
    /// How many of the digits end a number.
    terminal: u32,
    /// The field bits of a posting; `body` is what a posting without its own bits means.
    fields: Fields,
    /// `[field bit, weight]`, best field first.
    weights: &'static [(u8, u32)],
    /// `[letter, spelled]`: the letters folding spells out ([`text::FOLDS`]).
    folds: &'static [(char, &'static str)],
    /// The longest word the index keeps, in characters.
    max_word: usize,
    /// The stop words, separated by spaces.
    stop: String,
    /// `[value, title]`.
    sections: Vec<(&'a str, &'a str)>,
    frameworks: &'a [String],
    /// `[id, name, framework]`.
    competencies: Vec<(&'a str, &'a str, usize)>,
    pages: Vec<PageRecord<'a>>,
    terms: String,
}

#[derive(Serialize)]
struct Fields {
    title: u8,
    heading: u8,
    summary: u8,
    body: u8,
}

/// `[title, url, section, competencies, text, headings]`: `url` without a final `index.html`,
/// `section` -1 for none; a heading is its title when its id is [`derived_id`] of the title,
/// else `[title, id]`.
#[derive(Serialize)]
struct PageRecord<'a>(
    &'a str,
    &'a str,
    i64,
    &'a [usize],
    &'a str,
    Vec<HeadingRecord<'a>>,
);

#[derive(Serialize)]
#[serde(untagged)]
enum HeadingRecord<'a> {
    Derived(&'a str),
    Explicit(&'a str, &'a str),
}

impl<'a> PageRecord<'a> {
    fn new(page: &'a Document) -> Self {
        PageRecord(
            &page.title,
            page.url.strip_suffix("index.html").unwrap_or(&page.url),
            page.section.map_or(-1, |s| s as i64),
            &page.competencies,
            &page.text,
            page.headings
                .iter()
                .map(|h| {
                    if derived_id(&h.title).as_deref() == Some(h.id.as_str()) {
                        HeadingRecord::Derived(&h.title)
                    } else {
                        HeadingRecord::Explicit(&h.title, &h.id)
                    }
                })
                .collect(),
        )
    }
}
