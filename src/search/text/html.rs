//! The text of a page's rendered HTML for the index: its headings with their ids apart from
//! the rest, tags dropped, character references decoded.

use std::borrow::Cow;

use super::spaces::collapse;

/// A heading of a page: its id and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub id: String,
    pub title: String,
}

/// The text of a page's rendered body, split into its headings and the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyText {
    /// Headings with an id (h1–h6), in order.
    pub headings: Vec<Heading>,
    /// Everything else, whitespace collapsed; blocks are separated by a space.
    pub body: String,
}

/// Inline elements: their tags do not separate words (`<em>co</em>teach` is one word).
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "time", "u", "var", "wbr",
];

/// Elements whose content is not text a reader sees.
const HIDDEN: &[&str] = &[
    "script", "style", "template", "svg", "math", "iframe", "object",
];

/// Extracts the text of rendered HTML: headings (with their ids, without the `#` anchor
/// links the renderer adds) apart from the rest. Tags are dropped and character references
/// decoded; text inside `script`, `style` and similar elements is skipped.
pub fn body_text(html: &str) -> BodyText {
    let mut out = BodyText {
        headings: Vec::new(),
        body: String::with_capacity(html.len()),
    };
    // The open heading: its id, level and text so far.
    let mut heading: Option<(String, String, String)> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(at) = rest.find('<') else {
            push_text(&mut out, &mut heading, rest);
            break;
        };
        push_text(&mut out, &mut heading, &rest[..at]);
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[..end];
        let Some((name, closing)) = tag_name(tag) else {
            // A `<` that starts no tag is text.
            push_text(&mut out, &mut heading, "<");
            rest = &rest[1..];
            continue;
        };
        rest = &rest[end..];
        if !closing && (HIDDEN.contains(&name.as_ref()) || is_heading_anchor(&name, tag)) {
            rest = skip_element(rest, &name);
            continue;
        }
        if is_heading(&name) {
            if closing {
                if let Some((id, level, text)) = heading.take() {
                    if level == name {
                        let title = collapse(&text);
                        out.headings.push(Heading { id, title });
                    } else {
                        heading = Some((id, level, text));
                    }
                }
            } else if heading.is_none()
                && let Some(id) = attribute(tag, "id")
            {
                heading = Some((id, name.to_string(), String::new()));
            }
        }
        if !INLINE.contains(&name.as_ref()) {
            push_text(&mut out, &mut heading, " ");
        }
    }
    if let Some((id, _, text)) = heading {
        out.headings.push(Heading {
            id,
            title: collapse(&text),
        });
    }
    if out.body.ends_with(' ') {
        out.body.pop();
    }
    out
}

fn push_text(out: &mut BodyText, heading: &mut Option<(String, String, String)>, raw: &str) {
    if raw.is_empty() {
        return;
    }
    let text = decode_entities(raw);
    match heading {
        Some((_, _, title)) => title.push_str(&text),
        None => push_collapsed(&mut out.body, &text),
    }
}

/// Appends `text` to `out` with its whitespace collapsed as [`collapse`] does, given that `out`
/// was built the same way: no space at the start, one space between words (a space may end
/// it until more text comes).
fn push_collapsed(out: &mut String, text: &str) {
    // A byte at a time: a whitespace character is an ASCII one, or starts with one of four
    // lead bytes (U+0085 and U+00A0; U+1680; U+2000–U+205F; U+3000), and only those few are
    // decoded. Piece boundaries are character boundaries.
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let width = match bytes[i] {
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => 1,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => text[i..]
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map_or(0, char::len_utf8),
            _ => 0,
        };
        if width == 0 {
            i += 1;
            continue;
        }
        out.push_str(&text[start..i]);
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        i += width;
        start = i;
    }
    out.push_str(&text[start..]);
}

/// Where the tag that starts `text` (with `<`) ends: after its `>`, outside quotes.
fn tag_end(text: &str) -> usize {
    // Every character that matters is ASCII, so bytes will do: a byte of a multi-byte
    // character is never one of them.
    let mut quote: Option<u8> = None;
    for (i, &c) in text.as_bytes().iter().enumerate().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return i + 1,
            (None, b'<') => return i,
            _ => {}
        }
    }
    text.len()
}

/// The lowercase name of a tag and whether it closes an element; `None` when `tag` is no tag.
fn tag_name(tag: &str) -> Option<(Cow<'_, str>, bool)> {
    let inner = tag.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let length = inner
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == b'-')
        .count();
    let name = &inner[..length];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = if name.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    };
    Some((name, closing))
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn is_heading_anchor(name: &str, tag: &str) -> bool {
    name == "a"
        && attribute(tag, "class")
            .is_some_and(|class| class.split_whitespace().any(|c| c == "heading-anchor"))
}

/// Skips past the end of element `name`, whose start tag was just read.
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(at) = rest[from..].find("</") {
        let close = from + at;
        let after = &rest[close + 2..];
        let named = after
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if named {
            let tail = &rest[close..];
            return &tail[tag_end(tail)..];
        }
        from = close + 2;
    }
    ""
}

/// The value of attribute `name` of a start tag, entities decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let bytes = tag.as_bytes();
    let mut i = 1;
    // Skip the tag name.
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
        i += 1;
    }
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return None;
        }
        let start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'='
            && bytes[i] != b'>'
        {
            i += 1;
        }
        let key = &tag[start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = None;
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let (from, to) = match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let from = i + 1;
                    let to = tag[from..].find(q as char).map_or(tag.len(), |n| from + n);
                    i = (to + 1).min(tag.len());
                    (from, to)
                }
                _ => {
                    let from = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    (from, i)
                }
            };
            value = Some(decode_entities(&tag[from..to]).into_owned());
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value.unwrap_or_default());
        }
    }
}

/// Decodes character references ending in `;`: numeric ones and the named ones Markdown
/// and authors use. Anything else stays as written.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |n| n + 1);
        let name = &rest[1..end];
        let terminated = rest[end..].starts_with(';');
        let decoded = match name.strip_prefix('#') {
            Some(number) => {
                let value = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse().ok(),
                };
                value.map(|v| char::from_u32(v).unwrap_or('\u{fffd}').to_string())
            }
            None => named_entity(name).map(str::to_string),
        };
        match decoded {
            Some(text) if terminated => {
                out.push_str(&text);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "shy" => "",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "middot" => "·",
        "bull" => "•",
        "times" => "×",
        "eacute" => "é",
        "egrave" => "è",
        "agrave" => "à",
        "ccedil" => "ç",
        _ => return None,
    })
}
