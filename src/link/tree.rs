//! The guide's tree: which section each page belongs to, and each page's output URL.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::guide::PageKind;
use crate::load::{Source, SourceKind, shown};
use crate::parse::ParsedPage;
use crate::url;

/// A page placed in the tree.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Which of the parsed pages it is.
    pub index: usize,
    pub kind: PageKind,
    /// Its section's place in the list of placed pages.
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

/// Places every page under its section and gives it a URL: the placed pages, the home page
/// first, then in the order given. Pages that cannot be placed are left out, with a diagnostic.
pub fn place(pages: &[ParsedPage], problems: &mut Vec<Diagnostic>) -> Vec<Placed> {
    let mut tree = Tree {
        pages,
        sections: sections(pages, problems),
        placed: vec![None; pages.len()],
        missing_reported: Vec::new(),
        by_url: HashMap::new(),
    };
    for i in parents_first(pages) {
        tree.place(i, problems);
    }
    tree.placed_pages()
}

/// Sections (and the home page) by the folder they stand for; a guide without a home page
/// is an error.
fn sections<'a>(
    pages: &'a [ParsedPage],
    problems: &mut Vec<Diagnostic>,
) -> HashMap<&'a str, usize> {
    let sections: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match p.source.kind {
            SourceKind::Home => Some(("", i)),
            SourceKind::Section => Some((p.source.dir(), i)),
            _ => None,
        })
        .collect();
    if !sections.contains_key("") {
        problems.push(
            Diagnostic::error(Code::NoHome, "there is no home page, content/_index.md")
                .in_file("content/_index.md")
                .with_hint("create content/_index.md with front matter holding the guide's title"),
        );
    }
    sections
}

/// The pages' indices with parents first: sections sorted by depth, then everything else.
fn parents_first(pages: &[ParsedPage]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by_key(|&i| {
        let s = &pages[i].source;
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
    order
}

/// The tree being built: what is placed so far, by index of the parsed pages.
struct Tree<'a> {
    pages: &'a [ParsedPage],
    sections: HashMap<&'a str, usize>,
    placed: Vec<Option<(PageKind, Option<usize>, String)>>,
    missing_reported: Vec<&'a str>,
    /// Placed pages by folded URL.
    by_url: HashMap<String, usize>,
}

impl<'a> Tree<'a> {
    fn place(&mut self, i: usize, problems: &mut Vec<Diagnostic>) {
        let source = &self.pages[i].source;
        let parent = if source.kind == SourceKind::Home {
            None
        } else {
            match self.parent(source, problems) {
                Some(parent) => Some(parent),
                None => return,
            }
        };
        let Some((kind, url)) = self.url(i, parent, problems) else {
            return;
        };
        if let Some(&other) = self.by_url.get(&url::fold(&url)) {
            problems.push(self.duplicate_url(other, i, &url));
            return;
        }
        self.by_url.insert(url::fold(&url), i);
        self.placed[i] = Some((kind, parent, url));
    }

    /// The placed section a page belongs to; `None` when it has none (reported once per
    /// folder) or its section could not be placed (reported already).
    fn parent(&mut self, source: &'a Source, problems: &mut Vec<Diagnostic>) -> Option<usize> {
        let dir = parent_dir(source);
        if let Some(&p) = self.sections.get(dir) {
            return self.placed[p].as_ref().map(|_| p);
        }
        if !self.missing_reported.contains(&dir) && self.sections.contains_key("") {
            self.missing_reported.push(dir);
            problems.push(no_section(source, dir, &self.sections));
        }
        None
    }

    /// The kind and URL of page `i` under `parent`; `None` when its name gives no URL
    /// segment (reported).
    fn url(
        &self,
        i: usize,
        parent: Option<usize>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<(PageKind, String)> {
        let page = &self.pages[i];
        let source = &page.source;
        let segment = match &page.front.slug {
            Some(slug) => slug.clone(),
            None => url::segment(name_of(source)),
        };
        if source.kind != SourceKind::Home && segment.is_empty() {
            problems.push(
                Diagnostic::error(
                    Code::Slug,
                    format!("{} gives no usable URL segment", source.shown()),
                )
                .in_file(source.shown())
                .with_hint("rename the file, or set `slug:` in its front matter"),
            );
            return None;
        }
        let base = parent
            .and_then(|p| self.placed[p].as_ref())
            .map_or(String::new(), |(_, _, url)| url::dir_of(url).to_string());
        Some(match source.kind {
            SourceKind::Home => (PageKind::Home, "index.html".to_string()),
            SourceKind::Section => (PageKind::Section, format!("{base}{segment}/index.html")),
            SourceKind::Page | SourceKind::Bundle => {
                (PageKind::Page, format!("{base}{segment}/index.html"))
            }
        })
    }

    /// Page `i` would be published at `url`, where page `other` is already.
    fn duplicate_url(&self, other: usize, i: usize, url: &str) -> Diagnostic {
        let source = &self.pages[i].source;
        let first = self.placed[other]
            .as_ref()
            .map_or(url, |(_, _, first)| first.as_str());
        let at = if first == url {
            format!("would both be published at {}", url::pretty(url))
        } else {
            format!(
                "would be published at {} and {}, one address on disks and hosts that ignore case",
                url::pretty(first),
                url::pretty(url)
            )
        };
        let mut problem = Diagnostic::error(
            Code::DuplicateUrl,
            format!(
                "{} and {} {at}",
                self.pages[other].source.shown(),
                source.shown()
            ),
        )
        .in_file(source.shown());
        if self.pages[i].front.slug.is_some()
            && let Some(at) = self.pages[i].front.places.key("slug")
        {
            problem = problem.at_offset(&source.text, at.line, at.column, at.offset);
        }
        problem.with_hint("rename one of the files, or give one a different `slug:`")
    }

    /// The placed pages, the home page first, each parent given by its place in this list.
    fn placed_pages(self) -> Vec<Placed> {
        let mut kept: Vec<usize> = (0..self.pages.len())
            .filter(|&i| self.placed[i].is_some())
            .collect();
        kept.sort_by_key(|&i| self.pages[i].source.kind != SourceKind::Home);
        let mut place_of = vec![0; self.pages.len()];
        for (at, &i) in kept.iter().enumerate() {
            place_of[i] = at;
        }
        let mut placed = self.placed;
        kept.into_iter()
            .filter_map(|index| {
                let (kind, parent, url) = placed[index].take()?;
                Some(Placed {
                    index,
                    kind,
                    parent: parent.map(|p| place_of[p]),
                    url,
                })
            })
            .collect()
    }
}

/// A folder with pages but no `_index.md`.
fn no_section(source: &Source, dir: &str, sections: &HashMap<&str, usize>) -> Diagnostic {
    let near = did_you_mean(dir, sections.keys().copied().filter(|d| !d.is_empty()));
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
    Diagnostic::error(
        Code::NoSection,
        format!("the folder {}/ has pages but no _index.md", shown(dir)),
    )
    .in_file(source.shown())
    .with_hint(hint)
}

/// The output folder of every content folder that has a page: sections and page bundles.
pub fn folder_urls<'a>(
    pages: impl Iterator<Item = (&'a Source, &'a str)>,
) -> HashMap<&'a str, String> {
    pages
        .filter_map(|(source, url)| match source.kind {
            SourceKind::Home | SourceKind::Section | SourceKind::Bundle => {
                Some((source.dir(), url::dir_of(url).to_string()))
            }
            SourceKind::Page => None,
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
