//! `guidewright serve`: the preview's runtime and everything it says on the terminal.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::build::{self, BuildOptions};
use crate::diagnostic;
use crate::serve::{self, Outcome, Preview, Told};
use crate::terminal::visible;

/// Arguments of `guidewright serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The guide folder (holding guide.yaml and content/)
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The port to listen on [default: 3131, or the next free one]
    #[arg(long, short, value_name = "N")]
    pub port: Option<u16>,
    /// The address to listen on; anything but 127.0.0.1 exposes the preview to others.
    /// Requests must name localhost, a loopback address or this address (any IP address
    /// when it is 0.0.0.0 or ::)
    #[arg(long, short, value_name = "ADDR", default_value = "127.0.0.1")]
    pub interface: IpAddr,
    /// Open the preview in a browser
    #[arg(long)]
    pub open: bool,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}

/// Runs the preview until Ctrl-C or SIGTERM; returns the process exit code (0 once stopped).
pub fn execute(args: &Args) -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the server: {error}");
            return 1;
        }
    };
    let code = runtime.block_on(serve(args));
    // Tasks still running (a connection past its wait) are dropped, not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    code
}

async fn serve(args: &Args) -> i32 {
    if !args.interface.is_loopback() {
        eprintln!(
            "warning: serving on {}: anyone who can reach this machine can read the preview",
            args.interface
        );
    }
    let root = match serve::guide_root(&build::root_or_current(args.root.as_deref())) {
        Ok(root) => root,
        Err(root) => {
            eprintln!(
                "error: no {} in {}",
                crate::config::FILE_NAME,
                visible(&root.display().to_string())
            );
            eprintln!("hint: run guidewright serve in a guide folder, or pass --root DIR");
            return 1;
        }
    };
    let listener = match serve::bind(args.interface, args.port).await {
        Ok(listener) => listener,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!(
                "hint: choose another port with --port N, or leave --port out to take a free one"
            );
            return 1;
        }
    };
    let address = listener
        .local_addr()
        .map_or_else(|_| "?".to_string(), |a| a.to_string());

    let options = BuildOptions {
        root: root.clone(),
        output: None,
        drafts: args.drafts,
        base_url: None,
    };
    let Ok(preview) = tokio::task::spawn_blocking(move || Preview::new(options)).await else {
        eprintln!("error: the first build stopped unexpectedly");
        return 1;
    };
    print_problems(&preview);
    let watching = match serve::watch_and_rebuild(&root, preview, tell) {
        Ok(watching) => watching,
        Err(error) => {
            eprintln!("error: cannot watch files: {}", visible(&error));
            return 1;
        }
    };
    let url = format!("http://{address}/");
    println!("serving the guide at {url} (Ctrl-C stops)");
    if args.open && opener::open(&url).is_err() {
        eprintln!("warning: could not open a browser; open {url} yourself");
    }
    watching.serve(listener, args.interface).await;
    println!("stopped");
    0
}

/// What a rebuild did, or what keeps changes from being seen, on the terminal.
fn tell(told: Told<'_>) {
    match told {
        Told::NotWatching(problem) => eprintln!("warning: {}", visible(problem)),
        Told::Rebuilt(_, Outcome::Restyle) => println!("restyled"),
        Told::Rebuilt(preview, Outcome::Reload { pages, elapsed, .. }) => {
            print_problems(preview);
            println!(
                "rebuilt {pages} page{} in {} ms",
                if *pages == 1 { "" } else { "s" },
                elapsed.as_millis()
            );
        }
        Told::Rebuilt(preview, Outcome::Failed) => print_problems(preview),
        Told::Rebuilt(_, Outcome::Nothing) => {}
    }
}

fn print_problems(preview: &Preview) {
    preview.report.print();
    if preview.report.has_errors() {
        eprintln!(
            "build failed: {}; still serving the last good version",
            diagnostic::count_line(&preview.report.problems)
        );
    }
}
