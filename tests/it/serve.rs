//! `guidewright serve` end to end: the real binary on an ephemeral port, pages fetched over
//! HTTP, sources edited, reload events received, errors shown and cleared, and requests that
//! try to leave the site refused.

use std::time::{Duration, Instant};

use crate::common::Guide;
use crate::common::serve::{Server, start, until, wait_for};

#[test]
fn an_edit_is_served_after_a_reload_event() {
    let guide = Guide::fixture("navigation");
    let server = start(&guide, &[]);
    let (status, head, body) = server.get("/a-section/zeta/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("<h1>Zeta</h1>"));
    assert!(
        body.contains("__guidewright/events"),
        "the reload script is injected"
    );
    let events = server.events();
    guide.write("content/a-section/zeta.md", "---\ntitle: Zeta\nsummary: Unweighted, so after the weighted page, by title.\n---\n## Zeta heading\nA freshly written sentence.\n");
    // A body edit takes the fast path: only the edited page (then the print edition) changed.
    wait_for(&events, "changed");
    let body = until(&server, "/a-section/zeta/", "A freshly written sentence.");
    assert!(body.contains("A freshly written sentence."), "{body}");
    // The script uses a relative address, so the preview works behind a proxy.
    assert!(
        body.contains(
            r#"var url = "../../__guidewright/events", page = "a-section/zeta/index.html""#
        )
    );
    // The build output never carries the script.
    guide.build_ok();
    assert!(
        !guide
            .read("a-section/zeta/index.html")
            .contains("__guidewright")
    );
    drop(server);
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_pages_and_shows_the_errors() {
    let guide = Guide::fixture("navigation");
    let server = start(&guide, &[]);
    let events = server.events();
    guide.write(
        "content/a-section/zeta.md",
        "---\ntitle: Zeta\nwieght: 3\n---\nNew text that must not be served.\n",
    );
    wait_for(&events, "reload");
    until(&server, "/index.html", "gw-live-errors");
    for page in ["/a-section/zeta/", "/index.html"] {
        let (status, _, body) = server.get(page);
        assert_eq!(status, 200);
        assert!(
            body.contains("gw-live-errors"),
            "every page shows the overlay: {page}"
        );
        assert!(body.contains("content/a-section/zeta.md:3:1"), "{body}");
        assert!(body.contains("unknown front-matter key `wieght`"));
        assert!(!body.contains("New text that must not be served."));
    }
    // The terminal shows the same error.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut terminal = String::new();
    while !terminal.contains("wieght") && Instant::now() < deadline {
        if let Ok(line) = server.output.recv_timeout(Duration::from_millis(200)) {
            terminal.push_str(&line);
            terminal.push('\n');
        }
    }
    assert!(
        terminal.contains("unknown front-matter key `wieght`"),
        "{terminal}"
    );
    guide.write(
        "content/a-section/zeta.md",
        "---\ntitle: Zeta\nweight: 3\n---\n## Zeta heading\nFixed text.\n",
    );
    wait_for(&events, "reload");
    let body = until(&server, "/a-section/zeta/", "Fixed text.");
    assert!(!body.contains("gw-live-errors"));
    assert!(body.contains("Fixed text."));
}

#[test]
fn new_and_deleted_pages_appear_and_disappear() {
    let guide = Guide::fixture("navigation");
    let server = start(&guide, &[]);
    let events = server.events();
    assert_eq!(server.get("/a-section/fresh/").0, 404);
    guide.write(
        "content/a-section/fresh.md",
        "---\ntitle: Fresh page\n---\nHello.\n",
    );
    wait_for(&events, "reload");
    until(&server, "/a-section/fresh/", "Fresh page");
    assert_eq!(server.get("/a-section/fresh/").0, 200);
    assert!(
        server.get("/a-section/").2.contains("Fresh page"),
        "the section lists it"
    );
    std::fs::remove_file(guide.root.join("content/a-section/fresh.md")).unwrap();
    wait_for(&events, "reload");
    until(&server, "/a-section/fresh/", "Page not found");
    let (status, _, body) = server.get("/a-section/fresh/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the guide's 404 page");
    assert!(!server.get("/a-section/").2.contains("Fresh page"));
}

#[test]
fn only_files_of_the_build_are_served() {
    let guide = Guide::fixture("navigation");
    let server = start(&guide, &[]);
    for path in [
        "/../guide.yaml",
        "/..%2fguide.yaml",
        "/%2e%2e/guide.yaml",
        "/%2E%2E%2Fguide.yaml",
        "/%252e%252e/guide.yaml",
        "/a-section/..%5c..%5cguide.yaml",
        "/a-section%5c..%5c..%5cguide.yaml",
        "/a-section/%2e%2e/%2e%2e/guide.yaml",
    ] {
        let (status, _, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(
            !body.contains("Navigation fixture\ndescription"),
            "{path} leaked guide.yaml"
        );
    }
    // Sources are never served, and folders are not listed.
    for path in [
        "/guide.yaml",
        "/content/_index.md",
        "/a-section/zeta.md",
        "/content/",
        "/theme/",
        "/img/",
    ] {
        assert_eq!(server.get(path).0, 404, "{path}");
    }
    let (status, head, _) = server.get("/theme/guide.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"), "{head}");
    let (_, head, _) = server.get("/theme/guide.js");
    assert!(head.contains("content-type: text/javascript"), "{head}");
    let (_, head, _) = server.get("/img/logo.svg");
    assert!(head.contains("content-type: image/svg+xml"), "{head}");
    let (status, head, _) = server.get("/a-section");
    assert_eq!(status, 301);
    assert!(head.contains("location: /a-section/"), "{head}");
}

#[test]
fn a_stylesheet_change_restyles_without_a_reload() {
    let guide = Guide::fixture("navigation");
    guide.write("static/extra.css", "body { color: black; }");
    let server = start(&guide, &[]);
    let events = server.events();
    guide.write("static/extra.css", "body { color: navy; }");
    // Every event up to the restyle, and any that follow it within two seconds: no reload.
    let mut seen = Vec::new();
    while seen.last().is_none_or(|event| event != "restyle") {
        seen.push(
            events
                .recv_timeout(Duration::from_secs(30))
                .expect("a restyle event"),
        );
    }
    while let Ok(event) = events.recv_timeout(Duration::from_secs(2)) {
        seen.push(event);
    }
    assert!(!seen.iter().any(|event| event == "reload"), "{seen:?}");
    assert!(server.get("/extra.css").2.contains("navy"));
}

#[test]
fn another_interface_is_served_only_when_asked_and_with_a_warning() {
    let guide = Guide::fixture("navigation");
    // Without `--interface`, the loopback address only, and no warning.
    let server = start(&guide, &[]);
    assert_eq!(server.host, "127.0.0.1");
    assert!(!warned(&server), "no warning on loopback");
    drop(server);
    // 127.0.0.2 is loopback too: no warning; the warning is for addresses others can reach.
    let server = start(&guide, &["--interface", "127.0.0.2"]);
    assert_eq!(server.host, "127.0.0.2");
    assert_eq!(server.get("/").0, 200);
    assert!(!warned(&server), "no warning on 127.0.0.2");
    drop(server);
    // Every interface: reachable from other machines, so a warning, and still served.
    let server = start(&guide, &["--interface", "0.0.0.0"]);
    assert!(warned(&server), "a warning on 0.0.0.0");
    assert_eq!(server.get("/").0, 200);
    drop(server);
    let output = guide.run(&["serve", "--interface", "not-an-address"]);
    assert_eq!(output.status.code(), Some(2));
}

/// Whether the server printed the warning for an address others can reach, while starting or
/// within half a second after.
fn warned(server: &Server) -> bool {
    let mut lines = server.started.clone();
    while let Ok(line) = server.output.recv_timeout(Duration::from_millis(500)) {
        lines.push(line);
    }
    lines.iter().any(|l| l.contains("warning: serving on"))
}

#[test]
fn a_busy_port_asked_for_is_an_error() {
    let guide = Guide::fixture("navigation");
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let output = guide.run(&["serve", "--port", &port]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot listen"));
}
