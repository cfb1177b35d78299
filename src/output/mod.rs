//! The output stage: writes the built site to its folder as a whole, or not at all.

mod folder;
mod guard;

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::fs::{self, FsError};
use crate::render::{Contents, OutputFile, WrittenFile};

pub use folder::{MARKER, check_folder, resolve};
pub use guard::interrupt;

/// A new site being written beside the output folder, swapped in whole by [`Staging::finish`]
/// so that a failure leaves the old site as it was; dropped unfinished, it is removed.
///
/// A file whose bytes equal the previous build's is not written again: the new folder gets a
/// hard link to the old file (or, where links are not possible, a copy with its modification
/// time), so sync tools and caches see it unchanged.
pub struct Staging {
    out: PathBuf,
    fresh: PathBuf,
    old: PathBuf,
    /// The output folder, when it holds a previous build to compare with.
    previous: Option<PathBuf>,
    finished: bool,
    /// Held until the staging is dropped, so one build at a time writes beside `out`.
    _lock: std::fs::File,
}

fn failed(error: FsError) -> Diagnostic {
    Diagnostic::error(Code::Output, error.to_string())
        .with_hint("check the output folder's permissions and free space")
}

fn refused_write(path: &str, why: &str) -> Diagnostic {
    failed(FsError {
        path: PathBuf::from(path),
        kind: crate::fs::FsErrorKind::Io {
            action: "write",
            error: std::io::Error::other(why.to_string()),
        },
    })
}

impl Staging {
    /// Checks the output folder `output` of the guide at `root` (see [`check_folder`]), takes
    /// its lock (calling `waiting` if another build holds it) and starts a new site beside it.
    pub fn begin(root: &Path, output: &Path, waiting: &dyn Fn()) -> Result<Staging, Diagnostic> {
        let out = check_folder(root, output)?;
        let beside = guard::Beside::of(&out);
        let lock = guard::lock(&beside, waiting)?;
        guard::recover(&beside, &out)?;
        // Checked again now that the folders above it exist and no other build runs: a link
        // made meanwhile must not lead the new site elsewhere.
        if check_folder(root, output)? != out {
            return Err(Diagnostic::error(
                Code::OutputFolder,
                format!(
                    "the output folder {} moved while the build began",
                    out.display()
                ),
            )
            .with_hint("run the build again"));
        }
        let fresh = beside.staging();
        fs::create_dir_all(&fresh).map_err(failed)?;
        guard::register(&fresh);
        Ok(Staging {
            previous: out.join(MARKER).is_file().then(|| out.clone()),
            out,
            fresh,
            old: beside.old,
            finished: false,
            _lock: lock,
        })
    }

    /// The output folder, as the system finds it.
    pub fn folder(&self) -> &Path {
        &self.out
    }

    /// Writes one file of the site; what is kept of it is its path.
    pub fn put(&self, file: OutputFile) -> Result<WrittenFile, Diagnostic> {
        let relative = safe_relative(&file.path)
            .ok_or_else(|| refused_write(&file.path, "the path leaves the output folder"))?;
        let Some(_writer) = guard::Writer::start() else {
            return Err(refused_write(&file.path, "the build was interrupted"));
        };
        let target = self.fresh.join(&relative);
        let before = self.previous.as_ref().map(|p| p.join(&relative));
        let written = match before {
            Some(before) if unchanged(&file.contents, &before) => keep(&before, &target),
            _ => match &file.contents {
                Contents::Text(text) => fs::write(&target, text.as_bytes()),
                Contents::Bytes(bytes) => fs::write(&target, bytes),
                Contents::Copy(from) => fs::copy(from, &target),
            },
        };
        written.map_err(failed)?;
        Ok(WrittenFile { path: file.path })
    }

    /// Marks the new site as ours and puts it in place of the old one. Should the second move
    /// fail and the old site not go back, the next build puts it back.
    pub fn finish(mut self) -> Result<(), Diagnostic> {
        fs::write(
            &self.fresh.join(MARKER),
            b"This folder is made by guidewright; a build replaces it whole.\n",
        )
        .map_err(failed)?;
        guard::finishing(&self.fresh.clone(), || self.swap())?;
        // A previous site left here is removed by the next build.
        let _ = std::fs::remove_dir_all(&self.old);
        Ok(())
    }

    fn swap(&mut self) -> Result<(), Diagnostic> {
        let moved = std::fs::symlink_metadata(&self.out).is_ok();
        if moved {
            fs::rename(&self.out, &self.old).map_err(failed)?;
        }
        if let Err(error) = fs::rename(&self.fresh, &self.out) {
            let mut problem = failed(error);
            if let Err(back) = moved
                .then(|| std::fs::rename(&self.old, &self.out))
                .transpose()
            {
                problem.message = format!(
                    "{}; moving the previous site back failed too ({back}): it is kept in {}, and the next build puts it back",
                    problem.message,
                    self.old.display()
                );
            }
            return Err(problem);
        }
        self.finished = true;
        Ok(())
    }

    /// What the output folder holds now, for the message after a failed build.
    pub fn left(&self) -> Left {
        left(&self.out)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.fresh);
        }
        guard::unregister(&self.fresh);
    }
}

/// What a build that failed left where its site goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Left {
    /// No site of guidewright's is there.
    #[default]
    Nothing,
    /// The previous site, as it was.
    Previous(PathBuf),
    /// The previous site, moved aside in a swap that broke off; the next build puts it back.
    Aside(PathBuf),
}

/// What the output folder `out` holds, looked at on disk.
pub fn left(out: &Path) -> Left {
    let old = guard::Beside::of(out).old;
    if out.join(MARKER).is_file() {
        Left::Previous(out.to_path_buf())
    } else if std::fs::symlink_metadata(out).is_err() && old.join(MARKER).is_file() {
        Left::Aside(old)
    } else {
        Left::Nothing
    }
}

/// Whether the previous build's file at `before` holds exactly `contents`. Sizes are compared
/// first, so a changed file is rarely read, and files are compared as streams, so a large
/// asset is never held in memory.
fn unchanged(contents: &Contents, before: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(before) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let same_as = |bytes: &[u8]| {
        meta.len() == bytes.len() as u64
            && std::fs::File::open(before).is_ok_and(|old| same_stream(old, bytes).unwrap_or(false))
    };
    match contents {
        Contents::Text(text) => same_as(text.as_bytes()),
        Contents::Bytes(bytes) => same_as(bytes),
        Contents::Copy(from) => {
            std::fs::metadata(from).is_ok_and(|m| m.len() == meta.len())
                && match (std::fs::File::open(from), std::fs::File::open(before)) {
                    (Ok(new), Ok(old)) => same_stream(new, old).unwrap_or(false),
                    _ => false,
                }
        }
    }
}

/// Whether two readers give the same bytes, read a block at a time.
fn same_stream(mut a: impl Read, mut b: impl Read) -> std::io::Result<bool> {
    const BLOCK: usize = 256 * 1024;
    let (mut a_block, mut b_block) = (vec![0; BLOCK], vec![0; BLOCK]);
    loop {
        let a_len = fill(&mut a, &mut a_block)?;
        let b_len = fill(&mut b, &mut b_block)?;
        if a_block[..a_len] != b_block[..b_len] {
            return Ok(false);
        }
        if a_len < BLOCK {
            return Ok(true);
        }
    }
}

/// Reads until `block` is full or the reader ends; returns how much was read.
fn fill(reader: &mut impl Read, block: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < block.len() {
        match reader.read(&mut block[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Puts the previous build's file `before` at `target`: a hard link, or a copy that keeps
/// its modification time where the file system has no links.
fn keep(before: &Path, target: &Path) -> Result<(), FsError> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)?;
    }
    if std::fs::hard_link(before, target).is_ok() {
        return Ok(());
    }
    fs::copy(before, target)?;
    let modified = std::fs::metadata(before).and_then(|m| m.modified());
    if let Ok(modified) = modified {
        let _ = std::fs::File::options()
            .write(true)
            .open(target)
            .and_then(|f| f.set_modified(modified));
    }
    Ok(())
}

/// A site-relative path as a relative file path, or `None` when it would leave the folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let relative = PathBuf::from(path);
    relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_compare_block_by_block() {
        let long: Vec<u8> = (0..600_000u32).map(|n| (n % 251) as u8).collect();
        let mut other = long.clone();
        other[599_999] ^= 1;
        assert!(same_stream(&long[..], &long[..]).unwrap());
        assert!(!same_stream(&long[..], &other[..]).unwrap());
        assert!(!same_stream(&long[..], &long[..300_000]).unwrap());
        assert!(same_stream(&b""[..], &b""[..]).unwrap());
    }

    #[test]
    fn paths_stay_inside() {
        assert!(safe_relative("a/b/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/x").is_none());
    }
}
