//! `check`: every validation of a build with nothing written, plus what only a whole site
//! shows — pages no link reaches — and, when asked, outside links that do not answer.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use crate::build::{self, BuildOptions, Built};
use crate::diagnostic::{self, Diagnostic, SourceTexts};
use crate::load::shown;
use crate::render::Contents;
use crate::url;

/// How to check a guide.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub build: BuildOptions,
    /// Also request every outside `http(s)` link.
    pub external: bool,
    /// How long an outside link may take to answer.
    pub timeout: Duration,
}

/// Requests to one host at a time, at most; politeness to the sites a guide cites.
pub const PER_HOST: usize = 2;
/// Hosts checked at once.
pub const HOSTS_AT_ONCE: usize = 8;

/// Every problem found, sorted, and the texts they point into.
pub struct Report {
    pub problems: Vec<Diagnostic>,
    pub texts: SourceTexts,
}

/// Runs every check.
pub fn check(options: &CheckOptions) -> Report {
    match build::build_site(&options.build) {
        Ok(built) => {
            let mut problems = built.warnings.clone();
            problems.extend(unreachable(&built));
            if options.external {
                problems.extend(external(&built, options.timeout));
            }
            diagnostic::sort(&mut problems);
            Report {
                problems,
                texts: built.texts,
            }
        }
        Err(failed) => Report {
            problems: failed.problems,
            texts: failed.texts,
        },
    }
}

/// Pages no chain of links from the home page reaches (a theme that drops the sidebar, say).
pub fn unreachable(built: &Built) -> Vec<Diagnostic> {
    let pages: BTreeMap<&str, &str> = built
        .site
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| match &f.contents {
            Contents::Text(html) => Some((f.path.as_str(), html.as_str())),
            _ => None,
        })
        .collect();
    let mut seen: HashSet<&str> = HashSet::from(["index.html"]);
    let mut queue = VecDeque::from(["index.html"]);
    while let Some(at) = queue.pop_front() {
        let Some(html) = pages.get(at) else { continue };
        for href in crate::html::attribute_values(html, "href") {
            if href.starts_with('#') || url::is_external(&href) {
                continue;
            }
            let path = href.split(['#', '?']).next().unwrap_or_default();
            let Some(target) = url::join(url::dir_of(at).trim_end_matches('/'), path) else {
                continue;
            };
            if let Some((&key, _)) = pages.get_key_value(target.as_str())
                && seen.insert(key)
            {
                queue.push_back(key);
            }
        }
    }
    built
        .guide
        .pages
        .iter()
        .filter(|page| !seen.contains(page.url.as_str()))
        .map(|page| {
            Diagnostic::warning("unreachable", format!("no link leads to {} from the home page", url::pretty(&page.url)))
                .in_file(shown(&page.source))
                .with_hint("the theme's navigation should list every page; link to it from a page that is reached")
        })
        .collect()
}

/// A written outside link: where it is, for the report.
struct Citation {
    url: String,
    file: String,
    place: Option<(usize, usize, std::ops::Range<usize>)>,
}

/// Requests every outside link once, a few hosts at a time and few requests per host.
fn external(built: &Built, timeout: Duration) -> Vec<Diagnostic> {
    let mut citations: Vec<Citation> = Vec::new();
    for page in &built.guide.pages {
        for link in &page.external {
            citations.push(Citation {
                url: link.url.clone(),
                file: shown(&page.source),
                place: Some((link.line, link.column, link.span.clone())),
            });
        }
    }
    for resource in &built.guide.catalog.resources {
        if let Some(address) = resource.url.as_ref().filter(|u| u.starts_with("http")) {
            citations.push(Citation {
                url: address.clone(),
                file: shown(crate::catalog::RESOURCES_FILE),
                place: None,
            });
        }
    }
    let mut by_host: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for citation in &citations {
        let host = citation
            .url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .unwrap_or("")
            .to_lowercase();
        let urls = by_host.entry(host).or_default();
        if !urls.contains(&citation.url) {
            urls.push(citation.url.clone());
        }
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent(concat!(
            "guidewright/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into();
    let hosts = Mutex::new(by_host.into_values().collect::<VecDeque<_>>());
    let failures: Mutex<BTreeMap<String, (String, bool)>> = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..HOSTS_AT_ONCE {
            scope.spawn(|| {
                while let Some(urls) = hosts.lock().ok().and_then(|mut h| h.pop_front()) {
                    // At most PER_HOST requests to this host at any moment.
                    let queue = Mutex::new(urls.into_iter().collect::<VecDeque<_>>());
                    std::thread::scope(|inner| {
                        for _ in 0..PER_HOST {
                            inner.spawn(|| {
                                while let Some(address) =
                                    queue.lock().ok().and_then(|mut q| q.pop_front())
                                {
                                    if let Some(failure) = request(&agent, &address)
                                        && let Ok(mut failures) = failures.lock()
                                    {
                                        failures.insert(address, failure);
                                    }
                                }
                            });
                        }
                    });
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_default();
    citations
        .into_iter()
        .filter_map(|citation| {
            let (message, is_error) = failures.get(&citation.url)?;
            let problem = if *is_error {
                Diagnostic::error("external-link", message.clone())
            } else {
                Diagnostic::warning("external-link", message.clone())
            };
            let problem = problem
                .in_file(&citation.file)
                .with_hint("update or remove the link; the site may also be down for a while");
            Some(match citation.place {
                Some((line, column, span)) => problem.placed(line, column, span),
                None => problem,
            })
        })
        .collect()
}

/// What is wrong with an outside link, if anything: a message, and whether it is an error
/// (a rate limit is only a warning).
fn request(agent: &ureq::Agent, address: &str) -> Option<(String, bool)> {
    match agent.get(address).call() {
        Ok(response) => {
            let status = response.status();
            if status.is_success() {
                None
            } else {
                let reason = status.canonical_reason().unwrap_or("");
                Some((
                    format!("`{address}` answered {} {reason}", status.as_u16()),
                    status.as_u16() != 429,
                ))
            }
        }
        Err(ureq::Error::Timeout(_)) => Some((format!("`{address}` did not answer in time"), true)),
        Err(error) => Some((format!("`{address}` could not be reached: {error}"), true)),
    }
}
