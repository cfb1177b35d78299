//! Which folders a build may replace: never the guide, what holds it, its own folders or a
//! home folder, however the path is spelled.

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};

/// The file that marks a folder as made by guidewright, so it may be replaced.
pub const MARKER: &str = ".guidewright";

/// The guide's own folders, which an output inside would destroy or be published from.
const OWN_FOLDERS: [&str; 4] = ["content", "static", "templates", "themes"];

/// `path` made absolute the way the system will find it once its folders are made: each
/// existing part with its symbolic links resolved, and each `..` taken back from the part
/// before it, after that part's links were followed (as the system does).
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => {
                out.push(other);
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
        }
    }
    out
}

/// Whether `a` and `b` are the same existing folder, whatever the spelling (case on a
/// case-insensitive disk, bind mounts and links included).
fn same_folder(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a_meta), Ok(b_meta)) => same_file(&a_meta, &b_meta, a, b),
        _ => false,
    }
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata, _: &Path, _: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata, a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase(),
        _ => false,
    }
}

/// `path` and each folder above it.
fn with_ancestors(path: &Path) -> impl Iterator<Item = &Path> {
    path.ancestors().filter(|p| !p.as_os_str().is_empty())
}

fn refuse(message: String) -> Diagnostic {
    Diagnostic::error(Code::OutputFolder, message)
        .with_hint("choose another folder with --output, or set `output_dir` in guide.yaml")
}

/// Refuses output folders whose replacement would destroy something that is not ours, and
/// returns the folder as the system will find it.
pub fn check_folder(root: &Path, output: &Path) -> Result<PathBuf, Diagnostic> {
    let root = resolve(root);
    let out = resolve(output);
    let shown = out.display();
    if with_ancestors(&root).any(|above| above == out || same_folder(above, &out)) {
        return Err(if out == root || same_folder(&root, &out) {
            refuse(format!(
                "the output folder {shown} is the guide folder itself"
            ))
        } else {
            refuse(format!("the output folder {shown} holds the guide folder"))
        });
    }
    for own in OWN_FOLDERS {
        let own_folder = root.join(own);
        if with_ancestors(&out)
            .any(|above| above.starts_with(&own_folder) || same_folder(above, &own_folder))
        {
            return Err(refuse(format!(
                "the output folder {shown} is inside the guide's {own}/ folder"
            )));
        }
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        let home = resolve(Path::new(&home));
        if with_ancestors(&home).any(|above| above == out || same_folder(above, &out)) {
            return Err(refuse(format!(
                "the output folder {shown} is the home folder or holds it"
            )));
        }
    }
    check_contents(&out)?;
    Ok(out)
}

/// An existing output folder may be replaced only when it is empty or made by guidewright.
fn check_contents(out: &Path) -> Result<(), Diagnostic> {
    let Ok(meta) = std::fs::symlink_metadata(out) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(refuse(format!(
            "the output folder {} is a file",
            out.display()
        )));
    }
    let empty = std::fs::read_dir(out)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if !empty && !out.join(MARKER).is_file() {
        return Err(Diagnostic::error(
            Code::OutputFolder,
            format!(
                "{} is not empty and was not made by guidewright; it will not be replaced",
                out.display()
            ),
        )
        .with_hint("choose an empty or new folder with --output, or empty this one yourself"));
    }
    Ok(())
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
    fn a_missing_folder_then_dot_dot_is_resolved_before_the_check() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("guide");
        std::fs::create_dir_all(root.join("content")).unwrap();
        for spelling in ["nope/../content", "nope/a/../../content/x", "./content/./"] {
            assert!(
                check_folder(&root, &root.join(spelling)).is_err(),
                "{spelling}"
            );
        }
        assert_eq!(
            resolve(&root.join("nope/../public")),
            resolve(&root).join("public")
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_before_dot_dot() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("guide");
        std::fs::create_dir_all(root.join("content/deep")).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(root.join("content/deep"), &link).unwrap();
        // `link/..` is content/, not the temporary folder.
        assert_eq!(resolve(&link.join("..")), resolve(&root.join("content")));
        assert!(check_folder(&root, &link.join("../x")).is_err());
        assert!(check_folder(&root, &link).is_err());
    }
}
