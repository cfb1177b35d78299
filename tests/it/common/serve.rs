//! A running `guidewright serve` for the tests: the real binary on an ephemeral port, talked
//! to over raw TCP so requests are sent exactly as written (any path, `Host` or header).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub use super::http::Reply;
use super::{Guide, http};

/// A running `guidewright serve`, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub host: String,
    pub port: u16,
    /// Lines of its standard output and error, after those it printed while starting.
    pub output: mpsc::Receiver<String>,
    /// The lines it printed while starting, up to the one with its address.
    pub started: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `guidewright serve --port 0` in the guide folder and waits for its address.
pub fn start(guide: &Guide, extra: &[&str]) -> Server {
    let mut child = guide
        .command(&["serve", "--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    // Owned by the server value at once, so it is stopped on every path.
    let mut server = Server {
        child,
        host: String::new(),
        port: 0,
        output: rx,
        started: Vec::new(),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let line = server
            .output
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the server starts");
        server.started.push(line.clone());
        if let Some(at) = line.find("http://") {
            let address = line[at + 7..].split('/').next().unwrap();
            let (host, port) = address.rsplit_once(':').unwrap();
            server.host = host.trim_matches(['[', ']']).to_string();
            server.port = port.parse().unwrap();
            return server;
        }
    }
}

impl Server {
    /// A connection to the server, with a read timeout so a hung server fails the test.
    pub fn connect(&self) -> TcpStream {
        http::connect(&self.host, self.port)
    }

    /// Sends `request` as written and reads the response until the server closes.
    pub fn raw(&self, request: &str) -> Reply {
        http::exchange(self.connect(), request)
    }

    /// A GET of `path` with `Host: localhost` and the extra header lines given.
    pub fn request(&self, path: &str, headers: &str) -> Reply {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{headers}\r\n"
        ))
    }

    /// A raw GET, so paths are sent exactly as written: (status, headers, body).
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let reply = self.request(path, "");
        let body = reply.text();
        (reply.status, reply.head, body)
    }

    /// Opens the event stream; returns a receiver of event names, closed when the stream ends.
    pub fn events(&self) -> mpsc::Receiver<String> {
        let mut stream = self.connect();
        stream.set_read_timeout(None).unwrap();
        write!(stream, "GET /__guidewright/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ")
                    && tx.send(name.to_string()).is_err()
                {
                    break;
                }
            }
        });
        assert_eq!(rx.recv_timeout(Duration::from_secs(20)).unwrap(), "hello");
        rx
    }

    /// Sends a signal (`INT`, `TERM`) to the server process.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits up to `limit` for the process to end.
    pub fn exited_within(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

/// Fetches `path` until its body contains `text` (a rebuild may take two events to settle).
pub fn until(server: &Server, path: &str, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, _, body) = server.get(path);
        if body.contains(text) || Instant::now() > deadline {
            return body;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits for the event `name` on a stream from [`Server::events`].
pub fn wait_for(events: &mpsc::Receiver<String>, name: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let event = events
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| panic!("no `{name}` event"));
        if event == name {
            return;
        }
    }
}
