//! guidewright: a static site generator for guides about teacher-led professional learning.
//!
//! Data flows one way through the stages, each a module that depends only on the ones
//! before it: [`config`] (guide.yaml) → `theme` (templates and theme files) → [`load`] (the
//! files of `content/`) → [`parse`] (front matter and each page's outline) → [`catalog`]
//! (competencies and resources) → `link` (the [`guide`]: tree, addresses, references) →
//! [`render`] (pages, generated pages, the [`search`] index) → `output` (the site written
//! whole); [`build`] runs them in order, adding every problem to one
//! [`diagnostic::Report`], and [`serve`] and [`cmd`] are on top. The leaf modules (`url`,
//! `generated`, `html`, `fs`, `walk`, `yaml`, …) use no stage. `tests/it/architecture.rs`
//! checks both rules.
//!
//! Modules are public only where the binary, the tests, the benches or the fuzz targets use
//! them.

pub(crate) mod address;
pub mod build;
pub mod catalog;
pub(crate) mod check;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub(crate) mod fs;
pub(crate) mod generated;
pub mod guide;
pub(crate) mod html;
pub(crate) mod link;
pub mod load;
pub(crate) mod output;
pub mod parse;
pub mod render;
pub(crate) mod sample;
pub mod search;
pub mod serve;
pub(crate) mod terminal;
pub(crate) mod theme;
pub(crate) mod timing;
pub(crate) mod title;
pub mod url;
pub(crate) mod walk;
pub mod yaml;
