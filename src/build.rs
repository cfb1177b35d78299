//! The pipeline, stage after stage: settings, theme, content, parse, catalog, links, pages,
//! output.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::catalog;
use crate::config;
use crate::diagnostic::{self, Code, Diagnostic, SourceTexts};
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
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    pub texts: SourceTexts,
}

/// A build that found errors: every problem of the run, and the texts they point into.
#[derive(Debug)]
pub struct Failed {
    pub problems: Vec<Diagnostic>,
    pub texts: SourceTexts,
    /// What is where the site goes, so the message about it is true.
    pub left: output::Left,
}

impl Failed {
    fn new(mut problems: Vec<Diagnostic>, texts: SourceTexts) -> Self {
        diagnostic::sort(&mut problems);
        Failed {
            problems,
            texts,
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
    pub warnings: Vec<Diagnostic>,
    pub texts: SourceTexts,
}

/// Builds the guide in memory, running every stage so one run reports every problem.
pub fn build_site(options: &BuildOptions) -> Result<Built, Failed> {
    build_site_to(options, &render::keep)
}

/// Builds the guide, handing every output file to `place` as soon as it is rendered (see
/// [`render::Place`]); what `place` returns is what [`Built::site`] holds.
pub fn build_site_to<F: SiteFile>(
    options: &BuildOptions,
    place: render::Place<'_, F>,
) -> Result<Built<F>, Failed> {
    let root = &options.root;
    let mut texts = SourceTexts::default();
    let mut problems = Vec::new();

    let mut config = load_config(root, &mut texts)?;
    if let Some(base_url) = &options.base_url {
        match config::absolute_url(base_url) {
            Some(url) => config.base_url = Some(url),
            None => problems.push(
                Diagnostic::error(
                    Code::BaseUrl,
                    format!("--base-url `{base_url}` is not an absolute http(s) URL"),
                )
                .with_hint("write the full address, e.g. --base-url https://example.org/guide/"),
            ),
        }
    }

    let theme = theme_stage(root, &config, &mut texts, &mut problems);
    let static_files: HashSet<String> = theme
        .as_ref()
        .map(|t| t.statics.iter().map(|s| s.path.clone()).collect())
        .unwrap_or_default();

    let guide = content_stages(options, config, &static_files, &mut texts, &mut problems);

    let Some(theme) = theme else {
        return Err(Failed::new(problems, texts));
    };
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Failed::new(problems, texts));
    }
    let (site, mut found) = timing::stage("render", || render::render_to(&guide, &theme, place));
    problems.append(&mut found);
    problems.extend(duplicate_outputs(&site));
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Failed::new(problems, texts));
    }
    diagnostic::sort(&mut problems);
    Ok(Built {
        guide,
        site,
        theme,
        static_files,
        warnings: problems,
        texts,
    })
}

/// The config stage: the settings of guide.yaml, its text kept for snippets.
fn load_config(root: &Path, texts: &mut SourceTexts) -> Result<config::Config, Failed> {
    match config::load(root) {
        Ok(loaded) => {
            texts.insert(config::FILE_NAME, Arc::from(loaded.text.as_str()));
            Ok(loaded.config)
        }
        Err(found) => {
            if let Ok(text) = crate::fs::read_text(&root.join(config::FILE_NAME)) {
                texts.insert(config::FILE_NAME, Arc::from(text.as_str()));
            }
            Err(Failed::new(found, std::mem::take(texts)))
        }
    }
}

/// The theme stage: the templates and theme files, or none when they have problems (which
/// join `problems`, the build going on to report the content's too).
fn theme_stage(
    root: &Path,
    config: &config::Config,
    texts: &mut SourceTexts,
    problems: &mut Vec<Diagnostic>,
) -> Option<Theme> {
    match timing::stage("theme", || theme::load(root, config)) {
        Ok(theme) => {
            texts.extend(theme.texts.clone());
            Some(theme)
        }
        Err(mut unloaded) => {
            problems.append(&mut unloaded.problems);
            texts.extend(unloaded.texts);
            None
        }
    }
}

/// The load, catalog, parse and link stages: the content and data files become the linked
/// guide, every source's text kept for snippets.
fn content_stages(
    options: &BuildOptions,
    config: config::Config,
    static_files: &HashSet<String>,
    texts: &mut SourceTexts,
    problems: &mut Vec<Diagnostic>,
) -> Guide {
    let root = &options.root;
    let content = timing::stage("load", || load::load(root));
    for source in &content.sources {
        texts.insert(source.shown(), source.text.clone());
    }
    for (shown, text) in &content.unreadable {
        texts.insert(shown, text.clone());
    }
    let parsed = timing::stage("parse", || parse::parse(content, &config));
    let (catalog, data_texts, mut found) = timing::stage("catalog", || catalog::load(root));
    problems.append(&mut found);
    for data in data_texts {
        texts.insert(data.shown, Arc::from(data.text.as_str()));
    }
    let (guide, mut found) = timing::stage("link", || {
        link::link(
            config,
            parsed,
            catalog,
            &LinkOptions {
                drafts: options.drafts,
                static_files,
            },
        )
    });
    problems.append(&mut found);
    guide
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
            let configured = config::load(&options.root)
                .map(|c| c.config.output_dir)
                .unwrap_or_else(|_| PathBuf::from("public"));
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
        return Err(Failed::new(vec![problem], built.texts).leaving(left));
    }
    Ok(Summary {
        pages: built.site.pages,
        output: folder,
        elapsed: start.elapsed(),
        warnings: built.warnings,
        texts: built.texts,
    })
}

/// The failure of a build whose output folder was refused or whose guide had errors.
fn refused(
    staging: Result<output::Staging, Diagnostic>,
    built: Result<Built<WrittenFile>, Failed>,
    output: &Path,
) -> Failed {
    let (mut problems, texts) = match built {
        Ok(built) => (built.warnings, built.texts),
        Err(failed) => (failed.problems, failed.texts),
    };
    let left = match staging {
        // Looked at while the lock is still held, so no other build changes it meanwhile.
        Ok(staging) => staging.left(),
        Err(problem) => {
            problems.insert(0, problem);
            output::left(&output::resolve(output))
        }
    };
    Failed::new(problems, texts).leaving(left)
}

/// The guide folder as given, or the current folder.
pub fn root_or_current(root: Option<&Path>) -> PathBuf {
    root.map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}
