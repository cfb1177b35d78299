//! `guidewright check`.

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use crate::build::{self, BuildOptions};
use crate::check::{self, CheckOptions};
use crate::diagnostic::{self, Diagnostic};

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: each problem with its source line
    Human,
    /// For CI and editors: a JSON array of diagnostics
    Json,
}

/// Arguments of `guidewright check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The guide folder (holding guide.yaml and content/)
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// How to write the report
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Also request every outside link (http and https)
    #[arg(long)]
    pub external: bool,
    /// Seconds an outside link may take to answer
    #[arg(long, value_name = "SECONDS", default_value = "10")]
    pub timeout: u64,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}

/// One diagnostic as the JSON report writes it.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: String,
    code: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            severity: d.severity.to_string(),
            code: d.code.as_str(),
            file: d.file.as_ref().map(|f| f.display().to_string()),
            line: (d.line > 0).then_some(d.line),
            column: (d.line > 0).then_some(d.column),
            message: &d.message,
            hint: d.hint.as_deref(),
        }
    }
}

pub fn execute(args: &Args) -> i32 {
    let options = CheckOptions {
        build: BuildOptions {
            root: build::root_or_current(args.root.as_deref()),
            drafts: args.drafts,
            ..BuildOptions::default()
        },
        external: args.external,
        timeout: Duration::from_secs(args.timeout.max(1)),
    };
    let report = check::check(&options);
    let errors = report.problems.iter().filter(|p| p.is_error()).count();
    match args.format {
        Format::Json => {
            let json: Vec<JsonDiagnostic<'_>> =
                report.problems.iter().map(JsonDiagnostic::from).collect();
            println!(
                "{}",
                crate::terminal::json_escaped(
                    serde_json::to_string_pretty(&json).unwrap_or_else(|_| "[]".into())
                )
            );
        }
        Format::Human => {
            crate::diagnostic::report(&report.problems, &report.texts);
            if report.problems.is_empty() {
                println!("no problems found");
            } else {
                eprintln!("check found {}", diagnostic::count_line(&report.problems));
            }
        }
    }
    if errors > 0 { 1 } else { 0 }
}
