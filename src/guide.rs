//! The linked guide: its pages in one `Vec`, related by index, in reading order.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::parse::front_matter::{FrontMatter, InlineResource};
use crate::parse::markdown::{Body, TocEntry};

/// What a page is in the guide's tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Section,
    Page,
}

impl PageKind {
    /// The kind as templates see it: `home`, `section` or `page`.
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Section => "section",
            PageKind::Page => "page",
        }
    }
}

/// What a generated page is (a page the guide makes rather than one of its sources): each
/// kind has its template, and templates see the kind as `page.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GeneratedKind {
    /// The competency index with its coverage matrices.
    Competencies,
    /// The page of one competency.
    Competency,
    /// The resource library.
    Resources,
    /// The listing of a taxonomy's values.
    Taxonomy,
    /// The pages with one value of a taxonomy.
    TaxonomyValue,
    /// The print edition.
    Print,
    /// The search page.
    Search,
    /// The page a host serves for an address it has no file for.
    #[serde(rename = "404")]
    NotFound,
}

impl GeneratedKind {
    /// The template that renders pages of this kind.
    pub fn template(self) -> &'static str {
        match self {
            GeneratedKind::Competencies => "competencies.html",
            GeneratedKind::Competency => "competency.html",
            GeneratedKind::Resources => "resources.html",
            GeneratedKind::Taxonomy => "taxonomy.html",
            GeneratedKind::TaxonomyValue => "taxonomy_value.html",
            GeneratedKind::Print => "print.html",
            GeneratedKind::Search => "search.html",
            GeneratedKind::NotFound => "404.html",
        }
    }
}

/// A page of the guide: the home page, a section page or a content page.
#[derive(Debug, Clone)]
pub struct Page {
    pub kind: PageKind,
    /// Path inside `content/`, e.g. `selecting/rubrics.md`.
    pub source: String,
    /// Site-relative output URL, e.g. `selecting/rubrics/index.html`.
    pub url: String,
    pub front: FrontMatter,
    /// The Markdown body with its resolved addresses, which the render stage writes as HTML.
    pub body: Body,
    pub toc: Vec<TocEntry>,
    /// Ids a `#fragment` may name on this page.
    pub anchor_ids: Vec<String>,
    /// The page's links with a `#fragment`, checked against their targets' ids.
    pub anchors: Vec<AnchorLink>,
    /// The page's `http(s):` links, for `check --external`.
    pub external: Vec<ExternalLink>,
    /// Competencies the page develops (indices into the catalog).
    pub competencies: Vec<usize>,
    pub resources: Vec<PageResource>,
    pub downloads: Vec<Download>,
    pub parent: Option<usize>,
    /// Direct pages and subsections, in order (sections and the home page only).
    pub children: Vec<usize>,
    pub prev: Option<usize>,
    pub next: Option<usize>,
}

/// A `#fragment` that must name a heading of page `page`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorCheck {
    pub page: usize,
    pub anchor: String,
}

/// A link with a `#fragment`, kept until every page's headings are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    pub check: AnchorCheck,
    /// Byte range of the address in the file, and its 1-based line and column.
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
}

/// An `http(s):` address written in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
}

/// A resource a page cites: an entry of the catalog, or one written in place with, when its
/// `url` is a page or file of the guide, the site-relative address it leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum PageResource {
    Catalog(usize),
    Inline(InlineResource, Option<String>),
}

/// A file of the page bundle offered as a handout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub title: String,
    /// As written in the front matter.
    pub file: String,
    /// Site-relative output path.
    pub url: String,
    pub bytes: u64,
}

/// A file published as it is, at a site-relative path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub path: String,
    /// Path inside `content/`.
    pub source: String,
    pub file: PathBuf,
}

/// The whole guide, linked and ready to render.
#[derive(Debug, Clone)]
pub struct Guide {
    pub config: Config,
    /// Every page; index 0 is the home page.
    pub pages: Vec<Page>,
    /// Page indices in reading order.
    pub order: Vec<usize>,
    /// Content files published beside their pages.
    pub assets: Vec<Published>,
    /// Source paths of the drafts this build leaves out.
    pub drafts: Vec<String>,
    pub catalog: Catalog,
    /// For each competency, the pages that develop it, in reading order.
    pub developed_by: Vec<Vec<usize>>,
    /// For each resource, the pages that cite it, in reading order.
    pub cited_by: Vec<Vec<usize>>,
    /// For each resource with a `file`, its site-relative output path.
    pub resource_files: Vec<Option<String>>,
    /// For each taxonomy, each value in use and its pages, in reading order.
    pub taxonomy_pages: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
}

/// What the link stage made of the content: the pages, placed, resolved and in reading order.
#[derive(Debug)]
pub struct Linked {
    pub config: Config,
    /// Every page; index 0 is the home page.
    pub pages: Vec<Page>,
    /// Page indices in reading order.
    pub order: Vec<usize>,
    pub assets: Vec<Published>,
    pub drafts: Vec<String>,
    pub catalog: Catalog,
    pub resource_files: Vec<Option<String>>,
}

impl Guide {
    /// The guide of the linked pages, with its indexes: who develops each competency, who
    /// cites each resource, which pages carry each taxonomy value.
    pub fn new(linked: Linked) -> Guide {
        let developed_by = developed_by(&linked);
        let cited_by = cited_by(&linked);
        let taxonomy_pages = taxonomy_pages(&linked);
        Guide {
            config: linked.config,
            pages: linked.pages,
            order: linked.order,
            assets: linked.assets,
            drafts: linked.drafts,
            catalog: linked.catalog,
            developed_by,
            cited_by,
            resource_files: linked.resource_files,
            taxonomy_pages,
        }
    }

    /// The top-level page on the way from the home page to `page`: the home page's child that
    /// is `page` or holds it; `None` for the home page.
    pub fn top_level(&self, page: usize) -> Option<usize> {
        let mut at = page;
        loop {
            match self.pages[at].parent {
                None => return None,
                Some(parent) if self.pages[parent].parent.is_none() => return Some(at),
                Some(parent) => at = parent,
            }
        }
    }

    /// The chain of pages from the home page down to `page`, both included.
    pub fn ancestry(&self, page: usize) -> Vec<usize> {
        let mut chain = vec![page];
        let mut at = page;
        while let Some(parent) = self.pages[at].parent {
            chain.push(parent);
            at = parent;
        }
        chain.reverse();
        chain
    }
}

/// For each competency, the pages that develop it, in reading order.
fn developed_by(linked: &Linked) -> Vec<Vec<usize>> {
    let mut developed_by = vec![Vec::new(); linked.catalog.competencies.len()];
    for &p in &linked.order {
        for &c in &linked.pages[p].competencies {
            developed_by[c].push(p);
        }
    }
    developed_by
}

/// For each resource, the pages that cite it, in reading order.
fn cited_by(linked: &Linked) -> Vec<Vec<usize>> {
    let mut cited_by: Vec<Vec<usize>> = vec![Vec::new(); linked.catalog.resources.len()];
    for &p in &linked.order {
        for resource in &linked.pages[p].resources {
            if let PageResource::Catalog(r) = resource
                && cited_by[*r].last() != Some(&p)
            {
                cited_by[*r].push(p);
            }
        }
    }
    cited_by
}

/// For each taxonomy of the settings or of a page, each value in use and its pages, in
/// reading order.
fn taxonomy_pages(linked: &Linked) -> BTreeMap<String, BTreeMap<String, Vec<usize>>> {
    let mut taxonomies: BTreeMap<String, BTreeMap<String, Vec<usize>>> = linked
        .config
        .taxonomies
        .keys()
        .map(|name| (name.clone(), BTreeMap::new()))
        .collect();
    for &p in &linked.order {
        for (name, values) in &linked.pages[p].front.taxonomies {
            let by_value = taxonomies.entry(name.clone()).or_default();
            for value in values {
                let pages = by_value.entry(value.clone()).or_default();
                if pages.last() != Some(&p) {
                    pages.push(p);
                }
            }
        }
    }
    taxonomies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_kinds_read_as_templates_knew_them() {
        let names: Vec<String> = [
            GeneratedKind::Competencies,
            GeneratedKind::Competency,
            GeneratedKind::Resources,
            GeneratedKind::Taxonomy,
            GeneratedKind::TaxonomyValue,
            GeneratedKind::Print,
            GeneratedKind::Search,
            GeneratedKind::NotFound,
        ]
        .iter()
        .map(|kind| serde_json::to_string(kind).unwrap())
        .collect();
        assert_eq!(
            names,
            [
                "\"competencies\"",
                "\"competency\"",
                "\"resources\"",
                "\"taxonomy\"",
                "\"taxonomy_value\"",
                "\"print\"",
                "\"search\"",
                "\"404\""
            ]
        );
        assert_eq!(
            GeneratedKind::TaxonomyValue.template(),
            "taxonomy_value.html"
        );
        assert_eq!(GeneratedKind::NotFound.template(), "404.html");
    }
}
