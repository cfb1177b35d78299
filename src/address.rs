//! The addresses authors write in pages and data files: which may reach the output, read the
//! way a browser reads them, and how a file's name is written in a link.

/// A scheme an address may not use, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// `javascript:` or `vbscript:`: following the link runs script.
    Script(&'static str),
    /// `data:`: the address carries a whole document or image of its own.
    Data,
}

/// The scheme of `address` the way a browser finds it, lowercased: leading spaces and control
/// characters are skipped and tabs and line breaks anywhere are ignored. `None` for a path.
pub fn browser_scheme(address: &str) -> Option<String> {
    let mut scheme = String::new();
    for c in address.trim_start_matches(|c: char| c <= ' ').chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            ':' if scheme.starts_with(|c: char| c.is_ascii_alphabetic()) => return Some(scheme),
            c if c.is_ascii_alphanumeric() || "+-.".contains(c) => {
                scheme.push(c.to_ascii_lowercase());
            }
            _ => return None,
        }
    }
    None
}

/// The refused scheme `address` uses, if any. Percent-escapes are decoded first, which no
/// browser does for a scheme: refusing `jav%61script:` too costs nothing and leaves no doubt.
pub fn refused_scheme(address: &str) -> Option<Refused> {
    let scheme =
        browser_scheme(address).or_else(|| browser_scheme(&crate::url::percent_decode(address)))?;
    match scheme.as_str() {
        "javascript" => Some(Refused::Script("javascript:")),
        "vbscript" => Some(Refused::Script("vbscript:")),
        "data" => Some(Refused::Data),
        _ => None,
    }
}

/// What is wrong with a Markdown link or image address, as a message and a hint: script
/// schemes always, `data:` when the guide does not allow raw HTML.
pub fn markdown_problem(address: &str, raw_html: bool) -> Option<(String, String)> {
    let shown = address.trim();
    match refused_scheme(address)? {
        Refused::Script(scheme) => Some((
            format!("`{shown}` is a `{scheme}` address, which runs script when followed"),
            "link to a web address (`https://…`), an e-mail address (`mailto:…`) or a page or file of the guide by its path".into(),
        )),
        Refused::Data if !raw_html => Some((
            format!("`{}` is a `data:` address, which this guide does not allow", short(shown)),
            "put the file in content/ beside the page and link to it by name; `data:` images need `markdown: { raw_html: true }` in guide.yaml".into(),
        )),
        Refused::Data => None,
    }
}

/// What is wrong with the `url:` of a data file or an inline resource, which must be an
/// `https:`, `http:` or `mailto:` address; `None` also for a path, which callers check.
pub fn web_address_problem(url: &str) -> Option<(String, String)> {
    let shown = short(url.trim());
    let hint = "write the full web address, e.g. `url: https://example.org/report`";
    match browser_scheme(url).as_deref() {
        Some("https" | "http" | "mailto") => None,
        Some(scheme) => Some((
            format!(
                "`{shown}` is a `{scheme}:` address; only `https:`, `http:` and `mailto:` addresses are published"
            ),
            hint.into(),
        )),
        None if url.trim_start().starts_with("//") || url.trim_start().starts_with("\\\\") => {
            Some((
                format!(
                    "`{shown}` has no scheme: opened from disk it leads to a file, not a web page"
                ),
                format!("write it in full: `https:{}`", url.trim()),
            ))
        }
        None => refused_scheme(url).map(|_| {
            (
                format!("`{shown}` is written to read as a script or data address"),
                hint.into(),
            )
        }),
    }
}

/// A long address cut for a message (a `data:` address can be megabytes).
fn short(address: &str) -> String {
    match address.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &address[..end]),
        None => address.to_string(),
    }
}

/// A relative path written as a URL path: each segment percent-encoded where a browser would
/// read its characters otherwise (`#`, `?`, `%`, `:`, spaces, …), so `a#b.pdf` → `a%23b.pdf`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=@".contains(&byte);
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_browsers_read_them() {
        assert_eq!(
            browser_scheme("JavaScript:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            browser_scheme(" \u{1}java\tscr\nipt:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(browser_scheme("a/b:c"), None);
        assert_eq!(browser_scheme("../a.md#x:y"), None);
        assert_eq!(
            refused_scheme("jav%61script:x"),
            Some(Refused::Script("javascript:"))
        );
        assert_eq!(refused_scheme("DATA:text/html,x"), Some(Refused::Data));
        assert_eq!(refused_scheme("https://e.org/javascript:x"), None);
        assert_eq!(refused_scheme("notes/javascript:x"), None);
    }

    #[test]
    fn data_addresses_depend_on_raw_html_and_script_never_passes() {
        assert!(markdown_problem("javascript:x", true).is_some());
        assert!(markdown_problem("data:image/png;base64,AA", true).is_none());
        assert!(markdown_problem("data:image/png;base64,AA", false).is_some());
        assert!(markdown_problem("https://e.org", false).is_none());
    }

    #[test]
    fn web_addresses_are_http_or_mail() {
        assert!(web_address_problem("https://e.org").is_none());
        assert!(web_address_problem("HTTP://e.org").is_none());
        assert!(web_address_problem("mailto:a@e.org").is_none());
        assert!(web_address_problem("handout.pdf").is_none());
        for bad in [
            "file:///etc/passwd",
            " javascript:x",
            "//e.org/x",
            "data:,x",
            "ftp://e.org",
        ] {
            assert!(web_address_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn paths_are_percent_encoded_once() {
        assert_eq!(
            encode_path("../kit/a#b c?%.pdf"),
            "../kit/a%23b%20c%3F%25.pdf"
        );
        assert_eq!(encode_path("r:1.pdf"), "r%3A1.pdf");
        assert_eq!(encode_path("évaluer.pdf"), "%C3%A9valuer.pdf");
    }
}
