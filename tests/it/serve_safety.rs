//! The preview server as an attacker or a careless user would try it (issue 11, items 12–15):
//! requests for other hosts (DNS rebinding), Ctrl-C with open event streams, guide folders
//! replaced or created while watched, large files and ranges, slow clients and redirects.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use crate::common::Guide;
use crate::common::serve::{Server, start, until, wait_for};

fn with_host(server: &Server, path: &str, host: &str) -> crate::common::serve::Reply {
    server.raw(&format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    ))
}

#[test]
fn requests_for_other_hosts_are_refused() {
    let guide = Guide::fixture("navigation");
    let server = start(&guide, &[]);
    let port = server.port;
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        "LocalHost.".to_string(),
        format!("preview.localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "127.1.2.3".to_string(),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(with_host(&server, "/", &host).status, 200, "{host}");
    }
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        "localhost.evil.example".to_string(),
        "127.0.0.1.nip.io".to_string(),
        "10.0.0.8".to_string(),
        "[::2]".to_string(),
        "local host".to_string(),
    ] {
        for path in ["/", "/theme/guide.css", "/__guidewright/events"] {
            let reply = with_host(&server, path, &host);
            assert_eq!(reply.status, 421, "{host} {path}");
            assert!(reply.head.contains("content-type: text/plain"), "{host}");
            assert!(reply.text().contains("localhost"), "{}", reply.text());
            assert!(!reply.text().contains("Navigation fixture"));
        }
    }
    // HTTP/1.0 without a Host is refused too: nothing says which site it meant.
    assert_eq!(server.raw("GET / HTTP/1.0\r\n\r\n").status, 421);
}

#[test]
fn the_address_it_listens_on_is_an_allowed_host() {
    let guide = Guide::fixture("navigation");
    let server = start(&guide, &["--interface", "127.0.0.2"]);
    let port = server.port;
    assert_eq!(
        with_host(&server, "/", &format!("127.0.0.2:{port}")).status,
        200
    );
    assert_eq!(with_host(&server, "/", "evil.example").status, 421);
    // On every interface, any address of the machine may be typed: an IP address cannot be
    // rebound, only a name can.
    let mut server = start(&guide, &["--interface", "0.0.0.0"]);
    let port = server.port;
    assert_eq!(server.host, "0.0.0.0");
    server.host = "127.0.0.1".to_string();
    for host in [format!("127.0.0.1:{port}"), "192.168.7.7:80".to_string()] {
        assert_eq!(with_host(&server, "/", &host).status, 200, "{host}");
    }
    assert_eq!(with_host(&server, "/", "evil.example").status, 421);
}

fn stops_on(signal: &str) {
    let guide = Guide::fixture("navigation");
    let mut server = start(&guide, &[]);
    // Two tabs' live-reload streams, held open.
    let tabs = [server.events(), server.events()];
    server.signal(signal);
    let status = server
        .exited_within(Duration::from_secs(1))
        .unwrap_or_else(|| panic!("serve still runs a second after SIG{signal}"));
    assert_eq!(status.code(), Some(0), "{status:?}");
    for tab in tabs {
        // The stream ended: the receiver is closed once the reader saw the end.
        let deadline = Instant::now() + Duration::from_secs(5);
        while tab.recv_timeout(Duration::from_millis(100)).is_ok() {
            assert!(Instant::now() < deadline, "the event stream did not end");
        }
    }
}

#[test]
fn ctrl_c_stops_serve_within_a_second_with_open_event_streams() {
    stops_on("INT");
}

#[test]
fn sigterm_stops_serve_within_a_second_with_open_event_streams() {
    stops_on("TERM");
}

fn page(title: &str, text: &str) -> String {
    format!("---\ntitle: {title}\n---\n{text}\n")
}

#[test]
fn a_replaced_content_folder_is_still_watched() {
    let guide = Guide::fixture("navigation");
    let server = start(&guide, &[]);
    let events = server.events();
    let content = guide.root.join("content");
    let away = guide.root.join("content-away");
    // Moved away and back, as some tools do.
    std::fs::rename(&content, &away).unwrap();
    wait_for(&events, "reload");
    std::fs::rename(&away, &content).unwrap();
    wait_for(&events, "reload");
    guide.write("content/after-move.md", page("After the move", "Moved."));
    assert!(until(&server, "/after-move/", "Moved.").contains("Moved."));
    // Replaced by a copy (a new folder), as a branch switch does.
    crate::common::copy_tree(&content, &away);
    std::fs::remove_dir_all(&content).unwrap();
    std::fs::rename(&away, &content).unwrap();
    wait_for(&events, "reload");
    guide.write(
        "content/after-switch.md",
        page("After the switch", "Switched."),
    );
    assert!(until(&server, "/after-switch/", "Switched.").contains("Switched."));
    let zeta = page("Zeta", "## Zeta heading\nEdited after the switch.");
    guide.write("content/a-section/zeta.md", zeta);
    until(&server, "/a-section/zeta/", "Edited after the switch.");
    assert_equals_a_fresh_build(&guide, &server);
}

#[test]
fn folders_made_after_start_are_watched() {
    let guide = Guide::fixture("navigation");
    // No static/ at the start: the logo a page shows moves into content/.
    std::fs::rename(
        guide.root.join("static/img"),
        guide.root.join("content/img"),
    )
    .unwrap();
    std::fs::remove_dir(guide.root.join("static")).unwrap();
    let server = start(&guide, &[]);
    let events = server.events();
    guide.write("static/first.txt", "first");
    wait_for(&events, "reload");
    until(&server, "/first.txt", "first");
    guide.write("static/second.txt", "second");
    assert_eq!(until(&server, "/second.txt", "second"), "second");
    let base = "{% extends \"base.html\" %}";
    std::fs::create_dir(guide.root.join("templates")).unwrap();
    wait_for(&events, "reload");
    guide.write(
        "templates/page.html",
        format!("{base}{{% block content %}}<p>override one</p>{{% endblock %}}"),
    );
    until(&server, "/a-section/zeta/", "override one");
    guide.write(
        "templates/page.html",
        format!("{base}{{% block content %}}<p>override two</p>{{% endblock %}}"),
    );
    assert!(until(&server, "/a-section/zeta/", "override two").contains("override two"));
    assert_equals_a_fresh_build(&guide, &server);
}

/// Every file of a fresh build is served with the same bytes (pages less the reload script).
fn assert_equals_a_fresh_build(guide: &Guide, server: &Server) {
    // Let the last rebuild settle (the print edition follows the edited page).
    std::thread::sleep(Duration::from_millis(500));
    guide.build_ok();
    let public = guide.public();
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || name.starts_with(".guidewright") {
            continue;
        }
        let key = entry.path().strip_prefix(&public).unwrap();
        let key = key.to_string_lossy().replace('\\', "/");
        let built = std::fs::read(entry.path()).unwrap();
        let served = server.request(&format!("/{key}"), "");
        assert_eq!(served.status, 200, "{key}");
        let served = if key.ends_with(".html") {
            without_script(&served.text()).into_bytes()
        } else {
            served.body
        };
        assert!(served == built, "{key} differs from a fresh build");
    }
}

fn without_script(page: &str) -> String {
    let Some(at) = page.rfind("<script>(function () {\n  var url") else {
        return page.to_string();
    };
    let end = at + page[at..].find("</script>\n").unwrap() + "</script>\n".len();
    format!("{}{}", &page[..at], &page[end..])
}

#[test]
fn files_honour_ranges() {
    let guide = Guide::fixture("navigation");
    let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    guide.write("content/a-section/bundle/data.bin", &data);
    let server = start(&guide, &[]);
    let path = "/a-section/bundle/data.bin";
    let full = server.request(path, "");
    assert_eq!(full.status, 200);
    assert!(full.head.contains("accept-ranges: bytes"), "{}", full.head);
    assert!(full.body == data);
    let len = data.len();
    for (range, start, end) in [
        ("bytes=0-9", 0, 9),
        ("bytes=299990-", 299_990, len - 1),
        ("bytes=-5", len - 5, len - 1),
        ("bytes=100-99999999", 100, len - 1),
        ("bytes = 7-7", 7, 7),
    ] {
        let reply = server.request(path, &format!("Range: {range}\r\n"));
        assert_eq!(reply.status, 206, "{range}");
        let expected = format!("content-range: bytes {start}-{end}/{len}");
        assert!(reply.head.contains(&expected), "{range}: {}", reply.head);
        assert!(reply.body == data[start..=end], "{range}");
    }
    for range in [format!("bytes={len}-"), "bytes=-0".to_string()] {
        let reply = server.request(path, &format!("Range: {range}\r\n"));
        assert_eq!(reply.status, 416, "{range}");
        assert!(
            reply
                .head
                .contains(&format!("content-range: bytes */{len}"))
        );
    }
    // A range it cannot parse, or several ranges, get the whole file.
    for range in ["bytes=9-2", "items=0-1", "bytes=0-1,5-6"] {
        let reply = server.request(path, &format!("Range: {range}\r\n"));
        assert_eq!(reply.status, 200, "{range}");
        assert!(reply.body == data);
    }
    // Pages get the reload script, whole.
    let reply = server.request("/a-section/zeta/", "Range: bytes=0-9\r\n");
    assert_eq!(reply.status, 200);
    assert!(reply.text().contains("__guidewright/events"));
    let reply = server.request("/a-section/bundle/handout.txt", "Range: bytes=0-3\r\n");
    assert_eq!(reply.status, 206);
}

/// The peak memory of a process, in kB (Linux).
fn peak_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_large_file_is_streamed_not_read_whole() {
    let guide = Guide::fixture("navigation");
    let big = std::fs::File::create(guide.root.join("content/big.bin")).unwrap();
    big.set_len(512 << 20).unwrap(); // sparse: no disk used
    drop(big);
    let server = start(&guide, &[]);
    let before = peak_kb(server.child.id());
    let mut stream = server.connect();
    write!(
        stream,
        "GET /big.bin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buffer = vec![0; 1 << 20];
    let mut total = 0usize;
    loop {
        let n = stream.read(&mut buffer).unwrap();
        if n == 0 {
            break;
        }
        total += n;
    }
    assert!(total > 512 << 20, "{total}");
    let after = peak_kb(server.child.id());
    assert!(
        after < before + 100_000,
        "serving a 512 MB file raised the peak from {before} kB to {after} kB"
    );
    let reply = server.request("/big.bin", "Range: bytes=536870910-\r\n");
    assert_eq!(reply.status, 206);
    assert_eq!(reply.body, [0, 0]);
}

#[test]
fn a_slow_client_is_cut_off() {
    let guide = Guide::fixture("navigation");
    let server = start(&guide, &[]);
    let mut stream = server.connect();
    let start = Instant::now();
    // Headers begun and never finished, as a slowloris client does.
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        .unwrap();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "the connection stayed open {:?}",
        start.elapsed()
    );
    // An idle connection that never sends a byte is closed too.
    let mut idle = server.connect();
    let start = Instant::now();
    let _ = idle.read_to_end(&mut rest);
    assert!(start.elapsed() < Duration::from_secs(15));
}

#[test]
fn no_redirect_leaves_the_site() {
    let guide = Guide::fixture("navigation");
    let server = start(&guide, &[]);
    for path in [
        "//a-section",
        "///a-section",
        "//a-section/bundle",
        "/%2Fa-section",
        "/%2F/a-section",
        "/\\a-section",
        "/%5Ca-section",
        "//evil.example/",
        "//evil.example",
        "/\\evil.example",
    ] {
        let reply = server.request(path, "");
        assert!(
            [301, 400, 404].contains(&reply.status),
            "{path}: {}",
            reply.status
        );
        if let Some(line) = reply.head.lines().find(|l| l.starts_with("location:")) {
            let location = line["location:".len()..].trim();
            assert!(location.starts_with('/'), "{path}: {location}");
            assert!(
                !location.starts_with("//") && !location.starts_with("/\\"),
                "{path} redirects off the site: {location}"
            );
            assert!(!location.contains(':'), "{path}: {location}");
        }
    }
    let reply = server.request("//a-section", "");
    assert_eq!(reply.status, 301);
    let location = reply.head.lines().find(|l| l.starts_with("location:"));
    assert_eq!(location, Some("location: /a-section/"), "{}", reply.head);
}
