//! The link stage: pages and their front matter become a [`Guide`] — a tree with URLs,
//! rendered bodies whose links and anchors resolve, and a reading order.

mod descriptions;
mod refs;
mod resolve;
mod tree;

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::guide::{Guide, Page, PageKind, Published};
use crate::load::{Content, Source};
use crate::parse::front_matter::{self, FrontMatter};
use crate::parse::markdown::{self, MarkdownSource, Rendered};
use crate::url;

pub use tree::asset_output;

/// What the link stage needs besides the content.
pub struct LinkOptions<'a> {
    /// Keep pages marked `draft: true`.
    pub drafts: bool,
    /// Site-relative paths of the files of `static/`, which links may name.
    pub static_files: &'a HashSet<String>,
}

/// Builds the guide from the loaded content; problems are returned beside it.
pub fn link(
    config: Config,
    content: Content,
    catalog: Catalog,
    options: &LinkOptions<'_>,
) -> (Guide, Vec<Diagnostic>) {
    let mut problems = content.problems;
    problems.extend(descriptions::check(&catalog, &config.markdown));
    let parsed: Vec<(FrontMatter, Vec<Diagnostic>)> = content
        .sources
        .par_iter()
        .map(|source| read_front_matter(source, &config))
        .collect();
    let mut sources = content.sources;
    let mut fronts = Vec::with_capacity(parsed.len());
    for (front, mut found) in parsed {
        problems.append(&mut found);
        fronts.push(front);
    }

    // Drafts, and everything under a draft section, are left out unless asked for.
    let mut drafts: Vec<String> = Vec::new();
    if !options.drafts {
        let draft_dirs: Vec<String> = sources
            .iter()
            .zip(&fronts)
            .filter(|(s, f)| f.draft && s.kind == crate::load::SourceKind::Section)
            .map(|(s, _)| format!("{}/", s.dir()))
            .collect();
        let keep: Vec<bool> = sources
            .iter()
            .zip(&fronts)
            .map(|(s, f)| !f.draft && !draft_dirs.iter().any(|d| s.path.starts_with(d.as_str())))
            .collect();
        let mut index = 0;
        sources.retain(|s| {
            let kept = keep[index];
            index += 1;
            if !kept {
                drafts.push(s.path.clone());
            }
            kept
        });
        let mut index = 0;
        fronts.retain(|_| {
            index += 1;
            keep[index - 1]
        });
    }

    let slugs: Vec<Option<String>> = fronts.iter().map(|f| f.slug.clone()).collect();
    let placed = tree::place(&sources, &slugs, &mut problems);

    // Keep the placed sources; the home page first.
    let mut keep: Vec<usize> = (0..sources.len())
        .filter(|&i| placed[i].is_some())
        .collect();
    keep.sort_by_key(|&i| placed[i].as_ref().is_some_and(|p| p.kind != PageKind::Home));
    let new_index: HashMap<usize, usize> = keep
        .iter()
        .enumerate()
        .map(|(new, &old)| (old, new))
        .collect();
    let urls: Vec<String> = keep
        .iter()
        .map(|&i| {
            placed[i]
                .as_ref()
                .map(|p| p.url.clone())
                .unwrap_or_default()
        })
        .collect();
    let folders = tree::folder_urls(&sources, &placed);
    let assets: Vec<Published> = content
        .assets
        .iter()
        .map(|asset| Published {
            path: tree::asset_output(&asset.path, &folders),
            source: asset.path.clone(),
            file: asset.file.clone(),
        })
        .collect();

    let url_refs: Vec<&str> = urls.iter().map(String::as_str).collect();
    let targets = resolve::Targets {
        pages: keep
            .iter()
            .enumerate()
            .map(|(new, &old)| (sources[old].path.as_str(), new))
            .collect(),
        urls: url_refs,
        drafts: drafts.iter().map(String::as_str).collect(),
        assets: assets
            .iter()
            .map(|p| (p.source.as_str(), p.path.clone()))
            .collect(),
        static_files: options.static_files,
    };
    let bodies: Vec<Rendered> = keep
        .par_iter()
        .enumerate()
        .map(|(new, &old)| render_body(&sources[old], new, &targets, &config))
        .collect();

    let asset_index: refs::AssetIndex<'_> = content
        .assets
        .iter()
        .zip(&assets)
        .map(|(a, p)| {
            let bytes = std::fs::metadata(&a.file).map_or(0, |m| m.len());
            (a.path.as_str(), (p.path.clone(), bytes))
        })
        .collect();
    let resolved: Vec<(refs::Refs, Vec<Diagnostic>)> = keep
        .par_iter()
        .enumerate()
        .map(|(new, &old)| {
            let links = resolve::PageLinks {
                targets: &targets,
                page: new,
                dir: sources[old].dir(),
            };
            refs::resolve(&sources[old], &fronts[old], &catalog, &asset_index, &links)
        })
        .collect();
    let resource_files: Vec<Option<String>> = catalog
        .resources
        .iter()
        .map(|r| {
            let path = url::join("", r.file.as_deref()?)?;
            asset_index
                .get(path.as_str())
                .map(|(output, _)| output.clone())
        })
        .collect();

    let mut pages: Vec<Page> = Vec::with_capacity(keep.len());
    for ((&old, body), (refs, mut found)) in keep.iter().zip(bodies).zip(resolved) {
        let placed = placed[old].as_ref().expect("kept sources are placed");
        problems.extend(body.problems);
        problems.append(&mut found);
        pages.push(Page {
            kind: placed.kind,
            source: sources[old].path.clone(),
            url: placed.url.clone(),
            front: std::mem::take(&mut fronts[old]),
            html: body.html,
            toc: body.toc,
            anchor_ids: body.anchor_ids,
            anchors: body.anchors,
            external: body.external,
            competencies: refs.competencies,
            resources: refs.resources,
            downloads: refs.downloads,
            parent: placed.parent.map(|p| new_index[&p]),
            children: Vec::new(),
            prev: None,
            next: None,
        });
    }

    problems.extend(anchor_problems(&pages, |_, _| true));
    let page_sources: Vec<&Source> = keep.iter().map(|&old| &sources[old]).collect();
    problems.extend(refs::check_aliases(&pages, &page_sources));
    problems.extend(refs::check_taxonomy_values(&pages, &page_sources));
    let order = order(&mut pages);
    let mut guide = Guide {
        config,
        pages,
        order,
        assets,
        drafts,
        catalog,
        developed_by: Vec::new(),
        cited_by: Vec::new(),
        resource_files,
        taxonomy_pages: Default::default(),
    };
    refs::index(&mut guide, &mut problems);
    (guide, problems)
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
                    "broken-anchor",
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

/// Re-renders the body of page `index` from its new source text, when its front matter is
/// unchanged: the fast path of a live preview. Returns the problems a full build would report
/// for this change (the guide had none before).
pub fn rerender_body(
    guide: &mut Guide,
    index: usize,
    source: &Source,
    static_files: &HashSet<String>,
) -> Vec<Diagnostic> {
    let body = {
        let targets = resolve::Targets::of(guide, static_files);
        render_body(source, index, &targets, &guide.config)
    };
    let page = &mut guide.pages[index];
    page.html = body.html;
    page.toc = body.toc;
    page.anchor_ids = body.anchor_ids;
    page.anchors = body.anchors;
    page.external = body.external;
    let mut problems = body.problems;
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

fn read_front_matter(source: &Source, config: &Config) -> (FrontMatter, Vec<Diagnostic>) {
    let shown = source.shown();
    let fallback = || FrontMatter {
        title: fallback_title(source),
        ..FrontMatter::default()
    };
    let split = match front_matter::split(&shown, &source.text) {
        Ok(split) => split,
        Err(problem) => return (fallback(), vec![problem]),
    };
    match front_matter::parse(&shown, &source.text, &split, config) {
        Ok(front) => (front, Vec::new()),
        Err(problems) => (fallback(), problems),
    }
}

/// A title from the file name, for pages whose front matter could not be read.
fn fallback_title(source: &Source) -> String {
    let name = source.path.trim_end_matches(".md");
    let name = name.trim_end_matches("/_index").trim_end_matches("/index");
    name.rsplit('/').next().unwrap_or(name).replace('-', " ")
}

fn render_body(
    source: &Source,
    page: usize,
    targets: &resolve::Targets<'_>,
    config: &Config,
) -> Rendered {
    let shown = source.shown();
    let body_offset =
        front_matter::split(&shown, &source.text).map_or(source.text.len(), |s| s.body_offset);
    let markdown = MarkdownSource {
        file: &shown,
        text: &source.text,
        body_offset,
    };
    let links = resolve::PageLinks {
        targets,
        page,
        dir: source.dir(),
    };
    markdown::render(&markdown, &config.markdown, &links)
}
