//! The preview's HTTP side: serves the files of the build (and nothing else), injects the
//! live-reload script and the error overlay into pages, and streams reload events.

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::files::respond;
use super::host::{self, Hosts};
use super::preview::Snapshot;
use crate::html::escape;
use crate::url;

/// The address of the event stream, at the server's root.
pub const EVENTS_PATH: &str = "__guidewright/events";

/// What the browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// Every page may have changed.
    Reload,
    /// Only these site paths changed.
    Changed(Arc<[String]>),
    Restyle,
    /// The preview is stopping: event streams end.
    Stop,
}

/// What the handlers share.
#[derive(Clone)]
pub struct App {
    pub snapshot: Arc<RwLock<Arc<Snapshot>>>,
    pub signals: broadcast::Sender<Signal>,
    /// Tells this server run apart from the next, so a page reloads after a restart.
    pub instance: String,
    /// Set when the preview stops, before [`Signal::Stop`] is sent.
    pub stopping: Arc<AtomicBool>,
}

impl App {
    fn current(&self) -> Arc<Snapshot> {
        self.snapshot.read().map(|s| s.clone()).unwrap_or_default()
    }
}

/// The preview's routes: the event stream and the files, for requests to `hosts` only.
pub fn router(app: App, hosts: Hosts) -> Router {
    Router::new()
        .route(&format!("/{EVENTS_PATH}"), get(events))
        .fallback(get(file))
        .layer(axum::middleware::from_fn_with_state(hosts, host::check))
        .with_state(app)
}

async fn events(State(app): State<App>) -> Response {
    // Subscribed before the flag is read: a stop sent after this is received, one sent
    // before it has set the flag.
    let receiver = app.signals.subscribe();
    if app.stopping.load(Ordering::SeqCst) {
        return (StatusCode::SERVICE_UNAVAILABLE, "stopping").into_response();
    }
    let hello = format!("{}:{}", app.instance, app.current().version);
    let first = tokio_stream::once(Ok::<Event, Infallible>(
        Event::default().event("hello").data(hello),
    ));
    let signals = BroadcastStream::new(receiver).map_while(|signal| match signal {
        Ok(Signal::Reload) => Some(Ok(Event::default().event("reload").data("reload"))),
        Ok(Signal::Restyle) => Some(Ok(Event::default().event("restyle").data("restyle"))),
        Ok(Signal::Changed(paths)) => {
            Some(Ok(Event::default().event("changed").data(paths.join("\n"))))
        }
        Ok(Signal::Stop) => None,
        Err(_) => Some(Ok(Event::default().event("reload").data("lagged"))),
    });
    let mut response = Sse::new(first.chain(signals))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The file a request path names, as a key of the build: `None` for a path that tries to
/// leave the site in any spelling.
pub fn key_of(path: &str) -> Option<String> {
    // Checked in every decoded form, so `%2e%2e`, `%252e%252e` and `..%5c` are refused too.
    let mut form = path.to_string();
    for _ in 0..4 {
        if form.contains('\\')
            || form.contains('\0')
            || form.split('/').any(|part| part == ".." || part == ".")
        {
            return None;
        }
        let decoded = url::percent_decode(&form);
        if decoded == form {
            break;
        }
        form = decoded;
    }
    let key = url::percent_decode(path)
        .trim_start_matches('/')
        .to_string();
    if key.is_empty() || key.ends_with('/') {
        Some(format!("{key}index.html"))
    } else {
        Some(key)
    }
}

async fn file(State(app): State<App>, uri: Uri, headers: HeaderMap) -> Response {
    let snapshot = app.current();
    let Some(key) = key_of(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    // A range is only for the representation it was measured on; there are no validators
    // here to check that, so a conditional range gets the whole file.
    let range = range.filter(|_| !headers.contains_key(header::IF_RANGE));
    match snapshot.files.get(&key) {
        Some(served) => respond(&snapshot, &key, served, StatusCode::OK, range).await,
        None if snapshot.files.contains_key(&format!("{key}/index.html")) => {
            // A folder asked for without its slash: relative links need the slash. One
            // leading slash only, so `//host/x` never turns into an off-site `//host/x/`.
            let location = format!("/{}/", uri.path().trim_start_matches(['/', '\\']));
            Response::builder()
                .status(StatusCode::MOVED_PERMANENTLY)
                .header(header::LOCATION, location)
                .body(Body::empty())
                .unwrap_or_default()
        }
        None => match snapshot.files.get(crate::generated::NOT_FOUND_URL) {
            Some(served) => respond(&snapshot, &key, served, StatusCode::NOT_FOUND, None).await,
            None => (StatusCode::NOT_FOUND, "not found").into_response(),
        },
    }
}

/// The reload script, and the error overlay when the latest rebuild failed, before `</body>`.
pub fn inject(page: &[u8], key: &str, snapshot: &Snapshot) -> Bytes {
    let html = String::from_utf8_lossy(page);
    let events = format!("{}{EVENTS_PATH}", url::root_of(key));
    let mut extra = String::new();
    if !snapshot.errors.is_empty() {
        extra.push_str(&overlay(snapshot));
    }
    // The page's own path, so it reloads only when it is among the changed files.
    let page = key.replace(['"', '\\', '<', '\n'], "");
    let script = RELOAD_SCRIPT
        .replace("__EVENTS__", &events)
        .replace("__PAGE__", &page);
    extra.push_str(&format!("<script>{script}</script>\n"));
    let at = html.rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + extra.len());
    out.push_str(&html[..at]);
    out.push_str(&extra);
    out.push_str(&html[at..]);
    Bytes::from(out)
}

fn overlay(snapshot: &Snapshot) -> String {
    let mut items = String::new();
    for error in &snapshot.errors {
        let location = error.location();
        items.push_str("<li style=\"margin:0 0 .75em\">");
        if !location.is_empty() {
            items.push_str(&format!(
                "<code style=\"font-weight:bold\">{}</code><br>",
                escape(&location)
            ));
        }
        items.push_str(&escape(&error.message));
        if let Some(hint) = &error.hint {
            items.push_str(&format!("<br><small>hint: {}</small>", escape(hint)));
        }
        items.push_str("</li>");
    }
    let count = snapshot.errors.len();
    format!(
        "<div id=\"gw-live-errors\" role=\"alert\" style=\"position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff;color:#1b1f24;border:3px solid #b3261e;border-radius:6px;padding:1rem 1.25rem;font:15px/1.5 system-ui,sans-serif;box-shadow:0 4px 24px rgba(0,0,0,.3)\">\
<p style=\"margin:0 0 .5em;font-weight:bold;color:#b3261e\">The guide did not build: {count} error{} — showing the last good version</p>\
<ul style=\"margin:0;padding-left:1.25em\">{items}</ul></div>\n",
        if count == 1 { "" } else { "s" }
    )
}

/// Listens for the preview's events; reconnects by itself and reloads after a missed rebuild.
const RELOAD_SCRIPT: &str = r#"(function () {
  var url = "__EVENTS__", page = "__PAGE__", seen = null, wait = 500;
  function restyle() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var href = link.getAttribute("href").replace(/[?&]gw-live=\d+/, "");
      link.setAttribute("href", href + (href.indexOf("?") < 0 ? "?" : "&") + "gw-live=" + Date.now());
    });
  }
  function connect() {
    var source = new EventSource(url);
    source.addEventListener("hello", function (e) {
      wait = 500;
      if (seen !== null && seen !== e.data) { location.reload(); }
      seen = e.data;
    });
    source.addEventListener("reload", function () { location.reload(); });
    source.addEventListener("changed", function (e) {
      if (e.data.split("\n").indexOf(page) >= 0) { location.reload(); }
    });
    source.addEventListener("restyle", restyle);
    source.onerror = function () {
      source.close();
      setTimeout(connect, wait);
      wait = Math.min(wait * 2, 5000);
    };
  }
  connect();
})();"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_never_leave_the_site() {
        assert_eq!(key_of("/").as_deref(), Some("index.html"));
        assert_eq!(key_of("/a/b/").as_deref(), Some("a/b/index.html"));
        assert_eq!(key_of("/a/b.pdf").as_deref(), Some("a/b.pdf"));
        assert_eq!(key_of("/a%20b/").as_deref(), Some("a b/index.html"));
        for bad in [
            "/../x",
            "/a/../../x",
            "/%2e%2e/x",
            "/%252e%252e/x",
            "/a%5c..%5cx",
            "/..%2fx",
            "/a\\b",
            "/%2E%2E%2Fetc",
        ] {
            assert_eq!(key_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn pages_get_the_script_and_the_overlay() {
        let mut snapshot = Snapshot::default();
        let page = inject(
            b"<html><body><p>x</p></body></html>",
            "a/b/index.html",
            &snapshot,
        );
        let page = String::from_utf8(page.to_vec()).unwrap();
        assert!(
            page.contains(r#"var url = "../../__guidewright/events", page = "a/b/index.html""#)
        );
        assert!(page.find("<script>").unwrap() < page.find("</body>").unwrap());
        assert!(!page.contains("gw-live-errors"));
        snapshot
            .errors
            .push(crate::diagnostic::Diagnostic::error("x", "bad <thing>").in_file("content/a.md"));
        let page =
            String::from_utf8(inject(b"<body></body>", "index.html", &snapshot).to_vec()).unwrap();
        assert!(page.contains("gw-live-errors"));
        assert!(page.contains("bad &lt;thing&gt;"));
        assert!(page.contains("content/a.md"));
    }
}
