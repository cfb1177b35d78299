//! The render context: the values every page shares, computed once per render and borrowed
//! by every page's views.

use std::sync::OnceLock;

use serde::Serialize;
use tera::Context;

use super::catalog_view::{self, CompetencyView, IndexLink, ResourceView};
use crate::generated;
use crate::guide::{Guide, Page, PageResource};

/// The guide's settings as templates see them (`guide`).
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

/// What every page's views borrow from: computed once per render.
pub struct RenderContext<'a> {
    pub competencies: Vec<CompetencyView<'a>>,
    /// HTML of each competency's description.
    pub competency_descriptions: Vec<Option<String>>,
    pub resources: Vec<ResourceView<'a>>,
    /// The template variables that are the same on every page (`guide`, `indexes`, `search`,
    /// `feed` and the empty defaults), made once and copied per page: template values share
    /// their contents, so a copy is cheap.
    pub base: Context,
    /// Each page's sidebar entry when it is neither open nor current, which is the same on
    /// every page that shows it: made on first use, then shared.
    pub nav_entries: Vec<OnceLock<tera::Value>>,
    /// The same as a row of `nav_rows`.
    pub nav_rows: Vec<OnceLock<tera::Value>>,
}

impl<'a> RenderContext<'a> {
    pub fn new(guide: &'a Guide) -> Self {
        let competencies = catalog_view::competencies(guide);
        let markdown = &guide.config.markdown;
        let competency_descriptions = guide
            .catalog
            .competencies
            .iter()
            .map(|c| {
                c.description
                    .as_deref()
                    .map(|d| catalog_view::description_html(d, markdown))
            })
            .collect();
        let resources = catalog_view::resources(guide, &competencies);
        let cache = || (0..guide.pages.len()).map(|_| OnceLock::new()).collect();
        RenderContext {
            base: common(guide, &index_links(guide)),
            nav_entries: cache(),
            nav_rows: cache(),
            competencies,
            competency_descriptions,
            resources,
        }
    }

    pub fn page_competencies(&self, page: &Page) -> Vec<&CompetencyView<'a>> {
        page.competencies
            .iter()
            .map(|&c| &self.competencies[c])
            .collect()
    }

    pub fn page_resources<'p>(&'p self, page: &'p Page) -> Vec<ResourceView<'p>>
    where
        'a: 'p,
    {
        page.resources
            .iter()
            .map(|resource| match resource {
                PageResource::Catalog(r) => self.resources[*r].clone(),
                PageResource::Inline(inline, url) => {
                    catalog_view::inline_resource(inline, url.as_deref())
                }
            })
            .collect()
    }
}

/// The generated index pages the guide has (`indexes`): Competencies, Resources, one per
/// taxonomy in use.
fn index_links(guide: &Guide) -> Vec<IndexLink> {
    let catalog = &guide.catalog;
    let mut indexes = Vec::new();
    if !catalog.competencies.is_empty() {
        indexes.push(IndexLink {
            title: "Competencies".into(),
            url: generated::COMPETENCIES_URL.into(),
        });
    }
    if !catalog.resources.is_empty() {
        indexes.push(IndexLink {
            title: "Resources".into(),
            url: generated::RESOURCES_URL.into(),
        });
    }
    for (name, taxonomy) in &guide.config.taxonomies {
        if guide
            .taxonomy_pages
            .get(name)
            .is_some_and(|values| !values.is_empty())
        {
            indexes.push(IndexLink {
                title: taxonomy.title.clone(),
                url: generated::taxonomy_url(name),
            });
        }
    }
    indexes
}

/// The variables that are the same for every page; see [`RenderContext::base`].
fn common(guide: &Guide, indexes: &[IndexLink]) -> Context {
    let mut context = Context::new();
    context.insert("guide", &GuideView::new(guide));
    context.insert("indexes", indexes);
    context.insert("is_home", &false);
    context.insert("prev", &None::<()>);
    context.insert("next", &None::<()>);
    context.insert("canonical", &None::<()>);
    context.insert("children", &Vec::<()>::new());
    context.insert("breadcrumbs", &Vec::<()>::new());
    context.insert(
        "feed",
        &guide.config.base_url.as_ref().map(|_| generated::FEED_URL),
    );
    context.insert("search", &crate::search::links(guide));
    context
}
