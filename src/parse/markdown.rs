//! Markdown: what a body says that linking needs (its headings, the ids links may name, and
//! the addresses of its links and images, with their places) and, once the link stage has
//! resolved those addresses, its HTML. Both read the body with one walk ([`Walk`]), so the
//! heading ids and the order of the addresses cannot differ between them. Without
//! `raw_html`, HTML in the text is published as text.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::config::MarkdownSettings;
use crate::diagnostic::{Code, Diagnostic};
use crate::parse::heading::{self, HeadingIds, OpenHeading};
use crate::parse::links::{self, Addresses};
pub use crate::parse::outline::{Address, Body, MarkdownSource, Outline, TocEntry};

/// Reads a page body for the link stage.
pub fn outline(source: &MarkdownSource<'_>, settings: &MarkdownSettings) -> Outline {
    let mut walk = Walk::new(source, settings, None);
    walk.run();
    walk.outline.toc = std::mem::take(&mut walk.toc);
    walk.outline
}

/// A page body's HTML, written the first time it is asked for.
pub fn html<'b>(body: &'b Body, settings: &MarkdownSettings) -> &'b str {
    body.written.get_or_init(|| write_html(body, settings))
}

/// Writes a page body as HTML, with the addresses the link stage resolved.
pub fn write_html(body: &Body, settings: &MarkdownSettings) -> String {
    // The parse stage reported this body's problems; the walk meets them again and drops them.
    let source = MarkdownSource {
        file: "",
        text: &body.text,
        body_offset: body.offset,
    };
    let mut walk = Walk::new(&source, settings, Some(&body.hrefs));
    walk.run();
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, walk.out.into_iter());
    html
}

fn options(settings: &MarkdownSettings) -> Options {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if settings.smart_punctuation {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    options
}

/// One walk over a body's events. Reading an outline, it records headings and addresses;
/// writing, it takes each address from `hrefs` and keeps the events for the HTML.
struct Walk<'s> {
    source: &'s MarkdownSource<'s>,
    raw_html: bool,
    parser: Option<Parser<'s>>,
    addresses: Addresses<'s>,
    /// The resolved addresses, when writing HTML.
    hrefs: Option<std::slice::Iter<'s, Option<String>>>,
    ids: HeadingIds,
    heading: Option<OpenHeading<'s>>,
    /// The image being read: its place and its alternative text so far.
    image: Option<(Range<usize>, String)>,
    toc: Vec<TocEntry>,
    out: Vec<Event<'s>>,
    outline: Outline,
}

impl<'s> Walk<'s> {
    fn new(
        source: &'s MarkdownSource<'s>,
        settings: &MarkdownSettings,
        hrefs: Option<&'s [Option<String>]>,
    ) -> Self {
        let body = &source.text[source.body_offset..];
        let parser = Parser::new_ext(body, options(settings));
        let definitions = links::definitions(&parser);
        Walk {
            source,
            raw_html: settings.raw_html,
            parser: Some(parser),
            addresses: Addresses::new(source, settings.raw_html, definitions),
            hrefs: hrefs.map(|h| h.iter()),
            ids: HeadingIds::default(),
            heading: None,
            image: None,
            toc: Vec::new(),
            out: Vec::new(),
            outline: Outline::default(),
        }
    }

    fn writing(&self) -> bool {
        self.hrefs.is_some()
    }

    fn run(&mut self) {
        let Some(parser) = self.parser.take() else {
            return;
        };
        let offset = self.source.body_offset;
        for (event, range) in parser.into_offset_iter() {
            let range = offset + range.start..offset + range.end;
            if let Some(event) = self.transform(event, range) {
                self.note(&event);
                self.push(event);
            }
        }
        self.close_heading();
    }

    /// The event to publish for `event`, written at `range` of the file; `None` for a
    /// heading's start and end, which the walk writes itself.
    fn transform(&mut self, event: Event<'s>, range: Range<usize>) -> Option<Event<'s>> {
        Some(match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.heading = Some(OpenHeading::new(level, id, &classes, &attrs, range));
                return None;
            }
            Event::End(TagEnd::Heading(_)) => {
                self.close_heading();
                return None;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if link_type != LinkType::Email => {
                let dest_url = self.address(link_type, &id, dest_url, &range);
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
                self.image = Some((range.clone(), String::new()));
                let dest_url = self.address(link_type, &id, dest_url, &range);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Html(html) | Event::InlineHtml(html) if !self.raw_html => Event::Text(html),
            other => accessible(other, |wrap| self.push(wrap)),
        })
    }

    /// The address to publish for a link or image: read for the outline, or taken from the
    /// resolved addresses.
    fn address(
        &mut self,
        link_type: LinkType,
        label: &str,
        dest: CowStr<'s>,
        range: &Range<usize>,
    ) -> CowStr<'s> {
        match &mut self.hrefs {
            Some(hrefs) => match hrefs.next() {
                Some(Some(href)) => CowStr::from(href.clone()),
                _ => dest,
            },
            None => {
                let (address, problem) = self.addresses.read(link_type, label, &dest, range);
                self.outline.problems.extend(problem);
                self.outline.addresses.push(address);
                dest
            }
        }
    }

    /// Notes what the outline needs of a published event: image text, raw HTML ids, and
    /// the text of the heading being read.
    fn note(&mut self, event: &Event<'s>) {
        let writing = self.writing();
        match (&mut self.image, event) {
            (Some((_, alt)), Event::Text(text) | Event::Code(text)) => alt.push_str(text),
            (Some((place, alt)), Event::End(TagEnd::Image)) => {
                if alt.trim().is_empty() && !writing {
                    self.outline.problems.push(
                        Diagnostic::warning(Code::ImageAlt, "an image has no alternative text")
                            .in_file(self.source.file)
                            .at(self.source.text, place.clone())
                            .with_hint("describe what the image shows between the brackets: ![A coach and a teacher reviewing student work](photo.jpg)"),
                    );
                }
                self.image = None;
            }
            _ => {}
        }
        if let Event::Html(html) | Event::InlineHtml(html) = event
            && !writing
        {
            self.outline.anchor_ids.extend(html_ids(html));
        }
        if let (Some(open), Event::Text(text) | Event::Code(text)) = (&mut self.heading, event) {
            open.text.push_str(text);
        }
    }

    fn close_heading(&mut self) {
        let Some(mut open) = self.heading.take() else {
            return;
        };
        if !self.raw_html {
            heading::refuse_attributes(&mut open, self.source, &mut self.outline.problems);
        }
        let id = heading::name(&open, self.source, &mut self.ids, &mut self.outline);
        self.toc_entry(&open, &id);
        if self.writing() {
            heading::write(open, &id, &mut self.out);
        }
    }

    fn toc_entry(&mut self, open: &OpenHeading<'_>, id: &str) {
        let entry = TocEntry {
            id: id.to_string(),
            title: open.text.trim().to_string(),
            children: Vec::new(),
        };
        match open.level {
            pulldown_cmark::HeadingLevel::H2 => self.toc.push(entry),
            pulldown_cmark::HeadingLevel::H3 => match self.toc.last_mut() {
                Some(parent) => parent.children.push(entry),
                None => self.toc.push(entry),
            },
            _ => {}
        }
    }

    /// Keeps an event for the HTML: inside the heading being read, or in the body.
    fn push(&mut self, event: Event<'s>) {
        if !self.writing() {
            return;
        }
        match &mut self.heading {
            Some(open) => open.events.push(event),
            None => self.out.push(event),
        }
    }
}

/// Task-list checkboxes and tables made accessible; `wrap` receives what goes before the
/// returned event.
fn accessible<'a>(event: Event<'a>, mut wrap: impl FnMut(Event<'a>)) -> Event<'a> {
    match event {
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
            wrap(Event::Html(
                r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Table">"#.into(),
            ));
            Event::Start(Tag::Table(alignments))
        }
        Event::End(TagEnd::Table) => {
            wrap(Event::End(TagEnd::Table));
            Event::Html("</div>\n".into())
        }
        other => other,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    const FRONT: &str = "---\ntitle: T\n---\n";

    fn outline_of(body: &str, settings: &MarkdownSettings) -> (String, Outline) {
        let text = format!("{FRONT}{body}");
        let source = MarkdownSource {
            file: "x.md",
            text: &text,
            body_offset: FRONT.len(),
        };
        (text.clone(), outline(&source, settings))
    }

    /// The outline and HTML of a body whose addresses are kept as written, but `other.md#x`.
    fn md_with(body: &str, settings: &MarkdownSettings) -> (Outline, String) {
        let (text, outline) = outline_of(body, settings);
        let hrefs = outline
            .addresses
            .iter()
            .map(|a| match a.dest.as_str() {
                _ if a.refused => Some(String::new()),
                "other.md#x" => Some("../other/index.html#x".to_string()),
                _ => None,
            })
            .collect();
        let body = Body {
            text: text.into(),
            offset: FRONT.len(),
            hrefs,
            written: OnceLock::new(),
        };
        let html = write_html(&body, settings);
        (outline, html)
    }

    fn md(body: &str) -> (Outline, String) {
        md_with(body, &MarkdownSettings::default())
    }

    #[test]
    fn headings_get_ids_anchors_and_a_toc() {
        let (r, html) = md("## One\n### Sub `code`\n## One\n#### Deep {#custom .wide}\n");
        assert!(html.contains(r##"<h2 id="one">One <a class="heading-anchor" href="#one" aria-label="Direct link to One">#</a></h2>"##), "{html}");
        assert!(html.contains(r#"<h2 id="one-1">"#));
        assert!(
            html.contains(r#"<h3 id="sub-code">Sub <code>code</code>"#),
            "{html}"
        );
        assert!(html.contains(r#"<h4 id="custom" class="wide">"#));
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[0].children[0].title, "Sub code");
        assert_eq!(r.anchor_ids, ["one", "sub-code", "one-1", "custom"]);
    }

    #[test]
    fn addresses_are_placed_and_written_as_resolved() {
        let (r, html) =
            md("See [o](other.md#x).\n\nAnd\n[m](missing.md) and [e](https://e.org).\n");
        assert!(html.contains(r#"href="../other/index.html#x""#));
        assert!(html.contains(r#"href="missing.md""#));
        assert!(html.contains(r#"href="https://e.org""#));
        let places: Vec<(&str, usize, usize)> = r
            .addresses
            .iter()
            .map(|a| (a.dest.as_str(), a.line, a.column))
            .collect();
        assert_eq!(
            places,
            [
                ("other.md#x", 4, 9),
                ("missing.md", 7, 5),
                ("https://e.org", 7, 25)
            ]
        );
        assert!(r.problems.is_empty());
    }

    #[test]
    fn unsafe_addresses_are_refused_once_and_published_empty() {
        let (r, html) = md("[a][s] and [b][s]\n\n[s]: javascript:alert(1)\n");
        assert_eq!(r.addresses.len(), 2);
        assert!(r.addresses.iter().all(|a| a.refused));
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].code, Code::UnsafeAddress);
        assert!(!html.contains("javascript"), "{html}");
    }

    #[test]
    fn extensions_are_on_and_tables_scroll() {
        let (_, html) = md("| a |\n|---|\n| b |\n\n~~s~~\n\n- [x] t\n\n\"q\" x[^1]\n\n[^1]: n\n");
        assert!(
            html.contains(
                r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Table"><table>"#
            ),
            "{html}"
        );
        assert!(html.contains("<del>s</del>"));
        assert!(html.contains("\u{201c}q\u{201d}"));
        assert!(html.contains("footnote"));
        assert!(
            html.contains(r#"<input type="checkbox" disabled checked aria-label="Done:">"#),
            "{html}"
        );
    }

    #[test]
    fn raw_html_ids_are_anchors() {
        let (r, _) =
            md("<div id=\"box\"></div>\n\nText <span data-id=\"no\" id='inline'>x</span>\n");
        assert_eq!(r.anchor_ids, ["box", "inline"]);
    }

    #[test]
    fn raw_html_can_be_turned_off() {
        let settings = MarkdownSettings {
            smart_punctuation: true,
            raw_html: false,
        };
        let (r, html) = md_with("<b>x</b>\n\n## H {#h onclick=x}\n", &settings);
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(html.contains(r#"<h2 id="h">"#), "{html}");
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].code, Code::HeadingAttribute);
    }

    #[test]
    fn images_without_text_are_warned_about() {
        let (r, _) = md("![](a.png) ![A](b.png)\n");
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].code, Code::ImageAlt);
        assert_eq!(r.addresses.len(), 2);
    }
}
