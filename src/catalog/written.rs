//! The data files as written: the same entries as the catalog's, with the places of the
//! values its problems are reported at.

use serde::Deserialize;

use super::entries::{CompetencyEntry, Framework, Group, Resource};
use crate::diagnostic::{Code, Diagnostic};
use crate::yaml::{self, At, Place, Span, Spanned};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompetenciesFile {
    #[serde(default)]
    pub frameworks: Vec<WrittenFramework>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourcesFile {
    #[serde(default)]
    pub resources: Vec<WrittenResource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenFramework {
    pub id: At<String>,
    title: String,
    #[serde(default)]
    organization: Option<String>,
    #[serde(default)]
    year: Option<u32>,
    #[serde(default)]
    pub url: Option<At<String>>,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    #[serde(default)]
    groups: Vec<Group>,
    #[serde(default)]
    pub competencies: Vec<WrittenCompetency>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenCompetency {
    pub id: At<String>,
    name: String,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    #[serde(default)]
    pub group: Option<At<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenResource {
    pub id: At<String>,
    title: String,
    #[serde(default)]
    organization: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    year: Option<u32>,
    kind: String,
    #[serde(default)]
    pub url: Option<At<String>>,
    #[serde(default)]
    pub file: Option<At<String>>,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    #[serde(default)]
    pub competencies: Vec<At<String>>,
}

fn value<T: Clone>(at: Option<&At<T>>) -> Option<T> {
    at.map(|at| at.value.clone())
}

fn text(spanned: Option<&Spanned<String>>) -> Option<String> {
    spanned.map(|spanned| spanned.value.clone())
}

/// Where a description is written.
pub fn span(description: &Option<Spanned<String>>) -> Option<Span> {
    description.as_ref().map(|description| description.span)
}

impl WrittenFramework {
    /// The framework, as the catalog keeps it.
    pub fn framework(&self) -> Framework {
        Framework {
            id: self.id.value.clone(),
            title: self.title.clone(),
            organization: self.organization.clone(),
            year: self.year,
            url: value(self.url.as_ref()),
            description: text(self.description.as_ref()),
            groups: self.groups.clone(),
            competencies: self
                .competencies
                .iter()
                .map(WrittenCompetency::entry)
                .collect(),
        }
    }
}

impl WrittenCompetency {
    fn entry(&self) -> CompetencyEntry {
        CompetencyEntry {
            id: self.id.value.clone(),
            name: self.name.clone(),
            description: text(self.description.as_ref()),
            group: value(self.group.as_ref()),
        }
    }
}

impl WrittenResource {
    /// The resource, as the catalog keeps it.
    pub fn resource(&self) -> Resource {
        Resource {
            id: self.id.value.clone(),
            title: self.title.clone(),
            organization: self.organization.clone(),
            authors: self.authors.clone(),
            year: self.year,
            kind: self.kind.clone(),
            url: value(self.url.as_ref()),
            file: value(self.file.as_ref()),
            description: text(self.description.as_ref()),
            competencies: self.competencies.iter().map(|c| c.value.clone()).collect(),
        }
    }
}

/// A data file being read: its name as shown and its text, for placing problems.
pub struct Data<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

impl Data<'_> {
    /// `diagnostic`, in this file at `place` (past a quote that opens the value there).
    pub fn at(&self, diagnostic: Diagnostic, place: Place) -> Diagnostic {
        let place = place.past_quote(self.text);
        diagnostic
            .in_file(self.file)
            .at_offset(self.text, place.line, place.column, place.offset)
    }

    /// A catalog error at the value `value` written at `place`.
    pub fn at_value(&self, value: &yaml::At<String>, message: String) -> Diagnostic {
        self.at(Diagnostic::error(Code::Catalog, message), value.place)
            .spanning(value.value.len())
    }
}
