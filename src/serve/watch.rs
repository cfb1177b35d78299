//! Watching the guide folder: file events are gathered into batches and handed to a thread of
//! its own that rebuilds, until the preview stops.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::DEBOUNCE;
use super::changes::{Changes, classify};

/// The folders of a guide that are watched with everything inside them; the guide folder
/// itself is watched alone, which tells when one of them is made, removed or replaced.
const FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

enum Message {
    Files(DebounceEventResult),
    Stop,
}

/// The watcher thread, stopped with [`Watcher::stop`].
pub struct Watcher {
    sender: mpsc::Sender<Message>,
    /// Set before the stop message is sent, so batches queued before it are not rebuilt.
    stopped: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

/// Starts watching `root`; `rebuild` is called on the watcher's thread for each batch.
pub fn start(
    root: &Path,
    mut rebuild: impl FnMut(Changes) + Send + 'static,
) -> Result<Watcher, String> {
    let (sender, receiver) = mpsc::channel();
    let files = sender.clone();
    let handler = move |result| {
        let _ = files.send(Message::Files(result));
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, handler).map_err(|e| e.to_string())?;
    let _ = debouncer.watch(root, RecursiveMode::NonRecursive);
    for folder in FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            let _ = debouncer.watch(&path, RecursiveMode::Recursive);
        }
    }
    let root = root.to_path_buf();
    let stopped = Arc::new(AtomicBool::new(false));
    let stop = stopped.clone();
    let thread = std::thread::spawn(move || {
        while let Ok(Message::Files(batch)) = receiver.recv() {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let Ok(events) = batch else { continue };
            // Reading a file (as every build does) is an event too; only changes count.
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
                .flat_map(|e| e.event.paths)
                .collect();
            // Before the rebuild, so a file written meanwhile is either read or seen.
            rewatch(&mut debouncer, &root, &paths);
            rebuild(classify(&root, paths));
        }
        // Stops the debouncer's own threads and the operating system's watches.
        drop(debouncer);
    });
    Ok(Watcher {
        sender,
        stopped,
        thread,
    })
}

/// Watches again each folder of the guide that the batch says came, went or was replaced: a
/// watch follows the folder it was set on, so a new folder at the same path (a branch switch,
/// a folder moved away and back, `templates/` made after the start) would go unseen.
fn rewatch(
    debouncer: &mut Debouncer<RecommendedWatcher, RecommendedCache>,
    root: &Path,
    paths: &[PathBuf],
) {
    for folder in FOLDERS {
        let path = root.join(folder);
        if paths.contains(&path) {
            let _ = debouncer.unwatch(&path);
            if path.is_dir() {
                let _ = debouncer.watch(&path, RecursiveMode::Recursive);
            }
        }
    }
}

impl Watcher {
    /// Asks the thread to stop and waits for it at most `limit`: a rebuild under way is not
    /// waited for beyond that, as the process is about to end anyway.
    pub fn stop(self, limit: Duration) {
        self.stopped.store(true, Ordering::SeqCst);
        let _ = self.sender.send(Message::Stop);
        let deadline = Instant::now() + limit;
        while !self.thread.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        if self.thread.is_finished() {
            let _ = self.thread.join();
        }
    }
}
