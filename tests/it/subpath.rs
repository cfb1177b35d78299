//! The built site served under a sub-path (`/guides/tlpl/`) by a plain static server: every
//! page reachable from the home page answers, following links the way a browser resolves them.

use std::collections::{BTreeSet, VecDeque};

use crate::common::{Guide, http, links::attributes};

const PREFIX: &str = "/guides/tlpl/";

fn get(port: u16, path: &str) -> (u16, String) {
    let reply = http::get(port, path);
    (reply.status, reply.text())
}

/// Resolves a relative reference against a URL path, as a browser does.
fn resolve(base: &str, reference: &str) -> String {
    let reference = reference.split('#').next().unwrap();
    if reference.is_empty() {
        return base.to_string();
    }
    let mut parts: Vec<&str> = base[..base.rfind('/').unwrap()].split('/').collect();
    for part in reference.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

#[test]
fn every_page_answers_when_the_site_is_served_under_a_sub_path() {
    let guide = Guide::sample();
    guide.build_ok();
    let port = crate::common::static_host::serve(guide.public(), PREFIX);
    let start = format!("{PREFIX}index.html");
    let mut queue = VecDeque::from([start.clone()]);
    let mut seen = BTreeSet::from([start]);
    let mut pages = 0;
    while let Some(path) = queue.pop_front() {
        let (status, body) = get(port, &path);
        assert_eq!(status, 200, "{path}");
        assert!(path.starts_with(PREFIX), "{path} leaves the sub-path");
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        for link in attributes(&body, "href")
            .into_iter()
            .chain(attributes(&body, "src"))
        {
            if link.contains("://") || link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            let next = resolve(&path, &link);
            if seen.insert(next.clone()) {
                queue.push_back(next);
            }
        }
    }
    assert!(pages >= 34, "only {pages} pages reached");
    // Assets are reached too: the stylesheet, the script and the handout.
    for asset in [
        "theme/guide.css",
        "theme/guide.js",
        "leading-teams/peer-observation/observation-look-fors.pdf",
    ] {
        assert!(
            seen.contains(&format!("{PREFIX}{asset}")),
            "{asset} not linked"
        );
    }
}
