//! The `<main>` of one page of every kind, compared whole with its snapshot
//! (tests/it/snapshots/it__page_kinds__*.snap): the catalog fixture has a page of each.

use crate::common::{Guide, main_of};

/// The kind named on a page's `<body>` (`gw-kind-…`).
fn kind_of(html: &str) -> &str {
    let at = html
        .find("<body class=\"gw-kind-")
        .expect("a kind on <body>");
    let rest = &html[at + "<body class=\"gw-kind-".len()..];
    &rest[..rest.find(['"', ' ']).unwrap()]
}

#[test]
fn the_main_of_every_kind_of_page_is_as_before() {
    let guide = Guide::fixture("catalog");
    guide.build_ok();
    for (kind, path) in [
        ("home", "index.html"),
        ("section", "selecting/index.html"),
        ("page", "selecting/rubrics/index.html"),
        ("page", "teams/observation/index.html"),
        ("competency", "competencies/tlms-1/index.html"),
        ("competencies", "competencies/index.html"),
        ("resources", "resources/index.html"),
        ("taxonomy", "audience/index.html"),
        ("taxonomy_value", "audience/principal/index.html"),
        ("print", "print/index.html"),
        ("search", "search/index.html"),
        ("404", "404.html"),
    ] {
        let html = guide.read(path);
        assert_eq!(kind_of(&html), kind, "{path}");
        let name = path.trim_end_matches("index.html").trim_end_matches('/');
        let name = if name.is_empty() { "home" } else { name };
        let name = name.replace(['/', '.'], "_");
        insta::assert_snapshot!(format!("main_{name}"), main_of(&html));
    }
}
