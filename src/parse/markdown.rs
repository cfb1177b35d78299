//! Markdown to HTML: heading ids and anchors, the table of contents, and links rewritten
//! from source paths to output URLs.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::config::MarkdownSettings;
use crate::diagnostic::Diagnostic;
use crate::html::escape;
use crate::parse::heading::HeadingIds;

/// What becomes of a link or image address found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkResolution {
    /// An outside address, left as written.
    Unchanged,
    /// An address inside the guide, rewritten relative to the page; the anchor is checked
    /// once every page's headings are known.
    Rewritten {
        href: String,
        anchor: Option<AnchorCheck>,
    },
    /// An address that leads nowhere.
    Broken { message: String, hint: String },
}

/// A `#fragment` that must name a heading of page `page`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorCheck {
    pub page: usize,
    pub anchor: String,
}

/// A link with a `#fragment`, kept until every page's headings are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    pub check: AnchorCheck,
    /// Byte range of the address in the file, and its 1-based line and column.
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
}

/// Turns the addresses written in a page into output addresses.
pub trait LinkResolver {
    fn resolve(&self, address: &str) -> LinkResolution;
}

/// An entry of a page's "on this page" list: an h2 with its h3s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A page body rendered to HTML.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every id a `#fragment` may name: heading ids and ids in raw HTML.
    pub anchor_ids: Vec<String>,
    /// Anchors to check, with the place of the link that names them.
    pub anchors: Vec<AnchorLink>,
    /// Outside web addresses, with their places, for `check --external`.
    pub external: Vec<ExternalLink>,
    pub problems: Vec<Diagnostic>,
}

/// An `http(s):` address written in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
}

/// The Markdown of one file.
pub struct MarkdownSource<'a> {
    /// The file as shown in diagnostics, e.g. `content/selecting/rubrics.md`.
    pub file: &'a str,
    /// The whole file's text.
    pub text: &'a str,
    /// Where the body starts in `text`.
    pub body_offset: usize,
}

struct OpenHeading<'a> {
    level: HeadingLevel,
    id: Option<String>,
    classes: Vec<String>,
    attrs: Vec<(String, Option<String>)>,
    text: String,
    events: Vec<Event<'a>>,
    range: Range<usize>,
}

/// Renders a page body, resolving its links with `resolver`.
pub fn render(
    source: &MarkdownSource<'_>,
    settings: &MarkdownSettings,
    resolver: &dyn LinkResolver,
) -> Rendered {
    let body = &source.text[source.body_offset..];
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if settings.smart_punctuation {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let mut rendered = Rendered::default();
    let mut ids = HeadingIds::default();
    let mut out: Vec<Event<'_>> = Vec::new();
    let mut heading: Option<OpenHeading<'_>> = None;
    let mut toc_h2: Vec<TocEntry> = Vec::new();
    // The image being read: its place and its alternative text so far.
    let mut image: Option<(Range<usize>, String)> = None;
    let mut lines = LineCursor {
        text: source.text,
        offset: 0,
        line: 1,
        line_start: 0,
    };

    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let file_range = source.body_offset + range.start..source.body_offset + range.end;
        let event = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some(OpenHeading {
                    level,
                    id: id.map(|s| s.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    attrs: attrs
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.as_ref().map(|v| v.to_string())))
                        .collect(),
                    text: String::new(),
                    events: Vec::new(),
                    range: file_range,
                });
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(open) = heading.take() {
                    close_heading(open, source, &mut ids, &mut rendered, &mut toc_h2, &mut out);
                }
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if link_type != LinkType::Email => {
                let dest_url = rewrite(
                    &mut lines,
                    &dest_url,
                    &file_range,
                    source,
                    resolver,
                    &mut rendered,
                );
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image = Some((file_range.clone(), String::new()));
                let dest_url = rewrite(
                    &mut lines,
                    &dest_url,
                    &file_range,
                    source,
                    resolver,
                    &mut rendered,
                );
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Html(html) | Event::InlineHtml(html) if !settings.raw_html => Event::Text(html),
            // A checkbox needs an accessible name; the item's text follows it.
            Event::TaskListMarker(done) => Event::InlineHtml(
                if done {
                    r#"<input type="checkbox" disabled checked aria-label="Done:"> "#
                } else {
                    r#"<input type="checkbox" disabled aria-label="To do:"> "#
                }
                .into(),
            ),
            // The wrapper scrolls a wide table sideways, so the keyboard must reach it, and
            // what takes the focus needs a role and a name.
            Event::Start(Tag::Table(alignments)) => {
                push(
                    &mut heading,
                    &mut out,
                    Event::Html(
                        r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Table">"#
                            .into(),
                    ),
                );
                Event::Start(Tag::Table(alignments))
            }
            Event::End(TagEnd::Table) => {
                push(&mut heading, &mut out, Event::End(TagEnd::Table));
                Event::Html("</div>\n".into())
            }
            other => other,
        };
        match (&mut image, &event) {
            (Some((_, alt)), Event::Text(text) | Event::Code(text)) => alt.push_str(text),
            (Some((place, alt)), Event::End(TagEnd::Image)) => {
                if alt.trim().is_empty() {
                    rendered.problems.push(
                        Diagnostic::warning("image-alt", "an image has no alternative text")
                            .in_file(source.file)
                            .at(source.text, place.clone())
                            .with_hint("describe what the image shows between the brackets: ![A coach and a teacher reviewing student work](photo.jpg)"),
                    );
                }
                image = None;
            }
            _ => {}
        }
        if let Event::Html(html) | Event::InlineHtml(html) = &event {
            rendered.anchor_ids.extend(html_ids(html));
        }
        if let (Some(open), Event::Text(text) | Event::Code(text)) = (&mut heading, &event) {
            open.text.push_str(text);
        }
        push(&mut heading, &mut out, event);
    }
    if let Some(open) = heading.take() {
        close_heading(open, source, &mut ids, &mut rendered, &mut toc_h2, &mut out);
    }
    rendered.toc = toc_h2;
    pulldown_cmark::html::push_html(&mut rendered.html, out.into_iter());
    rendered
}

/// Lines and columns of offsets met in increasing order, counted from the last one.
struct LineCursor<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl LineCursor<'_> {
    fn at(&mut self, offset: usize) -> (usize, usize) {
        if offset < self.offset || !self.text.is_char_boundary(offset.min(self.text.len())) {
            return crate::diagnostic::line_column(self.text, offset);
        }
        let offset = offset.min(self.text.len());
        for (i, b) in self.text.as_bytes()[self.offset..offset].iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        (
            self.line,
            self.text[self.line_start..offset].chars().count() + 1,
        )
    }
}

/// The `id="…"` attributes of raw HTML, which links may name as anchors too.
fn html_ids(html: &str) -> impl Iterator<Item = String> + '_ {
    html.match_indices("id=").filter_map(move |(n, _)| {
        let before = html[..n].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            return None;
        }
        let rest = &html[n + 3..];
        let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let value = &rest[1..];
        value.find(quote).map(|end| value[..end].to_string())
    })
}

fn push<'a>(heading: &mut Option<OpenHeading<'a>>, out: &mut Vec<Event<'a>>, event: Event<'a>) {
    match heading {
        Some(open) => open.events.push(event),
        None => out.push(event),
    }
}

fn close_heading<'a>(
    open: OpenHeading<'a>,
    source: &MarkdownSource<'_>,
    ids: &mut HeadingIds,
    rendered: &mut Rendered,
    toc: &mut Vec<TocEntry>,
    out: &mut Vec<Event<'a>>,
) {
    let title = open.text.trim().to_string();
    let id = match open.id {
        Some(id) => {
            if !ids.claim(&id) {
                rendered.problems.push(
                    Diagnostic::error(
                        "duplicate-anchor",
                        format!("two headings have the id `{id}`"),
                    )
                    .in_file(source.file)
                    .at(source.text, trim_end(source.text, open.range.clone()))
                    .with_hint("give each heading its own `{#id}`"),
                );
            }
            id
        }
        None => ids.for_text(&title),
    };
    let mut tag = format!("<{} id=\"{}\"", open.level, escape(&id));
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
    out.push(Event::Html(tag.into()));
    out.extend(open.events);
    let mut close = String::new();
    if open.level != HeadingLevel::H1 {
        close.push_str(&format!(
            " <a class=\"heading-anchor\" href=\"#{}\" aria-label=\"Direct link to {}\">#</a>",
            escape(&id),
            escape(&title)
        ));
    }
    close.push_str(&format!("</{}>\n", open.level));
    out.push(Event::Html(close.into()));
    let entry = TocEntry {
        id: id.clone(),
        title,
        children: Vec::new(),
    };
    match open.level {
        HeadingLevel::H2 => toc.push(entry),
        HeadingLevel::H3 => match toc.last_mut() {
            Some(parent) => parent.children.push(entry),
            None => toc.push(entry),
        },
        _ => {}
    }
    rendered.anchor_ids.push(id);
}

/// A range of `text` without its trailing whitespace, so a snippet shows one line.
fn trim_end(text: &str, range: Range<usize>) -> Range<usize> {
    let kept = text
        .get(range.clone())
        .map_or(range.end - range.start, |t| t.trim_end().len());
    range.start..range.start + kept
}

fn rewrite<'a>(
    lines: &mut LineCursor<'_>,
    dest: &CowStr<'a>,
    range: &Range<usize>,
    source: &MarkdownSource<'_>,
    resolver: &dyn LinkResolver,
    rendered: &mut Rendered,
) -> CowStr<'a> {
    // Point at the address itself when it is written inside the link's text range.
    let written = &source.text[range.clone()];
    let place = written
        .find(dest.as_ref())
        .filter(|_| !dest.is_empty())
        .map_or(range.clone(), |n| {
            range.start + n..range.start + n + dest.len()
        });
    match resolver.resolve(dest) {
        LinkResolution::Unchanged => {
            if dest.starts_with("http://") || dest.starts_with("https://") {
                let (line, column) = lines.at(place.start);
                rendered.external.push(ExternalLink {
                    url: dest.to_string(),
                    span: place,
                    line,
                    column,
                });
            }
            dest.clone()
        }
        LinkResolution::Rewritten { href, anchor } => {
            if let Some(anchor) = anchor {
                let (line, column) = lines.at(place.start);
                rendered.anchors.push(AnchorLink {
                    check: anchor,
                    span: place,
                    line,
                    column,
                });
            }
            href.into()
        }
        LinkResolution::Broken { message, hint } => {
            rendered.problems.push(
                Diagnostic::error("broken-link", message)
                    .in_file(source.file)
                    .at(source.text, place)
                    .with_hint(hint),
            );
            dest.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Links;
    impl LinkResolver for Links {
        fn resolve(&self, address: &str) -> LinkResolution {
            match address {
                "other.md#x" => LinkResolution::Rewritten {
                    href: "../other/index.html#x".into(),
                    anchor: Some(AnchorCheck {
                        page: 1,
                        anchor: "x".into(),
                    }),
                },
                "missing.md" => LinkResolution::Broken {
                    message: "no such page".into(),
                    hint: "h".into(),
                },
                _ => LinkResolution::Unchanged,
            }
        }
    }

    fn md(body: &str) -> Rendered {
        let text = format!("---\ntitle: T\n---\n{body}");
        let source = MarkdownSource {
            file: "x.md",
            text: &text,
            body_offset: 16,
        };
        render(&source, &MarkdownSettings::default(), &Links)
    }

    #[test]
    fn headings_get_ids_anchors_and_a_toc() {
        let r = md("## One\n### Sub `code`\n## One\n#### Deep {#custom .wide}\n");
        assert!(r.html.contains(r##"<h2 id="one">One <a class="heading-anchor" href="#one" aria-label="Direct link to One">#</a></h2>"##), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="one-1">"#));
        assert!(
            r.html
                .contains(r#"<h3 id="sub-code">Sub <code>code</code>"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<h4 id="custom" class="wide">"#));
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[0].children[0].title, "Sub code");
        assert_eq!(r.anchor_ids, ["one", "sub-code", "one-1", "custom"]);
    }

    #[test]
    fn links_are_rewritten_and_broken_ones_placed() {
        let r = md("See [o](other.md#x).\n\nAnd\n[m](missing.md) and [e](https://e.org).\n");
        assert!(r.html.contains(r#"href="../other/index.html#x""#));
        assert!(r.html.contains(r#"href="https://e.org""#));
        assert_eq!(r.anchors.len(), 1);
        assert_eq!(r.problems.len(), 1);
        assert_eq!((r.problems[0].line, r.problems[0].column), (7, 5));
    }

    #[test]
    fn extensions_are_on_and_tables_scroll() {
        let r = md("| a |\n|---|\n| b |\n\n~~s~~\n\n- [x] t\n\n\"q\" x[^1]\n\n[^1]: n\n");
        assert!(
            r.html.contains(
                r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Table"><table>"#
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("<del>s</del>"));
        assert!(r.html.contains("\u{201c}q\u{201d}"));
        assert!(r.html.contains("footnote"));
        assert!(
            r.html
                .contains(r#"<input type="checkbox" disabled checked aria-label="Done:">"#),
            "{}",
            r.html
        );
    }

    #[test]
    fn raw_html_ids_are_anchors() {
        let r = md("<div id=\"box\"></div>\n\nText <span data-id=\"no\" id='inline'>x</span>\n");
        assert_eq!(r.anchor_ids, ["box", "inline"]);
    }

    #[test]
    fn raw_html_can_be_turned_off() {
        let text = "---\ntitle: T\n---\n<b>x</b>\n";
        let source = MarkdownSource {
            file: "x.md",
            text,
            body_offset: 16,
        };
        let settings = MarkdownSettings {
            smart_punctuation: true,
            raw_html: false,
        };
        let r = render(&source, &settings, &Links);
        assert!(r.html.contains("&lt;b&gt;"), "{}", r.html);
    }
}
