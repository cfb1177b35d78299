//! The integration-test harness: copy a fixture guide into a temporary folder, build it with
//! the library or the real binary, then read what came out.
#![allow(dead_code)]

pub mod axe;
pub mod browser;
pub mod links;
pub mod npm;
pub mod problems;
pub mod serve;
pub mod static_host;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use guidewright::build::{self, BuildOptions, Failed, Summary};

/// A guide folder in a temporary directory.
pub struct Guide {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

/// The repository folder, where the sample guide and `tests/fixtures/` live.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the folder `from` to `to`, every file of it.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Guide {
    /// A copy of `tests/fixtures/<name>/`.
    pub fn fixture(name: &str) -> Self {
        let guide = Guide::bare();
        copy_tree(&repo().join("tests/fixtures").join(name), &guide.root);
        guide
    }

    /// A copy of the bundled sample guide (guide.yaml and content/ of the repository).
    pub fn sample() -> Self {
        let guide = Guide::bare();
        std::fs::copy(repo().join("guide.yaml"), guide.root.join("guide.yaml")).unwrap();
        copy_tree(&repo().join("content"), &guide.root.join("content"));
        guide
    }

    /// A minimal guide: settings and a home page.
    pub fn minimal() -> Self {
        let guide = Guide::bare();
        guide.write("guide.yaml", "title: Test guide\n");
        guide.write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
        guide
    }

    /// An empty folder.
    pub fn bare() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("guide");
        std::fs::create_dir_all(&root).unwrap();
        Guide { _dir: dir, root }
    }

    /// Writes a file of the guide folder.
    pub fn write(&self, path: &str, text: impl AsRef<[u8]>) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            ..BuildOptions::default()
        }
    }

    /// Builds with the library into `public/`.
    pub fn build(&self) -> Result<Summary, Failed> {
        build::build(&self.options())
    }

    /// Builds and expects success.
    pub fn build_ok(&self) -> Summary {
        match self.build() {
            Ok(summary) => summary,
            Err(failed) => panic!(
                "build failed:\n{}",
                guidewright::diagnostic::render(&failed.problems, &failed.texts, false)
            ),
        }
    }

    /// Builds and expects failure; returns the rendered report.
    pub fn build_err(&self) -> (Failed, String) {
        match self.build() {
            Ok(_) => panic!("the build should have failed"),
            Err(failed) => {
                let text = guidewright::diagnostic::render(&failed.problems, &failed.texts, false);
                (failed, text)
            }
        }
    }

    /// The output folder.
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// A file of the output folder.
    pub fn read(&self, path: &str) -> String {
        let path = self.public().join(path);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Runs the real binary in the guide folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_guidewright"))
            .args(args)
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }
}

/// Standard output and error of a finished command, as text.
pub fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
