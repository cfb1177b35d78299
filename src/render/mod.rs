//! The render stage: the guide becomes HTML pages and the files published beside them.
//!
//! [`RenderContext`] holds what every page shares; [`page`] renders one page of the tree or
//! one generated page (the [`indexes`], the [`print`] edition, search and 404); this module
//! runs them all and hands each file to the output stage as soon as it is made.

mod catalog_view;
mod context;
mod indexes;
mod json_ld;
mod nav;
mod page;
pub mod print;
pub mod publish;
mod views;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use tera::Context;

pub use context::RenderContext;
use page::{Failure, GeneratedPage};

use crate::diagnostic::{Code, Diagnostic, Report};
use crate::generated;
use crate::guide::{GeneratedKind, Guide};
use crate::html::escape_xml;
use crate::theme::{FileSource, Theme};
use crate::timing;
use crate::url;

/// What an output file holds.
#[derive(Debug, Clone)]
pub enum Contents {
    Text(String),
    Bytes(Cow<'static, [u8]>),
    /// A file copied as it is.
    Copy(PathBuf),
}

/// A file of the built site, at a site-relative path, with its contents in hand.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub contents: Contents,
}

/// A file of the built site already written to the output folder: only its path is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenFile {
    pub path: String,
}

/// What a built site keeps of each file: at least its site-relative path.
pub trait SiteFile: Send {
    fn path(&self) -> &str;
}

impl SiteFile for OutputFile {
    fn path(&self) -> &str {
        &self.path
    }
}

impl SiteFile for WrittenFile {
    fn path(&self) -> &str {
        &self.path
    }
}

/// The built site: every file, and how many of them are pages. A `Site` (of [`OutputFile`]s,
/// the default) keeps every file's contents in memory (`serve`, `check`); a
/// `Site<WrittenFile>` was written to disk as it was rendered (`build`) and keeps only the
/// paths, so nothing can read contents from it.
#[derive(Debug)]
pub struct Site<F = OutputFile> {
    pub files: Vec<F>,
    pub pages: usize,
}

impl<F> Default for Site<F> {
    fn default() -> Self {
        Site {
            files: Vec::new(),
            pages: 0,
        }
    }
}

/// What becomes of each file as soon as it is rendered: kept as it is ([`keep`]), or written
/// out by the output stage with only its path kept, so that the whole site never has to sit
/// in memory.
pub type Place<'a, F> = &'a (dyn Fn(OutputFile) -> Result<F, Diagnostic> + Sync);

/// Keeps a rendered file in memory.
pub fn keep(file: OutputFile) -> Result<OutputFile, Diagnostic> {
    Ok(file)
}

/// A rendered file as `place` made it, or the page that failed and why.
type Rendered<F> = Result<F, Failure>;

/// Renders every page and hands every file to publish to `place` as soon as it is made; the
/// problems go to `report`.
pub fn render_to<F: SiteFile>(
    guide: &Guide,
    theme: &Theme,
    place: Place<'_, F>,
    report: &mut Report,
) -> Site<F> {
    let shared = RenderContext::new(guide);
    let placed = |made: Result<OutputFile, Failure>| {
        made.and_then(|file| {
            let path = file.path.clone();
            place(file).map_err(|problem| (path, problem))
        })
    };
    // Three independent pieces of work, run side by side so that the serial parts of one
    // (the print edition's assembly, the index's merge) overlap the parallel parts of others.
    let ((mut rendered, generated), index) = rayon::join(
        || {
            rayon::join(
                || {
                    timing::stage("render: pages", || {
                        render_pages(guide, &shared, theme, &placed)
                    })
                },
                || render_generated_pages(guide, &shared, theme, &placed),
            )
        },
        || timing::stage("render: search index", || search_index(guide)),
    );
    rendered.extend(generated);
    let (mut site, mut problems) = gather(rendered);
    // The smaller files: placed together at the end.
    let later = smaller_files(guide, &shared, theme, index, &mut problems);
    let later: Vec<Result<F, Diagnostic>> = later.into_par_iter().map(place).collect();
    for file in later {
        match file {
            Ok(file) => site.files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    report.extend(problems);
    site
}

/// The rendered pages as a site, and the problems of those that failed: the same template
/// error on many pages is reported once, naming how many it hit.
fn gather<F>(rendered: Vec<Rendered<F>>) -> (Site<F>, Vec<Diagnostic>) {
    let mut site = Site::default();
    let mut failures: BTreeMap<String, (Diagnostic, Vec<String>)> = BTreeMap::new();
    for result in rendered {
        match result {
            Ok(file) => {
                site.pages += 1;
                site.files.push(file);
            }
            Err((page, diagnostic)) => failures
                .entry(format!(
                    "{}:{}:{}",
                    diagnostic.location(),
                    diagnostic.message,
                    diagnostic.code
                ))
                .or_insert_with(|| (diagnostic, Vec::new()))
                .1
                .push(page),
        }
    }
    let mut problems = Vec::new();
    for (_, (mut diagnostic, pages)) in failures {
        let more = match pages.len() {
            1 => String::new(),
            n => format!(" and {} other page{}", n - 1, if n == 2 { "" } else { "s" }),
        };
        diagnostic.message = format!(
            "{} — while rendering {}{more}",
            diagnostic.message, pages[0]
        );
        problems.push(diagnostic);
    }
    (site, problems)
}

/// The files that are not counted among the pages: the 404 page, the search index and page,
/// redirects, the feed and sitemap, the guide's files and the theme's.
fn smaller_files(
    guide: &Guide,
    shared: &RenderContext<'_>,
    theme: &Theme,
    index: Option<OutputFile>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    match page::render_404(guide, shared, theme) {
        Ok(html) => files.push(text_file(generated::NOT_FOUND_URL.into(), html)),
        Err(problem) => problems.push(problem),
    }
    files.extend(index);
    match search_page(guide, shared, theme) {
        Ok(page) => files.extend(page),
        Err(problem) => problems.push(problem),
    }
    files.extend(redirects(guide));
    if let Some(base) = &guide.config.base_url {
        files.push(text_file(
            generated::FEED_URL.into(),
            publish::feed(guide, base),
        ));
        files.push(text_file(
            generated::SITEMAP_URL.into(),
            sitemap(guide, base),
        ));
    }
    for asset in &guide.assets {
        files.push(OutputFile {
            path: asset.path.clone(),
            contents: Contents::Copy(asset.file.clone()),
        });
    }
    files.extend(theme.statics.iter().map(|file| OutputFile {
        path: file.path.clone(),
        contents: match &file.source {
            FileSource::Embedded(data) => Contents::Bytes(data.clone()),
            FileSource::Disk(path) => Contents::Copy(path.clone()),
        },
    }));
    files
}

fn text_file(path: String, text: String) -> OutputFile {
    OutputFile {
        path,
        contents: Contents::Text(text),
    }
}

/// A redirect page at each old address of a page (`aliases`).
fn redirects(guide: &Guide) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for (p, page) in guide.pages.iter().enumerate() {
        for alias in page.front.aliases.iter().filter_map(|a| url::alias_path(a)) {
            files.push(OutputFile {
                contents: Contents::Text(publish::redirect_page(guide, &alias, p)),
                path: alias,
            });
        }
    }
    files
}

/// The files that show the text of every page (the print edition), rendered again after a
/// page's body changed.
pub fn body_dependents(guide: &Guide, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostic> {
    let shared = RenderContext::new(guide);
    let page = print::edition(guide, &shared).map_err(|(_, problem)| problem)?;
    let path = page.url.clone();
    let html =
        page::render_generated(guide, &shared, theme, page).map_err(|(_, problem)| problem)?;
    let mut files = vec![text_file(path, html)];
    files.extend(search_index(guide));
    Ok(files)
}

/// Every page of the guide, rendered with its template.
fn render_pages<F: SiteFile>(
    guide: &Guide,
    shared: &RenderContext<'_>,
    theme: &Theme,
    placed: &(dyn Fn(Result<OutputFile, Failure>) -> Rendered<F> + Sync),
) -> Vec<Rendered<F>> {
    guide
        .pages
        .par_iter()
        .enumerate()
        .map(|(index, page)| {
            placed(
                page::render_page(guide, shared, theme, index)
                    .map(|html| text_file(page.url.clone(), html)),
            )
        })
        .collect()
}

/// Every generated page but search and 404: the indexes and the print edition.
fn render_generated_pages<F: SiteFile>(
    guide: &Guide,
    shared: &RenderContext<'_>,
    theme: &Theme,
    placed: &(dyn Fn(Result<OutputFile, Failure>) -> Rendered<F> + Sync),
) -> Vec<Rendered<F>> {
    let mut pages = indexes::pages(guide, shared);
    let mut rendered = Vec::new();
    match timing::stage("render: print assembly", || print::edition(guide, shared)) {
        Ok(edition) => pages.push(edition),
        Err(failure) => rendered.push(Err(failure)),
    }
    timing::stage("render: generated pages", || {
        rendered.par_extend(pages.into_par_iter().map(|page| {
            let url = page.url.clone();
            let html = page::render_generated(guide, shared, theme, page);
            placed(html.map(|html| text_file(url, html)))
        }));
    });
    rendered
}

/// Renders the HTML of one page of the guide, e.g. after its body changed.
pub fn render_one(guide: &Guide, theme: &Theme, index: usize) -> Result<String, Diagnostic> {
    let shared = RenderContext::new(guide);
    page::render_page(guide, &shared, theme, index).map_err(|(_, problem)| problem)
}

fn sitemap(guide: &Guide, base: &str) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for &index in &guide.order {
        let page = &guide.pages[index];
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            // The sitemap protocol wants URLs percent-encoded: a slug may hold `é`.
            escape_xml(&format!(
                "{base}{}",
                crate::address::encode_path(url::pretty(&page.url))
            ))
        ));
        if let Some(updated) = &page.front.updated {
            xml.push_str(&format!("<lastmod>{}</lastmod>", escape_xml(updated)));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The search page (`search.html`), when `search.enabled`; it is not counted among the
/// pages, like `404.html`.
fn search_page(
    guide: &Guide,
    shared: &RenderContext<'_>,
    theme: &Theme,
) -> Result<Option<OutputFile>, Diagnostic> {
    if !guide.config.search.enabled {
        return Ok(None);
    }
    if let Some(taken) = guide.pages.iter().find(|p| p.url == generated::SEARCH_URL) {
        return Err(
            Diagnostic::error(
                Code::SearchPage,
                format!(
                    "this page would be published at {}, the search page's address",
                    generated::SEARCH_URL
                ),
            )
            .in_file(crate::load::shown(&taken.source))
            .with_hint("give it another `slug:`, or turn search off with `search: { enabled: false }` in guide.yaml"),
        );
    }
    let mut context = Context::new();
    context.insert("search", &crate::search::page_view(guide));
    let page = GeneratedPage {
        kind: GeneratedKind::Search,
        url: generated::SEARCH_URL.into(),
        title: "Search".into(),
        summary: None,
        trail: Vec::new(),
        context,
    };
    match page::render_generated(guide, shared, theme, page) {
        Ok(html) => Ok(Some(text_file(generated::SEARCH_URL.into(), html))),
        Err((page, mut problem)) => {
            problem.message = format!("{} — while rendering {page}", problem.message);
            Err(problem)
        }
    }
}

/// The search index script (src/search), when `search.enabled`; it shows every page's text.
fn search_index(guide: &Guide) -> Option<OutputFile> {
    guide.config.search.enabled.then(|| OutputFile {
        path: generated::SEARCH_INDEX_URL.into(),
        contents: Contents::Text(crate::search::script(guide)),
    })
}
