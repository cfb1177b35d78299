//! Headless Chromium driven over WebDriver (Debian's `chromium` and `chromium-driver`).
//! Outside CI a missing browser skips the test, saying so (see `skip.rs`); in CI
//! (`CI=true`) it fails.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

/// A chromedriver process, stopped when dropped.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn found(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Starts chromedriver, or returns `None` (after saying why) when the browser is missing
/// outside CI.
pub fn driver() -> Option<Driver> {
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .any(found);
    if !browser || !found("chromedriver") {
        super::skip::skipped("no browser: install Debian's `chromium` and `chromium-driver`");
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver { child, port })
}

impl Driver {
    /// A new headless browser session, `width` pixels wide, in the given colour scheme.
    pub async fn session(&self, width: u32, dark: bool) -> Client {
        self.session_with(width, dark, &[]).await
    }

    /// A new headless browser session with more command-line switches for Chromium, e.g.
    /// `--blink-settings=scriptEnabled=false` for a browser without JavaScript.
    pub async fn session_with(&self, width: u32, dark: bool, extra: &[&str]) -> Client {
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-extensions".into(),
            format!("--window-size={width},900"),
        ];
        if dark {
            args.push("--force-dark-mode".into());
            args.push("--blink-settings=preferredColorScheme=0".into());
        }
        args.extend(extra.iter().map(|a| a.to_string()));
        let mut options = serde_json::json!({ "args": args });
        // Chromium's windows are at least 500 pixels wide: narrower views (a phone's 375)
        // are emulated, with the same layout width and no touch or mobile quirks.
        if width < 500 {
            options["mobileEmulation"] = serde_json::json!({
                "deviceMetrics": { "width": width, "height": 900, "pixelRatio": 1.0, "touch": false, "mobile": false }
            });
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        // chromedriver speaks plain HTTP on loopback: no TLS stack needed.
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a browser session")
    }
}

/// Waits until the script returns something truthy (not null, false, "" or []); returns it.
pub async fn until(client: &Client, script: &str, what: &str) -> serde_json::Value {
    use serde_json::Value;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let value = client.execute(script, vec![]).await.unwrap();
        let done = match &value {
            Value::Null | Value::Bool(false) => false,
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => true,
        };
        if done {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
