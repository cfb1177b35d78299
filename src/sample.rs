//! The sample guide, compiled into the binary: the repository's own `guide.yaml` and
//! `content/`, so `guidewright init` and this repository share one source.

use std::borrow::Cow;

use rust_embed::RustEmbed;

use crate::config::FILE_NAME;
use crate::load::{CONTENT_DIR, is_ignored};

/// The repository's `content/` folder.
#[derive(RustEmbed)]
#[folder = "content/"]
#[exclude = ".*"]
#[exclude = "*/.*"]
#[exclude = "*~"]
#[exclude = "#*"]
#[exclude = "*/#*"]
#[exclude = "*.swp"]
#[exclude = "*.swx"]
#[exclude = "*.tmp"]
struct SampleContent;

/// The repository's `guide.yaml`. A single file needs no folder embed; one over the
/// repository root would walk `target/` on every build.
const SETTINGS: &str = include_str!("../guide.yaml");

/// A file of the sample guide: its path in the guide folder, `/`-separated, and its bytes.
#[derive(Debug, Clone)]
pub struct SampleFile {
    pub path: String,
    pub data: Cow<'static, [u8]>,
}

/// Every file of the sample guide, `guide.yaml` first, then `content/` by path.
pub fn files() -> Vec<SampleFile> {
    let mut files = vec![SampleFile {
        path: FILE_NAME.to_string(),
        data: Cow::Borrowed(SETTINGS.as_bytes()),
    }];
    let mut content: Vec<SampleFile> = SampleContent::iter()
        // The loader's rule for files editors leave behind, applied to every part of the path.
        .filter(|path| !path.split('/').any(is_ignored))
        .filter_map(|path| {
            let file = SampleContent::get(&path)?;
            Some(SampleFile {
                path: format!("{CONTENT_DIR}/{path}"),
                data: file.data,
            })
        })
        .collect();
    content.sort_by(|a, b| a.path.cmp(&b.path));
    files.extend(content);
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_has_settings_a_home_page_and_its_data_files() {
        let files = files();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths[0], "guide.yaml");
        for path in [
            "content/_index.md",
            "content/competencies.yaml",
            "content/resources.yaml",
        ] {
            assert!(paths.contains(&path), "{path} missing from {paths:?}");
        }
        assert!(paths.iter().all(|p| !p.contains("/.")), "{paths:?}");
    }
}
