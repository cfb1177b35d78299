//! `guidewright check`: every validation of a build, nothing written; both report formats,
//! the exit codes, and outside links checked against a local server.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::common::{Guide, text};

fn json(guide: &Guide, args: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let output = guide.run(&all);
    let (stdout, _) = text(&output);
    let parsed: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (
        output.status.code().unwrap(),
        parsed.as_array().unwrap().clone(),
    )
}

fn codes(diagnostics: &[serde_json::Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}",
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_clean_guide_passes_and_nothing_is_written() {
    let guide = Guide::sample();
    let output = guide.run(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{:?}", text(&output));
    assert!(text(&output).0.contains("no problems found"));
    assert!(!guide.public().exists(), "check writes nothing");
    let (code, diagnostics) = json(&guide, &[]);
    assert_eq!((code, diagnostics.len()), (0, 0));
}

#[test]
fn every_kind_of_problem_is_reported_with_its_place_in_both_formats() {
    let guide = Guide::fixture("catalog");
    guide.write("content/teams/broken.md", "---\ntitle: Broken\ncompetences: [tlms-1]\n---\n![](photo.png)\n\nSee [nowhere](nowhere.md).\n");
    guide.write("content/teams/photo.png", "png");
    guide.write(
        "content/empty/_index.md",
        "---\ntitle: Empty section\n---\n",
    );
    let (code, diagnostics) = json(&guide, &[]);
    assert_eq!(code, 1);
    let found = codes(&diagnostics);
    for expected in [
        "error:front-matter",
        "error:broken-link",
        "warning:image-alt",
        "warning:empty-section",
        "warning:unused-competency",
    ] {
        assert!(
            found.contains(&expected.to_string()),
            "{expected} in {found:?}"
        );
    }
    let link = diagnostics
        .iter()
        .find(|d| d["code"] == "broken-link")
        .unwrap();
    assert_eq!(link["file"], "content/teams/broken.md");
    assert_eq!(
        (link["line"].as_u64(), link["column"].as_u64()),
        (Some(7), Some(15))
    );
    assert!(link["message"].as_str().unwrap().contains("nowhere.md"));
    assert!(link["hint"].is_string());
    let alt = diagnostics
        .iter()
        .find(|d| d["code"] == "image-alt")
        .unwrap();
    assert_eq!(alt["line"], 5);

    let output = guide.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let (_, stderr) = text(&output);
    assert!(stderr.contains("content/teams/broken.md:7:15"), "{stderr}");
    assert!(stderr.contains("warning[image-alt]"), "{stderr}");
    assert!(stderr.contains("check found 2 errors"), "{stderr}");
}

#[test]
fn warnings_alone_exit_0_and_usage_errors_exit_2() {
    let guide = Guide::fixture("catalog");
    let (code, diagnostics) = json(&guide, &[]);
    assert_eq!(code, 0);
    assert_eq!(codes(&diagnostics), ["warning:unused-competency"]);
    assert_eq!(
        guide.run(&["check", "--format", "yaml"]).status.code(),
        Some(2)
    );
    assert_eq!(guide.run(&["check", "--bogus"]).status.code(), Some(2));
}

#[test]
fn duplicate_urls_are_errors() {
    let guide = Guide::fixture("catalog");
    guide.write("content/teams/a.md", "---\ntitle: A\nslug: same\n---\n");
    guide.write("content/teams/b.md", "---\ntitle: B\nslug: same\n---\n");
    let (code, diagnostics) = json(&guide, &[]);
    assert_eq!(code, 1);
    assert!(codes(&diagnostics).contains(&"error:duplicate-url".to_string()));
}

#[test]
fn pages_no_link_reaches_are_reported() {
    let guide = Guide::fixture("navigation");
    // A theme whose page template drops the navigation: sections' pages are then unreachable.
    guide.write(
        "templates/section.html",
        "<!doctype html><title>{{ page.title }}</title><main>{{ page.content | safe }}</main>",
    );
    guide.write(
        "templates/index.html",
        "<!doctype html><title>{{ page.title }}</title><a href=\"a-section/index.html\">first</a>",
    );
    let (code, diagnostics) = json(&guide, &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    let unreachable: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d["code"] == "unreachable")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(
        unreachable.contains(&"content/a-section/zeta.md"),
        "{unreachable:?}"
    );
    assert!(unreachable.contains(&"content/b-section/_index.md"));
    assert!(!unreachable.contains(&"content/a-section/_index.md"));
}

/// A local server: `/ok` answers 200, `/gone` 404, `/slow` never in time; it records the most
/// requests it ever had at once.
fn local_server() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let busy = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let seen = most.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (busy, most) = (busy.clone(), most.clone());
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut line = String::new();
                let _ = BufReader::new(&stream).read_line(&mut line);
                if line.contains("/slow") {
                    // Outlives the client's timeout; not counted, as the client has let go.
                    std::thread::sleep(Duration::from_secs(10));
                    let _ = write!(stream, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                    return;
                }
                let now = busy.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(150));
                let status = if line.contains("/gone") {
                    "404 Not Found"
                } else {
                    "200 OK"
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                );
                busy.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    (port, seen)
}

#[test]
fn outside_links_are_requested_with_a_timeout_and_a_per_host_limit() {
    let (port, most) = local_server();
    let guide = Guide::fixture("navigation");
    let mut body = String::from("---\ntitle: Links\n---\n");
    for n in 0..6 {
        body.push_str(&format!("[ok {n}](http://127.0.0.1:{port}/ok/{n})\n\n"));
    }
    body.push_str(&format!(
        "[gone](http://127.0.0.1:{port}/gone)\n\n[slow](http://127.0.0.1:{port}/slow)\n"
    ));
    guide.write("content/a-section/links.md", body);
    // Without --external nothing is requested.
    let (code, _) = json(&guide, &[]);
    assert_eq!(code, 0);
    assert_eq!(most.load(Ordering::SeqCst), 0);

    let (code, diagnostics) = json(&guide, &["--external", "--timeout", "3"]);
    assert_eq!(code, 1);
    let external: Vec<&serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "external-link")
        .collect();
    assert_eq!(external.len(), 2, "{diagnostics:?}");
    let gone = external
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("/gone"))
        .unwrap();
    assert!(gone["message"].as_str().unwrap().contains("404"));
    assert_eq!(
        (gone["file"].as_str(), gone["line"].as_u64()),
        (Some("content/a-section/links.md"), Some(16))
    );
    let slow = external
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("/slow"))
        .unwrap();
    assert!(
        slow["message"]
            .as_str()
            .unwrap()
            .contains("did not answer in time")
    );
    let at_once = most.load(Ordering::SeqCst);
    assert!(
        (1..=2).contains(&at_once),
        "{at_once} requests to one host at once"
    );
}
