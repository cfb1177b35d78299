//! The printable edition: the whole guide in reading order on one page, internal links turned
//! into anchors inside it, drafts left out, and a part printable alone.

use crate::common::{Guide, browser, links};

fn positions(html: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| html.find(n).unwrap_or_else(|| panic!("{n} missing")))
        .collect()
}

#[test]
fn the_edition_holds_every_page_in_reading_order() {
    let guide = Guide::fixture("navigation");
    guide.write(
        "content/a-section/draft.md",
        "---\ntitle: Unfinished draft\ndraft: true\n---\nSoon.\n",
    );
    let mut options = guide.options();
    options.drafts = true;
    guidewright::build::build(&options).ok().unwrap();
    let html = guide.read("print/index.html");
    let main = &html[html.find("<main").unwrap()..];
    let order = positions(
        main,
        &[
            r#"id="p-home""#,
            r#"id="part-a-section""#,
            r#"id="p-a-section-weighted""#,
            r#"id="p-a-section-alpha""#,
            r#"id="p-a-section-bundle""#,
            r#"id="p-a-section-zeta""#,
            r#"id="part-b-section""#,
            r#"id="part-b-section-sub""#,
            r#"id="p-b-section-sub-deep""#,
            r#"id="p-b-section-p1""#,
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(
        !main.contains("Unfinished draft"),
        "drafts are left out even with --drafts"
    );
    // Parts nest: the subsection's part closes before the page after it, which is still
    // inside its section's part.
    assert_eq!(main.matches("<section class=\"gw-print-part").count(), 3);
    let sub = main.find(r#"id="part-b-section-sub""#).unwrap();
    let p1 = main.find(r#"id="p-b-section-p1""#).unwrap();
    assert_eq!(main[sub..p1].matches("</section>").count(), 1);
    assert_eq!(main[p1..].matches("</section>").count(), 1);
}

#[test]
fn internal_links_become_anchors_of_the_edition() {
    let guide = Guide::fixture("navigation");
    guide.build_ok();
    let html = guide.read("print/index.html");
    // alpha links to zeta#zeta-heading, the bundle and its handout; the home page to a deep heading.
    assert!(html.contains(r##"href="#p-a-section-zeta--zeta-heading""##));
    assert!(html.contains(r#"id="p-a-section-zeta--zeta-heading""#));
    assert!(html.contains(r##"href="#p-a-section-bundle""##));
    assert!(html.contains(r#"href="../a-section/bundle/handout.txt""#));
    assert!(html.contains(r##"href="#p-b-section-sub-deep--step-two""##));
    // Headings of two pages never share an id.
    assert!(html.contains(r#"id="p-a-section-alpha--overview""#));
    let (broken, _) = links::broken(&guide.public());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    // Each section page links to its part.
    assert!(
        guide
            .read("b-section/index.html")
            .contains(r#"href="../print/index.html#part-b-section""#)
    );
    assert!(
        guide
            .read("index.html")
            .contains(r#"href="print/index.html""#)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_part_prints_alone() {
    let Some(driver) = browser::driver() else {
        return;
    };
    let guide = Guide::fixture("navigation");
    guide.build_ok();
    let client = driver.session(1280, false).await;
    let page = format!(
        "file://{}",
        guide.public().join("print/index.html").display()
    );
    let shown = |id: &'static str| {
        let client = client.clone();
        async move {
            let script = format!(
                "var e = document.getElementById('{id}'); return !!e && e.getClientRects().length > 0;"
            );
            client.execute(&script, vec![]).await.unwrap() == serde_json::json!(true)
        }
    };
    client.goto(&page).await.unwrap();
    assert!(shown("p-a-section-zeta").await && shown("p-b-section-sub-deep").await);
    client
        .goto(&format!("{page}#part-b-section-sub"))
        .await
        .unwrap();
    client.refresh().await.unwrap();
    assert!(shown("p-b-section-sub-deep").await, "the part's pages show");
    assert!(!shown("p-a-section-zeta").await, "other parts are hidden");
    assert!(
        !shown("p-b-section-p1").await,
        "sibling pages of the part are hidden"
    );
    assert!(
        !shown("p-b-section").await,
        "the intro of the section holding the part is hidden"
    );
    assert!(shown("part-b-section-sub").await);
    client.close().await.unwrap();
}
