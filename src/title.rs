//! Titles made from names: of files and folders (`guidewright new`, a page whose front matter
//! could not be read) and of resource kinds.

/// A title from a file, folder or kind name: `peer-coaching` → `Peer coaching`,
/// `time_audit-2` → `Time audit 2`; `self-` keeps its hyphen (`self-assessment` →
/// `Self-assessment`). A name with no words stays as it is.
pub fn from_name(name: &str) -> String {
    let words: Vec<&str> = name
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let mut text = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            text.push(if words[i - 1] == "self" { '-' } else { ' ' });
        }
        text.push_str(word);
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

/// A title from a source's path in `content/`: from its file name, or its folder's for
/// `_index.md` and `index.md`.
pub fn from_path(path: &str) -> String {
    let name = path.trim_end_matches(".md");
    let name = name.trim_end_matches("/_index").trim_end_matches("/index");
    from_name(name.rsplit('/').next().unwrap_or(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_titles() {
        assert_eq!(from_name("peer-coaching"), "Peer coaching");
        assert_eq!(from_name("selecting"), "Selecting");
        assert_eq!(from_name("time_audit-2"), "Time audit 2");
        assert_eq!(from_name("écoles"), "Écoles");
        assert_eq!(from_name("self-assessment"), "Self-assessment");
        assert_eq!(from_name("case-study"), "Case study");
        assert_eq!(from_name("--"), "--");
    }

    #[test]
    fn paths_give_their_file_or_folder_name() {
        assert_eq!(from_path("training/peer-coaching.md"), "Peer coaching");
        assert_eq!(from_path("training/_index.md"), "Training");
        assert_eq!(from_path("training/visits/index.md"), "Visits");
    }
}
