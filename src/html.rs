//! Small HTML helpers.

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for XML 1.0 content and quoted attributes, leaving out the characters XML 1.0
/// forbids (control characters other than tab and line breaks, U+FFFE and U+FFFF): one of them
/// makes the whole file ill-formed, and readers refuse it.
pub fn escape_xml(text: &str) -> String {
    let allowed = |c: &char| !matches!(*c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    escape(&text.chars().filter(allowed).collect::<String>())
}

/// The values of every ` name="…"` attribute in HTML, entities `&amp;` decoded.
pub fn attribute_values<'a>(html: &'a str, name: &str) -> impl Iterator<Item = String> + 'a {
    let needle = format!(" {name}=\"");
    let mut rest = html;
    std::iter::from_fn(move || {
        let at = rest.find(&needle)?;
        let value = &rest[at + needle.len()..];
        let end = value.find('"')?;
        rest = &value[end..];
        Some(value[..end].replace("&amp;", "&"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_reads_attributes() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(
            escape_xml("a\u{1}\u{8}\tb\u{1b}[2J\u{ffff}<\n"),
            "a\tb[2J&lt;\n"
        );
        let html = r#"<a href="a.html">x</a><img src="i.png"><a class="c" href="b?x=1&amp;y=2">"#;
        assert_eq!(
            attribute_values(html, "href").collect::<Vec<_>>(),
            ["a.html", "b?x=1&y=2"]
        );
    }
}
