//! The pipeline, stage after stage: settings, theme, content, parse, catalog, links, pages,
//! output.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::catalog;
use crate::config;
use crate::diagnostic::{Code, Diagnostic, Report};
use crate::guide::Guide;
use crate::link::{self, LinkOptions};
use crate::load;
use crate::output;
use crate::parse;
use crate::render::{self, OutputFile, Site, SiteFile, WrittenFile};
use crate::theme::{self, Theme};
use crate::timing;

/// How to build a guide.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The guide folder.
    pub root: PathBuf,
    /// Where to write the site; `output_dir` of the settings (under the root) when `None`.
    pub output: Option<PathBuf>,
    /// Keep pages marked `draft: true`.
    pub drafts: bool,
    /// Overrides `base_url` of the settings.
    pub base_url: Option<String>,
}

/// A built guide: in memory (a `Built` keeps every file's contents), or written to disk as it
/// was rendered (`Built<WrittenFile>`, which keeps only the files' paths).
pub struct Built<F = OutputFile> {
    pub guide: Guide,
    pub site: Site<F>,
    /// The compiled templates, kept for re-rendering single pages.
    pub theme: Theme,
    /// Site-relative paths of the theme's and `static/` files, which links may name.
    pub static_files: HashSet<String>,
    /// The problems that did not stop the build (warnings), sorted.
    pub report: Report,
}

/// A build that found errors: every problem of the run, sorted, and the texts they point into.
#[derive(Debug)]
pub struct Failed {
    pub report: Report,
    /// What is where the site goes, so the message about it is true.
    pub left: output::Left,
}

impl Failed {
    fn new(report: Report) -> Self {
        Failed {
            report: report.sorted(),
            left: output::Left::Nothing,
        }
    }

    fn leaving(mut self, left: output::Left) -> Self {
        self.left = left;
        self
    }
}

/// What a written build did.
pub struct Summary {
    pub pages: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// Its warnings.
    pub report: Report,
}

/// Builds the guide in memory, running every stage so one run reports every problem.
pub fn build_site(options: &BuildOptions) -> Result<Built, Failed> {
    build_site_to(options, &render::keep)
}

/// Builds the guide, handing every output file to `place` as soon as it is rendered (see
/// [`render::Place`]); what `place` returns is what [`Built::site`] holds. Every stage adds
/// its problems to the run's one [`Report`]; the stages after one that failed still run
/// where they can, so that one run reports every problem.
pub fn build_site_to<F: SiteFile>(
    options: &BuildOptions,
    place: render::Place<'_, F>,
) -> Result<Built<F>, Failed> {
    let root = &options.root;
    let mut report = Report::default();
    let config = timing::stage("config", || settings(options, &mut report));
    let Some(config) = config else {
        return Err(Failed::new(report));
    };
    let theme = timing::stage("theme", || theme::load(root, &config, &mut report));
    let static_files: HashSet<String> = theme
        .as_ref()
        .map(|t| t.statics.iter().map(|s| s.path.clone()).collect())
        .unwrap_or_default();
    let guide = content_stages(options, config, &static_files, &mut report);
    let Some(theme) = theme.filter(|_| !report.has_errors()) else {
        return Err(Failed::new(report));
    };
    let site = timing::stage("render", || {
        render::render_to(&guide, &theme, place, &mut report)
    });
    report.extend(duplicate_outputs(&site));
    if report.has_errors() {
        return Err(Failed::new(report));
    }
    Ok(Built {
        guide,
        site,
        theme,
        static_files,
        report: report.sorted(),
    })
}

/// The config stage: the settings of guide.yaml, with `--base-url` in place of its
/// `base_url` when given.
fn settings(options: &BuildOptions, report: &mut Report) -> Option<config::Config> {
    let mut config = config::load(&options.root, report)?;
    if let Some(base_url) = &options.base_url {
        match config::absolute_url(base_url) {
            Some(url) => config.base_url = Some(url),
            None => report.push(
                Diagnostic::error(
                    Code::BaseUrl,
                    format!("--base-url `{base_url}` is not an absolute http(s) URL"),
                )
                .with_hint("write the full address, e.g. --base-url https://example.org/guide/"),
            ),
        }
    }
    Some(config)
}

/// The load, parse, catalog and link stages: the content and data files become the linked
/// guide.
fn content_stages(
    options: &BuildOptions,
    config: config::Config,
    static_files: &HashSet<String>,
    report: &mut Report,
) -> Guide {
    let root = &options.root;
    let content = timing::stage("load", || load::load(root, report));
    let parsed = timing::stage("parse", || parse::parse(content, &config, report));
    let catalog = timing::stage("catalog", || catalog::load(root, report));
    let options = LinkOptions {
        drafts: options.drafts,
        static_files,
    };
    timing::stage("link", || {
        link::link(config, parsed, catalog, &options, report)
    })
}

/// Two files published at one path, or at paths that differ only in case or Unicode form:
/// the later would silently replace the earlier (on macOS and Windows disks, and many hosts).
fn duplicate_outputs<F: SiteFile>(site: &Site<F>) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut problems = Vec::new();
    for file in &site.files {
        let path = file.path();
        let Some(first) = seen.insert(crate::url::fold(path), path) else {
            continue;
        };
        let message = if first == path {
            format!("two files would be published at {first}")
        } else {
            format!("{first} and {path} would be published as one file on disks that ignore case")
        };
        problems.push(Diagnostic::error(Code::DuplicateOutput, message).with_hint(
            "a file of static/ or content/ has the path of a page or another file; rename one",
        ));
    }
    problems
}

/// Where the site of the guide at `options.root` is written.
pub fn output_folder(options: &BuildOptions) -> PathBuf {
    match &options.output {
        Some(output) => output.clone(),
        None => {
            let configured = config::quietly(&options.root)
                .map_or_else(|| PathBuf::from("public"), |c| c.output_dir);
            options.root.join(configured)
        }
    }
}

/// Builds the guide and writes it to its output folder, replacing the previous site whole.
/// Pages are written as they are rendered, into a folder beside the output that is swapped in
/// only when the whole build succeeded; a second build into the same folder waits for this one.
pub fn build(options: &BuildOptions) -> Result<Summary, Failed> {
    let start = Instant::now();
    let output = output_folder(options);
    let waiting = || {
        eprintln!(
            "waiting for another build into {} to finish…",
            output::resolve(&output).display()
        );
    };
    let staging = output::Staging::begin(&options.root, &output, &waiting);
    let built = match &staging {
        Ok(staging) => build_site_to(options, &|file| staging.put(file)),
        // The build still runs, to report every problem; nothing is kept.
        Err(_) => build_site_to(options, &|file| Ok(WrittenFile { path: file.path })),
    };
    let (staging, built) = match (staging, built) {
        (Ok(staging), Ok(built)) => (staging, built),
        (staging, built) => return Err(refused(staging, built, &output)),
    };
    let folder = staging.folder().to_path_buf();
    if let Err(problem) = timing::stage("swap", || staging.finish()) {
        let left = output::left(&folder);
        let mut report = built.report;
        report.push(problem);
        return Err(Failed::new(report).leaving(left));
    }
    Ok(Summary {
        pages: built.site.pages,
        output: folder,
        elapsed: start.elapsed(),
        report: built.report,
    })
}

/// The failure of a build whose output folder was refused or whose guide had errors.
fn refused(
    staging: Result<output::Staging, Diagnostic>,
    built: Result<Built<WrittenFile>, Failed>,
    output: &Path,
) -> Failed {
    let mut report = match built {
        Ok(built) => built.report,
        Err(failed) => failed.report,
    };
    let left = match staging {
        // Looked at while the lock is still held, so no other build changes it meanwhile.
        Ok(staging) => staging.left(),
        Err(problem) => {
            report.problems.insert(0, problem);
            output::left(&output::resolve(output))
        }
    };
    Failed::new(report).leaving(left)
}

/// The guide folder as given, or the current folder.
pub fn root_or_current(root: Option<&Path>) -> PathBuf {
    root.map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}
