//! Symbolic links in a guide folder, with the real binary: a link that stays inside the guide
//! is followed; one that leads outside it, or nowhere, is an error at the link, and nothing
//! behind it is read, published or written through.
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::common::{Guide, text};

const SECRET: &str = "SECRET-3c1f: not part of the guide";

/// A folder beside the guide folder, holding a secret file and a secret folder.
fn outside(guide: &Guide) -> PathBuf {
    let outside = guide.root.parent().unwrap().join("outside");
    std::fs::create_dir_all(outside.join("folder/deeper")).unwrap();
    std::fs::write(outside.join("secret.txt"), SECRET).unwrap();
    std::fs::write(
        outside.join("folder/deeper/notes.md"),
        format!("---\ntitle: x\n---\n{SECRET}\n"),
    )
    .unwrap();
    std::fs::write(
        outside.join("page.html"),
        format!("{SECRET} {{{{ page.title }}}}"),
    )
    .unwrap();
    outside
}

fn link(guide: &Guide, target: &Path, at: &str) {
    let at = guide.root.join(at);
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    symlink(target, at).unwrap();
}

/// Every byte written anywhere below `folder`.
fn nothing_secret_in(folder: &Path) {
    for entry in walkdir::WalkDir::new(folder).into_iter().flatten() {
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("SECRET-3c1f"),
                "{} holds the secret",
                entry.path().display()
            );
        }
    }
}

/// Builds and checks the guide, expecting the same error at `at` from both.
fn refused_at(guide: &Guide, at: &str, says: &str) {
    for command in ["build", "check"] {
        let output = guide.run(&[command]);
        let (stdout, stderr) = text(&output);
        assert_eq!(output.status.code(), Some(1), "{command} {at}: {stderr}");
        assert!(stderr.contains(at), "{command} names {at}: {stderr}");
        assert!(stderr.contains(says), "{command} says {says}: {stderr}");
        assert!(!stdout.contains("SECRET") && !stderr.contains("SECRET"));
    }
    assert!(!guide.public().exists(), "nothing was published");
    nothing_secret_in(&guide.root.parent().unwrap().join("guide"));
}

#[test]
fn a_linked_file_outside_the_guide_is_an_error_at_the_link() {
    let guide = Guide::minimal();
    let outside = outside(&guide);
    link(&guide, &outside.join("secret.txt"), "content/pw.txt");
    refused_at(&guide, "content/pw.txt", "outside the guide folder");
    let (_, stderr) = text(&guide.run(&["build"]));
    assert!(
        stderr.contains(&outside.join("secret.txt").display().to_string()),
        "{stderr}"
    );
    assert!(
        stderr.contains("copy the file"),
        "the hint says what to do: {stderr}"
    );
}

#[test]
fn a_linked_folder_outside_the_guide_is_not_walked() {
    let guide = Guide::minimal();
    let outside = outside(&guide);
    link(&guide, &outside.join("folder"), "content/linked");
    refused_at(&guide, "content/linked", "outside the guide folder");
}

#[test]
fn links_in_static_templates_and_themes_are_held_to_the_same_rule() {
    for (at, target) in [
        ("static/pw.txt", "secret.txt"),
        ("static", "folder"),
        ("templates/page.html", "page.html"),
        ("themes/mine", "folder"),
        ("content/resources.yaml", "secret.txt"),
    ] {
        let guide = Guide::minimal();
        let outside = outside(&guide);
        if at.starts_with("themes/") {
            guide.write("guide.yaml", "title: Test guide\ntheme: mine\n");
        }
        link(&guide, &outside.join(target), at);
        refused_at(&guide, at, "outside the guide folder");
    }
}

#[test]
fn a_broken_link_gets_a_clear_error() {
    let guide = Guide::minimal();
    link(
        &guide,
        &guide.root.join("content/gone.pdf"),
        "content/handout.pdf",
    );
    refused_at(&guide, "content/handout.pdf", "which does not exist");
}

#[test]
fn links_that_stay_inside_the_guide_are_followed() {
    let guide = Guide::minimal();
    guide.write("content/shared/_index.md", "---\ntitle: Shared\n---\n");
    guide.write("content/shared/look-fors.pdf", "%PDF look-fors");
    guide.write("static/logo.svg", "<svg/>");
    link(
        &guide,
        &guide.root.join("content/shared/look-fors.pdf"),
        "content/handout.pdf",
    );
    link(&guide, &guide.root.join("static"), "content/static-again");
    let output = guide.run(&["build"]);
    assert!(output.status.success(), "{}", text(&output).1);
    assert_eq!(guide.read("handout.pdf"), "%PDF look-fors");
    assert_eq!(guide.read("static-again/logo.svg"), "<svg/>");
}

#[test]
fn new_never_writes_through_a_link_that_leaves_the_guide() {
    let guide = Guide::minimal();
    let outside = outside(&guide);
    link(&guide, &outside.join("folder"), "content/link");
    let output = guide.run(&["new", "link/x"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/link"), "{stderr}");
    assert!(stderr.contains("outside the guide folder"), "{stderr}");
    let written: Vec<_> = walkdir::WalkDir::new(outside.join("folder"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, ["notes.md"]);
}

#[test]
fn serve_never_serves_through_a_link_made_while_it_runs() {
    let guide = Guide::minimal();
    let outside = outside(&guide);
    guide.write("content/handout.pdf", "the public handout");
    guide.write("content/page.md", "---\ntitle: Page\n---\nPublic text.\n");
    std::fs::write(
        outside.join("page.md"),
        format!("---\ntitle: Page\n---\n{SECRET}\n"),
    )
    .unwrap();
    let server = crate::common::serve::start(&guide, &[]);
    assert!(server.get("/handout.pdf").2.contains("the public handout"));
    assert!(server.get("/page/").2.contains("Public text."));

    // Each replaced by a link to a file outside the guide, the page with the same front
    // matter, which is what the fast path re-renders.
    for (at, target) in [
        ("content/handout.pdf", "secret.txt"),
        ("content/page.md", "page.md"),
    ] {
        std::fs::remove_file(guide.root.join(at)).unwrap();
        link(&guide, &outside.join(target), at);
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut overlay = false;
    while std::time::Instant::now() < deadline && !overlay {
        for path in ["/handout.pdf", "/page/"] {
            let (_, _, body) = server.get(path);
            assert!(
                !body.contains("SECRET-3c1f"),
                "{path} served the outside file"
            );
        }
        overlay = server.get("/").2.contains("symlink-outside")
            || server.get("/").2.contains("outside the guide folder");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(overlay, "the error is shown in the browser");
    for path in ["/handout.pdf", "/page/"] {
        assert!(!server.get(path).2.contains("SECRET-3c1f"), "{path}");
    }
}
