//! The command line: one file per command, each with its arguments and an `execute`.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;

use clap::{Parser, Subcommand};

/// guidewright builds guides about teacher-led professional learning from Markdown.
#[derive(Debug, Parser)]
#[command(name = "guidewright", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the guide into its output folder (public/ by default)
    Build(build::Args),
    /// Write a new guide folder from the bundled sample guide
    Init(init::Args),
    /// Create a page or section with its front matter filled in
    New(new::Args),
    /// Preview the guide in a browser, rebuilding as you edit
    Serve(serve::Args),
    /// Run every check of a build without writing anything
    Check(check::Args),
}

/// Runs the command line; returns the process exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build::execute(&args),
        Command::Check(args) => check::execute(&args),
        Command::Init(args) => init::execute(&args),
        Command::New(args) => new::execute(&args),
        Command::Serve(args) => serve::execute(&args),
    }
}
