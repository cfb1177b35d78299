//! `guidewright build`.

use std::path::PathBuf;

use crate::build::{self, BuildOptions};
use crate::diagnostic;
use crate::output;

/// Arguments of `guidewright build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The guide folder (holding guide.yaml and content/)
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Where to write the site [default: public/ under the guide folder]
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// The address the site is published at, for canonical links and sitemap.xml
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print nothing but problems
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn execute(args: &Args) -> i32 {
    stop_cleanly_when_interrupted();
    let options = BuildOptions {
        root: build::root_or_current(args.root.as_deref()),
        output: args.output.clone(),
        drafts: args.drafts,
        base_url: args.base_url.clone(),
    };
    match build::build(&options) {
        Ok(summary) => {
            crate::diagnostic::report(&summary.report.problems, &summary.report.texts);
            if !summary.report.problems.is_empty() {
                eprintln!("{}", diagnostic::count_line(&summary.report.problems));
            }
            if !args.quiet {
                println!(
                    "built {} pages in {:.2} s → {}",
                    summary.pages,
                    summary.elapsed.as_secs_f64(),
                    crate::terminal::visible(&summary.output.display().to_string())
                );
            }
            0
        }
        Err(failed) => {
            crate::diagnostic::report(&failed.report.problems, &failed.report.texts);
            eprintln!(
                "build failed: {}; {}",
                diagnostic::count_line(&failed.report.problems),
                what_was_left(&failed.left)
            );
            1
        }
    }
}

/// The truth about the output folder after a failed build.
fn what_was_left(left: &output::Left) -> String {
    match left {
        output::Left::Nothing => "nothing was written".to_string(),
        output::Left::Previous(folder) => {
            format!(
                "the previous site in {} was left as it was",
                folder.display()
            )
        }
        output::Left::Aside(folder) => format!(
            "the previous site is kept in {}; the next build puts it back",
            folder.display()
        ),
    }
}

/// Ctrl-C or SIGTERM removes the half-written site before the process ends.
fn stop_cleanly_when_interrupted() {
    let installed = ctrlc::set_handler(|| {
        if output::interrupt() {
            eprintln!(
                "interrupted: the half-written site was removed; the previous one is as it was"
            );
        } else {
            eprintln!("interrupted");
        }
        std::process::exit(130);
    });
    if let Err(error) = installed {
        eprintln!(
            "warning: an interrupted build may leave a hidden folder beside the output: {error}"
        );
    }
}
