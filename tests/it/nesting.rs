//! Sections nest to any depth: a guide 40 and 100 sections deep builds, and its deepest page
//! has a breadcrumb and an open sidebar entry for every ancestor.

use crate::common::Guide;

/// A minimal guide whose sections nest `depth` deep, with one page in the deepest.
fn nested(depth: usize) -> (Guide, String) {
    let guide = Guide::minimal();
    let mut dir = String::from("content");
    for level in 1..=depth {
        dir.push_str(&format!("/s{level}"));
        guide.write(
            &format!("{dir}/_index.md"),
            format!("---\ntitle: Level {level}\n---\nSection {level}.\n"),
        );
    }
    guide.write(
        &format!("{dir}/deepest.md"),
        "---\ntitle: The deepest page\n---\nHere.\n",
    );
    let url = format!("{}/deepest/index.html", &dir["content/".len()..]);
    (guide, url)
}

fn builds_with_every_ancestor(depth: usize) {
    let (guide, url) = nested(depth);
    guide.build_ok();
    let html = guide.read(&url);
    let breadcrumbs = html
        .split_once(r#"<nav class="gw-breadcrumbs""#)
        .and_then(|(_, rest)| rest.split_once("</nav>"))
        .map(|(crumbs, _)| crumbs)
        .expect("breadcrumbs");
    let sidebar = html
        .split_once(r#"<nav class="gw-nav""#)
        .and_then(|(_, rest)| rest.split_once("</nav>"))
        .map(|(nav, _)| nav)
        .expect("a sidebar");
    for level in 1..=depth {
        let title = format!(">Level {level}</a>");
        assert!(breadcrumbs.contains(&title), "breadcrumb of level {level}");
        assert!(sidebar.contains(&title), "sidebar entry of level {level}");
    }
    assert_eq!(
        sidebar.matches("gw-nav-open").count(),
        depth,
        "every ancestor is open"
    );
    assert_eq!(sidebar.matches("<ul").count(), depth + 1, "{sidebar}");
    assert_eq!(
        sidebar.matches("<ul").count(),
        sidebar.matches("</ul>").count()
    );
    assert_eq!(
        sidebar.matches("<li").count(),
        sidebar.matches("</li>").count()
    );
    assert!(sidebar.contains(r#"aria-current="page">The deepest page</a>"#));
    let print = guide.read("print/index.html");
    assert!(print.contains("The deepest page"));
}

#[test]
fn sections_forty_deep_build() {
    builds_with_every_ancestor(40);
}

#[test]
fn sections_a_hundred_deep_build() {
    builds_with_every_ancestor(100);
}
