//! The guide's tree: which section each page belongs to, and each page's output URL.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::guide::PageKind;
use crate::load::{Source, SourceKind, shown};
use crate::url;

/// A source placed in the tree.
#[derive(Debug, Clone)]
pub struct Placed {
    pub kind: PageKind,
    pub parent: Option<usize>,
    pub url: String,
}

/// The folder whose section or home page a source belongs to, `""` for the top.
fn parent_dir(source: &Source) -> &str {
    match source.kind {
        SourceKind::Home => "",
        SourceKind::Section | SourceKind::Bundle => {
            let dir = source.dir();
            dir.rsplit_once('/').map_or("", |(parent, _)| parent)
        }
        SourceKind::Page => source.dir(),
    }
}

/// The name the URL segment comes from when the front matter gives no `slug`.
fn name_of(source: &Source) -> &str {
    match source.kind {
        SourceKind::Home => "",
        SourceKind::Section | SourceKind::Bundle => {
            let dir = source.dir();
            dir.rsplit_once('/').map_or(dir, |(_, name)| name)
        }
        SourceKind::Page => {
            let file = source
                .path
                .rsplit_once('/')
                .map_or(source.path.as_str(), |(_, f)| f);
            file.strip_suffix(".md").unwrap_or(file)
        }
    }
}

/// Places every source under its section and gives it a URL. `slugs[i]` is source i's
/// front-matter `slug`. Sources that cannot be placed get `None` and a diagnostic.
pub fn place(
    sources: &[Source],
    slugs: &[Option<String>],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Option<Placed>> {
    // Sections (and the home page) by the folder they stand for.
    let sections: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match s.kind {
            SourceKind::Home => Some(("", i)),
            SourceKind::Section => Some((s.dir(), i)),
            _ => None,
        })
        .collect();
    if !sections.contains_key("") {
        problems.push(
            Diagnostic::error("no-home", "there is no home page, content/_index.md")
                .in_file("content/_index.md")
                .with_hint("create content/_index.md with front matter holding the guide's title"),
        );
    }

    // Parents first: sections sorted by depth, then everything else.
    let mut order: Vec<usize> = (0..sources.len()).collect();
    order.sort_by_key(|&i| {
        let s = &sources[i];
        let depth = if s.kind == SourceKind::Home {
            0
        } else {
            s.dir().matches('/').count() + 1
        };
        (
            matches!(s.kind, SourceKind::Page | SourceKind::Bundle),
            depth,
        )
    });

    let mut placed: Vec<Option<Placed>> = vec![None; sources.len()];
    let mut missing_reported: Vec<&str> = Vec::new();
    let mut by_url: HashMap<String, usize> = HashMap::new();
    for i in order {
        let source = &sources[i];
        let parent = if source.kind == SourceKind::Home {
            None
        } else {
            let dir = parent_dir(source);
            match sections.get(dir) {
                Some(&p) => match &placed[p] {
                    Some(_) => Some(p),
                    None => continue, // the parent could not be placed; it was reported
                },
                None => {
                    if !missing_reported.contains(&dir) && sections.contains_key("") {
                        missing_reported.push(dir);
                        let near =
                            did_you_mean(dir, sections.keys().copied().filter(|d| !d.is_empty()));
                        let hint = match near {
                            Some(near) => format!(
                                "add {}/_index.md with a title (or did you mean the folder {}/?)",
                                shown(dir),
                                shown(near)
                            ),
                            None => format!(
                                "add {}/_index.md with a title to make the folder a section",
                                shown(dir)
                            ),
                        };
                        problems.push(
                            Diagnostic::error(
                                "no-section",
                                format!("the folder {}/ has pages but no _index.md", shown(dir)),
                            )
                            .in_file(source.shown())
                            .with_hint(hint),
                        );
                    }
                    continue;
                }
            }
        };
        let segment = match &slugs[i] {
            Some(slug) => slug.clone(),
            None => url::segment(name_of(source)),
        };
        if source.kind != SourceKind::Home && segment.is_empty() {
            problems.push(
                Diagnostic::error(
                    "slug",
                    format!("{} gives no usable URL segment", source.shown()),
                )
                .in_file(source.shown())
                .with_hint("rename the file, or set `slug:` in its front matter"),
            );
            continue;
        }
        let base = parent
            .and_then(|p| placed[p].as_ref())
            .map_or(String::new(), |p| url::dir_of(&p.url).to_string());
        let (kind, url) = match source.kind {
            SourceKind::Home => (PageKind::Home, "index.html".to_string()),
            SourceKind::Section => (PageKind::Section, format!("{base}{segment}/index.html")),
            SourceKind::Page | SourceKind::Bundle => {
                (PageKind::Page, format!("{base}{segment}/index.html"))
            }
        };
        if let Some(&other) = by_url.get(&url::fold(&url)) {
            let first = placed[other]
                .as_ref()
                .map_or(url.as_str(), |p| p.url.as_str());
            let at = if first == url {
                format!("would both be published at {}", url::pretty(&url))
            } else {
                format!(
                    "would be published at {} and {}, one address on disks and hosts that ignore case",
                    url::pretty(first),
                    url::pretty(&url)
                )
            };
            let mut problem = Diagnostic::error(
                "duplicate-url",
                format!("{} and {} {at}", sources[other].shown(), source.shown()),
            )
            .in_file(source.shown());
            if slugs[i].is_some()
                && let Some((line, column)) = slug_position(source)
            {
                problem = problem.at_line(&source.text, line, column);
            }
            problems.push(
                problem.with_hint("rename one of the files, or give one a different `slug:`"),
            );
            continue;
        }
        by_url.insert(url::fold(&url), i);
        placed[i] = Some(Placed { kind, parent, url });
    }
    placed
}

/// The 1-based line and column of the `slug:` key in a source's front matter.
fn slug_position(source: &Source) -> Option<(usize, usize)> {
    let split = crate::parse::front_matter::split(&source.shown(), &source.text).ok()?;
    let (line, column) = crate::yaml::key_position(split.yaml, "slug")?;
    Some((split.yaml_line + line - 1, column))
}

/// The output folder of every content folder that has a page: sections and page bundles.
pub fn folder_urls<'a>(
    sources: &'a [Source],
    placed: &[Option<Placed>],
) -> HashMap<&'a str, String> {
    sources
        .iter()
        .zip(placed)
        .filter_map(|(source, placed)| {
            let placed = placed.as_ref()?;
            match source.kind {
                SourceKind::Home | SourceKind::Section | SourceKind::Bundle => {
                    Some((source.dir(), url::dir_of(&placed.url).to_string()))
                }
                SourceKind::Page => None,
            }
        })
        .collect()
}

/// Where a content file is published: its nearest page folder's output folder, plus the rest
/// of its path.
pub fn asset_output(path: &str, folders: &HashMap<&str, String>) -> String {
    let mut dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    loop {
        if let Some(out) = folders.get(dir) {
            let rest = if dir.is_empty() {
                path
            } else {
                &path[dir.len() + 1..]
            };
            return format!("{out}{rest}");
        }
        if dir.is_empty() {
            return path.to_string();
        }
        dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
    }
}
