//! A page's references to the catalog and to its files: competency and resource ids,
//! downloads, resolved or reported at their place in the front matter.

use std::collections::HashMap;

use crate::catalog::{self, Catalog};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::guide::{Download, Guide, PageKind, PageResource};
use crate::link::resolve::{LinkResolution, PageLinks};
use crate::load::{Source, shown};
use crate::parse::front_matter::{self, FrontMatter, InlineResource, ResourceRef};
use crate::url;
use crate::yaml::Place;

/// A page's resolved references.
#[derive(Debug, Default)]
pub struct Refs {
    pub competencies: Vec<usize>,
    pub resources: Vec<PageResource>,
    pub downloads: Vec<Download>,
}

/// Published content files: output path and size, by path in `content/`.
pub type AssetIndex<'a> = HashMap<&'a str, (String, u64)>;

/// Resolves the ids and files a page's front matter names.
pub fn resolve(
    source: &Source,
    front: &FrontMatter,
    catalog: &Catalog,
    assets: &AssetIndex<'_>,
    links: &PageLinks<'_>,
) -> (Refs, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let refs = Refs {
        competencies: competencies(source, front, catalog, &mut problems),
        resources: resources(source, front, catalog, links, &mut problems),
        downloads: downloads(source, front, assets, &mut problems),
    };
    (refs, problems)
}

/// The competencies of the page's `competencies:`, each once, as indices into the catalog.
fn competencies(
    source: &Source,
    front: &FrontMatter,
    catalog: &Catalog,
    problems: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut found = Vec::new();
    if front.competencies.is_empty() {
        return found;
    }
    let file = source.shown();
    for (id, place) in front.competencies.iter().zip(&front.places.competencies) {
        match catalog.competency(id) {
            Some(c) if !found.contains(&c) => found.push(c),
            Some(_) => {}
            None if catalog.competencies_failed() => {}
            None => problems.push(catalog::unknown_competency(
                catalog,
                id,
                &file,
                &source.text,
                *place,
            )),
        }
    }
    found
}

/// The resources of the page's `resources:`: catalog ids, and resources written in place.
fn resources(
    source: &Source,
    front: &FrontMatter,
    catalog: &Catalog,
    links: &PageLinks<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<PageResource> {
    let mut found = Vec::new();
    if front.resources.is_empty() {
        return found;
    }
    let file = source.shown();
    for (resource, place) in front.resources.iter().zip(&front.places.resources) {
        match resource {
            ResourceRef::Id(id) => match catalog.resource(id) {
                Some(r) => found.push(PageResource::Catalog(r)),
                None if catalog.resources_failed() => {}
                None => problems.push(catalog::unknown_resource(
                    catalog,
                    id,
                    &file,
                    &source.text,
                    *place,
                )),
            },
            ResourceRef::Inline(inline) => match inline_address(inline, links, source, *place) {
                Ok(url) => found.push(PageResource::Inline(inline.clone(), url)),
                Err(problem) => problems.push(problem),
            },
        }
    }
    found
}

/// The files of the page's `downloads:`, each a file of its bundle.
fn downloads(
    source: &Source,
    front: &FrontMatter,
    assets: &AssetIndex<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Download> {
    let mut found = Vec::new();
    if front.downloads.is_empty() {
        return found;
    }
    for (download, place) in front.downloads.iter().zip(&front.places.downloads) {
        let path = url::join(source.dir(), &download.file);
        match path
            .as_deref()
            .and_then(|p| assets.get(p).map(|found| (p, found)))
        {
            Some((path, (output, bytes))) => found.push(Download {
                title: download
                    .title
                    .clone()
                    .unwrap_or_else(|| file_name(path).to_string()),
                file: download.file.clone(),
                url: output.clone(),
                bytes: *bytes,
            }),
            None => problems.push(missing_download(source, download, path, assets, *place)),
        }
    }
    found
}

/// A download that names no file of the page's bundle: an error at its `file`.
fn missing_download(
    source: &Source,
    download: &front_matter::Download,
    path: Option<String>,
    assets: &AssetIndex<'_>,
    place: Place,
) -> Diagnostic {
    let wanted = path.unwrap_or_else(|| download.file.clone());
    let beside: Vec<&str> = assets
        .keys()
        .copied()
        .filter(|p| p.rsplit_once('/').map_or("", |(d, _)| d) == source.dir())
        .collect();
    let hint = match did_you_mean(&wanted, beside.iter().copied()) {
        Some(near) => format!("did you mean `{}`?", file_name(near)),
        None => {
            "put the file beside the page (in its page bundle) and name it relative to the page"
                .into()
        }
    };
    Diagnostic::error(
        Code::MissingDownload,
        format!("the download {} does not exist", shown(&wanted)),
    )
    .in_file(source.shown())
    .at_offset(&source.text, place.line, place.column, place.offset)
    .spanning(download.file.len())
    .with_hint(hint)
}

/// Where an inline resource's `url` leads: `None` for a web or e-mail address (published as
/// written), the site-relative address of a page or file of the guide, or an error at the url.
fn inline_address(
    inline: &InlineResource,
    links: &PageLinks<'_>,
    source: &Source,
    place: Place,
) -> Result<Option<String>, Diagnostic> {
    let url = &inline.url;
    let placed = |code, message: String, hint: String| {
        Diagnostic::error(code, message)
            .in_file(source.shown())
            .at_offset(&source.text, place.line, place.column, place.offset)
            .spanning(url.len())
            .with_hint(hint)
    };
    if let Some((message, hint)) = crate::address::web_address_problem(url) {
        let hint = format!("{hint}, or a page or file of the guide by its path");
        return Err(placed(Code::UnsafeAddress, message, hint));
    }
    match links.resolve(url) {
        LinkResolution::Unchanged => Ok(None),
        LinkResolution::Rewritten { href, .. } => {
            let (path, rest) = href.split_at(href.find(['?', '#']).unwrap_or(href.len()));
            let page = url::dir_of(links.targets.urls[links.page]);
            Ok(url::join(page, path).map(|site| format!("{site}{rest}")))
        }
        LinkResolution::Broken { message, hint } => Err(placed(Code::BrokenLink, message, hint)),
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Warnings about the linked guide: a competency no page develops, a section with no pages.
pub fn warnings(guide: &Guide) -> Vec<Diagnostic> {
    let catalog = &guide.catalog;
    let mut problems = Vec::new();
    for (c, pages) in guide.developed_by.iter().enumerate() {
        if pages.is_empty() {
            let competency = &catalog.competencies[c];
            let mut warning = Diagnostic::warning(
                Code::UnusedCompetency,
                format!("no page develops the competency `{}`", competency.id),
            )
            .in_file(shown(catalog::COMPETENCIES_FILE))
            .with_hint("list it under `competencies:` of a page that develops it, or remove it");
            if let Some(place) = catalog.competency_places.get(c).copied().flatten() {
                let text = &catalog.competencies_text;
                warning = warning.at_offset(text, place.line, place.column, place.offset);
            }
            problems.push(warning);
        }
    }
    for page in &guide.pages {
        if page.kind == PageKind::Section && page.children.is_empty() {
            problems.push(
                Diagnostic::warning(Code::EmptySection, format!("the section {} has no pages", shown(&page.source)))
                    .in_file(shown(&page.source))
                    .with_hint("add pages to its folder (`guidewright new FOLDER/NAME`), or remove the section"),
            );
        }
    }
    problems
}

/// Two spellings of a taxonomy value with one URL segment (`Coach`, `coach`) would share one
/// listing page, the later replacing the earlier: an error at the later page's key.
pub fn check_taxonomy_values(pages: &[crate::guide::Page], sources: &[Source]) -> Vec<Diagnostic> {
    let mut first: HashMap<(String, String), (&str, String)> = HashMap::new();
    let mut problems = Vec::new();
    for (page, source) in pages.iter().zip(sources) {
        for (name, values) in &page.front.taxonomies {
            for value in values {
                let segment = crate::url::fold(&crate::url::segment(value));
                let key = (name.clone(), segment.clone());
                match first.get(&key) {
                    Some((earlier, _)) if *earlier == value.as_str() => {}
                    Some((earlier, owner)) => problems.push(
                        Diagnostic::error(
                            Code::TaxonomyValue,
                            format!(
                                "the {name} values `{earlier}` ({owner}) and `{value}` would both be published at {name}/{segment}/"
                            ),
                        )
                        .in_file(source.shown())
                        .at_line(&source.text, taxonomy_line(&page.front, name), 1)
                        .with_hint("write the value the same way on every page"),
                    ),
                    None => {
                        first.insert(key, (value.as_str(), source.shown()));
                    }
                }
            }
        }
    }
    problems
}

/// The line where the key of the taxonomy `name` is written (1 when unknown).
fn taxonomy_line(front: &FrontMatter, name: &str) -> usize {
    front.places.taxonomy(name).map_or(1, |place| place.line)
}

/// Every alias must name a place inside the site that no page and no other alias has.
pub fn check_aliases(pages: &[crate::guide::Page], sources: &[Source]) -> Vec<Diagnostic> {
    let mut taken: HashMap<String, String> = pages
        .iter()
        .map(|p| (crate::url::fold(&p.url), shown(&p.source)))
        .collect();
    let mut problems = Vec::new();
    for (page, source) in pages.iter().zip(sources) {
        if page.front.aliases.is_empty() {
            continue;
        }
        for (alias, at) in page.front.aliases.iter().zip(&page.front.places.aliases) {
            let place = |message: String, hint: &str| {
                Diagnostic::error(Code::Alias, message)
                    .in_file(source.shown())
                    .at_offset(&source.text, at.line, at.column, at.offset)
                    .spanning(alias.len())
                    .with_hint(hint.to_string())
            };
            if let Some(bad) = alias
                .chars()
                .find(|c| ":?#\\".contains(*c) || c.is_control())
            {
                problems.push(place(
                    format!("the alias `{alias}` holds `{}`: an alias is a plain path of the site", bad.escape_default()),
                    "write the old address as a path of plain names, e.g. `aliases: [old/selection-rubrics]`",
                ));
                continue;
            }
            match crate::url::alias_path(alias) {
                None => problems.push(place(
                    format!("the alias `{alias}` is not a place inside the site"),
                    "write the old address relative to the site root, e.g. `aliases: [old/selection-rubrics]`",
                )),
                Some(path) => match taken.get(&crate::url::fold(&path)) {
                    Some(owner) => problems.push(place(
                        format!("the alias `{alias}` is already the address of {owner}"),
                        "remove the alias, or move the page that has that address",
                    )),
                    None => {
                        taken.insert(crate::url::fold(&path), source.shown());
                    }
                },
            }
        }
    }
    problems
}
