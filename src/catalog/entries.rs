//! What the catalog holds: the competency frameworks and the resources of a guide, as the
//! later stages see them.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::yaml::{Place, Span};

/// The competency frameworks' file, in `content/`.
pub const COMPETENCIES_FILE: &str = "competencies.yaml";
/// The resource catalog's file, in `content/`.
pub const RESOURCES_FILE: &str = "resources.yaml";

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
    pub(super) competency_ids: HashMap<String, usize>,
    pub(super) resource_ids: HashMap<String, usize>,
    /// Where each competency's `id:` is written in `competencies.yaml`, for warnings.
    pub competency_places: Vec<Option<Place>>,
    /// Where the descriptions are written, for problems found in them.
    pub descriptions: Descriptions,
    pub competencies_text: String,
    /// The text of `resources.yaml`, for problems found in its descriptions.
    pub resources_text: String,
    pub competencies_file: DataFile,
    pub resources_file: DataFile,
}

/// Where each framework's, competency's and resource's description is written in its data
/// file (`None` for one without a description), in the order of the catalog's lists.
#[derive(Debug, Clone, Default)]
pub struct Descriptions {
    pub frameworks: Vec<Option<Span>>,
    pub competencies: Vec<Option<Span>>,
    pub resources: Vec<Option<Span>>,
}

/// What became of a data file: whether it exists, for the hint of a reference that does
/// not resolve; whether it could not be read, when references into it are not checked,
/// since every one would fail for the one reason already reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DataFile {
    #[default]
    Missing,
    Read,
    Failed,
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

    /// Whether `competencies.yaml` could not be read.
    pub fn competencies_failed(&self) -> bool {
        self.competencies_file == DataFile::Failed
    }

    /// Whether `resources.yaml` could not be read.
    pub fn resources_failed(&self) -> bool {
        self.resources_file == DataFile::Failed
    }
}
