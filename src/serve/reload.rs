//! What the preview adds to each page it serves: the script that reloads it after a rebuild,
//! and the overlay that shows the errors of a rebuild that failed.

use axum::body::Bytes;

use super::preview::Snapshot;
use crate::html::escape;
use crate::url;

/// The address of the event stream, at the server's root.
pub const EVENTS_PATH: &str = "__guidewright/events";

/// The reload script, and the error overlay when the latest rebuild failed, before `</body>`.
pub fn inject(page: &[u8], key: &str, snapshot: &Snapshot) -> Bytes {
    let html = String::from_utf8_lossy(page);
    let events = format!("{}{EVENTS_PATH}", url::root_of(key));
    let mut extra = String::new();
    if !snapshot.errors.is_empty() {
        extra.push_str(&overlay(snapshot));
    }
    // The page's own path, so it reloads only when it is among the changed files.
    let page = key.replace(['"', '\\', '<', '\n'], "");
    let script = RELOAD_SCRIPT
        .replace("__EVENTS__", &events)
        .replace("__PAGE__", &page);
    extra.push_str(&format!("<script>{script}</script>\n"));
    let at = html.rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + extra.len());
    out.push_str(&html[..at]);
    out.push_str(&extra);
    out.push_str(&html[at..]);
    Bytes::from(out)
}

fn overlay(snapshot: &Snapshot) -> String {
    let mut items = String::new();
    for error in &snapshot.errors {
        let location = error.location();
        items.push_str("<li style=\"margin:0 0 .75em\">");
        if !location.is_empty() {
            items.push_str(&format!(
                "<code style=\"font-weight:bold\">{}</code><br>",
                escape(&location)
            ));
        }
        items.push_str(&escape(&error.message));
        if let Some(hint) = &error.hint {
            items.push_str(&format!("<br><small>hint: {}</small>", escape(hint)));
        }
        items.push_str("</li>");
    }
    let count = snapshot.errors.len();
    format!(
        "<div id=\"gw-live-errors\" role=\"alert\" style=\"position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff;color:#1b1f24;border:3px solid #b3261e;border-radius:6px;padding:1rem 1.25rem;font:15px/1.5 system-ui,sans-serif;box-shadow:0 4px 24px rgba(0,0,0,.3)\">\
<p style=\"margin:0 0 .5em;font-weight:bold;color:#b3261e\">The guide did not build: {count} error{} — showing the last good version</p>\
<ul style=\"margin:0;padding-left:1.25em\">{items}</ul></div>\n",
        if count == 1 { "" } else { "s" }
    )
}

/// Listens for the preview's events; reconnects by itself and reloads after a missed rebuild.
const RELOAD_SCRIPT: &str = r#"(function () {
  var url = "__EVENTS__", page = "__PAGE__", seen = null, wait = 500;
  function restyle() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var href = link.getAttribute("href").replace(/[?&]gw-live=\d+/, "");
      link.setAttribute("href", href + (href.indexOf("?") < 0 ? "?" : "&") + "gw-live=" + Date.now());
    });
  }
  function connect() {
    var source = new EventSource(url);
    source.addEventListener("hello", function (e) {
      wait = 500;
      if (seen !== null && seen !== e.data) { location.reload(); }
      seen = e.data;
    });
    source.addEventListener("reload", function () { location.reload(); });
    source.addEventListener("changed", function (e) {
      if (e.data.split("\n").indexOf(page) >= 0) { location.reload(); }
    });
    source.addEventListener("restyle", restyle);
    source.onerror = function () {
      source.close();
      setTimeout(connect, wait);
      wait = Math.min(wait * 2, 5000);
    };
  }
  connect();
})();"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_script_and_the_overlay() {
        let mut snapshot = Snapshot::default();
        let page = inject(
            b"<html><body><p>x</p></body></html>",
            "a/b/index.html",
            &snapshot,
        );
        let page = String::from_utf8(page.to_vec()).unwrap();
        assert!(
            page.contains(r#"var url = "../../__guidewright/events", page = "a/b/index.html""#)
        );
        assert!(page.find("<script>").unwrap() < page.find("</body>").unwrap());
        assert!(!page.contains("gw-live-errors"));
        snapshot.errors.push(
            crate::diagnostic::Diagnostic::error(crate::diagnostic::Code::Io, "bad <thing>")
                .in_file("content/a.md"),
        );
        let page =
            String::from_utf8(inject(b"<body></body>", "index.html", &snapshot).to_vec()).unwrap();
        assert!(page.contains("gw-live-errors"));
        assert!(page.contains("bad &lt;thing&gt;"));
        assert!(page.contains("content/a.md"));
    }
}
