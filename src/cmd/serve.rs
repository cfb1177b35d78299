//! `guidewright serve`.

use std::net::IpAddr;
use std::path::PathBuf;

use crate::build;
use crate::serve::{self, ServeOptions};

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

pub fn execute(args: &Args) -> i32 {
    serve::run(ServeOptions {
        root: build::root_or_current(args.root.as_deref()),
        port: args.port,
        interface: args.interface,
        open: args.open,
        drafts: args.drafts,
    })
}
