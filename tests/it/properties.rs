//! Property tests: heading ids, relative links and the reading order, each checked on many
//! generated inputs rather than a few written ones. Case counts are kept small so the whole
//! file runs in a few seconds; raise `PROPTEST_CASES` to search harder.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use guidewright::build::{BuildOptions, build_site};
use guidewright::parse::heading::{HeadingIds, slug};
use guidewright::url;
use proptest::prelude::*;
use proptest::sample::Index;

/// `default` cases, or as many as the environment's `PROPTEST_CASES` asks for.
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// Heading ids
// ---------------------------------------------------------------------------------------

/// One step of a page's headings: a heading's text, or an author's `{#id}`.
#[derive(Debug, Clone)]
enum Heading {
    Text(String),
    Claim(String),
}

/// Heading texts that often make the same slug, and some of any kind.
fn heading_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[aAbB][aAbB -]{0,3}",
        2 => "[aAbB ]{0,2}(-[0-9])?",
        1 => "[ \t\u{a0}?!&.:]{0,3}",
        1 => "[Ss]ection( -?[0-9])?",
        2 => any::<String>(),
    ]
}

/// Ids an author claims: often ones that the texts above make, numbered repeats included.
fn claimed_id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[ab]{1,2}(-[0-9])?",
        1 => "section(-[0-9])?",
        1 => "[a-z0-9_-]{1,8}",
    ]
}

fn heading() -> impl Strategy<Value = Heading> {
    prop_oneof![
        3 => heading_text().prop_map(Heading::Text),
        1 => claimed_id().prop_map(Heading::Claim),
    ]
}

proptest! {
    #![proptest_config(cases(256))]

    /// Whatever the headings and claims, every id handed out is new, and contains no
    /// whitespace; a claim succeeds exactly when its id is still free.
    #[test]
    fn heading_ids_are_unique(headings in prop::collection::vec(heading(), 0..40)) {
        let mut ids = HeadingIds::default();
        let mut given: HashSet<String> = HashSet::new();
        for heading in headings {
            match heading {
                Heading::Text(text) => {
                    let id = ids.for_text(&text);
                    prop_assert!(!id.is_empty());
                    prop_assert!(!id.contains(char::is_whitespace), "{:?} gave {:?}", text, id);
                    let base = match slug(&text) {
                        base if base.is_empty() => "section".to_string(),
                        base => base,
                    };
                    prop_assert!(id.starts_with(&base), "{:?} gave {:?}", text, id);
                    prop_assert!(given.insert(id.clone()), "{:?} gave {:?} twice", text, id);
                }
                Heading::Claim(id) => {
                    let fresh = !given.contains(&id);
                    prop_assert_eq!(ids.claim(&id), fresh, "claim of {:?}", id);
                    given.insert(id);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Relative links
// ---------------------------------------------------------------------------------------

/// A URL segment: a few common names, so paths share folders, and some odd ones.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec!["a", "b", "c", "index.html", "x.pdf"]).prop_map(String::from),
        1 => "[a-z0-9é%:. _~-]{1,6}".prop_filter("not . or ..", |s| s != "." && s != ".."),
    ]
}

/// A site-relative file path: folders, then a file name.
fn site_path() -> impl Strategy<Value = String> {
    (prop::collection::vec(segment(), 0..5), segment()).prop_map(|(dirs, file)| {
        let mut path = String::new();
        for dir in dirs {
            path.push_str(&dir);
            path.push('/');
        }
        path.push_str(&file);
        path
    })
}

/// A part of a written relative path: a name, `.`, `..`, or nothing (a doubled `/`).
fn path_part() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec!["a", "b", "c.md"]).prop_map(String::from),
        3 => Just("..".to_string()),
        1 => Just(".".to_string()),
        1 => Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(cases(512))]

    /// The link written from `from` to `to`, followed from `from`'s folder, leads to `to`.
    #[test]
    fn relative_links_lead_back(from in site_path(), to in site_path()) {
        let link = url::relative(&from, &to);
        prop_assert!(!link.starts_with('/'), "{}", link);
        prop_assert_eq!(
            url::join(url::dir_of(&from), &link),
            Some(to.clone()),
            "from {} to {} by {}", from, to, link
        );
        // The link is taken for a path by a browser, never for a scheme such as `c:`.
        prop_assert!(!url::is_external(&link), "from {} to {} by {}", from, to, link);
    }

    /// `join` resolves `.` and `..`, and refuses exactly the paths that climb above the top.
    #[test]
    fn join_never_climbs_above_the_top(
        base in prop::collection::vec(prop::sample::select(vec!["a", "b", "c"]), 0..4),
        parts in prop::collection::vec(path_part(), 0..8),
        rooted in any::<bool>(),
    ) {
        let base = base.join("/");
        let path = format!("{}{}", if rooted { "/" } else { "" }, parts.join("/"));
        // The folders walked through, as a person would follow them.
        let mut at: Vec<&str> = if path.starts_with('/') {
            Vec::new()
        } else {
            base.split('/').filter(|s| !s.is_empty()).collect()
        };
        let mut climbs_out = false;
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => climbs_out |= at.pop().is_none(),
                part => at.push(part),
            }
        }
        let joined = url::join(&base, &path);
        if climbs_out {
            prop_assert_eq!(joined, None, "{} + {}", base, path);
        } else {
            let joined = joined.expect("a path inside the top");
            prop_assert!(
                joined.split('/').all(|s| s != ".." && s != "."),
                "{} + {} = {}", base, path, joined
            );
            prop_assert_eq!(joined, at.join("/"));
        }
    }
}

// ---------------------------------------------------------------------------------------
// The reading order
// ---------------------------------------------------------------------------------------

/// A generated page or section: its parent is one of the sections generated before it (or
/// the home page).
#[derive(Debug, Clone)]
struct Node {
    section: bool,
    /// A page written as a bundle folder, `name/index.md`.
    bundle: bool,
    parent: Index,
    weight: Option<i64>,
    title: String,
}

fn node() -> impl Strategy<Value = Node> {
    (
        prop::bool::weighted(0.35),
        prop::bool::weighted(0.2),
        any::<Index>(),
        prop::option::weighted(0.6, -2i64..3),
        // Few letters, both cases: equal weights and titles that differ only by case happen.
        "[aAbBc][aAb ]{0,2}[aAb]?",
    )
        .prop_map(|(section, bundle, parent, weight, title)| Node {
            section,
            bundle,
            parent,
            weight,
            title,
        })
}

fn front_matter(title: &str, weight: Option<i64>) -> String {
    let title = serde_json::to_string(title).expect("a title as a YAML string");
    match weight {
        Some(weight) => format!("---\ntitle: {title}\nweight: {weight}\n---\nBody.\n"),
        None => format!("---\ntitle: {title}\n---\nBody.\n"),
    }
}

/// Writes the guide of `nodes` under `root`; gives each node's source path (in `content/`)
/// and the source path of its parent.
fn write_guide(root: &Path, nodes: &[Node]) -> Vec<(String, String)> {
    let write = |path: &str, text: &str| {
        let file = root.join("content").join(path);
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("create folder");
        std::fs::write(file, text).expect("write");
    };
    std::fs::write(root.join("guide.yaml"), "title: Generated\n").expect("write settings");
    write("_index.md", &front_matter("Home", None));
    // Folders of the sections made so far; "" is the home page.
    let mut sections: Vec<(String, String)> = vec![(String::new(), "_index.md".to_string())];
    let mut placed = Vec::new();
    for (n, node) in nodes.iter().enumerate() {
        let (folder, parent_source) = sections[node.parent.index(sections.len())].clone();
        let name = format!("{folder}{}{n}", if node.section { "s" } else { "p" });
        let source = if node.section {
            format!("{name}/_index.md")
        } else if node.bundle {
            format!("{name}/index.md")
        } else {
            format!("{name}.md")
        };
        write(&source, &front_matter(&node.title, node.weight));
        if node.section {
            sections.push((format!("{name}/"), source.clone()));
        }
        placed.push((source, parent_source));
    }
    placed
}

proptest! {
    #![proptest_config(cases(12))]

    /// Built from a real guide folder, the reading order is a depth-first preorder from the
    /// home page that visits each page once, with each section's children sorted by weight
    /// (weighted first), then lowercase title; previous and next follow that order.
    #[test]
    fn reading_order_is_a_sorted_preorder(nodes in prop::collection::vec(node(), 0..14)) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let placed = write_guide(dir.path(), &nodes);
        let built = build_site(&BuildOptions {
            root: dir.path().to_path_buf(),
            ..BuildOptions::default()
        });
        let guide = match built {
            Ok(built) => built.guide,
            Err(failed) => panic!("the generated guide does not build: {:?}", failed.report.problems),
        };
        let pages = &guide.pages;
        prop_assert_eq!(pages.len(), nodes.len() + 1);
        let by_source: HashMap<&str, usize> =
            pages.iter().enumerate().map(|(i, p)| (p.source.as_str(), i)).collect();

        // The tree is the folder's: each page's parent is the section it was written in.
        for (source, parent) in &placed {
            let page = by_source[source.as_str()];
            prop_assert_eq!(pages[page].parent, Some(by_source[parent.as_str()]), "{}", source);
        }
        for (i, page) in pages.iter().enumerate() {
            let mut children: Vec<usize> = (0..pages.len())
                .filter(|&c| pages[c].parent == Some(i))
                .collect();
            let mut listed = page.children.clone();
            children.sort_unstable();
            listed.sort_unstable();
            prop_assert_eq!(listed, children, "children of {}", page.source);
            // Sorted: weighted before unweighted, by weight, then by lowercase title.
            let key = |c: usize| {
                let front = &pages[c].front;
                (front.weight.is_none(), front.weight.unwrap_or(0), front.title.to_lowercase())
            };
            for pair in page.children.windows(2) {
                prop_assert!(
                    key(pair[0]) <= key(pair[1]),
                    "children of {}: {:?} before {:?}", page.source, key(pair[0]), key(pair[1])
                );
            }
        }

        // A depth-first preorder from the home page, each page once.
        fn preorder(pages: &[guidewright::guide::Page], at: usize, out: &mut Vec<usize>) {
            out.push(at);
            for &child in &pages[at].children {
                preorder(pages, child, out);
            }
        }
        let mut expected = Vec::new();
        preorder(pages, 0, &mut expected);
        prop_assert_eq!(&guide.order, &expected);
        let visited: HashSet<usize> = guide.order.iter().copied().collect();
        prop_assert_eq!(visited.len(), pages.len());

        // Previous and next are the neighbours in the order.
        for (n, &page) in guide.order.iter().enumerate() {
            let prev = n.checked_sub(1).map(|p| guide.order[p]);
            prop_assert_eq!(pages[page].prev, prev, "prev of {}", pages[page].source);
            prop_assert_eq!(pages[page].next, guide.order.get(n + 1).copied());
        }
    }
}
