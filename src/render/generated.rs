//! The generated pages: the competency index with its coverage matrices, a page per
//! competency, the resource library, and the taxonomy listings.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::catalog_view::{
    CompetencyRef, CompetencyView, IndexLink, ResourceView, Shared, kind_heading,
    taxonomy_value_url,
};
use super::context::LinkView;
use crate::guide::{Guide, PageKind};

/// A generated page to render: where, with which template, and its own variables.
pub struct Generated {
    pub url: String,
    pub template: &'static str,
    pub kind: &'static str,
    pub title: String,
    pub summary: Option<String>,
    /// Breadcrumbs below the home page, e.g. the competency index for a competency.
    pub trail: Vec<IndexLink>,
    pub context: Context,
}

#[derive(Serialize)]
struct FrameworkView<'a> {
    id: &'a str,
    title: &'a str,
    organization: Option<&'a str>,
    year: Option<u32>,
    external: Option<&'a str>,
    description: Option<String>,
    groups: Vec<GroupView<'a>>,
}

#[derive(Serialize)]
struct GroupView<'a> {
    id: Option<&'a str>,
    name: Option<&'a str>,
    competencies: Vec<CompetencyDetail<'a>>,
}

#[derive(Serialize)]
struct CompetencyDetail<'a> {
    #[serde(flatten)]
    view: CompetencyView<'a>,
    description: Option<String>,
}

#[derive(Serialize)]
struct Matrix<'a> {
    framework: super::catalog_view::FrameworkRef<'a>,
    columns: Vec<CompetencyRef<'a>>,
    rows: Vec<MatrixRow<'a>>,
    max: usize,
}

#[derive(Serialize)]
struct MatrixRow<'a> {
    title: &'a str,
    url: &'a str,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct Cell {
    count: usize,
    level: usize,
}

/// The colour step of a count, 0 for none and 4 for the largest.
pub fn level(count: usize, max: usize) -> usize {
    if count == 0 || max == 0 {
        0
    } else {
        (count * 4).div_ceil(max).clamp(1, 4)
    }
}

/// Every generated page of the guide.
pub fn pages<'a>(guide: &'a Guide, shared: &Shared<'a>) -> Vec<Generated> {
    let mut out = Vec::new();
    if !guide.catalog.competencies.is_empty() {
        out.push(competency_index(guide, shared));
        let index = IndexLink {
            title: "Competencies".into(),
            url: "competencies/index.html".into(),
        };
        for c in 0..guide.catalog.competencies.len() {
            out.push(competency_page(guide, shared, c, index.clone()));
        }
    }
    if !guide.catalog.resources.is_empty() {
        out.push(resource_library(guide, shared));
    }
    taxonomy_pages(guide, &mut out);
    out
}

fn competency_index(guide: &Guide, shared: &Shared<'_>) -> Generated {
    let catalog = &guide.catalog;
    let frameworks: Vec<FrameworkView<'_>> = catalog
        .frameworks
        .iter()
        .enumerate()
        .map(|(f, framework)| {
            let detail = |c: usize| CompetencyDetail {
                view: shared.competencies[c].clone(),
                description: shared.competency_descriptions[c].clone(),
            };
            let members: Vec<usize> = (0..catalog.competencies.len())
                .filter(|&c| catalog.competencies[c].framework == f)
                .collect();
            let mut groups: Vec<GroupView<'_>> = framework
                .groups
                .iter()
                .enumerate()
                .map(|(g, group)| GroupView {
                    id: Some(&group.id),
                    name: Some(&group.name),
                    competencies: members
                        .iter()
                        .filter(|&&c| catalog.competencies[c].group == Some(g))
                        .map(|&c| detail(c))
                        .collect(),
                })
                .filter(|g| !g.competencies.is_empty())
                .collect();
            let ungrouped: Vec<CompetencyDetail<'_>> = members
                .iter()
                .filter(|&&c| catalog.competencies[c].group.is_none())
                .map(|&c| detail(c))
                .collect();
            if !ungrouped.is_empty() {
                groups.push(GroupView {
                    id: None,
                    name: None,
                    competencies: ungrouped,
                });
            }
            FrameworkView {
                id: &framework.id,
                title: &framework.title,
                organization: framework.organization.as_deref(),
                year: framework.year,
                external: framework.url.as_deref(),
                description: framework
                    .description
                    .as_deref()
                    .map(|d| super::catalog_view::description_html(d, &guide.config.markdown)),
                groups,
            }
        })
        .collect();

    // Rows: the home page's direct children; a row counts its pages and all below them.
    let top: Vec<usize> = guide
        .pages
        .first()
        .map(|home| home.children.clone())
        .unwrap_or_default();
    let row_of: Vec<Option<usize>> = (0..guide.pages.len())
        .map(|p| {
            guide
                .top_level(p)
                .and_then(|t| top.iter().position(|&x| x == t))
        })
        .collect();
    let matrices: Vec<Matrix<'_>> = catalog
        .frameworks
        .iter()
        .enumerate()
        .filter_map(|(f, framework)| {
            let members: Vec<usize> = (0..catalog.competencies.len())
                .filter(|&c| catalog.competencies[c].framework == f)
                .collect();
            let mut counts = vec![vec![0usize; members.len()]; top.len()];
            for (column, &c) in members.iter().enumerate() {
                for &p in &guide.developed_by[c] {
                    if let Some(row) = row_of[p] {
                        counts[row][column] += 1;
                    }
                }
            }
            let max = counts.iter().flatten().copied().max().unwrap_or(0);
            (max > 0).then(|| Matrix {
                framework: super::catalog_view::FrameworkRef {
                    id: &framework.id,
                    title: &framework.title,
                },
                columns: members
                    .iter()
                    .map(|&c| shared.competencies[c].reference())
                    .collect(),
                rows: top
                    .iter()
                    .zip(&counts)
                    .map(|(&t, counts)| MatrixRow {
                        title: &guide.pages[t].front.title,
                        url: &guide.pages[t].url,
                        cells: counts
                            .iter()
                            .map(|&count| Cell {
                                count,
                                level: level(count, max),
                            })
                            .collect(),
                    })
                    .collect(),
                max,
            })
        })
        .collect();

    let mut context = Context::new();
    context.insert("frameworks", &frameworks);
    context.insert("matrices", &matrices);
    Generated {
        url: "competencies/index.html".into(),
        template: "competencies.html",
        kind: "competencies",
        title: "Competencies".into(),
        summary: Some(
            "The competency frameworks this guide develops, and how its sections cover them."
                .into(),
        ),
        trail: Vec::new(),
        context,
    }
}

#[derive(Serialize)]
struct SectionPages<'a> {
    title: &'a str,
    url: &'a str,
    pages: Vec<PageEntry<'a>>,
}

#[derive(Serialize)]
struct PageEntry<'a> {
    title: &'a str,
    url: &'a str,
    summary: Option<&'a str>,
    section: Option<&'a str>,
}

/// Pages grouped by their top-level section (the home page stands for itself), in reading order.
fn by_section<'a>(guide: &'a Guide, pages: &[usize]) -> Vec<SectionPages<'a>> {
    let mut groups: Vec<SectionPages<'a>> = Vec::new();
    let mut keys: Vec<usize> = Vec::new();
    for &p in pages {
        let top = guide.top_level(p).unwrap_or(0);
        let at = match keys.iter().position(|&k| k == top) {
            Some(at) => at,
            None => {
                keys.push(top);
                let head = &guide.pages[top];
                groups.push(SectionPages {
                    title: &head.front.title,
                    url: &head.url,
                    pages: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let page = &guide.pages[p];
        groups[at].pages.push(PageEntry {
            title: &page.front.title,
            url: &page.url,
            summary: page.front.summary.as_deref(),
            section: None,
        });
    }
    groups
}

#[derive(Serialize)]
struct CompetencyPage<'a> {
    #[serde(flatten)]
    view: CompetencyView<'a>,
    description: Option<String>,
    framework: FrameworkDetail<'a>,
    sections: Vec<SectionPages<'a>>,
    resources: Vec<ResourceView<'a>>,
}

#[derive(Serialize)]
struct FrameworkDetail<'a> {
    id: &'a str,
    title: &'a str,
    organization: Option<&'a str>,
    year: Option<u32>,
    external: Option<&'a str>,
}

fn competency_page(guide: &Guide, shared: &Shared<'_>, c: usize, index: IndexLink) -> Generated {
    let catalog = &guide.catalog;
    let competency = &catalog.competencies[c];
    let framework = &catalog.frameworks[competency.framework];
    let view = CompetencyPage {
        view: shared.competencies[c].clone(),
        description: shared.competency_descriptions[c].clone(),
        framework: FrameworkDetail {
            id: &framework.id,
            title: &framework.title,
            organization: framework.organization.as_deref(),
            year: framework.year,
            external: framework.url.as_deref(),
        },
        sections: by_section(guide, &guide.developed_by[c]),
        resources: (0..catalog.resources.len())
            .filter(|&r| catalog.resource_competencies[r].contains(&c))
            .map(|r| shared.resources[r].clone())
            .collect(),
    };
    let mut context = Context::new();
    context.insert("competency", &view);
    Generated {
        url: shared.competencies[c].url.clone(),
        template: "competency.html",
        kind: "competency",
        title: competency.name.clone(),
        summary: Some(format!("A competency of {}.", framework.title)),
        trail: vec![index],
        context,
    }
}

#[derive(Serialize)]
struct KindGroup<'a> {
    kind: &'a str,
    title: String,
    resources: Vec<ResourceDetail<'a>>,
}

#[derive(Serialize)]
struct ResourceDetail<'a> {
    #[serde(flatten)]
    view: ResourceView<'a>,
    pages: Vec<LinkView<'a>>,
}

fn resource_library(guide: &Guide, shared: &Shared<'_>) -> Generated {
    let mut kinds: BTreeMap<String, KindGroup<'_>> = BTreeMap::new();
    for (r, resource) in guide.catalog.resources.iter().enumerate() {
        let title = kind_heading(&resource.kind);
        kinds
            .entry(title.clone())
            .or_insert_with(|| KindGroup {
                kind: &resource.kind,
                title,
                resources: Vec::new(),
            })
            .resources
            .push(ResourceDetail {
                view: shared.resources[r].clone(),
                pages: guide.cited_by[r]
                    .iter()
                    .map(|&p| LinkView::new(&guide.pages[p]))
                    .collect(),
            });
    }
    let mut context = Context::new();
    context.insert("kinds", &kinds.into_values().collect::<Vec<_>>());
    Generated {
        url: "resources/index.html".into(),
        template: "resources.html",
        kind: "resources",
        title: "Resources".into(),
        summary: Some("The reports, tools, standards and books this guide draws on, and the pages that cite them.".into()),
        trail: Vec::new(),
        context,
    }
}

#[derive(Serialize)]
struct TaxonomyView<'a> {
    name: &'a str,
    title: &'a str,
    url: String,
    values: Vec<ValueCount<'a>>,
}

#[derive(Serialize)]
struct ValueCount<'a> {
    value: &'a str,
    url: Option<String>,
    count: usize,
}

#[derive(Serialize)]
struct ValuePages<'a> {
    value: &'a str,
    url: String,
    pages: Vec<PageEntry<'a>>,
}

fn taxonomy_pages(guide: &Guide, out: &mut Vec<Generated>) {
    for (name, taxonomy) in &guide.config.taxonomies {
        let Some(in_use) = guide.taxonomy_pages.get(name).filter(|v| !v.is_empty()) else {
            continue;
        };
        let index_url = format!("{name}/index.html");
        let declared: Vec<&str> = taxonomy
            .values
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let mut values: Vec<ValueCount<'_>> = declared
            .iter()
            .map(|&value| {
                let count = in_use.get(value).map_or(0, Vec::len);
                ValueCount {
                    value,
                    url: (count > 0).then(|| taxonomy_value_url(name, value)),
                    count,
                }
            })
            .collect();
        for (value, pages) in in_use {
            if !declared.contains(&value.as_str()) {
                values.push(ValueCount {
                    value,
                    url: Some(taxonomy_value_url(name, value)),
                    count: pages.len(),
                });
            }
        }
        let view = TaxonomyView {
            name,
            title: &taxonomy.title,
            url: index_url.clone(),
            values,
        };
        let mut context = Context::new();
        context.insert("taxonomy", &view);
        out.push(Generated {
            url: index_url.clone(),
            template: "taxonomy.html",
            kind: "taxonomy",
            title: taxonomy.title.clone(),
            summary: Some(format!(
                "The guide's pages by {}.",
                taxonomy.title.to_lowercase()
            )),
            trail: Vec::new(),
            context,
        });
        for (value, pages) in in_use {
            let entries = pages
                .iter()
                .map(|&p| {
                    let page = &guide.pages[p];
                    let top = guide
                        .top_level(p)
                        .map(|t| guide.pages[t].front.title.as_str())
                        .filter(|_| page.kind != PageKind::Home);
                    PageEntry {
                        title: &page.front.title,
                        url: &page.url,
                        summary: page.front.summary.as_deref(),
                        section: top,
                    }
                })
                .collect();
            let mut context = Context::new();
            context.insert(
                "taxonomy",
                &TaxonomyView {
                    name,
                    title: &taxonomy.title,
                    url: index_url.clone(),
                    values: Vec::new(),
                },
            );
            context.insert(
                "value",
                &ValuePages {
                    value,
                    url: taxonomy_value_url(name, value),
                    pages: entries,
                },
            );
            out.push(Generated {
                url: taxonomy_value_url(name, value),
                template: "taxonomy_value.html",
                kind: "taxonomy_value",
                title: format!("{}: {value}", taxonomy.title),
                summary: None,
                trail: vec![IndexLink {
                    title: taxonomy.title.clone(),
                    url: index_url.clone(),
                }],
                context,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_spread_counts_over_four_steps() {
        assert_eq!(level(0, 8), 0);
        assert_eq!(level(1, 8), 1);
        assert_eq!(level(2, 8), 1);
        assert_eq!(level(3, 8), 2);
        assert_eq!(level(8, 8), 4);
        assert_eq!(level(1, 1), 4);
    }
}
