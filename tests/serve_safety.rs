//! The preview server as an attacker or a careless user would try it (issue 11, items 12–15):
//! requests for other hosts (DNS rebinding), Ctrl-C with open event streams, guide folders
//! replaced or created while watched, large files and ranges, slow clients and redirects.

mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::Guide;
use common::serve::start;

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
