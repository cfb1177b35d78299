//! What each fuzz target does with one input. The fuzz targets (fuzz/fuzz_targets/) and the
//! regression replay of `cargo test` (tests/fuzz_corpus.rs, which includes this file as a
//! module) call these same functions, so a saved input replays exactly as it was fuzzed.
//!
//! Each function feeds the input to the library as a guide's file would reach it, and also
//! renders every diagnostic with its source snippet, since a report that points outside its
//! text is a panic too. Nothing here checks results: the library must simply not panic,
//! hang or blow up, whatever the bytes.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use guidewright::catalog;
use guidewright::config::{self, Config, MarkdownSettings};
use guidewright::diagnostic::{self, Diagnostic, SourceTexts};
use guidewright::load::normalize;
use guidewright::parse::front_matter;
use guidewright::parse::markdown::{self, Body, MarkdownSource};

/// The name diagnostics give a fuzzed page.
const PAGE: &str = "content/a/b.md";

/// A file's bytes as the content loader hands them on: UTF-8 (bad bytes replaced; the real
/// loader reports such a file instead), without a byte-order mark, LF line endings.
fn text_of(data: &[u8]) -> String {
    normalize(String::from_utf8_lossy(data).into_owned())
}

/// Renders diagnostics with their snippets of `text`, as `guidewright build` prints them.
fn report(file: &str, text: &str, problems: &[Diagnostic]) {
    if problems.is_empty() {
        return;
    }
    let mut texts = SourceTexts::default();
    texts.insert(file, Arc::from(text));
    let mut sorted = problems.to_vec();
    diagnostic::sort(&mut sorted);
    let _ = diagnostic::render(&sorted, &texts, false);
    let _ = diagnostic::count_line(&sorted);
    for problem in &sorted {
        let _ = problem.to_string();
    }
}

/// Settings that declare taxonomies: one with a closed list of values, one open.
pub fn fuzz_config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        config::parse(
            "title: Fuzz\ntaxonomies:\n  audience: { title: Audience, values: [teacher, teacher-leader, principal, district, union] }\n  role: { title: Teacher-leader role }\n",
        )
        .expect("the fuzz settings parse")
    })
}

/// Target `front_matter`: a whole Markdown file, split at its fences and its front matter read.
pub fn front_matter(data: &[u8]) {
    let text = text_of(data);
    let split = match front_matter::split(PAGE, &text) {
        Ok(split) => split,
        Err(problem) => return report(PAGE, &text, &[problem]),
    };
    assert!(split.body_offset <= text.len());
    assert_eq!(&text[split.body_offset..], split.body);
    if let Err(problems) = front_matter::parse(PAGE, &text, &split, fuzz_config()) {
        report(PAGE, &text, &problems);
    }
}

/// Target `markdown`: the first byte chooses the settings (bit 0: smart punctuation, bit 1:
/// raw HTML); the rest is a Markdown file, front matter included or not.
pub fn markdown(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = text_of(rest);
    let body_offset = front_matter::split(PAGE, &text).map_or(0, |s| s.body_offset);
    let source = MarkdownSource {
        file: PAGE,
        text: &text,
        body_offset,
    };
    let settings = MarkdownSettings {
        smart_punctuation: flags & 1 != 0,
        raw_html: flags & 2 != 0,
    };
    let outline = markdown::outline(&source, &settings);
    for address in &outline.addresses {
        assert!(address.span.start <= address.span.end && address.span.end <= text.len());
    }
    report(PAGE, &text, &outline.problems);
    // Every address rewritten, as the link stage would, to reach the writer's every path.
    let hrefs = outline
        .addresses
        .iter()
        .map(|a| {
            Some(if a.refused {
                String::new()
            } else {
                format!("../{}", a.dest)
            })
        })
        .collect();
    let body = Body {
        text: Arc::from(text.as_str()),
        offset: body_offset,
        hrefs,
        written: OnceLock::new(),
    };
    markdown::write_html(&body, &settings);
}

/// Target `config`: a `guide.yaml`.
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Err(problems) = config::parse(&text) {
        report(config::FILE_NAME, &text, &problems);
    }
}

/// The line that separates the two data files in a `catalog` input.
pub const CATALOG_SEPARATOR: &[u8] = b"\n%%\n";

/// Target `catalog`: `content/competencies.yaml`, a line `%%`, then `content/resources.yaml`;
/// without that line both files get the whole input. The files are written as raw bytes into
/// the guide folder `root`, so encodings are the loader's to judge.
pub fn catalog(root: &Path, data: &[u8]) {
    let (competencies, resources) = match data
        .windows(CATALOG_SEPARATOR.len())
        .position(|w| w == CATALOG_SEPARATOR)
    {
        Some(n) => (&data[..=n], &data[n + CATALOG_SEPARATOR.len()..]),
        None => (data, data),
    };
    let content = root.join("content");
    std::fs::create_dir_all(&content).expect("create content/");
    std::fs::write(content.join(catalog::COMPETENCIES_FILE), competencies).expect("write");
    std::fs::write(content.join(catalog::RESOURCES_FILE), resources).expect("write");
    let mut report = diagnostic::Report::default();
    let catalog = catalog::load(root, &mut report);
    let _ = catalog.competency_ids().count() + catalog.resource_ids().count();
    let _ = diagnostic::render(&report.problems, &report.texts, false);
}
