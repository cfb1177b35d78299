//! The Markdown descriptions of the data files follow the address rules of pages: a link or
//! image that would run script is an error at its place in the YAML file.

use pulldown_cmark::{Event, Parser, Tag};

use crate::catalog::{COMPETENCIES_FILE, Catalog, RESOURCES_FILE};
use crate::config::MarkdownSettings;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::shown;

/// Every refused address of the catalog's descriptions.
pub fn check(catalog: &Catalog, settings: &MarkdownSettings) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let competencies = DataFile {
        shown: shown(COMPETENCIES_FILE),
        text: &catalog.competencies_text,
    };
    for framework in &catalog.frameworks {
        if let Some(description) = &framework.description {
            let from = || competencies.line_of(&framework.id, 1);
            competencies.check(description, &from, settings, &mut problems);
        }
    }
    for (c, competency) in catalog.competencies.iter().enumerate() {
        if let Some(description) = &competency.description {
            let from = || {
                let place = catalog.competency_places.get(c).copied().flatten();
                place.map_or_else(|| competencies.line_of(&competency.id, 1), |p| p.line)
            };
            competencies.check(description, &from, settings, &mut problems);
        }
    }
    let resources = DataFile {
        shown: shown(RESOURCES_FILE),
        text: &catalog.resources_text,
    };
    for resource in &catalog.resources {
        if let Some(description) = &resource.description {
            let from = || resources.line_of(&resource.id, 1);
            resources.check(description, &from, settings, &mut problems);
        }
    }
    problems
}

struct DataFile<'a> {
    shown: String,
    text: &'a str,
}

impl DataFile<'_> {
    /// The line where `id` is written, at or after line `from`.
    fn line_of(&self, id: &str, from: usize) -> usize {
        crate::yaml::token_position(self.text, id, from).map_or(from, |(line, _)| line)
    }

    /// Reports each refused address of `description`, placed where it is written at or after
    /// line `from()` of the file; the line is looked for only when there is a problem, so a
    /// large catalog is not rescanned per entry.
    fn check(
        &self,
        description: &str,
        from: &dyn Fn() -> usize,
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
            let from = from();
            let (line, column) =
                crate::yaml::token_position(self.text, written, from).unwrap_or((from, 1));
            problems.push(
                Diagnostic::error(Code::UnsafeAddress, message)
                    .in_file(&self.shown)
                    .at_line(self.text, line, column)
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
