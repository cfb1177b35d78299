//! Files for the places a guide is published to: the Atom feed of what changed, and redirect
//! pages at the old addresses of moved pages (`aliases`).

use crate::generated::FEED_URL;
use crate::guide::Guide;
use crate::html::{escape, escape_xml};
use crate::url;

/// A page that sends readers (and search engines) from an old address to the page's own.
pub fn redirect_page(guide: &Guide, from: &str, page: usize) -> String {
    let page = &guide.pages[page];
    let to = url::relative(from, &page.url);
    let canonical = match &guide.config.base_url {
        Some(base) => format!("{base}{}", url::pretty(&page.url)),
        None => to.clone(),
    };
    let title = escape(&page.front.title);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved: {title}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{to}\">{title}</a>.</p>\n</body>\n</html>\n",
        lang = escape(&guide.config.language),
        to = escape(&to),
        canonical = escape(&canonical),
    )
}

/// The Atom feed of the guide's pages, newest `updated` first: what's new in the guide.
/// Characters XML forbids are left out of its text, so a control character in a title cannot
/// make the feed unreadable.
pub fn feed(guide: &Guide, base: &str) -> String {
    let mut dated: Vec<usize> = guide
        .order
        .iter()
        .copied()
        .filter(|&p| guide.pages[p].front.updated.is_some())
        .collect();
    dated.sort_by(|&a, &b| {
        guide.pages[b]
            .front
            .updated
            .cmp(&guide.pages[a].front.updated)
    });
    let newest = dated
        .first()
        .and_then(|&p| guide.pages[p].front.updated.clone())
        .unwrap_or_else(|| "1970-01-01".into());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n<title>{title}</title>\n",
        lang = escape_xml(&guide.config.language),
        title = escape_xml(&guide.config.title),
    );
    if let Some(description) = &guide.config.description {
        xml.push_str(&format!(
            "<subtitle>{}</subtitle>\n",
            escape_xml(description)
        ));
    }
    xml.push_str(&format!(
        "<id>{base}</id>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{base}{FEED_URL}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}\"/>\n<updated>{newest}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        escape_xml(&guide.config.title),
        base = escape_xml(base),
    ));
    for p in dated {
        let page = &guide.pages[p];
        let link = escape_xml(&format!("{base}{}", url::pretty(&page.url)));
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>\n<id>{link}</id>\n<updated>{}T00:00:00Z</updated>\n",
            escape_xml(&page.front.title),
            escape_xml(page.front.updated.as_deref().unwrap_or_default()),
        ));
        if let Some(summary) = &page.front.summary {
            xml.push_str(&format!("<summary>{}</summary>\n", escape_xml(summary)));
        }
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_map_to_files() {
        assert_eq!(
            url::alias_path("old/path").as_deref(),
            Some("old/path/index.html")
        );
        assert_eq!(
            url::alias_path("/old/path/").as_deref(),
            Some("old/path/index.html")
        );
        assert_eq!(
            url::alias_path("old/page.html").as_deref(),
            Some("old/page.html")
        );
        assert_eq!(url::alias_path("../x"), None);
        assert_eq!(url::alias_path("/"), None);
    }
}
