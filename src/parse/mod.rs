//! The parse stage: front matter and Markdown of each file.

pub mod front_matter;
pub mod heading;
pub mod links;
pub mod markdown;
