//! YAML syntax errors are reported at the line that is wrong, with a hint that says how to
//! fix it: the real binary's `check`, run on a guide made from the minimal one.

use crate::common::{Guide, text};

/// The report of `guidewright check` on a guide whose one page has `front` as its file.
fn check(front: &str) -> String {
    let guide = Guide::minimal();
    guide.write("content/page.md", front);
    let output = guide.run(&["check"]);
    assert!(!output.status.success(), "check passed on {front:?}");
    let (stdout, stderr) = text(&output);
    format!("{stdout}{stderr}")
}

#[test]
fn an_unclosed_quote_is_reported_at_its_line_not_at_the_fence() {
    let report = check("---\ntitle: \"Peer coaching\nsummary: Coaching\nweight: 2\n---\nBody.\n");
    assert!(report.contains("content/page.md:2:8"), "{report}");
    assert!(report.contains("this quote is not closed"), "{report}");
}

#[test]
fn a_colon_in_a_title_says_to_put_the_title_in_quotes() {
    let report = check("---\ntitle: Time: the missing ingredient\n---\nBody.\n");
    assert!(report.contains("content/page.md:2:12"), "{report}");
    assert!(
        report.contains("`title: \"Time: the missing ingredient\"`"),
        "{report}"
    );
}

#[test]
fn a_wrong_indent_points_at_the_line_that_is_wrong() {
    let report = check("---\ntitle: A\ntime:\n  read: 5\n activity: 3\n---\nBody.\n");
    assert!(report.contains("content/page.md:5:2"), "{report}");
    assert!(
        report.contains("indentation matches no key above it"),
        "{report}"
    );

    let report = check("---\ntitle: A\nsummary: B\n  weight: 2\n---\nBody.\n");
    assert!(report.contains("content/page.md:4:"), "{report}");
    assert!(
        report.contains("indented more than the key above it"),
        "{report}"
    );
}
