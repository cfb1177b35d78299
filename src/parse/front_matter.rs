//! The YAML front matter at the top of each Markdown file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::{Config, RESERVED_KEYS};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::yaml::{self, Mapping, Value};

/// A page's front matter, typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FrontMatter {
    pub title: String,
    pub summary: Option<String>,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    pub draft: bool,
    pub updated: Option<String>,
    pub competencies: Vec<String>,
    pub resources: Vec<ResourceRef>,
    pub time: Option<TimeNeeded>,
    pub downloads: Vec<Download>,
    pub aliases: Vec<String>,
    pub template: Option<String>,
    pub extra: Mapping,
    /// Values of the taxonomies declared in `guide.yaml`, by taxonomy name.
    pub taxonomies: BTreeMap<String, Vec<String>>,
}

/// A resource a page cites: a catalog id, or an entry written in place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ResourceRef {
    Id(String),
    Inline(InlineResource),
}

/// A resource written in the page's front matter rather than the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InlineResource {
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub kind: Option<String>,
}

/// Minutes a reader needs: to read the page, and for its activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeNeeded {
    #[serde(default)]
    pub read: Option<u32>,
    #[serde(default)]
    pub activity: Option<u32>,
}

/// A file of the page bundle offered as a handout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Download {
    pub file: String,
    #[serde(default)]
    pub title: Option<String>,
}

/// The keys as serde reads them; taxonomy keys are read apart, from the mapping.
#[derive(Deserialize)]
struct Keys {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    weight: Option<i64>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    updated: Option<String>,
    #[serde(default)]
    competencies: Vec<String>,
    #[serde(default)]
    resources: Vec<ResourceRef>,
    #[serde(default)]
    time: Option<TimeNeeded>,
    #[serde(default)]
    downloads: Vec<Download>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    template: Option<String>,
    #[serde(default)]
    extra: Mapping,
}

/// A Markdown file split into its front matter and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits a file (BOM removed, LF line endings) at its `---` fences.
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let Some(after_open) = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        let hint = if text.starts_with("+++") {
            "front matter is YAML between `---` lines, not TOML between `+++`"
        } else {
            "start the file with front matter:\n---\ntitle: Page title\n---"
        };
        let d = Diagnostic::error(
            "front-matter",
            "the file has no front matter; a title is required",
        )
        .in_file(file);
        return Err(d.at_line(text, 1, 1).with_hint(hint));
    };
    let mut offset = 4.min(text.len());
    for line in after_open.split_inclusive('\n') {
        let content = line.trim_end_matches('\n').trim_end();
        if content == "---" || content == "..." {
            let yaml = &text[4.min(text.len())..offset];
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error("front-matter", "the front matter is not closed")
            .in_file(file)
            .at_line(text, 1, 1)
            .with_hint("end the front matter with a line holding only `---`"),
    )
}

/// Reads and checks the front matter of `file`; `text` is the whole file.
pub fn parse(
    file: &str,
    text: &str,
    split: &Split<'_>,
    config: &Config,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let at = |line: usize, column: usize| (split.yaml_line + line - 1, column);
    let place = |message: String, key: Option<&str>| {
        let (line, column) = key
            .and_then(|key| yaml::top_level_key_position(split.yaml, key))
            .map_or(at(1, 1), |(l, c)| at(l, c));
        Diagnostic::error("front-matter", message)
            .in_file(file)
            .at_line(text, line, column)
    };
    let value: Value = if split.yaml.trim().is_empty() {
        Value::Null
    } else {
        yaml::from_str(split.yaml).map_err(|e| vec![e.diagnostic(file, text, split.yaml_line)])?
    };
    let mapping = match value {
        Value::Mapping(mapping) => mapping,
        Value::Null => Mapping::new(),
        other => {
            let found = match other {
                Value::Sequence(_) => "a list",
                Value::String(_) => "a piece of text",
                _ => "a single value",
            };
            return Err(vec![
                place(
                    format!("the front matter is {found}, not a map of keys"),
                    None,
                )
                .with_hint("write one `key: value` per line, e.g. `title: Page title`"),
            ]);
        }
    };

    let mut problems = Vec::new();
    let mut taxonomies = BTreeMap::new();
    for (key, value) in &mapping {
        let Some(key) = key.as_str() else {
            problems.push(place("a front-matter key is not text".into(), None));
            continue;
        };
        if RESERVED_KEYS.contains(&key) {
            continue;
        }
        match config.taxonomies.get(key) {
            Some(taxonomy) => match taxonomy_values(value) {
                Some(values) => {
                    if let Some(allowed) = &taxonomy.values {
                        for value in values.iter().filter(|v| !allowed.contains(v)) {
                            let hint = match did_you_mean(value, allowed.iter().map(String::as_str))
                            {
                                Some(near) => format!("did you mean `{near}`?"),
                                None => format!("allowed values: {}", allowed.join(", ")),
                            };
                            problems.push(
                                place(
                                    format!("`{value}` is not a value of taxonomy `{key}`"),
                                    Some(key),
                                )
                                .with_hint(hint),
                            );
                        }
                    }
                    problems.extend(values_without_address(file, text, split, key, &values));
                    taxonomies.insert(key.to_string(), values);
                }
                None => problems.push(
                    place(format!("`{key}` must be a list of text values"), Some(key))
                        .with_hint(format!("e.g. `{key}: [a, b]`")),
                ),
            },
            None => {
                let known = RESERVED_KEYS
                    .iter()
                    .copied()
                    .chain(config.taxonomies.keys().map(String::as_str));
                let hint = match did_you_mean(key, known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "put free-form data under `extra:`, or declare a taxonomy of this name in guide.yaml".into(),
                };
                problems.push(
                    place(format!("unknown front-matter key `{key}`"), Some(key)).with_hint(hint),
                );
            }
        }
    }

    let keys: Keys = match yaml::from_str(split.yaml) {
        Ok(keys) => keys,
        Err(error) if split.yaml.trim().is_empty() => {
            let _ = error;
            yaml::from_value(Value::Mapping(Mapping::new()))
                .map_err(|e| vec![e.diagnostic(file, text, split.yaml_line)])?
        }
        Err(error) => {
            let mut problem = error.diagnostic(file, text, split.yaml_line);
            if problem.message.contains("untagged enum ResourceRef") {
                // serde's words for an entry that is neither an id nor an inline resource.
                problem.message =
                    "a resource is neither an id nor a `{title, url, kind}` entry".into();
                problem.hint = Some(
                    "write an id of content/resources.yaml, or `{title: …, url: …, kind: …}` with only those keys".into(),
                );
            }
            problems.push(problem);
            return Err(problems);
        }
    };

    let title = keys.title.unwrap_or_default();
    if title.trim().is_empty() {
        problems.push(
            place("the page has no title".into(), Some("title"))
                .with_hint("add `title: …` to the front matter"),
        );
    }
    if let Some(slug) = &keys.slug
        && let Some(why) = slug_problem(slug)
    {
        problems.push(
            place(
                format!("slug `{slug}` is not a single URL segment: {why}"),
                Some("slug"),
            )
            .with_hint("use letters, digits and hyphens, e.g. `slug: peer-coaching`"),
        );
    }
    if let Some(date) = &keys.updated
        && !is_date(date)
    {
        problems.push(
            place(format!("`updated: {date}` is not a date"), Some("updated"))
                .with_hint("write the date as YYYY-MM-DD, e.g. `updated: 2026-09-01`"),
        );
    }
    if let Some(template) = &keys.template
        && (template.contains(['/', '\\']) || !template.ends_with(".html"))
    {
        problems.push(
            place(
                format!("template `{template}` is not a template file name"),
                Some("template"),
            )
            .with_hint("name a template of templates/, e.g. `template: page-wide.html`"),
        );
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(FrontMatter {
        title,
        summary: keys.summary.filter(|s| !s.trim().is_empty()),
        weight: keys.weight,
        slug: keys.slug,
        draft: keys.draft,
        updated: keys.updated,
        competencies: keys.competencies,
        resources: keys.resources,
        time: keys.time,
        downloads: keys.downloads,
        aliases: keys.aliases,
        template: keys.template,
        extra: keys.extra,
        taxonomies,
    })
}

/// Why `slug` is not one plain URL segment, if it is not. Letters of any script, digits, `-`,
/// `_`, `.` and `~` are allowed; anything else would need escaping in every link, and a `:`
/// makes a link from the home page read as an address of another scheme (`step:1/…`).
fn slug_problem(slug: &str) -> Option<String> {
    if slug.is_empty() {
        return Some("it is empty".into());
    }
    if slug == "." || slug == ".." {
        return Some("it names a folder, not a page".into());
    }
    let bad = slug
        .chars()
        .find(|c| !(c.is_alphanumeric() || "-_.~".contains(*c)))?;
    Some(match bad {
        c if c.is_whitespace() => "it holds a space".into(),
        c if c.is_control() => "it holds a control character".into(),
        c => format!("it holds `{c}`"),
    })
}

/// Values of taxonomy `key` whose URL segment is empty (`..`, `_`, `!!`): their listing would
/// be published at the taxonomy's own index and replace it. An error at each value.
fn values_without_address(
    file: &str,
    text: &str,
    split: &Split<'_>,
    key: &str,
    values: &[String],
) -> Vec<Diagnostic> {
    let key_line = yaml::top_level_key_position(split.yaml, key).map_or(1, |(line, _)| line);
    values
        .iter()
        .filter(|value| crate::url::segment(value).is_empty())
        .map(|value| {
            let (line, column) = if value.is_empty() {
                ["\"\"", "''"]
                    .iter()
                    .find_map(|quotes| value_position(split.yaml, quotes, key_line))
            } else {
                value_position(split.yaml, value, key_line)
            }
            .unwrap_or((key_line, 1));
            Diagnostic::error(
                "front-matter",
                format!("the value `{value}` of taxonomy `{key}` gives its page no address"),
            )
            .in_file(file)
            .at_line(text, split.yaml_line + line - 1, column)
            .with_hint(format!(
                "a value needs a letter or digit, e.g. `{key}: [coach]`"
            ))
        })
        .collect()
}

/// Where `token` is written at or after line `from` of the YAML, past its key.
fn value_position(yaml: &str, token: &str, from: usize) -> Option<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric() || "-_.!".contains(c);
    yaml.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(n, line)| {
            let start = if n + 1 == from {
                line.find(':').map_or(0, |c| c + 1)
            } else {
                0
            };
            line[start..].match_indices(token).find_map(|(at, _)| {
                let at = start + at;
                let before = line[..at].chars().next_back();
                let after = line[at + token.len()..].chars().next();
                let alone = !before.is_some_and(is_word) && !after.is_some_and(is_word);
                alone.then(|| (n + 1, line[..at].chars().count() + 1))
            })
        })
}

/// A taxonomy's values: a list of text, or one text value.
fn taxonomy_values(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Sequence(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// Whether `text` is a calendar date written YYYY-MM-DD.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        crate::config::parse(
            "title: T\ntaxonomies:\n  audience: { title: A, values: [teacher, principal] }\n",
        )
        .unwrap()
    }

    fn read(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let split = split("x.md", text).map_err(|d| vec![d])?;
        parse("x.md", text, &split, &config())
    }

    #[test]
    fn splits_at_the_fences() {
        let s = split("x.md", "---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_offset, 17);
    }

    #[test]
    fn reads_every_key() {
        let fm = read(
            "---\ntitle: A\nsummary: S\nweight: 3\nslug: a-b\ndraft: true\nupdated: 2024-02-29\ncompetencies: [tlms-1]\nresources: [x, {title: T, url: 'https://e.org', kind: tool}]\ntime: {read: 5, activity: 20}\ndownloads: [{file: a.pdf, title: A}]\naliases: [old/a]\ntemplate: wide.html\nextra: {color: red}\naudience: principal\n---\n",
        )
        .unwrap();
        assert_eq!(fm.weight, Some(3));
        assert!(fm.draft);
        assert_eq!(fm.resources.len(), 2);
        assert!(
            matches!(&fm.resources[1], ResourceRef::Inline(r) if r.kind.as_deref() == Some("tool"))
        );
        assert_eq!(fm.time.unwrap().activity, Some(20));
        assert_eq!(fm.taxonomies["audience"], vec!["principal"]);
        assert_eq!(fm.extra.len(), 1);
    }

    #[test]
    fn unknown_keys_and_values_point_at_their_line() {
        let errors =
            read("---\ntitle: A\ncompetences: [x]\naudience: [teachr]\n---\n").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!((errors[0].line, errors[0].column), (3, 1));
        assert_eq!(
            errors[0].hint.as_deref(),
            Some("did you mean `competencies`?")
        );
        assert_eq!(errors[1].line, 4);
        assert_eq!(errors[1].hint.as_deref(), Some("did you mean `teacher`?"));
    }

    #[test]
    fn broken_front_matter_is_an_error_not_a_panic() {
        for text in [
            "",
            "no fence\n",
            "---\ntitle: A\n",
            "---\n- a\n- b\n---\n",
            "---\ntitle: [\n---\n",
            "---\n\ttitle: A\n---\n",
            "---\n---\n",
            "---\ntitle: A\nweight: heavy\n---\n",
            "---\ntitle: A\nupdated: 2023-02-29\n---\n",
            "---\n42\n---\n",
            "---",
        ] {
            let errors = read(text).unwrap_err();
            assert!(!errors.is_empty(), "{text:?}");
            assert!(errors.iter().all(|e| e.line >= 1), "{text:?}: {errors:?}");
        }
    }

    #[test]
    fn top_level_key_problems_are_placed_at_the_top_level_key() {
        let errors =
            read("---\ntitle: A\nextra:\n  competences: x\ncompetences: [a]\n---\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (5, 1));
    }

    #[test]
    fn bad_inline_resources_are_explained() {
        let errors =
            read("---\ntitle: A\nresources: [{title: T, url: u, knd: tool}]\n---\n").unwrap_err();
        assert_eq!(errors[0].line, 3);
        assert!(errors[0].message.contains("neither an id"), "{errors:?}");
        assert!(errors[0].hint.as_deref().unwrap().contains("title: …"));
    }

    #[test]
    fn type_errors_are_placed_in_the_file() {
        let errors = read("---\ntitle: A\nweight: heavy\n---\n").unwrap_err();
        assert_eq!(errors[0].line, 3);
    }
}
