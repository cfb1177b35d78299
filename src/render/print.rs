//! The printable edition: the whole guide as one page in reading order, every internal link
//! turned into an anchor inside it. Each section is a part that can be printed alone
//! (`print/index.html#part-<key>` shows only that part, with CSS alone).

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::catalog_view::{CompetencyView, IndexLink, ResourceView};
use super::context::RenderContext;
use super::page::{Failure, GeneratedPage};
use crate::diagnostic::{Code, Diagnostic};
use crate::generated::{PRINT_URL, print_key, print_part_key};
use crate::guide::{GeneratedKind, Guide, PageKind};
use crate::url;

#[derive(Serialize)]
struct Entry<'a> {
    /// The page's anchor; its headings' ids are prefixed with it.
    key: String,
    /// For a section: the anchor of the part it opens.
    part: Option<String>,
    kind: PageKind,
    title: &'a str,
    summary: Option<&'a str>,
    /// 1 for the home page, 2 for top-level sections and pages, ….
    depth: usize,
    /// The heading level of its title: 2 for the home page, 3 for top-level entries, … (at most 6).
    level: usize,
    /// HTML with its links and ids rewritten for the print edition.
    content: String,
    competencies: Vec<&'a CompetencyView<'a>>,
    resources: Vec<ResourceView<'a>>,
    /// How many parts close after this entry (its own included, for a section without pages).
    closes: usize,
}

/// The pages the edition prints, in reading order (drafts left out), with their depth in
/// the tree and how many parts close after each.
struct Outline {
    printed: Vec<usize>,
    depths: Vec<usize>,
    closes: Vec<usize>,
}

impl Outline {
    fn new(guide: &Guide) -> Outline {
        let printed: Vec<usize> = guide
            .order
            .iter()
            .copied()
            .filter(|&p| !guide.pages[p].front.draft)
            .collect();
        let depths: Vec<usize> = printed.iter().map(|&p| guide.ancestry(p).len()).collect();
        // A part holds what is deeper than its section.
        let mut closes = vec![0; printed.len()];
        let mut open: Vec<usize> = Vec::new(); // depths of the parts still open
        for (n, &p) in printed.iter().enumerate() {
            if guide.pages[p].kind == PageKind::Section {
                open.push(depths[n]);
            }
            let next_depth = depths.get(n + 1).copied().unwrap_or(0);
            while open.last().is_some_and(|&top| next_depth <= top) {
                open.pop();
                closes[n] += 1;
            }
        }
        Outline {
            printed,
            depths,
            closes,
        }
    }
}

/// The print edition, as a generated page; a page whose entry cannot be made into template
/// variables fails it, naming that page.
pub fn edition<'a>(
    guide: &'a Guide,
    shared: &'a RenderContext<'a>,
) -> Result<GeneratedPage, Failure> {
    let outline = Outline::new(guide);
    let parts: Vec<IndexLink> = outline
        .printed
        .iter()
        .filter(|&&p| guide.pages[p].kind == PageKind::Section)
        .map(|&p| IndexLink {
            title: guide.pages[p].front.title.clone(),
            url: print_part_key(&guide.pages[p].url),
        })
        .collect();
    let mut context = Context::new();
    context.insert_value(
        "entries",
        tera::Value::from(entries(guide, shared, &outline)?),
    );
    context.insert("parts", &parts);
    Ok(GeneratedPage {
        kind: GeneratedKind::Print,
        url: PRINT_URL.into(),
        title: format!("{} — printable edition", guide.config.title),
        summary: Some("The whole guide on one page, in reading order, ready to print.".into()),
        trail: Vec::new(),
        context,
    })
}

/// Each printed page as a template value. An entry becomes a value as soon as its text is
/// rewritten, so the rewritten text of the whole guide is held once, not twice.
fn entries<'a>(
    guide: &'a Guide,
    shared: &'a RenderContext<'a>,
    outline: &Outline,
) -> Result<Vec<tera::Value>, Failure> {
    let keys: HashMap<&str, String> = guide
        .pages
        .iter()
        .map(|p| (p.url.as_str(), print_key(&p.url)))
        .collect();
    outline
        .printed
        .par_iter()
        .enumerate()
        .map(|(n, &p)| {
            let page = &guide.pages[p];
            let depth = outline.depths[n];
            let level = (depth + 1).min(6);
            let entry = Entry {
                key: keys[page.url.as_str()].clone(),
                part: (page.kind == PageKind::Section).then(|| print_part_key(&page.url)),
                kind: page.kind,
                title: &page.front.title,
                summary: page.front.summary.as_deref(),
                depth,
                level,
                content: rewrite(
                    crate::parse::markdown::html(&page.body, &guide.config.markdown),
                    &page.url,
                    &keys,
                    level,
                ),
                competencies: shared.page_competencies(page),
                resources: shared.page_resources(page),
                closes: outline.closes[n],
            };
            entry_value(&entry, &crate::load::shown(&page.source))
        })
        .collect()
}

/// An entry of the edition as a template value; `shown` names its page.
fn entry_value(entry: &impl Serialize, shown: &str) -> Result<tera::Value, Failure> {
    tera::Value::try_from_serializable(entry).map_err(|error| {
        let problem = Diagnostic::error(
            Code::Print,
            format!("this page could not be put in the print edition: {error}"),
        )
        .in_file(shown)
        .with_hint("please report this as a bug of guidewright, with the page's front matter");
        (PRINT_URL.to_string(), problem)
    })
}

/// Rewrites a page's HTML for the print edition: links to pages of the guide become anchors
/// inside it, other relative addresses are re-based on `print/`, and ids get the page's key
/// so that headings of different pages never collide.
pub fn rewrite(
    html: &str,
    page_url: &str,
    keys: &HashMap<&str, String>,
    title_level: usize,
) -> String {
    let shifted = shift_headings(html, title_level.saturating_sub(1));
    let own = &keys[page_url];
    let mut out = String::with_capacity(shifted.len() + shifted.len() / 16);
    let mut rest = shifted.as_str();
    while let Some((at, name)) = next_attribute(rest) {
        let value_start = at + name.len() + 3; // ` name="`
        out.push_str(&rest[..value_start]);
        let after = &rest[value_start..];
        let Some(end) = after.find('"') else {
            rest = after;
            break;
        };
        let value = &after[..end];
        match name {
            "id" => {
                out.push_str(own);
                out.push_str("--");
                out.push_str(value);
            }
            _ => out.push_str(&readdress(value, page_url, own, keys)),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Moves every heading `by` levels down (at most to h6), so a page's headings sit below its
/// title in the edition's outline.
fn shift_headings(html: &str, by: usize) -> String {
    if by == 0 {
        return html.to_string();
    }
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    // One pass over the tags: `<hN` and `</hN` followed by `>` or a space.
    for (at, _) in html.match_indices('<') {
        let digit_at = if bytes.get(at + 1) == Some(&b'/') {
            at + 3
        } else {
            at + 2
        };
        let is_heading = bytes.get(digit_at - 1) == Some(&b'h')
            && bytes
                .get(digit_at)
                .is_some_and(|d| (b'1'..=b'6').contains(d))
            && matches!(bytes.get(digit_at + 1), Some(b'>' | b' '));
        if is_heading {
            let level = (bytes[digit_at] - b'0') as usize;
            out.push_str(&html[copied..digit_at]);
            out.push_str(&(level + by).min(6).to_string());
            copied = digit_at + 1;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// The next ` id="`, ` href="` or ` src="` attribute: its offset and name. Scans for `="`
/// once, so a long page costs one pass, not one pass per attribute.
fn next_attribute(html: &str) -> Option<(usize, &'static str)> {
    html.match_indices("=\"").find_map(|(eq, _)| {
        ["id", "href", "src"].into_iter().find_map(|name| {
            let start = eq.checked_sub(name.len() + 1)?;
            (html.as_bytes()[start] == b' ' && &html[start + 1..eq] == name)
                .then_some((start, name))
        })
    })
}

fn readdress(value: &str, page_url: &str, own: &str, keys: &HashMap<&str, String>) -> String {
    let value_text = value.replace("&amp;", "&");
    if value_text.is_empty() || url::is_external(&value_text) {
        return value.to_string();
    }
    let (path, fragment) = match value_text.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (value_text.as_str(), None),
    };
    if path.is_empty() {
        return match fragment {
            Some(f) if !f.is_empty() => format!("#{own}--{f}"),
            _ => value.to_string(),
        };
    }
    let base = url::dir_of(page_url).trim_end_matches('/');
    let Some(target) = url::join(base, path) else {
        return value.to_string();
    };
    let target = if target.is_empty() || path.ends_with('/') {
        format!("{target}/index.html")
            .trim_start_matches('/')
            .to_string()
    } else {
        target
    };
    match keys.get(target.as_str()) {
        Some(key) => match fragment {
            Some(f) if !f.is_empty() => format!("#{key}--{f}"),
            _ => format!("#{key}"),
        },
        None => {
            let mut address = url::relative(PRINT_URL, &target);
            if let Some(f) = fragment {
                address.push('#');
                address.push_str(f);
            }
            crate::html::escape(&address)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_shift_down_and_stop_at_six() {
        assert_eq!(
            shift_headings("<h2 id=\"a\">A</h2><h5>B</h5><hr><header>", 2),
            "<h4 id=\"a\">A</h4><h6>B</h6><hr><header>"
        );
    }

    /// A value that cannot be serialised, standing for an entry the edition cannot show.
    struct Unserialisable;

    impl Serialize for Unserialisable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("no value"))
        }
    }

    #[test]
    fn an_entry_that_cannot_be_shown_is_reported_at_its_page() {
        let (page, problem) = entry_value(&Unserialisable, "content/a.md").unwrap_err();
        assert_eq!(page, PRINT_URL);
        assert_eq!(problem.code, Code::Print);
        assert!(problem.is_error());
        assert!(problem.message.contains("no value"), "{}", problem.message);
        assert!(
            problem.location().starts_with("content/a.md"),
            "{}",
            problem.location()
        );
    }

    #[test]
    fn links_become_anchors_and_ids_get_the_page_key() {
        let keys: HashMap<&str, String> = [
            ("a/b/index.html", "p-a-b".to_string()),
            ("a/c/index.html", "p-a-c".to_string()),
            ("index.html", "p-home".to_string()),
        ]
        .into();
        let html = r##"<h2 id="x">X <a class="heading-anchor" href="#x">#</a></h2><p><a href="../c/index.html#y">c</a> <a href="../../index.html">home</a> <img src="handout.pdf" alt=""> <a href="https://e.org/a?b=1&amp;c=2">e</a></p>"##;
        let out = rewrite(html, "a/b/index.html", &keys, 3);
        assert!(out.contains(r#"<h4 id="p-a-b--x">"#), "{out}");
        assert!(out.contains("</h4>"));
        assert!(out.contains(r##"href="#p-a-b--x""##));
        assert!(out.contains(r##"href="#p-a-c--y""##));
        assert!(out.contains(r##"href="#p-home""##));
        assert!(out.contains(r#"src="../a/b/handout.pdf""#), "{out}");
        assert!(out.contains(r#"href="https://e.org/a?b=1&amp;c=2""#));
    }
}
