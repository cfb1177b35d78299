//! A link checker for a built site: every relative `href` and `src` must reach a file (its
//! path percent-decoded, as a host decodes it), and every `#fragment` an id of that file. No
//! link may be root-relative.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The values of every `name="…"` attribute in an HTML text.
pub fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(n) = rest.find(&needle) {
        rest = &rest[n + needle.len()..];
        if let Some(end) = rest.find('"') {
            values.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    values
}

/// Every broken link of the site, as `page: link (why)`; also counts the links checked.
pub fn broken(site: &Path) -> (Vec<String>, usize) {
    let files = super::html_files(site);
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    for file in &files {
        let html = std::fs::read_to_string(file).unwrap();
        ids.insert(
            file.canonicalize().unwrap(),
            attributes(&html, "id").into_iter().collect(),
        );
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in &files {
        if file.ends_with("404.html") {
            continue; // served at any address; its links are checked where it is served
        }
        let html = std::fs::read_to_string(file).unwrap();
        let shown = file.strip_prefix(site).unwrap().display().to_string();
        for link in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            if link.contains("://") || link.starts_with("mailto:") || link.starts_with("data:") {
                continue;
            }
            checked += 1;
            if let Some(why) = why_broken(site, file, &link, &ids) {
                problems.push(format!("{shown}: {link} ({why})"));
            }
        }
    }
    (problems, checked)
}

/// Why `link` in `file` is broken, if it is; `ids` holds the ids of every HTML file.
fn why_broken(
    site: &Path,
    file: &Path,
    link: &str,
    ids: &HashMap<PathBuf, HashSet<String>>,
) -> Option<String> {
    if link.starts_with('/') {
        return Some("root-relative".into());
    }
    let (path, fragment) = link
        .split_once('#')
        .map_or((link, None), |(p, f)| (p, Some(f)));
    // As a host does: the query is not part of the file's name, and `%XX` escapes are
    // decoded.
    let path = path.split('?').next().unwrap_or(path);
    let path = guidewright::url::percent_decode(path);
    let target = if path.is_empty() {
        file.to_path_buf()
    } else {
        file.parent().unwrap().join(&path)
    };
    let Ok(target) = target.canonicalize() else {
        return Some("no such file".into());
    };
    if !target.starts_with(site.canonicalize().unwrap()) {
        return Some("outside the site".into());
    }
    if target.is_dir() {
        return Some("a folder: does not open from disk".into());
    }
    // Only HTML files have ids; `#page=2` of a PDF is for its viewer.
    let is_html = target.extension().is_some_and(|x| x == "html");
    if let Some(fragment) = fragment.filter(|f| !f.is_empty() && is_html)
        && !ids.get(&target).is_some_and(|ids| ids.contains(fragment))
    {
        return Some(format!("no id `{fragment}`"));
    }
    None
}
