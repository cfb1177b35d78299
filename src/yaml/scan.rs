//! Places found by reading the text rather than from the parser: what the link and render
//! stages still look up in a page's text (being restructured at the time of writing; their
//! places are to come from `FrontMatter::places`).

/// The 1-based line and column of the first `key:` in block-style YAML text, if any.
pub fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(n, line)| {
        let trimmed = line.trim_start();
        let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
        let quoted = |quote: char| {
            trimmed
                .strip_prefix(quote)?
                .strip_prefix(key)?
                .strip_prefix(quote)
        };
        let rest = trimmed
            .strip_prefix(key)
            .or_else(|| quoted('"'))
            .or_else(|| quoted('\''))?;
        rest.trim_start().starts_with(':').then(|| {
            let column = line[..line.len() - trimmed.len()].chars().count() + 1;
            (n + 1, column)
        })
    })
}

/// The 1-based line and column of `token` standing alone (not inside a longer id) at or
/// after the 1-based line `from`, if any.
pub fn token_position(text: &str, token: &str, from: usize) -> Option<(usize, usize)> {
    let is_id_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(n, line)| {
            line.match_indices(token).find_map(|(at, _)| {
                let before = line[..at].chars().next_back();
                let after = line[at + token.len()..].chars().next();
                let alone = !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char);
                alone.then(|| (n + 1, line[..at].chars().count() + 1))
            })
        })
}
