//! Checkers from the npm registry (axe-core, vnu-jar), installed by `.ci/run` into
//! `.ci/node_modules` from the pinned `.ci/package.json`. Outside CI a missing package skips
//! the test, saying so (see `skip.rs`); in CI (`CI=true`) it fails.

use std::path::PathBuf;

/// The file `relative` inside `.ci/node_modules` (or `$GUIDEWRIGHT_NODE_MODULES`), or `None`
/// after saying how to install it.
pub fn package_file(relative: &str) -> Option<PathBuf> {
    let modules = std::env::var_os("GUIDEWRIGHT_NODE_MODULES")
        .map(PathBuf::from)
        .unwrap_or_else(|| super::repo().join(".ci/node_modules"));
    let file = modules.join(relative);
    if file.is_file() {
        return Some(file);
    }
    super::skip::skipped(&format!(
        "{} is missing; run `npm install --prefix .ci --ignore-scripts`",
        file.display()
    ));
    None
}
