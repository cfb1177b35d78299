//! In a real headless browser: a page served by `guidewright serve` reloads by itself after
//! its source is edited, and Ctrl-C stops the server while the tab listens.

use std::time::{Duration, Instant};

use crate::common::{Guide, browser, serve};

#[tokio::test(flavor = "multi_thread")]
async fn a_page_reloads_by_itself_after_an_edit() {
    let Some(driver) = browser::driver() else {
        return;
    };
    let guide = Guide::fixture("navigation");
    let server = serve::start(&guide, &[]);
    let url = format!("http://localhost:{}/", server.port);

    let client = driver.session(1280, false).await;
    client.goto(&format!("{url}a-section/zeta/")).await.unwrap();
    // A mark on this page's window: gone once the page has reloaded.
    client
        .execute("window.gwMark = 1; return null;", vec![])
        .await
        .unwrap();
    // Give the page a moment to open its event stream.
    tokio::time::sleep(Duration::from_millis(500)).await;
    guide.write(
        "content/a-section/zeta.md",
        "---\ntitle: Zeta\nsummary: Unweighted, so after the weighted page, by title.\n---\n## Zeta heading\nWritten while the browser watched.\n",
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let marked = client
            .execute("return window.gwMark === 1;", vec![])
            .await
            .unwrap();
        let text = client.source().await.unwrap();
        if marked == serde_json::json!(false) && text.contains("Written while the browser watched.")
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the page did not reload by itself"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_stops_serve_while_a_tab_listens_for_reloads() {
    let Some(driver) = browser::driver() else {
        return;
    };
    let guide = Guide::fixture("navigation");
    let mut server = serve::start(&guide, &[]);
    let client = driver.session(1280, false).await;
    let url = format!("http://localhost:{}/a-section/zeta/", server.port);
    client.goto(&url).await.unwrap();
    // Give the page a moment to open its event stream.
    tokio::time::sleep(Duration::from_millis(500)).await;
    server.signal("INT");
    let status = server.exited_within(Duration::from_secs(1));
    client.close().await.unwrap();
    let status = status.expect("serve still runs a second after Ctrl-C");
    assert_eq!(status.code(), Some(0), "{status:?}");
}
