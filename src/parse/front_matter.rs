//! The YAML front matter at the top of each Markdown file.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{Config, RESERVED_KEYS};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::yaml::{self, Mapping, Place};

mod values;
mod written;

pub use values::{Download, InlineResource, ResourceRef, TimeNeeded};

use written::{Keys, OtherKey, Reader, Terms, Written, WrittenMap};

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
    /// Where its keys and values are written.
    #[serde(skip)]
    pub places: Places,
}

/// Where a page's front-matter keys and values are written, as places of the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Places {
    keys: Vec<(&'static str, Place)>,
    /// The keys of the taxonomies.
    taxonomies: Vec<(String, Place)>,
    /// Each competency id.
    pub competencies: Vec<Place>,
    /// Each resource: its id, or the `url` of a resource written in place.
    pub resources: Vec<Place>,
    /// The `file` of each download.
    pub downloads: Vec<Place>,
    /// Each alias.
    pub aliases: Vec<Place>,
}

impl Places {
    /// Where the reserved key `key` is written.
    pub fn key(&self, key: &str) -> Option<Place> {
        self.keys
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, place)| *place)
    }

    /// Where the key of the taxonomy `name` is written.
    pub fn taxonomy(&self, name: &str) -> Option<Place> {
        self.taxonomies
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, place)| *place)
    }
}

/// A Markdown file split into its front matter and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    /// Byte offset of the YAML in the file.
    pub yaml_offset: usize,
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
            Code::FrontMatter,
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
                yaml_offset: 4.min(text.len()),
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(Code::FrontMatter, "the front matter is not closed")
            .in_file(file)
            .at_line(text, 1, 1)
            .with_hint("end the front matter with a line holding only `---`"),
    )
}

/// Reads and checks the front matter of `file`; `text` is the whole file. The YAML is
/// parsed once (twice when a value has the wrong type, to report the other keys too).
pub fn parse(
    file: &str,
    text: &str,
    split: &Split<'_>,
    config: &Config,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let page = Page { file, text, split };
    let WrittenMap {
        keys,
        places,
        others,
        non_text_key,
    } = read(&page, config)?;
    let mut problems = Vec::new();
    if non_text_key {
        problems.push(page.error("a front-matter key is not text".into(), None));
    }
    let taxonomies = other_keys(&page, config, &others, &mut problems);
    let places = Places {
        keys: places
            .into_iter()
            .map(|(key, place)| (key, page.in_file(place)))
            .collect(),
        taxonomies: others
            .iter()
            .filter(|other| taxonomies.contains_key(&other.key.value))
            .map(|other| (other.key.value.clone(), page.in_file(other.key.place)))
            .collect(),
        ..Places::default()
    };
    let front = front_matter(&page, keys, taxonomies, places);
    problems.extend(value_problems(&page, &front));
    if problems.is_empty() {
        Ok(front)
    } else {
        Err(problems)
    }
}

/// The file a front matter is read from, for placing its problems.
struct Page<'a> {
    file: &'a str,
    text: &'a str,
    split: &'a Split<'a>,
}

impl Page<'_> {
    /// A place of the YAML as a place of the file.
    fn in_file(&self, place: Place) -> Place {
        place.within(self.split.yaml_line, self.split.yaml_offset)
    }

    /// The place of a value of the YAML in the file, past a quote that opens it.
    fn value_in_file(&self, place: Place) -> Place {
        self.in_file(place).past_quote(self.text)
    }

    /// A front-matter error at `place` of the file (the first line of the YAML when `None`).
    fn error(&self, message: String, place: Option<Place>) -> Diagnostic {
        let diagnostic = Diagnostic::error(Code::FrontMatter, message).in_file(self.file);
        match place {
            Some(place) => diagnostic.at_offset(self.text, place.line, place.column, place.offset),
            None => diagnostic.at_line(self.text, self.split.yaml_line, 1),
        }
    }
}

/// The front matter as written, or its problems: a YAML error (with the problems of the
/// keys that are not reserved, when the YAML itself reads), or that it is not a map.
fn read(page: &Page<'_>, config: &Config) -> Result<WrittenMap, Vec<Diagnostic>> {
    let yaml = page.split.yaml;
    let reader = |typed| Reader {
        taxonomies: &config.taxonomies,
        typed,
    };
    let written = if yaml.trim().is_empty() {
        Ok(Written::Map(Box::default()))
    } else {
        yaml::from_seed(yaml, yaml::Size::Small, reader(true))
    };
    match written {
        Ok(Written::NotAMap(found)) => Err(vec![
            page.error(
                format!("the front matter is {found}, not a map of keys"),
                None,
            )
            .with_hint("write one `key: value` per line, e.g. `title: Page title`"),
        ]),
        Ok(Written::Map(map)) => Ok(*map),
        Err(error) => {
            let mut problems = Vec::new();
            if let Ok(Written::Map(map)) = yaml::from_seed(yaml, yaml::Size::Small, reader(false)) {
                other_keys(page, config, &map.others, &mut problems);
            }
            let mut problem = error.diagnostic(page.file, page.text, page.split.yaml_line);
            if problem.message == written::NOT_A_RESOURCE {
                problem.hint = Some(
                    "write an id of content/resources.yaml, or `{title: …, url: …, kind: …}` with only those keys".into(),
                );
            }
            problems.push(problem);
            Err(problems)
        }
    }
}

/// The typed front matter of what was read, with the places of its values added to `places`.
fn front_matter(
    page: &Page<'_>,
    keys: Keys,
    taxonomies: BTreeMap<String, Vec<String>>,
    mut places: Places,
) -> FrontMatter {
    let (competencies, places_of_competencies) = keys
        .competencies
        .into_iter()
        .map(|id| (id.value, page.value_in_file(id.place)))
        .unzip();
    let (resources, places_of_resources) = keys
        .resources
        .into_iter()
        .map(|resource| {
            let (kept, url) = resource.value.resource();
            (kept, page.value_in_file(url.unwrap_or(resource.place)))
        })
        .unzip();
    let (downloads, places_of_downloads) = keys
        .downloads
        .into_iter()
        .map(|download| {
            let (download, place) = download.download();
            (download, page.value_in_file(place))
        })
        .unzip();
    let (aliases, places_of_aliases) = keys
        .aliases
        .into_iter()
        .map(|alias| (alias.value, page.value_in_file(alias.place)))
        .unzip();
    places.competencies = places_of_competencies;
    places.resources = places_of_resources;
    places.downloads = places_of_downloads;
    places.aliases = places_of_aliases;
    FrontMatter {
        title: keys.title.unwrap_or_default(),
        summary: keys.summary.filter(|s| !s.trim().is_empty()),
        weight: keys.weight,
        slug: keys.slug,
        draft: keys.draft,
        updated: keys.updated,
        competencies,
        resources,
        time: keys.time,
        downloads,
        aliases,
        template: keys.template,
        extra: keys.extra,
        taxonomies,
        places,
    }
}

/// The taxonomies' values of the keys that are not reserved; an error at each unknown key
/// and at each value a taxonomy does not allow.
fn other_keys(
    page: &Page<'_>,
    config: &Config,
    others: &[OtherKey],
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Vec<String>> {
    let mut taxonomies = BTreeMap::new();
    for OtherKey { key, terms } in others {
        let (name, at) = (key.value.as_str(), Some(page.in_file(key.place)));
        let Some(terms) = terms else {
            let known = RESERVED_KEYS
                .iter()
                .copied()
                .chain(config.taxonomies.keys().map(String::as_str));
            let hint = match did_you_mean(name, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "put free-form data under `extra:`, or declare a taxonomy of this name in guide.yaml".into(),
            };
            let message = format!("unknown front-matter key `{name}`");
            problems.push(page.error(message, at).with_hint(hint));
            continue;
        };
        let Some(values) = terms_values(terms) else {
            problems.push(
                page.error(format!("`{name}` must be a list of text values"), at)
                    .with_hint(format!("e.g. `{name}: [a, b]`")),
            );
            continue;
        };
        let allowed = config.taxonomies.get(name).and_then(|t| t.values.as_ref());
        for (value, _) in values
            .iter()
            .filter(|(v, _)| allowed.is_some_and(|a| !a.contains(v)))
        {
            let allowed = allowed.map_or(&[][..], Vec::as_slice);
            let hint = match did_you_mean(value, allowed.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("allowed values: {}", allowed.join(", ")),
            };
            let message = format!("`{value}` is not a value of taxonomy `{name}`");
            problems.push(page.error(message, at).with_hint(hint));
        }
        problems.extend(values_without_address(page, name, &values));
        taxonomies.insert(
            name.to_string(),
            values.into_iter().map(|(v, _)| v).collect(),
        );
    }
    taxonomies
}

/// A taxonomy's values, each with its place in the YAML: a list of text, or one text value.
fn terms_values(terms: &yaml::At<Terms>) -> Option<Vec<(String, Place)>> {
    match &terms.value {
        Terms::One(value) => Some(vec![(value.clone(), terms.place)]),
        Terms::Listed(items) => items
            .iter()
            .map(|item| Some((item.value.as_str()?.to_string(), item.place)))
            .collect(),
        Terms::Other => None,
    }
}

/// The problems of the reserved keys' values: no title, a slug that is not one segment, a
/// date that is not a date, a template that is not a file name.
fn value_problems(page: &Page<'_>, front: &FrontMatter) -> Vec<Diagnostic> {
    let at = |key| front.places.key(key);
    let mut problems = Vec::new();
    if front.title.trim().is_empty() {
        problems.push(
            page.error("the page has no title".into(), at("title"))
                .with_hint("add `title: …` to the front matter"),
        );
    }
    if let Some(slug) = &front.slug
        && let Some(why) = slug_problem(slug)
    {
        let message = format!("slug `{slug}` is not a single URL segment: {why}");
        problems.push(
            page.error(message, at("slug"))
                .with_hint("use letters, digits and hyphens, e.g. `slug: peer-coaching`"),
        );
    }
    if let Some(date) = &front.updated
        && !is_date(date)
    {
        problems.push(
            page.error(format!("`updated: {date}` is not a date"), at("updated"))
                .with_hint("write the date as YYYY-MM-DD, e.g. `updated: 2026-09-01`"),
        );
    }
    if let Some(template) = &front.template
        && (template.contains(['/', '\\']) || !template.ends_with(".html"))
    {
        let message = format!("template `{template}` is not a template file name");
        problems.push(
            page.error(message, at("template"))
                .with_hint("name a template of templates/, e.g. `template: page-wide.html`"),
        );
    }
    problems
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
    page: &Page<'_>,
    key: &str,
    values: &[(String, Place)],
) -> Vec<Diagnostic> {
    values
        .iter()
        .filter(|(value, _)| crate::url::segment(value).is_empty())
        .map(|(value, place)| {
            let message =
                format!("the value `{value}` of taxonomy `{key}` gives its page no address");
            // An empty value is placed at its quotes; any other past its opening quote.
            let place = if value.is_empty() {
                page.in_file(*place)
            } else {
                page.value_in_file(*place)
            };
            page.error(message, Some(place)).with_hint(format!(
                "a value needs a letter or digit, e.g. `{key}: [coach]`"
            ))
        })
        .collect()
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
    fn values_are_placed_in_the_file_past_their_quotes() {
        let fm = read(
            "---\ntitle: A\ncompetencies: [x, 'y']\nresources:\n  - r\n  - {title: T, url: \"u\", kind: tool}\nextra:\n  audience: 1\naudience: [teacher]\n---\n",
        )
        .unwrap();
        let at = |places: &[Place]| -> Vec<(usize, usize)> {
            places.iter().map(|p| (p.line, p.column)).collect()
        };
        assert_eq!(at(&fm.places.competencies), [(3, 16), (3, 20)]);
        assert_eq!(at(&fm.places.resources), [(5, 5), (6, 22)]);
        let audience = fm.places.taxonomy("audience").unwrap();
        assert_eq!((audience.line, audience.column), (9, 1));
    }

    #[test]
    fn type_errors_are_placed_in_the_file() {
        let errors = read("---\ntitle: A\nweight: heavy\n---\n").unwrap_err();
        assert_eq!(errors[0].line, 3);
    }
}
