//! The preview's state: the guide built in memory, kept up to date with the smallest correct
//! rebuild for each batch of changes, and the files it serves.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;

use super::changes::Changes;
use crate::build::{self, BuildOptions, Built};
use crate::diagnostic::{Diagnostic, Report};
use crate::load::{self, Source, SourceKind};
use crate::parse::front_matter;
use crate::render::{self, Contents, Site};

/// A file the preview serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Served {
    Memory(Bytes),
    /// Read from disk when asked for (content files, theme and `static/` files).
    Disk(std::path::PathBuf),
}

/// Everything served at one moment: the last good build, and the problems of the latest one.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub files: HashMap<String, Served>,
    /// Errors of the latest rebuild; empty when it succeeded.
    pub errors: Vec<Diagnostic>,
    /// Counts successful and failed rebuilds, so a reconnecting page knows it missed one.
    pub version: u64,
    /// The guide folder as the system finds it: a file on disk is served only from inside
    /// it, even if it was replaced by a link since the build (empty: not checked).
    pub root: PathBuf,
}

/// What a rebuild did, for the terminal and the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing the site shows changed.
    Nothing,
    /// Only stylesheets changed: restyle without reloading.
    Restyle,
    /// Pages changed: reload. `pages` says how many were rendered again; `changed` lists the
    /// site paths that changed, or is empty when anything may have.
    Reload {
        pages: usize,
        elapsed: Duration,
        changed: Vec<String>,
    },
    /// The rebuild failed; the last good pages stay served with the errors.
    Failed,
}

/// The preview of a guide.
pub struct Preview {
    options: BuildOptions,
    /// The last good build, with the sources it was made from.
    built: Option<Built>,
    sources: HashMap<String, Arc<str>>,
    /// Whether the latest rebuild failed, so the next change rebuilds everything.
    failed: bool,
    /// Pages' bodies changed on the fast path and the files showing every body (the print
    /// edition) are not yet rendered again: [`Preview::settle`] does it.
    unsettled: bool,
    snapshot: Arc<Snapshot>,
    /// The latest problems and the texts they point into, for the terminal.
    pub report: Report,
}

fn files_of(site: &Site) -> HashMap<String, Served> {
    site.files
        .iter()
        .map(|file| {
            let served = match &file.contents {
                Contents::Text(text) => Served::Memory(Bytes::from(text.clone())),
                Contents::Bytes(bytes) => Served::Memory(Bytes::from(bytes.to_vec())),
                Contents::Copy(path) => Served::Disk(path.clone()),
            };
            (file.path.clone(), served)
        })
        .collect()
}

impl Preview {
    /// Builds the guide for the first time.
    pub fn new(options: BuildOptions) -> Self {
        let mut preview = Preview {
            options,
            built: None,
            sources: HashMap::new(),
            failed: true,
            unsettled: false,
            snapshot: Arc::new(Snapshot::default()),
            report: Report::default(),
        };
        preview.rebuild_all();
        preview
    }

    /// What is served now.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.clone()
    }

    /// Brings the preview up to date with a batch of changes.
    pub fn apply(&mut self, changes: &Changes) -> Outcome {
        if changes.is_empty() {
            return Outcome::Nothing;
        }
        if changes.css_only() && !self.failed && self.statics_unchanged(changes) {
            return Outcome::Restyle;
        }
        if changes.content_only() && !self.failed {
            let start = Instant::now();
            if let Some(outcome) = self.rerender_bodies(&changes.content, start) {
                return outcome;
            }
        }
        self.rebuild_all()
    }

    /// Stylesheets that were already published changed in place (they are served from disk).
    fn statics_unchanged(&self, changes: &Changes) -> bool {
        changes.statics.iter().all(|path| {
            path.is_file()
                && self
                    .snapshot
                    .files
                    .values()
                    .any(|served| matches!(served, Served::Disk(p) if p == path))
        })
    }

    /// Rebuilds everything from the files on disk.
    pub fn rebuild_all(&mut self) -> Outcome {
        let start = Instant::now();
        let version = self.snapshot.version + 1;
        match build::build_site(&self.options) {
            Ok(built) => {
                self.sources = read_sources(&built);
                self.snapshot = Arc::new(Snapshot {
                    files: files_of(&built.site),
                    errors: Vec::new(),
                    version,
                    root: crate::walk::real_root(&self.options.root),
                });
                self.report = built.report.clone();
                let pages = built.site.pages;
                self.built = Some(built);
                self.failed = false;
                self.unsettled = false;
                Outcome::Reload {
                    pages,
                    elapsed: start.elapsed(),
                    changed: Vec::new(),
                }
            }
            Err(failed) => {
                self.fail(failed.report, version);
                Outcome::Failed
            }
        }
    }

    /// A report of `problem` alone, with the texts of the latest build.
    fn only(&self, problem: Diagnostic) -> Report {
        Report {
            problems: vec![problem],
            texts: self.report.texts.clone(),
        }
    }

    /// Keeps serving the last good pages, with the errors of `report`.
    fn fail(&mut self, report: Report, version: u64) {
        let errors: Vec<Diagnostic> = report
            .problems
            .iter()
            .filter(|p| p.is_error())
            .cloned()
            .collect();
        self.snapshot = Arc::new(Snapshot {
            files: self.snapshot.files.clone(),
            errors,
            version,
            root: crate::walk::real_root(&self.options.root),
        });
        self.report = report;
        self.failed = true;
    }

    /// The fast path: Markdown files edited in place with their front matter unchanged get
    /// their body and page rendered again. `None` when a full rebuild is needed instead.
    fn rerender_bodies(&mut self, paths: &[String], start: Instant) -> Option<Outcome> {
        let edits = self.edited_bodies(paths)?;
        if edits.is_empty() {
            return Some(Outcome::Nothing);
        }
        Some(self.rerender(&edits, start))
    }

    /// The pages among `paths` whose text changed, read again; `None` when one of them is
    /// not a page of the last build, cannot be read, or changed its front matter.
    fn edited_bodies(&self, paths: &[String]) -> Option<Vec<(usize, Source)>> {
        let built = self.built.as_ref()?;
        let content_dir = self.options.root.join(load::CONTENT_DIR);
        let mut edits = Vec::new();
        for path in paths {
            let index = built.guide.pages.iter().position(|p| &p.source == path)?;
            let file = content_dir.join(path);
            // A page that became a link leading outside goes to the full rebuild, which
            // reports it; the fast path never reads through it.
            if crate::walk::link_problem(&self.options.root, &file).is_some() {
                return None;
            }
            let text = crate::fs::read_text(&file).ok()?;
            let text: Arc<str> = load::normalize(text).into();
            if self.sources.get(path).is_some_and(|old| *old == text) {
                continue;
            }
            let source = Source {
                path: path.clone(),
                text,
                kind: kind_of(&built.guide, index),
            };
            let split = front_matter::split(&source.shown(), &source.text).ok()?;
            let front =
                front_matter::parse(&source.shown(), &source.text, &split, &built.guide.config)
                    .ok()?;
            if front != built.guide.pages[index].front {
                return None;
            }
            edits.push((index, source));
        }
        Some(edits)
    }

    /// Renders the edited pages again on the last build.
    fn rerender(&mut self, edits: &[(usize, Source)], start: Instant) -> Outcome {
        let Some(built) = self.built.as_mut() else {
            return Outcome::Nothing;
        };
        let mut problems = Vec::new();
        for (index, source) in edits {
            problems.extend(crate::link::rerender_body(
                &mut built.guide,
                *index,
                source,
                &built.static_files,
            ));
            self.report.keep_text(source.shown(), source.text.clone());
            self.sources
                .insert(source.path.clone(), source.text.clone());
        }
        let version = self.snapshot.version + 1;
        if !problems.is_empty() {
            let report = Report {
                problems,
                texts: self.report.texts.clone(),
            };
            self.fail(report.sorted(), version);
            return Outcome::Failed;
        }
        let mut files = self.snapshot.files.clone();
        let mut changed = Vec::new();
        for (index, _) in edits {
            match render::render_one(&built.guide, &built.theme, *index) {
                Ok(html) => {
                    let url = built.guide.pages[*index].url.clone();
                    files.insert(url.clone(), Served::Memory(Bytes::from(html)));
                    changed.push(url);
                }
                Err(problem) => {
                    let report = self.only(problem);
                    self.fail(report, version);
                    return Outcome::Failed;
                }
            }
        }
        self.snapshot = Arc::new(Snapshot {
            files,
            errors: Vec::new(),
            version,
            root: crate::walk::real_root(&self.options.root),
        });
        self.report.problems = built.report.problems.clone();
        self.unsettled = true;
        Outcome::Reload {
            pages: edits.len(),
            elapsed: start.elapsed(),
            changed,
        }
    }

    /// Renders again what shows every page's body (the print edition) after the fast path
    /// changed some; the edited pages themselves were served before this, to be quick.
    pub fn settle(&mut self) -> Outcome {
        if !self.unsettled || self.failed {
            return Outcome::Nothing;
        }
        self.unsettled = false;
        let start = Instant::now();
        let Some(built) = self.built.as_ref() else {
            return Outcome::Nothing;
        };
        let version = self.snapshot.version + 1;
        match render::body_dependents(&built.guide, &built.theme) {
            Ok(outputs) => {
                let mut files = self.snapshot.files.clone();
                let mut changed = Vec::new();
                for (path, served) in files_of(&Site {
                    files: outputs,
                    pages: 0,
                }) {
                    changed.push(path.clone());
                    files.insert(path, served);
                }
                self.snapshot = Arc::new(Snapshot {
                    files,
                    errors: Vec::new(),
                    version,
                    root: crate::walk::real_root(&self.options.root),
                });
                Outcome::Reload {
                    pages: changed.len(),
                    elapsed: start.elapsed(),
                    changed,
                }
            }
            Err(problem) => {
                let report = self.only(problem);
                self.fail(report, version);
                Outcome::Failed
            }
        }
    }
}

fn kind_of(guide: &crate::guide::Guide, index: usize) -> SourceKind {
    let page = &guide.pages[index];
    match page.kind {
        crate::guide::PageKind::Home => SourceKind::Home,
        crate::guide::PageKind::Section => SourceKind::Section,
        crate::guide::PageKind::Page if page.source.ends_with("/index.md") => SourceKind::Bundle,
        crate::guide::PageKind::Page => SourceKind::Page,
    }
}

/// The source texts a build was made from, by path inside `content/`.
fn read_sources(built: &Built) -> HashMap<String, Arc<str>> {
    built
        .guide
        .pages
        .iter()
        .filter_map(|page| {
            let text = built
                .report
                .texts
                .get(std::path::Path::new(&load::shown(&page.source)))?;
            Some((page.source.clone(), text.clone()))
        })
        .collect()
}
