//! Every address guidewright writes is safe to print after `{{ root }}` and leads where it
//! says (issue 11, items 8, 9 and 11): slugs, aliases, taxonomy values and competency ids that
//! would make no address, or one of another scheme, are errors at their place; file names are
//! linked percent-encoded.

use crate::common::Guide;
use crate::common::links::attributes;
use crate::common::problems::{pages, places, problem_at};

// Item 8: URLs whose first segment would read as a scheme.

#[test]
fn slugs_that_are_not_plain_url_segments_are_refused() {
    for (slug, what) in [
        ("step:1", "`:`"),
        ("javascript:alert(1)", "`:`"),
        ("a b", "a space"),
        ("100%", "`%`"),
        ("<x>", "`<`"),
    ] {
        let guide = Guide::minimal();
        guide.write(
            "content/page.md",
            format!("---\ntitle: A\nslug: \"{slug}\"\n---\nText.\n"),
        );
        let (failed, report) = guide.build_err();
        assert_eq!(
            places(&failed, "front-matter"),
            [("content/page.md".to_string(), 3, 1)],
            "{slug}: {report}"
        );
        let problem = problem_at(&failed, "content/page.md", 3, "letters, digits and hyphens");
        assert!(problem.message.contains(what), "{slug}: {problem:?}");
    }
    // Letters of any script, digits, `-`, `_` and `.` stay allowed.
    let guide = Guide::minimal();
    guide.write(
        "content/page.md",
        "---\ntitle: A\nslug: évaluer_les-rôles.v2\n---\nText.\n",
    );
    guide.build_ok();
    assert!(
        guide
            .read("index.html")
            .contains(r#"href="évaluer_les-rôles.v2/index.html""#)
    );
}

#[test]
fn no_address_on_any_page_reads_as_another_scheme() {
    // A `:` in a file, folder or download name must not make a link from the home page (where
    // `root` is empty) read as an address of scheme `step:` or `x:`.
    let guide = Guide::minimal();
    guide.write("content/step:1.md", "---\ntitle: Step\n---\nText.\n");
    guide.write("content/a:b/_index.md", "---\ntitle: Part\n---\nText.\n");
    guide.write("content/a:b/c:d.md", "---\ntitle: C\n---\nText.\n");
    guide.write("content/x:y.pdf", "%PDF");
    guide.write(
        "content/_index.md",
        "---\ntitle: Home\ndownloads: [{file: \"x:y.pdf\"}]\n---\n[x](./x:y.pdf) [s](./step:1.md)\n",
    );
    guide.build_ok();
    let mut checked = 0;
    for (page, html) in pages(&guide.public()) {
        let mut addresses = attributes(&html, "href");
        addresses.extend(attributes(&html, "src"));
        for address in addresses {
            checked += 1;
            // What a browser reads as a scheme: letters, digits, `+`, `-`, `.` before a `:`.
            let scheme = address.split_once(':').map(|(s, _)| s).filter(|s| {
                s.starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            });
            assert!(
                scheme.is_none() || address.starts_with("https://"),
                "{page}: {address}"
            );
        }
    }
    assert!(checked > 50, "{checked}");
    let (broken, _) = crate::common::links::broken(&guide.public());
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn aliases_that_are_not_plain_paths_are_refused() {
    let guide = Guide::minimal();
    guide.write(
        "content/page.md",
        "---\ntitle: A\naliases: [\"old:page\", \"a?b\", \"fine/old\"]\n---\nText.\n",
    );
    let (failed, report) = guide.build_err();
    assert_eq!(
        places(&failed, "alias"),
        [
            ("content/page.md".to_string(), 3, 12),
            ("content/page.md".to_string(), 3, 24)
        ],
        "{report}"
    );
}

// Item 9: values and ids whose URL segment is empty.

#[test]
fn taxonomy_values_without_a_url_segment_are_refused() {
    for (written, column) in [
        ("\"..\"", 9),
        ("_", 8),
        ("\"-\"", 9),
        ("\"!!\"", 9),
        ("\"\"", 8),
        ("[ok, \"..\"]", 13),
    ] {
        let guide = Guide::minimal();
        guide.write(
            "guide.yaml",
            "title: Test guide\ntaxonomies:\n  role: { title: Role }\n",
        );
        let value = if written.starts_with('[') {
            written.to_string()
        } else {
            format!("[{written}]")
        };
        guide.write(
            "content/page.md",
            format!("---\ntitle: A\nrole: {value}\n---\nText.\n"),
        );
        let (failed, report) = guide.build_err();
        assert_eq!(
            places(&failed, "front-matter"),
            [("content/page.md".to_string(), 3, column)],
            "{written}: {report}"
        );
        problem_at(&failed, "content/page.md", 3, "letter or digit");
    }
}

#[test]
fn competency_ids_without_a_url_segment_are_refused() {
    let guide = Guide::minimal();
    guide.write(
        "content/competencies.yaml",
        "frameworks:\n  - id: tlms\n    title: TLMS\n    competencies:\n      - id: \"..\"\n        name: Dots\n      - id: _\n        name: Underscore\n      - id: tlms-1\n        name: One\n      - id: TLMS_1\n        name: Same page\n",
    );
    guide.write(
        "content/page.md",
        "---\ntitle: A\ncompetencies: [\"..\", _, tlms-1, TLMS_1]\n---\nText.\n",
    );
    let (failed, report) = guide.build_err();
    assert_eq!(
        places(&failed, "catalog"),
        [
            ("content/competencies.yaml".to_string(), 5, 14),
            ("content/competencies.yaml".to_string(), 7, 13),
            ("content/competencies.yaml".to_string(), 11, 13),
        ],
        "{report}"
    );
    problem_at(&failed, "content/competencies.yaml", 5, "letter or digit");
    let same = problem_at(&failed, "content/competencies.yaml", 11, "its own id");
    assert!(same.message.contains("competencies/tlms-1/"), "{same:?}");
}

// Item 11: names that need percent-encoding.

#[test]
fn file_names_with_url_characters_are_linked_percent_encoded() {
    let guide = Guide::minimal();
    for name in ["a#b.pdf", "q?.pdf", "100%.pdf", "my notes.pdf", "r:1.pdf"] {
        guide.write(&format!("content/{name}"), "%PDF");
        guide.write(&format!("content/kit/{name}"), "%PDF");
    }
    guide.write(
        "content/_index.md",
        "---\ntitle: Home\n---\n[a](a%23b.pdf) [q](q%3F.pdf) [p](100%25.pdf) [n](my%20notes.pdf) [n2](<my notes.pdf>) [r](./r:1.pdf) [k](kit/a%23b.pdf#page=2)\n",
    );
    guide.write(
        "content/resources.yaml",
        "resources:\n  - id: r1\n    title: R\n    kind: tool\n    file: \"kit/q?.pdf\"\n",
    );
    guide.write(
        "content/kit/index.md",
        "---\ntitle: Kit\nresources: [r1]\ndownloads:\n  - file: \"a#b.pdf\"\n  - file: \"q?.pdf\"\n  - file: \"100%.pdf\"\n  - file: \"my notes.pdf\"\n  - file: \"r:1.pdf\"\n---\n[up](../a%23b.pdf)\n",
    );
    guide.build_ok();
    let home = guide.read("index.html");
    for href in [
        "a%23b.pdf",
        "q%3F.pdf",
        "100%25.pdf",
        "my%20notes.pdf",
        "./r%3A1.pdf",
        "kit/a%23b.pdf#page=2",
    ] {
        assert!(home.contains(&format!("href=\"{href}\"")), "{href}: {home}");
    }
    let kit = guide.read("kit/index.html");
    for href in [
        "../a%23b.pdf",
        "../kit/a%23b.pdf",
        "../kit/q%3F.pdf",
        "../kit/100%25.pdf",
        "../kit/my%20notes.pdf",
        "../kit/r%3A1.pdf",
    ] {
        assert!(kit.contains(&format!("href=\"{href}\"")), "{href}: {kit}");
    }
    // Every address resolves, percent-decoded, to a published file.
    let (broken, checked) = crate::common::links::broken(&guide.public());
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(checked > 10);
}
