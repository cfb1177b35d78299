//! Headings: ids made the way Git hosts make them, so `#anchors` work the same in a host's
//! Markdown preview and in the built site; their attributes, anchors and the table of contents.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel};

use crate::diagnostic::{Code, Diagnostic};
use crate::html::escape;
use crate::parse::outline::{MarkdownSource, Outline};

/// A heading being read: what its start tag said, and its content so far.
pub(crate) struct OpenHeading<'a> {
    pub level: HeadingLevel,
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub attrs: Vec<(String, Option<String>)>,
    pub text: String,
    pub events: Vec<Event<'a>>,
    pub range: Range<usize>,
}

impl<'a> OpenHeading<'a> {
    /// A heading whose start tag, written at `range` of the file, says this.
    pub fn new(
        level: HeadingLevel,
        id: Option<CowStr<'_>>,
        classes: &[CowStr<'_>],
        attrs: &[(CowStr<'_>, Option<CowStr<'_>>)],
        range: Range<usize>,
    ) -> Self {
        OpenHeading {
            level,
            id: id.map(|s| s.to_string()),
            classes: classes.iter().map(|c| c.to_string()).collect(),
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.as_ref().map(|v| v.to_string())))
                .collect(),
            text: String::new(),
            events: Vec::new(),
            range,
        }
    }
}

/// Without raw HTML, a heading keeps only its `{#id .class}`: any other attribute (`onfocus=…`,
/// `autofocus`, `style=…`) could run script or restyle the page, so each is an error at its
/// place and is dropped.
pub(crate) fn refuse_attributes(
    open: &mut OpenHeading<'_>,
    source: &MarkdownSource<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let line = trim_end(source.text, open.range.clone());
    let braces = source
        .text
        .get(line.clone())
        .and_then(|text| text.rfind('{'))
        .map_or(line.start, |n| line.start + n);
    for (key, _) in open.attrs.drain(..) {
        let place = attribute_place(source.text, braces..line.end, &key).unwrap_or(line.clone());
        problems.push(
            Diagnostic::error(
                Code::HeadingAttribute,
                format!("the heading attribute `{key}` is not allowed: this guide does not allow raw HTML"),
            )
            .in_file(source.file)
            .at(source.text, place)
            .with_hint("headings take only `{#id .class}`; remove the attribute, or allow raw HTML with `markdown: { raw_html: true }` in guide.yaml"),
        );
    }
}

/// Where attribute `key` is written inside the braces at `range` of `text`.
fn attribute_place(text: &str, range: Range<usize>, key: &str) -> Option<Range<usize>> {
    let written = text.get(range.clone())?;
    written.match_indices(key).find_map(|(n, _)| {
        let before = written[..n].chars().next_back();
        let after = written[n + key.len()..].chars().next();
        let starts = before.is_some_and(|c| c == '{' || c.is_whitespace());
        let ends = after.is_none_or(|c| c == '=' || c == '}' || c.is_whitespace());
        (starts && ends).then(|| range.start + n..range.start + n + key.len())
    })
}

/// The id a Git host gives a heading's text: lowercase, spaces to hyphens, punctuation dropped.
pub fn slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Hands out unique heading ids within one page: repeats get `-1`, `-2`, ….
#[derive(Debug, Default)]
pub struct HeadingIds {
    taken: HashSet<String>,
    repeats: HashMap<String, usize>,
}

impl HeadingIds {
    /// Reserves an id the author chose; false when it is already taken.
    pub fn claim(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_string())
    }

    /// A unique id for a heading's text.
    pub fn for_text(&mut self, text: &str) -> String {
        let mut base = slug(text);
        if base.is_empty() {
            base = "section".to_string();
        }
        let mut id = base.clone();
        while self.taken.contains(&id) {
            let n = self.repeats.entry(base.clone()).or_insert(0);
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.taken.insert(id.clone());
        id
    }
}

/// The id of a closed heading: the one its author chose, or one made from its text. The id
/// joins the page's anchor ids; an id chosen twice is an error.
pub(crate) fn name(
    open: &OpenHeading<'_>,
    source: &MarkdownSource<'_>,
    ids: &mut HeadingIds,
    outline: &mut Outline,
) -> String {
    let id = match &open.id {
        Some(id) => {
            if !ids.claim(id) {
                outline.problems.push(
                    Diagnostic::error(
                        Code::DuplicateAnchor,
                        format!("two headings have the id `{id}`"),
                    )
                    .in_file(source.file)
                    .at(source.text, trim_end(source.text, open.range.clone()))
                    .with_hint("give each heading its own `{#id}`"),
                );
            }
            id.clone()
        }
        None => ids.for_text(open.text.trim()),
    };
    outline.anchor_ids.push(id.clone());
    id
}

/// Writes a closed heading: its tag with its id and attributes, its content, and (below h1)
/// the anchor that links to it.
pub(crate) fn write<'a>(open: OpenHeading<'a>, id: &str, out: &mut Vec<Event<'a>>) {
    let title = open.text.trim();
    let mut tag = format!("<{} id=\"{}\"", open.level, escape(id));
    if !open.classes.is_empty() {
        tag.push_str(&format!(" class=\"{}\"", escape(&open.classes.join(" "))));
    }
    for (key, value) in &open.attrs {
        match value {
            Some(value) => tag.push_str(&format!(" {}=\"{}\"", escape(key), escape(value))),
            None => tag.push_str(&format!(" {}", escape(key))),
        }
    }
    tag.push('>');
    let mut close = String::new();
    if open.level != HeadingLevel::H1 {
        close.push_str(&format!(
            " <a class=\"heading-anchor\" href=\"#{}\" aria-label=\"Direct link to {}\">#</a>",
            escape(id),
            escape(title)
        ));
    }
    close.push_str(&format!("</{}>\n", open.level));
    out.push(Event::Html(tag.into()));
    out.extend(open.events);
    out.push(Event::Html(close.into()));
}

/// A range of `text` without its trailing whitespace, so a snippet shows one line.
fn trim_end(text: &str, range: Range<usize>) -> Range<usize> {
    let kept = text
        .get(range.clone())
        .map_or(range.end - range.start, |t| t.trim_end().len());
    range.start..range.start + kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_git_hosts() {
        assert_eq!(slug("Time & money: options"), "time--money-options");
        assert_eq!(slug("Évaluer les rôles"), "évaluer-les-rôles");
        assert_eq!(slug("What's a PLC?"), "whats-a-plc");
        assert_eq!(slug("snake_case and-hyphens"), "snake_case-and-hyphens");
    }

    #[test]
    fn repeats_are_numbered_and_claims_respected() {
        let mut ids = HeadingIds::default();
        assert!(ids.claim("intro-1"));
        assert_eq!(ids.for_text("Intro"), "intro");
        assert_eq!(ids.for_text("Intro"), "intro-2");
        assert_eq!(ids.for_text("Intro"), "intro-3");
        assert_eq!(ids.for_text("?!"), "section");
        assert!(!ids.claim("intro"));
    }
}
