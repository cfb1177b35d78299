//! The output folder across builds: a rebuild replaces the site whole, yet a file whose bytes
//! did not change is not rewritten — it keeps its modification time, so sync tools (rsync,
//! object-store uploaders) and caches see only what changed.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::common::{Guide, tree};

/// A modification time far in the past, set on every output file before the rebuild.
fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

fn age_every_file(folder: &Path) {
    for entry in walkdir::WalkDir::new(folder).into_iter().flatten() {
        if entry.file_type().is_file() {
            std::fs::File::options()
                .write(true)
                .open(entry.path())
                .and_then(|f| f.set_modified(long_ago()))
                .unwrap();
        }
    }
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn a_rebuild_rewrites_only_the_files_that_changed() {
    let guide = Guide::fixture("navigation");
    guide.build_ok();
    let public = guide.public();
    age_every_file(&public);

    // One page's body changes; its neighbours' pages only show its title, which stays.
    let edited = guide.root.join("content/b-section/sub/deep.md");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("{text}\nA new closing paragraph.\n")).unwrap();
    // A page goes away.
    std::fs::remove_file(guide.root.join("content/a-section/weighted.md")).unwrap();
    guide.build_ok();

    let page = public.join("b-section/sub/deep/index.html");
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("A new closing paragraph.")
    );
    assert_ne!(modified(&page), long_ago(), "the edited page was written");
    // The print edition shows every page's text, so it changed too.
    assert_ne!(modified(&public.join("print/index.html")), long_ago());
    assert!(
        !public.join("a-section/weighted/index.html").exists(),
        "gone"
    );

    // Unchanged: a page in another section, the theme's files, a copied asset.
    for same in [
        "b-section/p1/index.html",
        "theme/guide.css",
        "img/logo.svg",
        "a-section/bundle/handout.txt",
    ] {
        assert_eq!(
            modified(&public.join(same)),
            long_ago(),
            "{same} was not rewritten"
        );
    }
    // Some pages did change (the sidebar of a-section lost the weighted page), and were rewritten.
    assert_ne!(
        modified(&public.join("a-section/alpha/index.html")),
        long_ago()
    );

    // Everything equals a clean build of the same guide.
    let clean = tempfile::tempdir().unwrap();
    let mut options = guide.options();
    options.output = Some(clean.path().join("site"));
    guidewright::build::build(&options).unwrap_or_else(|_| panic!("clean build"));
    assert!(tree(&public) == tree(&clean.path().join("site")));
}
