//! Resolves the addresses written in a page: source paths of pages and files become
//! relative output URLs.

use std::collections::{HashMap, HashSet};

use crate::address::encode_path;
use crate::diagnostic::did_you_mean;
use crate::guide::AnchorCheck;
use crate::load::shown;
use crate::url;

/// What becomes of a link or image address found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkResolution {
    /// An outside address, left as written.
    Unchanged,
    /// An address inside the guide, rewritten relative to the page; the anchor is checked
    /// once every page's headings are known.
    Rewritten {
        href: String,
        anchor: Option<AnchorCheck>,
    },
    /// An address that leads nowhere.
    Broken { message: String, hint: String },
}

/// What addresses can lead to, for every page of the guide.
pub struct Targets<'a> {
    /// Page index by source path, for the pages in the guide.
    pub pages: HashMap<&'a str, usize>,
    /// Site-relative URL of each page, by page index.
    pub urls: Vec<&'a str>,
    /// Source paths of drafts left out of this build.
    pub drafts: HashSet<&'a str>,
    /// Output path of each content file, by its path in `content/`.
    pub assets: HashMap<&'a str, String>,
    /// Site-relative paths of files copied from `static/`.
    pub static_files: &'a HashSet<String>,
}

impl<'a> Targets<'a> {
    /// The targets of a linked guide.
    pub fn of(guide: &'a crate::guide::Guide, static_files: &'a HashSet<String>) -> Self {
        Targets {
            pages: guide
                .pages
                .iter()
                .enumerate()
                .map(|(i, p)| (p.source.as_str(), i))
                .collect(),
            urls: guide.pages.iter().map(|p| p.url.as_str()).collect(),
            drafts: guide.drafts.iter().map(String::as_str).collect(),
            assets: guide
                .assets
                .iter()
                .map(|a| (a.source.as_str(), a.path.clone()))
                .collect(),
            static_files,
        }
    }
}

/// The resolver of one page.
pub struct PageLinks<'a> {
    pub targets: &'a Targets<'a>,
    pub page: usize,
    /// The page's folder in `content/`.
    pub dir: &'a str,
}

impl PageLinks<'_> {
    fn to_page(&self, target: usize, query: &str, fragment: Option<&str>) -> LinkResolution {
        let from = self.targets.urls[self.page];
        let mut href = url::relative(from, self.targets.urls[target]);
        href.push_str(query);
        let anchor = fragment.filter(|f| !f.is_empty()).map(|f| {
            href.push('#');
            href.push_str(f);
            AnchorCheck {
                page: target,
                anchor: url::percent_decode(f),
            }
        });
        LinkResolution::Rewritten { href, anchor }
    }

    fn missing(&self, path: &str, written: &str) -> LinkResolution {
        if self.targets.drafts.contains(path) {
            return LinkResolution::Broken {
                message: format!(
                    "`{written}` links to a draft, {}, which this build leaves out",
                    shown(path)
                ),
                hint: "remove `draft: true` from that page, or build with --drafts".into(),
            };
        }
        let is_page = path.ends_with(".md")
            || path.is_empty()
            || !path.rsplit('/').next().unwrap_or("").contains('.');
        let (message, candidates): (String, Vec<&str>) = if is_page {
            (
                format!(
                    "`{written}` links to a page that does not exist, {}",
                    shown(path)
                ),
                self.targets.pages.keys().copied().collect(),
            )
        } else {
            (
                format!(
                    "`{written}` links to a file that does not exist, {}",
                    shown(path)
                ),
                self.targets.assets.keys().copied().collect(),
            )
        };
        let hint = match did_you_mean(path, candidates) {
            Some(near) => format!("did you mean {}? Link by the source path relative to this file", shown(near)),
            None if is_page => "link to a page by its source path relative to this file, e.g. `../selecting/rubrics.md`".into(),
            None => "put the file beside the page in content/ (or in static/) and link to it by its path relative to this file".into(),
        };
        LinkResolution::Broken { message, hint }
    }
}

impl PageLinks<'_> {
    /// What address `address`, written in this page, leads to.
    pub fn resolve(&self, address: &str) -> LinkResolution {
        if address.is_empty() || url::is_external(address) {
            return LinkResolution::Unchanged;
        }
        let (rest, fragment) = match address.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment)),
            None => (address, None),
        };
        let (path, query) = match rest.find('?') {
            Some(n) => (&rest[..n], &rest[n..]),
            None => (rest, ""),
        };
        if path.is_empty() {
            return self.on_this_page(address, fragment);
        }
        let decoded = url::percent_decode(path);
        let Some(joined) = url::join(self.dir, &decoded) else {
            return LinkResolution::Broken {
                message: format!("`{address}` leads out of the content folder"),
                hint: "link to pages and files inside content/ by their path relative to this file"
                    .into(),
            };
        };
        if let Some(&page) = self.targets.pages.get(joined.as_str()) {
            return self.to_page(page, query, fragment);
        }
        if joined.ends_with(".md") {
            return self.missing(&joined, address);
        }
        self.to_folder_or_file(&joined, query, fragment)
            .unwrap_or_else(|| self.missing(&joined, address))
    }

    /// An address of this page itself: `#fragment`, or nothing to rewrite.
    fn on_this_page(&self, address: &str, fragment: Option<&str>) -> LinkResolution {
        match fragment {
            Some(fragment) if !fragment.is_empty() => LinkResolution::Rewritten {
                href: address.to_string(),
                anchor: Some(AnchorCheck {
                    page: self.page,
                    anchor: url::percent_decode(fragment),
                }),
            },
            _ => LinkResolution::Unchanged,
        }
    }

    /// A folder (its section or page bundle), a content file or a file of static/, at the
    /// content path `joined`.
    fn to_folder_or_file(
        &self,
        joined: &str,
        query: &str,
        fragment: Option<&str>,
    ) -> Option<LinkResolution> {
        let targets = self.targets;
        let prefix = if joined.is_empty() {
            String::new()
        } else {
            format!("{joined}/")
        };
        for index in ["_index.md", "index.md"] {
            if let Some(&page) = targets.pages.get(format!("{prefix}{index}").as_str()) {
                return Some(self.to_page(page, query, fragment));
            }
        }
        // File names are written percent-encoded: `a#b.pdf` must not read as `a` with the
        // fragment `b.pdf`. A file of static/ is published at the site root.
        let output = match targets.assets.get(joined) {
            Some(output) => output.as_str(),
            None if targets.static_files.contains(joined) => joined,
            None => return None,
        };
        let href = encode_path(&url::relative(targets.urls[self.page], output));
        Some(LinkResolution::Rewritten {
            href: format!(
                "{href}{query}{}",
                fragment.map(|f| format!("#{f}")).unwrap_or_default()
            ),
            anchor: None,
        })
    }
}
