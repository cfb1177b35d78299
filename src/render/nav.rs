//! The sidebar: the guide's tree as seen from one page, with the branch down to it open.

use super::context::RenderContext;
use crate::guide::{Guide, Page, PageKind};

/// The sidebar of the page `current` (or of no page, for the 404 page): the home page's
/// children, with the branch down to `current` open, as a template value. Each entry is a
/// `{title, url, kind, current, open, children}`, and only sections on the branch carry their
/// children; the entries off the branch come ready-made from `shared`.
pub fn nav(guide: &Guide, shared: &RenderContext<'_>, current: Option<usize>) -> tera::Value {
    let path = current.map(|c| guide.ancestry(c)).unwrap_or_default();
    match guide.pages.first() {
        Some(_) => items(guide, shared, 0, &path, current),
        None => tera::Value::from(Vec::<tera::Value>::new()),
    }
}

fn items(
    guide: &Guide,
    shared: &RenderContext<'_>,
    section: usize,
    path: &[usize],
    current: Option<usize>,
) -> tera::Value {
    let entries: Vec<tera::Value> = guide.pages[section]
        .children
        .iter()
        .map(|&child| {
            let page = &guide.pages[child];
            let open = page.kind == PageKind::Section && path.contains(&child);
            let is_current = current == Some(child);
            if !open && !is_current {
                return shared.nav_entries[child]
                    .get_or_init(|| nav_entry(page, false, false, Vec::<tera::Value>::new().into()))
                    .clone();
            }
            let children = if open {
                items(guide, shared, child, path, current)
            } else {
                Vec::<tera::Value>::new().into()
            };
            nav_entry(page, is_current, open, children)
        })
        .collect();
    entries.into()
}

/// The sidebar of the page `current` as rows in tree order, for a template to write with
/// one loop: Tera limits how deep components call themselves (20), and sections nest to any
/// depth. Each row is a nav item without `children`, plus `list` (true when the entry's
/// children follow, in a nested list); a row whose `kind` is `"end"` closes that list.
pub fn nav_rows(guide: &Guide, shared: &RenderContext<'_>, current: Option<usize>) -> tera::Value {
    let path = current.map(|c| guide.ancestry(c)).unwrap_or_default();
    let mut rows = Vec::new();
    // The children still to write at each open level, walked without recursion.
    let mut levels: Vec<std::slice::Iter<'_, usize>> = guide
        .pages
        .first()
        .map(|home| home.children.iter())
        .into_iter()
        .collect();
    while let Some(level) = levels.last_mut() {
        let Some(&child) = level.next() else {
            levels.pop();
            if !levels.is_empty() {
                let mut end = tera::Map::default();
                end.insert("kind".into(), "end".into());
                rows.push(end.into());
            }
            continue;
        };
        let page = &guide.pages[child];
        let open = page.kind == PageKind::Section && path.contains(&child);
        let is_current = current == Some(child);
        if !open && !is_current {
            let closed = || nav_row(page, false, false, false);
            rows.push(shared.nav_rows[child].get_or_init(closed).clone());
            continue;
        }
        let list = open && !page.children.is_empty();
        rows.push(nav_row(page, is_current, open, list));
        if list {
            levels.push(page.children.iter());
        }
    }
    rows.into()
}

/// One row of `nav_rows` as a template value.
fn nav_row(page: &Page, current: bool, open: bool, list: bool) -> tera::Value {
    let mut row = tera::Map::default();
    row.insert("title".into(), page.front.title.as_str().into());
    row.insert("url".into(), page.url.as_str().into());
    row.insert("kind".into(), page.kind.as_str().into());
    row.insert("current".into(), current.into());
    row.insert("open".into(), open.into());
    row.insert("list".into(), list.into());
    row.into()
}

/// One sidebar entry as a template value.
fn nav_entry(page: &Page, current: bool, open: bool, children: tera::Value) -> tera::Value {
    let mut entry = tera::Map::default();
    entry.insert("title".into(), page.front.title.as_str().into());
    entry.insert("url".into(), page.url.as_str().into());
    entry.insert("kind".into(), page.kind.as_str().into());
    entry.insert("current".into(), current.into());
    entry.insert("open".into(), open.into());
    entry.insert("children".into(), children);
    entry.into()
}
