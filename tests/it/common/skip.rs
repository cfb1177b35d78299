//! Tests that need a tool this machine may lack (Chromium and chromedriver, an npm checker)
//! are skipped without it, and say so where `cargo test` shows it; under `CI=true` they fail.
//!
//! libtest has no way to mark a test ignored while it runs (`#[ignore]` is decided when the
//! test is compiled), and it captures what a passing test prints with `print!`/`eprint!`.
//! A write to the standard-error handle itself is not captured, so the line below appears in
//! the output of every `cargo test`, just above the test's own `... ok` line.

use std::io::Write;

/// Says that the running test is skipped for `reason`; panics instead under `CI=true`.
#[track_caller]
pub fn skipped(reason: &str) {
    let current = std::thread::current();
    let test = current.name().unwrap_or("a test");
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: {reason} (CI requires it)");
    }
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {test}: {reason}");
}
