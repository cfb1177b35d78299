//! Reading an index script back and querying it the way `search.js` does: the reference for
//! the script, used by the tests to check what a query finds and in which order.

use serde_json::Value;

use super::encode::{self, HEADING, SUMMARY, TITLE};
use super::text;

/// How much a word found in each field counts; a word counts its best field.
pub fn weight(fields: u8) -> u32 {
    if fields & TITLE != 0 {
        100
    } else if fields & HEADING != 0 {
        20
    } else if fields & SUMMARY != 0 {
        10
    } else if fields != 0 {
        1
    } else {
        0
    }
}

/// A page of a read index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    /// Site-relative URL, `index.html` put back.
    pub url: String,
    pub section: Option<usize>,
    pub competencies: Vec<usize>,
    pub text: String,
    /// `(title, id)`.
    pub headings: Vec<(String, String)>,
}

/// An index script, read back.
#[derive(Debug, Clone)]
pub struct Reader {
    pub version: u64,
    pub stop_words: Vec<String>,
    /// `(value, title)`.
    pub sections: Vec<(String, String)>,
    pub frameworks: Vec<String>,
    /// `(id, name, framework)`.
    pub competencies: Vec<(String, String, usize)>,
    pub pages: Vec<Page>,
    pub terms: Vec<(String, Vec<(u32, u8)>)>,
}

/// A query, as words to find: every word must match; the last one as a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    /// Whether the last word matches as a prefix.
    pub prefix: bool,
}

/// Splits what someone typed into the words to look for: folded like the index, stop words
/// and one-letter words dropped, except the last word when it is the only one (it is being
/// typed, and matches as a prefix).
pub fn parse_query(typed: &str, stop_words: &[String]) -> Query {
    let folded = text::fold(typed);
    let all: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().count() <= text::MAX_WORD)
        .collect();
    let useful = |w: &str| !(stop_words.iter().any(|s| s == w) || (w.len() == 1 && w.is_ascii()));
    let mut words: Vec<String> = all
        .iter()
        .filter(|w| useful(w))
        .map(|w| w.to_string())
        .collect();
    let mut prefix = false;
    if let Some(last) = all.last() {
        if useful(last) {
            prefix = true;
        } else if words.is_empty() {
            words.push(last.to_string());
            prefix = true;
        }
    }
    words.dedup();
    Query { words, prefix }
}

impl Reader {
    /// Reads an index script as the build writes it.
    pub fn from_script(script: &str) -> Result<Reader, String> {
        let start = format!("window.{}=", super::GLOBAL);
        let json = script
            .find(&start)
            .map(|at| &script[at + start.len()..])
            .and_then(|rest| rest.trim_end().strip_suffix(';'))
            .ok_or("the script does not assign the index")?;
        let value: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let string = |v: &Value| v.as_str().map(str::to_string).ok_or("expected a string");
        let pairs = |key: &str| -> Result<Vec<Vec<Value>>, String> {
            value[key]
                .as_array()
                .ok_or(format!("no {key}"))?
                .iter()
                .map(|v| {
                    v.as_array()
                        .cloned()
                        .ok_or(format!("{key}: expected arrays"))
                })
                .collect()
        };
        let sections = pairs("sections")?
            .iter()
            .map(|s| Ok((string(&s[0])?, string(&s[1])?)))
            .collect::<Result<_, &str>>()?;
        let frameworks = value["frameworks"]
            .as_array()
            .ok_or("no frameworks")?
            .iter()
            .map(string)
            .collect::<Result<_, _>>()?;
        let competencies = pairs("competencies")?
            .iter()
            .map(|c| {
                Ok((
                    string(&c[0])?,
                    string(&c[1])?,
                    c[2].as_u64().ok_or("framework")? as usize,
                ))
            })
            .collect::<Result<_, &str>>()?;
        let pages = pairs("pages")?
            .iter()
            .map(|p| {
                let url = string(&p[1])?;
                let url = if url.is_empty() || url.ends_with('/') {
                    format!("{url}index.html")
                } else {
                    url
                };
                let headings = p[5]
                    .as_array()
                    .ok_or("headings")?
                    .iter()
                    .map(|h| match h {
                        Value::String(title) => Ok((
                            title.clone(),
                            super::derived_id(title).ok_or("a non-ASCII heading without its id")?,
                        )),
                        Value::Array(pair) => Ok((string(&pair[0])?, string(&pair[1])?)),
                        _ => Err("a heading"),
                    })
                    .collect::<Result<_, &str>>()?;
                Ok(Page {
                    title: string(&p[0])?,
                    url,
                    section: p[2].as_i64().filter(|&s| s >= 0).map(|s| s as usize),
                    competencies: p[3]
                        .as_array()
                        .ok_or("competencies")?
                        .iter()
                        .filter_map(|c| c.as_u64().map(|c| c as usize))
                        .collect(),
                    text: string(&p[4])?,
                    headings,
                })
            })
            .collect::<Result<_, &str>>()?;
        let terms = encode::decode_terms(value["terms"].as_str().ok_or("no terms")?)
            .ok_or("the terms do not decode")?;
        Ok(Reader {
            version: value["version"].as_u64().unwrap_or(0),
            stop_words: value["stop"]
                .as_str()
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            sections,
            frameworks,
            competencies,
            pages,
            terms,
        })
    }

    /// The terms that match `word`: the equal one, or every one it starts when `prefix`.
    pub fn matching(&self, word: &str, prefix: bool) -> std::ops::Range<usize> {
        let first = self
            .terms
            .partition_point(|(t, _)| encode::utf16_cmp(t, word).is_lt());
        let mut end = first;
        while end < self.terms.len()
            && (if prefix {
                self.terms[end].0.starts_with(word)
            } else {
                self.terms[end].0 == word
            })
        {
            end += 1;
        }
        first..end
    }

    /// The pages that have every word of `typed`, best first: by the sum of each word's best
    /// field weight, then in reading order. Page numbers with their scores.
    pub fn search(&self, typed: &str) -> Vec<(usize, u32)> {
        let query = parse_query(typed, &self.stop_words);
        if query.words.is_empty() {
            return Vec::new();
        }
        let mut scores = vec![0u32; self.pages.len()];
        let mut hits = vec![0usize; self.pages.len()];
        for (i, word) in query.words.iter().enumerate() {
            let prefix = query.prefix && i + 1 == query.words.len();
            let mut fields = vec![0u8; self.pages.len()];
            for term in self.matching(word, prefix) {
                for &(page, f) in &self.terms[term].1 {
                    fields[page as usize] |= f;
                }
            }
            for (page, &f) in fields.iter().enumerate() {
                if f != 0 {
                    hits[page] += 1;
                    scores[page] += weight(f);
                }
            }
        }
        let mut found: Vec<(usize, u32)> = (0..self.pages.len())
            .filter(|&p| hits[p] == query.words.len())
            .map(|p| (p, scores[p]))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    }

    /// The titles of what `typed` finds, best first.
    pub fn titles(&self, typed: &str) -> Vec<&str> {
        self.search(typed)
            .into_iter()
            .map(|(p, _)| self.pages[p].title.as_str())
            .collect()
    }
}
