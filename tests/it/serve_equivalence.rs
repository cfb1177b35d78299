//! Whatever the sequence of edits, what the preview serves equals a clean full build of the
//! same files: a seeded random walk of 240 edits — pages and sections added, edited, renamed
//! and deleted, weights and ids changed, data files and templates edited, front matter broken
//! and fixed — compared file by file with a full build after every step.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::Guide;
use guidewright::build::{self, BuildOptions};
use guidewright::serve::{Preview, Served, Snapshot, classify};

/// A small deterministic generator (xorshift), so a failure replays with its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// Every `.md` file of the guide, by path inside content/.
fn markdown_files(root: &Path) -> Vec<String> {
    let content = root.join("content");
    let mut files: Vec<String> = crate::common::files_ending(&content, "md")
        .iter()
        .map(|f| {
            let f = f.strip_prefix(&content).unwrap();
            f.to_string_lossy().replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

fn section_dirs(root: &Path) -> Vec<String> {
    markdown_files(root)
        .into_iter()
        .filter_map(|f| f.strip_suffix("_index.md").map(str::to_string))
        .collect()
}

const COMPETENCIES: &[&str] = &["tlms-1", "tlms-2", "gtl-1", "gtl-2", "gtl-9"];

fn front(title: &str, weight: usize, competency: &str) -> String {
    format!(
        "---\ntitle: {title}\nweight: {weight}\nsummary: About {title}.\ncompetencies: [{competency}]\n---\n"
    )
}

/// One random edit; returns the paths it touched, as a file watcher would report them.
fn step(rng: &mut Rng, root: &Path, n: usize) -> Vec<PathBuf> {
    let content = root.join("content");
    let files = markdown_files(root);
    // Pages that can go without leaving a folder of pages behind (not a bundle's index.md).
    let pages: Vec<&String> = files.iter().filter(|f| !f.ends_with("index.md")).collect();
    let sections = section_dirs(root);
    match rng.below(20) {
        // Body edits: the fast path.
        0..=9 => edit_body(rng, &content, &files, n),
        // Title and weight changes.
        10 => retitle_or_reweigh(rng, &content, &files, n),
        // Competency ids, valid or not.
        11 => change_competency(rng, &content, &files),
        12 => add_page_or_section(rng, &content, &sections, n),
        // Delete or rename a page; delete a section with everything in it.
        13 => delete_or_rename_page(rng, &content, &pages, n),
        14 => delete_section(rng, &content, &sections),
        // Data files and templates.
        15 => add_or_remove_competency(&content),
        16 => add_or_remove_page_template(root),
        // Front matter broken, then fixed by a later step.
        17 => break_front_matter(rng, &content, &files),
        _ => repair(&content, &files),
    }
}

fn write(path: &Path, text: String) -> Vec<PathBuf> {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    vec![path.to_path_buf()]
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A paragraph, a heading, a link, a removed heading or a broken link in one page's body.
fn edit_body(rng: &mut Rng, content: &Path, files: &[String], n: usize) -> Vec<PathBuf> {
    let Some(file) = rng.pick(files) else {
        return Vec::new();
    };
    let path = content.join(file);
    let mut text = read(&path);
    match rng.below(10) {
        0..=3 => text.push_str(&format!("\nParagraph {n} with *emphasis*.\n")),
        4 | 5 => text.push_str(&format!("\n## Heading {}\n\nText.\n", rng.below(4))),
        6 | 7 => {
            if let Some(link) = link_to_another_page(rng, content, files, file) {
                text.push_str(&link);
            }
        }
        8 => {
            // Remove the last heading, which links may point at.
            if let Some(at) = text.rfind("\n## ") {
                text.truncate(at + 1);
            }
        }
        _ => text.push_str("\n[broken](nowhere.md)\n"),
    }
    write(&path, text)
}

/// A paragraph with a link from `file` to another page, sometimes to one of its headings.
fn link_to_another_page(
    rng: &mut Rng,
    content: &Path,
    files: &[String],
    file: &str,
) -> Option<String> {
    let target = rng.pick(files)?;
    let depth = file.matches('/').count();
    let headings: Vec<String> = read(&content.join(target))
        .lines()
        .filter_map(|l| {
            l.strip_prefix("## Heading ")
                .map(|n| format!("#heading-{}", n.trim()))
        })
        .collect();
    let anchor = match rng.below(2) {
        0 => rng.pick(&headings).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    Some(format!(
        "\nSee [there]({}{target}{anchor}).\n",
        "../".repeat(depth)
    ))
}

fn retitle_or_reweigh(rng: &mut Rng, content: &Path, files: &[String], n: usize) -> Vec<PathBuf> {
    let Some(file) = rng.pick(files) else {
        return Vec::new();
    };
    let path = content.join(file);
    let text = read(&path);
    let text = match rng.below(2) {
        0 => text.replacen("title: ", &format!("title: Renamed {n} "), 1),
        _ => {
            text.lines()
                .map(|l| {
                    if l.starts_with("weight:") {
                        format!("weight: {}", rng.below(50))
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        }
    };
    write(&path, text)
}

fn change_competency(rng: &mut Rng, content: &Path, files: &[String]) -> Vec<PathBuf> {
    let Some(file) = rng.pick(files) else {
        return Vec::new();
    };
    let path = content.join(file);
    let text = read(&path);
    let id = rng.pick(COMPETENCIES).unwrap();
    let text = text
        .lines()
        .map(|l| {
            if l.starts_with("competencies:") {
                format!("competencies: [{id}]")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    write(&path, text)
}

fn add_page_or_section(
    rng: &mut Rng,
    content: &Path,
    sections: &[String],
    n: usize,
) -> Vec<PathBuf> {
    let dir = rng.pick(sections).cloned().unwrap_or_default();
    if rng.below(3) == 0 && dir.matches('/').count() < 3 {
        let path = content.join(format!("{dir}part-{n}/_index.md"));
        write(
            &path,
            front(&format!("Part {n}"), rng.below(20), "tlms-2") + "A section.\n",
        )
    } else {
        let path = content.join(format!("{dir}page-{n}.md"));
        write(
            &path,
            front(&format!("Page {n}"), rng.below(20), "tlms-1") + "## Heading 1\n\nBody.\n",
        )
    }
}

fn delete_or_rename_page(
    rng: &mut Rng,
    content: &Path,
    pages: &[&String],
    n: usize,
) -> Vec<PathBuf> {
    let Some(page) = rng.pick(pages) else {
        return Vec::new();
    };
    let path = content.join(page);
    if rng.below(2) == 0 {
        std::fs::remove_file(&path).unwrap();
        vec![path]
    } else {
        let to = path.with_file_name(format!("moved-{n}.md"));
        std::fs::rename(&path, &to).unwrap();
        vec![path, to]
    }
}

fn delete_section(rng: &mut Rng, content: &Path, sections: &[String]) -> Vec<PathBuf> {
    let deletable: Vec<&String> = sections.iter().filter(|s| !s.is_empty()).collect();
    let Some(dir) = rng.pick(&deletable) else {
        return Vec::new();
    };
    let path = content.join(dir.trim_end_matches('/'));
    std::fs::remove_dir_all(&path).unwrap();
    vec![path]
}

fn add_or_remove_competency(content: &Path) -> Vec<PathBuf> {
    let path = content.join("competencies.yaml");
    let text = read(&path);
    let text = if text.contains("gtl-9") {
        text.replace("      - id: gtl-9\n        name: Ninth\n", "")
    } else {
        text + "      - id: gtl-9\n        name: Ninth\n"
    };
    write(&path, text)
}

fn add_or_remove_page_template(root: &Path) -> Vec<PathBuf> {
    let path = root.join("templates/page.html");
    if path.exists() {
        std::fs::remove_file(&path).unwrap();
        vec![path]
    } else {
        write(&path, "{% extends \"base.html\" %}{% block content %}<h1 class=\"t\">{{ page.title }}</h1>{{ page.content | safe }}{% endblock content %}".into())
    }
}

fn break_front_matter(rng: &mut Rng, content: &Path, files: &[String]) -> Vec<PathBuf> {
    let Some(file) = rng.pick(files) else {
        return Vec::new();
    };
    let path = content.join(file);
    let text = read(&path);
    write(&path, text.replacen("---\n", "---\nbroken: [unclosed\n", 1))
}

/// Drops broken front matter, every link, and ids that may not exist.
fn repair(content: &Path, files: &[String]) -> Vec<PathBuf> {
    let mut touched = Vec::new();
    for file in files {
        let path = content.join(file);
        let text = read(&path);
        let fixed: String = text
            .replace("[gtl-9]", "[gtl-1]")
            .lines()
            .filter(|line| !line.contains("](") && !line.contains("[unclosed"))
            .map(|line| format!("{line}\n"))
            .collect();
        if fixed != text {
            touched.extend(write(&path, fixed));
        }
    }
    touched
}

fn snapshot_of_build(options: &BuildOptions) -> Result<BTreeMap<String, Served>, Vec<String>> {
    match build::build_site(options) {
        Ok(built) => Ok(built
            .site
            .files
            .iter()
            .map(|f| {
                let served = match &f.contents {
                    guidewright::render::Contents::Text(t) => Served::Memory(t.clone().into()),
                    guidewright::render::Contents::Bytes(b) => Served::Memory(b.to_vec().into()),
                    guidewright::render::Contents::Copy(p) => Served::Disk(p.clone()),
                };
                (f.path.clone(), served)
            })
            .collect()),
        Err(failed) => Err(errors(&failed.report.problems)),
    }
}

fn errors(problems: &[guidewright::diagnostic::Diagnostic]) -> Vec<String> {
    let mut found: Vec<String> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| format!("{} {} {}", p.code, p.location(), p.message))
        .collect();
    found.sort();
    found
}

fn run(seed: u64, steps: usize) {
    let guide = Guide::fixture("navigation");
    // A catalog and an extra template variable to exercise ids and data files.
    guide.write(
        "content/competencies.yaml",
        "frameworks:\n  - id: tlms\n    title: TLMS\n    competencies:\n      - id: tlms-1\n        name: One\n      - id: tlms-2\n        name: Two\n  - id: gtl\n    title: GTL\n    competencies:\n      - id: gtl-1\n        name: First\n      - id: gtl-2\n        name: Second\n",
    );
    let options = BuildOptions {
        root: guide.root.clone(),
        ..BuildOptions::default()
    };
    let mut preview = Preview::new(options.clone());
    let mut rng = Rng(seed);
    let mut last_good = snapshot_of_build(&options).expect("the fixture builds");
    let (mut fast, mut full, mut failed) = (0, 0, 0);
    for n in 0..steps {
        let touched = step(&mut rng, &guide.root, n);
        let changes = classify(&guide.root, touched.clone());
        let before = preview.snapshot().version;
        let outcome = preview.apply(&changes);
        preview.settle();
        match outcome {
            guidewright::serve::Outcome::Reload { pages, .. }
                if pages <= 2 && changes.content_only() =>
            {
                fast += 1
            }
            guidewright::serve::Outcome::Failed => failed += 1,
            _ => full += 1,
        }
        let context = || {
            format!(
                "seed {seed}, step {n}, touched {touched:?}, changes {changes:?}, outcome {outcome:?}"
            )
        };
        let step = Step {
            n,
            before,
            touched_nothing: touched.is_empty(),
            context: &context,
        };
        compare(&preview.snapshot(), &options, &mut last_good, &step);
    }
    // The walk must exercise every path of the preview.
    assert!(
        fast * 10 >= steps && full * 10 >= steps && failed >= 5,
        "fast {fast}, full {full}, failed {failed}"
    );
}

/// What `compare` needs to know of the step just taken.
struct Step<'a> {
    n: usize,
    /// The version served before the step.
    before: u64,
    touched_nothing: bool,
    context: &'a dyn Fn() -> String,
}

/// Holds what is served to a clean full build of the same files: the same files when it
/// succeeds, else the same errors with the last good build still served.
fn compare(
    served: &Snapshot,
    options: &BuildOptions,
    last_good: &mut BTreeMap<String, Served>,
    step: &Step,
) {
    let context = step.context;
    let served_files: BTreeMap<String, Served> = served.files.clone().into_iter().collect();
    match snapshot_of_build(options) {
        Ok(files) => {
            assert!(
                served.errors.is_empty(),
                "{}: served errors {:?}",
                context(),
                errors(&served.errors)
            );
            if served_files != files {
                let differ: Vec<&String> = files
                    .keys()
                    .chain(served_files.keys())
                    .filter(|k| files.get(*k) != served_files.get(*k))
                    .collect();
                panic!("{}: files differ: {differ:?}", context());
            }
            *last_good = files;
        }
        Err(expected_errors) => {
            if std::env::var_os("GW_DEBUG").is_some() {
                eprintln!("step {}: {expected_errors:?}", step.n);
            }
            assert_eq!(errors(&served.errors), expected_errors, "{}", context());
            assert!(
                served_files == *last_good,
                "{}: the last good build is not what is served",
                context()
            );
            assert!(
                served.version > step.before || step.touched_nothing,
                "{}",
                context()
            );
        }
    }
}

#[test]
fn incremental_rebuilds_equal_full_builds_over_a_random_walk() {
    run(0x9e37_79b9_7f4a_7c15, 240);
}

#[test]
fn incremental_rebuilds_equal_full_builds_over_another_walk() {
    run(20_261_123, 80);
}
