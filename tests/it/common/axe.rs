//! axe-core (from the npm registry, see `npm.rs`) run inside a page of a browser session, for
//! the WCAG 2.0 and 2.1 A and AA rules; violations come back as plain values for one report.

use std::time::Duration;

use fantoccini::Client;
use serde_json::{Value, json};

/// The rule tags that are checked: WCAG 2.0 and 2.1, levels A and AA.
pub const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// axe-core, served on its own loopback port so each page loads it with a `<script>`
/// element (far quicker than sending its 650 kB through WebDriver for every page).
pub struct Axe {
    script: String,
}

/// One rule that failed on a page, with every element that fails it.
pub struct Violation {
    pub id: String,
    pub impact: String,
    pub help: String,
    /// The CSS selector path and the opening HTML of each failing element.
    pub nodes: Vec<(String, String)>,
}

const LOAD: &str = "var done = arguments[arguments.length - 1];\
    if (window.axe) { done(true); return; }\
    var s = document.createElement('script');\
    s.src = arguments[0];\
    s.onload = function () { done(!!window.axe); };\
    s.onerror = function () { done(false); };\
    document.head.appendChild(s);";

const RUN: &str = "var done = arguments[arguments.length - 1];\
    axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })\
      .then(function (r) {\
        done(r.violations.map(function (v) {\
          return { id: v.id, impact: v.impact || '', help: v.help,\
            nodes: v.nodes.map(function (n) { return [n.target.join(' '), n.html]; }) };\
        }));\
      }, function (e) { done({ error: String(e && e.stack || e) }); });";

impl Axe {
    /// Serves axe-core, or returns `None` when the package is missing outside CI.
    pub fn serve() -> Option<Axe> {
        let file = super::npm::package_file("axe-core/axe.min.js")?;
        let port = super::static_host::serve(file.parent().unwrap().to_path_buf(), "/");
        Some(Axe {
            script: format!("http://127.0.0.1:{port}/axe.min.js"),
        })
    }

    /// Lets a script run long enough for axe on a long page (the print page holds the guide).
    pub async fn allow_time(&self, client: &Client) {
        let mut timeouts = client.get_timeouts().await.unwrap();
        timeouts.set_script(Some(Duration::from_secs(90)));
        client.update_timeouts(timeouts).await.unwrap();
    }

    /// Loads axe into the current page (once per page load) and runs it.
    pub async fn check(&self, client: &Client) -> Vec<Violation> {
        let loaded = client
            .execute_async(LOAD, vec![json!(self.script)])
            .await
            .unwrap();
        assert_eq!(loaded, json!(true), "axe-core loads from {}", self.script);
        let result = client.execute_async(RUN, vec![json!(TAGS)]).await.unwrap();
        if let Some(error) = result.get("error") {
            panic!("axe failed: {error}");
        }
        result
            .as_array()
            .expect("a list of violations")
            .iter()
            .map(violation)
            .collect()
    }
}

fn violation(v: &Value) -> Violation {
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    Violation {
        id: text(&v["id"]),
        impact: text(&v["impact"]),
        help: text(&v["help"]),
        nodes: v["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|n| (text(&n[0]), text(&n[1])))
            .collect(),
    }
}

/// One block of a report: the place (page and view), then each violation and its elements.
pub fn describe(place: &str, violations: &[Violation]) -> String {
    let mut text = String::new();
    for v in violations {
        text.push_str(&format!("{place}: {} ({}): {}\n", v.id, v.impact, v.help));
        for (target, html) in &v.nodes {
            let html: String = html.chars().take(160).collect();
            text.push_str(&format!("    {target}\n        {html}\n"));
        }
    }
    text
}
