//! Competencies and resources: generated pages, page panels, JSON-LD and the catalog's errors.

use crate::common::{Guide, json_ld, links, main_of};

fn built() -> Guide {
    let guide = Guide::fixture("catalog");
    guide.build_ok();
    guide
}

#[test]
fn every_generated_page_is_written_and_every_link_resolves() {
    let guide = built();
    for path in [
        "competencies/index.html",
        "competencies/tlms-1/index.html",
        "competencies/gtl-2/index.html",
        "resources/index.html",
        "audience/index.html",
        "audience/principal/index.html",
        "role/index.html",
        "role/instructional-coach/index.html",
        "library/rubric.txt",
    ] {
        assert!(guide.public().join(path).is_file(), "{path}");
    }
    // A value only one page names still gets its page, listing that page.
    let district = guide.read("audience/district/index.html");
    assert!(main_of(&district).contains("Rubrics"), "{district}");
    let (broken, checked) = links::broken(&guide.public());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    assert!(checked > 100);
}

#[test]
fn the_competency_index_lists_frameworks_counts_and_a_coverage_matrix() {
    let guide = built();
    let html = guide.read("competencies/index.html");
    for text in [
        "Teacher Leader Model Standards",
        "Teacher Self-Assessment Tool",
        "Culture",
        "<strong>teacher leadership</strong>",
        "Fostering a collaborative culture",
    ] {
        assert!(html.contains(text), "{text}");
    }
    // tlms-1 is developed by two pages.
    let tlms1 = html
        .find(r#"competencies/tlms-1/index.html""#)
        .expect("a link to tlms-1");
    assert!(
        html[tlms1..tlms1 + 600].contains("2 pages"),
        "{}",
        &html[tlms1..tlms1 + 600]
    );
    // One matrix per framework that pages develop, rows the top-level sections.
    let tables = html.matches("<table").count();
    assert_eq!(tables, 2, "one matrix per framework");
    let first = &html[html.find("<table").unwrap()..html.find("</table>").unwrap()];
    assert!(first.contains("<caption"));
    assert!(first.contains(r#"scope="col""#) && first.contains(r#"scope="row""#));
    assert!(first.contains("Selecting") && first.contains("Teams"));
    assert!(
        first.contains("gw-level-4"),
        "the largest count has the top colour step"
    );
    assert!(first.contains("gw-level-0"));
}

#[test]
fn a_competency_page_lists_the_pages_that_develop_it_by_section_and_its_resources() {
    let guide = built();
    let page = guide.read("competencies/tlms-1/index.html");
    let html = &page[page.find("<main").unwrap()..];
    assert!(
        html.contains("<h1>Fostering a collaborative culture</h1>"),
        "{html}"
    );
    assert!(html.contains("<em>trust</em>"));
    let selecting = html.find(">Selecting<").expect("the Selecting section");
    let teams = html.find(">Teams<").expect("the Teams section");
    assert!(selecting < teams, "sections in reading order");
    assert!(html[selecting..teams].contains("Rubrics"));
    assert!(html[teams..].contains("Peer observation"));
    assert!(
        html.contains(r#"href="../../resources/index.html#tlms-2011""#),
        "aligned resources link to the library"
    );
    // A competency developed only by a section page.
    assert!(
        guide
            .read("competencies/tlms-2/index.html")
            .contains("Selecting")
    );
}

#[test]
fn the_resource_library_groups_by_kind_with_anchors_and_citing_pages() {
    let guide = built();
    let html = guide.read("resources/index.html");
    for id in ["tlms-2011", "gtl-tool", "local-rubric"] {
        assert!(html.contains(&format!(r#"id="{id}""#)), "{id}");
    }
    for kind in ["Standards", "Self-assessments", "Tools"] {
        assert!(html.contains(kind), "{kind}");
    }
    let entry = &html[html.find(r#"id="gtl-tool""#).unwrap()..];
    let entry = &entry[..entry.find("</article>").unwrap()];
    assert!(entry.contains("https://example.org/gtl.pdf"));
    assert!(entry.contains("A. Author"));
    assert!(
        entry.contains("../selecting/rubrics/index.html"),
        "cited by Rubrics: {entry}"
    );
    assert!(entry.contains("../competencies/gtl-1/index.html"));
    assert!(
        html.contains(r#"href="../library/rubric.txt""#),
        "a resource file of content/ is linked"
    );
}

#[test]
fn taxonomy_pages_list_values_with_counts_and_their_pages() {
    let guide = built();
    let index = guide.read("audience/index.html");
    assert!(
        index.contains(r#"audience/principal/index.html""#),
        "{index}"
    );
    assert!(index.contains(r#"audience/teacher/index.html""#));
    let value = guide.read("audience/principal/index.html");
    assert!(value.contains("Rubrics"));
    assert!(!value.contains("Peer observation"));
    let role = guide.read("role/index.html");
    assert!(
        role.contains("instructional-coach"),
        "undeclared values in use are listed"
    );
}

#[test]
fn a_page_shows_its_competencies_resources_downloads_time_and_audience() {
    let guide = built();
    let html = guide.read("selecting/rubrics/index.html");
    assert!(html.contains(r#"href="../../competencies/tlms-1/index.html""#));
    assert!(html.contains(r#"href="../../resources/index.html#gtl-tool""#));
    assert!(html.contains(r#"href="https://example.org/gtl.pdf""#));
    assert!(
        html.contains(r#"href="https://example.org/blog""#),
        "inline resources link out"
    );
    assert!(html.contains(r#"href="../../audience/principal/index.html""#));
    assert!(html.contains("50 min"));
    let bundle = guide.read("teams/observation/index.html");
    assert!(
        bundle.contains(r#"href="../../teams/observation/look-fors.txt""#)
            || bundle.contains(r#"href="look-fors.txt""#)
    );
    assert!(bundle.contains("TXT"), "the download's type is shown");
    assert!(
        bundle.contains("2.0 KB"),
        "the download's size is shown: {bundle}"
    );
}

#[test]
fn every_content_page_carries_learning_resource_json_ld() {
    let guide = built();
    let doc = json_ld(&guide.read("selecting/rubrics/index.html"));
    assert_eq!(doc["@context"], "https://schema.org");
    assert_eq!(doc["@type"], "LearningResource");
    assert_eq!(doc["name"], "Rubrics");
    assert_eq!(doc["description"], "Score candidates fairly.");
    assert_eq!(doc["timeRequired"], "PT1H25M");
    assert_eq!(doc["url"], "https://example.org/guide/selecting/rubrics/");
    let alignments = doc["educationalAlignment"].as_array().unwrap();
    assert_eq!(alignments.len(), 2);
    assert_eq!(alignments[0]["@type"], "AlignmentObject");
    assert_eq!(alignments[0]["alignmentType"], "teaches");
    assert_eq!(
        alignments[0]["educationalFramework"],
        "Teacher Leader Model Standards"
    );
    assert_eq!(
        alignments[0]["targetName"],
        "Fostering a collaborative culture"
    );
    assert_eq!(
        alignments[0]["targetUrl"],
        "https://example.org/guide/competencies/tlms-1/"
    );
    let audience = doc["audience"].as_array().unwrap();
    assert_eq!(audience[0]["@type"], "EducationalAudience");
    assert_eq!(audience[0]["educationalRole"], "principal");
    // Every content page has one; without base_url there are no absolute URLs in it.
    for page in [
        "index.html",
        "selecting/index.html",
        "teams/observation/index.html",
    ] {
        assert_eq!(
            json_ld(&guide.read(page))["@type"],
            "LearningResource",
            "{page}"
        );
    }
    let guide = Guide::fixture("catalog");
    guide.write("guide.yaml", "title: Catalog fixture\ntaxonomies:\n  audience: { title: Audience }\n  role: { title: Role }\n");
    guide.build_ok();
    let doc = json_ld(&guide.read("selecting/rubrics/index.html"));
    assert!(doc.get("url").is_none());
    assert!(doc["educationalAlignment"][0].get("targetUrl").is_none());
}

#[test]
fn a_competency_no_page_develops_is_a_warning() {
    let guide = Guide::fixture("catalog");
    let summary = guide.build_ok();
    let warning = summary
        .report
        .problems
        .iter()
        .find(|w| w.code.as_str() == "unused-competency")
        .expect("a warning");
    assert!(warning.message.contains("`gtl-2`"), "{}", warning.message);
    assert_eq!(
        warning.file.as_deref(),
        Some(std::path::Path::new("content/competencies.yaml"))
    );
    assert_eq!((warning.line, warning.column), (25, 13));
}

fn only_error(guide: &Guide) -> guidewright::diagnostic::Diagnostic {
    let (failed, report) = guide.build_err();
    assert_eq!(
        failed
            .report
            .problems
            .iter()
            .filter(|p| p.is_error())
            .count(),
        1,
        "{report}"
    );
    failed
        .report
        .problems
        .into_iter()
        .find(|p| p.is_error())
        .unwrap()
}

#[test]
fn a_typo_in_a_page_competency_id_names_file_line_column_and_the_likely_id() {
    let guide = Guide::fixture("catalog");
    guide.write(
        "content/teams/observation/index.md",
        "---\ntitle: Peer observation\ncompetencies:\n  - tlms-1\n  - tlsm-2\n---\n",
    );
    let problem = only_error(&guide);
    assert_eq!(problem.code.as_str(), "unknown-competency");
    assert_eq!(
        problem.file.as_deref(),
        Some(std::path::Path::new("content/teams/observation/index.md"))
    );
    assert_eq!((problem.line, problem.column), (5, 5));
    assert_eq!(problem.hint.as_deref(), Some("did you mean `tlms-2`?"));
}

#[test]
fn a_typo_in_a_page_resource_id_names_the_likely_id() {
    let guide = Guide::fixture("catalog");
    guide.write(
        "content/teams/observation/index.md",
        "---\ntitle: Peer observation\nresources: [tlms-2011, gtl-tol]\n---\n",
    );
    let problem = only_error(&guide);
    assert_eq!(problem.code.as_str(), "unknown-resource");
    assert_eq!((problem.line, problem.column), (3, 24));
    assert_eq!(problem.hint.as_deref(), Some("did you mean `gtl-tool`?"));
}

#[test]
fn a_resource_citing_an_unknown_competency_is_an_error_in_resources_yaml() {
    let guide = Guide::fixture("catalog");
    let text = std::fs::read_to_string(guide.root.join("content/resources.yaml")).unwrap();
    guide.write(
        "content/resources.yaml",
        text.replace("competencies: [gtl-1]", "competencies: [gtl-11]"),
    );
    let problem = only_error(&guide);
    assert_eq!(
        problem.file.as_deref(),
        Some(std::path::Path::new("content/resources.yaml"))
    );
    assert_eq!((problem.line, problem.column), (17, 20));
    assert_eq!(problem.hint.as_deref(), Some("did you mean `gtl-1`?"));
}

#[test]
fn catalog_files_reject_unknown_keys_and_duplicate_ids() {
    let guide = Guide::fixture("catalog");
    let text = std::fs::read_to_string(guide.root.join("content/competencies.yaml")).unwrap();
    guide.write(
        "content/competencies.yaml",
        text.replace("    year: 2017\n", "    yeer: 2017\n"),
    );
    let problem = only_error(&guide);
    assert_eq!(problem.line, 20);
    assert_eq!(problem.hint.as_deref(), Some("did you mean `year`?"));

    let guide = Guide::fixture("catalog");
    guide.write(
        "content/competencies.yaml",
        text.replace("id: gtl-2", "id: gtl-1"),
    );
    let (failed, _) = guide.build_err();
    let problem = failed
        .report
        .problems
        .into_iter()
        .find(|p| p.code.as_str() == "catalog")
        .expect("the duplicate");
    assert!(
        problem
            .message
            .contains("two competencies have the id `gtl-1`"),
        "{}",
        problem.message
    );
    assert_eq!((problem.line, problem.column), (25, 13));
}

#[test]
fn a_missing_download_is_an_error_at_its_line() {
    let guide = Guide::fixture("catalog");
    guide.write(
        "content/teams/observation/index.md",
        "---\ntitle: Peer observation\ndownloads:\n  - { file: look-for.txt, title: Look-fors }\n---\n",
    );
    let problem = only_error(&guide);
    assert_eq!(problem.code.as_str(), "missing-download");
    assert_eq!((problem.line, problem.column), (4, 13));
    assert_eq!(
        problem.hint.as_deref(),
        Some("did you mean `look-fors.txt`?")
    );
}

#[test]
fn the_template_override_example_of_the_documentation_works() {
    // The example in docs/templates.md, "An override that uses them", verbatim.
    let docs = std::fs::read_to_string(crate::common::repo().join("docs/templates.md")).unwrap();
    let start = docs
        .find("```jinja\n")
        .expect("the example in docs/templates.md")
        + 9;
    let example = &docs[start..start + docs[start..].find("```").unwrap()];
    let guide = Guide::fixture("catalog");
    guide.write("templates/page.html", example);
    guide.build_ok();
    let html = guide.read("selecting/rubrics/index.html");
    assert!(html.contains(r#"<ul class="competencies">"#), "{html}");
    assert!(html.contains(r#"<a href="../../competencies/tlms-1/index.html">Fostering a collaborative culture</a> (Teacher Leader Model Standards)"#), "{html}");
    assert!(
        html.contains(
            r#"<a href="../../resources/index.html#gtl-tool">Teacher Self-Assessment Tool</a>"#
        ),
        "{html}"
    );
    assert!(html.contains("<p>Time: 50 + 35 min</p>"), "{html}");
}

/// The 1-based line number of the `nth` line of `text` equal to `line`.
fn line_of(text: &str, line: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| *l == line)
        .nth(nth)
        .map(|(n, _)| n + 1)
        .unwrap_or_else(|| panic!("no {line:?}"))
}

/// 20,000 resources and 20,000 competencies, with problems after the last: each is placed
/// at its own line and column. Places used to be found by rescanning the file for each
/// entry, which took minutes here (quadratic); the index of places makes it linear.
#[test]
fn large_catalogs_place_problems_at_their_lines_without_rescanning() {
    let guide = Guide::fixture("catalog");
    let read = |name: &str| std::fs::read_to_string(guide.root.join("content").join(name)).unwrap();
    let mut resources = read("resources.yaml");
    let mut competencies = read("competencies.yaml");
    for n in 0..20_000 {
        resources.push_str(&format!(
            "  - id: big-{n}\n    title: Big {n}\n    kind: tool\n    competencies: [gtl-1]\n"
        ));
        competencies.push_str(&format!("      - id: big-c-{n}\n        name: C {n}\n"));
    }
    resources.push_str("  - id: big-5\n    title: Again\n    kind: tool\n");
    resources.push_str("  - id: last\n    title: Last\n    kind: tool\n    url: www.example.org/x\n    competencies: [big-c-1, gtl-11]\n");
    competencies.push_str("      - id: big-c-7\n        name: Again\n");
    guide.write("content/resources.yaml", &resources);
    guide.write("content/competencies.yaml", &competencies);

    let mut report = guidewright::diagnostic::Report::default();
    let catalog = guidewright::catalog::load(&guide.root, &mut report);
    let problems = report.problems;
    assert!(catalog.resource("last").is_some());
    let place = |message: &str| {
        let problem = problems
            .iter()
            .find(|p| p.message == message)
            .unwrap_or_else(|| panic!("no {message:?} in {problems:?}"));
        (problem.line, problem.column)
    };
    let last = line_of(&resources, "  - id: last", 0);
    assert_eq!(
        place("two resources have the id `big-5`"),
        (line_of(&resources, "  - id: big-5", 1), 9)
    );
    assert_eq!(
        place("`www.example.org/x` is not a web address"),
        (last + 3, 10)
    );
    assert_eq!(place("there is no competency `gtl-11`"), (last + 4, 29));
    assert_eq!(
        place("two competencies have the id `big-c-7`"),
        (line_of(&competencies, "      - id: big-c-7", 1), 13)
    );
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(catalog.competency("big-c-19999").is_some());
}
