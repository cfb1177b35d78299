//! The preview's HTTP side: serves the files of the build (and nothing else), injects the
//! live-reload script and the error overlay into pages, and streams reload events.

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
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
use super::reload::EVENTS_PATH;
use crate::url;

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
}
