//! guidewright: a static site generator for guides about teacher-led professional learning.
//!
//! Data flows one way through the stages, each a module that depends only on the ones
//! before it: [`config`] → [`load`] (the content, and the [`theme`]'s templates and files) →
//! [`parse`] → [`link`] → [`render`] → [`output`];
//! [`build`] runs them in order and [`cmd`] is the command line.

pub mod address;
pub mod build;
pub mod catalog;
pub mod check;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod fs;
pub mod generated;
pub mod guide;
pub mod html;
pub mod link;
pub mod load;
pub mod output;
pub mod parse;
pub mod render;
pub mod sample;
pub mod search;
pub mod serve;
pub mod terminal;
pub mod theme;
pub mod timing;
pub mod title;
pub mod url;
pub mod walk;
pub mod yaml;
