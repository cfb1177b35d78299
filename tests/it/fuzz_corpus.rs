//! Replays the fuzzing regression corpus: every file of `tests/fuzz-regressions/<target>/`
//! (the seeds, each input that once crashed or hung a fuzz target, and a minimized sample of
//! the fuzzers' corpora) goes through the same library calls as the fuzz target `<target>`,
//! which must neither panic nor take long. See docs/fuzzing.md.

#[path = "../../fuzz/src/lib.rs"]
mod harness;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Far above what any input of the corpus takes, even unoptimized on a busy machine: an input
/// over it has found a blowup again.
const SLOW: Duration = Duration::from_secs(20);

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files
}

/// Runs `run` on every input of `target`, then fails naming every input that panicked or was slow.
fn replay(target: &str, run: impl Fn(&[u8])) {
    let mut failures = Vec::new();
    for path in inputs(target) {
        let data = std::fs::read(&path).expect("read an input");
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| run(&data)));
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if start.elapsed() > Duration::from_secs(1) {
            eprintln!("{target}/{name}: {:?}", start.elapsed());
        }
        if outcome.is_err() {
            failures.push(format!("{name}: panicked"));
        } else if start.elapsed() > SLOW {
            failures.push(format!("{name}: took {:?}", start.elapsed()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of tests/fuzz-regressions/{target}/ failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn front_matter_inputs() {
    replay("front_matter", harness::front_matter);
}

#[test]
fn markdown_inputs() {
    replay("markdown", harness::markdown);
}

#[test]
fn config_inputs() {
    replay("config", harness::config);
}

#[test]
fn catalog_inputs() {
    let guide = tempfile::tempdir().expect("a temporary folder");
    replay("catalog", |data| harness::catalog(guide.path(), data));
}
