//! Reading an index script back and querying it the way `search.js` does: the reference for
//! the script, used by the tests to check what a query finds and in which order.

use serde_json::Value;

use super::encode::{self, WEIGHTS};
use super::text;

/// How much a word found in these fields counts: its best field's weight ([`WEIGHTS`]).
pub fn weight(fields: u8) -> u32 {
    WEIGHTS
        .iter()
        .find(|(field, _)| fields & field != 0)
        .map_or(0, |&(_, weight)| weight)
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

/// The JSON of an index script, read field by field.
struct Json(Value);

/// The `n`th value of a record, null past its end.
fn at(record: &[Value], n: usize) -> &Value {
    record.get(n).unwrap_or(&Value::Null)
}

fn string(value: &Value) -> Result<String, String> {
    value
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("expected a string, found {value}"))
}

impl Json {
    /// The arrays of the array at `key`.
    fn records(&self, key: &str) -> Result<Vec<&[Value]>, String> {
        self.0[key]
            .as_array()
            .ok_or(format!("no {key}"))?
            .iter()
            .map(|v| {
                v.as_array()
                    .map(Vec::as_slice)
                    .ok_or(format!("{key}: expected arrays"))
            })
            .collect()
    }

    fn sections(&self) -> Result<Vec<(String, String)>, String> {
        self.records("sections")?
            .iter()
            .map(|s| Ok((string(at(s, 0))?, string(at(s, 1))?)))
            .collect()
    }

    fn frameworks(&self) -> Result<Vec<String>, String> {
        let frameworks = self.0["frameworks"].as_array().ok_or("no frameworks")?;
        frameworks.iter().map(string).collect()
    }

    fn competencies(&self) -> Result<Vec<(String, String, usize)>, String> {
        self.records("competencies")?
            .iter()
            .map(|c| {
                let framework = at(c, 2).as_u64().ok_or("a competency's framework")?;
                Ok((string(at(c, 0))?, string(at(c, 1))?, framework as usize))
            })
            .collect()
    }

    fn pages(&self) -> Result<Vec<Page>, String> {
        self.records("pages")?.into_iter().map(page).collect()
    }

    fn stop_words(&self) -> Vec<String> {
        let stop = self.0["stop"].as_str().unwrap_or("");
        stop.split_whitespace().map(str::to_string).collect()
    }
}

/// `[title, url, section, competencies, text, headings]`, as `PageRecord` writes it.
fn page(record: &[Value]) -> Result<Page, String> {
    let url = string(at(record, 1))?;
    let url = if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url
    };
    let headings = at(record, 5).as_array().ok_or("headings")?;
    let competencies = at(record, 3).as_array().ok_or("competencies")?;
    Ok(Page {
        title: string(at(record, 0))?,
        url,
        section: at(record, 2)
            .as_i64()
            .filter(|&s| s >= 0)
            .map(|s| s as usize),
        competencies: competencies
            .iter()
            .filter_map(|c| c.as_u64().map(|c| c as usize))
            .collect(),
        text: string(at(record, 4))?,
        headings: headings.iter().map(heading).collect::<Result<_, _>>()?,
    })
}

/// A heading stored by its title alone (its id derived) or as `[title, id]`.
fn heading(record: &Value) -> Result<(String, String), String> {
    match record {
        Value::String(title) => {
            let id = super::derived_id(title).ok_or("a non-ASCII heading without its id")?;
            Ok((title.clone(), id))
        }
        Value::Array(pair) => Ok((string(at(pair, 0))?, string(at(pair, 1))?)),
        _ => Err(format!("expected a heading, found {record}")),
    }
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
        let json = Json(serde_json::from_str(json).map_err(|e| e.to_string())?);
        let terms = encode::decode_terms(json.0["terms"].as_str().ok_or("no terms")?)
            .ok_or("the terms do not decode")?;
        Ok(Reader {
            version: json.0["version"].as_u64().unwrap_or(0),
            stop_words: json.stop_words(),
            sections: json.sections()?,
            frameworks: json.frameworks()?,
            competencies: json.competencies()?,
            pages: json.pages()?,
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
