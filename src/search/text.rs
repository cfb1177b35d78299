//! Text for the index: the words of a page's rendered HTML, split by field, and the one
//! normalization that both the index and `search.js` apply to words.
//!
//! A word is folded the way `search-core.js` folds a query (it reads [`FOLDS`] from the
//! index, so only the steps below are written twice):
//! compatibility decomposition (NFKD), combining marks dropped, lowercase, then a few letters
//! that do not decompose spelled out (`ß` → `ss`, `æ` → `ae`, `ø` → `o`, …). So `Évaluer`,
//! `EVALUER` and `évaluer` are all `evaluer`, and `ﬁnance` is `finance`.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

mod html;
mod spaces;

pub use html::{BodyText, Heading, body_text, decode_entities};
pub use spaces::collapse;

/// Letters that NFKD leaves whole, spelled as people type them without the accent.
/// The index file carries the table to `search-core.js`.
pub const FOLDS: &[(char, &str)] = &[
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('ø', "o"),
    ('đ', "d"),
    ('ð', "d"),
    ('ł', "l"),
    ('ı', "i"),
    ('þ', "th"),
    ('ς', "σ"),
];

/// The longest word the index keeps: longer runs are addresses, hashes or data, not words.
/// The index file carries it to `search-core.js`, so a query drops the same words.
pub const MAX_WORD: usize = 40;

/// English words too common to help find a page; left out of the index of an English guide.
/// `search.js` reads the list from the index, so a query drops the same words. Sorted.
pub const STOP_WORDS_EN: &[&str] = &[
    "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "but", "by", "can", "could", "did", "do", "does", "each", "for", "from", "had", "has",
    "have", "he", "her", "his", "how", "if", "in", "into", "is", "it", "its", "may", "more",
    "most", "no", "not", "of", "on", "one", "or", "other", "our", "out", "over", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "to", "up", "was", "we", "were", "what", "when", "which", "who", "will",
    "with", "would", "you", "your",
];

/// Folds text for matching: NFKD, no combining marks, lowercase, [`FOLDS`].
///
/// Character by character, which gives what folding the whole text gives (what `search-core.js`
/// does): NFKD only reorders combining marks, which are dropped, and the one context-dependent
/// lowercase mapping, a final `Σ` to `ς`, is undone by [`FOLDS`].
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        decompose_compatible(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            for lower in d.to_lowercase() {
                match FOLDS.iter().find(|(from, _)| *from == lower) {
                    Some((_, to)) => out.push_str(to),
                    None => out.push(lower),
                }
            }
        });
    }
    out
}

/// Calls `each` with the folded words of a text, in order: runs of letters and digits.
/// One-letter ASCII words and words longer than [`MAX_WORD`] are left out.
///
/// The same words as splitting [`fold`]`(text)` at every character that is not alphanumeric,
/// in one pass and without folding the whole text first (this runs over every page's body).
pub fn each_word(text: &str, mut each: impl FnMut(&str)) {
    let mut word = String::with_capacity(MAX_WORD);
    let mut flush = |word: &mut String| {
        if keep(word) {
            each(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if !word.is_empty() {
                flush(&mut word);
            }
            continue;
        }
        decompose_compatible(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            for lower in d.to_lowercase() {
                let folded = FOLDS.iter().find(|(from, _)| *from == lower);
                let mut push = |f: char| {
                    if f.is_alphanumeric() {
                        word.push(f);
                    } else if !word.is_empty() {
                        flush(&mut word);
                    }
                };
                match folded {
                    Some((_, to)) => to.chars().for_each(&mut push),
                    None => push(lower),
                }
            }
        });
    }
    flush(&mut word);
}

/// The folded words of a text, in order (see [`each_word`]).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |w| out.push(w.to_string()));
    out
}

fn keep(word: &str) -> bool {
    let chars = word.chars().count();
    chars > 0 && chars <= MAX_WORD && !(chars == 1 && word.is_ascii())
}

/// The start of a text, at most about `limit` characters, cut at a word and marked `…`.
pub fn excerpt(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut = text
        .char_indices()
        .nth(limit)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let at_word_end = text[cut..].starts_with(char::is_whitespace);
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if !at_word_end && space > cut / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Évaluer"), "evaluer");
        assert_eq!(fold("ÉVALUER"), "evaluer");
        assert_eq!(fold("naïve Façade"), "naive facade");
        assert_eq!(fold("ﬁnance"), "finance");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Œuvre Ærø"), "oeuvre aero");
        assert_eq!(fold("ΟΔΟΣ"), "οδοσ");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Łódź"), "lodz");
    }

    #[test]
    fn folding_by_character_equals_folding_the_whole_text() {
        use unicode_normalization::UnicodeNormalization;
        for text in [
            "Évaluer ÉVALUER e\u{301}valuer",
            "ΟΔΟΣ ΣΟΦΌΣ",
            "İstanbul",
            "ﬁ ½ ① Ⅻ ㎏",
            "한국어 교사",
            "Ǆemal ǅ",
            "Straße ẞ",
            "a\u{301}\u{323}",
            "ᾼ ῼ",
            "Ⓐ",
        ] {
            let whole: String = text.nfkd().filter(|&c| !is_combining_mark(c)).collect();
            let whole: String = whole
                .to_lowercase()
                .chars()
                .flat_map(|c| match FOLDS.iter().find(|(from, _)| *from == c) {
                    Some((_, to)) => to.chars().collect::<Vec<_>>(),
                    None => vec![c],
                })
                .collect();
            assert_eq!(fold(text), whole, "{text}");
        }
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS_EN.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        assert_eq!(
            words("Teacher-leaders' 2017 review: co-plan, évaluer!"),
            [
                "teacher", "leaders", "2017", "review", "co", "plan", "evaluer"
            ]
        );
        // One-letter ASCII words and very long runs are left out; other scripts are kept.
        assert_eq!(words("a b 5 教 x"), ["教"]);
        assert!(words(&"x".repeat(MAX_WORD + 1)).is_empty());
        assert_eq!(words(&"y".repeat(MAX_WORD)).len(), 1);
    }

    #[test]
    fn body_text_separates_headings_and_skips_anchors_and_scripts() {
        let html = concat!(
            "<p>Intro with <em>em</em>phasis &amp; more.</p>\n",
            "<h2 id=\"what-adults-need\">What adults <code>need</code> <a class=\"heading-anchor\" href=\"#what-adults-need\" aria-label=\"Direct link to What adults need\">#</a></h2>\n",
            "<table><tr><td>cell</td><td>two</td></tr></table>",
            "<script>var hidden = 1;</script><style>p{}</style><!-- a comment -->",
            "<h3 id=\"caf&eacute;\" class=\"x\">Caf&eacute; &#x2014; time</h3>",
            "<h4>No id</h4><p>a &lt;tag&gt; &unknown; 3 &lt 4</p>"
        );
        let text = body_text(html);
        assert_eq!(
            text.headings,
            [
                Heading {
                    id: "what-adults-need".into(),
                    title: "What adults need".into()
                },
                Heading {
                    id: "café".into(),
                    title: "Café — time".into()
                },
            ]
        );
        assert_eq!(
            text.body,
            "Intro with emphasis & more. cell two No id a <tag> &unknown; 3 &lt 4"
        );
    }

    #[test]
    fn odd_html_does_not_panic() {
        for html in [
            "<",
            "<<",
            "a < b",
            "<h2 id=x>open",
            "</h2>",
            "<p",
            "<!-- open",
            "<script>",
            "<h2 id='a'>x</h3>y",
            "&#xZZ; &#99999999; &",
            "<h2 id=\"é\">é</h2>",
        ] {
            let _ = body_text(html);
        }
        assert_eq!(body_text("a < b").body, "a < b");
        assert_eq!(body_text("<h2 id=x>open").headings[0].title, "open");
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("Short text.", 20), "Short text.");
        assert_eq!(
            excerpt("The habits that make someone a great teacher", 20),
            "The habits that make…"
        );
    }
}
