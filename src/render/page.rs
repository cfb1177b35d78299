//! One page as HTML: a page of the guide's tree with its template, or a generated page.

use std::borrow::Cow;

use tera::Context;

use super::catalog_view::IndexLink;
use super::context::RenderContext;
use super::{nav, views};
use crate::diagnostic::{Code, Diagnostic};
use crate::generated;
use crate::guide::{GeneratedKind, Guide, PageKind};
use crate::theme::Theme;
use crate::url;

/// A generated page to render: what it is, where, and its own variables.
pub struct GeneratedPage {
    pub kind: GeneratedKind,
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    /// Breadcrumbs below the home page, e.g. the competency index for a competency.
    pub trail: Vec<IndexLink>,
    pub context: Context,
}

/// The `page` of a page that is not in the tree.
#[derive(serde::Serialize)]
struct PlainPage<'a> {
    kind: GeneratedKind,
    title: &'a str,
    summary: Option<&'a str>,
    url: &'a str,
}

/// A page that failed to render: the page, and why.
pub type Failure = (String, Diagnostic);

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
    shared: &RenderContext<'_>,
    root: &str,
    current: Option<usize>,
) -> Context {
    let mut context = shared.base.clone();
    context.insert("root", root);
    context.insert_value("nav", nav::nav(guide, shared, current));
    context.insert_value("nav_rows", nav::nav_rows(guide, shared, current));
    context
}

/// The HTML of page `index` of the guide, with its template.
pub fn render_page(
    guide: &Guide,
    shared: &RenderContext<'_>,
    theme: &Theme,
    index: usize,
) -> Result<String, Failure> {
    let page = &guide.pages[index];
    let shown = crate::load::shown(&page.source);
    let template = template_of(guide, index);
    if !theme.tera.contains_template(&template) {
        let problem =
            Diagnostic::error(Code::Template, format!("there is no template `{template}`"))
                .in_file(&shown)
                .with_hint("add it to templates/, or remove `template:` from the front matter");
        return Err((shown, problem));
    }
    let mut context = base_context(guide, shared, &url::root_of(&page.url), Some(index));
    context.insert("page", &views::PageView::new(guide, shared, page));
    context.insert("is_home", &(page.kind == PageKind::Home));
    context.insert("breadcrumbs", &views::breadcrumbs(guide, index));
    context.insert(
        "prev",
        &page.prev.map(|p| views::LinkView::new(&guide.pages[p])),
    );
    context.insert(
        "next",
        &page.next.map(|p| views::LinkView::new(&guide.pages[p])),
    );
    context.insert("canonical", &views::canonical(guide, page));
    context.insert("children", &views::children(guide, index));
    theme.tera.render(&template, &context).map_err(|error| {
        (
            shown.clone(),
            theme.diagnostic(&error, &format!("template {template}")),
        )
    })
}

/// The HTML of a generated page, with the template of its kind.
pub fn render_generated(
    guide: &Guide,
    shared: &RenderContext<'_>,
    theme: &Theme,
    page: GeneratedPage,
) -> Result<String, Failure> {
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
    let mut crumbs: Vec<IndexLink> = guide
        .pages
        .first()
        .map(|home| IndexLink {
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
    let template = page.kind.template();
    theme.tera.render(template, &context).map_err(|error| {
        (
            page.url.clone(),
            theme.diagnostic(&error, &format!("template {template}")),
        )
    })
}

/// The HTML of the 404 page.
pub fn render_404(
    guide: &Guide,
    shared: &RenderContext<'_>,
    theme: &Theme,
) -> Result<String, Diagnostic> {
    // Served at any address, so its links are absolute when the guide knows its address.
    let root = guide.config.base_url.as_deref().unwrap_or("");
    let mut context = base_context(guide, shared, root, None);
    context.insert(
        "page",
        &PlainPage {
            kind: GeneratedKind::NotFound,
            title: "Page not found",
            summary: None,
            url: generated::NOT_FOUND_URL,
        },
    );
    let template = GeneratedKind::NotFound.template();
    theme
        .tera
        .render(template, &context)
        .map_err(|error| theme.diagnostic(&error, &format!("template {template}")))
}
