//! The integration tests, as one binary (one link step, one process): each module is one
//! topic, and `common` is the harness they share. Run one topic with
//! `cargo test --test it <module>::`.

mod common;

mod accessibility;
mod architecture;
mod browser_serve;
mod catalog;
mod check;
mod cli;
mod collisions;
mod diagnostics_doc;
mod errors;
mod fuzz_corpus;
mod html_validity;
mod init_new;
mod large_assets;
mod nesting;
mod output;
mod output_safety;
mod page_addresses;
mod page_kinds;
mod print;
mod properties;
mod publish;
mod sample_guide;
mod script_safety;
mod search;
mod serve;
mod serve_equivalence;
mod serve_safety;
mod site;
mod subpath;
mod symlinks;
mod terminal;
mod yaml_errors;
