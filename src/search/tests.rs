//! Unit tests of the search index: contents, folding, matching, ranking, size.
use std::path::Path;

use super::query::Reader;
use super::*;
use crate::build::{BuildOptions, build_site};

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A small guide made to test ranking: each word sits in one field of one page.
fn guide() -> (tempfile::TempDir, Guide) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "guide.yaml", "title: Test guide\n");
    write(
        root,
        "content/_index.md",
        "---\ntitle: Home\n---\nWelcome. The body mentions mentoring once.\n",
    );
    write(
        root,
        "content/alpha/_index.md",
        "---\ntitle: Alpha section\nweight: 1\n---\nSection text about rubrics.\n",
    );
    write(
        root,
        "content/alpha/body.md",
        "---\ntitle: Body page\nweight: 1\n---\nThe body talks about mentoring and Évaluer les rôles.\n\n## Other heading\n\nMore words: schedules.\n",
    );
    write(
        root,
        "content/alpha/heading.md",
        "---\ntitle: Heading page\nweight: 2\n---\nIntro text.\n\n## Mentoring in practice\n\nText under it.\n\n## Café & “quotes” {#custom-id}\n\nMore.\n",
    );
    write(
        root,
        "content/beta/_index.md",
        "---\ntitle: Beta section\nweight: 2\n---\n",
    );
    write(
        root,
        "content/beta/summary.md",
        "---\ntitle: Summary page\nweight: 1\nsummary: All about mentoring, in one sentence.\n---\nNothing here.\n",
    );
    write(
        root,
        "content/beta/title.md",
        "---\ntitle: Mentoring new teachers\nweight: 2\n---\nCoaching and mentoring teachers who are new; a long body that goes on and on so that the excerpt has to be cut somewhere before the end of this rather long first paragraph, which it is.\n",
    );
    let built = build_site(&BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    })
    .unwrap_or_else(|failed| panic!("{:?}", failed.report.problems));
    (dir, built.guide)
}

fn reader(guide: &Guide) -> Reader {
    Reader::from_script(&script(guide)).unwrap()
}

#[test]
fn the_index_holds_each_page_in_reading_order() {
    let (_dir, guide) = guide();
    let index = Index::build(&guide);
    let titles: Vec<&str> = index.pages.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Home",
            "Alpha section",
            "Body page",
            "Heading page",
            "Beta section",
            "Summary page",
            "Mentoring new teachers"
        ]
    );
    assert_eq!(
        index.sections,
        [
            SectionEntry {
                value: "alpha".into(),
                title: "Alpha section".into()
            },
            SectionEntry {
                value: "beta".into(),
                title: "Beta section".into()
            }
        ]
    );
    let sections: Vec<Option<usize>> = index.pages.iter().map(|p| p.section).collect();
    assert_eq!(
        sections,
        [None, Some(0), Some(0), Some(0), Some(1), Some(1), Some(1)]
    );
}

#[test]
fn the_index_holds_a_page_s_url_and_headings() {
    let (_dir, guide) = guide();
    let index = Index::build(&guide);
    let heading = &index.pages[3];
    assert_eq!(heading.url, "alpha/heading/index.html");
    assert_eq!(
        heading.headings,
        [
            text::Heading {
                id: "mentoring-in-practice".into(),
                title: "Mentoring in practice".into()
            },
            text::Heading {
                id: "custom-id".into(),
                title: "Café & “quotes”".into()
            }
        ]
    );
}

#[test]
fn the_text_of_a_page_is_its_summary_or_the_start_of_its_body() {
    let (_dir, guide) = guide();
    let index = Index::build(&guide);
    // The summary when there is one, else the start of the body, cut at a word.
    assert_eq!(index.pages[5].text, "All about mentoring, in one sentence.");
    let excerpt = &index.pages[6].text;
    assert!(
        excerpt.starts_with("Coaching and mentoring teachers"),
        "{excerpt}"
    );
    assert!(excerpt.ends_with('…') && excerpt.chars().count() <= EXCERPT + 1);
}

#[test]
fn the_index_holds_folded_words_with_the_fields_they_are_in() {
    let (_dir, guide) = guide();
    let index = Index::build(&guide);
    // Stop words and one-letter words are not indexed; folded words are.
    let terms: Vec<&str> = index.terms.iter().map(|(t, _)| t.as_str()).collect();
    assert!(!terms.contains(&"the") && !terms.contains(&"a"));
    assert!(terms.contains(&"evaluer") && terms.contains(&"roles") && terms.contains(&"cafe"));
    assert!(!terms.contains(&"évaluer"));
    // Which fields a word is in, per page.
    let postings = |word: &str| {
        index
            .terms
            .iter()
            .find(|(t, _)| t == word)
            .map(|(_, p)| p.clone())
            .unwrap()
    };
    assert_eq!(
        postings("mentoring"),
        [
            (0, encode::BODY),
            (2, encode::BODY),
            (3, encode::HEADING),
            (5, encode::SUMMARY),
            (6, encode::TITLE | encode::BODY)
        ]
    );
}

#[test]
fn the_script_reads_back_as_it_was_built() {
    let (_dir, guide) = guide();
    let index = Index::build(&guide);
    let script = index.to_script();
    assert!(script.starts_with("/*") && script.contains("window.guidewrightSearch={"));
    let read = Reader::from_script(&script).unwrap();
    assert_eq!(read.version, u64::from(VERSION));
    assert_eq!(read.terms, index.terms);
    assert_eq!(read.pages.len(), index.pages.len());
    for (read, built) in read.pages.iter().zip(&index.pages) {
        assert_eq!(read.title, built.title);
        assert_eq!(read.url, built.url);
        assert_eq!(read.section, built.section);
        assert_eq!(read.text, built.text);
        let headings: Vec<(String, String)> = built
            .headings
            .iter()
            .map(|h| (h.title.clone(), h.id.clone()))
            .collect();
        assert_eq!(read.headings, headings);
    }
    // Derivable ids are left out: the heading is stored by its title alone.
    assert!(script.contains("\"Mentoring in practice\""));
    assert!(script.contains("[\"Café & “quotes”\",\"custom-id\"]"));
    assert!(script.contains("\"alpha/heading/\""));
}

#[test]
fn queries_ignore_case_and_accents() {
    let (_dir, guide) = guide();
    let read = reader(&guide);
    for query in ["evaluer", "Évaluer", "EVALUER", "évaluer roles", "ROLES"] {
        assert_eq!(read.titles(query), ["Body page"], "{query}");
    }
    assert_eq!(read.titles("cafe"), ["Heading page"]);
}

#[test]
fn the_last_word_matches_as_a_prefix_and_every_word_must_match() {
    let (_dir, guide) = guide();
    let read = reader(&guide);
    assert_eq!(read.titles("sched"), ["Body page"]);
    assert_eq!(read.titles("schedules"), ["Body page"]);
    // Only the last word is a prefix.
    assert!(read.titles("sched body").is_empty());
    assert_eq!(read.titles("schedules bod"), ["Body page"]);
    // Every word must match (AND).
    assert_eq!(read.titles("mentoring rubrics"), Vec::<&str>::new());
    assert_eq!(read.titles("coaching mentor"), ["Mentoring new teachers"]);
    // Stop words and one-letter words are dropped; a stop word alone is a prefix.
    assert_eq!(read.titles("the coaching a"), ["Mentoring new teachers"]);
    assert_eq!(read.titles("on"), ["Home"]); // "once"
    assert!(read.titles("").is_empty() && read.titles(" ,. ").is_empty());
}

#[test]
fn titles_rank_before_headings_before_summaries_before_bodies() {
    let (_dir, guide) = guide();
    let read = reader(&guide);
    assert_eq!(
        read.titles("mentoring"),
        [
            "Mentoring new teachers",
            "Heading page",
            "Summary page",
            // Body matches tie and keep the reading order.
            "Home",
            "Body page"
        ]
    );
    let scores: Vec<u32> = read.search("mentoring").iter().map(|r| r.1).collect();
    assert_eq!(scores, [100, 20, 10, 1, 1]);
}

#[test]
fn query_parsing_drops_what_the_index_leaves_out() {
    let stop: Vec<String> = ["the", "and"].iter().map(|s| s.to_string()).collect();
    let parsed = query::parse_query("The Coaching and É", &stop);
    assert_eq!(parsed.words, ["coaching"]);
    assert!(!parsed.prefix);
    let parsed = query::parse_query("coaching évalu", &stop);
    assert_eq!(parsed.words, ["coaching", "evalu"]);
    assert!(parsed.prefix);
    let parsed = query::parse_query("the", &stop);
    assert_eq!(parsed.words, ["the"]);
    assert!(parsed.prefix);
}

#[test]
fn headings_with_derivable_ids_are_stored_by_title() {
    assert_eq!(
        derived_id("Time & money: options").as_deref(),
        Some("time--money-options")
    );
    assert_eq!(
        derived_id("What_is it-now").as_deref(),
        Some("what_is-it-now")
    );
    assert_eq!(derived_id("Évaluer"), None);
}

#[test]
fn templates_get_no_search_links_when_search_is_disabled() {
    let (_dir, mut guide) = guide();
    guide.config.search.enabled = false;
    assert!(links(&guide).is_none());
}

/// The index of the sample guide stays well under the size of its Markdown.
#[test]
fn the_sample_guides_index_is_under_35_percent_of_its_markdown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = build_site(&BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    })
    .unwrap_or_else(|failed| panic!("{:?}", failed.report.problems));
    let markdown: u64 = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.metadata().unwrap().len())
        .sum();
    let script = script(&built.guide);
    let share = script.len() as f64 / markdown as f64;
    assert!(
        share < 0.35,
        "index {} bytes = {:.1} % of {markdown} bytes of Markdown",
        script.len(),
        share * 100.0
    );
    let read = Reader::from_script(&script).unwrap();
    assert_eq!(read.pages.len(), built.guide.order.len());
    assert_eq!(read.pages[0].title, built.guide.pages[0].front.title);
}

proptest::proptest! {
    /// The one-pass word splitter gives exactly the words of folding the whole text and
    /// splitting it at every character that is not alphanumeric.
    #[test]
    fn words_are_the_alphanumeric_runs_of_the_folded_text(
        text in "([a-zA-Z0-9 ,.'-]|[ÉéèÀàçÇßæŒøØłŁıΣσςﬁ½²①ǅ\u{301}\u{300}Æ—–…]|\\PC){0,80}"
    ) {
        let folded = text::fold(&text);
        let expected: Vec<String> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| {
                let chars = w.chars().count();
                chars > 0 && chars <= text::MAX_WORD && !(chars == 1 && w.is_ascii())
            })
            .map(str::to_string)
            .collect();
        proptest::prop_assert_eq!(text::words(&text), expected);
    }
}

proptest::proptest! {
    /// The body text is the text of the HTML with whitespace collapsed, however the HTML
    /// splits it into elements.
    #[test]
    fn body_text_collapses_whitespace_across_elements(
        parts in proptest::collection::vec("[a-z\u{a0} \\t\\n\u{b}\u{85}\u{1680}\u{2003}\u{2028}\u{3000}€¢ḁ’é]{0,6}", 0..8),
        tags in proptest::collection::vec(proptest::sample::select(vec!["<p>", "</p>", "<em>", "</em>", "<br>", "<SCRIPT>x y</script>", "<svg><text>z</text></SVG>"]), 0..8),
    ) {
        let mut html = String::new();
        let mut plain = String::new();
        for (i, part) in parts.iter().enumerate() {
            html.push_str(part);
            plain.push_str(part);
            if let Some(tag) = tags.get(i) {
                html.push_str(tag);
                // Inline and hidden elements do not separate words, as in the browser's text.
                if !["<em>", "</em>", "<SCRIPT>x y</script>", "<svg><text>z</text></SVG>"]
                    .contains(tag)
                {
                    plain.push(' ');
                }
            }
        }
        proptest::prop_assert_eq!(text::body_text(&html).body, text::collapse(&plain));
    }
}

/// The queries and texts `tests/js/reference.json` holds the Rust reference's answers for.
const JS_QUERIES: &[&str] = &[
    "mentoring",
    "mentor",
    "Évaluer rôles",
    "EVALUER",
    "sched",
    "sched body",
    "schedules bod",
    "the coaching a",
    "coaching constructor",
    "constructor",
    "on",
    "the",
    "cafe quotes",
    "",
    " ,. ",
];
const JS_TEXTS: &[&str] = &[
    "Évaluer",
    "naïve Façade",
    "ﬁnance",
    "Straße",
    "Œuvre Ærø",
    "ΟΔΟΣ",
    "İstanbul",
    "Łódź þorn",
    "Ⅻ ①",
    "teacher-leader’s 2017",
];

/// The Node tests of `theme/search-core.js` (tests/js/) read the index of the small guide
/// above and what the Rust reference answers for it; this keeps both files as the build
/// writes them today. `UPDATE_JS_FIXTURES=1` rewrites them.
#[test]
fn the_node_tests_fixtures_are_what_the_build_writes() {
    let (_dir, guide) = guide();
    let script = script(&guide);
    let read = Reader::from_script(&script).unwrap();
    let none: Vec<String> = Vec::new();
    let queries: Vec<serde_json::Value> = JS_QUERIES
        .iter()
        .map(|&typed| {
            let parsed = query::parse_query(typed, &read.stop_words);
            serde_json::json!({
                "typed": typed,
                "words": parsed.words,
                "prefix": parsed.prefix,
                "found": read.search(typed),
            })
        })
        .collect();
    let texts: Vec<serde_json::Value> = JS_TEXTS
        .iter()
        .map(|&t| {
            let words = query::parse_query(t, &none).words;
            serde_json::json!({ "text": t, "fold": text::fold(t), "words": words })
        })
        .collect();
    let reference = serde_json::json!({ "queries": queries, "texts": texts });
    let reference = serde_json::to_string_pretty(&reference).unwrap() + "\n";
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/fixtures");
    let update = std::env::var_os("UPDATE_JS_FIXTURES").is_some_and(|v| v == "1");
    for (name, text) in [("index.js", &script), ("reference.json", &reference)] {
        let path = fixtures.join(name);
        if update {
            std::fs::create_dir_all(&fixtures).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == *text,
            "{} is not what the build writes: run `UPDATE_JS_FIXTURES=1 cargo test --lib search` and review the change",
            path.display()
        );
    }
}
