//! Every kind of bad input is reported as a diagnostic at its exact place — file, line,
//! column, code, message and hint — never as a panic, a hang or a half-written site. What
//! `check` prints is compared whole with a snapshot (tests/it/snapshots/it__errors__*.snap);
//! what a snapshot cannot say (every problem found in one run, the files left untouched, no
//! hang) is asserted by hand.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use crate::common::{Guide, exits, tree};
use guidewright::build::{self, BuildOptions};
use guidewright::diagnostic::Diagnostic;

/// Checks the guide with the real binary, expects it to fail (exit 1), and compares the
/// whole report (every problem with its code, place, quoted line, message and hint) with
/// this test's snapshot.
macro_rules! fails_with {
    ($guide:expr) => {{
        let (code, report) = $guide.check_report(&[]);
        assert_eq!(code, 1, "{report}");
        insta::assert_snapshot!(report);
    }};
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

// Settings and front-matter keys.

#[test]
fn unknown_front_matter_key_suggests_the_nearest() {
    let guide = with_page("---\ntitle: A\ncompetences: [tlms-1]\n---\nBody.\n");
    fails_with!(guide);
}

#[test]
fn unknown_settings_key_suggests_the_nearest() {
    let guide = Guide::minimal();
    guide.write("guide.yaml", "title: Test guide\ntheem: default\n");
    fails_with!(guide);
}

#[test]
fn unknown_nested_settings_key_suggests_the_nearest() {
    let guide = Guide::minimal();
    guide.write(
        "guide.yaml",
        "title: Test guide\nmarkdown:\n  raw_html: true\n  smart_punctuaton: false\n",
    );
    fails_with!(guide);
}

#[test]
fn taxonomy_value_must_be_declared() {
    let guide = with_audience();
    guide.write(
        "content/page.md",
        "---\ntitle: A\naudience: [teacher, principle]\n---\n",
    );
    fails_with!(guide);
}

#[test]
fn settings_without_a_title() {
    let guide = Guide::minimal();
    guide.write("guide.yaml", "description: No title here\n");
    fails_with!(guide);
}

#[test]
fn repeated_settings_key_points_at_the_repeat() {
    let guide = Guide::minimal();
    guide.write("guide.yaml", "title: One\nlanguage: en\ntitle: Two\n");
    fails_with!(guide);
}

// Broken front matter.

#[test]
fn repeated_front_matter_key_points_at_the_repeat() {
    let guide = with_page("---\ntitle: A\nweight: 1\nsummary: S\nweight: 2\n---\n");
    fails_with!(guide);
}

#[test]
fn unknown_key_is_placed_at_the_top_level_not_under_extra() {
    let guide =
        with_page("---\ntitle: A\nextra:\n  competences: free-form\ncompetences: [x]\n---\n");
    fails_with!(guide);
}

#[test]
fn inline_resource_with_a_wrong_key_is_explained() {
    let guide =
        with_page("---\ntitle: A\nresources: [{title: T, url: 'https://e.org', knd: tool}]\n---\n");
    fails_with!(guide);
}

#[test]
fn malformed_yaml_is_placed_in_the_markdown_file() {
    // The YAML error is on line 3 of the YAML, which is line 4 of the file.
    let guide = with_page("---\ntitle: A\nweight: 2\nsummary: one: two\n---\nBody.\n");
    fails_with!(guide);
}

#[test]
fn malformed_yaml_message_names_no_place_counted_in_the_yaml_alone() {
    // serde_yaml says "at line 3 column 1" (of the YAML); the file's line is 4.
    let guide = with_page("---\ntitle: A\nsummary: [unclosed\n---\nBody.\n");
    fails_with!(guide);
    let (failed, _) = guide.build_err();
    let message = &failed.report.problems[0].message;
    assert!(!message.contains("line"), "{message}");
}

#[test]
fn missing_closing_fence() {
    let guide = with_page("---\ntitle: A\nThe body starts here.\n");
    fails_with!(guide);
}

#[test]
fn tabs_for_indentation_get_a_hint_about_tabs() {
    let guide = with_page("---\ntitle: A\ntime:\n\tread: 5\n---\n");
    fails_with!(guide);
    // A tab after a key's line is reported the same way.
    let guide = with_page("---\ntitle: A\n\tsummary: B\n---\n");
    fails_with!(guide);
}

#[test]
fn front_matter_that_is_a_list() {
    let guide = with_page("---\n- title\n- A\n---\n");
    fails_with!(guide);
}

#[test]
fn empty_file() {
    let guide = with_page("");
    fails_with!(guide);
}

#[test]
fn file_without_front_matter() {
    let guide = with_page("# Just a heading\n\nAnd text.\n");
    fails_with!(guide);
}

#[test]
fn toml_front_matter_is_explained() {
    let guide = with_page("+++\ntitle = \"A\"\n+++\n");
    fails_with!(guide);
}

#[test]
fn non_utf8_bytes_are_placed_at_the_bad_byte() {
    let guide = with_page(b"---\ntitle: A\n---\nFine.\nab\xffc\n".as_slice());
    fails_with!(guide);
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
    fails_with!(guide);
}

#[test]
fn wrong_type_is_placed_at_the_value() {
    let guide = with_page("---\ntitle: A\nweight: heavy\n---\n");
    fails_with!(guide);
}

#[test]
fn bad_updated_date() {
    let guide = with_page("---\ntitle: A\nupdated: 2023-02-29\n---\n");
    fails_with!(guide);
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
    fails_with!(guide);
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
    fails_with!(guide);
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
    fails_with!(guide);
}

#[test]
fn same_page_missing_anchor() {
    let guide = with_page("---\ntitle: A\n---\n## Introduction\n\nBack to [the top](#missing).\n");
    fails_with!(guide);
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
    fails_with!(guide);
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
    fails_with!(guide);
    let summary = build::build(&BuildOptions {
        drafts: true,
        ..guide.options()
    })
    .unwrap_or_else(|f| panic!("{:?}", f.report.problems));
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
    fails_with!(guide);
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
    // The snippet is the heading's line alone.
    fails_with!(guide);
}

// The tree: sources, sections and URLs.

#[test]
fn a_page_and_a_bundle_of_one_name_share_a_url() {
    let guide = Guide::minimal();
    guide.write("content/a.md", "---\ntitle: A\n---\n");
    guide.write("content/a/index.md", "---\ntitle: A bundle\n---\n");
    fails_with!(guide);
}

#[test]
fn two_pages_with_one_slug_share_a_url() {
    let guide = Guide::minimal();
    guide.write("content/first.md", "---\ntitle: First\nslug: same\n---\n");
    guide.write(
        "content/second.md",
        "---\ntitle: Second\nweight: 2\nslug: same\n---\n",
    );
    fails_with!(guide);
}

#[test]
fn folder_with_pages_but_no_section_page() {
    let guide = Guide::minimal();
    guide.write("content/roles/coach.md", "---\ntitle: Coach\n---\n");
    guide.write("content/roles/mentor.md", "---\ntitle: Mentor\n---\n");
    // Reported once for the folder, not once per page.
    fails_with!(guide);
}

#[test]
fn folder_with_both_index_and_section_index() {
    let guide = Guide::minimal();
    guide.write("content/both/index.md", "---\ntitle: Bundle\n---\n");
    guide.write("content/both/_index.md", "---\ntitle: Section\n---\n");
    fails_with!(guide);
}

#[test]
fn page_inside_a_page_bundle() {
    let guide = Guide::minimal();
    guide.write("content/visit/index.md", "---\ntitle: Visit\n---\n");
    guide.write("content/visit/handout.pdf", "%PDF-1.4\n");
    guide.write("content/visit/notes.md", "---\ntitle: Notes\n---\n");
    fails_with!(guide);
}

#[test]
fn missing_home_page() {
    let guide = Guide::bare();
    guide.write("guide.yaml", "title: Test guide\n");
    guide.write("content/page.md", "---\ntitle: A\n---\n");
    fails_with!(guide);
}

#[test]
fn missing_settings_file() {
    let guide = Guide::bare();
    guide.write("content/_index.md", "---\ntitle: Home\n---\n");
    fails_with!(guide);
    guide.build_err();
    assert!(!guide.public().exists());
}

#[test]
fn missing_content_folder() {
    let guide = Guide::bare();
    guide.write("guide.yaml", "title: Test guide\n");
    fails_with!(guide);
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
    receive
        .recv_timeout(Duration::from_secs(60))
        .expect("the build did not finish: a symbolic-link loop hangs it")
        .expect("the build panicked")
        .expect("the build should fail");
    // The errors; the section left without pages is also a warning.
    fails_with!(guide);
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
    fails_with!(guide);
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
        .report
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
    // One run finds the problems of five files (the report itself: the `broken` snapshot of
    // `each_fixture_checks_as_before`).
    let places: Vec<String> = failed
        .report
        .problems
        .iter()
        .map(Diagnostic::location)
        .collect();
    assert_eq!(failed.report.problems.len(), 5, "{report}");
    assert!(failed.report.problems.iter().all(Diagnostic::is_error));
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

/// What `check` says of each guide in tests/fixtures/, exit code included: the broken one's
/// five errors, the others' warnings or nothing.
#[test]
fn each_fixture_checks_as_before() {
    for (name, exit) in [
        ("broken", 1),
        ("catalog", 0),
        ("navigation", 0),
        ("nested", 0),
    ] {
        let (code, report) = Guide::fixture(name).check_report(&[]);
        assert_eq!(code, exit, "{name}: {report}");
        insta::assert_snapshot!(format!("fixture_{name}"), report);
    }
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
    // Every file's two problems, in one run.
    let (failed, report) = guide.build_err();
    assert_eq!(failed.report.problems.len(), 24, "{report}");
    fails_with!(guide);
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
    fails_with!(guide);
}

#[test]
fn template_rendering_error_names_the_template_and_line() {
    let guide = Guide::minimal();
    guide.write("content/page.md", "---\ntitle: A\n---\n");
    guide.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.no_such_key.deeper }}</p>\n{% endblock content %}\n",
    );
    fails_with!(guide);
}

#[test]
fn template_unknown_filter_names_the_template_and_line() {
    let guide = Guide::minimal();
    guide.write("content/page.md", "---\ntitle: A\n---\n");
    guide.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title | nosuchfilter }}</h1>\n{% endblock content %}\n",
    );
    fails_with!(guide);
}

// Output.

#[test]
fn failed_build_leaves_the_previous_output_byte_for_byte() {
    let guide = Guide::fixture("nested");
    guide.build_ok();
    let before = tree(&guide.public());
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
        failed.report.problems[0].file.as_deref(),
        Some(Path::new("content/coaching/cycle.md"))
    );
    assert_eq!(tree(&guide.public()), before);
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
    let before = tree(&guide.root);
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
        .report
        .problems
        .iter()
        .find(|p| p.code.as_str() == "output-folder")
        .unwrap_or_else(|| panic!("no output-folder problem: {:?}", failed.report.problems));
    assert!(
        problem.hint.as_deref().unwrap().contains("--output"),
        "{problem}"
    );
    assert_eq!(tree(&guide.root), before, "the guide folder changed");
}

#[test]
fn output_folder_may_not_be_the_guide_folder() {
    let guide = Guide::fixture("nested");
    // The real binary's report, its absolute paths shown from the redacted temporary folder.
    let output = guide.run(&["build", "--output", &guide.root.display().to_string()]);
    let (_, stderr) = exits(&output, 1);
    insta::assert_snapshot!(guide.redact(&stderr));
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
    let before = tree(&other);
    refuses_output(&guide, &other);
    assert_eq!(tree(&other), before);
}

#[test]
fn output_folder_made_by_a_previous_build_is_replaced() {
    let guide = Guide::fixture("nested");
    let out = guide.root.parent().unwrap().join("site");
    let options = BuildOptions {
        output: Some(out.clone()),
        ..guide.options()
    };
    build::build(&options).unwrap_or_else(|f| panic!("{:?}", f.report.problems));
    assert!(out.join(".guidewright").is_file());
    std::fs::write(out.join("stale.html"), "from an older build").unwrap();
    let summary = build::build(&options).unwrap_or_else(|f| panic!("{:?}", f.report.problems));
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
    .unwrap_or_else(|f| panic!("{:?}", f.report.problems));
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
    fails_with!(guide);
}
