//! Script the author did not write never reaches the output (issue 11, items 5–7): refused
//! input is an error at its file, line and column with a hint; what is published is checked
//! in the built files, and in a browser.

use crate::common::Guide;
use crate::common::problems::{pages, places, problem_at};

/// A minimal guide whose settings say `raw_html: false`.
fn without_raw_html() -> Guide {
    let guide = Guide::minimal();
    guide.write(
        "guide.yaml",
        "title: Test guide\nmarkdown: { raw_html: false }\n",
    );
    guide
}

// Item 5: heading attributes and script addresses in Markdown.

#[test]
fn heading_attributes_other_than_id_and_class_are_refused_without_raw_html() {
    let guide = without_raw_html();
    guide.write(
        "content/page.md",
        "---\ntitle: A\n---\n## Hi {#x autofocus onfocus=alert(1)}\n\n## Fine {#y .wide}\n",
    );
    let (failed, report) = guide.build_err();
    assert_eq!(
        places(&failed, "heading-attribute"),
        [
            ("content/page.md".to_string(), 4, 11),
            ("content/page.md".to_string(), 4, 21)
        ],
        "{report}"
    );
    let problem = problem_at(&failed, "content/page.md", 4, "only `{#id .class}`");
    assert!(problem.message.contains("`autofocus`"), "{problem:?}");
    assert!(!guide.public().join("page/index.html").exists());

    // Without the other attributes the page builds, and keeps its id and class.
    guide.write(
        "content/page.md",
        "---\ntitle: A\n---\n## Hi {#x}\n\n## Fine {#y .wide}\n",
    );
    guide.build_ok();
    let html = guide.read("page/index.html");
    assert!(html.contains(r#"<h2 id="y" class="wide">"#), "{html}");
    assert!(!html.contains("onfocus"));
}

#[test]
fn heading_attributes_stay_when_raw_html_is_allowed() {
    let guide = Guide::minimal();
    guide.write(
        "content/page.md",
        "---\ntitle: A\n---\n## Hi {#x data-step=2}\n",
    );
    guide.build_ok();
    assert!(
        guide
            .read("page/index.html")
            .contains(r#"<h2 id="x" data-step="2">"#)
    );
}

/// Lines of a page that each write a script address in another spelling, with the column
/// where the address starts.
const SCRIPT_LINKS: &[(&str, usize)] = &[
    ("[a](javascript:alert(1))", 5),
    ("[a](JaVaScRiPt:alert(1))", 5),
    ("[a](&#106;avascript:alert(1))", 5),
    ("[a](&#x6A;avascript&#58;alert(1))", 5),
    ("[a](java&#x09;script:alert(1))", 5),
    ("[a](<java\tscript:alert(1)>)", 6),
    ("[a](   javascript:alert(1) \"t\")", 8),
    ("[a](jav%61script:alert(1))", 5),
    ("[a](javascript&colon;alert(1))", 5),
    ("<javascript:alert(1)>", 2),
    ("<JAVASCRIPT:alert(1)>", 2),
    ("![i](vbscript:msgbox(1))", 6),
    ("[a](VBScript:msgbox(1))", 5),
    (
        "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        5,
    ),
    ("![i](data:image/svg+xml,x)", 6),
    ("![i](DaTa:image/png;base64,iVBORw0KGgo=)", 6),
];

#[test]
fn script_addresses_in_any_spelling_are_refused_without_raw_html() {
    let guide = without_raw_html();
    let mut text = String::from("---\ntitle: A\n---\n");
    for (line, _) in SCRIPT_LINKS {
        text.push_str(line);
        text.push_str("\n\n");
    }
    guide.write("content/page.md", &text);
    let (failed, report) = guide.build_err();
    let found = places(&failed, "unsafe-address");
    let expected: Vec<(String, usize, usize)> = SCRIPT_LINKS
        .iter()
        .enumerate()
        .map(|(n, (_, column))| ("content/page.md".to_string(), 4 + 2 * n, *column))
        .collect();
    assert_eq!(found, expected, "{report}");
    problem_at(&failed, "content/page.md", 4, "https://");
    assert_eq!(failed.report.problems.len(), SCRIPT_LINKS.len(), "{report}");
    assert!(!guide.public().join("page/index.html").exists());
}

#[test]
fn reference_links_are_refused_at_their_definition() {
    let guide = without_raw_html();
    guide.write(
        "content/page.md",
        "---\ntitle: A\n---\nSee [this][x] and [that][x] and [x].\n\n[x]: <Javascript:alert(1)> \"t\"\n[unused]: javascript:alert(2)\n",
    );
    let (failed, report) = guide.build_err();
    assert_eq!(
        places(&failed, "unsafe-address"),
        [("content/page.md".to_string(), 6, 7)],
        "{report}"
    );
}

#[test]
fn script_schemes_are_refused_with_raw_html_too_but_data_images_are_kept() {
    let guide = Guide::minimal();
    guide.write(
        "content/page.md",
        "---\ntitle: A\n---\n[a](javascript:alert(1))\n\n<vbscript:msgbox(1)>\n\n![dot](data:image/png;base64,iVBORw0KGgo=)\n",
    );
    let (failed, report) = guide.build_err();
    assert_eq!(
        places(&failed, "unsafe-address"),
        [
            ("content/page.md".to_string(), 4, 5),
            ("content/page.md".to_string(), 6, 2)
        ],
        "{report}"
    );
    guide.write(
        "content/page.md",
        "---\ntitle: A\n---\n![dot](data:image/png;base64,iVBORw0KGgo=)\n",
    );
    guide.build_ok();
    assert!(
        guide
            .read("page/index.html")
            .contains(r#"src="data:image/png;base64,iVBORw0KGgo=""#)
    );
}

const FRAMEWORK: &str = "frameworks:\n  - id: tlms\n    title: TLMS\n    description: |\n      Framework <script>alert('framework')</script> text.\n    competencies:\n      - id: tlms-1\n        name: One\n        description: |\n          Competency <img src=x onerror=alert(1)> text.\n";
const RESOURCE: &str = "resources:\n  - id: r1\n    title: R\n    kind: tool\n    url: https://example.org/r\n    competencies: [tlms-1]\n    description: Resource <script>alert('resource')</script> text.\n";

#[test]
fn catalog_descriptions_obey_raw_html() {
    let guide = without_raw_html();
    guide.write("content/competencies.yaml", FRAMEWORK);
    guide.write("content/resources.yaml", RESOURCE);
    guide.write(
        "content/page.md",
        "---\ntitle: A\ncompetencies: [tlms-1]\nresources: [r1]\n---\nText.\n",
    );
    guide.build_ok();
    for (page, html) in pages(&guide.public()) {
        // Escaped, the text stays: `&lt;img src=x onerror=…&gt;` runs nothing.
        for script in ["<script>alert", "<img src=x"] {
            assert!(!html.contains(script), "{page} holds {script}");
        }
    }
    let index = guide.read("competencies/index.html");
    assert!(index.contains("Framework &lt;script&gt;alert("), "{index}");
    assert!(
        guide
            .read("resources/index.html")
            .contains("Resource &lt;script&gt;")
    );

    // With raw HTML allowed, the author's HTML stays, as on pages.
    guide.write("guide.yaml", "title: Test guide\n");
    guide.build_ok();
    assert!(
        guide
            .read("resources/index.html")
            .contains("Resource <script>alert(")
    );
}

#[test]
fn script_addresses_in_catalog_descriptions_are_refused() {
    let guide = Guide::minimal();
    guide.write(
        "content/competencies.yaml",
        "frameworks:\n  - id: tlms\n    title: TLMS\n    competencies:\n      - id: tlms-1\n        name: One\n        description: See [this](JavaScript:alert(1)).\n",
    );
    guide.write(
        "content/resources.yaml",
        "resources:\n  - id: r1\n    title: R\n    kind: tool\n    url: https://example.org/r\n    description: |\n      A resource.\n\n      ![x](vbscript:msgbox(1))\n",
    );
    guide.write(
        "content/page.md",
        "---\ntitle: A\ncompetencies: [tlms-1]\nresources: [r1]\n---\nText.\n",
    );
    let (failed, report) = guide.build_err();
    assert_eq!(
        places(&failed, "unsafe-address"),
        [
            ("content/competencies.yaml".to_string(), 7, 33),
            ("content/resources.yaml".to_string(), 9, 12)
        ],
        "{report}"
    );
}

// Item 6: `url:` of the catalog and of inline resources.

#[test]
fn catalog_urls_must_be_web_addresses() {
    let guide = Guide::minimal();
    guide.write(
        "content/competencies.yaml",
        "frameworks:\n  - id: tlms\n    title: TLMS\n    url: javascript:alert(1)\n    competencies:\n      - id: tlms-1\n        name: One\n",
    );
    guide.write(
        "content/resources.yaml",
        "resources:\n  - id: r1\n    title: R\n    kind: tool\n    url: \" JavaScript:alert(1)\"\n  - id: r2\n    title: R\n    kind: tool\n    url: data:text/html,hi\n  - id: r3\n    title: R\n    kind: tool\n    url: file:///etc/passwd\n  - id: r4\n    title: R\n    kind: tool\n    url: //evil.example/x\n  - id: r5\n    title: R\n    kind: tool\n    url: mailto:team@example.org\n  - id: r6\n    title: R\n    kind: tool\n    url: HTTPS://example.org/x\n",
    );
    guide.write(
        "content/page.md",
        "---\ntitle: A\ncompetencies: [tlms-1]\nresources: [r1, r2, r3, r4, r5, r6]\n---\nText.\n",
    );
    let (failed, report) = guide.build_err();
    let found = places(&failed, "unsafe-address");
    assert_eq!(
        found,
        [
            ("content/competencies.yaml".to_string(), 4, 10),
            ("content/resources.yaml".to_string(), 5, 11),
            ("content/resources.yaml".to_string(), 9, 10),
            ("content/resources.yaml".to_string(), 13, 10),
            ("content/resources.yaml".to_string(), 17, 10),
        ],
        "{report}"
    );
    assert_eq!(failed.report.problems.len(), 5, "{report}");
    problem_at(&failed, "content/resources.yaml", 17, "https://");
    problem_at(&failed, "content/competencies.yaml", 4, "https://");
}

#[test]
fn inline_resource_urls_must_be_web_addresses_or_inside_the_guide() {
    let guide = Guide::minimal();
    guide.write("content/handout.pdf", "%PDF");
    guide.write(
        "content/page.md",
        "---\ntitle: A\nresources:\n  - {title: T, url: \"javascript:alert(1)\", kind: tool}\n  - {title: U, url: \"data:text/html,x\"}\n  - {title: V, url: \"../../etc/passwd\"}\n  - {title: W, url: \"vbscript:x\"}\n---\nText.\n",
    );
    let (failed, report) = guide.build_err();
    assert_eq!(
        places(&failed, "unsafe-address"),
        [
            ("content/page.md".to_string(), 4, 22),
            ("content/page.md".to_string(), 5, 22),
            ("content/page.md".to_string(), 7, 22),
        ],
        "{report}"
    );
    assert_eq!(
        places(&failed, "broken-link"),
        [("content/page.md".to_string(), 6, 22)],
        "{report}"
    );
    problem_at(&failed, "content/page.md", 6, "inside content/");

    // A web address, an e-mail address, and a file or page of the guide are fine; the
    // paths lead to the published file and page from every page that lists them.
    guide.write(
        "content/page.md",
        "---\ntitle: A\nresources:\n  - {title: T, url: \"https://example.org/t\", kind: tool}\n  - {title: M, url: \"mailto:a@example.org\"}\n  - {title: H, url: handout.pdf}\n  - {title: O, url: other.md}\n---\nText.\n",
    );
    guide.write("content/other.md", "---\ntitle: Other\n---\nText.\n");
    guide.build_ok();
    let html = guide.read("page/index.html");
    assert!(html.contains(r#"href="https://example.org/t""#), "{html}");
    assert!(html.contains(r#"href="mailto:a@example.org""#), "{html}");
    assert!(html.contains(r#"href="../handout.pdf""#), "{html}");
    assert!(html.contains(r#"href="../other/index.html""#), "{html}");
    let (broken, _) = crate::common::links::broken(&guide.public());
    assert!(broken.is_empty(), "{broken:?}");
}

// Item 7: JSON-LD and XML.

const SCRIPT_TITLE: &str = "Avoid <!--<script> in HTML";

fn with_tricky_titles() -> Guide {
    let guide = Guide::minimal();
    guide.write(
        "guide.yaml",
        "title: \"Test \\x01guide\"\nbase_url: https://example.org/g/\ndescription: \"Line\\u2028sep \\x0b and \\x1f\"\n",
    );
    guide.write(
        "content/page.md",
        format!(
            "---\ntitle: \"{SCRIPT_TITLE}\"\nsummary: \"A \\x07bell, a \\u2029 and \\x08 & <b>\"\nupdated: 2026-01-02\n---\nThe first paragraph is visible.\n"
        ),
    );
    guide.write(
        "content/ctrl.md",
        "---\ntitle: \"Control \\x01\\x02\\x1b[2J characters\"\nupdated: 2026-01-03\n---\nText.\n",
    );
    guide
}

#[test]
fn json_ld_escapes_what_would_end_or_confuse_its_script_element() {
    let guide = with_tricky_titles();
    guide.build_ok();
    let html = guide.read("page/index.html");
    let start = html.find(r#"<script type="application/ld+json">"#).unwrap();
    let script = &html[start..];
    let script = &script[..script.find("</script>").unwrap()];
    let json = script.split_once('>').unwrap().1;
    for bad in ["<!--", "<script", "\u{2028}", "\u{2029}", "&", "<b>"] {
        assert!(!json.contains(bad), "{bad:?} in {json}");
    }
    assert!(
        json.contains(r"Avoid \u003c!--\u003cscript\u003e in HTML"),
        "{json}"
    );
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["name"], SCRIPT_TITLE);
    assert!(value["description"].as_str().unwrap().contains("& <b>"));
}

#[test]
fn feed_and_sitemap_are_well_formed_xml_whatever_the_titles_hold() {
    let guide = with_tricky_titles();
    guide.build_ok();
    for file in ["feed.xml", "sitemap.xml"] {
        let xml = guide.read(file);
        let parsed = roxmltree::Document::parse(&xml);
        assert!(parsed.is_ok(), "{file}: {parsed:?}\n{xml:?}");
    }
    let feed = guide.read("feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(titles.contains(&SCRIPT_TITLE), "{titles:?}");
    assert!(titles.contains(&"Control [2J characters"), "{titles:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_title_that_opens_a_script_comment_does_not_blank_its_page() {
    let Some(driver) = crate::common::browser::driver() else {
        return;
    };
    let guide = with_tricky_titles();
    guide.build_ok();
    let port = crate::common::static_host::serve(guide.public(), "/");
    let client = driver.session(1280, false).await;
    client
        .goto(&format!("http://127.0.0.1:{port}/page/index.html"))
        .await
        .unwrap();
    let text = client
        .execute(
            "return document.body ? document.body.innerText : '';",
            vec![],
        )
        .await
        .unwrap();
    let text = text.as_str().unwrap_or("");
    assert!(
        text.contains("The first paragraph is visible."),
        "the page shows: {text:?}"
    );
    let scripts = client
        .execute(
            "return JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent).name;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(scripts, SCRIPT_TITLE);
    client.close().await.unwrap();
}
