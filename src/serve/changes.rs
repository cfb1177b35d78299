//! File events, classified: what kind of file changed decides how much must be rebuilt.

use std::path::{Path, PathBuf};

use crate::load::{CONTENT_DIR, DATA_FILES, is_ignored};

/// A batch of changed paths, sorted by what they are to the guide.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Markdown files of `content/`, by path inside it.
    pub content: Vec<String>,
    /// Other files of `content/` (published as they are), or folders of it.
    pub content_files: bool,
    /// `content/competencies.yaml` or `content/resources.yaml`.
    pub data: bool,
    /// `guide.yaml`.
    pub settings: bool,
    /// Templates of `templates/` or `themes/*/templates/`.
    pub templates: bool,
    /// Files of `static/` or `themes/*/static/`.
    pub statics: Vec<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    /// Only stylesheets changed: pages can be restyled without a reload.
    pub fn css_only(&self) -> bool {
        !self.statics.is_empty()
            && self
                .statics
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"))
            && Changes {
                statics: Vec::new(),
                ..self.clone()
            }
            .is_empty()
    }

    /// Only Markdown files changed.
    pub fn content_only(&self) -> bool {
        !self.content.is_empty()
            && Changes {
                content: Vec::new(),
                ..self.clone()
            }
            .is_empty()
    }
}

/// Sorts changed paths (absolute, under the guide folder `root`) into [`Changes`]; editor
/// temp files and anything else outside the guide's own folders are dropped.
pub fn classify(root: &Path, paths: impl IntoIterator<Item = PathBuf>) -> Changes {
    let mut changes = Changes::default();
    for path in paths {
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let Some(name) = parts.last() else { continue };
        if parts.iter().any(|p| is_ignored(p)) {
            continue;
        }
        let first = parts[0].as_str();
        match first {
            "guide.yaml" if parts.len() == 1 => changes.settings = true,
            CONTENT_DIR => {
                let inside = parts[1..].join("/");
                if parts.len() == 2 && DATA_FILES.contains(&name.as_str()) {
                    changes.data = true;
                } else if inside.ends_with(".md") {
                    if !changes.content.contains(&inside) {
                        changes.content.push(inside);
                    }
                } else {
                    // Another file, or a folder (content/ itself included), came, went or changed.
                    changes.content_files = true;
                }
            }
            "templates" => changes.templates = true,
            "static" => changes.statics.push(path.clone()),
            "themes" => match parts.get(2).map(String::as_str) {
                Some("static") => changes.statics.push(path.clone()),
                _ => changes.templates = true,
            },
            _ => {}
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(paths: &[&str]) -> Changes {
        classify(
            Path::new("/g"),
            paths.iter().map(|p| PathBuf::from(format!("/g/{p}"))),
        )
    }

    #[test]
    fn sorts_paths_by_kind() {
        let c = of(&[
            "content/a/b.md",
            "content/a/b.md",
            "guide.yaml",
            "content/resources.yaml",
            "templates/page.html",
        ]);
        assert_eq!(c.content, vec!["a/b.md"]);
        assert!(c.settings && c.data && c.templates && !c.content_files);
        assert!(of(&["content/a/x.pdf"]).content_files);
        assert!(of(&["themes/default/templates/base.html"]).templates);
        assert!(of(&["themes/default/static/theme/guide.css"]).css_only());
        assert!(of(&["static/site.css"]).css_only());
        assert!(!of(&["static/site.css", "content/a.md"]).css_only());
        assert!(of(&["content/a.md"]).content_only());
    }

    #[test]
    fn drops_editor_files_and_other_folders() {
        assert!(
            of(&[
                "content/.a.md.swp",
                "content/a.md~",
                "content/#a.md#",
                "public/index.html",
                "target/x",
                "content/.git/x"
            ])
            .is_empty()
        );
    }
}
