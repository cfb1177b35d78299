//! The render stage: the guide becomes HTML pages and the files published beside them.

mod context;
pub mod theme;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::guide::{Guide, PageKind};
use crate::html::escape;
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

/// Renders every page and lists every file to publish.
pub fn render(guide: &Guide, theme: &Theme) -> (Site, Vec<Diagnostic>) {
    let rendered: Vec<Result<OutputFile, (String, Diagnostic)>> = guide
        .pages
        .par_iter()
        .enumerate()
        .map(|(index, page)| {
            render_page(guide, theme, index).map(|html| OutputFile {
                path: page.url.clone(),
                contents: Contents::Text(html),
            })
        })
        .collect();

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

    match render_404(guide, theme) {
        Ok(html) => site.files.push(OutputFile {
            path: "404.html".into(),
            contents: Contents::Text(html),
        }),
        Err(problem) => problems.push(problem),
    }
    if let Some(base) = &guide.config.base_url {
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

fn render_page(guide: &Guide, theme: &Theme, index: usize) -> Result<String, (String, Diagnostic)> {
    let page = &guide.pages[index];
    let shown = crate::load::shown(&page.source);
    let template = template_of(guide, index);
    if !theme.tera.contains_template(&template) {
        let problem = Diagnostic::error("template", format!("there is no template `{template}`"))
            .in_file(&shown)
            .with_hint("add it to templates/, or remove `template:` from the front matter");
        return Err((shown, problem));
    }
    let mut context = Context::new();
    context.insert("guide", &context::GuideView::new(guide));
    context.insert("root", &url::root_of(&page.url));
    context.insert("page", &context::PageView::new(page));
    context.insert("nav", &context::nav(guide, Some(index)));
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

fn render_404(guide: &Guide, theme: &Theme) -> Result<String, Diagnostic> {
    let mut context = Context::new();
    context.insert("guide", &context::GuideView::new(guide));
    // Served at any address, so its links are absolute when the guide knows its address.
    context.insert("root", guide.config.base_url.as_deref().unwrap_or(""));
    let mut page = BTreeMap::new();
    page.insert("title", "Page not found");
    page.insert("kind", "404");
    page.insert("url", "404.html");
    context.insert("page", &page);
    context.insert("nav", &context::nav(guide, None));
    context.insert("breadcrumbs", &Vec::<()>::new());
    context.insert("prev", &None::<()>);
    context.insert("next", &None::<()>);
    context.insert("canonical", &None::<()>);
    context.insert("children", &Vec::<()>::new());
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
            escape(&format!("{base}{}", url::pretty(&page.url)))
        ));
        if let Some(updated) = &page.front.updated {
            xml.push_str(&format!("<lastmod>{}</lastmod>", escape(updated)));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
