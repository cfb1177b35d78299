//! Edit-to-reload time of `guidewright serve`: the time from writing a page's source to the
//! browser's event saying that page changed, for a page-body edit, at 1,000 and 10,000 pages.
//!
//! Run: `cargo bench --bench serve_reload` (sizes: `-- 1000 10000`). It builds the release
//! binary, writes a synthetic guide of N pages into a temporary folder, starts
//! `guidewright serve` on it, and times 20 edits of one page's body.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Writes a guide of `pages` pages: 7 sections, subsections of at most 50 pages.
fn write_guide(root: &Path, pages: usize) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("guide.yaml"), "title: Reload benchmark\n").unwrap();
    std::fs::write(
        root.join("content/_index.md"),
        "---\ntitle: Home\n---\nThe home page.\n",
    )
    .unwrap();
    let body: String = (0..12)
        .map(|n| format!("## Part {n}\n\nTeacher-leaders plan *job-embedded* learning with colleagues, observe lessons and coach.\n\n- one\n- two\n\n"))
        .collect();
    for n in 0..pages {
        let section = n % 7;
        let sub = n / 7 / 50;
        let dir = root.join(format!("content/s{section}/sub{sub}"));
        if !dir.join("_index.md").exists() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(
                root.join(format!("content/s{section}/_index.md")),
                format!("---\ntitle: Section {section}\nweight: {section}\n---\n"),
            )
            .unwrap();
            std::fs::write(
                dir.join("_index.md"),
                format!("---\ntitle: Part {sub}\nweight: {sub}\n---\n"),
            )
            .unwrap();
        }
        let link = if n > 0 {
            format!(
                "See [the page before](../../s{}/sub{}/p{}.md#part-1).\n",
                (n - 1) % 7,
                (n - 1) / 7 / 50,
                n - 1
            )
        } else {
            String::new()
        };
        std::fs::write(
            dir.join(format!("p{n}.md")),
            format!("---\ntitle: Page {n}\nweight: {n}\n---\n{link}\n{body}"),
        )
        .unwrap();
    }
}

/// Starts `guidewright serve` on a free port; returns the server and its port.
fn start_server(binary: &Path, root: &Path) -> (Child, u16) {
    let mut server = Command::new(binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let port: u16 = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some(at) = line.find("127.0.0.1:") {
            break line[at + 10..].split('/').next().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    (server, port)
}

/// Subscribes to the preview's reload events: (event, data, time received) for each.
fn reload_events(port: u16) -> mpsc::Receiver<(String, String, Instant)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__guidewright/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                let _ = tx.send((event.clone(), data.to_string(), Instant::now()));
            }
        }
    });
    rx
}

fn measure(binary: &Path, pages: usize) -> Vec<Duration> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("guide");
    write_guide(&root, pages);
    let (mut server, port) = start_server(binary, &root);
    let rx = reload_events(port);
    let (first, _, _) = rx.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!(first, "hello");
    let page = root.join("content/s3/sub0/p3.md");
    let original = std::fs::read_to_string(&page).unwrap();
    let mut times = Vec::new();
    for round in 0..20 {
        std::thread::sleep(Duration::from_millis(100));
        while rx.try_recv().is_ok() {}
        let start = Instant::now();
        std::fs::write(&page, format!("{original}\nEdit number {round}.\n")).unwrap();
        loop {
            let (event, data, at) = rx
                .recv_timeout(Duration::from_secs(30))
                .expect("a reload event");
            if (event == "changed" && data.contains("s3/sub0/p3/index.html")) || event == "reload" {
                times.push(at - start);
                break;
            }
        }
        // Let the second step (print edition, search index) finish before the next edit, so
        // each edit is timed on its own.
        while let Ok((event, data, _)) = rx.recv_timeout(Duration::from_secs(60)) {
            if event != "changed" || data.contains("print/index.html") {
                break;
            }
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    times
}

fn main() {
    // `cargo test --all-targets` runs benchmarks too, without `--bench`: nothing to time then.
    if !std::env::args().any(|a| a == "--bench") {
        println!("serve_reload: run with `cargo bench --bench serve_reload`");
        return;
    }
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1000, 10_000]
    } else {
        sizes
    };
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet"])
        .status()
        .unwrap();
    assert!(status.success());
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/guidewright");
    println!("| pages | median ms | p90 ms | max ms |");
    println!("|---|---|---|---|");
    for pages in sizes {
        let mut times = measure(&binary, pages);
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "| {pages} | {:.1} | {:.1} | {:.1} |",
            ms(times[times.len() / 2]),
            ms(times[times.len() * 9 / 10]),
            ms(times[times.len() - 1])
        );
    }
}
