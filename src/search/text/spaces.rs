//! Whitespace as a reader sees it: any run of it is one space.

/// Collapses runs of whitespace to one space and trims the ends.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
