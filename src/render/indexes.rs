//! The generated index pages: the competency index with its coverage matrices, a page per
//! competency, the resource library, and the taxonomy listings.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::catalog_view::{
    self, CompetencyRef, CompetencyView, FrameworkRef, IndexLink, ResourceView, kind_heading,
};
use super::context::RenderContext;
use super::page::GeneratedPage;
use super::views::LinkView;
use crate::config::Taxonomy;
use crate::generated::{self, taxonomy_value_url};
use crate::guide::{GeneratedKind, Guide, PageKind};

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
    framework: FrameworkRef<'a>,
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
pub fn pages<'a>(guide: &'a Guide, shared: &RenderContext<'a>) -> Vec<GeneratedPage> {
    let mut out = Vec::new();
    if !guide.catalog.competencies.is_empty() {
        out.push(competency_index(guide, shared));
        let index = IndexLink {
            title: "Competencies".into(),
            url: generated::COMPETENCIES_URL.into(),
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

fn competency_index(guide: &Guide, shared: &RenderContext<'_>) -> GeneratedPage {
    let frameworks: Vec<FrameworkView<'_>> = (0..guide.catalog.frameworks.len())
        .map(|f| framework_view(guide, shared, f))
        .collect();
    let mut context = Context::new();
    context.insert("frameworks", &frameworks);
    context.insert("matrices", &coverage_matrices(guide, shared));
    GeneratedPage {
        kind: GeneratedKind::Competencies,
        url: generated::COMPETENCIES_URL.into(),
        title: "Competencies".into(),
        summary: Some(
            "The competency frameworks this guide develops, and how its sections cover them."
                .into(),
        ),
        trail: Vec::new(),
        context,
    }
}

/// The competencies of framework `f`, by index into the catalog.
fn members_of(guide: &Guide, f: usize) -> Vec<usize> {
    let competencies = &guide.catalog.competencies;
    (0..competencies.len())
        .filter(|&c| competencies[c].framework == f)
        .collect()
}

/// Framework `f` with its competencies in their groups (the ungrouped ones last).
fn framework_view<'a>(guide: &'a Guide, shared: &RenderContext<'a>, f: usize) -> FrameworkView<'a> {
    let catalog = &guide.catalog;
    let framework = &catalog.frameworks[f];
    let detail = |c: usize| CompetencyDetail {
        view: shared.competencies[c].clone(),
        description: shared.competency_descriptions[c].clone(),
    };
    let members = members_of(guide, f);
    let in_group = |group: Option<usize>| -> Vec<CompetencyDetail<'a>> {
        members
            .iter()
            .filter(|&&c| catalog.competencies[c].group == group)
            .map(|&c| detail(c))
            .collect()
    };
    let mut groups: Vec<GroupView<'_>> = framework
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| GroupView {
            id: Some(&group.id),
            name: Some(&group.name),
            competencies: in_group(Some(g)),
        })
        .filter(|g| !g.competencies.is_empty())
        .collect();
    let ungrouped = in_group(None);
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
            .map(|d| catalog_view::description_html(d, &guide.config.markdown)),
        groups,
    }
}

/// One coverage matrix per framework that pages develop: rows are the home page's direct
/// children, and a row counts its pages and all below them.
fn coverage_matrices<'a>(guide: &'a Guide, shared: &RenderContext<'a>) -> Vec<Matrix<'a>> {
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
    (0..guide.catalog.frameworks.len())
        .filter_map(|f| {
            let members = members_of(guide, f);
            let mut counts = vec![vec![0usize; members.len()]; top.len()];
            for (column, &c) in members.iter().enumerate() {
                for &p in &guide.developed_by[c] {
                    if let Some(row) = row_of[p] {
                        counts[row][column] += 1;
                    }
                }
            }
            matrix(guide, shared, f, &members, &top, &counts)
        })
        .collect()
}

/// The coverage matrix of framework `f`, or none when no page develops its competencies.
fn matrix<'a>(
    guide: &'a Guide,
    shared: &RenderContext<'a>,
    f: usize,
    members: &[usize],
    top: &[usize],
    counts: &[Vec<usize>],
) -> Option<Matrix<'a>> {
    let framework = &guide.catalog.frameworks[f];
    let max = counts.iter().flatten().copied().max().unwrap_or(0);
    (max > 0).then(|| Matrix {
        framework: FrameworkRef {
            id: &framework.id,
            title: &framework.title,
        },
        columns: members
            .iter()
            .map(|&c| shared.competencies[c].reference())
            .collect(),
        rows: top
            .iter()
            .zip(counts)
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

fn competency_page(
    guide: &Guide,
    shared: &RenderContext<'_>,
    c: usize,
    index: IndexLink,
) -> GeneratedPage {
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
    GeneratedPage {
        kind: GeneratedKind::Competency,
        url: shared.competencies[c].url.clone(),
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

fn resource_library(guide: &Guide, shared: &RenderContext<'_>) -> GeneratedPage {
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
    GeneratedPage {
        kind: GeneratedKind::Resources,
        url: generated::RESOURCES_URL.into(),
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

fn taxonomy_pages(guide: &Guide, out: &mut Vec<GeneratedPage>) {
    for (name, taxonomy) in &guide.config.taxonomies {
        let Some(in_use) = guide.taxonomy_pages.get(name).filter(|v| !v.is_empty()) else {
            continue;
        };
        out.push(taxonomy_index(name, taxonomy, in_use));
        for (value, pages) in in_use {
            out.push(taxonomy_value(guide, name, taxonomy, value, pages));
        }
    }
}

/// The listing of a taxonomy's values: the declared ones in their order, each with how many
/// pages have it, then the undeclared ones in use.
fn taxonomy_index(
    name: &str,
    taxonomy: &Taxonomy,
    in_use: &BTreeMap<String, Vec<usize>>,
) -> GeneratedPage {
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
        url: generated::taxonomy_url(name),
        values,
    };
    let mut context = Context::new();
    context.insert("taxonomy", &view);
    GeneratedPage {
        kind: GeneratedKind::Taxonomy,
        url: generated::taxonomy_url(name),
        title: taxonomy.title.clone(),
        summary: Some(format!(
            "The guide's pages by {}.",
            taxonomy.title.to_lowercase()
        )),
        trail: Vec::new(),
        context,
    }
}

/// The pages with one value of a taxonomy, each with its top-level section.
fn taxonomy_value(
    guide: &Guide,
    name: &str,
    taxonomy: &Taxonomy,
    value: &str,
    pages: &[usize],
) -> GeneratedPage {
    let index_url = generated::taxonomy_url(name);
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
    GeneratedPage {
        kind: GeneratedKind::TaxonomyValue,
        url: taxonomy_value_url(name, value),
        title: format!("{}: {value}", taxonomy.title),
        summary: None,
        trail: vec![IndexLink {
            title: taxonomy.title.clone(),
            url: index_url,
        }],
        context,
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
