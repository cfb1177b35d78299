//! The printable edition: the whole guide as one page in reading order, every internal link
//! turned into an anchor inside it. Each section is a part that can be printed alone
//! (`print/index.html#part-<key>` shows only that part, with CSS alone).

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::catalog_view::{CompetencyView, IndexLink, ResourceView, Shared};
use super::generated::Generated;
use crate::guide::{Guide, PageKind};
use crate::url;

/// The site-relative URL of the print edition.
pub const PRINT_URL: &str = "print/index.html";

/// The anchor of a page inside the print edition: `selecting/rubrics/index.html` →
/// `p-selecting-rubrics`, the home page `p-home`.
pub fn page_key(page_url: &str) -> String {
    let dir = url::dir_of(page_url).trim_end_matches('/');
    if dir.is_empty() {
        "p-home".to_string()
    } else {
        format!("p-{}", dir.replace('/', "-"))
    }
}

/// The anchor of a section's part: `part-selecting`.
pub fn part_key(page_url: &str) -> String {
    format!("part-{}", &page_key(page_url)[2..])
}

/// The print-edition link of a section page, relative to the site root.
pub fn part_url(page_url: &str) -> String {
    format!("{PRINT_URL}#{}", part_key(page_url))
}

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

/// The print edition, as a generated page.
pub fn edition<'a>(guide: &'a Guide, shared: &'a Shared<'a>) -> Generated {
    let keys: HashMap<&str, String> = guide
        .pages
        .iter()
        .map(|p| (p.url.as_str(), page_key(&p.url)))
        .collect();
    let printed: Vec<usize> = guide
        .order
        .iter()
        .copied()
        .filter(|&p| !guide.pages[p].front.draft)
        .collect();
    let depth = |p: usize| guide.ancestry(p).len();
    let depths: Vec<usize> = printed.iter().map(|&p| depth(p)).collect();
    // How many parts close after each entry: a part holds what is deeper than its section.
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
    // Each entry becomes a template value as soon as its text is rewritten, so the rewritten
    // text of the whole guide is held once, not twice.
    let entries: Vec<tera::Value> = printed
        .par_iter()
        .enumerate()
        .map(|(n, &p)| {
            let page = &guide.pages[p];
            let d = depths[n];
            let entry = Entry {
                key: keys[page.url.as_str()].clone(),
                part: (page.kind == PageKind::Section).then(|| part_key(&page.url)),
                kind: page.kind,
                title: &page.front.title,
                summary: page.front.summary.as_deref(),
                depth: d,
                level: (d + 1).min(6),
                content: rewrite(
                    crate::parse::markdown::html(&page.body, &guide.config.markdown),
                    &page.url,
                    &keys,
                    (d + 1).min(6),
                ),
                competencies: shared.page_competencies(page),
                resources: shared.page_resources(page),
                closes: closes[n],
            };
            tera::Value::try_from_serializable(&entry).unwrap_or_else(|_| tera::Value::none())
        })
        .collect();
    let parts: Vec<IndexLink> = printed
        .iter()
        .filter(|&&p| guide.pages[p].kind == PageKind::Section)
        .map(|&p| IndexLink {
            title: guide.pages[p].front.title.clone(),
            url: part_key(&guide.pages[p].url),
        })
        .collect();
    let mut context = Context::new();
    context.insert_value("entries", tera::Value::from(entries));
    context.insert("parts", &parts);
    Generated {
        url: PRINT_URL.into(),
        template: "print.html",
        kind: "print",
        title: format!("{} — printable edition", guide.config.title),
        summary: Some("The whole guide on one page, in reading order, ready to print.".into()),
        trail: Vec::new(),
        context,
    }
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

    #[test]
    fn keys_follow_urls() {
        assert_eq!(page_key("index.html"), "p-home");
        assert_eq!(
            page_key("selecting/rubrics/index.html"),
            "p-selecting-rubrics"
        );
        assert_eq!(part_key("selecting/index.html"), "part-selecting");
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
