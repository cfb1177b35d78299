//! The built site served under a sub-path (`/guides/tlpl/`) by a plain static server: every
//! page reachable from the home page answers, following links the way a browser resolves them.

mod common;

use std::collections::{BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;

use common::{Guide, links::attributes};

const PREFIX: &str = "/guides/tlpl/";

/// Serves `site` at `PREFIX` on a loopback port until the test ends: a static host.
fn serve(site: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let site = site.clone();
            thread::spawn(move || answer(stream, &site));
        }
    });
    port
}

fn answer(mut stream: TcpStream, site: &Path) {
    let mut request = String::new();
    if BufReader::new(&stream).read_line(&mut request).is_err() {
        return;
    }
    let path = request
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split(['?', '#'])
        .next()
        .unwrap()
        .to_string();
    let file = path
        .strip_prefix(PREFIX)
        .filter(|rest| !rest.split('/').any(|part| part == ".."))
        .map(|rest| {
            let file = site.join(rest);
            if file.is_dir() {
                file.join("index.html")
            } else {
                file
            }
        });
    let response = match file.and_then(|f| std::fs::read(f).ok()) {
        Some(body) => [
            format!("HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes(),
            body,
        ]
        .concat(),
        None => b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec(),
    };
    let _ = stream.write_all(&response);
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
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
    let port = serve(guide.public());
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
