//! The integration-test harness: copy a fixture guide into a temporary folder, build it with
//! the library or the real binary, then read what came out.

pub mod axe;
pub mod browser;
pub mod http;
pub mod links;
pub mod npm;
pub mod problems;
pub mod serve;
pub mod skip;
pub mod snapshot;
pub mod static_host;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

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
                guidewright::diagnostic::render(
                    &failed.report.problems,
                    &failed.report.texts,
                    false
                )
            ),
        }
    }

    /// Builds and expects failure; returns the rendered report.
    pub fn build_err(&self) -> (Failed, String) {
        match self.build() {
            Ok(_) => panic!("the build should have failed"),
            Err(failed) => {
                let text = guidewright::diagnostic::render(
                    &failed.report.problems,
                    &failed.report.texts,
                    false,
                );
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

    /// The real binary with `args`, to be run in the guide folder.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = binary();
        command.args(args).current_dir(&self.root);
        command
    }

    /// Runs the real binary in the guide folder.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }
}

/// The real binary, with colours off.
pub fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_guidewright"));
    command.env("NO_COLOR", "1");
    command
}

/// Standard output and error, after checking the exit code.
#[track_caller]
pub fn exits(output: &Output, code: i32) -> (String, String) {
    let (stdout, stderr) = text(output);
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    (stdout, stderr)
}

/// Every file under `dir` with its bytes, by its path below `dir`.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Every file under `dir` whose name ends in `.<extension>`, in a stable order.
pub fn files_ending(dir: &Path, extension: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_some_and(|x| x == extension))
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// Every HTML file under `dir`.
pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    files_ending(dir, "html")
}

/// The `<main>` element of a page, up to its closing tag.
#[track_caller]
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    &html[start..html.find("</main>").expect("a </main>")]
}

/// The JSON-LD script of a page, parsed.
#[track_caller]
pub fn json_ld(html: &str) -> serde_json::Value {
    const OPEN: &str = r#"<script type="application/ld+json">"#;
    let start = html.find(OPEN).expect("a JSON-LD script") + OPEN.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

/// Calls `done` until it says yes; fails with `what` after `limit`.
#[track_caller]
pub fn poll(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "timed out: {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Standard output and error of a finished command, as text.
pub fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Whether the running test is in a process of its own. Called first by a test that measures
/// its whole process (its peak memory): outside, it runs the test `name` (its path in this
/// binary) alone in a new process of this binary, checks that it passed, and says no; inside
/// that process it says yes.
#[track_caller]
pub fn own_process(name: &str) -> bool {
    const ALONE: &str = "GUIDEWRIGHT_TEST_ALONE";
    if std::env::var(ALONE).is_ok_and(|test| test == name) {
        return true;
    }
    let output = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--test-threads=1"])
        .env(ALONE, name)
        .output()
        .unwrap();
    let (stdout, stderr) = exits(&output, 0);
    assert!(
        stdout.contains("test result: ok. 1 passed"),
        "{name} did not run alone:\n{stdout}\n{stderr}"
    );
    false
}
