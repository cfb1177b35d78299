//! `guidewright init`: writes a new guide folder from the bundled sample guide.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, SourceTexts};
use crate::fs;
use crate::sample;

/// Arguments of `guidewright init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write the guide into; created if missing, refused unless empty
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

pub fn execute(args: &Args) -> i32 {
    match init(&args.dir) {
        Ok(written) => {
            print_next_steps(&args.dir, written);
            0
        }
        Err(problem) => {
            crate::diagnostic::report(&[problem], &SourceTexts::default());
            1
        }
    }
}

/// Writes the sample guide into `dir`; returns how many files were written.
fn init(dir: &Path) -> Result<usize, Diagnostic> {
    check_empty(dir)?;
    let files = sample::files();
    for file in &files {
        fs::write(&dir.join(&file.path), &file.data).map_err(|error| {
            Diagnostic::error(Code::Io, error.to_string()).with_hint(
                "check the folder's permissions and free space, then run init into a new folder",
            )
        })?;
    }
    Ok(files.len())
}

/// Refuses a folder that holds anything but hidden entries (a fresh `.git` is fine), so
/// init never overwrites or mixes with existing work.
fn check_empty(dir: &Path) -> Result<(), Diagnostic> {
    let shown = dir.display();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) if dir.exists() && !dir.is_dir() => {
            return Err(Diagnostic::error(
                Code::Init,
                format!("{shown} is a file, not a folder ({error})"),
            )
            .with_hint("give the name of a new or empty folder: `guidewright init my-guide`"));
        }
        Err(error) => {
            return Err(Diagnostic::error(
                Code::Io,
                format!("failed to read the folder {shown}: {error}"),
            )
            .with_hint("check the folder's permissions"));
        }
    };
    let mut visible: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    if visible.is_empty() {
        return Ok(());
    }
    visible.sort();
    let listed = match visible.len() {
        1 => visible[0].clone(),
        2 => format!("{} and {}", visible[0], visible[1]),
        n => format!("{}, {} and {} more", visible[0], visible[1], n - 2),
    };
    Err(Diagnostic::error(
        Code::Init,
        format!("the folder {shown} is not empty (it holds {listed})"),
    )
    .with_hint(
        "init writes a new guide and never overwrites files: give a new or empty folder, e.g. \
         `guidewright init my-guide`",
    ))
}

fn print_next_steps(dir: &Path, written: usize) {
    let here = dir == Path::new(".") || dir.as_os_str().is_empty();
    let place = if here {
        "the current folder".to_string()
    } else {
        crate::terminal::visible(&dir.display().to_string()).into_owned()
    };
    println!(
        "created a new guide in {place}: guide.yaml and {} files in content/",
        written - 1
    );
    println!();
    println!("Next steps:");
    if !here {
        let dir = crate::terminal::visible(&dir.display().to_string()).into_owned();
        println!("  cd {}", quoted(&dir));
    }
    println!("  guidewright build            # builds the site into public/");
    println!("  open public/index.html in a browser (no server needed)");
    println!("  guidewright serve            # previews while you write, reloading on save");
    println!("  guidewright new section/page # adds a page with its front matter filled in");
}

/// A path as typed in a shell: quoted when it holds spaces or quotes.
fn quoted(path: &str) -> String {
    if path.contains(|c: char| c.is_whitespace() || c == '\'' || c == '"') {
        format!("'{}'", path.replace('\'', r"'\''"))
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_spaces_are_quoted_for_the_shell() {
        assert_eq!(quoted("my-guide"), "my-guide");
        assert_eq!(quoted("my guide"), "'my guide'");
        assert_eq!(quoted("it's"), r"'it'\''s'");
    }

    #[test]
    fn a_folder_of_hidden_entries_counts_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        assert!(check_empty(dir.path()).is_ok());
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let problem = check_empty(dir.path()).unwrap_err();
        assert!(problem.message.contains("notes.txt"), "{}", problem.message);
    }
}
