//! Snapshot tests (insta): a report or a page compared whole with its file under
//! `tests/it/snapshots/`, temporary paths redacted. After a change made on purpose, rewrite
//! the snapshots with `INSTA_UPDATE=always cargo test --test it` and review them in the diff.

use super::{Guide, text};

impl Guide {
    /// What `guidewright check` says in the guide folder, as a snapshot holds it: the exit
    /// code, then standard output and standard error, temporary paths redacted.
    pub fn check_report(&self, args: &[&str]) -> (i32, String) {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        let output = self.run(&all);
        let code = output.status.code().expect("check exits with a code");
        let (stdout, stderr) = text(&output);
        let mut report = format!("exit {code}\n");
        for (name, shown) in [("stdout", stdout), ("stderr", stderr)] {
            if !shown.is_empty() {
                report.push_str(&format!("--- {name}\n{shown}"));
            }
        }
        (code, self.redact(&report))
    }

    /// `text` with the guide's temporary folder shown as `[temp]`.
    pub fn redact(&self, text: &str) -> String {
        let temp = self._dir.path();
        let real = temp.canonicalize().unwrap_or_else(|_| temp.to_path_buf());
        text.replace(&real.display().to_string(), "[temp]")
            .replace(&temp.display().to_string(), "[temp]")
    }
}
