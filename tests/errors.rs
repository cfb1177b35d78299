//! Every kind of bad input is reported as a diagnostic at its exact place — file, line,
//! column, code, message and hint — never as a panic, a hang or a half-written site.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use common::Guide;
use guidewright::build::{self, BuildOptions, Failed};
use guidewright::diagnostic::Diagnostic;

/// What a diagnostic must say. `line` and `column` are 0 for problems of a whole file.
struct Expected<'a> {
    code: &'a str,
    file: Option<&'a str>,
    line: usize,
    column: usize,
    message: &'a str,
    hint: &'a str,
}

#[track_caller]
fn check(diagnostic: &Diagnostic, expected: &Expected<'_>) {
    let shown = format!("{diagnostic:?}");
    assert_eq!(diagnostic.code, expected.code, "code of {shown}");
    assert_eq!(
        diagnostic.file.as_deref(),
        expected.file.map(Path::new),
        "file of {shown}"
    );
    assert_eq!(
        (diagnostic.line, diagnostic.column),
        (expected.line, expected.column),
        "place of {shown}"
    );
    assert!(
        diagnostic.message.contains(expected.message),
        "message of {shown} should contain {:?}",
        expected.message
    );
    let hint = diagnostic.hint.as_deref().unwrap_or("");
    assert!(
        hint.contains(expected.hint),
        "hint of {shown} should contain {:?}",
        expected.hint
    );
}

/// The one problem of a failed build.
#[track_caller]
fn only(failed: &Failed, report: &str) -> Diagnostic {
    assert_eq!(failed.problems.len(), 1, "expected one problem:\n{report}");
    failed.problems[0].clone()
}

/// Builds and expects exactly one problem, checked against `expected`.
#[track_caller]
fn fails_with(guide: &Guide, expected: Expected<'_>) -> String {
    let (failed, report) = guide.build_err();
    check(&only(&failed, &report), &expected);
    report
}

/// A guide with one page `content/page.md` holding `text`.
fn with_page(text: impl AsRef<[u8]>) -> Guide {
    let guide = Guide::minimal();
    guide.write("content/page.md", text);
    guide
}

/// A guide whose settings declare the `audience` taxonomy.
fn with_audience() -> Guide {
    let guide = Guide::minimal();
    guide.write(
        "guide.yaml",
        "title: Test guide\ntaxonomies:\n  audience: { title: Audience, values: [teacher, principal] }\n",
    );
    guide
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
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

// Settings and front-matter keys.

#[test]
fn unknown_front_matter_key_suggests_the_nearest() {
    let guide = with_page("---\ntitle: A\ncompetences: [tlms-1]\n---\nBody.\n");
    let report = fails_with(
        &guide,
        Expected {
            code: "front-matter",
            file: Some("content/page.md"),
            line: 3,
            column: 1,
            message: "unknown front-matter key `competences`",
            hint: "did you mean `competencies`?",
        },
    );
    assert!(report.contains("content/page.md:3:1"), "{report}");
    assert!(report.contains("competences: [tlms-1]"), "{report}");
}

#[test]
fn unknown_settings_key_suggests_the_nearest() {
    let guide = Guide::minimal();
    guide.write("guide.yaml", "title: Test guide\ntheem: default\n");
    fails_with(
        &guide,
        Expected {
            code: "yaml",
            file: Some("guide.yaml"),
            line: 2,
            column: 1,
            message: "unknown key `theem`",
            hint: "did you mean `theme`?",
        },
    );
}

#[test]
fn unknown_nested_settings_key_suggests_the_nearest() {
    let guide = Guide::minimal();
    guide.write(
        "guide.yaml",
        "title: Test guide\nmarkdown:\n  raw_html: true\n  smart_punctuaton: false\n",
    );
    fails_with(
        &guide,
        Expected {
            code: "yaml",
            file: Some("guide.yaml"),
            line: 4,
            column: 3,
            message: "unknown key `smart_punctuaton`",
            hint: "did you mean `smart_punctuation`?",
        },
    );
}

#[test]
fn taxonomy_value_must_be_declared() {
    let guide = with_audience();
    guide.write(
        "content/page.md",
        "---\ntitle: A\naudience: [teacher, principle]\n---\n",
    );
    fails_with(
        &guide,
        Expected {
            code: "front-matter",
            file: Some("content/page.md"),
            line: 3,
            column: 1,
            message: "`principle` is not a value of taxonomy `audience`",
            hint: "did you mean `principal`?",
        },
    );
}

#[test]
fn settings_without_a_title() {
    let guide = Guide::minimal();
    guide.write("guide.yaml", "description: No title here\n");
    fails_with(
        &guide,
        Expected {
            code: "yaml",
            file: Some("guide.yaml"),
            line: 1,
            column: 1,
            message: "missing field `title`",
            hint: "add `title: …`",
        },
    );
}

#[test]
fn repeated_settings_key_points_at_the_repeat() {
    let guide = Guide::minimal();
    guide.write("guide.yaml", "title: One\nlanguage: en\ntitle: Two\n");
    fails_with(
        &guide,
        Expected {
            code: "yaml",
            file: Some("guide.yaml"),
            line: 3,
            column: 1,
            message: "duplicate key `title`",
            hint: "remove or merge one of the `title:` lines",
        },
    );
}

// Broken front matter.

#[test]
fn repeated_front_matter_key_points_at_the_repeat() {
    let guide = with_page("---\ntitle: A\nweight: 1\nsummary: S\nweight: 2\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "yaml",
            file: Some("content/page.md"),
            line: 5,
            column: 1,
            message: "duplicate key `weight`",
            hint: "remove or merge one of the `weight:` lines",
        },
    );
}

#[test]
fn unknown_key_is_placed_at_the_top_level_not_under_extra() {
    let guide =
        with_page("---\ntitle: A\nextra:\n  competences: free-form\ncompetences: [x]\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "front-matter",
            file: Some("content/page.md"),
            line: 5,
            column: 1,
            message: "unknown front-matter key `competences`",
            hint: "did you mean `competencies`?",
        },
    );
}

#[test]
fn inline_resource_with_a_wrong_key_is_explained() {
    let guide =
        with_page("---\ntitle: A\nresources: [{title: T, url: 'https://e.org', knd: tool}]\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "yaml",
            file: Some("content/page.md"),
            line: 3,
            column: 13,
            message: "a resource is neither an id nor a `{title, url, kind}` entry",
            hint: "content/resources.yaml",
        },
    );
}

#[test]
fn malformed_yaml_is_placed_in_the_markdown_file() {
    // The YAML error is on line 3 of the YAML, which is line 4 of the file.
    let guide = with_page("---\ntitle: A\nweight: 2\nsummary: one: two\n---\nBody.\n");
    let report = fails_with(
        &guide,
        Expected {
            code: "yaml",
            file: Some("content/page.md"),
            line: 4,
            column: 13,
            message: "mapping values are not allowed",
            hint: "",
        },
    );
    assert!(report.contains("content/page.md:4:13"), "{report}");
    assert!(report.contains("summary: one: two"), "{report}");
}

#[test]
fn malformed_yaml_message_names_no_place_counted_in_the_yaml_alone() {
    // serde_yaml says "at line 3 column 1" (of the YAML); the file's line is 4.
    let guide = with_page("---\ntitle: A\nsummary: [unclosed\n---\nBody.\n");
    let (failed, report) = guide.build_err();
    let problem = only(&failed, &report);
    check(
        &problem,
        &Expected {
            code: "yaml",
            file: Some("content/page.md"),
            line: 3,
            column: 10,
            message: "expected string scalar",
            hint: "",
        },
    );
    assert!(!problem.message.contains("line"), "{}", problem.message);
}

#[test]
fn missing_closing_fence() {
    let guide = with_page("---\ntitle: A\nThe body starts here.\n");
    fails_with(
        &guide,
        Expected {
            code: "front-matter",
            file: Some("content/page.md"),
            line: 1,
            column: 1,
            message: "the front matter is not closed",
            hint: "`---`",
        },
    );
}

#[test]
fn tabs_for_indentation_get_a_hint_about_tabs() {
    let guide = with_page("---\ntitle: A\ntime:\n\tread: 5\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "yaml",
            file: Some("content/page.md"),
            line: 4,
            column: 1,
            message: "",
            hint: "tabs",
        },
    );
    // A tab after a key's line is reported the same way.
    let guide = with_page("---\ntitle: A\n\tsummary: B\n---\n");
    let (failed, report) = guide.build_err();
    let problem = only(&failed, &report);
    assert_eq!((problem.line, problem.column), (3, 1), "{report}");
    assert!(problem.hint.unwrap().contains("tabs"), "{report}");
}

#[test]
fn front_matter_that_is_a_list() {
    let guide = with_page("---\n- title\n- A\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "front-matter",
            file: Some("content/page.md"),
            line: 2,
            column: 1,
            message: "the front matter is a list, not a map of keys",
            hint: "`key: value`",
        },
    );
}

#[test]
fn empty_file() {
    let guide = with_page("");
    fails_with(
        &guide,
        Expected {
            code: "front-matter",
            file: Some("content/page.md"),
            line: 1,
            column: 1,
            message: "no front matter",
            hint: "title: Page title",
        },
    );
}

#[test]
fn file_without_front_matter() {
    let guide = with_page("# Just a heading\n\nAnd text.\n");
    let report = fails_with(
        &guide,
        Expected {
            code: "front-matter",
            file: Some("content/page.md"),
            line: 1,
            column: 1,
            message: "the file has no front matter; a title is required",
            hint: "start the file with front matter",
        },
    );
    assert!(report.contains("# Just a heading"), "{report}");
}

#[test]
fn toml_front_matter_is_explained() {
    let guide = with_page("+++\ntitle = \"A\"\n+++\n");
    fails_with(
        &guide,
        Expected {
            code: "front-matter",
            file: Some("content/page.md"),
            line: 1,
            column: 1,
            message: "no front matter",
            hint: "not TOML",
        },
    );
}

#[test]
fn non_utf8_bytes_are_placed_at_the_bad_byte() {
    let guide = with_page(b"---\ntitle: A\n---\nFine.\nab\xffc\n".as_slice());
    let report = fails_with(
        &guide,
        Expected {
            code: "encoding",
            file: Some("content/page.md"),
            line: 5,
            column: 3,
            message: "not UTF-8",
            hint: "UTF-8",
        },
    );
    assert!(report.contains("content/page.md:5:3"), "{report}");
}

#[test]
fn non_utf8_bytes_after_multibyte_text_count_characters() {
    // "é" is two bytes but one column; the bad byte is the fourth character of line 2.
    let guide = with_page(
        "---\ntitle: A\n---\nxé\u{2014}"
            .bytes()
            .chain([0xc3, b'\n'])
            .collect::<Vec<u8>>(),
    );
    let (failed, report) = guide.build_err();
    let problem = only(&failed, &report);
    assert_eq!(problem.code, "encoding");
    assert_eq!((problem.line, problem.column), (4, 4), "{report}");
}

#[test]
fn wrong_type_is_placed_at_the_value() {
    let guide = with_page("---\ntitle: A\nweight: heavy\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "yaml",
            file: Some("content/page.md"),
            line: 3,
            column: 9,
            message: "invalid type: string \"heavy\"",
            hint: "check the value's type",
        },
    );
}

#[test]
fn bad_updated_date() {
    let guide = with_page("---\ntitle: A\nupdated: 2023-02-29\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "front-matter",
            file: Some("content/page.md"),
            line: 3,
            column: 1,
            message: "`updated: 2023-02-29` is not a date",
            hint: "YYYY-MM-DD",
        },
    );
    // A leap day is a date.
    with_page("---\ntitle: A\nupdated: 2024-02-29\n---\n").build_ok();
}

// Links and anchors.

#[test]
fn link_to_a_missing_page_suggests_a_near_name() {
    let guide = Guide::minimal();
    guide.write("content/guides/_index.md", "---\ntitle: Guides\n---\n");
    guide.write("content/notes.md", "---\ntitle: Notes\n---\n");
    guide.write(
        "content/guides/page.md",
        "---\ntitle: A\n---\nFirst line.\nSee [the notes](../nope.md) now.\n",
    );
    let report = fails_with(
        &guide,
        Expected {
            code: "broken-link",
            file: Some("content/guides/page.md"),
            line: 5,
            column: 17,
            message: "`../nope.md` links to a page that does not exist, content/nope.md",
            hint: "did you mean content/notes.md?",
        },
    );
    assert!(
        report.contains("See [the notes](../nope.md) now."),
        "{report}"
    );
}

#[test]
fn link_to_a_missing_anchor_suggests_the_nearest_heading() {
    let guide = Guide::minimal();
    guide.write(
        "content/other.md",
        "---\ntitle: Other\n---\n## Scoring rubric\n\n## Next steps\n",
    );
    guide.write(
        "content/page.md",
        "---\ntitle: A\n---\nUse [the rubric](other.md#scoring-rubrc).\n",
    );
    fails_with(
        &guide,
        Expected {
            code: "broken-anchor",
            file: Some("content/page.md"),
            line: 4,
            column: 18,
            message: "no heading `#scoring-rubrc` in content/other.md",
            hint: "did you mean `#scoring-rubric`?",
        },
    );
}

#[test]
fn link_to_an_anchor_far_from_every_heading_lists_the_headings() {
    let guide = Guide::minimal();
    guide.write(
        "content/other.md",
        "---\ntitle: Other\n---\n## Scoring rubric\n",
    );
    guide.write(
        "content/page.md",
        "---\ntitle: A\n---\n[x](other.md#nope)\n",
    );
    fails_with(
        &guide,
        Expected {
            code: "broken-anchor",
            file: Some("content/page.md"),
            line: 4,
            column: 5,
            message: "no heading `#nope`",
            hint: "headings there: #scoring-rubric",
        },
    );
}

#[test]
fn same_page_missing_anchor() {
    let guide = with_page("---\ntitle: A\n---\n## Introduction\n\nBack to [the top](#missing).\n");
    fails_with(
        &guide,
        Expected {
            code: "broken-anchor",
            file: Some("content/page.md"),
            line: 6,
            column: 19,
            message: "no heading `#missing` in content/page.md",
            hint: "#introduction",
        },
    );
    // The same link to an existing heading builds.
    with_page("---\ntitle: A\n---\n## Introduction\n\nBack to [the top](#introduction).\n")
        .build_ok();
}

#[test]
fn link_that_climbs_out_of_content() {
    let guide = Guide::minimal();
    guide.write("content/sec/_index.md", "---\ntitle: Sec\n---\n");
    guide.write(
        "content/sec/page.md",
        "---\ntitle: A\n---\n[outside](../../../x.md)\n",
    );
    fails_with(
        &guide,
        Expected {
            code: "broken-link",
            file: Some("content/sec/page.md"),
            line: 4,
            column: 11,
            message: "`../../../x.md` leads out of the content folder",
            hint: "inside content/",
        },
    );
}

#[test]
fn link_to_a_draft_fails_without_drafts_and_builds_with_them() {
    let guide = Guide::minimal();
    guide.write(
        "content/draft.md",
        "---\ntitle: Not yet\ndraft: true\n---\n",
    );
    guide.write(
        "content/page.md",
        "---\ntitle: A\n---\nSee [the draft](draft.md).\n",
    );
    fails_with(
        &guide,
        Expected {
            code: "broken-link",
            file: Some("content/page.md"),
            line: 4,
            column: 17,
            message: "links to a draft, content/draft.md",
            hint: "--drafts",
        },
    );
    let summary = build::build(&BuildOptions {
        drafts: true,
        ..guide.options()
    })
    .unwrap_or_else(|f| panic!("{:?}", f.problems));
    // Two pages, the draft, and the print edition.
    assert_eq!(summary.pages, 4);
    assert!(
        guide
            .read("page/index.html")
            .contains(r#"href="../draft/index.html""#)
    );
    assert!(guide.read("draft/index.html").contains("Not yet"));
}

#[test]
fn link_to_a_missing_file() {
    let guide = with_page("---\ntitle: A\n---\n![A chart](chart.png)\n");
    fails_with(
        &guide,
        Expected {
            code: "broken-link",
            file: Some("content/page.md"),
            line: 4,
            column: 12,
            message: "`chart.png` links to a file that does not exist, content/chart.png",
            hint: "put the file beside the page",
        },
    );
    guide.write("content/chart.png", b"\x89PNG".as_slice());
    guide.build_ok();
    assert!(
        guide
            .read("page/index.html")
            .contains(r#"src="../chart.png""#)
    );
}

#[test]
fn two_headings_with_one_custom_id() {
    let guide = with_page("---\ntitle: A\n---\n## One {#same}\n\n## Two {#same}\n\nText.\n");
    let report = fails_with(
        &guide,
        Expected {
            code: "duplicate-anchor",
            file: Some("content/page.md"),
            line: 6,
            column: 1,
            message: "two headings have the id `same`",
            hint: "its own `{#id}`",
        },
    );
    // The snippet is the heading's line alone.
    assert!(report.contains("6 │ ## Two {#same}\n"), "{report}");
}

// The tree: sources, sections and URLs.

#[test]
fn a_page_and_a_bundle_of_one_name_share_a_url() {
    let guide = Guide::minimal();
    guide.write("content/a.md", "---\ntitle: A\n---\n");
    guide.write("content/a/index.md", "---\ntitle: A bundle\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "duplicate-url",
            file: Some("content/a.md"),
            line: 0,
            column: 0,
            message: "content/a/index.md and content/a.md would both be published at a/",
            hint: "rename one of the files",
        },
    );
}

#[test]
fn two_pages_with_one_slug_share_a_url() {
    let guide = Guide::minimal();
    guide.write("content/first.md", "---\ntitle: First\nslug: same\n---\n");
    guide.write(
        "content/second.md",
        "---\ntitle: Second\nweight: 2\nslug: same\n---\n",
    );
    let report = fails_with(
        &guide,
        Expected {
            code: "duplicate-url",
            file: Some("content/second.md"),
            line: 4,
            column: 1,
            message: "content/first.md and content/second.md would both be published at same/",
            hint: "different `slug:`",
        },
    );
    assert!(report.contains("slug: same"), "{report}");
}

#[test]
fn folder_with_pages_but_no_section_page() {
    let guide = Guide::minimal();
    guide.write("content/roles/coach.md", "---\ntitle: Coach\n---\n");
    guide.write("content/roles/mentor.md", "---\ntitle: Mentor\n---\n");
    // Reported once for the folder, not once per page.
    fails_with(
        &guide,
        Expected {
            code: "no-section",
            file: Some("content/roles/coach.md"),
            line: 0,
            column: 0,
            message: "the folder content/roles/ has pages but no _index.md",
            hint: "add content/roles/_index.md",
        },
    );
}

#[test]
fn folder_with_both_index_and_section_index() {
    let guide = Guide::minimal();
    guide.write("content/both/index.md", "---\ntitle: Bundle\n---\n");
    guide.write("content/both/_index.md", "---\ntitle: Section\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "bundle",
            file: Some("content/both/_index.md"),
            line: 0,
            column: 0,
            message: "content/both/ has both index.md and _index.md",
            hint: "use _index.md to make the folder a section",
        },
    );
}

#[test]
fn page_inside_a_page_bundle() {
    let guide = Guide::minimal();
    guide.write("content/visit/index.md", "---\ntitle: Visit\n---\n");
    guide.write("content/visit/handout.pdf", "%PDF-1.4\n");
    guide.write("content/visit/notes.md", "---\ntitle: Notes\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "bundle",
            file: Some("content/visit/notes.md"),
            line: 0,
            column: 0,
            message: "content/visit/notes.md is a page inside the page bundle content/visit/",
            hint: "a folder with index.md is one page with its files",
        },
    );
}

#[test]
fn missing_home_page() {
    let guide = Guide::bare();
    guide.write("guide.yaml", "title: Test guide\n");
    guide.write("content/page.md", "---\ntitle: A\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "no-home",
            file: Some("content/_index.md"),
            line: 0,
            column: 0,
            message: "there is no home page, content/_index.md",
            hint: "create content/_index.md",
        },
    );
}

#[test]
fn missing_settings_file() {
    let guide = Guide::bare();
    guide.write("content/_index.md", "---\ntitle: Home\n---\n");
    fails_with(
        &guide,
        Expected {
            code: "no-settings",
            file: None,
            line: 0,
            column: 0,
            message: "no guide.yaml",
            hint: "--root DIR",
        },
    );
    assert!(!guide.public().exists());
}

#[test]
fn missing_content_folder() {
    let guide = Guide::bare();
    guide.write("guide.yaml", "title: Test guide\n");
    let (failed, report) = guide.build_err();
    assert!(
        failed.problems.iter().any(|p| p.code == "no-content"),
        "{report}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_an_error_not_a_hang() {
    let guide = Guide::minimal();
    guide.write("content/sec/_index.md", "---\ntitle: Sec\n---\n");
    std::os::unix::fs::symlink("..", guide.root.join("content/sec/back")).unwrap();
    std::os::unix::fs::symlink(".", guide.root.join("content/sec/itself")).unwrap();
    let options = guide.options();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| build::build(&options).err());
        let _ = send.send(result);
    });
    let failed = receive
        .recv_timeout(Duration::from_secs(60))
        .expect("the build did not finish: a symbolic-link loop hangs it")
        .expect("the build panicked")
        .expect("the build should fail");
    // The errors; the section left without pages is also a warning.
    let codes: Vec<(&str, Option<&Path>)> = failed
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| (p.code, p.file.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            ("io", Some(Path::new("content/sec/back"))),
            ("io", Some(Path::new("content/sec/itself")))
        ]
    );
    for problem in failed.problems.iter().filter(|p| p.is_error()) {
        assert!(
            problem.message.contains("symbolic link makes a loop"),
            "{problem}"
        );
        assert!(problem.hint.as_deref().unwrap().contains("remove the link"));
    }
}

// Size and number.

#[test]
fn five_megabyte_page_builds() {
    let guide = Guide::minimal();
    let mut text = String::from("---\ntitle: A very long page\n---\n");
    let mut n = 0;
    while text.len() < 5 * 1024 * 1024 {
        if n % 50 == 0 {
            text.push_str(&format!("## Part {n}\n\n"));
        }
        text.push_str(&format!(
            "Paragraph {n} with *emphasis*, `code` and [a link home](_index.md); \
             some more words to make the line longer than most.\n\n"
        ));
        n += 1;
    }
    text.push_str("The last paragraph.\n");
    guide.write("content/long.md", &text);
    let summary = guide.build_ok();
    assert_eq!(
        summary.pages, 3,
        "the home page, the long page and the print edition"
    );
    let html = guide.read("long/index.html");
    assert!(html.len() > 5 * 1024 * 1024);
    assert!(html.contains("The last paragraph."));
    assert!(html.contains(&format!("Paragraph {}", n - 1)));
}

#[test]
fn source_over_the_size_limit_is_refused_unread() {
    let guide = Guide::minimal();
    let file = std::fs::File::create(guide.root.join("content/huge.md")).unwrap();
    // Sparse: no 65 MB are written, and none must be read.
    file.set_len(65 * 1024 * 1024).unwrap();
    fails_with(
        &guide,
        Expected {
            code: "too-large",
            file: Some("content/huge.md"),
            line: 0,
            column: 0,
            message: "content/huge.md is 68157440 bytes, more than the 67108864",
            hint: "split it into several pages",
        },
    );
}

#[test]
fn yaml_bombs_and_deep_nesting_are_errors_not_crashes() {
    let guide = Guide::minimal();
    let mut laughs = String::from(
        "---\ntitle: Laughs\nextra:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for n in 1..10 {
        let refs = vec![format!("*a{}", n - 1); 9].join(", ");
        laughs.push_str(&format!("  a{n}: &a{n} [{refs}]\n"));
    }
    laughs.push_str("---\n");
    guide.write("content/laughs.md", laughs);
    guide.write(
        "content/deep.md",
        format!(
            "---\ntitle: Deep\nextra: {}{}\n---\n",
            "[".repeat(3000),
            "]".repeat(3000)
        ),
    );
    let (failed, report) = guide.build_err();
    let found: Vec<(&str, usize, &str)> = failed
        .problems
        .iter()
        .map(|p| {
            (
                p.file.as_deref().unwrap().to_str().unwrap(),
                p.line,
                p.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/deep.md",
                3,
                "invalid type: sequence, expected a YAML mapping"
            ),
            (
                "content/laughs.md",
                4,
                "alias replay limit exceeded: total_replayed_events=100001 > 100000"
            ),
        ],
        "{report}"
    );
}

#[test]
fn every_problem_of_a_run_is_reported() {
    let guide = Guide::fixture("broken");
    let (failed, report) = guide.build_err();
    let places: Vec<String> = failed.problems.iter().map(Diagnostic::location).collect();
    for expected in [
        "content/_index.md:4:56",
        "content/sec/anchor.md:3:1",
        "content/sec/anchor.md:7:21",
        "content/sec/bad-yaml.md:3:13",
        "content/sec/typo.md:3:1",
    ] {
        assert!(
            places.iter().any(|p| p == expected),
            "{expected} missing from {places:?}"
        );
        assert!(
            report.contains(&format!("┌─ {expected}")),
            "{expected} missing from\n{report}"
        );
    }
    assert_eq!(failed.problems.len(), 5, "{report}");
    assert!(failed.problems.iter().all(Diagnostic::is_error));
    // Sorted by file and place.
    let mut sorted = places.clone();
    sorted.sort_by_key(|p| {
        let mut parts = p.rsplitn(3, ':');
        let column: usize = parts.next().unwrap().parse().unwrap();
        let line: usize = parts.next().unwrap().parse().unwrap();
        (parts.next().unwrap().to_string(), line, column)
    });
    assert_eq!(places, sorted);
}

#[test]
fn many_broken_files_each_get_a_diagnostic() {
    let guide = Guide::minimal();
    for n in 0..12 {
        guide.write(
            &format!("content/page-{n:02}.md"),
            format!("---\ntitle: P{n}\nwieght: {n}\n---\n[x](missing-{n}.md)\n"),
        );
    }
    let (failed, report) = guide.build_err();
    assert_eq!(failed.problems.len(), 24, "{report}");
    for n in 0..12 {
        assert!(
            report.contains(&format!("content/page-{n:02}.md:3:1")),
            "{report}"
        );
        assert!(
            report.contains(&format!("content/page-{n:02}.md:5:5")),
            "{report}"
        );
    }
    assert!(report.contains("did you mean `weight`?"));
}

// Templates.

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let guide = Guide::minimal();
    guide.write("content/page.md", "---\ntitle: A\n---\n");
    guide.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n{% if page.summary %}\n{% endblock content %}\n",
    );
    let (failed, report) = guide.build_err();
    let problem = only(&failed, &report);
    assert_eq!(problem.code, "template");
    assert_eq!(
        problem.file.as_deref(),
        Some(Path::new("templates/page.html")),
        "{report}"
    );
    assert!(problem.line >= 4, "{report}");
    assert!(report.contains("templates/page.html:"), "{report}");
}

#[test]
fn template_rendering_error_names_the_template_and_line() {
    let guide = Guide::minimal();
    guide.write("content/page.md", "---\ntitle: A\n---\n");
    guide.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.no_such_key.deeper }}</p>\n{% endblock content %}\n",
    );
    let (failed, report) = guide.build_err();
    let problem = only(&failed, &report);
    assert_eq!(problem.code, "template", "{report}");
    assert_eq!(
        problem.file.as_deref(),
        Some(Path::new("templates/page.html")),
        "{report}"
    );
    assert_eq!(problem.line, 4, "{report}");
    assert!(problem.message.contains("content/page.md"), "{report}");
    assert!(report.contains("┌─ templates/page.html:4:"), "{report}");
}

#[test]
fn template_unknown_filter_names_the_template_and_line() {
    let guide = Guide::minimal();
    guide.write("content/page.md", "---\ntitle: A\n---\n");
    guide.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title | nosuchfilter }}</h1>\n{% endblock content %}\n",
    );
    let (failed, report) = guide.build_err();
    let problem = only(&failed, &report);
    assert_eq!(problem.code, "template");
    assert_eq!(
        problem.file.as_deref(),
        Some(Path::new("templates/page.html")),
        "{report}"
    );
    assert_eq!((problem.line, problem.column), (3, 21), "{report}");
    assert!(problem.message.contains("nosuchfilter"), "{report}");
}

// Output.

#[test]
fn failed_build_leaves_the_previous_output_byte_for_byte() {
    let guide = Guide::fixture("nested");
    guide.build_ok();
    let before = snapshot(&guide.public());
    assert!(before.len() > 5, "{before:?}");
    let listing = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let mut folder_before = listing(&guide.root);
    folder_before.sort();

    guide.write(
        "content/coaching/cycle.md",
        "---\ntitle: The coaching cycle\nweight: heavy\n---\n",
    );
    let (failed, _) = guide.build_err();
    assert_eq!(
        failed.problems[0].file.as_deref(),
        Some(Path::new("content/coaching/cycle.md"))
    );
    assert_eq!(snapshot(&guide.public()), before);
    let mut folder_after = listing(&guide.root);
    folder_after.sort();
    assert_eq!(
        folder_after, folder_before,
        "no temporary folder is left behind"
    );
}

/// Builds into `output` and expects the output folder to be refused.
#[track_caller]
fn refuses_output(guide: &Guide, output: &Path) {
    let before = snapshot(&guide.root);
    let result = build::build(&BuildOptions {
        output: Some(output.to_path_buf()),
        ..guide.options()
    });
    let failed = match result {
        Ok(summary) => panic!(
            "output {} was accepted: {}",
            output.display(),
            summary.output.display()
        ),
        Err(failed) => failed,
    };
    let problem = failed
        .problems
        .iter()
        .find(|p| p.code == "output-folder")
        .unwrap_or_else(|| panic!("no output-folder problem: {:?}", failed.problems));
    assert!(
        problem.hint.as_deref().unwrap().contains("--output"),
        "{problem}"
    );
    assert_eq!(snapshot(&guide.root), before, "the guide folder changed");
}

#[test]
fn output_folder_may_not_be_the_guide_folder() {
    let guide = Guide::fixture("nested");
    refuses_output(&guide, &guide.root);
    // Also when written another way.
    refuses_output(&guide, &guide.root.join("content/.."));
}

#[test]
fn output_folder_may_not_hold_the_guide_folder() {
    let guide = Guide::fixture("nested");
    let parent = guide.root.parent().unwrap().to_path_buf();
    std::fs::write(parent.join("keep.txt"), "mine").unwrap();
    refuses_output(&guide, &parent);
    assert_eq!(
        std::fs::read_to_string(parent.join("keep.txt")).unwrap(),
        "mine"
    );
    refuses_output(&guide, Path::new("/"));
}

#[test]
fn output_folder_may_not_be_in_content() {
    let guide = Guide::fixture("nested");
    refuses_output(&guide, &guide.root.join("content"));
    refuses_output(&guide, &guide.root.join("content/site"));
    assert!(!guide.root.join("content/site").exists());
}

#[test]
fn output_folder_not_made_by_guidewright_is_kept() {
    let guide = Guide::fixture("nested");
    let other = guide.root.parent().unwrap().join("my-files");
    std::fs::create_dir_all(other.join("deeper")).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    std::fs::write(other.join("deeper/more.txt"), "also mine").unwrap();
    let before = snapshot(&other);
    refuses_output(&guide, &other);
    assert_eq!(snapshot(&other), before);
}

#[test]
fn output_folder_made_by_a_previous_build_is_replaced() {
    let guide = Guide::fixture("nested");
    let out = guide.root.parent().unwrap().join("site");
    let options = BuildOptions {
        output: Some(out.clone()),
        ..guide.options()
    };
    build::build(&options).unwrap_or_else(|f| panic!("{:?}", f.problems));
    assert!(out.join(".guidewright").is_file());
    std::fs::write(out.join("stale.html"), "from an older build").unwrap();
    let summary = build::build(&options).unwrap_or_else(|f| panic!("{:?}", f.problems));
    assert_eq!(
        summary.output.canonicalize().unwrap(),
        out.canonicalize().unwrap()
    );
    assert!(!out.join("stale.html").exists());
    assert!(out.join("index.html").is_file());
    assert!(out.join(".guidewright").is_file());
    assert!(
        !guide.public().exists(),
        "nothing is written to the default folder"
    );
    // An empty folder is taken too.
    let empty = guide.root.parent().unwrap().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    build::build(&BuildOptions {
        output: Some(empty.clone()),
        ..guide.options()
    })
    .unwrap_or_else(|f| panic!("{:?}", f.problems));
    assert!(empty.join("index.html").is_file());
}

// Encodings and line endings.

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_accepted() {
    let guide = Guide::bare();
    guide.write(
        "guide.yaml",
        "\u{feff}title: CRLF guide\r\nlanguage: en\r\n",
    );
    guide.write(
        "content/_index.md",
        "\u{feff}---\r\ntitle: Home\r\n---\r\nWelcome.\r\n",
    );
    guide.write(
        "content/page.md",
        "\u{feff}---\r\ntitle: Windows page\r\nsummary: Saved by Notepad\r\n---\r\n## First part\r\n\r\nSee [below](#second-part).\r\n\r\n## Second part\r\n",
    );
    guide.build_ok();
    let html = guide.read("page/index.html");
    assert!(
        html.contains("<title>Windows page – CRLF guide</title>"),
        "{html}"
    );
    assert!(html.contains("<h1>Windows page</h1>"), "{html}");
    assert!(html.contains(r#"<h2 id="second-part">"#), "{html}");
    assert!(!html.contains('\u{feff}'));
    assert!(!html.contains("\r\n---"));
}

#[test]
fn crlf_files_report_the_right_line() {
    let guide = with_page("---\r\ntitle: A\r\nsumary: B\r\n---\r\n");
    fails_with(
        &guide,
        Expected {
            code: "front-matter",
            file: Some("content/page.md"),
            line: 3,
            column: 1,
            message: "unknown front-matter key `sumary`",
            hint: "did you mean `summary`?",
        },
    );
}
