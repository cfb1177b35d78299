//! The bundled sample guide builds, and every link of its output resolves.

use crate::common::{Guide, links};

#[test]
fn the_sample_guide_builds_with_every_link_resolving() {
    let guide = Guide::sample();
    let summary = guide.build_ok();
    assert!(summary.pages >= 33, "{} pages", summary.pages);
    let (broken, checked) = links::broken(&guide.public());
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn the_sample_guide_has_seven_sections_of_three_pages_or_more() {
    let guide = Guide::sample();
    let summary = guide.build_ok();
    let built = guidewright::build::build_site(&guide.options())
        .ok()
        .unwrap();
    let home = &built.guide.pages[0];
    assert_eq!(home.children.len(), 7);
    let titles: Vec<&str> = home
        .children
        .iter()
        .map(|&c| built.guide.pages[c].front.title.as_str())
        .collect();
    assert_eq!(titles[0], "Defining teacher-leader roles");
    assert_eq!(titles[6], "Evaluating teacher-leaders");
    for &section in &home.children {
        assert!(built.guide.pages[section].children.len() >= 3);
    }
    assert!(summary.pages >= 25);
    // The page bundle's handout is published beside its page.
    assert!(
        guide
            .public()
            .join("leading-teams/peer-observation/observation-look-fors.pdf")
            .is_file()
    );
}
