//! The render stage: the guide becomes HTML pages and the files published beside them.

pub mod catalog_view;
mod context;
mod generated;
mod json_ld;
pub mod print;
pub mod publish;
pub mod theme;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::guide::{Guide, PageKind};
use crate::html::escape_xml;
use crate::url;
use theme::FileSource;
pub use theme::Theme;

/// What an output file holds.
#[derive(Debug, Clone)]
pub enum Contents {
    Text(String),
    Bytes(Cow<'static, [u8]>),
    /// A file copied as it is.
    Copy(PathBuf),
    /// Already written to the output folder (see [`Place`]); only the path is kept.
    Written,
}

/// A file of the built site, at a site-relative path.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub contents: Contents,
}

/// The built site: every file, and how many of them are pages.
#[derive(Debug, Default)]
pub struct Site {
    pub files: Vec<OutputFile>,
    pub pages: usize,
}

/// What becomes of each file as soon as it is rendered: kept in the [`Site`] as it is
/// ([`keep`]: `serve`, `check`), or written out by the output stage with only its path kept
/// (`build`), so that the whole site never has to sit in memory.
pub type Place<'a> = &'a (dyn Fn(OutputFile) -> Result<OutputFile, Diagnostic> + Sync);

/// Keeps a rendered file in memory.
pub fn keep(file: OutputFile) -> Result<OutputFile, Diagnostic> {
    Ok(file)
}

/// Renders every page and lists every file to publish, all kept in memory.
pub fn render(guide: &Guide, theme: &Theme) -> (Site, Vec<Diagnostic>) {
    render_to(guide, theme, &keep)
}

/// Renders every page and hands every file to publish to `place` as soon as it is made.
pub fn render_to(guide: &Guide, theme: &Theme, place: Place<'_>) -> (Site, Vec<Diagnostic>) {
    let shared = catalog_view::Shared::new(guide);
    let placed = |made: Result<OutputFile, (String, Diagnostic)>| {
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
                    crate::timing::stage("render: pages", || {
                        render_pages(guide, &shared, theme, &placed)
                    })
                },
                || {
                    let mut generated = generated::pages(guide, &shared);
                    let edition = crate::timing::stage("render: print assembly", || {
                        print::edition(guide, &shared)
                    });
                    generated.push(edition);
                    crate::timing::stage("render: generated pages", || {
                        generated
                            .into_par_iter()
                            .map(|page| {
                                let url = page.url.clone();
                                let html = render_generated(guide, &shared, theme, page);
                                placed(html.map(|html| OutputFile {
                                    path: url,
                                    contents: Contents::Text(html),
                                }))
                            })
                            .collect::<Vec<_>>()
                    })
                },
            )
        },
        || crate::timing::stage("render: search index", || search_index(guide)),
    );
    rendered.extend(generated);

    let mut site = Site::default();
    // The same template error on many pages is reported once, naming how many it hit.
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

    // The smaller files: placed together at the end.
    let placed_already = site.files.len();
    match render_404(guide, &shared, theme) {
        Ok(html) => site.files.push(OutputFile {
            path: "404.html".into(),
            contents: Contents::Text(html),
        }),
        Err(problem) => problems.push(problem),
    }
    site.files.extend(index);
    problems.extend(search(guide, &shared, theme, &mut site));
    for (p, page) in guide.pages.iter().enumerate() {
        for alias in page
            .front
            .aliases
            .iter()
            .filter_map(|a| crate::url::alias_path(a))
        {
            site.files.push(OutputFile {
                contents: Contents::Text(publish::redirect_page(guide, &alias, p)),
                path: alias,
            });
        }
    }
    if let Some(base) = &guide.config.base_url {
        site.files.push(OutputFile {
            path: publish::FEED_URL.into(),
            contents: Contents::Text(publish::feed(guide, base)),
        });
        site.files.push(OutputFile {
            path: "sitemap.xml".into(),
            contents: Contents::Text(sitemap(guide, base)),
        });
    }
    for asset in &guide.assets {
        site.files.push(OutputFile {
            path: asset.path.clone(),
            contents: Contents::Copy(asset.file.clone()),
        });
    }
    for file in &theme.statics {
        let contents = match &file.source {
            FileSource::Embedded(data) => Contents::Bytes(data.clone()),
            FileSource::Disk(path) => Contents::Copy(path.clone()),
        };
        site.files.push(OutputFile {
            path: file.path.clone(),
            contents,
        });
    }
    let later = site.files.split_off(placed_already);
    let later: Vec<Result<OutputFile, Diagnostic>> = later.into_par_iter().map(place).collect();
    for file in later {
        match file {
            Ok(file) => site.files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    (site, problems)
}

fn template_of(guide: &Guide, index: usize) -> Cow<'static, str> {
    let page = &guide.pages[index];
    match &page.front.template {
        Some(template) => Cow::Owned(template.clone()),
        None => Cow::Borrowed(match page.kind {
            PageKind::Home => "index.html",
            PageKind::Section => "section.html",
            PageKind::Page => "page.html",
        }),
    }
}

/// The variables every template receives; `current` is the page in the tree, if any.
fn base_context(
    guide: &Guide,
    shared: &catalog_view::Shared<'_>,
    root: &str,
    current: Option<usize>,
) -> Context {
    let mut context = shared.base.clone();
    context.insert("root", root);
    context.insert_value("nav", context::nav(guide, shared, current));
    context.insert_value("nav_rows", context::nav_rows(guide, shared, current));
    context
}

/// The variables that are the same for every page; see [`catalog_view::Shared::base`].
fn common_context(guide: &Guide, indexes: &[catalog_view::IndexLink]) -> Context {
    let mut context = Context::new();
    context.insert("guide", &context::GuideView::new(guide));
    context.insert("indexes", indexes);
    context.insert("prev", &None::<()>);
    context.insert("next", &None::<()>);
    context.insert("canonical", &None::<()>);
    context.insert("children", &Vec::<()>::new());
    context.insert("breadcrumbs", &Vec::<()>::new());
    context.insert(
        "feed",
        &guide.config.base_url.as_ref().map(|_| publish::FEED_URL),
    );
    context.insert("search", &crate::search::links(guide));
    context
}

/// The files that show the text of every page (the print edition), rendered again after a
/// page's body changed.
pub fn body_dependents(guide: &Guide, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostic> {
    let shared = catalog_view::Shared::new(guide);
    let page = print::edition(guide, &shared);
    let path = page.url.clone();
    let html = render_generated(guide, &shared, theme, page).map_err(|(_, problem)| problem)?;
    let mut files = vec![OutputFile {
        path,
        contents: Contents::Text(html),
    }];
    files.extend(search_index(guide));
    Ok(files)
}

/// Every page of the guide, rendered with its template.
fn render_pages(
    guide: &Guide,
    shared: &catalog_view::Shared<'_>,
    theme: &Theme,
    placed: &(dyn Fn(Rendered) -> Rendered + Sync),
) -> Vec<Rendered> {
    guide
        .pages
        .par_iter()
        .enumerate()
        .map(|(index, page)| {
            placed(
                render_page(guide, shared, theme, index).map(|html| OutputFile {
                    path: page.url.clone(),
                    contents: Contents::Text(html),
                }),
            )
        })
        .collect()
}

/// A rendered file, or the page that failed and why.
type Rendered = Result<OutputFile, (String, Diagnostic)>;

/// Renders the HTML of one page of the guide, e.g. after its body changed.
pub fn render_one(guide: &Guide, theme: &Theme, index: usize) -> Result<String, Diagnostic> {
    let shared = catalog_view::Shared::new(guide);
    render_page(guide, &shared, theme, index).map_err(|(_, problem)| problem)
}

fn render_page(
    guide: &Guide,
    shared: &catalog_view::Shared<'_>,
    theme: &Theme,
    index: usize,
) -> Result<String, (String, Diagnostic)> {
    let page = &guide.pages[index];
    let shown = crate::load::shown(&page.source);
    let template = template_of(guide, index);
    if !theme.tera.contains_template(&template) {
        let problem = Diagnostic::error("template", format!("there is no template `{template}`"))
            .in_file(&shown)
            .with_hint("add it to templates/, or remove `template:` from the front matter");
        return Err((shown, problem));
    }
    let mut context = base_context(guide, shared, &url::root_of(&page.url), Some(index));
    context.insert("page", &context::PageView::new(guide, shared, page));
    context.insert("breadcrumbs", &context::breadcrumbs(guide, index));
    context.insert(
        "prev",
        &page.prev.map(|p| context::LinkView::new(&guide.pages[p])),
    );
    context.insert(
        "next",
        &page.next.map(|p| context::LinkView::new(&guide.pages[p])),
    );
    context.insert("canonical", &context::canonical(guide, page));
    context.insert("children", &context::children(guide, index));
    theme.tera.render(&template, &context).map_err(|error| {
        (
            shown.clone(),
            theme.diagnostic(&error, &format!("template {template}")),
        )
    })
}

/// The `page` of a page that is not in the tree.
#[derive(serde::Serialize)]
struct PlainPage<'a> {
    kind: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    url: &'a str,
}

fn render_generated(
    guide: &Guide,
    shared: &catalog_view::Shared<'_>,
    theme: &Theme,
    page: generated::Generated,
) -> Result<String, (String, Diagnostic)> {
    let mut context = base_context(guide, shared, &url::root_of(&page.url), None);
    context.insert(
        "page",
        &PlainPage {
            kind: page.kind,
            title: &page.title,
            summary: page.summary.as_deref(),
            url: &page.url,
        },
    );
    let mut crumbs: Vec<catalog_view::IndexLink> = guide
        .pages
        .first()
        .map(|home| catalog_view::IndexLink {
            title: home.front.title.clone(),
            url: home.url.clone(),
        })
        .into_iter()
        .collect();
    crumbs.extend(page.trail);
    context.insert("breadcrumbs", &crumbs);
    if let Some(base) = &guide.config.base_url {
        context.insert("canonical", &format!("{base}{}", url::pretty(&page.url)));
    }
    context.extend(page.context);
    theme.tera.render(page.template, &context).map_err(|error| {
        (
            page.url.clone(),
            theme.diagnostic(&error, &format!("template {}", page.template)),
        )
    })
}

fn render_404(
    guide: &Guide,
    shared: &catalog_view::Shared<'_>,
    theme: &Theme,
) -> Result<String, Diagnostic> {
    // Served at any address, so its links are absolute when the guide knows its address.
    let root = guide.config.base_url.as_deref().unwrap_or("");
    let mut context = base_context(guide, shared, root, None);
    context.insert(
        "page",
        &PlainPage {
            kind: "404",
            title: "Page not found",
            summary: None,
            url: "404.html",
        },
    );
    theme
        .tera
        .render("404.html", &context)
        .map_err(|error| theme.diagnostic(&error, "template 404.html"))
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

/// The search index script and the search page (`search.html`), when `search.enabled`. The
/// search page is not counted among the pages, like `404.html`.
fn search(
    guide: &Guide,
    shared: &catalog_view::Shared<'_>,
    theme: &Theme,
    site: &mut Site,
) -> Option<Diagnostic> {
    if !guide.config.search.enabled {
        return None;
    }
    if let Some(taken) = guide
        .pages
        .iter()
        .find(|p| p.url == crate::search::PAGE_URL)
    {
        return Some(
            Diagnostic::error(
                "search-page",
                format!(
                    "this page would be published at {}, the search page's address",
                    crate::search::PAGE_URL
                ),
            )
            .in_file(crate::load::shown(&taken.source))
            .with_hint("give it another `slug:`, or turn search off with `search: { enabled: false }` in guide.yaml"),
        );
    }
    let mut context = Context::new();
    context.insert("search", &crate::search::page_view(guide));
    let page = generated::Generated {
        url: crate::search::PAGE_URL.into(),
        template: "search.html",
        kind: "search",
        title: "Search".into(),
        summary: None,
        trail: Vec::new(),
        context,
    };
    match render_generated(guide, shared, theme, page) {
        Ok(html) => {
            site.files.push(OutputFile {
                path: crate::search::PAGE_URL.into(),
                contents: Contents::Text(html),
            });
            None
        }
        Err((page, mut problem)) => {
            problem.message = format!("{} — while rendering {page}", problem.message);
            Some(problem)
        }
    }
}

/// The search index script (src/search), when `search.enabled`; it shows every page's text.
fn search_index(guide: &Guide) -> Option<OutputFile> {
    guide.config.search.enabled.then(|| OutputFile {
        path: crate::search::INDEX_URL.into(),
        contents: Contents::Text(crate::search::script(guide)),
    })
}
