//! The link stage: parsed pages become a [`Guide`] — a tree with URLs, links and references
//! resolved and checked, and a reading order. The bodies' HTML is written by the render stage,
//! with the addresses resolved here.

mod body;
mod descriptions;
mod refs;
mod resolve;
mod tree;

use std::collections::HashSet;

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Report, did_you_mean};
use crate::guide::{Guide, Linked, Page, Published};
use crate::load::{Asset, Source, SourceKind};
use crate::parse::markdown::Body;
use crate::parse::{self, Parsed, ParsedPage, front_matter};
use crate::url;

/// What the link stage needs besides the content.
pub struct LinkOptions<'a> {
    /// Keep pages marked `draft: true`.
    pub drafts: bool,
    /// Site-relative paths of the files of `static/`, which links may name.
    pub static_files: &'a HashSet<String>,
}

/// Builds the guide from the parsed content; the problems go to `report`.
pub fn link(
    config: Config,
    parsed: Parsed,
    catalog: Catalog,
    options: &LinkOptions<'_>,
    report: &mut Report,
) -> Guide {
    let problems = &mut report.problems;
    problems.extend(descriptions::check(&catalog, &config.markdown));
    let (pages, drafts) = leave_out_drafts(parsed.pages, options.drafts);
    let kept = keep_placed(pages, problems);
    let sources: Vec<Source> = kept.iter().map(|(page, _)| page.source.clone()).collect();
    let urls: Vec<String> = kept.iter().map(|(_, placed)| placed.url.clone()).collect();
    let assets = publish_assets(&parsed.assets, &sources, &urls);
    let asset_index = asset_index(&parsed.assets, &assets);
    let targets = targets(&sources, &urls, &drafts, &assets, options);
    let context = PageContext {
        targets: &targets,
        catalog: &catalog,
        assets: &asset_index,
    };
    let linked: Vec<(Page, Vec<Diagnostic>)> = kept
        .into_par_iter()
        .enumerate()
        .map(|(index, (page, placed))| link_page(page, placed, index, &context))
        .collect();
    let resource_files = resource_files(&catalog, &asset_index);
    let mut pages = Vec::with_capacity(linked.len());
    for (page, mut found) in linked {
        problems.append(&mut found);
        pages.push(page);
    }
    problems.extend(anchor_problems(&pages, |_, _| true));
    problems.extend(refs::check_aliases(&pages, &sources));
    problems.extend(refs::check_taxonomy_values(&pages, &sources));
    let order = order(&mut pages);
    let guide = Guide::new(Linked {
        config,
        pages,
        order,
        assets,
        drafts,
        catalog,
        resource_files,
    });
    problems.extend(refs::warnings(&guide));
    guide
}

/// Everything a page's links may lead to.
fn targets<'a>(
    sources: &'a [Source],
    urls: &'a [String],
    drafts: &'a [String],
    assets: &'a [Published],
    options: &LinkOptions<'a>,
) -> resolve::Targets<'a> {
    resolve::Targets {
        pages: sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.path.as_str(), i))
            .collect(),
        urls: urls.iter().map(String::as_str).collect(),
        drafts: drafts.iter().map(String::as_str).collect(),
        assets: assets
            .iter()
            .map(|p| (p.source.as_str(), p.path.clone()))
            .collect(),
        static_files: options.static_files,
    }
}

/// The pages this build keeps, and the source paths of the drafts it leaves out: drafts,
/// and everything under a draft section, unless `drafts` asks for them.
fn leave_out_drafts(pages: Vec<ParsedPage>, drafts: bool) -> (Vec<ParsedPage>, Vec<String>) {
    if drafts {
        return (pages, Vec::new());
    }
    let draft_dirs: Vec<String> = pages
        .iter()
        .filter(|p| p.front.draft && p.source.kind == SourceKind::Section)
        .map(|p| format!("{}/", p.source.dir()))
        .collect();
    let (left_out, kept): (Vec<ParsedPage>, Vec<ParsedPage>) = pages.into_iter().partition(|p| {
        p.front.draft
            || draft_dirs
                .iter()
                .any(|d| p.source.path.starts_with(d.as_str()))
    });
    (kept, left_out.into_iter().map(|p| p.source.path).collect())
}

/// The pages placed in the tree, each with its place; the home page first.
fn keep_placed(
    pages: Vec<ParsedPage>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(ParsedPage, tree::Placed)> {
    let placed = tree::place(&pages, problems);
    let mut pages: Vec<Option<ParsedPage>> = pages.into_iter().map(Some).collect();
    placed
        .into_iter()
        .filter_map(|placed| Some((pages[placed.index].take()?, placed)))
        .collect()
}

/// Where each content file is published: beside its page.
fn publish_assets(assets: &[Asset], sources: &[Source], urls: &[String]) -> Vec<Published> {
    let folders = tree::folder_urls(sources.iter().zip(urls.iter().map(String::as_str)));
    assets
        .iter()
        .map(|asset| Published {
            path: tree::asset_output(&asset.path, &folders),
            source: asset.path.clone(),
            file: asset.file.clone(),
        })
        .collect()
}

/// The published content files with their sizes, by path in `content/`.
fn asset_index<'a>(assets: &'a [Asset], published: &[Published]) -> refs::AssetIndex<'a> {
    assets
        .iter()
        .zip(published)
        .map(|(a, p)| {
            let bytes = std::fs::metadata(&a.file).map_or(0, |m| m.len());
            (a.path.as_str(), (p.path.clone(), bytes))
        })
        .collect()
}

/// For each resource with a `file`, its site-relative output path.
fn resource_files(catalog: &Catalog, assets: &refs::AssetIndex<'_>) -> Vec<Option<String>> {
    catalog
        .resources
        .iter()
        .map(|r| {
            let path = url::join("", r.file.as_deref()?)?;
            assets.get(path.as_str()).map(|(output, _)| output.clone())
        })
        .collect()
}

/// What every page is linked against.
struct PageContext<'a> {
    targets: &'a resolve::Targets<'a>,
    catalog: &'a Catalog,
    assets: &'a refs::AssetIndex<'a>,
}

/// A placed page with its links and references resolved, at `index` of the guide's pages.
fn link_page(
    parsed: ParsedPage,
    placed: tree::Placed,
    index: usize,
    context: &PageContext<'_>,
) -> (Page, Vec<Diagnostic>) {
    let ParsedPage {
        source,
        front,
        body_offset,
        outline,
    } = parsed;
    let links = resolve::PageLinks {
        targets: context.targets,
        page: index,
        dir: source.dir(),
    };
    let body = body::resolve(&source, &outline.addresses, &links);
    let (refs, mut problems) =
        refs::resolve(&source, &front, context.catalog, context.assets, &links);
    let mut found = body.problems;
    found.append(&mut problems);
    let page = Page {
        kind: placed.kind,
        url: placed.url,
        front,
        body: Body {
            text: source.text.clone(),
            offset: body_offset,
            hrefs: body.hrefs,
            written: Default::default(),
        },
        toc: outline.toc,
        anchor_ids: outline.anchor_ids,
        anchors: body.anchors,
        external: body.external,
        competencies: refs.competencies,
        resources: refs.resources,
        downloads: refs.downloads,
        parent: placed.parent,
        children: Vec::new(),
        prev: None,
        next: None,
        source: source.path.clone(),
    };
    (page, found)
}

/// Links whose `#fragment` names no id of its target page, among the links `wanted(from,
/// target)` selects.
fn anchor_problems(pages: &[Page], wanted: impl Fn(usize, usize) -> bool) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (from, page) in pages.iter().enumerate() {
        for link in &page.anchors {
            let target = &pages[link.check.page];
            if !wanted(from, link.check.page) || target.anchor_ids.contains(&link.check.anchor) {
                continue;
            }
            let hint = match did_you_mean(
                &link.check.anchor,
                target.anchor_ids.iter().map(String::as_str),
            ) {
                Some(near) => format!("did you mean `#{near}`?"),
                None if target.anchor_ids.is_empty() => {
                    "that page has no headings to link to".to_string()
                }
                None => format!(
                    "headings there: {}",
                    target
                        .anchor_ids
                        .iter()
                        .take(8)
                        .map(|id| format!("#{id}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            problems.push(
                Diagnostic::error(
                    Code::BrokenAnchor,
                    format!(
                        "no heading `#{}` in {}",
                        link.check.anchor,
                        crate::load::shown(&target.source)
                    ),
                )
                .in_file(crate::load::shown(&page.source))
                .placed(link.line, link.column, link.span.clone())
                .with_hint(hint),
            );
        }
    }
    problems
}

/// Reads and links the body of page `index` again from its new source text, when its front
/// matter is unchanged: the fast path of a live preview. Returns the problems a full build
/// would report for this change (the guide had none before).
pub fn rerender_body(
    guide: &mut Guide,
    index: usize,
    source: &Source,
    static_files: &HashSet<String>,
) -> Vec<Diagnostic> {
    let body_offset = front_matter::split(&source.shown(), &source.text)
        .map_or(source.text.len(), |split| split.body_offset);
    let mut outline = parse::outline(source, body_offset, &guide.config);
    let body = {
        let targets = resolve::Targets::of(guide, static_files);
        let links = resolve::PageLinks {
            targets: &targets,
            page: index,
            dir: source.dir(),
        };
        body::resolve(source, &outline.addresses, &links)
    };
    let page = &mut guide.pages[index];
    page.body = Body {
        text: source.text.clone(),
        offset: body_offset,
        hrefs: body.hrefs,
        written: Default::default(),
    };
    page.toc = std::mem::take(&mut outline.toc);
    page.anchor_ids = std::mem::take(&mut outline.anchor_ids);
    page.anchors = body.anchors;
    page.external = body.external;
    let mut problems = outline.problems;
    problems.extend(body.problems);
    problems.extend(anchor_problems(&guide.pages, |from, target| {
        from == index || target == index
    }));
    problems
}

/// Sorts each section's children and threads the reading order: depth first, from the home page.
fn order(pages: &mut [Page]) -> Vec<usize> {
    for i in 0..pages.len() {
        if let Some(parent) = pages[i].parent {
            pages[parent].children.push(i);
        }
    }
    let keys: Vec<(bool, i64, String, String)> = pages
        .iter()
        .map(|p| {
            (
                p.front.weight.is_none(),
                p.front.weight.unwrap_or(0),
                p.front.title.to_lowercase(),
                p.source.clone(),
            )
        })
        .collect();
    for page in pages.iter_mut() {
        page.children.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    }
    let mut order = Vec::with_capacity(pages.len());
    if pages.is_empty() {
        return order;
    }
    let mut stack = vec![0];
    while let Some(at) = stack.pop() {
        order.push(at);
        stack.extend(pages[at].children.iter().rev());
    }
    for pair in order.windows(2) {
        pages[pair[0]].next = Some(pair[1]);
        pages[pair[1]].prev = Some(pair[0]);
    }
    order
}
