//! The Markdown descriptions of the data files follow the address rules of pages: a link or
//! image that would run script is an error at its place in the YAML file.

use pulldown_cmark::{Event, Parser, Tag};

use crate::catalog::{COMPETENCIES_FILE, Catalog, RESOURCES_FILE};
use crate::config::MarkdownSettings;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::shown;
use crate::yaml::Span;

/// Every refused address of the catalog's descriptions.
pub fn check(catalog: &Catalog, settings: &MarkdownSettings) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let spans = &catalog.descriptions;
    let competencies = DataFile {
        shown: shown(COMPETENCIES_FILE),
        text: &catalog.competencies_text,
    };
    let frameworks = catalog.frameworks.iter().map(|f| &f.description);
    let of_frameworks = frameworks.zip(&spans.frameworks);
    let of_competencies =
        (catalog.competencies.iter().map(|c| &c.description)).zip(&spans.competencies);
    for (description, span) in of_frameworks.chain(of_competencies) {
        if let (Some(description), Some(span)) = (description, span) {
            competencies.check(description, span, settings, &mut problems);
        }
    }
    let resources = DataFile {
        shown: shown(RESOURCES_FILE),
        text: &catalog.resources_text,
    };
    let of_resources = (catalog.resources.iter().map(|r| &r.description)).zip(&spans.resources);
    for (description, span) in of_resources {
        if let (Some(description), Some(span)) = (description, span) {
            resources.check(description, span, settings, &mut problems);
        }
    }
    problems
}

struct DataFile<'a> {
    shown: String,
    text: &'a str,
}

impl DataFile<'_> {
    /// Reports each refused address of `description`, placed where it is written in `span`
    /// of the file (at the start of the description when it is not found there as written).
    fn check(
        &self,
        description: &str,
        span: &Span,
        settings: &MarkdownSettings,
        problems: &mut Vec<Diagnostic>,
    ) {
        let options = pulldown_cmark::Options::ENABLE_TABLES;
        for (event, range) in Parser::new_ext(description, options).into_offset_iter() {
            let dest = match &event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
                _ => continue,
            };
            let Some((message, hint)) = crate::address::markdown_problem(dest, settings.raw_html)
            else {
                continue;
            };
            let written = written_address(&description[range], dest);
            let at = span.place_of(self.text, written).unwrap_or(span.place);
            problems.push(
                Diagnostic::error(Code::UnsafeAddress, message)
                    .in_file(&self.shown)
                    .at_offset(self.text, at.line, at.column, at.offset)
                    .spanning(written.len())
                    .with_hint(hint),
            );
        }
    }
}

/// The address as written in a link's Markdown: `dest` itself, or what follows `](`.
fn written_address<'a>(link: &'a str, dest: &'a str) -> &'a str {
    if link.contains(dest) && !dest.is_empty() {
        return dest;
    }
    let Some((_, after)) = link.split_once("](").or_else(|| link.split_once("]:")) else {
        return link;
    };
    let after = after.trim_start_matches([' ', '<']);
    let end = after.find([' ', ')', '>', '\n']).unwrap_or(after.len());
    &after[..end]
}
