//! `guidewright build`.

use std::path::PathBuf;

use crate::build::{self, BuildOptions};
use crate::diagnostic;

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
    let options = BuildOptions {
        root: build::root_or_current(args.root.as_deref()),
        output: args.output.clone(),
        drafts: args.drafts,
        base_url: args.base_url.clone(),
    };
    match build::build(&options) {
        Ok(summary) => {
            super::report(&summary.warnings, &summary.texts);
            if !summary.warnings.is_empty() {
                eprintln!("{}", diagnostic::count_line(&summary.warnings));
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
            super::report(&failed.problems, &failed.texts);
            eprintln!(
                "build failed: {}; the previous output was left as it was",
                diagnostic::count_line(&failed.problems)
            );
            1
        }
    }
}
