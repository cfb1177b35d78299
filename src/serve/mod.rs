//! `serve`: builds the guide in memory, serves it over HTTP on this machine, watches its files
//! and reloads the browser after each rebuild.

mod changes;
mod files;
mod host;
mod http;
mod preview;
mod server;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::broadcast;

pub use changes::{Changes, classify};
pub use http::{EVENTS_PATH, key_of};
pub use preview::{Outcome, Preview, Served, Snapshot};

use crate::build::BuildOptions;
use crate::diagnostic;

/// The port tried first when none is asked for.
pub const DEFAULT_PORT: u16 = 3131;
/// How long file events are gathered before a rebuild: long enough to see an editor's save
/// as one change, short enough not to be felt.
pub const DEBOUNCE: Duration = Duration::from_millis(25);
/// How long a stopping preview waits for a rebuild under way; with the server's own wait
/// this keeps Ctrl-C under a second.
const WATCHER_WAIT: Duration = Duration::from_millis(300);

/// How to serve a guide.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// `None`: the default port, or the next free one after it.
    pub port: Option<u16>,
    pub interface: IpAddr,
    pub open: bool,
    pub drafts: bool,
}

/// Runs the preview until Ctrl-C or SIGTERM; returns the process exit code (0 once stopped).
pub fn run(options: ServeOptions) -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the server: {error}");
            return 1;
        }
    };
    let code = runtime.block_on(serve(options));
    // Tasks still running (a connection past its wait) are dropped, not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    code
}

async fn bind(options: &ServeOptions) -> Result<tokio::net::TcpListener, String> {
    let ports: Vec<u16> = match options.port {
        Some(port) => vec![port],
        None => (DEFAULT_PORT..DEFAULT_PORT + 20).collect(),
    };
    let mut last = String::new();
    for port in ports {
        match tokio::net::TcpListener::bind(SocketAddr::new(options.interface, port)).await {
            Ok(listener) => return Ok(listener),
            Err(error) => last = format!("cannot listen on {}:{port}: {error}", options.interface),
        }
    }
    Err(last)
}

/// Tells the terminal and the browsers what a rebuild did, and serves its result.
fn publish(
    preview: &Preview,
    shared: &RwLock<Arc<Snapshot>>,
    signals: &broadcast::Sender<http::Signal>,
    outcome: Outcome,
) {
    let signal = match outcome {
        Outcome::Nothing => return,
        Outcome::Restyle => {
            println!("restyled");
            let _ = signals.send(http::Signal::Restyle);
            return;
        }
        Outcome::Reload {
            pages,
            elapsed,
            changed,
        } => {
            print_problems(preview);
            println!(
                "rebuilt {pages} page{} in {} ms",
                if pages == 1 { "" } else { "s" },
                elapsed.as_millis()
            );
            if changed.is_empty() {
                http::Signal::Reload
            } else {
                http::Signal::Changed(changed.into())
            }
        }
        Outcome::Failed { .. } => {
            print_problems(preview);
            http::Signal::Reload
        }
    };
    if let Ok(mut current) = shared.write() {
        *current = preview.snapshot();
    }
    let _ = signals.send(signal);
}

fn print_problems(preview: &Preview) {
    crate::diagnostic::report(&preview.problems, &preview.texts);
    if preview
        .problems
        .iter()
        .any(diagnostic::Diagnostic::is_error)
    {
        eprintln!(
            "build failed: {}; still serving the last good version",
            diagnostic::count_line(&preview.problems)
        );
    }
}

/// The guide folder, spelled once for the build and the watcher so their paths compare;
/// `None` (after saying why) when it holds no guide.
fn guide_root(options: &ServeOptions) -> Option<PathBuf> {
    let root = options
        .root
        .canonicalize()
        .unwrap_or_else(|_| options.root.clone());
    if root.join(crate::config::FILE_NAME).is_file() {
        return Some(root);
    }
    eprintln!(
        "error: no {} in {}",
        crate::config::FILE_NAME,
        crate::terminal::visible(&root.display().to_string())
    );
    eprintln!("hint: run guidewright serve in a guide folder, or pass --root DIR");
    None
}

/// What the handlers serve, and the watcher that keeps it up to date by rebuilding on a
/// thread of its own.
fn watch_and_rebuild(
    root: &std::path::Path,
    mut preview: Preview,
) -> Result<(http::App, watch::Watcher), String> {
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
    let watcher = watch::start(root, move |changes| {
        let outcome = preview.apply(&changes);
        publish(&preview, &shared, &signals, outcome);
        // What shows every page's text comes second, so the edited page reloads first.
        let outcome = preview.settle();
        publish(&preview, &shared, &signals, outcome);
    })?;
    Ok((app, watcher))
}

async fn serve(options: ServeOptions) -> i32 {
    if !options.interface.is_loopback() {
        eprintln!(
            "warning: serving on {}: anyone who can reach this machine can read the preview",
            options.interface
        );
    }
    let Some(root) = guide_root(&options) else {
        return 1;
    };
    let build_options = BuildOptions {
        root: root.clone(),
        output: None,
        drafts: options.drafts,
        base_url: None,
    };
    let listener = match bind(&options).await {
        Ok(listener) => listener,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!(
                "hint: choose another port with --port N, or leave --port out to take a free one"
            );
            return 1;
        }
    };
    let address = listener
        .local_addr()
        .map_or_else(|_| "?".to_string(), |a| a.to_string());

    let preview = tokio::task::spawn_blocking(move || Preview::new(build_options)).await;
    let Ok(preview) = preview else {
        eprintln!("error: the first build stopped unexpectedly");
        return 1;
    };
    print_problems(&preview);
    let (app, watcher) = match watch_and_rebuild(&root, preview) {
        Ok(started) => started,
        Err(error) => {
            eprintln!(
                "error: cannot watch files: {}",
                crate::terminal::visible(&error.to_string())
            );
            return 1;
        }
    };
    let stopping = app.stopping.clone();
    let signals = app.signals.clone();

    let url = format!("http://{address}/");
    println!("serving the guide at {url} (Ctrl-C stops)");
    if options.open && opener::open(&url).is_err() {
        eprintln!("warning: could not open a browser; open {url} yourself");
    }
    let hosts = host::Hosts::new(options.interface);
    server::serve(listener, http::router(app, hosts), async {
        server::stop_signal().await;
        // Ends the live-reload streams, which would otherwise hold their connections open.
        stopping.store(true, std::sync::atomic::Ordering::SeqCst);
        let _ = signals.send(http::Signal::Stop);
    })
    .await;
    watcher.stop(WATCHER_WAIT);
    println!("stopped");
    0
}
