//! `guidewright init` and `guidewright new`, run as the real binary: what they write, what
//! they refuse, and that the guide still builds afterwards.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{Guide, exits, links, repo, tree};

/// Every file under `dir` that the guide reads (none an editor left behind), by its
/// `/`-separated path.
fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(dir)
        .into_iter()
        .filter_map(|(path, bytes)| {
            let parts: Vec<String> = path
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let read = !parts.iter().any(|part| guidewright::load::is_ignored(part));
            read.then(|| (parts.join("/"), bytes))
        })
        .collect()
}

/// The entries of a folder, by name.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Builds with the real binary and checks every link of the output.
#[track_caller]
fn builds_with_every_link_resolving(guide: &Guide) {
    exits(&guide.run(&["build", "--quiet"]), 0);
    let (broken, checked) = links::broken(&guide.public());
    assert!(
        broken.is_empty(),
        "{} broken:\n{}",
        broken.len(),
        broken.join("\n")
    );
    assert!(checked > 0);
}

/// The titles of a section's children in reading order, from a library build.
fn child_titles(guide: &Guide, section_source: &str) -> Vec<String> {
    let Ok(built) = guidewright::build::build_site(&guide.options()) else {
        panic!("the guide does not build");
    };
    let pages = &built.guide.pages;
    let section = pages
        .iter()
        .find(|p| p.source == section_source)
        .unwrap_or_else(|| panic!("no page from {section_source}"));
    section
        .children
        .iter()
        .map(|&c| pages[c].front.title.clone())
        .collect()
}

/// The front matter lines of a written file, and its body.
fn front_matter(guide: &Guide, path: &str) -> (Vec<String>, String) {
    let text = std::fs::read_to_string(guide.root.join(path)).unwrap();
    let rest = text.strip_prefix("---\n").expect("opens with a fence");
    let (yaml, body) = rest.split_once("\n---\n").expect("a closing fence");
    (yaml.lines().map(str::to_string).collect(), body.to_string())
}

/// Whether a line is `updated: YYYY-MM-DD`.
fn is_dated(line: &str) -> bool {
    let Some(date) = line.strip_prefix("updated: ") else {
        return false;
    };
    let parts: Vec<&str> = date.split('-').collect();
    parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(len, part)| part.len() == *len && part.bytes().all(|b| b.is_ascii_digit()))
        && date >= "2025-01-01"
}

/// A small guide with one section whose children carry weights up to 45.
fn coaching_guide() -> Guide {
    let guide = Guide::minimal();
    guide.write(
        "content/coaching/_index.md",
        "---\ntitle: Coaching\nweight: 1\n---\nCoaching.\n",
    );
    guide.write(
        "content/coaching/first.md",
        "---\ntitle: First\nweight: 10\n---\nOne.\n",
    );
    guide.write(
        "content/coaching/second.md",
        "---\ntitle: Second\nweight: 35\n---\nTwo.\n",
    );
    guide.write(
        "content/coaching/unweighted.md",
        "---\ntitle: Zed\n---\nZ.\n",
    );
    guide.write(
        "content/coaching/cycles/_index.md",
        "---\ntitle: Cycles\nweight: 40\n---\nCycles.\n",
    );
    guide.write(
        "content/coaching/visit/index.md",
        "---\ntitle: Visit\nweight: 45\n---\nA bundle.\n",
    );
    guide.build_ok();
    guide
}

#[test]
fn help_lists_init_and_new() {
    let guide = Guide::bare();
    let (stdout, _) = exits(&guide.run(&["--help"]), 0);
    assert!(stdout.contains("init "), "{stdout}");
    assert!(stdout.contains("new "), "{stdout}");
    let (stdout, _) = exits(&guide.run(&["init", "--help"]), 0);
    assert!(stdout.contains("[DIR]"), "{stdout}");
    let (stdout, _) = exits(&guide.run(&["new", "--help"]), 0);
    assert!(
        stdout.contains("<PATH>") && stdout.contains("--root"),
        "{stdout}"
    );
}

#[test]
fn init_writes_the_sample_guide_into_an_empty_folder_and_it_builds() {
    let guide = Guide::bare();
    let (stdout, stderr) = exits(&guide.run(&["init"]), 0);
    assert!(stderr.is_empty(), "{stderr}");
    for step in [
        "guidewright build",
        "public/index.html",
        "guidewright serve",
    ] {
        assert!(stdout.contains(step), "{step:?} missing from\n{stdout}");
    }
    assert!(
        !stdout.contains("cd "),
        "no `cd` into the current folder:\n{stdout}"
    );

    assert_eq!(listing(&guide.root), ["content", "guide.yaml"]);
    assert_eq!(
        std::fs::read(guide.root.join("guide.yaml")).unwrap(),
        std::fs::read(repo().join("guide.yaml")).unwrap()
    );
    let written = files_under(&guide.root.join("content"));
    let sample = files_under(&repo().join("content"));
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        sample.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &sample {
        assert!(
            written[path] == *bytes,
            "content/{path} differs from the sample"
        );
    }
    assert!(sample.contains_key("leading-teams/peer-observation/observation-look-fors.pdf"));

    builds_with_every_link_resolving(&guide);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let guide = Guide::bare();
    guide.write("notes.md", "my notes\n");
    let (stdout, stderr) = exits(&guide.run(&["init"]), 1);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert!(stderr.contains("notes.md"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert_eq!(listing(&guide.root), ["notes.md"]);

    let (_, stderr) = exits(&guide.run(&["init", "."]), 1);
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert_eq!(listing(&guide.root), ["notes.md"]);
}

#[test]
fn init_refuses_a_named_folder_that_is_not_empty_naming_it() {
    let guide = Guide::bare();
    guide.write("mine/guide.yaml", "title: Mine\n");
    let (_, stderr) = exits(&guide.run(&["init", "mine"]), 1);
    assert!(stderr.contains("the folder mine is not empty"), "{stderr}");
    assert_eq!(listing(&guide.root.join("mine")), ["guide.yaml"]);
    assert_eq!(
        std::fs::read_to_string(guide.root.join("mine/guide.yaml")).unwrap(),
        "title: Mine\n"
    );
}

#[test]
fn init_accepts_a_folder_holding_only_hidden_entries() {
    let guide = Guide::bare();
    guide.write(".git/HEAD", "ref: refs/heads/main\n");
    exits(&guide.run(&["init"]), 0);
    assert_eq!(listing(&guide.root), [".git", "content", "guide.yaml"]);
}

#[test]
fn init_creates_a_missing_folder() {
    let guide = Guide::bare();
    let (stdout, _) = exits(&guide.run(&["init", "guides/new-guide"]), 0);
    assert!(stdout.contains("cd guides/new-guide"), "{stdout}");
    let made = guide.root.join("guides/new-guide");
    assert_eq!(listing(&made), ["content", "guide.yaml"]);
    assert_eq!(
        files_under(&made.join("content")).len(),
        files_under(&repo().join("content")).len()
    );
    exits(
        &guide.run(&["build", "--quiet", "--root", "guides/new-guide"]),
        0,
    );
    assert!(made.join("public/index.html").is_file());
}

#[test]
fn new_creates_a_page_weighted_after_its_siblings() {
    let guide = coaching_guide();
    let (stdout, stderr) = exits(&guide.run(&["new", "coaching/peer-coaching"]), 0);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(stdout, "created content/coaching/peer-coaching.md\n");

    let (yaml, body) = front_matter(&guide, "content/coaching/peer-coaching.md");
    assert_eq!(yaml[0], "title: Peer coaching");
    // The largest sibling weight is the bundle's 45; pages and subsections both count.
    assert_eq!(yaml[1], "weight: 55");
    assert!(is_dated(&yaml[2]), "{yaml:?}");
    assert_eq!(yaml.len(), 3, "no summary or other keys: {yaml:?}");
    assert!(
        body.trim().starts_with("<!--") && body.trim().ends_with("-->"),
        "{body}"
    );

    builds_with_every_link_resolving(&guide);
    assert!(
        guide
            .public()
            .join("coaching/peer-coaching/index.html")
            .is_file()
    );
    assert_eq!(
        child_titles(&guide, "coaching/_index.md"),
        ["First", "Second", "Cycles", "Visit", "Peer coaching", "Zed"]
    );
}

#[test]
fn new_weights_the_first_page_of_an_empty_section_10() {
    let guide = Guide::minimal();
    guide.write(
        "content/funding/_index.md",
        "---\ntitle: Funding\n---\nMoney.\n",
    );
    exits(&guide.run(&["new", "funding/grants"]), 0);
    let (yaml, _) = front_matter(&guide, "content/funding/grants.md");
    assert_eq!(yaml[..2], ["title: Grants", "weight: 10"]);
    guide.build_ok();
}

#[test]
fn new_creates_a_section_after_the_sibling_sections() {
    let guide = Guide::sample();
    let (stdout, _) = exits(&guide.run(&["new", "peer-coaching/"]), 0);
    assert_eq!(stdout, "created content/peer-coaching/_index.md\n");
    let (yaml, _) = front_matter(&guide, "content/peer-coaching/_index.md");
    // The sample's seven sections are weighted 1 to 7.
    assert_eq!(yaml[..2], ["title: Peer coaching", "weight: 17"]);
    assert!(is_dated(&yaml[2]), "{yaml:?}");

    builds_with_every_link_resolving(&guide);
    let titles = child_titles(&guide, "_index.md");
    assert_eq!(titles.len(), 8);
    assert_eq!(titles[0], "Defining teacher-leader roles");
    assert_eq!(titles[7], "Peer coaching");
}

#[test]
fn new_creates_the_sections_a_nested_page_lacks() {
    let guide = coaching_guide();
    let (stdout, _) = exits(
        &guide.run(&["new", "mentoring/first-year/welcome-checklist"]),
        0,
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(
        lines[0].starts_with("created content/mentoring/_index.md (")
            && lines[0].contains("no _index.md"),
        "{stdout}"
    );
    assert!(lines[1].starts_with("created content/mentoring/first-year/_index.md ("));
    assert_eq!(
        lines[2],
        "created content/mentoring/first-year/welcome-checklist.md"
    );

    let (yaml, _) = front_matter(&guide, "content/mentoring/_index.md");
    // After the Coaching section (weight 1).
    assert_eq!(yaml[..2], ["title: Mentoring", "weight: 11"]);
    let (yaml, _) = front_matter(&guide, "content/mentoring/first-year/_index.md");
    assert_eq!(yaml[..2], ["title: First year", "weight: 10"]);
    let (yaml, _) = front_matter(&guide, "content/mentoring/first-year/welcome-checklist.md");
    assert_eq!(yaml[..2], ["title: Welcome checklist", "weight: 10"]);

    builds_with_every_link_resolving(&guide);
    assert!(
        guide
            .public()
            .join("mentoring/first-year/welcome-checklist/index.html")
            .is_file()
    );
}

#[test]
fn new_fills_in_a_folder_that_has_pages_but_no_section() {
    let guide = Guide::minimal();
    guide.write("content/notes/draft.md", "---\ntitle: Draft\n---\nText.\n");
    guide.build_err();
    let (stdout, _) = exits(&guide.run(&["new", "notes/more"]), 0);
    assert!(
        stdout.contains("created content/notes/_index.md"),
        "{stdout}"
    );
    guide.build_ok();
}

#[test]
fn new_takes_a_path_ending_in_md_as_it_is() {
    let guide = coaching_guide();
    exits(&guide.run(&["new", "coaching/visit_notes.md"]), 0);
    let (yaml, _) = front_matter(&guide, "content/coaching/visit_notes.md");
    assert_eq!(yaml[..2], ["title: Visit notes", "weight: 55"]);
    exits(&guide.run(&["new", "content/coaching/cycles/_index.md"]), 1);
    exits(
        &guide.run(&["new", "content/coaching/cycles/planning.md"]),
        0,
    );
    assert!(
        guide
            .root
            .join("content/coaching/cycles/planning.md")
            .is_file()
    );
    builds_with_every_link_resolving(&guide);
}

#[test]
fn new_refuses_to_overwrite() {
    let guide = coaching_guide();
    let before = files_under(&guide.root.join("content"));
    for path in [
        "coaching/first",
        "coaching/first.md",
        "coaching/",
        "coaching/visit/index.md",
    ] {
        let (stdout, stderr) = exits(&guide.run(&["new", path]), 1);
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains("already exists"), "{path}: {stderr}");
        assert!(stderr.contains("hint:"), "{stderr}");
    }
    assert_eq!(files_under(&guide.root.join("content")), before);
}

#[test]
fn new_refuses_paths_leaving_content() {
    let guide = coaching_guide();
    let before = listing(&guide.root);
    for path in ["../escape", "coaching/../../escape", "coaching/../x"] {
        let (_, stderr) = exits(&guide.run(&["new", path]), 1);
        assert!(stderr.contains("leaves content/"), "{path}: {stderr}");
    }
    assert_eq!(listing(&guide.root), before);
    assert!(!guide.root.join("escape.md").exists());
    assert!(!guide.root.join("content/x.md").exists());
    assert!(!guide.root.parent().unwrap().join("escape.md").exists());
}

#[test]
fn new_refuses_files_that_would_share_an_address_or_sit_in_a_bundle() {
    let guide = coaching_guide();
    let before = files_under(&guide.root.join("content"));
    for (path, expected) in [
        ("coaching/cycles", "same address"),
        ("coaching/second/", "same address"),
        ("coaching/visit/photos", "inside the page bundle"),
        ("coaching/visit/more/", "inside the page bundle"),
    ] {
        let (_, stderr) = exits(&guide.run(&["new", path]), 1);
        assert!(stderr.contains(expected), "{path}: {stderr}");
    }
    assert_eq!(files_under(&guide.root.join("content")), before);
}

#[test]
fn new_needs_a_guide_folder() {
    let guide = Guide::bare();
    let (_, stderr) = exits(&guide.run(&["new", "a/b"]), 1);
    assert!(
        stderr.contains("no guide.yaml in the current folder"),
        "{stderr}"
    );
    assert!(stderr.contains("--root"), "{stderr}");
    assert!(listing(&guide.root).is_empty());
}

#[test]
fn new_root_option_writes_into_another_folder() {
    let guide = Guide::bare();
    exits(&guide.run(&["init", "site"]), 0);
    let (stdout, _) = exits(
        &guide.run(&["new", "--root", "site", "selecting/references"]),
        0,
    );
    assert_eq!(
        stdout,
        format!(
            "created {}\n",
            Path::new("site")
                .join("content/selecting/references.md")
                .display()
        )
    );
    let (yaml, _) = front_matter(&guide, "site/content/selecting/references.md");
    // The sample's selecting/ pages are weighted 10 to 40.
    assert_eq!(yaml[..2], ["title: References", "weight: 50"]);
    exits(&guide.run(&["build", "--quiet", "--root", "site"]), 0);
}

#[test]
fn new_puts_the_hint_in_front_matter_when_raw_html_is_off() {
    let guide = Guide::bare();
    guide.write(
        "guide.yaml",
        "title: Plain\nmarkdown: { raw_html: false }\n",
    );
    guide.write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
    exits(&guide.run(&["new", "plain-page"]), 0);
    let (yaml, body) = front_matter(&guide, "content/plain-page.md");
    assert!(yaml.iter().any(|l| l.starts_with("# ")), "{yaml:?}");
    assert!(!body.contains("<!--"), "{body}");
    guide.build_ok();
    let html = guide.read("plain-page/index.html");
    assert!(
        !html.contains("Write in Markdown"),
        "the hint shows:\n{html}"
    );
}
