//! Views of the catalog for templates: competencies, resources, downloads, taxonomies and the
//! links to the generated index pages; the catalog's are built once per render (see
//! [`super::context::RenderContext`]) and borrowed by every page.

use serde::Serialize;

use crate::catalog::Resource;
use crate::config::MarkdownSettings;
use crate::generated;
use crate::guide::{Download, Guide, Page};
use crate::parse::front_matter::InlineResource;
use crate::url;

/// A resource kind as people read it: `self-assessment` → `Self-assessment`,
/// `case-study` → `Case study`.
pub fn kind_title(kind: &str) -> String {
    crate::title::from_name(kind)
}

/// The plural of a kind's title, for the library's headings: `Case study` → `Case studies`.
pub fn kind_heading(kind: &str) -> String {
    let title = kind_title(kind);
    if title.ends_with('s') {
        title
    } else if let Some(stem) = title
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{title}s")
    }
}

#[derive(Serialize, Clone)]
pub struct FrameworkRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

/// A competency as a chip or list entry.
#[derive(Serialize, Clone)]
pub struct CompetencyView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub group: Option<&'a str>,
    pub framework: FrameworkRef<'a>,
    /// How many pages develop it.
    pub pages: usize,
}

impl<'a> CompetencyView<'a> {
    /// The competency as listed beside a resource or atop a matrix column.
    pub fn reference(&self) -> CompetencyRef<'a> {
        CompetencyRef {
            id: self.id,
            name: self.name,
            url: self.url.clone(),
            framework: self.framework.clone(),
        }
    }
}

/// A competency's id, name, framework and page, as listed beside a resource.
#[derive(Serialize, Clone)]
pub struct CompetencyRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub framework: FrameworkRef<'a>,
}

/// A resource, from the catalog or written in place.
#[derive(Serialize, Clone)]
pub struct ResourceView<'a> {
    pub id: Option<&'a str>,
    pub title: &'a str,
    pub kind: Option<&'a str>,
    pub kind_title: Option<String>,
    pub organization: Option<&'a str>,
    pub authors: &'a [String],
    pub year: Option<u32>,
    pub external: Option<&'a str>,
    /// A file of the guide, site-relative and percent-encoded.
    pub url: Option<String>,
    pub library_url: Option<String>,
    /// HTML.
    pub description: Option<String>,
    pub competencies: Vec<CompetencyRef<'a>>,
}

/// A download as offered on its page.
#[derive(Serialize)]
pub struct DownloadView<'a> {
    pub title: &'a str,
    pub file: &'a str,
    /// Site-relative and percent-encoded.
    pub url: String,
    pub bytes: u64,
    pub size: String,
    #[serde(rename = "type")]
    pub file_type: String,
}

#[derive(Serialize)]
pub struct TaxonomyValueLink<'a> {
    pub value: &'a str,
    pub url: String,
}

/// A taxonomy's values on one page.
#[derive(Serialize)]
pub struct PageTaxonomy<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub values: Vec<TaxonomyValueLink<'a>>,
}

/// A link to a generated index page.
#[derive(Serialize, Clone)]
pub struct IndexLink {
    pub title: String,
    pub url: String,
}

/// Markdown of a data file's description as HTML (its links are left as written), under the
/// same `raw_html` rule as pages; the link stage has reported any refused address.
pub fn description_html(markdown: &str, settings: &MarkdownSettings) -> String {
    use pulldown_cmark::{Event, Tag};
    let mut options =
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    if settings.smart_punctuation {
        options |= pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION;
    }
    let events = pulldown_cmark::Parser::new_ext(markdown, options).map(|mut event| {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut event
            && crate::address::markdown_problem(dest_url, settings.raw_html).is_some()
        {
            *dest_url = "".into();
        }
        match event {
            Event::Html(html) | Event::InlineHtml(html) if !settings.raw_html => Event::Text(html),
            other => other,
        }
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Every competency of the catalog as listed beside pages, in catalog order.
pub fn competencies(guide: &Guide) -> Vec<CompetencyView<'_>> {
    let catalog = &guide.catalog;
    catalog
        .competencies
        .iter()
        .enumerate()
        .map(|(c, competency)| {
            let framework = &catalog.frameworks[competency.framework];
            CompetencyView {
                id: &competency.id,
                name: &competency.name,
                url: generated::competency_url(&competency.id),
                group: competency.group.map(|g| framework.groups[g].name.as_str()),
                framework: FrameworkRef {
                    id: &framework.id,
                    title: &framework.title,
                },
                pages: guide.developed_by.get(c).map_or(0, Vec::len),
            }
        })
        .collect()
}

/// Every resource of the catalog, in catalog order; `competencies` from [`competencies`].
pub fn resources<'a>(
    guide: &'a Guide,
    competencies: &[CompetencyView<'a>],
) -> Vec<ResourceView<'a>> {
    guide
        .catalog
        .resources
        .iter()
        .enumerate()
        .map(|(r, resource)| {
            catalog_resource(guide, r, resource, competencies, &guide.config.markdown)
        })
        .collect()
}

fn catalog_resource<'a>(
    guide: &'a Guide,
    index: usize,
    resource: &'a Resource,
    competencies: &[CompetencyView<'a>],
    markdown: &MarkdownSettings,
) -> ResourceView<'a> {
    ResourceView {
        id: Some(&resource.id),
        title: &resource.title,
        kind: Some(&resource.kind),
        kind_title: Some(kind_title(&resource.kind)),
        organization: resource.organization.as_deref(),
        authors: &resource.authors,
        year: resource.year,
        external: resource.url.as_deref(),
        url: guide
            .resource_files
            .get(index)
            .and_then(Option::as_deref)
            .map(crate::address::encode_path),
        library_url: Some(generated::resource_url(&resource.id)),
        description: resource
            .description
            .as_deref()
            .map(|d| description_html(d, markdown)),
        competencies: guide.catalog.resource_competencies[index]
            .iter()
            .map(|&c| competencies[c].reference())
            .collect(),
    }
}

/// A resource written in place in a page's front matter; `url` is where it leads inside the
/// guide, if it does.
pub fn inline_resource<'a>(inline: &'a InlineResource, url: Option<&'a str>) -> ResourceView<'a> {
    // The link stage let only web and e-mail addresses, and the guide's own pages and files
    // (`url`), through.
    let external = url::is_external(&inline.url).then_some(inline.url.as_str());
    ResourceView {
        id: None,
        title: &inline.title,
        kind: inline.kind.as_deref(),
        kind_title: inline.kind.as_deref().map(kind_title),
        organization: None,
        authors: &[],
        year: None,
        external,
        url: url.map(str::to_string),
        library_url: None,
        description: None,
        competencies: Vec::new(),
    }
}

/// A size for people: `812 bytes`, `4.1 KB`, `2.3 MB`.
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}

pub fn downloads(page: &Page) -> Vec<DownloadView<'_>> {
    page.downloads
        .iter()
        .map(|d: &Download| DownloadView {
            title: &d.title,
            file: &d.file,
            url: crate::address::encode_path(&d.url),
            bytes: d.bytes,
            size: human_size(d.bytes),
            file_type: d
                .file
                .rsplit_once('.')
                .map_or_else(|| "File".to_string(), |(_, ext)| ext.to_uppercase()),
        })
        .collect()
}

pub fn taxonomies<'a>(guide: &'a Guide, page: &'a Page) -> Vec<PageTaxonomy<'a>> {
    page.front
        .taxonomies
        .iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(name, values)| PageTaxonomy {
            name,
            title: guide
                .config
                .taxonomies
                .get(name)
                .map_or(name.as_str(), |t| t.title.as_str()),
            values: values
                .iter()
                .map(|value| TaxonomyValueLink {
                    value,
                    url: generated::taxonomy_value_url(name, value),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_kinds_read_naturally() {
        assert_eq!(human_size(812), "812 bytes");
        assert_eq!(human_size(4200), "4.1 KB");
        assert_eq!(human_size(2_400_000), "2.3 MB");
        assert_eq!(kind_title("self-assessment"), "Self-assessment");
        assert_eq!(kind_title("case-study"), "Case study");
        assert_eq!(kind_heading("case-study"), "Case studies");
        assert_eq!(kind_heading("standards"), "Standards");
        assert_eq!(kind_heading("journal-article"), "Journal articles");
        assert_eq!(kind_heading("essay"), "Essays");
    }
}
