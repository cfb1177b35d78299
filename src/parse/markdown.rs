//! Markdown to HTML: heading ids and anchors, the table of contents ([`super::heading`]), and
//! links rewritten from source paths to output URLs or refused when they would run script
//! ([`super::links`]). Without `raw_html`, HTML in the text is published as text.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::config::MarkdownSettings;
use crate::diagnostic::Diagnostic;
use crate::parse::heading::{self, HeadingIds};
use crate::parse::links::{self, Addresses, LineCursor};

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
    let mut heading: Option<heading::OpenHeading<'_>> = None;
    let mut toc_h2: Vec<TocEntry> = Vec::new();
    // The image being read: its place and its alternative text so far.
    let mut image: Option<(Range<usize>, String)> = None;
    let parser = Parser::new_ext(body, options);
    let mut addresses = Addresses {
        lines: LineCursor::new(source.text),
        source,
        resolver,
        raw_html: settings.raw_html,
        definitions: links::definitions(&parser),
        refused: HashSet::new(),
    };

    for (event, range) in parser.into_offset_iter() {
        let file_range = source.body_offset + range.start..source.body_offset + range.end;
        let event = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some(heading::OpenHeading {
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
                if let Some(mut open) = heading.take() {
                    if !settings.raw_html {
                        heading::refuse_attributes(&mut open, source, &mut rendered);
                    }
                    heading::close(open, source, &mut ids, &mut rendered, &mut toc_h2, &mut out);
                }
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if link_type != LinkType::Email => {
                let dest_url =
                    addresses.rewrite(link_type, &id, &dest_url, &file_range, &mut rendered);
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
                let dest_url =
                    addresses.rewrite(link_type, &id, &dest_url, &file_range, &mut rendered);
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
    if let Some(mut open) = heading.take() {
        if !settings.raw_html {
            heading::refuse_attributes(&mut open, source, &mut rendered);
        }
        heading::close(open, source, &mut ids, &mut rendered, &mut toc_h2, &mut out);
    }
    rendered.toc = toc_h2;
    pulldown_cmark::html::push_html(&mut rendered.html, out.into_iter());
    rendered
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

fn push<'a>(
    heading: &mut Option<heading::OpenHeading<'a>>,
    out: &mut Vec<Event<'a>>,
    event: Event<'a>,
) {
    match heading {
        Some(open) => open.events.push(event),
        None => out.push(event),
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
