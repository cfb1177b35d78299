//! Output URLs: every one is written relative, so the site works under any sub-path and
//! opened straight from disk.

/// The URL segment of a file or folder name: `Peer Coaching` → `peer-coaching`.
/// The form in which two site paths are compared: Unicode-composed and lowercased, since
/// macOS and Windows disks (and many hosts) treat `Intro/` and `intro/`, or a composed and a
/// decomposed `é`, as one name.
pub fn fold(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    path.nfc().collect::<String>().to_lowercase()
}

pub fn segment(name: &str) -> String {
    slug::slugify(name)
}

/// The folder part of a site-relative URL: `a/b/index.html` → `a/b/`.
pub fn dir_of(url: &str) -> &str {
    url.rfind('/').map_or("", |n| &url[..=n])
}

/// The way back to the site root from a page at site-relative `url`: `a/b/index.html` → `../../`.
pub fn root_of(url: &str) -> String {
    "../".repeat(dir_of(url).matches('/').count())
}

/// `to` (site-relative) as seen from the page at `from` (site-relative).
pub fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = dir_of(from).split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let (to_dirs, to_file) = to_parts.split_at(to_parts.len() - 1);
    let common = from_dirs
        .iter()
        .zip(to_dirs)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dirs.len() - common);
    for dir in &to_dirs[common..] {
        out.push_str(dir);
        out.push('/');
    }
    out.push_str(to_file[0]);
    if out.is_empty() {
        out.push_str("./");
    } else if out
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        // `a:b/index.html` would be read as an address of scheme `a:`.
        out.insert_str(0, "./");
    }
    out
}

/// A site-relative page URL without its `index.html`, for canonical links: `a/index.html` → `a/`.
pub fn pretty(url: &str) -> &str {
    url.strip_suffix("index.html").unwrap_or(url)
}

/// Decodes `%XX` escapes in a written address, keeping anything malformed as it is.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Joins a `/`-separated relative `path` onto folder `base`, resolving `.` and `..`;
/// `None` when it climbs above the top.
pub fn join(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|s| !s.is_empty()).collect()
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// Whether an address names an outside resource: a scheme such as `https:` or `mailto:`, or `//host`.
pub fn is_external(address: &str) -> bool {
    if address.starts_with("//") {
        return true;
    }
    let end = address.find([':', '/', '?', '#']);
    match end {
        Some(n) if address[n..].starts_with(':') && n > 0 => {
            let scheme = &address[..n];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        _ => false,
    }
}

/// The output path of an alias as written in front matter: `old/path` and `/old/path/` →
/// `old/path/index.html`; `old/page.html` stays. `None` for one that leaves the site.
pub fn alias_path(alias: &str) -> Option<String> {
    let trimmed = alias.trim().trim_start_matches('/');
    let path = join("", trimmed)?;
    if path.is_empty() {
        return None;
    }
    if path.ends_with(".html") || path.ends_with(".htm") {
        Some(path)
    } else {
        Some(format!("{path}/index.html"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(
            relative("a/b/index.html", "a/c/index.html"),
            "../c/index.html"
        );
        assert_eq!(relative("index.html", "a/c/index.html"), "a/c/index.html");
        assert_eq!(relative("a/b/index.html", "index.html"), "../../index.html");
        assert_eq!(relative("a/b/index.html", "a/b/index.html"), "index.html");
        assert_eq!(relative("a/b/index.html", "a/b/x.pdf"), "x.pdf");
        assert_eq!(
            relative("a/index.html", "a/b/c/index.html"),
            "b/c/index.html"
        );
        assert_eq!(relative("index.html", "a:b/index.html"), "./a:b/index.html");
        assert_eq!(root_of("a/b/index.html"), "../../");
        assert_eq!(root_of("index.html"), "");
    }

    #[test]
    fn joins_and_refuses_to_climb_out() {
        assert_eq!(join("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join("a/b", "./c/./d.md").as_deref(), Some("a/b/c/d.md"));
        assert_eq!(join("a/b", "/x.md").as_deref(), Some("x.md"));
        assert_eq!(join("a", "../../x.md"), None);
    }

    #[test]
    fn external_addresses() {
        assert!(is_external("https://e.org"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.example"));
        assert!(!is_external("../a.md"));
        assert!(!is_external("a.md#b:c"));
        assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
    }
}
