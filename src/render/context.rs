//! What templates receive: borrowed, serialisable views of the guide (see docs/templates.md).

use serde::Serialize;

use super::catalog_view::{self, CompetencyView, DownloadView, PageTaxonomy, ResourceView, Shared};
use crate::guide::{Guide, Page, PageKind};
use crate::parse::front_matter::TimeNeeded;
use crate::parse::markdown::TocEntry;
use crate::url;
use crate::yaml::Mapping;

#[derive(Serialize)]
pub struct GuideView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub language: &'a str,
    pub base_url: Option<&'a str>,
}

impl<'a> GuideView<'a> {
    pub fn new(guide: &'a Guide) -> Self {
        let config = &guide.config;
        GuideView {
            title: &config.title,
            description: config.description.as_deref(),
            language: &config.language,
            base_url: config.base_url.as_deref(),
        }
    }
}

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
    pub fn new(guide: &'a Guide, shared: &'a Shared<'a>, page: &'a Page) -> Self {
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
                PageKind::Home => Some(super::print::PRINT_URL.to_string()),
                PageKind::Section => Some(super::print::part_url(&page.url)),
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

/// The sidebar of the page `current` (or of no page, for the 404 page): the home page's
/// children, with the branch down to `current` open, as a template value. Each entry is a
/// `{title, url, kind, current, open, children}`, and only sections on the branch carry their
/// children; the entries off the branch come ready-made from `shared`.
pub fn nav(guide: &Guide, shared: &Shared<'_>, current: Option<usize>) -> tera::Value {
    let path = current.map(|c| guide.ancestry(c)).unwrap_or_default();
    match guide.pages.first() {
        Some(_) => items(guide, shared, 0, &path, current),
        None => tera::Value::from(Vec::<tera::Value>::new()),
    }
}

fn items(
    guide: &Guide,
    shared: &Shared<'_>,
    section: usize,
    path: &[usize],
    current: Option<usize>,
) -> tera::Value {
    let entries: Vec<tera::Value> = guide.pages[section]
        .children
        .iter()
        .map(|&child| {
            let page = &guide.pages[child];
            let open = page.kind == PageKind::Section && path.contains(&child);
            let is_current = current == Some(child);
            if !open && !is_current {
                return shared.nav_entries[child]
                    .get_or_init(|| nav_entry(page, false, false, Vec::<tera::Value>::new().into()))
                    .clone();
            }
            let children = if open {
                items(guide, shared, child, path, current)
            } else {
                Vec::<tera::Value>::new().into()
            };
            nav_entry(page, is_current, open, children)
        })
        .collect();
    entries.into()
}

/// The sidebar of the page `current` as rows in tree order, for a template to write with
/// one loop: Tera limits how deep components call themselves (20), and sections nest to any
/// depth. Each row is a nav item without `children`, plus `list` (true when the entry's
/// children follow, in a nested list); a row whose `kind` is `"end"` closes that list.
pub fn nav_rows(guide: &Guide, shared: &Shared<'_>, current: Option<usize>) -> tera::Value {
    let path = current.map(|c| guide.ancestry(c)).unwrap_or_default();
    let mut rows = Vec::new();
    // The children still to write at each open level, walked without recursion.
    let mut levels: Vec<std::slice::Iter<'_, usize>> = guide
        .pages
        .first()
        .map(|home| home.children.iter())
        .into_iter()
        .collect();
    while let Some(level) = levels.last_mut() {
        let Some(&child) = level.next() else {
            levels.pop();
            if !levels.is_empty() {
                let mut end = tera::Map::default();
                end.insert("kind".into(), "end".into());
                rows.push(end.into());
            }
            continue;
        };
        let page = &guide.pages[child];
        let open = page.kind == PageKind::Section && path.contains(&child);
        let is_current = current == Some(child);
        if !open && !is_current {
            let closed = || nav_row(page, false, false, false);
            rows.push(shared.nav_rows[child].get_or_init(closed).clone());
            continue;
        }
        let list = open && !page.children.is_empty();
        rows.push(nav_row(page, is_current, open, list));
        if list {
            levels.push(page.children.iter());
        }
    }
    rows.into()
}

/// One row of `nav_rows` as a template value.
fn nav_row(page: &Page, current: bool, open: bool, list: bool) -> tera::Value {
    let mut row = tera::Map::default();
    row.insert("title".into(), page.front.title.as_str().into());
    row.insert("url".into(), page.url.as_str().into());
    row.insert("kind".into(), page.kind.as_str().into());
    row.insert("current".into(), current.into());
    row.insert("open".into(), open.into());
    row.insert("list".into(), list.into());
    row.into()
}

/// One sidebar entry as a template value.
fn nav_entry(page: &Page, current: bool, open: bool, children: tera::Value) -> tera::Value {
    let mut entry = tera::Map::default();
    entry.insert("title".into(), page.front.title.as_str().into());
    entry.insert("url".into(), page.url.as_str().into());
    entry.insert("kind".into(), page.kind.as_str().into());
    entry.insert("current".into(), current.into());
    entry.insert("open".into(), open.into());
    entry.insert("children".into(), children);
    entry.into()
}

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
