//! A fixture guide built end to end: tree, reading order, navigation, links, output files.

use crate::common::{Guide, links, main_of};

fn sidebar_of(html: &str) -> &str {
    let start = html.find(r#"aria-label="Guide""#).expect("the sidebar");
    &html[start..start + html[start..].find("</nav>").unwrap()]
}

#[test]
fn reading_order_follows_weights_then_titles_with_subsections_interleaved() {
    let guide = Guide::fixture("navigation");
    let built = guidewright::build::build_site(&guide.options())
        .ok()
        .unwrap();
    let titles: Vec<&str> = built
        .guide
        .order
        .iter()
        .map(|&i| built.guide.pages[i].front.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Home of the fixture",
            "First section",
            "Weighted page",
            "Alpha <script>alert(1)</script> & co",
            "Bundle page",
            "Zeta",
            "Second section",
            "Subsection",
            "Deep page",
            "Page after the subsection",
        ]
    );
}

#[test]
fn pages_get_pretty_urls_and_every_link_resolves() {
    let guide = Guide::fixture("navigation");
    guide.build_ok();
    for path in [
        "index.html",
        "404.html",
        "a-section/index.html",
        "a-section/zeta/index.html",
        "a-section/bundle/index.html",
        "a-section/bundle/handout.txt",
        "b-section/sub/deep/index.html",
        "img/logo.svg",
        "theme/guide.css",
        "theme/guide.js",
    ] {
        assert!(guide.public().join(path).is_file(), "{path} missing");
    }
    let (broken, checked) = links::broken(&guide.public());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    assert!(checked > 50);
    // No base_url: no sitemap, no canonical links.
    assert!(!guide.public().join("sitemap.xml").exists());
    assert!(!guide.read("index.html").contains("rel=\"canonical\""));
}

#[test]
fn links_between_sources_become_relative_output_links() {
    let guide = Guide::fixture("navigation");
    guide.build_ok();
    let alpha = guide.read("a-section/alpha/index.html");
    assert!(alpha.contains(r#"href="../zeta/index.html#zeta-heading""#));
    assert!(alpha.contains(r#"href="../bundle/index.html""#));
    assert!(alpha.contains(r#"href="../bundle/handout.txt""#));
    let home = guide.read("index.html");
    assert!(home.contains(r#"href="a-section/index.html""#));
    assert!(home.contains(r#"href="b-section/sub/deep/index.html#step-two""#));
    let deep = guide.read("b-section/sub/deep/index.html");
    assert!(deep.contains(r#"href="../../../a-section/index.html""#));
    let p1 = guide.read("b-section/p1/index.html");
    assert!(
        p1.contains(r#"src="../../img/logo.svg""#),
        "root-relative image addresses become relative"
    );
}

#[test]
fn headings_get_unique_ids_anchors_and_an_on_this_page_list() {
    let guide = Guide::fixture("navigation");
    guide.build_ok();
    let html = guide.read("a-section/alpha/index.html");
    for id in [
        "overview",
        "detail-one",
        "detail-two",
        "overview-1",
        "my-id",
    ] {
        assert!(html.contains(&format!(r#"id="{id}""#)), "{id}");
        assert!(
            html.contains(&format!(r##"class="heading-anchor" href="#{id}""##)),
            "{id}"
        );
    }
    let toc_start = html.find(r#"aria-label="On this page""#).unwrap();
    let toc = &html[toc_start..toc_start + html[toc_start..].find("</nav>").unwrap()];
    assert_eq!(toc.matches("<li>").count(), 5, "three h2 and two h3: {toc}");
    assert!(toc.find("#detail-one").unwrap() > toc.find("#overview").unwrap());
}

#[test]
fn the_sidebar_opens_the_current_branch_only() {
    let guide = Guide::fixture("navigation");
    guide.build_ok();
    let html = guide.read("b-section/sub/deep/index.html");
    let sidebar = sidebar_of(&html);
    assert!(sidebar.contains("First section"));
    assert!(
        !sidebar.contains("Zeta"),
        "a closed section's pages are not listed"
    );
    assert!(sidebar.contains("Subsection"));
    assert!(sidebar.contains("Page after the subsection"));
    assert_eq!(sidebar.matches(r#"aria-current="page""#).count(), 1);
    // The one link marked current is the link to this page, in its own words.
    let current = sidebar
        .find(r#" aria-current="page">"#)
        .expect("the current page is marked");
    let link = &sidebar[sidebar[..current].rfind("<a ").unwrap()..];
    let link = &link[..link.find("</a>").unwrap()];
    assert_eq!(
        link,
        r#"<a href="../../../b-section/sub/deep/index.html" aria-current="page">Deep page"#
    );
    // Subsection before the page of weight 2 in the sidebar, as in the reading order.
    assert!(
        sidebar.find("Subsection").unwrap() < sidebar.find("Page after the subsection").unwrap()
    );
}

#[test]
fn breadcrumbs_and_previous_next_links() {
    let guide = Guide::fixture("navigation");
    guide.build_ok();
    let html = guide.read("b-section/sub/deep/index.html");
    let main = main_of(&html);
    let crumbs_start = main.find(r#"aria-label="Breadcrumb""#).unwrap();
    let crumbs = &main[crumbs_start..crumbs_start + main[crumbs_start..].find("</nav>").unwrap()];
    let order: Vec<usize> = [
        "Home of the fixture",
        "Second section",
        "Subsection",
        "Deep page",
    ]
    .iter()
    .map(|t| crumbs.find(t).unwrap_or_else(|| panic!("{t} in {crumbs}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));
    assert!(
        main.contains(r#"rel="prev" href="../../../b-section/sub/index.html""#),
        "{main}"
    );
    assert!(
        main.contains(r#"rel="next" href="../../../b-section/p1/index.html""#),
        "{main}"
    );
    // The last page has no next link; the home page no previous one.
    assert!(!main_of(&guide.read("b-section/p1/index.html")).contains(r#"rel="next""#));
    assert!(!main_of(&guide.read("index.html")).contains(r#"rel="prev""#));
}

#[test]
fn section_pages_list_their_children_with_summaries() {
    let guide = Guide::fixture("navigation");
    guide.build_ok();
    let html = guide.read("a-section/index.html");
    let main = main_of(&html);
    for text in [
        "Weighted page",
        "Bundle page",
        "A page bundle with a handout.",
        "Unweighted, so after the weighted page, by title.",
    ] {
        assert!(main.contains(text), "{text}");
    }
    assert!(main.find("Weighted page").unwrap() < main.find("Zeta").unwrap());
}

#[test]
fn front_matter_text_is_escaped() {
    let guide = Guide::fixture("navigation");
    guide.build_ok();
    let html = guide.read("a-section/alpha/index.html");
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(
        html.contains("Alpha &lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; co")
            || html.contains("Alpha &lt;script&gt;alert(1)&lt;/script&gt; &amp; co")
    );
    assert!(!html.contains("<b>markup</b>"));
}

#[test]
fn a_page_does_not_grow_with_the_size_of_the_guide() {
    let small = Guide::fixture("navigation");
    small.build_ok();
    let large = Guide::fixture("navigation");
    for n in 0..300 {
        large.write(
            &format!("content/a-section/extra-{n:03}.md"),
            format!("---\ntitle: Extra page {n}\n---\nText.\n"),
        );
        large.write(
            &format!("content/more-{}/_index.md", n % 20),
            format!("---\ntitle: More {}\nweight: 9\n---\n", n % 20),
        );
        large.write(
            &format!("content/more-{}/p{n}.md", n % 20),
            format!("---\ntitle: More page {n}\n---\nText.\n"),
        );
    }
    large.build_ok();
    let page = "b-section/sub/deep/index.html";
    let before = small.read(page);
    let after = large.read(page);
    // Twenty more top-level sections are siblings of an ancestor; 600 pages inside closed
    // sections add nothing.
    let growth = after.len() as i64 - before.len() as i64;
    let per_sibling = 200;
    assert!(
        growth <= 20 * per_sibling,
        "the page grew by {growth} bytes"
    );
    assert!(
        !after.contains("Extra page 1"),
        "a closed section's pages are not in the sidebar"
    );
}

#[test]
fn base_url_adds_sitemap_and_canonical_links_but_links_stay_relative() {
    let guide = Guide::fixture("navigation");
    let mut options = guide.options();
    options.base_url = Some("https://example.org/guides/tlpl".into());
    guidewright::build::build(&options).ok().unwrap();
    let sitemap = guide.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/guides/tlpl/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://example.org/guides/tlpl/b-section/sub/deep/</loc>"));
    assert_eq!(sitemap.matches("<loc>").count(), 10);
    let deep = guide.read("b-section/sub/deep/index.html");
    assert!(deep.contains(
        r#"<link rel="canonical" href="https://example.org/guides/tlpl/b-section/sub/deep/">"#
    ));
    let (broken, _) = links::broken(&guide.public());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn a_guide_template_overrides_the_theme_by_file_name() {
    let guide = Guide::fixture("navigation");
    guide.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ page.title }} in {{ guide.title }}</p>{{ page.content | safe }}{% endblock content %}",
    );
    guide.build_ok();
    let html = guide.read("a-section/zeta/index.html");
    assert!(
        html.contains(r#"<p class="custom">Zeta in Navigation fixture</p>"#),
        "{html}"
    );
    // Section pages still use the theme's own template.
    assert!(
        !guide
            .read("a-section/index.html")
            .contains("class=\"custom\"")
    );
}

#[test]
fn a_theme_folder_is_selected_by_name_and_falls_back_to_the_default() {
    let guide = Guide::fixture("navigation");
    guide.write("guide.yaml", "title: Navigation fixture\ntheme: plain\ntaxonomies:\n  audience: { title: Audience, values: [teacher, principal] }\n");
    guide.write(
        "themes/plain/templates/section.html",
        "<!doctype html><title>{{ page.title }}</title><p>plain section</p>",
    );
    guide.write("themes/plain/static/theme/extra.css", "body{}");
    guide.build_ok();
    assert!(guide.read("a-section/index.html").contains("plain section"));
    assert!(
        guide
            .read("a-section/zeta/index.html")
            .contains("gw-sidebar"),
        "other templates fall back to the default theme"
    );
    assert!(guide.public().join("theme/extra.css").is_file());
    guide.write("guide.yaml", "title: Navigation fixture\ntheme: missing\n");
    let (failed, _) = guide.build_err();
    assert!(
        failed
            .report
            .problems
            .iter()
            .any(|p| p.message.contains("no theme `missing`"))
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let guide = Guide::fixture("navigation");
    guide.write(
        "content/a-section/draft.md",
        "---\ntitle: Unfinished\ndraft: true\n---\nSoon.\n",
    );
    guide.build_ok();
    assert!(!guide.public().join("a-section/draft/index.html").exists());
    assert!(!guide.read("a-section/index.html").contains("Unfinished"));
    let mut options = guide.options();
    options.drafts = true;
    guidewright::build::build(&options).ok().unwrap();
    assert!(guide.public().join("a-section/draft/index.html").is_file());
}
