//! Publishing extras with a `base_url`: links stay relative, `sitemap.xml` and the Atom feed
//! parse as XML, and `aliases` leave redirect pages at the old addresses.

use std::time::{Duration, Instant};

use crate::common::{Guide, browser, links};

fn with_aliases() -> Guide {
    let guide = Guide::fixture("catalog");
    let text = std::fs::read_to_string(guide.root.join("content/selecting/rubrics.md")).unwrap();
    guide.write(
        "content/selecting/rubrics.md",
        text.replacen(
            "weight: 1\n",
            "weight: 1\naliases: [old/scoring-rubrics, /older/rubrics.html]\n",
            1,
        ),
    );
    guide
}

#[test]
fn sitemap_and_feed_are_xml_with_absolute_addresses() {
    let guide = with_aliases();
    guide.build_ok();
    let sitemap = guide.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.len() >= 5);
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/guide/")),
        "{locs:?}"
    );

    let feed = guide.read("feed.xml");
    let doc = roxmltree::Document::parse(&feed).expect("feed.xml is XML");
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(doc.root_element().tag_name().namespace(), Some(atom));
    let entries: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name((atom, "entry")))
        .collect();
    assert_eq!(entries.len(), 1, "only pages with `updated` are news");
    let entry = entries[0];
    let text = |name: &str| {
        entry
            .children()
            .find(|n| n.has_tag_name((atom, name)))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(text("title"), "Rubrics");
    assert_eq!(text("updated"), "2026-01-15T00:00:00Z");
    assert_eq!(text("id"), "https://example.org/guide/selecting/rubrics/");
    assert!(
        guide
            .read("index.html")
            .contains(r#"<link rel="alternate" type="application/atom+xml""#)
    );
    // Links inside the site stay relative all the same.
    let (broken, _) = links::broken(&guide.public());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn feeds_order_pages_newest_first() {
    let guide = Guide::fixture("catalog");
    guide.write(
        "content/teams/fresh.md",
        "---\ntitle: Fresh\nupdated: 2026-06-01\n---\n",
    );
    guide.write(
        "content/teams/stale.md",
        "---\ntitle: Stale\nupdated: 2020-06-01\n---\n",
    );
    guide.build_ok();
    let feed = guide.read("feed.xml");
    let (fresh, rubrics, stale) = (
        feed.find("Fresh").unwrap(),
        feed.find("Rubrics").unwrap(),
        feed.find("Stale").unwrap(),
    );
    assert!(fresh < rubrics && rubrics < stale);
    assert!(
        feed.contains("<updated>2026-06-01T00:00:00Z</updated>\n<author>"),
        "the feed is as new as its newest page"
    );
}

#[test]
fn without_base_url_there_is_no_feed() {
    let guide = Guide::fixture("navigation");
    guide.build_ok();
    assert!(!guide.public().join("feed.xml").exists());
    assert!(!guide.read("index.html").contains("application/atom+xml"));
}

#[test]
fn aliases_leave_redirect_pages_at_the_old_addresses() {
    let guide = with_aliases();
    guide.build_ok();
    let redirect = guide.read("old/scoring-rubrics/index.html");
    assert!(
        redirect.contains(
            r#"<meta http-equiv="refresh" content="0; url=../../selecting/rubrics/index.html">"#
        ),
        "{redirect}"
    );
    assert!(
        redirect.contains(
            r#"<link rel="canonical" href="https://example.org/guide/selecting/rubrics/">"#
        )
    );
    let older = guide.read("older/rubrics.html");
    assert!(
        older.contains("url=../selecting/rubrics/index.html"),
        "{older}"
    );
    let (broken, _) = links::broken(&guide.public());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn an_alias_that_takes_a_page_address_or_leaves_the_site_is_an_error() {
    let guide = Guide::fixture("catalog");
    let text = std::fs::read_to_string(guide.root.join("content/selecting/rubrics.md")).unwrap();
    guide.write(
        "content/selecting/rubrics.md",
        text.replacen(
            "weight: 1\n",
            "weight: 1\naliases:\n  - teams/observation\n  - ../outside\n",
            1,
        ),
    );
    let (failed, report) = guide.build_err();
    let errors: Vec<_> = failed
        .report
        .problems
        .iter()
        .filter(|p| p.code.as_str() == "alias")
        .collect();
    assert_eq!(errors.len(), 2, "{report}");
    assert!(
        errors[0]
            .message
            .contains("already the address of content/teams/observation/index.md"),
        "{report}"
    );
    assert_eq!((errors[0].line, errors[0].column), (6, 5));
    assert!(errors[1].message.contains("not a place inside the site"));
    assert_eq!(errors[1].line, 7);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_browser_following_an_alias_lands_on_the_page() {
    let Some(driver) = browser::driver() else {
        return;
    };
    let guide = with_aliases();
    guide.build_ok();
    let client = driver.session(1280, false).await;
    client
        .goto(&format!(
            "file://{}",
            guide
                .public()
                .join("old/scoring-rubrics/index.html")
                .display()
        ))
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let url = client.current_url().await.unwrap();
        if url.as_str().ends_with("/selecting/rubrics/index.html") {
            break;
        }
        assert!(Instant::now() < deadline, "still at {url}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(client.source().await.unwrap().contains("<h1>Rubrics</h1>"));
    client.close().await.unwrap();
}
