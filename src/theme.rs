//! The theme stage: templates and theme files, layered: the built-in default theme, then `themes/<name>/`
//! of the guide folder, then the guide's own `templates/` and `static/`.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rust_embed::RustEmbed;
use tera::{ErrorKind, Tera};

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Report, SourceTexts};
use crate::fs;
use crate::walk::Found;

/// The default theme, compiled into the binary.
#[derive(RustEmbed)]
#[folder = "themes/default/"]
#[exclude = "*~"]
#[exclude = ".*"]
struct DefaultTheme;

/// Where a file the build publishes comes from.
#[derive(Debug, Clone)]
pub enum FileSource {
    Embedded(Cow<'static, [u8]>),
    Disk(PathBuf),
}

/// A theme or `static/` file published at a site-relative path.
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub path: String,
    pub source: FileSource,
}

/// A template of the theme: its name (as `extends`, `include` and `template:` name it),
/// the path it is shown as in diagnostics, and its text.
#[derive(Debug, Clone)]
struct TemplateFile {
    name: String,
    shown: String,
    text: String,
}

/// Where a template's text came from, for diagnostics.
#[derive(Debug, Clone)]
pub struct ShownTemplate {
    /// The name templates use.
    pub name: String,
    /// The path it is shown as, e.g. `templates/page.html`.
    pub shown: String,
}

/// The templates, compiled once, and the files to publish with them.
pub struct Theme {
    pub tera: Tera,
    /// Each template's text by the path it is shown as, for error snippets.
    pub texts: SourceTexts,
    /// Each template's name and the path it is shown as.
    pub shown: Vec<ShownTemplate>,
    pub statics: Vec<StaticFile>,
}

impl Theme {
    /// The path a template is shown as in diagnostics.
    pub fn shown_path(&self, name: &str) -> String {
        self.shown
            .iter()
            .find(|t| t.name == name)
            .map_or_else(|| format!("templates/{name}"), |t| t.shown.clone())
    }

    /// A diagnostic for a Tera error; `context` says what was being done.
    pub fn diagnostic(&self, error: &tera::Error, context: &str) -> Diagnostic {
        self.diagnostics(error, context).swap_remove(0)
    }

    /// Every problem a Tera error holds (checks of a template's filters, tests and components
    /// come as one message of several reports), each placed in its template.
    pub fn diagnostics(&self, error: &tera::Error, context: &str) -> Vec<Diagnostic> {
        let hint =
            "fix the template; see docs/templates.md for the variables each template receives";
        if let ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) = error.kind() {
            let span = report.span();
            let len = span.range.end.saturating_sub(span.range.start);
            return vec![
                self.placed(
                    report.message(),
                    report.filename(),
                    span.start_line,
                    span.start_col + 1,
                    len,
                    context,
                )
                .with_hint(hint),
            ];
        }
        let mut message = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(inner) = source {
            message.push_str(&format!(": {inner}"));
            source = inner.source();
        }
        let reports: Vec<Diagnostic> = message
            .split("\n\n")
            .filter_map(|report| {
                let text = report.trim().strip_prefix("error: ")?;
                let (what, rest) = text.split_once('\n')?;
                let place = rest.lines().find_map(|l| l.trim().strip_prefix("--> "))?;
                let mut parts = place.rsplitn(3, ':');
                let column = parts.next()?.parse().ok()?;
                let line = parts.next()?.parse().ok()?;
                let name = parts.next()?;
                Some(
                    self.placed(what, name, line, column, 1, context)
                        .with_hint(hint),
                )
            })
            .collect();
        if !reports.is_empty() {
            return reports;
        }
        vec![
            Diagnostic::error(Code::Template, format!("{message} ({context})")).with_hint(
                "check the template names in templates/ and in `extends` and `include` tags",
            ),
        ]
    }

    /// A template problem at a 1-based line and column of template `name`.
    fn placed(
        &self,
        message: &str,
        name: &str,
        line: usize,
        column: usize,
        len: usize,
        context: &str,
    ) -> Diagnostic {
        let shown = self.shown_path(name);
        let mut diagnostic =
            Diagnostic::error(Code::Template, format!("{message} ({context})")).in_file(&shown);
        match self.texts.get(Path::new(&shown)) {
            Some(text) => {
                diagnostic = diagnostic.at_line(text, line, column);
                if let Some(place) = diagnostic.span.as_mut() {
                    place.end = (place.start + len.max(1)).min(text.len()).max(place.start);
                }
            }
            None => {
                diagnostic.line = line;
                diagnostic.column = column;
            }
        }
        diagnostic
    }
}

/// Loads the theme named in the settings, with the guide's overrides: the theme stage, run
/// before the content is linked (links may name the theme's files).
/// `None` when it cannot be used; the problems, and the templates' texts they point into, go
/// to `report`.
pub fn load(root: &Path, config: &Config, report: &mut Report) -> Option<Theme> {
    let (mut templates, mut statics) = built_in();
    let problems = &mut report.problems;
    let theme_dir = root.join("themes").join(&config.theme);
    if let Some(problem) = crate::walk::link_problem(root, &theme_dir) {
        problems.push(problem);
    } else if theme_dir.is_dir() {
        let shown_dir = format!("themes/{}/templates", config.theme);
        let templates_dir = theme_dir.join("templates");
        read_templates(root, &templates_dir, &shown_dir, &mut templates, problems);
        read_statics(root, &theme_dir.join("static"), &mut statics, problems);
    } else if config.theme != "default" {
        problems.push(missing_theme(config));
    }
    let templates_dir = root.join("templates");
    read_templates(root, &templates_dir, "templates", &mut templates, problems);
    read_statics(root, &root.join("static"), &mut statics, problems);
    if !problems.is_empty() {
        return None;
    }
    compile(&templates, statics, report)
}

/// The default theme's templates and files, compiled into the binary.
fn built_in() -> (Vec<TemplateFile>, Vec<StaticFile>) {
    let mut templates = Vec::new();
    let mut statics = Vec::new();
    for file in DefaultTheme::iter() {
        let Some(data) = DefaultTheme::get(&file) else {
            continue;
        };
        if let Some(name) = file.strip_prefix("templates/") {
            set(
                &mut templates,
                TemplateFile {
                    name: name.to_string(),
                    shown: format!("(built-in) themes/default/templates/{name}"),
                    text: String::from_utf8_lossy(&data.data).into_owned(),
                },
            );
        } else if let Some(path) = file.strip_prefix("static/") {
            statics.push(StaticFile {
                path: path.to_string(),
                source: FileSource::Embedded(data.data),
            });
        }
    }
    (templates, statics)
}

/// The error for a `theme:` that names no folder of themes/, at its line of guide.yaml.
fn missing_theme(config: &Config) -> Diagnostic {
    let (line, column) = config
        .places
        .place("theme")
        .map_or((0, 0), |place| (place.line, place.column));
    let mut problem = Diagnostic::error(
        Code::Theme,
        format!(
            "there is no theme `{}`: no folder themes/{}/",
            config.theme, config.theme
        ),
    )
    .in_file(crate::config::FILE_NAME)
    .with_hint("put the theme in themes/NAME/ of the guide folder, or use `theme: default`");
    problem.line = line;
    problem.column = column;
    problem
}

/// Compiles the templates, each error placed in its template.
fn compile(
    templates: &[TemplateFile],
    statics: Vec<StaticFile>,
    report: &mut Report,
) -> Option<Theme> {
    let mut texts = SourceTexts::default();
    let mut shown = Vec::new();
    for template in templates {
        texts.insert(&template.shown, Arc::from(template.text.as_str()));
        shown.push(ShownTemplate {
            name: template.name.clone(),
            shown: template.shown.clone(),
        });
    }
    let mut tera = Tera::new();
    let mut theme = Theme {
        tera: Tera::new(),
        texts,
        shown,
        statics,
    };
    if let Err(error) =
        tera.add_raw_templates(templates.iter().map(|t| (t.name.as_str(), t.text.as_str())))
    {
        let problems = theme.diagnostics(&error, "while reading the templates");
        report.extend(problems);
        report.texts.extend(theme.texts);
        return None;
    }
    theme.tera = tera;
    report.texts.extend(theme.texts.clone());
    Some(theme)
}

/// Adds a template, or puts it in place of the one of the same name from a lower layer.
fn set(templates: &mut Vec<TemplateFile>, template: TemplateFile) {
    match templates.iter_mut().find(|t| t.name == template.name) {
        Some(entry) => *entry = template,
        None => templates.push(template),
    }
}

fn files_under(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<Found> {
    if !dir.is_dir() && crate::walk::link_problem(root, dir).is_none() {
        return Vec::new();
    }
    crate::walk::files(root, dir, problems)
}

fn read_templates(
    root: &Path,
    dir: &Path,
    shown_dir: &str,
    templates: &mut Vec<TemplateFile>,
    problems: &mut Vec<Diagnostic>,
) {
    for found in files_under(root, dir, problems) {
        let shown = format!("{shown_dir}/{}", found.relative);
        match fs::read_text(&found.file) {
            Ok(text) => set(
                templates,
                TemplateFile {
                    name: found.relative,
                    shown,
                    text: crate::fs::normalize(text),
                },
            ),
            Err(error) => problems.push(error.diagnostic(shown)),
        }
    }
}

fn read_statics(
    root: &Path,
    dir: &Path,
    statics: &mut Vec<StaticFile>,
    problems: &mut Vec<Diagnostic>,
) {
    for found in files_under(root, dir, problems) {
        statics.retain(|s| s.path != found.relative);
        statics.push(StaticFile {
            path: found.relative,
            source: FileSource::Disk(found.file),
        });
    }
}
