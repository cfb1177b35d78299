//! Output paths are compared as the disks and hosts a site lands on compare them: two files
//! whose paths differ only in case, or in Unicode form, would overwrite each other there.

use crate::common::Guide;

#[test]
fn a_slug_that_differs_only_in_case_from_another_page_is_an_error_naming_both() {
    let guide = Guide::minimal();
    guide.write("content/intro.md", "---\ntitle: Introduction\n---\nText.\n");
    guide.write(
        "content/welcome.md",
        "---\ntitle: Welcome\nslug: Intro\n---\nText.\n",
    );
    let (_, report) = guide.build_err();
    assert!(report.contains("error[duplicate-url]"), "{report}");
    assert!(report.contains("content/intro.md"), "{report}");
    assert!(report.contains("content/welcome.md:3:1"), "{report}");
    assert!(report.contains("ignore case"), "{report}");
}

#[test]
fn an_alias_in_other_case_than_a_page_is_an_error() {
    let guide = Guide::minimal();
    guide.write("content/intro.md", "---\ntitle: Introduction\n---\nText.\n");
    guide.write(
        "content/welcome.md",
        "---\ntitle: Welcome\naliases: [INTRO]\n---\nText.\n",
    );
    let (_, report) = guide.build_err();
    assert!(report.contains("error[alias]"), "{report}");
    assert!(
        report.contains("the alias `INTRO` is already the address of content/intro.md"),
        "{report}"
    );
}

#[test]
fn files_that_differ_only_in_case_are_an_error() {
    let guide = Guide::minimal();
    guide.write("content/Handout.pdf", "one");
    guide.write("content/handout.pdf", "two");
    let (_, report) = guide.build_err();
    assert!(report.contains("error[duplicate-output]"), "{report}");
    assert!(
        report.contains("Handout.pdf and handout.pdf would be published as one file"),
        "{report}"
    );
}

#[test]
fn composed_and_decomposed_names_are_one_name() {
    let guide = Guide::minimal();
    guide.write("content/r\u{e9}sum\u{e9}.pdf", "composed");
    guide.write("content/re\u{301}sume\u{301}.pdf", "decomposed");
    let (_, report) = guide.build_err();
    assert!(report.contains("error[duplicate-output]"), "{report}");
}

#[test]
fn two_spellings_of_a_taxonomy_value_with_one_address_are_an_error_naming_both() {
    let guide = Guide::minimal();
    guide.write(
        "guide.yaml",
        "title: Test guide\ntaxonomies:\n  role: { title: Role }\n",
    );
    guide.write(
        "content/a.md",
        "---\ntitle: A\nrole: [PLC facilitator]\n---\n",
    );
    guide.write(
        "content/b.md",
        "---\ntitle: B\nrole: [plc-facilitator]\n---\n",
    );
    let (_, report) = guide.build_err();
    assert!(report.contains("error[taxonomy-value]"), "{report}");
    assert!(
        report.contains("`PLC facilitator` (content/a.md) and `plc-facilitator`"),
        "{report}"
    );
    assert!(report.contains("content/b.md:3:1"), "{report}");
}
