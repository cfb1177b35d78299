//! The catalog stage: `content/competencies.yaml` (competency frameworks) and
//! `content/resources.yaml` (the resource library), read and checked.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic, Report, did_you_mean};
use crate::fs;
use crate::load::{CONTENT_DIR, normalize, shown};
use crate::yaml;
use checks::id_problem;
use written::{CompetenciesFile, Data, ResourcesFile, WrittenFramework, WrittenResource};

mod checks;
mod entries;
mod unknown;
mod written;

pub use entries::{
    COMPETENCIES_FILE, Catalog, Competency, CompetencyEntry, DataFile, Descriptions, Framework,
    Group, RESOURCES_FILE, Resource,
};

use unknown::competency_not_found;
pub use unknown::{unknown_competency, unknown_resource};

/// Reads and checks the data files of the guide folder `root`; the problems, and the texts
/// they point into, go to `report`.
pub fn load(root: &Path, report: &mut Report) -> Catalog {
    let problems = &mut report.problems;
    let mut texts = Vec::new();
    let mut catalog = Catalog::default();
    if let Some(text) = read(root, COMPETENCIES_FILE, problems) {
        let file = shown(COMPETENCIES_FILE);
        catalog.competencies_file = DataFile::Read;
        match yaml::from_str::<CompetenciesFile>(&text, yaml::Size::DataFile) {
            Ok(read) => {
                let data = Data {
                    file: &file,
                    text: &text,
                };
                read_frameworks(&mut catalog, &read.frameworks, &data, problems);
            }
            Err(error) => {
                catalog.competencies_file = DataFile::Failed;
                problems.push(error.diagnostic(&file, &text, 1));
            }
        }
        catalog.competencies_text = text.clone();
        texts.push((file, Arc::from(text.as_str())));
    }
    if let Some(text) = read(root, RESOURCES_FILE, problems) {
        let file = shown(RESOURCES_FILE);
        catalog.resources_file = DataFile::Read;
        match yaml::from_str::<ResourcesFile>(&text, yaml::Size::DataFile) {
            Ok(read) => {
                let data = Data {
                    file: &file,
                    text: &text,
                };
                for resource in &read.resources {
                    read_resource(&mut catalog, resource, root, &data, problems);
                }
            }
            Err(error) => {
                catalog.resources_file = DataFile::Failed;
                problems.push(error.diagnostic(&file, &text, 1));
            }
        }
        catalog.resources_text = text.clone();
        texts.push((file, Arc::from(text.as_str())));
    }
    for (file, text) in texts {
        report.keep_text(file, text);
    }
    catalog
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

/// Reads the frameworks and their competencies into the catalog.
fn read_frameworks(
    catalog: &mut Catalog,
    frameworks: &[WrittenFramework],
    data: &Data<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let mut reading = Reading {
        data,
        seen: HashMap::new(),
        pages: checks::CompetencyPages::default(),
        problems,
    };
    let mut framework_ids: HashMap<&str, usize> = HashMap::new();
    for (f, written) in frameworks.iter().enumerate() {
        let framework = written.framework();
        if let Some(url) = &written.url {
            reading
                .problems
                .extend(checks::web_address(url, data, false));
        }
        let count = framework_ids.entry(&written.id.value).or_insert(0);
        *count += 1;
        if *count > 1 {
            let message = format!("two frameworks have the id `{}`", framework.id);
            reading.problems.push(
                data.at_value(&written.id, message)
                    .with_hint("give each framework its own id"),
            );
        }
        for (entry, kept) in written.competencies.iter().zip(&framework.competencies) {
            reading.competency(catalog, (f, &framework), entry, kept);
        }
        catalog
            .descriptions
            .frameworks
            .push(written::span(&written.description));
        catalog.frameworks.push(framework);
    }
}

/// The competencies read so far, across frameworks.
struct Reading<'a, 'p> {
    data: &'a Data<'a>,
    /// How many times each competency id was written.
    seen: HashMap<String, usize>,
    pages: checks::CompetencyPages,
    problems: &'p mut Vec<Diagnostic>,
}

impl Reading<'_, '_> {
    /// Reads the competency `entry` (kept as `kept`) of the framework `f` into the catalog,
    /// unless its id is taken.
    fn competency(
        &mut self,
        catalog: &mut Catalog,
        (f, framework): (usize, &Framework),
        entry: &written::WrittenCompetency,
        kept: &CompetencyEntry,
    ) {
        let data = self.data;
        let count = self.seen.entry(kept.id.clone()).or_insert(0);
        *count += 1;
        let first = *count == 1;
        if let Some(problem) = id_problem(&kept.id) {
            self.problems.push(
                data.at_value(&entry.id, problem.to_string())
                    .with_hint("e.g. `id: tlms-1`"),
            );
        }
        if !first {
            let message = format!("two competencies have the id `{}`", kept.id);
            self.problems.push(
                data.at_value(&entry.id, message)
                    .with_hint("competency ids are unique across all frameworks"),
            );
            return;
        }
        self.problems.extend(self.pages.claim(&entry.id, data));
        let group = entry.group.as_ref().and_then(|group| {
            let found = framework.groups.iter().position(|g| g.id == group.value);
            if found.is_none() {
                self.problems.push(unknown_group(framework, group, data));
            }
            found
        });
        catalog
            .competency_ids
            .insert(kept.id.clone(), catalog.competencies.len());
        catalog
            .competency_places
            .push(Some(entry.id.place.past_quote(data.text)));
        catalog
            .descriptions
            .competencies
            .push(written::span(&entry.description));
        catalog.competencies.push(Competency {
            id: kept.id.clone(),
            name: kept.name.clone(),
            description: kept.description.clone(),
            group,
            framework: f,
        });
    }
}

/// The error for a competency's `group` that its framework does not have.
fn unknown_group(framework: &Framework, group: &yaml::At<String>, data: &Data<'_>) -> Diagnostic {
    let ids = || framework.groups.iter().map(|g| g.id.as_str());
    let hint = match did_you_mean(&group.value, ids()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if framework.groups.is_empty() => {
            format!("add `groups:` to the framework `{}`", framework.id)
        }
        None => format!(
            "groups of `{}`: {}",
            framework.id,
            ids().collect::<Vec<_>>().join(", ")
        ),
    };
    let message = format!(
        "no group `{}` in the framework `{}`",
        group.value, framework.id
    );
    data.at_value(group, message).with_hint(hint)
}

/// Reads a resource into the catalog, unless its id is taken.
fn read_resource(
    catalog: &mut Catalog,
    written: &WrittenResource,
    root: &Path,
    data: &Data<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let id = &written.id;
    if let Some(problem) = id_problem(&id.value) {
        problems.push(
            data.at_value(id, problem.to_string())
                .with_hint("e.g. `id: gtl-self-assessment`"),
        );
    }
    if catalog.resource(&id.value).is_some() {
        let message = format!("two resources have the id `{}`", id.value);
        problems.push(
            data.at_value(id, message)
                .with_hint("give each resource its own id"),
        );
        return;
    }
    let mut supports = Vec::new();
    for competency in &written.competencies {
        match catalog.competency(&competency.value) {
            Some(c) => supports.push(c),
            None if catalog.competencies_failed() => {}
            None => {
                let problem = competency_not_found(catalog, &competency.value);
                problems.push(data.at(problem, competency.place));
            }
        }
    }
    problems.extend(resource_address(written, root, data));
    catalog
        .resource_ids
        .insert(id.value.clone(), catalog.resources.len());
    catalog
        .descriptions
        .resources
        .push(written::span(&written.description));
    catalog.resources.push(written.resource());
    catalog.resource_competencies.push(supports);
}

/// The problem of a resource's `url` or `file`: both written, an address that is not a web
/// address, a file that content/ does not have.
fn resource_address(written: &WrittenResource, root: &Path, data: &Data<'_>) -> Option<Diagnostic> {
    match (&written.url, &written.file) {
        (Some(_), Some(_)) => {
            let message = format!(
                "the resource `{}` has both `url` and `file`",
                written.id.value
            );
            Some(data.at_value(&written.id, message).with_hint(
                "keep one: `url:` for a web address, `file:` for a file inside content/",
            ))
        }
        (Some(url), None) => checks::web_address(url, data, true),
        (None, Some(path)) => {
            let inside = crate::url::join("", &path.value).filter(|p| !p.is_empty());
            if inside.is_some_and(|p| root.join(CONTENT_DIR).join(p).is_file()) {
                return None;
            }
            let message = format!("there is no file content/{}", path.value);
            Some(data.at(Diagnostic::error(Code::Catalog, message), path.place)
                .with_hint("`file:` is a path inside content/, e.g. `file: leading-teams/peer-observation/look-fors.pdf`"))
        }
        (None, None) => None,
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
        let mut report = crate::diagnostic::Report::default();
        let catalog = load(dir.path(), &mut report);
        (dir, catalog, report.problems)
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
