//! Walks a folder of the guide without leaving the guide: a symbolic link that leads outside
//! the guide folder, a broken link and an unreadable entry are reported, never followed.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use crate::diagnostic::{Code, Diagnostic};

/// Whether a file or folder name is one an editor or the system leaves behind.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// A file found by [`files`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its path inside the walked folder, `/`-separated.
    pub relative: String,
    /// Where to read it.
    pub file: PathBuf,
}

/// The guide folder as the system finds it, to tell what lies inside it.
pub fn real_root(root: &Path) -> PathBuf {
    root.canonicalize()
        .unwrap_or_else(|_| std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()))
}

/// The path as shown to people: relative to the guide folder when inside it.
fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The problem with reading `path` of the guide at `root`, when it is a link (or lies in a
/// linked folder) that leads outside the guide folder or nowhere.
pub fn link_problem(root: &Path, path: &Path) -> Option<Diagnostic> {
    let real = real_root(root);
    let shown_path = shown(root, path);
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = std::fs::read_link(path).ok();
    let says = |target: &Option<PathBuf>| match target {
        Some(target) => format!("a symbolic link to {}", target.display()),
        None => "inside a linked folder".to_string(),
    };
    match path.canonicalize() {
        Ok(resolved) if resolved.starts_with(&real) => None,
        Ok(resolved) => Some(
            Diagnostic::error(
                Code::SymlinkOutside,
                if target.as_deref() == Some(resolved.as_path()) {
                    format!(
                        "{} is {}, outside the guide folder",
                        shown_path.display(),
                        says(&target)
                    )
                } else {
                    format!(
                        "{} is {}, which is {}, outside the guide folder",
                        shown_path.display(),
                        says(&target),
                        resolved.display()
                    )
                },
            )
            .in_file(shown_path)
            .with_hint(
                "guidewright never reads through a link that leaves the guide folder; copy \
                 the file or folder into the guide, or point the link inside it",
            ),
        ),
        Err(_) if is_link => Some(
            Diagnostic::error(
                Code::BrokenSymlink,
                format!(
                    "{} is {}, which does not exist",
                    shown_path.display(),
                    says(&target)
                ),
            )
            .in_file(shown_path)
            .with_hint("remove the link, or point it at a file inside the guide folder"),
        ),
        Err(_) => None,
    }
}

/// The files below `dir` of the guide at `root`, sorted by name, leaving out names editors
/// leave behind; every problem met on the way goes to `problems`.
pub fn files(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<Found> {
    if let Some(problem) = link_problem(root, dir) {
        problems.push(problem);
        return Vec::new();
    }
    let found = RefCell::new(Vec::new());
    let walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() == 0 || !entry.path_is_symlink() {
                return entry.depth() == 0 || !is_ignored(&entry.file_name().to_string_lossy());
            }
            if is_ignored(&entry.file_name().to_string_lossy()) {
                return false;
            }
            match link_problem(root, entry.path()) {
                Some(problem) => {
                    found.borrow_mut().push(problem);
                    false
                }
                None => true,
            }
        });
    let mut files = Vec::new();
    for entry in walk {
        match entry {
            Ok(entry) if entry.file_type().is_file() => match relative(dir, &entry) {
                Some(relative) => files.push(Found {
                    relative,
                    file: entry.into_path(),
                }),
                None => found.borrow_mut().push(
                    Diagnostic::error(Code::FileName, "the file name is not valid Unicode")
                        .in_file(shown(root, entry.path()))
                        .with_hint("rename the file"),
                ),
            },
            Ok(_) => {}
            Err(error) => found.borrow_mut().push(walk_problem(root, dir, &error)),
        }
    }
    problems.append(&mut found.into_inner());
    files
}

/// The entry's path inside `dir`, when every part of it is Unicode.
fn relative(dir: &Path, entry: &DirEntry) -> Option<String> {
    let inside = entry.path().strip_prefix(dir).unwrap_or(entry.path());
    let parts: Option<Vec<&str>> = inside
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

/// A clear problem for what the walk could not read: a loop, a broken link, a permission.
fn walk_problem(root: &Path, dir: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().unwrap_or(dir);
    if let Some(problem) = link_problem(root, path) {
        return problem;
    }
    let (message, hint) = if error.loop_ancestor().is_some() {
        (
            "a symbolic link makes a loop".to_string(),
            "remove the link, or point it outside its own folder",
        )
    } else {
        let cause = error
            .io_error()
            .map_or_else(|| error.to_string(), ToString::to_string);
        (
            format!("cannot read: {cause}"),
            "check the file's permissions",
        )
    };
    Diagnostic::error(Code::Io, message)
        .in_file(shown(root, path))
        .with_hint(hint)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_are_followed_and_links_outside_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("guide");
        let content = root.join("content");
        std::fs::create_dir_all(content.join("shared")).unwrap();
        std::fs::write(content.join("shared/a.txt"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        symlink(content.join("shared"), content.join("also")).unwrap();
        symlink(dir.path().join("secret.txt"), content.join("pw.txt")).unwrap();
        symlink(dir.path(), content.join("outside")).unwrap();
        symlink(root.join("nowhere"), content.join("broken.txt")).unwrap();
        let mut problems = Vec::new();
        let found: Vec<String> = files(&root, &content, &mut problems)
            .into_iter()
            .map(|f| f.relative)
            .collect();
        assert_eq!(found, ["also/a.txt", "shared/a.txt"]);
        let mut codes: Vec<(&str, String)> = problems
            .iter()
            .map(|p| {
                (
                    p.code.as_str(),
                    p.file.as_ref().unwrap().display().to_string(),
                )
            })
            .collect();
        codes.sort();
        assert_eq!(
            codes,
            [
                ("broken-symlink", "content/broken.txt".to_string()),
                ("symlink-outside", "content/outside".to_string()),
                ("symlink-outside", "content/pw.txt".to_string()),
            ]
        );
    }
}
