//! `guide.yaml`: the guide's settings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostic, Report};
use crate::fs;
use crate::yaml;

/// The settings file's name, in the guide folder.
pub const FILE_NAME: &str = "guide.yaml";

/// Front-matter keys that a taxonomy may not take as its name.
pub const RESERVED_KEYS: &[&str] = &[
    "title",
    "summary",
    "weight",
    "slug",
    "draft",
    "updated",
    "competencies",
    "resources",
    "time",
    "downloads",
    "aliases",
    "template",
    "extra",
];

/// Settings read from `guide.yaml`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "default_language")]
    pub language: String,
    /// Absolute URL the site is published at, always ending in `/`.
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    #[serde(default)]
    pub taxonomies: BTreeMap<String, Taxonomy>,
    #[serde(default)]
    pub markdown: MarkdownSettings,
    #[serde(default)]
    pub search: SearchSettings,
    /// Where each key of `guide.yaml` is written.
    #[serde(skip)]
    pub places: yaml::Keys,
}

/// A page classification such as `audience`, with its allowed values when they are declared.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    pub title: String,
    #[serde(default)]
    pub values: Option<Vec<String>>,
}

/// How Markdown is rendered.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MarkdownSettings {
    #[serde(default = "yes")]
    pub smart_punctuation: bool,
    #[serde(default = "yes")]
    pub raw_html: bool,
}

/// Whether the search index and page are built.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    #[serde(default = "yes")]
    pub enabled: bool,
}

impl Default for MarkdownSettings {
    fn default() -> Self {
        MarkdownSettings {
            smart_punctuation: true,
            raw_html: true,
        }
    }
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings { enabled: true }
    }
}

fn default_language() -> String {
    "en".to_string()
}
fn default_theme() -> String {
    "default".to_string()
}
fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}
fn yes() -> bool {
    true
}

/// Reads and checks `guide.yaml` in the guide folder `root`; `None` when it cannot be used,
/// with the problems (and the text they point into) in `report`.
pub fn load(root: &Path, report: &mut Report) -> Option<Config> {
    let path = root.join(FILE_NAME);
    if let Some(problem) = crate::walk::link_problem(root, &path) {
        report.push(problem);
        return None;
    }
    if !path.is_file() {
        report.push(
            Diagnostic::error(
                Code::NoSettings,
                format!("no {FILE_NAME} in {}", root.display()),
            )
            .with_hint(
                "run guidewright in a guide folder, pass --root DIR, or start one with `guidewright init`",
            ),
        );
        return None;
    }
    let text = match fs::read_text(&path) {
        Ok(text) => text,
        Err(error) => {
            report.push(error.diagnostic(FILE_NAME));
            return None;
        }
    };
    report.keep_text(FILE_NAME, Arc::from(text.as_str()));
    parse(&text)
        .map_err(|problems| report.extend(problems))
        .ok()
}

/// Reads `guide.yaml` of `root` for a setting outside a build, problems left unsaid: the
/// build reports them.
pub fn quietly(root: &Path) -> Option<Config> {
    load(root, &mut Report::default())
}

/// Parses and checks the text of a `guide.yaml`.
pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let read = |error: yaml::YamlError| vec![error.diagnostic(FILE_NAME, text, 1)];
    let mut config: Config = yaml::from_str(text, yaml::Size::Small).map_err(read)?;
    config.places = yaml::from_str(text, yaml::Size::Small).map_err(read)?;
    let at_key = |place: Option<yaml::Place>, message: String, hint: &str| {
        let diagnostic = Diagnostic::error(Code::Settings, message).in_file(FILE_NAME);
        match place {
            Some(place) => diagnostic.at_offset(text, place.line, place.column, place.offset),
            None => diagnostic.at_line(text, 1, 1),
        }
        .with_hint(hint.to_string())
    };
    let mut problems = Vec::new();
    if config.title.trim().is_empty() {
        problems.push(at_key(
            config.places.place("title"),
            "the guide's title is empty".into(),
            "give the guide a title, e.g. `title: Teacher-Led Professional Learning`",
        ));
    }
    if let Some(url) = &config.base_url {
        match absolute_url(url) {
            Some(url) => config.base_url = Some(url),
            None => problems.push(at_key(
                config.places.place("base_url"),
                format!("base_url `{}` is not an absolute http(s) URL", url.trim()),
                "write the full address, e.g. `base_url: https://example.org/guide/`",
            )),
        }
    }
    problems.extend(
        taxonomy_problems(&config)
            .into_iter()
            .map(|(place, message, hint)| at_key(place, message, hint)),
    );
    if config.theme.is_empty()
        || config.theme.contains(['/', '\\'])
        || config.theme.starts_with('.')
    {
        problems.push(at_key(
            config.places.place("theme"),
            format!("theme `{}` is not a theme name", config.theme),
            "name a folder of themes/, or leave out `theme` for the default theme",
        ));
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

/// `url` as a base URL, ending in `/`: `None` when it is not an absolute http(s) URL. The
/// check of `base_url:` in guide.yaml, and of `--base-url`.
pub fn absolute_url(url: &str) -> Option<String> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        None
    } else if url.ends_with('/') {
        Some(url.to_string())
    } else {
        Some(format!("{url}/"))
    }
}

/// The taxonomy names that are reserved or unusable in a URL: where each is written, the
/// message and the hint.
fn taxonomy_problems(config: &Config) -> Vec<(Option<yaml::Place>, String, &'static str)> {
    let names = config.places.get("taxonomies").map(|(_, keys)| keys);
    let place = |name: &str| names.and_then(|keys| keys.place(name));
    let mut problems = Vec::new();
    for name in config.taxonomies.keys() {
        if RESERVED_KEYS.contains(&name.as_str()) {
            problems.push((
                place(name),
                format!("taxonomy `{name}` has the name of a front-matter key"),
                "choose another name for this taxonomy",
            ));
        } else if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            problems.push((
                place(name),
                format!("taxonomy name `{name}` is not usable in a URL"),
                "use lowercase letters, digits and hyphens",
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_full_settings_file() {
        let config = parse(
            "title: T\nbase_url: https://example.org/g\ntaxonomies:\n  audience: { title: Audience, values: [teacher] }\nmarkdown: { smart_punctuation: false }\n",
        )
        .unwrap();
        assert_eq!(config.base_url.as_deref(), Some("https://example.org/g/"));
        assert_eq!(config.output_dir, PathBuf::from("public"));
        assert!(!config.markdown.smart_punctuation);
        assert!(config.markdown.raw_html);
        assert_eq!(
            config.taxonomies["audience"].values.as_ref().unwrap(),
            &["teacher"]
        );
    }

    #[test]
    fn unknown_keys_suggest_the_nearest() {
        let errors = parse("title: T\ntheem: default\n").unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].hint.as_deref(), Some("did you mean `theme`?"));
        let errors = parse("title: T\nmarkdown:\n  smart_punctuaton: true\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (3, 3));
        assert_eq!(
            errors[0].hint.as_deref(),
            Some("did you mean `smart_punctuation`?")
        );
    }

    #[test]
    fn reserved_taxonomy_names_and_bad_urls_are_errors() {
        let errors =
            parse("title: T\nbase_url: example.org\ntaxonomies:\n  weight: { title: W }\n")
                .unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[1].line, 4);
    }
}
