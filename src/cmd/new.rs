//! `guidewright new`: creates a page or section with its front matter filled in.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::build;
use crate::config::{self, FILE_NAME};
use crate::diagnostic::{Code, Diagnostic, SourceTexts};
use crate::fs;
use crate::load::{CONTENT_DIR, is_ignored};
use crate::parse::front_matter;
use crate::yaml;

/// Arguments of `guidewright new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to create, inside content/: `selecting/rubrics` makes a page
    /// (content/selecting/rubrics.md), `selecting/` a section (content/selecting/_index.md);
    /// a path ending in .md is taken as it is
    #[arg(value_name = "PATH")]
    pub path: String,
    /// The guide folder (holding guide.yaml and content/)
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

pub fn execute(args: &Args) -> i32 {
    let root = build::root_or_current(args.root.as_deref());
    match create(&root, &args.path, &today()) {
        Ok(created) => {
            for file in &created {
                let shown = shown(&root, &file.path);
                let shown = crate::terminal::visible(&shown);
                if file.missing_section {
                    println!(
                        "created {shown} (its folder had no _index.md, which every section \
                         needs for the guide to build)"
                    );
                } else {
                    println!("created {shown}");
                }
            }
            0
        }
        Err(problem) => {
            crate::diagnostic::report(&[problem], &SourceTexts::default());
            1
        }
    }
}

/// What a new file is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `name.md`
    Page,
    /// `folder/_index.md`; with no folder, the home page
    Section,
    /// `folder/index.md`
    Bundle,
}

/// The file to create: its folders inside `content/` and its file name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    kind: Kind,
    folders: Vec<String>,
    file: String,
}

impl Target {
    /// The path inside `content/`, `/`-separated.
    fn path(&self) -> String {
        join(&self.folders, &self.file)
    }

    /// The folders of the section the new file belongs to (its parent in the guide's tree).
    fn section(&self) -> &[String] {
        match self.kind {
            Kind::Page => &self.folders,
            Kind::Section | Kind::Bundle => &self.folders[..self.folders.len().saturating_sub(1)],
        }
    }

    /// The name its title comes from.
    fn name(&self) -> &str {
        match self.kind {
            Kind::Page => self.file.strip_suffix(".md").unwrap_or(&self.file),
            Kind::Section | Kind::Bundle => self.folders.last().map_or("", String::as_str),
        }
    }
}

/// A file `new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Created {
    /// Path inside `content/`, `/`-separated.
    path: String,
    /// Whether it is a section file made because the new file's folders lacked one.
    missing_section: bool,
}

fn join(folders: &[String], file: &str) -> String {
    let mut parts: Vec<&str> = folders.iter().map(String::as_str).collect();
    parts.push(file);
    parts.join("/")
}

fn shown_in_content(path: &str) -> String {
    format!("{CONTENT_DIR}/{path}")
}

/// A created file's path as the person typed the guide folder.
fn shown(root: &Path, path: &str) -> String {
    let inside = shown_in_content(path);
    if root == Path::new(".") || root.as_os_str().is_empty() {
        inside
    } else {
        root.join(inside).display().to_string()
    }
}

/// A guide folder as shown in messages.
fn folder_name(root: &Path) -> String {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        "the current folder".to_string()
    } else {
        root.display().to_string()
    }
}

fn refused(message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
    Diagnostic::error(Code::New, message).with_hint(hint)
}

/// Reads PATH as typed: `a/b` a page, `a/b/` a section, `….md` as it is.
fn parse_target(typed: &str) -> Result<Target, Diagnostic> {
    let typed = typed.replace('\\', "/");
    let example = "give a path inside content/, such as `selecting/rubrics` for a page or \
                   `selecting/` for a section";
    let mut parts = folders_of(&typed, example)?;
    let Some(last) = parts.pop() else {
        return Err(refused(format!("`{typed}` names no page"), example));
    };
    let file = if last.ends_with(".md") {
        last.clone()
    } else {
        format!("{last}.md")
    };
    let (kind, file) = if typed.ends_with('/') {
        parts.push(last);
        (Kind::Section, "_index.md".to_string())
    } else if file == "_index.md" {
        (Kind::Section, file)
    } else if file == "index.md" && !parts.is_empty() {
        (Kind::Bundle, file)
    } else {
        (Kind::Page, file)
    };
    let target = Target {
        kind,
        folders: parts,
        file,
    };
    check_names(&target)?;
    Ok(target)
}

/// The parts of PATH as typed, without `.`, empty parts and a leading `content/`.
fn folders_of(typed: &str, example: &str) -> Result<Vec<String>, Diagnostic> {
    if typed.starts_with('/') {
        return Err(refused(format!("`{typed}` is an absolute path"), example));
    }
    let mut parts: Vec<String> = Vec::new();
    for part in typed.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(refused(
                    format!("`{typed}` leaves content/: `..` is not allowed"),
                    example,
                ));
            }
            _ => parts.push(part.to_string()),
        }
    }
    // A path completed by the shell from the guide folder starts with content/.
    if parts.len() > 1 && parts[0] == CONTENT_DIR {
        parts.remove(0);
    }
    Ok(parts)
}

/// Refuses a name the walk would ignore or that gives no URL segment.
fn check_names(target: &Target) -> Result<(), Diagnostic> {
    let stem = target.file.strip_suffix(".md").unwrap_or(&target.file);
    let names = target.folders.iter().map(String::as_str).chain(
        (target.kind == Kind::Page).then_some(stem), // `_index` and `index` are not names
    );
    for name in names {
        if is_ignored(name) {
            return Err(refused(
                format!("guidewright ignores files and folders named like `{name}`"),
                "names starting with `.` or `#`, or ending in `~`, `.swp` or `.tmp`, are left \
                 out of the guide; choose another name",
            ));
        }
        if crate::url::segment(name).is_empty() {
            return Err(refused(
                format!("`{name}` gives no usable URL segment"),
                "use a name with letters or digits, e.g. `peer-coaching`",
            ));
        }
    }
    Ok(())
}

/// Creates the target and any section files its folders lack; returns what was written.
fn create(root: &Path, typed: &str, today: &str) -> Result<Vec<Created>, Diagnostic> {
    if !root.join(FILE_NAME).is_file() {
        return Err(refused(
            format!(
                "no {FILE_NAME} in {}: it is not a guide folder",
                folder_name(root)
            ),
            "run `guidewright new` in a guide folder or give one with `--root DIR`; \
             `guidewright init DIR` writes a new guide folder",
        ));
    }
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(refused(
            format!("no {CONTENT_DIR}/ folder in {}", folder_name(root)),
            "create content/ with a home page, content/_index.md, or start from \
             `guidewright init DIR`",
        ));
    }
    let target = parse_target(typed)?;
    if let Some(problem) = leads_outside(root, &content, &target) {
        return Err(problem);
    }
    check_place(&content, &target)?;
    let hint_in_body = config::quietly(root).is_none_or(|c| c.markdown.raw_html);

    // Sections the folders lack, from the top down, so that the guide still builds.
    let section = target.section();
    let mut created = Vec::new();
    for depth in 1..=section.len() {
        let folders = &section[..depth];
        let index = join(folders, "_index.md");
        if content.join(&index).exists() {
            continue;
        }
        let weight = next_weight(&content, &folders[..depth - 1]);
        let title = crate::title::from_name(&folders[depth - 1]);
        let text = page_text(&title, Some(weight), today, hint_in_body);
        write(&content, &index, &text)?;
        created.push(Created {
            path: index,
            missing_section: true,
        });
    }

    let weight = (!target.folders.is_empty() || target.kind == Kind::Page)
        .then(|| next_weight(&content, section));
    let title = if target.kind == Kind::Section && target.folders.is_empty() {
        "Home".to_string()
    } else {
        crate::title::from_name(target.name())
    };
    let text = page_text(&title, weight, today, hint_in_body);
    write(&content, &target.path(), &text)?;
    created.push(Created {
        path: target.path(),
        missing_section: false,
    });
    Ok(created)
}

/// The problem with a folder on the way to the target that is a link leading outside the
/// guide folder (or nowhere): `new` never writes through one.
fn leads_outside(root: &Path, content: &Path, target: &Target) -> Option<Diagnostic> {
    let mut folder = content.to_path_buf();
    std::iter::once(None)
        .chain(target.folders.iter().map(Some))
        .find_map(|name| {
            if let Some(name) = name {
                folder.push(name);
            }
            crate::walk::link_problem(root, &folder)
        })
}

/// Refuses to overwrite, and to make two files that would be published at one address or
/// a page inside a page bundle.
fn check_place(content: &Path, target: &Target) -> Result<(), Diagnostic> {
    let path = target.path();
    let exists = |p: &str| content.join(p).symlink_metadata().is_ok();
    if exists(&path) {
        return Err(refused(
            format!("{} already exists", shown_in_content(&path)),
            "guidewright new never overwrites: edit that file, or choose another name",
        ));
    }
    if let Some(other) = clashing_file(target, exists) {
        return Err(refused(
            format!(
                "{} would be published at the same address as {}",
                shown_in_content(&path),
                shown_in_content(&other)
            ),
            "choose another name, or edit the existing file",
        ));
    }
    if target.kind == Kind::Bundle {
        check_bundle_folder(content, target)?;
    }
    check_not_in_bundle(target, &path, exists)
}

/// An existing file that would be published at the same address as the target.
fn clashing_file(target: &Target, exists: impl Fn(&str) -> bool) -> Option<String> {
    match target.kind {
        Kind::Page => {
            let folder = join(&target.folders, target.name());
            ["_index.md", "index.md"]
                .iter()
                .map(|f| format!("{folder}/{f}"))
                .find(|p| exists(p))
        }
        Kind::Section | Kind::Bundle if !target.folders.is_empty() => {
            let parent = target.section();
            let other = if target.kind == Kind::Section {
                "index.md"
            } else {
                "_index.md"
            };
            [
                join(parent, &format!("{}.md", target.name())),
                join(&target.folders, other),
            ]
            .into_iter()
            .find(|p| exists(p))
        }
        _ => None,
    }
}

/// Refuses to make a page bundle of a folder that already holds pages.
fn check_bundle_folder(content: &Path, target: &Target) -> Result<(), Diagnostic> {
    let folder = content.join(target.folders.join("/"));
    let has_pages = walkdir::WalkDir::new(&folder)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .any(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"));
    if has_pages {
        return Err(refused(
            format!(
                "{}/ already holds pages, so it cannot be a page bundle",
                shown_in_content(&target.folders.join("/"))
            ),
            "a folder with index.md is one page with its files; use `guidewright new \
             FOLDER/` to make it a section instead",
        ));
    }
    Ok(())
}

/// Content folders that are page bundles hold files, not pages or sections.
fn check_not_in_bundle(
    target: &Target,
    path: &str,
    exists: impl Fn(&str) -> bool,
) -> Result<(), Diagnostic> {
    let section = target.section();
    for depth in 1..=section.len() {
        let bundle = join(&section[..depth], "index.md");
        if exists(&bundle) {
            return Err(refused(
                format!(
                    "{} would be inside the page bundle {}/",
                    shown_in_content(path),
                    shown_in_content(&section[..depth].join("/"))
                ),
                "a folder with index.md is one page with its files; put the new page beside it",
            ));
        }
    }
    Ok(())
}

/// Writes a new file; one that appeared since it was checked is still not overwritten.
fn write(content: &Path, path: &str, text: &str) -> Result<(), Diagnostic> {
    let file = content.join(path);
    let failed = |error: String| {
        Diagnostic::error(Code::Io, error).with_hint("check the folder's permissions")
    };
    if let Some(folder) = file.parent() {
        fs::create_dir_all(folder).map_err(|e| failed(e.to_string()))?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&file)
        .and_then(|mut out| out.write_all(text.as_bytes()))
        .map_err(|e| failed(format!("failed to write {}: {e}", shown_in_content(path))))
}

/// The weight that puts a new child of the section at `folders` after its siblings: the
/// largest weight among its pages and subsections plus 10, or 10 when none has one.
fn next_weight(content: &Path, folders: &[String]) -> i64 {
    let dir = content.join(folders.join("/"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 10;
    };
    let mut largest: Option<i64> = None;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_ignored(&name) {
            continue;
        }
        let path = entry.path();
        let sibling = if path.is_dir() {
            ["_index.md", "index.md"]
                .iter()
                .map(|f| path.join(f))
                .find(|p| p.is_file())
        } else if name.ends_with(".md") && name != "_index.md" {
            Some(path)
        } else {
            None
        };
        if let Some(weight) = sibling.and_then(|p| weight_of(&p)) {
            largest = Some(largest.map_or(weight, |l| l.max(weight)));
        }
    }
    largest.map_or(10, |w| w.saturating_add(10))
}

/// The `weight` of a Markdown file's front matter, when it has a readable one.
fn weight_of(path: &Path) -> Option<i64> {
    let text = crate::load::normalize(fs::read_text(path).ok()?);
    let split = front_matter::split("", &text).ok()?;
    /// The one key read; the others are skipped.
    #[derive(serde::Deserialize)]
    struct Weight {
        weight: Option<i64>,
    }
    yaml::from_str::<Weight>(split.yaml, yaml::Size::Small)
        .ok()?
        .weight
}

/// The new file's text, with a writing hint: in the body as an HTML comment, or, when the
/// guide turns raw HTML off (a comment would show as text), in the front matter.
fn page_text(title: &str, weight: Option<i64>, today: &str, hint_in_body: bool) -> String {
    let hint = "Write in Markdown. Link to other pages by their .md file, relative to this one.";
    let mut text = format!("---\ntitle: {}\n", yaml_string(title));
    if let Some(weight) = weight {
        text.push_str(&format!("weight: {weight}\n"));
    }
    text.push_str(&format!("updated: {today}\n"));
    if !hint_in_body {
        text.push_str(&format!("# {hint}\n"));
    }
    text.push_str("---\n");
    if hint_in_body {
        text.push_str(&format!("\n<!-- {hint} -->\n"));
    }
    text
}

/// A YAML scalar for a title, quoted when plain YAML would read it as something else.
fn yaml_string(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '.' || c == ',' || c == '(' || c == ')')
        && text.chars().next().is_some_and(char::is_alphabetic)
        && matches!(
            yaml::from_str::<yaml::Value>(text, yaml::Size::Small),
            Ok(yaml::Value::String(ref s)) if s == text
        );
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Today's date in UTC, `YYYY-MM-DD`.
fn today() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_date(i64::try_from(seconds / 86_400).unwrap_or(0));
    format!("{year:04}-{month:02}-{day:02}")
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of the era, 0..=146096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // 0..=365
    let mp = (5 * doy + 2) / 153; // 0..=11, from March
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_that_yaml_would_misread_are_quoted() {
        assert_eq!(yaml_string("Peer coaching"), "Peer coaching");
        assert_eq!(yaml_string("True"), "\"True\"");
        assert_eq!(yaml_string("Null"), "\"Null\"");
        assert_eq!(yaml_string("2026"), "\"2026\"");
        assert_eq!(yaml_string("A: b"), "\"A: b\"");
    }

    #[test]
    fn dates_are_counted_from_1970() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(59), (1970, 3, 1));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
        assert_eq!(civil_date(20_415), (2025, 11, 23));
        assert_eq!(civil_date(-1), (1969, 12, 31));
        let today = today();
        assert_eq!(today.len(), 10, "{today}");
    }

    #[test]
    fn paths_are_read_as_pages_sections_and_files() {
        let page = parse_target("selecting/rubrics").unwrap();
        assert_eq!(
            (page.kind, page.path()),
            (Kind::Page, "selecting/rubrics.md".into())
        );
        assert_eq!(page.section(), ["selecting"]);
        let section = parse_target("selecting/").unwrap();
        assert_eq!(
            (section.kind, section.path()),
            (Kind::Section, "selecting/_index.md".into())
        );
        assert!(section.section().is_empty());
        let as_is = parse_target("content/a/./b.md").unwrap();
        assert_eq!(as_is.path(), "a/b.md");
        let section_file = parse_target("a/_index").unwrap();
        assert_eq!(
            (section_file.kind, section_file.path()),
            (Kind::Section, "a/_index.md".into())
        );
        let bundle = parse_target("a/visits/index.md").unwrap();
        assert_eq!(
            (bundle.kind, bundle.section()),
            (Kind::Bundle, &["a".to_string()][..])
        );
        for bad in ["../x", "a/../../x", "/etc/x", "", "a/.hidden", "a/!!!"] {
            assert!(parse_target(bad).is_err(), "{bad} was accepted");
        }
    }
}
