//! Grows the resource catalog and the competency frameworks of a guide folder, to measure how
//! reading them scales.
//!
//! ```sh
//! guidewright init /tmp/big && \
//!   cargo run --release --example gen-catalog -- --root /tmp/big --entries 32000 [--bytes 20000000]
//! ```
//!
//! Appends `--entries` resources to `content/resources.yaml` and as many competencies (in one
//! more framework) to `content/competencies.yaml`; with `--bytes`, keeps appending until each
//! file holds at least that many bytes. Every generated id is unique and every reference
//! resolves, so `guidewright check --root DIR` reports only warnings (competencies no page
//! develops). The output depends on the arguments only.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen-catalog --root DIR --entries N [--bytes B]";

/// Competency ids of the sample guide that generated resources cite.
const CITED: [&str; 4] = ["tlms-3", "lf-leadership", "tli-instructional", "psel-10"];

struct Args {
    root: PathBuf,
    entries: usize,
    bytes: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut root = None;
    let mut entries = 0;
    let mut bytes = 0;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--root" => root = Some(PathBuf::from(value()?)),
            "--entries" => entries = value()?.parse().map_err(|_| "--entries takes a number")?,
            "--bytes" => bytes = value()?.parse().map_err(|_| "--bytes takes a number")?,
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    let root = root.ok_or("--root is required")?;
    Ok(Args {
        root,
        entries,
        bytes,
    })
}

/// The text of the `n`th generated resource.
fn resource(n: usize) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "\n  - id: gen-resource-{n}\n    title: \"Generated resource {n}: a study of peer coaching\"\n    \
         organization: Example Institute\n    year: {}\n    kind: report\n    \
         url: https://example.org/reports/{n}.pdf\n    description: >-\n      \
         A generated report, number {n}, about teacher-led professional learning, long\n      \
         enough to look like the descriptions authors write for the catalog.\n    \
         competencies: [{}, {}]\n",
        1990 + n % 35,
        CITED[n % CITED.len()],
        CITED[(n + 1) % CITED.len()],
    );
    out
}

/// The text of the `n`th generated competency.
fn competency(n: usize) -> String {
    format!(
        "      - id: gen-competency-{n}\n        name: Generated competency {n}\n        \
         description: >-\n          Leads colleagues through cycle {n} of inquiry into practice.\n"
    )
}

/// Appends entries made by `entry` to `text` until both `entries` and `bytes` are reached.
fn grow(text: &mut String, entries: usize, bytes: usize, entry: fn(usize) -> String) -> usize {
    let mut n = 0;
    while n < entries || text.len() < bytes {
        n += 1;
        text.push_str(&entry(n));
    }
    n
}

fn run(args: &Args) -> Result<(), String> {
    let content = args.root.join("content");
    let read = |name: &str| {
        let path = content.join(name);
        fs::read_to_string(&path).map_err(|e| format!("failed to read {}: {e}", path.display()))
    };
    let write = |name: &str, text: &str| {
        let path = content.join(name);
        fs::write(&path, text).map_err(|e| format!("failed to write {}: {e}", path.display()))
    };
    let mut resources = read("resources.yaml")?;
    let added = grow(&mut resources, args.entries, args.bytes, resource);
    write("resources.yaml", &resources)?;
    let mut competencies = read("competencies.yaml")?;
    competencies.push_str("  - id: gen\n    title: Generated framework\n    competencies:\n");
    let added_competencies = grow(&mut competencies, args.entries, args.bytes, competency);
    write("competencies.yaml", &competencies)?;
    println!(
        "added {added} resources ({:.1} MB) and {added_competencies} competencies ({:.1} MB)",
        resources.len() as f64 / 1e6,
        competencies.len() as f64 / 1e6
    );
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen-catalog: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
