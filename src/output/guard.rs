//! What keeps builds into one output folder from hurting each other: a lock that a second
//! build waits on, the recovery of what an earlier, broken-off build left, and the removal of
//! a staging folder when the build is interrupted.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::diagnostic::{Code, Diagnostic};
use crate::fs;

use super::folder::MARKER;

/// The names of what a build keeps beside the output folder `out`.
pub struct Beside {
    /// Held locked for the whole build; left in place, since removing a lock file while
    /// another build waits on it would let a third one in.
    pub lock: PathBuf,
    /// The previous site during the swap.
    pub old: PathBuf,
    /// The start of every staging folder's name; each run adds its own ending.
    pub staging_prefix: String,
    pub parent: PathBuf,
}

impl Beside {
    pub fn of(out: &Path) -> Beside {
        let parent = out.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        Beside {
            lock: parent.join(format!(".{name}.guidewright-lock")),
            old: parent.join(format!(".{name}.guidewright-old")),
            staging_prefix: format!(".{name}.guidewright-new"),
            parent,
        }
    }

    /// A staging folder no other run uses.
    pub fn staging(&self) -> PathBuf {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        self.parent.join(format!(
            "{}-{}-{nanos:09}",
            self.staging_prefix,
            std::process::id()
        ))
    }
}

fn failed(action: &str, path: &Path, error: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::Output,
        format!("failed to {action} {}: {error}", path.display()),
    )
    .with_hint("check the output folder's permissions and free space")
}

/// Takes the output's lock, calling `waiting` first when another build holds it.
pub fn lock(beside: &Beside, waiting: &dyn Fn()) -> Result<File, Diagnostic> {
    fs::create_dir_all(&beside.parent).map_err(|e| {
        Diagnostic::error(Code::Output, e.to_string())
            .with_hint("check the output folder's permissions and free space")
    })?;
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&beside.lock)
        .map_err(|e| failed("create the lock file", &beside.lock, e))?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => waiting(),
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(failed("lock", &beside.lock, e));
        }
    }
    file.lock().map_err(|e| failed("lock", &beside.lock, e))?;
    Ok(file)
}

/// With the lock held, removes the staging folders of runs that ended without finishing and
/// puts back a previous site that a broken-off swap left aside.
pub fn recover(beside: &Beside, out: &Path) -> Result<(), Diagnostic> {
    if let Ok(entries) = std::fs::read_dir(&beside.parent) {
        for entry in entries.flatten() {
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with(&beside.staging_prefix)
            {
                let path = entry.path();
                std::fs::remove_dir_all(&path).map_err(|e| failed("remove", &path, e))?;
            }
        }
    }
    let old = &beside.old;
    if std::fs::symlink_metadata(old).is_err() {
        return Ok(());
    }
    if !old.join(MARKER).is_file() {
        return Err(Diagnostic::error(
            Code::OutputFolder,
            format!(
                "{} is in the way: guidewright keeps the previous site there while it swaps in a new one, but this folder was not made by guidewright",
                old.display()
            ),
        )
        .with_hint("look inside it, then move or remove it yourself"));
    }
    if std::fs::symlink_metadata(out).is_ok() {
        // The swap went through; only removing the previous site failed.
        std::fs::remove_dir_all(old).map_err(|e| failed("remove", old, e))
    } else {
        std::fs::rename(old, out).map_err(|e| {
            Diagnostic::error(
                Code::Output,
                format!(
                    "failed to move {} back to {}: {e}",
                    old.display(),
                    out.display()
                ),
            )
            .with_hint("check the output folder's permissions and free space")
        })
    }
}

/// The staging folders being written, and whether the build was interrupted.
struct Writing {
    folders: Vec<PathBuf>,
    interrupted: bool,
}

/// Shared with the interrupt handler, which runs on a thread of its own; the only global of
/// the crate, since a signal has no other way to reach the build.
static WRITING: RwLock<Writing> = RwLock::new(Writing {
    folders: Vec::new(),
    interrupted: false,
});

fn writing() -> RwLockWriteGuard<'static, Writing> {
    WRITING.write().unwrap_or_else(|e| e.into_inner())
}

/// Held while one file is written, so an interrupt waits for it rather than racing it.
pub struct Writer {
    _guard: RwLockReadGuard<'static, Writing>,
}

impl Writer {
    /// `None` once the build was interrupted: nothing more may be written.
    pub fn start() -> Option<Writer> {
        let guard = WRITING.read().unwrap_or_else(|e| e.into_inner());
        (!guard.interrupted).then_some(Writer { _guard: guard })
    }
}

/// Counts `folder` as being written, to be removed if the build is interrupted.
pub fn register(folder: &Path) {
    writing().folders.push(folder.to_path_buf());
}

/// The swap of `folder` into place, done while no interrupt can remove it half-way; returns
/// what `swap` returned.
pub fn finishing<T>(folder: &Path, swap: impl FnOnce() -> T) -> T {
    let mut guard = writing();
    let result = swap();
    guard.folders.retain(|f| f != folder);
    result
}

/// Forgets `folder` after removing it.
pub fn unregister(folder: &Path) {
    writing().folders.retain(|f| f != folder);
}

/// Stops every write and removes the staging folders; for the handler of Ctrl-C and SIGTERM,
/// which then ends the process. Returns whether a half-written site was removed.
pub fn interrupt() -> bool {
    let mut guard = writing();
    guard.interrupted = true;
    let removed = !guard.folders.is_empty();
    for folder in guard.folders.drain(..) {
        let _ = std::fs::remove_dir_all(&folder);
    }
    removed
}
