//! The values a page's front matter may hold besides text and lists of ids.

use serde::{Deserialize, Serialize};

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
