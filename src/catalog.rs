//! The catalog stage: `content/competencies.yaml` (competency frameworks) and
//! `content/resources.yaml` (the resource library), read and checked.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::fs;
use crate::load::{CONTENT_DIR, normalize, shown};
use crate::yaml;
use checks::id_problem;

mod checks;
mod unknown;

use unknown::competency_not_found;
pub use unknown::{unknown_competency, unknown_resource};

/// The competency frameworks' file, in `content/`.
pub const COMPETENCIES_FILE: &str = "competencies.yaml";
/// The resource catalog's file, in `content/`.
pub const RESOURCES_FILE: &str = "resources.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompetenciesFile {
    #[serde(default)]
    frameworks: Vec<Framework>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourcesFile {
    #[serde(default)]
    resources: Vec<Resource>,
}

/// A competency framework, such as the Teacher Leader Model Standards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub year: Option<u32>,
    #[serde(default)]
    pub url: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub competencies: Vec<CompetencyEntry>,
}

/// A group of a framework's competencies, such as a domain or a frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
}

/// A competency as written in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompetencyEntry {
    pub id: String,
    pub name: String,
    /// Markdown.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
}

/// A competency, with the framework it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Competency {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Index of its group in the framework's `groups`.
    pub group: Option<usize>,
    /// Index of its framework.
    pub framework: usize,
}

/// A resource of the library: a report, a tool, a protocol, ….
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub year: Option<u32>,
    pub kind: String,
    /// Its address on the web.
    #[serde(default)]
    pub url: Option<String>,
    /// Or a file of `content/`, published with the guide.
    #[serde(default)]
    pub file: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub competencies: Vec<String>,
}

/// Every framework, competency and resource, with ids resolved to indices.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub frameworks: Vec<Framework>,
    pub competencies: Vec<Competency>,
    pub resources: Vec<Resource>,
    /// For each resource, the competencies it supports (indices).
    pub resource_competencies: Vec<Vec<usize>>,
    competency_ids: HashMap<String, usize>,
    resource_ids: HashMap<String, usize>,
    /// Where each competency's `id:` is written in `competencies.yaml`, for warnings.
    pub competency_places: Vec<Option<yaml::Place>>,
    pub competencies_text: String,
    /// The text of `resources.yaml`, for problems found in its descriptions.
    pub resources_text: String,
    /// Whether each file exists, for the hint of a reference that does not resolve.
    pub has_competencies_file: bool,
    /// A data file that could not be read: references into it are not checked, since every
    /// one would fail for the one reason already reported.
    pub competencies_failed: bool,
    pub resources_failed: bool,
    pub has_resources_file: bool,
}

impl Catalog {
    pub fn competency(&self, id: &str) -> Option<usize> {
        self.competency_ids.get(id).copied()
    }

    pub fn resource(&self, id: &str) -> Option<usize> {
        self.resource_ids.get(id).copied()
    }

    pub fn competency_ids(&self) -> impl Iterator<Item = &str> {
        self.competencies.iter().map(|c| c.id.as_str())
    }

    pub fn resource_ids(&self) -> impl Iterator<Item = &str> {
        self.resources.iter().map(|r| r.id.as_str())
    }
}

/// A data file's text, as read, for the diagnostics that point into it.
pub struct DataText {
    pub shown: String,
    pub text: String,
}

/// Reads and checks the data files of the guide folder `root`.
pub fn load(root: &Path) -> (Catalog, Vec<DataText>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut texts = Vec::new();
    let mut catalog = Catalog::default();

    if let Some(text) = read(root, COMPETENCIES_FILE, &mut problems) {
        catalog.has_competencies_file = true;
        let shown_file = shown(COMPETENCIES_FILE);
        // Places are looked up in an index made in one pass: rescanning the text for each
        // entry made large files quadratic.
        let positions = yaml::Positions::new(&text, &["id", "group"]);
        match yaml::from_str::<CompetenciesFile>(&text) {
            Ok(file) => read_frameworks(
                &mut catalog,
                file.frameworks,
                &shown_file,
                &positions,
                &mut problems,
            ),
            Err(error) => {
                catalog.competencies_failed = true;
                problems.push(error.diagnostic(&shown_file, &text, 1));
            }
        }
        let mut from = 1;
        for competency in &catalog.competencies {
            let place = positions.value_at_or_after("id", &competency.id, from);
            from = place.map_or(from, |place| place.line + 1);
            catalog.competency_places.push(place);
        }
        catalog.competencies_text = text.clone();
        texts.push(DataText {
            shown: shown_file,
            text,
        });
    }
    if let Some(text) = read(root, RESOURCES_FILE, &mut problems) {
        catalog.has_resources_file = true;
        let shown_file = shown(RESOURCES_FILE);
        let positions = yaml::Positions::new(&text, &["id"]);
        match yaml::from_str::<ResourcesFile>(&text) {
            Ok(file) => read_resources(
                &mut catalog,
                file.resources,
                root,
                &shown_file,
                &positions,
                &mut problems,
            ),
            Err(error) => {
                catalog.resources_failed = true;
                problems.push(error.diagnostic(&shown_file, &text, 1));
            }
        }
        catalog.resources_text = text.clone();
        texts.push(DataText {
            shown: shown_file,
            text,
        });
    }
    (catalog, texts, problems)
}

/// The text of a data file of `content/`, when there is one.
fn read(root: &Path, name: &str, problems: &mut Vec<Diagnostic>) -> Option<String> {
    let path = root.join(CONTENT_DIR).join(name);
    if let Some(problem) = crate::walk::link_problem(root, &path) {
        problems.push(problem);
        return None;
    }
    if !path.is_file() {
        return None;
    }
    match fs::read_text(&path) {
        Ok(text) => Some(normalize(text)),
        Err(error) => {
            problems.push(error.diagnostic(shown(name)));
            None
        }
    }
}

/// An error at the `nth` (0-based) `key: value` line of a data file.
fn at_value(
    file: &str,
    positions: &yaml::Positions<'_>,
    key: &str,
    value: &str,
    nth: usize,
    message: String,
) -> Diagnostic {
    let diagnostic = Diagnostic::error("catalog", message).in_file(file);
    match positions.nth_value(key, value, nth) {
        Some(place) => positions.at(diagnostic, place).spanning(value.len()),
        None => diagnostic,
    }
}

fn read_frameworks(
    catalog: &mut Catalog,
    frameworks: Vec<Framework>,
    file: &str,
    positions: &yaml::Positions<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut framework_ids: HashMap<String, usize> = HashMap::new();
    let mut pages = checks::CompetencyPages::default();
    for (f, framework) in frameworks.iter().enumerate() {
        if let Some(url) = &framework.url {
            let from = positions
                .value_at_or_after("id", &framework.id, 1)
                .map_or(1, |place| place.line);
            let until = positions.next_key_line("id", from);
            problems.extend(checks::web_address(
                url,
                file,
                positions,
                (from, until),
                false,
            ));
        }
        let count = framework_ids.entry(framework.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            problems.push(
                at_value(
                    file,
                    positions,
                    "id",
                    &framework.id,
                    *count - 1,
                    format!("two frameworks have the id `{}`", framework.id),
                )
                .with_hint("give each framework its own id"),
            );
        }
        for entry in &framework.competencies {
            let count = seen.entry(entry.id.clone()).or_insert(0);
            *count += 1;
            if let Some(problem) = id_problem(&entry.id) {
                problems.push(
                    at_value(file, positions, "id", &entry.id, 0, problem.to_string())
                        .with_hint("e.g. `id: tlms-1`"),
                );
            }
            if *count == 1 {
                problems.extend(pages.claim(&entry.id, file, positions));
            }
            if *count > 1 {
                problems.push(
                    at_value(
                        file,
                        positions,
                        "id",
                        &entry.id,
                        *count - 1,
                        format!("two competencies have the id `{}`", entry.id),
                    )
                    .with_hint("competency ids are unique across all frameworks"),
                );
                continue;
            }
            let group = match &entry.group {
                None => None,
                Some(group) => match framework.groups.iter().position(|g| &g.id == group) {
                    Some(g) => Some(g),
                    None => {
                        let near =
                            did_you_mean(group, framework.groups.iter().map(|g| g.id.as_str()));
                        let hint = match near {
                            Some(near) => format!("did you mean `{near}`?"),
                            None if framework.groups.is_empty() => {
                                format!("add `groups:` to the framework `{}`", framework.id)
                            }
                            None => format!(
                                "groups of `{}`: {}",
                                framework.id,
                                framework
                                    .groups
                                    .iter()
                                    .map(|g| g.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        };
                        problems.push(
                            at_value(
                                file,
                                positions,
                                "group",
                                group,
                                0,
                                format!("no group `{group}` in the framework `{}`", framework.id),
                            )
                            .with_hint(hint),
                        );
                        None
                    }
                },
            };
            catalog
                .competency_ids
                .insert(entry.id.clone(), catalog.competencies.len());
            catalog.competencies.push(Competency {
                id: entry.id.clone(),
                name: entry.name.clone(),
                description: entry.description.clone(),
                group,
                framework: f,
            });
        }
    }
    catalog.frameworks = frameworks;
}

fn read_resources(
    catalog: &mut Catalog,
    resources: Vec<Resource>,
    root: &Path,
    file: &str,
    positions: &yaml::Positions<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for resource in resources {
        let count = seen.entry(resource.id.clone()).or_insert(0);
        *count += 1;
        if let Some(problem) = id_problem(&resource.id) {
            problems.push(
                at_value(file, positions, "id", &resource.id, 0, problem.to_string())
                    .with_hint("e.g. `id: gtl-self-assessment`"),
            );
        }
        if *count > 1 {
            problems.push(
                at_value(
                    file,
                    positions,
                    "id",
                    &resource.id,
                    *count - 1,
                    format!("two resources have the id `{}`", resource.id),
                )
                .with_hint("give each resource its own id"),
            );
            continue;
        }
        let start = positions
            .value_at_or_after("id", &resource.id, 1)
            .map_or(1, |place| place.line);
        // A value of this resource is looked for in its own lines only, up to the next `id:`.
        let until = positions.next_key_line("id", start);
        let place = |token: &str| {
            positions
                .token_position(token, start, until)
                .map_or((start, 1), |place| (place.line, place.column))
        };
        let mut supports = Vec::new();
        for id in &resource.competencies {
            match catalog.competency(id) {
                Some(c) => supports.push(c),
                None if catalog.competencies_failed => {}
                None => {
                    let (line, column) = place(id);
                    let problem = competency_not_found(catalog, id).in_file(file);
                    problems.push(positions.at_line(problem, line, column));
                }
            }
        }
        match (&resource.url, &resource.file) {
            (Some(_), Some(_)) => problems.push(
                at_value(
                    file,
                    positions,
                    "id",
                    &resource.id,
                    0,
                    format!("the resource `{}` has both `url` and `file`", resource.id),
                )
                .with_hint(
                    "keep one: `url:` for a web address, `file:` for a file inside content/",
                ),
            ),
            (Some(url), None) => {
                problems.extend(checks::web_address(
                    url,
                    file,
                    positions,
                    (start, until),
                    true,
                ));
            }
            (None, Some(path)) => {
                let inside = crate::url::join("", path).filter(|p| !p.is_empty());
                if inside
                    .as_ref()
                    .is_none_or(|p| !root.join(CONTENT_DIR).join(p).is_file())
                {
                    let (line, column) = place(path);
                    problems.push(
                        positions.at_line(Diagnostic::error("catalog", format!("there is no file content/{path}"))
                            .in_file(file), line, column)
                            .with_hint("`file:` is a path inside content/, e.g. `file: leading-teams/peer-observation/look-fors.pdf`"),
                    );
                }
            }
            _ => {}
        }
        catalog
            .resource_ids
            .insert(resource.id.clone(), catalog.resources.len());
        catalog.resources.push(resource);
        catalog.resource_competencies.push(supports);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(competencies: &str, resources: &str) -> (tempfile::TempDir, Catalog, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/competencies.yaml"), competencies).unwrap();
        std::fs::write(dir.path().join("content/resources.yaml"), resources).unwrap();
        std::fs::write(dir.path().join("content/tool.pdf"), "%PDF").unwrap();
        let (catalog, _, problems) = load(dir.path());
        (dir, catalog, problems)
    }

    const FRAMEWORKS: &str = "frameworks:\n  - id: tlms\n    title: TLMS\n    groups: [{id: g1, name: Group one}]\n    competencies:\n      - id: tlms-1\n        name: One\n        group: g1\n      - id: tlms-2\n        name: Two\n";

    #[test]
    fn reads_frameworks_and_resources() {
        let (_dir, catalog, problems) = guide(
            FRAMEWORKS,
            "resources:\n  - id: r1\n    title: R\n    kind: tool\n    url: https://e.org\n    competencies: [tlms-2]\n  - id: r2\n    title: F\n    kind: tool\n    file: tool.pdf\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(catalog.competency("tlms-2"), Some(1));
        assert_eq!(catalog.competencies[0].group, Some(0));
        assert_eq!(catalog.resource_competencies[0], vec![1]);
        assert_eq!(catalog.resource("r2"), Some(1));
    }

    #[test]
    fn duplicates_unknown_ids_and_missing_files_are_placed() {
        let (_dir, _catalog, problems) = guide(
            &format!("{FRAMEWORKS}      - id: tlms-1\n        name: Again\n        group: g2\n"),
            "resources:\n  - id: r1\n    title: R\n    kind: tool\n    url: https://e.org\n    competencies: [tlms-3]\n  - id: r1\n    title: Again\n    kind: tool\n    url: https://e.org\n  - id: r3\n    title: F\n    kind: tool\n    file: missing.pdf\n",
        );
        let found: Vec<(String, usize, usize)> = problems
            .iter()
            .map(|p| (p.message.clone(), p.line, p.column))
            .collect();
        assert!(
            found.contains(&("two competencies have the id `tlms-1`".into(), 11, 13)),
            "{found:?}"
        );
        assert!(
            found.contains(&("there is no competency `tlms-3`".into(), 6, 20)),
            "{found:?}"
        );
        assert!(
            found.contains(&("two resources have the id `r1`".into(), 7, 9)),
            "{found:?}"
        );
        assert!(
            found.contains(&("there is no file content/missing.pdf".into(), 14, 11)),
            "{found:?}"
        );
        let typo = problems
            .iter()
            .find(|p| p.message.contains("tlms-3"))
            .unwrap();
        assert_eq!(typo.hint.as_deref(), Some("did you mean `tlms-1`?"));
    }

    #[test]
    fn unknown_keys_suggest_the_nearest() {
        let (_dir, _catalog, problems) =
            guide("frameworks:\n  - id: x\n    titel: X\n", "resources: []\n");
        assert_eq!(problems[0].line, 3);
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `title`?"));
    }
}
