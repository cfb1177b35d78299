//! Heading ids made the way Git hosts make them, so `#anchors` work the same in a host's
//! Markdown preview and in the built site.

use std::collections::{HashMap, HashSet};

/// The id a Git host gives a heading's text: lowercase, spaces to hyphens, punctuation dropped.
pub fn slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Hands out unique heading ids within one page: repeats get `-1`, `-2`, ….
#[derive(Debug, Default)]
pub struct HeadingIds {
    taken: HashSet<String>,
    repeats: HashMap<String, usize>,
}

impl HeadingIds {
    /// Reserves an id the author chose; false when it is already taken.
    pub fn claim(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_string())
    }

    /// A unique id for a heading's text.
    pub fn for_text(&mut self, text: &str) -> String {
        let mut base = slug(text);
        if base.is_empty() {
            base = "section".to_string();
        }
        let mut id = base.clone();
        while self.taken.contains(&id) {
            let n = self.repeats.entry(base.clone()).or_insert(0);
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_git_hosts() {
        assert_eq!(slug("Time & money: options"), "time--money-options");
        assert_eq!(slug("Évaluer les rôles"), "évaluer-les-rôles");
        assert_eq!(slug("What's a PLC?"), "whats-a-plc");
        assert_eq!(slug("snake_case and-hyphens"), "snake_case-and-hyphens");
    }

    #[test]
    fn repeats_are_numbered_and_claims_respected() {
        let mut ids = HeadingIds::default();
        assert!(ids.claim("intro-1"));
        assert_eq!(ids.for_text("Intro"), "intro");
        assert_eq!(ids.for_text("Intro"), "intro-2");
        assert_eq!(ids.for_text("Intro"), "intro-3");
        assert_eq!(ids.for_text("?!"), "section");
        assert!(!ids.claim("intro"));
    }
}
