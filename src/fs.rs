//! File-system calls whose errors name the path, so no caller has to.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};

/// The largest source file read; larger ones are reported instead of filling memory.
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// A failed file-system call on a path.
#[derive(Debug)]
pub struct FsError {
    pub path: PathBuf,
    pub kind: FsErrorKind,
}

#[derive(Debug)]
pub enum FsErrorKind {
    Io {
        action: &'static str,
        error: io::Error,
    },
    /// A copy or a move from the error's path to `to`.
    Between {
        action: &'static str,
        to: PathBuf,
        error: io::Error,
    },
    /// The file is not UTF-8 text; `lossy` is its text with bad bytes replaced.
    NotUtf8 {
        lossy: String,
        offset: usize,
    },
    TooLarge {
        bytes: u64,
    },
}

impl std::fmt::Display for FsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display();
        match &self.kind {
            FsErrorKind::Io { action, error } => write!(f, "failed to {action} {path}: {error}"),
            FsErrorKind::Between { action, to, error } => {
                write!(f, "failed to {action} {path} to {}: {error}", to.display())
            }
            FsErrorKind::NotUtf8 { offset, .. } => {
                write!(f, "{path} is not UTF-8 text (bad byte at offset {offset})")
            }
            FsErrorKind::TooLarge { bytes } => write!(
                f,
                "{path} is {bytes} bytes, more than the {MAX_SOURCE_BYTES} a source file may have"
            ),
        }
    }
}

impl std::error::Error for FsError {}

impl FsError {
    fn io(action: &'static str, path: &Path, error: io::Error) -> Self {
        FsError {
            path: path.to_path_buf(),
            kind: FsErrorKind::Io { action, error },
        }
    }

    fn between(action: &'static str, from: &Path, to: &Path, error: io::Error) -> Self {
        FsError {
            path: from.to_path_buf(),
            kind: FsErrorKind::Between {
                action,
                to: to.to_path_buf(),
                error,
            },
        }
    }

    /// A diagnostic for this error, naming the file as `shown` (relative to the guide).
    pub fn diagnostic(&self, shown: impl Into<PathBuf>) -> Diagnostic {
        let shown = shown.into();
        match &self.kind {
            FsErrorKind::Io { action, error } => Diagnostic::error(
                Code::Io,
                format!("failed to {action} {}: {error}", shown.display()),
            )
            .in_file(shown),
            FsErrorKind::Between { action, to, error } => Diagnostic::error(
                Code::Io,
                format!(
                    "failed to {action} {} to {}: {error}",
                    shown.display(),
                    to.display()
                ),
            )
            .in_file(shown),
            FsErrorKind::NotUtf8 { lossy, offset } => {
                Diagnostic::error(Code::Encoding, "the file is not UTF-8 text")
                    .in_file(shown)
                    .at(
                        lossy,
                        lossy_offset(lossy, *offset)..lossy_offset(lossy, *offset) + 1,
                    )
                    .with_hint("save the file as UTF-8 in your editor")
            }
            FsErrorKind::TooLarge { bytes } => Diagnostic::error(
                Code::TooLarge,
                format!(
                    "{} is {bytes} bytes, more than the {MAX_SOURCE_BYTES} a source file may have",
                    shown.display()
                ),
            )
            .in_file(shown)
            .with_hint("split it into several pages"),
        }
    }
}

/// The offset in the lossy text of the first replaced byte (the text before it is unchanged).
fn lossy_offset(lossy: &str, offset: usize) -> usize {
    offset.min(lossy.len())
}

/// Reads a UTF-8 text file, refusing ones over [`MAX_SOURCE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, FsError> {
    let size = std::fs::metadata(path)
        .map_err(|e| FsError::io("read", path, e))?
        .len();
    if size > MAX_SOURCE_BYTES {
        return Err(FsError {
            path: path.to_path_buf(),
            kind: FsErrorKind::TooLarge { bytes: size },
        });
    }
    let bytes = std::fs::read(path).map_err(|e| FsError::io("read", path, e))?;
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        FsError {
            path: path.to_path_buf(),
            kind: FsErrorKind::NotUtf8 {
                lossy: String::from_utf8_lossy(error.as_bytes()).into_owned(),
                offset,
            },
        }
    })
}

/// Removes a byte-order mark and makes line endings LF, so later stages see one form.
pub fn normalize(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

/// Writes a file, creating its folder first.
pub fn write(path: &Path, contents: &[u8]) -> Result<(), FsError> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, contents).map_err(|e| FsError::io("write", path, e))
}

/// Copies a file, creating the target's folder first.
pub fn copy(from: &Path, to: &Path) -> Result<(), FsError> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| FsError::between("copy", from, to, e))
}

pub fn create_dir_all(path: &Path) -> Result<(), FsError> {
    std::fs::create_dir_all(path).map_err(|e| FsError::io("create folder", path, e))
}

/// Moves a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<(), FsError> {
    std::fs::rename(from, to).map_err(|e| FsError::between("move", from, to, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_is_placed_at_the_bad_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        std::fs::write(&path, b"ok\nab\xffc\n").unwrap();
        let error = read_text(&path).unwrap_err();
        let d = error.diagnostic("x.md");
        assert_eq!((d.line, d.column), (2, 3));
        assert_eq!(d.code, Code::Encoding);
    }

    #[test]
    fn copies_and_moves_name_both_paths() {
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("missing.pdf"), dir.path().join("out/x.pdf"));
        for error in [
            copy(&from, &to).unwrap_err(),
            rename(&from, &to).unwrap_err(),
        ] {
            let text = error.to_string();
            assert!(text.contains(&from.display().to_string()), "{text}");
            assert!(text.contains(&to.display().to_string()), "{text}");
            let shown = error.diagnostic("content/missing.pdf").message;
            assert!(shown.contains(&to.display().to_string()), "{shown}");
        }
    }

    #[test]
    fn io_errors_name_the_path() {
        let error = read_text(Path::new("/no/such/file.md")).unwrap_err();
        assert!(error.to_string().contains("/no/such/file.md"), "{error}");
    }
}
