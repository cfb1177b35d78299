//! The preview: the guide built in memory, served over HTTP on this machine, its files watched
//! and the browser reloaded after each rebuild. What the terminal is told, and the runtime it
//! all runs on, are the command's (`cmd::serve`).

mod changes;
mod files;
mod host;
mod http;
mod preview;
mod reload;
mod server;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::net::TcpListener;
use tokio::sync::broadcast;

pub use changes::{Changes, classify};
pub use http::key_of;
pub use preview::{Outcome, Preview, Served, Snapshot};
pub use reload::EVENTS_PATH;
pub use watch::{DEBOUNCE, Watched};

/// The port tried first when none is asked for.
pub const DEFAULT_PORT: u16 = 3131;
/// How long a stopping preview waits for a rebuild under way; with the server's own wait
/// this keeps Ctrl-C under a second.
const WATCHER_WAIT: Duration = Duration::from_millis(300);

/// Listens on `port` of `interface`, or on the first free port from [`DEFAULT_PORT`] on.
pub async fn bind(interface: IpAddr, port: Option<u16>) -> Result<TcpListener, String> {
    let ports: Vec<u16> = match port {
        Some(port) => vec![port],
        None => (DEFAULT_PORT..DEFAULT_PORT + 20).collect(),
    };
    let mut last = String::new();
    for port in ports {
        match TcpListener::bind(SocketAddr::new(interface, port)).await {
            Ok(listener) => return Ok(listener),
            Err(error) => last = format!("cannot listen on {interface}:{port}: {error}"),
        }
    }
    Err(last)
}

/// The guide folder, spelled once for the build and the watcher so their paths compare;
/// `Err` with that spelling when it holds no guide.
pub fn guide_root(root: &Path) -> Result<PathBuf, PathBuf> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if root.join(crate::config::FILE_NAME).is_file() {
        Ok(root)
    } else {
        Err(root)
    }
}

/// What the preview tells the person who runs it.
pub enum Told<'a> {
    /// A rebuild did something; `Preview::problems` holds what it found. Told before the
    /// browsers hear of it.
    Rebuilt(&'a Preview, &'a Outcome),
    /// Changes somewhere will not be seen (see [`Watched::Problem`]).
    NotWatching(&'a str),
}

/// A preview whose files are watched and rebuilt on a thread of their own, ready to serve.
pub struct Watching {
    app: http::App,
    watcher: watch::Watcher,
}

/// Starts watching the guide at `root`: each batch of changes is applied to `preview`, `tell`
/// hears what it did (on the watcher's thread), and then the browsers do. Folders that cannot
/// be watched are told too; `Err` when the system's watcher cannot start at all.
pub fn watch_and_rebuild(
    root: &Path,
    mut preview: Preview,
    tell: impl Fn(Told<'_>) + Send + Sync + 'static,
) -> Result<Watching, String> {
    let shared = Arc::new(RwLock::new(preview.snapshot()));
    let (signals, _) = broadcast::channel(16);
    let app = http::App {
        snapshot: shared.clone(),
        signals: signals.clone(),
        instance: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
            .to_string(),
        stopping: Arc::default(),
    };
    let tell = Arc::new(tell);
    let told = tell.clone();
    let (watcher, problems) = watch::start(root, move |watched| match watched {
        Watched::Problem(problem) => told(Told::NotWatching(&problem)),
        Watched::Changes(changes) => {
            let outcome = preview.apply(&changes);
            announce(&preview, &shared, &signals, outcome, &*told);
            // What shows every page's text comes second, so the edited page reloads first.
            let outcome = preview.settle();
            announce(&preview, &shared, &signals, outcome, &*told);
        }
    })?;
    for problem in &problems {
        tell(Told::NotWatching(problem));
    }
    Ok(Watching { app, watcher })
}

/// Tells the terminal and then the browsers what a rebuild did, and serves its result.
fn announce(
    preview: &Preview,
    shared: &RwLock<Arc<Snapshot>>,
    signals: &broadcast::Sender<http::Signal>,
    outcome: Outcome,
    tell: &dyn Fn(Told<'_>),
) {
    if outcome == Outcome::Nothing {
        return;
    }
    tell(Told::Rebuilt(preview, &outcome));
    let signal = match outcome {
        Outcome::Nothing => return,
        Outcome::Restyle => {
            let _ = signals.send(http::Signal::Restyle);
            return;
        }
        Outcome::Reload { changed, .. } if !changed.is_empty() => {
            http::Signal::Changed(changed.into())
        }
        Outcome::Reload { .. } | Outcome::Failed => http::Signal::Reload,
    };
    if let Ok(mut current) = shared.write() {
        *current = preview.snapshot();
    }
    let _ = signals.send(signal);
}

impl Watching {
    /// Serves the preview on `listener` until Ctrl-C or SIGTERM, then stops watching.
    /// Requests must name a host that leads to `interface` (see [`host::Hosts`]).
    pub async fn serve(self, listener: TcpListener, interface: IpAddr) {
        let stopping = self.app.stopping.clone();
        let signals = self.app.signals.clone();
        let hosts = host::Hosts::new(interface);
        server::serve(listener, http::router(self.app, hosts), async {
            server::stop_signal().await;
            // Ends the live-reload streams, which would otherwise hold their connections open.
            stopping.store(true, std::sync::atomic::Ordering::SeqCst);
            let _ = signals.send(http::Signal::Stop);
        })
        .await;
        self.watcher.stop(WATCHER_WAIT);
    }
}
