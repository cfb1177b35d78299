//! HTTP over raw TCP for the tests: a request goes out exactly as written (any path, `Host`
//! or header), and the whole response is read until the server closes.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A response read whole: status, lower-cased head, body bytes.
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A connection to `host:port`, with a read timeout so a hung server fails the test.
pub fn connect(host: &str, port: u16) -> TcpStream {
    let stream = TcpStream::connect((host, port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

/// Sends `request` as written on `stream` and reads the response until the server closes.
pub fn exchange(mut stream: TcpStream, request: &str) -> Reply {
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let at = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(response.len());
    let head = String::from_utf8_lossy(&response[..at]).to_lowercase();
    let body = response.get(at + 4..).unwrap_or_default().to_vec();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply { status, head, body }
}

/// A plain `GET path` of HTTP/1.0 to a loopback port.
pub fn get(port: u16, path: &str) -> Reply {
    exchange(
        connect("127.0.0.1", port),
        &format!("GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n"),
    )
}
