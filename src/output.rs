//! The output stage: writes the built site to its folder as a whole, or not at all.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::fs::{self, FsError};
use crate::render::{Contents, OutputFile, Site};

/// The file that marks a folder as made by guidewright, so it may be replaced.
pub const MARKER: &str = ".guidewright";

/// `path` made absolute, with symbolic links of its existing part resolved.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Refuses output folders whose replacement would destroy something that is not ours.
pub fn check_folder(root: &Path, output: &Path) -> Result<PathBuf, Diagnostic> {
    let root = resolve(root);
    let out = resolve(output);
    let refuse = |message: String| {
        Err(Diagnostic::error("output-folder", message)
            .with_hint("choose another folder with --output, or set `output_dir` in guide.yaml"))
    };
    if out == root {
        return refuse(format!(
            "the output folder {} is the guide folder itself",
            out.display()
        ));
    }
    if root.starts_with(&out) {
        return refuse(format!(
            "the output folder {} holds the guide folder",
            out.display()
        ));
    }
    for own in ["content", "static", "templates", "themes"] {
        if out.starts_with(root.join(own)) {
            return refuse(format!(
                "the output folder {} is inside the guide's {own}/ folder",
                out.display()
            ));
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && resolve(&home) == out
    {
        return refuse(format!(
            "the output folder {} is the home folder",
            out.display()
        ));
    }
    if out.exists() {
        if !out.is_dir() {
            return refuse(format!("the output folder {} is a file", out.display()));
        }
        let empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out.join(MARKER).is_file() {
            return Err(Diagnostic::error(
                "output-folder",
                format!(
                    "{} is not empty and was not made by guidewright; it will not be replaced",
                    out.display()
                ),
            )
            .with_hint("choose an empty or new folder with --output, or empty this one yourself"));
        }
    }
    Ok(out)
}

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
}

fn failed(error: FsError) -> Diagnostic {
    Diagnostic::error("output", error.to_string())
        .with_hint("check the output folder's permissions and free space")
}

impl Staging {
    /// Starts a new site for the output folder `out` (already checked by [`check_folder`]).
    pub fn begin(out: &Path) -> Result<Staging, Diagnostic> {
        let parent = out.parent().unwrap_or(Path::new("."));
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let fresh = parent.join(format!(".{name}.guidewright-new"));
        let old = parent.join(format!(".{name}.guidewright-old"));
        for stale in [&fresh, &old] {
            if stale.exists() {
                fs::remove_dir_all(stale).map_err(failed)?;
            }
        }
        fs::create_dir_all(&fresh).map_err(failed)?;
        Ok(Staging {
            previous: out.join(MARKER).is_file().then(|| out.to_path_buf()),
            out: out.to_path_buf(),
            fresh,
            old,
            finished: false,
        })
    }

    /// Writes one file of the site; what is kept of it is its path.
    pub fn put(&self, file: OutputFile) -> Result<OutputFile, Diagnostic> {
        let relative = safe_relative(&file.path).ok_or_else(|| {
            failed(FsError {
                path: PathBuf::from(&file.path),
                kind: crate::fs::FsErrorKind::Io {
                    action: "write",
                    error: std::io::Error::other("the path leaves the output folder"),
                },
            })
        })?;
        let target = self.fresh.join(&relative);
        let before = self.previous.as_ref().map(|p| p.join(&relative));
        let written = match before {
            Some(before) if unchanged(&file.contents, &before) => keep(&before, &target),
            _ => match &file.contents {
                Contents::Text(text) => fs::write(&target, text.as_bytes()),
                Contents::Bytes(bytes) => fs::write(&target, bytes),
                Contents::Copy(from) => fs::copy(from, &target),
                Contents::Written => Ok(()),
            },
        };
        written.map_err(failed)?;
        Ok(OutputFile {
            path: file.path,
            contents: Contents::Written,
        })
    }

    /// Marks the new site as ours and puts it in place of the old one.
    pub fn finish(mut self) -> Result<(), Diagnostic> {
        fs::write(
            &self.fresh.join(MARKER),
            b"This folder is made by guidewright; a build replaces it whole.\n",
        )
        .map_err(failed)?;
        if self.out.exists() {
            fs::rename(&self.out, &self.old).map_err(failed)?;
        }
        if let Err(error) = fs::rename(&self.fresh, &self.out) {
            let _ = std::fs::rename(&self.old, &self.out);
            return Err(failed(error));
        }
        self.finished = true;
        if self.old.exists() {
            fs::remove_dir_all(&self.old).map_err(failed)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.fresh);
        }
    }
}

/// Writes a site held in memory to `out`, replacing the previous one whole.
pub fn write(site: &Site, out: &Path) -> Result<(), Diagnostic> {
    let staging = Staging::begin(out)?;
    site.files
        .par_iter()
        .try_for_each(|file| staging.put(file.clone()).map(drop))?;
    staging.finish()
}

/// Whether the previous build's file at `before` holds exactly `contents`. Sizes are compared
/// first, so a changed file is rarely read.
fn unchanged(contents: &Contents, before: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(before) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let same = |bytes: &[u8]| {
        meta.len() == bytes.len() as u64 && std::fs::read(before).is_ok_and(|old| old == bytes)
    };
    match contents {
        Contents::Written => false,
        Contents::Text(text) => same(text.as_bytes()),
        Contents::Bytes(bytes) => same(bytes),
        Contents::Copy(from) => {
            std::fs::metadata(from).is_ok_and(|m| m.len() == meta.len())
                && std::fs::read(from).is_ok_and(|new| same(&new))
        }
    }
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
    fn refuses_dangerous_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("guide");
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_folder(&root, &root).is_err());
        assert!(check_folder(&root, dir.path()).is_err());
        assert!(check_folder(&root, &root.join("content")).is_err());
        assert!(check_folder(&root, &root.join("content/x")).is_err());
        assert!(check_folder(&root, &root.join("public")).is_ok());
        let other = dir.path().join("other");
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(other.join("notes.txt"), "mine").unwrap();
        assert!(check_folder(&root, &other).is_err());
        std::fs::write(other.join(MARKER), "").unwrap();
        assert!(check_folder(&root, &other).is_ok());
    }

    #[test]
    fn paths_stay_inside() {
        assert!(safe_relative("a/b/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/x").is_none());
    }
}
