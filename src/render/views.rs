//! What templates receive of a page of the guide: borrowed, serialisable views (see
//! docs/templates.md).

use serde::Serialize;

use super::catalog_view::{self, CompetencyView, DownloadView, PageTaxonomy, ResourceView};
use super::context::RenderContext;
use crate::generated;
use crate::guide::{Guide, Page, PageKind};
use crate::parse::front_matter::TimeNeeded;
use crate::parse::markdown::TocEntry;
use crate::url;
use crate::yaml::Mapping;

#[derive(Serialize)]
pub struct PageView<'a> {
    pub kind: PageKind,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub url: &'a str,
    pub source: &'a str,
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub weight: Option<i64>,
    pub updated: Option<&'a str>,
    pub time: Option<TimeNeeded>,
    pub draft: bool,
    pub competencies: Vec<&'a CompetencyView<'a>>,
    pub resources: Vec<ResourceView<'a>>,
    pub downloads: Vec<DownloadView<'a>>,
    pub taxonomies: Vec<PageTaxonomy<'a>>,
    pub extra: &'a Mapping,
    pub json_ld: String,
    /// The print edition (home page) or this section's part of it (sections), site-relative.
    pub print: Option<String>,
}

impl<'a> PageView<'a> {
    pub fn new(guide: &'a Guide, shared: &'a RenderContext<'a>, page: &'a Page) -> Self {
        let front = &page.front;
        PageView {
            kind: page.kind,
            title: &front.title,
            summary: front.summary.as_deref(),
            url: &page.url,
            source: &page.source,
            content: crate::parse::markdown::html(&page.body, &guide.config.markdown),
            toc: &page.toc,
            weight: front.weight,
            updated: front.updated.as_deref(),
            time: front.time,
            draft: front.draft,
            competencies: shared.page_competencies(page),
            resources: shared.page_resources(page),
            downloads: catalog_view::downloads(page),
            taxonomies: catalog_view::taxonomies(guide, page),
            extra: &front.extra,
            json_ld: super::json_ld::learning_resource(guide, page),
            print: match page.kind {
                PageKind::Home => Some(generated::PRINT_URL.to_string()),
                PageKind::Section => Some(generated::print_part_url(&page.url)),
                PageKind::Page => None,
            },
        }
    }
}

/// A link to a page: its title and site-relative URL.
#[derive(Serialize)]
pub struct LinkView<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

impl<'a> LinkView<'a> {
    pub fn new(page: &'a Page) -> Self {
        LinkView {
            title: &page.front.title,
            url: &page.url,
        }
    }
}

/// A direct page or subsection, as listed on its section's page.
#[derive(Serialize)]
pub struct ChildView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: Option<&'a str>,
    pub kind: PageKind,
}

/// The direct pages and subsections of `page`, as its page lists them.
pub fn children(guide: &Guide, page: usize) -> Vec<ChildView<'_>> {
    guide.pages[page]
        .children
        .iter()
        .map(|&c| {
            let child = &guide.pages[c];
            ChildView {
                title: &child.front.title,
                url: &child.url,
                summary: child.front.summary.as_deref(),
                kind: child.kind,
            }
        })
        .collect()
}

/// The pages above `page`, from the home page down to its parent.
pub fn breadcrumbs(guide: &Guide, page: usize) -> Vec<LinkView<'_>> {
    let chain = guide.ancestry(page);
    chain[..chain.len() - 1]
        .iter()
        .map(|&p| LinkView::new(&guide.pages[p]))
        .collect()
}

/// The absolute URL of a page, when the guide has a `base_url`.
pub fn canonical(guide: &Guide, page: &Page) -> Option<String> {
    guide
        .config
        .base_url
        .as_ref()
        .map(|base| format!("{base}{}", url::pretty(&page.url)))
}
