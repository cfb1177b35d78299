//! The kinds of problem a guide can have: each a short stable name that `check --format json`
//! reports and docs/diagnostics.md explains.

use std::fmt;

/// Declares the codes: each variant with its name and the one line that says what it means.
macro_rules! codes {
    ($(#[doc = $meaning:literal] $variant:ident = $name:literal,)*) => {
        /// A kind of problem, named in every report by its short stable name, e.g. `broken-link`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $meaning] $variant,)*
        }

        impl Code {
            /// Every code, in the order docs/diagnostics.md lists them.
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            /// The name reports give the code, e.g. `broken-link`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// What a problem of this kind means, in one line.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Code::$variant => $meaning.trim(),)*
                }
            }
        }
    };
}

codes! {
    /// A link of a page leads to a page or file that does not exist.
    BrokenLink = "broken-link",
    /// A link leads to a page that exists but has no heading with the linked anchor.
    BrokenAnchor = "broken-anchor",
    /// A link, image or resource address uses a scheme that is not safe to publish.
    UnsafeAddress = "unsafe-address",
    /// An image has no alternative text.
    ImageAlt = "image-alt",
    /// A heading has an attribute that would write raw HTML.
    HeadingAttribute = "heading-attribute",
    /// Two headings of one page have the same anchor.
    DuplicateAnchor = "duplicate-anchor",
    /// A page's front matter is missing, not closed, or holds a key or value that is not allowed.
    FrontMatter = "front-matter",
    /// A YAML file or front matter is not valid YAML.
    Yaml = "yaml",
    /// A setting of guide.yaml is unknown or has a value that is not allowed.
    Settings = "settings",
    /// There is no guide.yaml in the guide folder.
    NoSettings = "no-settings",
    /// There is no content/ folder in the guide folder.
    NoContent = "no-content",
    /// There is no home page, content/_index.md.
    NoHome = "no-home",
    /// A folder of content/ has pages but no _index.md to make it a section.
    NoSection = "no-section",
    /// A section has no pages.
    EmptySection = "empty-section",
    /// A folder holds both index.md and _index.md, or a page bundle holds pages of its own.
    Bundle = "bundle",
    /// A page's slug gives it no usable URL segment.
    Slug = "slug",
    /// Two pages would be published at the same address.
    DuplicateUrl = "duplicate-url",
    /// A file of static/ or content/ would be written where a page or another file is.
    DuplicateOutput = "duplicate-output",
    /// A page's alias is not usable, or would replace another page.
    Alias = "alias",
    /// Two values of a taxonomy would be published at the same address.
    TaxonomyValue = "taxonomy-value",
    /// A page would be published at the search page's address.
    SearchPage = "search-page",
    /// No link leads to a page from the home page.
    Unreachable = "unreachable",
    /// An outside link does not answer, or answers with an error (`check --external`).
    ExternalLink = "external-link",
    /// content/competencies.yaml or content/resources.yaml holds an entry or value that is not allowed.
    Catalog = "catalog",
    /// A page names a competency that content/competencies.yaml does not have.
    UnknownCompetency = "unknown-competency",
    /// A page names a resource that content/resources.yaml does not have.
    UnknownResource = "unknown-resource",
    /// No page develops a competency of content/competencies.yaml.
    UnusedCompetency = "unused-competency",
    /// A download named by a page does not exist.
    MissingDownload = "missing-download",
    /// The theme named in guide.yaml does not exist.
    Theme = "theme",
    /// A template is missing or does not compile or render.
    Template = "template",
    /// A page could not be put in the print edition.
    Print = "print",
    /// A symbolic link of the guide leads outside the guide folder.
    SymlinkOutside = "symlink-outside",
    /// A symbolic link of the guide leads to nothing.
    BrokenSymlink = "broken-symlink",
    /// A file's name is not valid Unicode.
    FileName = "file-name",
    /// A source file is not UTF-8 text.
    Encoding = "encoding",
    /// A source file is larger than a source file may be.
    TooLarge = "too-large",
    /// A file or folder could not be read or written.
    Io = "io",
    /// The site could not be written to the output folder.
    Output = "output",
    /// The output folder is not one guidewright may replace.
    OutputFolder = "output-folder",
    /// `--base-url` is not an absolute http(s) address.
    BaseUrl = "base-url",
    /// `init` was given a folder that is not empty, or a file.
    Init = "init",
    /// `new` was given a path it cannot make a page or section of.
    New = "new",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_and_meanings_written() {
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        assert!(Code::ALL.iter().all(|c| c.meaning().ends_with('.')));
        assert_eq!(Code::BrokenLink.to_string(), "broken-link");
    }
}
