//! The real binary: its options, exit codes, and what it prints where.

use std::path::Path;
use std::process::Output;

use crate::common::{Guide, binary, exits, html_files, links};

/// Runs the binary in `cwd` with `env` set.
fn run_in(cwd: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = binary();
    command.args(args).current_dir(cwd);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

/// The page count of a summary line `built N pages in X s …`.
#[track_caller]
fn summary_pages(line: &str) -> usize {
    let rest = line
        .strip_prefix("built ")
        .unwrap_or_else(|| panic!("not a summary line: {line:?}"));
    let (pages, rest) = rest.split_once(" pages in ").unwrap();
    let (seconds, _) = rest.split_once(" s").unwrap();
    seconds
        .parse::<f64>()
        .unwrap_or_else(|_| panic!("no time in {line:?}"));
    pages.parse().unwrap()
}

#[test]
fn help_prints_usage() {
    let guide = Guide::bare();
    let (stdout, stderr) = exits(&guide.run(&["--help"]), 0);
    assert!(stdout.contains("Usage: guidewright <COMMAND>"), "{stdout}");
    assert!(stdout.contains("build"), "{stdout}");
    assert!(stderr.is_empty(), "{stderr}");
    let (stdout, _) = exits(&guide.run(&["build", "--help"]), 0);
    for option in ["--root", "--output", "--drafts", "--base-url", "--quiet"] {
        assert!(stdout.contains(option), "{option} missing from\n{stdout}");
    }
}

#[test]
fn version_prints_the_crate_version() {
    let guide = Guide::bare();
    let (stdout, _) = exits(&guide.run(&["--version"]), 0);
    assert_eq!(
        stdout,
        format!("guidewright {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn build_prints_one_summary_line() {
    let guide = Guide::fixture("nested");
    let (stdout, stderr) = exits(&guide.run(&["build"]), 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    // Five content pages, the audience index, the one audience value in use and the print
    // edition.
    assert_eq!(summary_pages(lines[0]), 8, "{stdout}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(guide.public().join("coaching/cycle/index.html").is_file());
    let (broken, checked) = links::broken(&guide.public());
    assert!(broken.is_empty(), "{broken:?}");
    assert!(checked > 20, "only {checked} links checked");
}

#[test]
fn build_quiet_prints_nothing() {
    let guide = Guide::fixture("nested");
    let (stdout, stderr) = exits(&guide.run(&["build", "--quiet"]), 0);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(guide.public().join("index.html").is_file());
    let (stdout, _) = exits(&guide.run(&["build", "-q"]), 0);
    assert!(stdout.is_empty(), "{stdout}");
}

#[test]
fn broken_guide_exits_1_with_located_report() {
    let guide = Guide::fixture("broken");
    let (stdout, stderr) = exits(&guide.run(&["build"]), 1);
    assert!(stdout.is_empty(), "{stdout}");
    // Place, source line and hint of each problem.
    for expected in [
        "┌─ content/sec/typo.md:3:1",
        "3 │ competences: [tlms-1]",
        "= hint: did you mean `competencies`?",
        "┌─ content/_index.md:4:56",
        "Read [the section](sec/_index.md) and [a missing page](sec/nope.md).",
        "┌─ content/sec/bad-yaml.md:3:13",
        "┌─ content/sec/anchor.md:3:1",
        "= hint: did you mean `principal`?",
        "┌─ content/sec/anchor.md:7:21",
        "error[front-matter]: unknown front-matter key `competences`",
        "error[broken-link]:",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected:?} missing from\n{stderr}"
        );
    }
    let errors = stderr.matches("error[").count();
    assert_eq!(errors, 5, "{stderr}");
    let last = stderr.lines().last().unwrap();
    assert!(
        last.starts_with(&format!("build failed: {errors} errors")),
        "{last}"
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "no colour when NO_COLOR is set or not a terminal"
    );
    assert!(!guide.public().exists());
}

#[test]
fn broken_guide_with_one_error_says_error() {
    let guide = Guide::minimal();
    guide.write("content/page.md", "---\ntitle: A\nweight: heavy\n---\n");
    let (_, stderr) = exits(&guide.run(&["build", "--quiet"]), 1);
    assert!(stderr.contains("┌─ content/page.md:3:9"), "{stderr}");
    assert!(stderr.contains("3 │ weight: heavy"), "{stderr}");
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("build failed: 1 error;"),
        "{stderr}"
    );
}

#[test]
fn no_settings_exits_1() {
    let guide = Guide::bare();
    let (_, stderr) = exits(&guide.run(&["build"]), 1);
    assert!(stderr.contains("error[no-settings]"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
}

#[test]
fn unknown_flag_exits_2() {
    let guide = Guide::fixture("nested");
    let (stdout, stderr) = exits(&guide.run(&["build", "--no-such-flag"]), 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("--no-such-flag"), "{stderr}");
    assert!(stderr.contains("Usage:"), "{stderr}");
    assert!(!guide.public().exists());
    exits(&guide.run(&["no-such-command"]), 2);
    exits(&guide.run(&[]), 2);
}

#[test]
fn root_option_builds_a_guide_from_another_folder() {
    let guide = Guide::fixture("nested");
    let elsewhere = tempfile::tempdir().unwrap();
    let root = guide.root.to_str().unwrap();
    let (stdout, _) = exits(
        &run_in(elsewhere.path(), &["build", "--root", root], &[]),
        0,
    );
    assert_eq!(summary_pages(stdout.trim_end()), 8);
    assert!(guide.public().join("index.html").is_file());
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).unwrap().count(),
        0,
        "nothing written in the current folder"
    );
}

#[test]
fn output_option_writes_elsewhere() {
    let guide = Guide::fixture("nested");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let (stdout, _) = exits(
        &guide.run(&["build", "--output", site.to_str().unwrap()]),
        0,
    );
    assert!(stdout.contains(site.to_str().unwrap()), "{stdout}");
    assert!(site.join("index.html").is_file());
    assert!(
        site.join("coaching/observation/peer-visits/look-fors.txt")
            .is_file()
    );
    assert!(!guide.public().exists());
    // A relative --output is relative to the current folder.
    exits(&guide.run(&["build", "-o", "elsewhere"]), 0);
    assert!(guide.root.join("elsewhere/index.html").is_file());
}

#[test]
fn output_option_refuses_dangerous_folders() {
    let guide = Guide::fixture("nested");
    for output in [".", "..", "content"] {
        let (stdout, stderr) = exits(&guide.run(&["build", "--output", output]), 1);
        assert!(stdout.is_empty());
        assert!(
            stderr.contains("error[output-folder]"),
            "{output}: {stderr}"
        );
    }
    assert!(guide.root.join("content/_index.md").is_file());
    assert!(guide.root.join("guide.yaml").is_file());
}

#[test]
fn output_option_refuses_the_home_folder() {
    let guide = Guide::fixture("nested");
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(".guidewright"), "").unwrap();
    std::fs::write(home.path().join(".profile"), "mine").unwrap();
    let (_, stderr) = exits(
        &run_in(
            &guide.root,
            &["build", "--output", home.path().to_str().unwrap()],
            &[("HOME", home.path())],
        ),
        1,
    );
    assert!(stderr.contains("is the home folder"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(home.path().join(".profile")).unwrap(),
        "mine"
    );
}

#[test]
fn base_url_adds_a_sitemap_and_canonical_links() {
    let guide = Guide::fixture("nested");
    exits(
        &guide.run(&["build", "--base-url", "https://example.org/g"]),
        0,
    );
    let sitemap = guide.read("sitemap.xml");
    assert!(sitemap.starts_with("<?xml"), "{sitemap}");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|rest| rest.split_once("</loc>").unwrap().0)
        .collect();
    assert_eq!(locs.len(), 5, "{sitemap}");
    for loc in &locs {
        assert!(loc.starts_with("https://example.org/g/"), "{loc}");
    }
    assert!(locs.contains(&"https://example.org/g/"));
    assert!(locs.contains(&"https://example.org/g/coaching/observation/peer-visits/"));
    assert!(
        sitemap.contains("<lastmod>2024-02-29</lastmod>"),
        "{sitemap}"
    );
    let page = guide.read("coaching/cycle/index.html");
    assert!(
        page.contains(r#"<link rel="canonical" href="https://example.org/g/coaching/cycle/">"#),
        "{page}"
    );
    for file in html_files(&guide.public()) {
        if file.ends_with("404.html") {
            continue;
        }
        let html = std::fs::read_to_string(&file).unwrap();
        assert!(
            html.contains(r#"<link rel="canonical" href="https://example.org/g/"#),
            "{}",
            file.display()
        );
    }
}

#[test]
fn without_base_url_there_is_no_sitemap_or_canonical_link() {
    let guide = Guide::fixture("nested");
    exits(&guide.run(&["build"]), 0);
    assert!(!guide.public().join("sitemap.xml").exists());
    let files = html_files(&guide.public());
    assert!(files.len() >= 5);
    for file in files {
        let html = std::fs::read_to_string(&file).unwrap();
        assert!(!html.contains(r#"rel="canonical""#), "{}", file.display());
    }
}

#[test]
fn bad_base_url_exits_1() {
    let guide = Guide::fixture("nested");
    let (_, stderr) = exits(&guide.run(&["build", "--base-url", "example.org"]), 1);
    assert!(stderr.contains("error[base-url]"), "{stderr}");
    assert!(!guide.public().exists());
}

#[test]
fn drafts_option_includes_draft_pages() {
    let guide = Guide::fixture("nested");
    let (stdout, _) = exits(&guide.run(&["build"]), 0);
    assert_eq!(summary_pages(stdout.trim_end()), 8);
    assert!(!guide.public().join("coaching/draft-notes").exists());
    let (stdout, _) = exits(&guide.run(&["build", "--drafts"]), 0);
    assert_eq!(summary_pages(stdout.trim_end()), 9);
    assert!(
        guide
            .read("coaching/draft-notes/index.html")
            .contains("Draft notes")
    );
}
