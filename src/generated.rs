//! Where the generated pages are published: the competency index and a page per competency,
//! the resource library and its entries, the taxonomy listings, the print edition and its
//! parts, the search page and index, the feed, the sitemap and the 404 page. One place, so the
//! stages that name these pages (render, the catalog's checks, search, serve) cannot disagree.
//! A leaf: it depends only on [`crate::url`].

use crate::url;

/// The competency index: every framework, and the coverage matrix of sections × competencies.
pub const COMPETENCIES_URL: &str = "competencies/index.html";

/// The resource library, grouped by kind.
pub const RESOURCES_URL: &str = "resources/index.html";

/// The print edition: the whole guide on one page, in reading order.
pub const PRINT_URL: &str = "print/index.html";

/// The search page.
pub const SEARCH_URL: &str = "search/index.html";

/// The search index script, which the search page loads.
pub const SEARCH_INDEX_URL: &str = "search/index.js";

/// The page a host serves for an address it has no file for.
pub const NOT_FOUND_URL: &str = "404.html";

/// The Atom feed, when the guide has a `base_url`.
pub const FEED_URL: &str = "feed.xml";

/// The sitemap, when the guide has a `base_url`.
pub const SITEMAP_URL: &str = "sitemap.xml";

/// The page of the competency `id`: `competencies/tlms-1/index.html`.
pub fn competency_url(id: &str) -> String {
    format!("competencies/{}/index.html", url::segment(id))
}

/// The entry of the resource `id` in the library: `resources/index.html#gtl-tool`.
pub fn resource_url(id: &str) -> String {
    format!("{RESOURCES_URL}#{id}")
}

/// The listing of a taxonomy's values: `audience/index.html`.
pub fn taxonomy_url(taxonomy: &str) -> String {
    format!("{taxonomy}/index.html")
}

/// The listing of the pages with one value of a taxonomy: `audience/principal/index.html`.
pub fn taxonomy_value_url(taxonomy: &str, value: &str) -> String {
    format!("{taxonomy}/{}/index.html", url::segment(value))
}

/// The anchor of a page inside the print edition: `selecting/rubrics/index.html` →
/// `p-selecting-rubrics`, the home page `p-home`.
pub fn print_key(page_url: &str) -> String {
    let dir = url::dir_of(page_url).trim_end_matches('/');
    if dir.is_empty() {
        "p-home".to_string()
    } else {
        format!("p-{}", dir.replace('/', "-"))
    }
}

/// The anchor of a section's part of the print edition: `part-selecting`.
pub fn print_part_key(section_url: &str) -> String {
    format!("part-{}", &print_key(section_url)[2..])
}

/// A section's part of the print edition: `print/index.html#part-selecting`.
pub fn print_part_url(section_url: &str) -> String {
    format!("{PRINT_URL}#{}", print_part_key(section_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_follow_ids_and_urls() {
        assert_eq!(competency_url("tlms-1"), "competencies/tlms-1/index.html");
        assert_eq!(resource_url("gtl-tool"), "resources/index.html#gtl-tool");
        assert_eq!(
            taxonomy_value_url("audience", "Principal"),
            "audience/principal/index.html"
        );
        assert_eq!(print_key("index.html"), "p-home");
        assert_eq!(
            print_key("selecting/rubrics/index.html"),
            "p-selecting-rubrics"
        );
        assert_eq!(print_part_key("selecting/index.html"), "part-selecting");
        assert_eq!(
            print_part_url("selecting/index.html"),
            "print/index.html#part-selecting"
        );
    }
}
