//! Watching the guide folder: file events are gathered into batches and handed to a thread of
//! its own that rebuilds, until the preview stops.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::changes::{Changes, classify};

/// How long file events are gathered before a rebuild: long enough to see an editor's save
/// as one change, short enough not to be felt.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// The folders of a guide that are watched with everything inside them; the guide folder
/// itself is watched alone, which tells when one of them is made, removed or replaced.
const FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

enum Message {
    Files(DebounceEventResult),
    Stop,
}

/// What the watcher hands on, on its own thread.
pub enum Watched {
    /// A batch of changed files.
    Changes(Changes),
    /// Something that stops changes from being seen: a folder that cannot be watched (too
    /// many watches, say) or an error of the system's watcher.
    Problem(String),
}

/// The watcher thread, stopped with [`Watcher::stop`].
pub struct Watcher {
    sender: mpsc::Sender<Message>,
    /// Set before the stop message is sent, so batches queued before it are not rebuilt.
    stopped: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

/// Starts watching `root`; `watched` is called on the watcher's thread for each batch and
/// each problem. Folders that cannot be watched at the start are returned beside it.
pub fn start(
    root: &Path,
    mut watched: impl FnMut(Watched) + Send + 'static,
) -> Result<(Watcher, Vec<String>), String> {
    let (sender, receiver) = mpsc::channel();
    let files = sender.clone();
    let handler = move |result| {
        let _ = files.send(Message::Files(result));
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, handler).map_err(|e| e.to_string())?;
    let mut problems: Vec<String> = watch(&mut debouncer, root, RecursiveMode::NonRecursive)
        .err()
        .into_iter()
        .collect();
    for folder in FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            problems.extend(watch(&mut debouncer, &path, RecursiveMode::Recursive).err());
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
            let events = match batch {
                Ok(events) => events,
                Err(errors) => {
                    for error in errors {
                        watched(Watched::Problem(format!("watching files failed: {error}")));
                    }
                    continue;
                }
            };
            // Reading a file (as every build does) is an event too; only changes count.
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
                .flat_map(|e| e.event.paths)
                .collect();
            // Before the rebuild, so a file written meanwhile is either read or seen.
            for problem in rewatch(&mut debouncer, &root, &paths) {
                watched(Watched::Problem(problem));
            }
            watched(Watched::Changes(classify(&root, paths)));
        }
        // Stops the debouncer's own threads and the operating system's watches.
        drop(debouncer);
    });
    let watcher = Watcher {
        sender,
        stopped,
        thread,
    };
    Ok((watcher, problems))
}

/// Watches `path`; the error says which folder and what to do.
fn watch(
    debouncer: &mut Debouncer<RecommendedWatcher, RecommendedCache>,
    path: &Path,
    mode: RecursiveMode,
) -> Result<(), String> {
    debouncer.watch(path, mode).map_err(|error| {
        let hint = match error.kind {
            notify::ErrorKind::MaxFilesWatch => {
                "; the system's limit of watched folders is reached (on Linux, raise fs.inotify.max_user_watches)"
            }
            _ => "",
        };
        format!(
            "cannot watch {}: {error}{hint}; changes there will not reload the preview",
            path.display()
        )
    })
}

/// Watches again each folder of the guide that the batch says came, went or was replaced: a
/// watch follows the folder it was set on, so a new folder at the same path (a branch switch,
/// a folder moved away and back, `templates/` made after the start) would go unseen.
fn rewatch(
    debouncer: &mut Debouncer<RecommendedWatcher, RecommendedCache>,
    root: &Path,
    paths: &[PathBuf],
) -> Vec<String> {
    let mut problems = Vec::new();
    for folder in FOLDERS {
        let path = root.join(folder);
        if paths.contains(&path) {
            // Fails when the folder went away, with its watch: nothing is lost.
            let _ = debouncer.unwatch(&path);
            if path.is_dir() {
                problems.extend(watch(debouncer, &path, RecursiveMode::Recursive).err());
            }
        }
    }
    problems
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_cannot_be_watched_is_named_in_the_problem() {
        let handler = |_: DebounceEventResult| {};
        let mut debouncer = new_debouncer(DEBOUNCE, None, handler).expect("a debouncer");
        let missing = std::env::temp_dir().join("guidewright-no-such-folder/content");
        let problem = watch(&mut debouncer, &missing, RecursiveMode::Recursive)
            .expect_err("a missing folder cannot be watched");
        assert!(problem.starts_with("cannot watch "), "{problem}");
        assert!(problem.contains("guidewright-no-such-folder"), "{problem}");
        assert!(
            problem.ends_with("changes there will not reload the preview"),
            "{problem}"
        );
    }
}
