//! A plain static host on loopback for the tests: serves a built site under a prefix, as any
//! web server would, with no knowledge of guidewright.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;

/// Serves `site` at `prefix` (`"/"` or e.g. `"/guides/tlpl/"`) on a loopback port until the
/// test ends; returns the port.
pub fn serve(site: PathBuf, prefix: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let site = site.clone();
            thread::spawn(move || answer(stream, &site, prefix));
        }
    });
    port
}

fn answer(mut stream: TcpStream, site: &Path, prefix: &str) {
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
        .strip_prefix(prefix)
        .map(guidewright::url::percent_decode)
        .filter(|rest| !rest.split('/').any(|part| part == ".."))
        .map(|rest| {
            let file = site.join(&rest);
            if rest.is_empty() || file.is_dir() {
                file.join("index.html")
            } else {
                file
            }
        });
    let body = file.as_ref().and_then(|f| std::fs::read(f).ok());
    let response = match (file, body) {
        (Some(file), Some(body)) => {
            let kind = match file.extension().and_then(|x| x.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("xml") => "application/xml",
                Some("svg") => "image/svg+xml",
                _ => "application/octet-stream",
            };
            [
                format!(
                    "HTTP/1.0 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                )
                .into_bytes(),
                body,
            ]
            .concat()
        }
        _ => b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec(),
    };
    let _ = stream.write_all(&response);
}
