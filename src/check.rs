//! `check`: every validation of a build with nothing written, plus what only a whole site
//! shows — pages no link reaches — and, when asked, outside links that do not answer.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::build::{self, BuildOptions, Built};
use crate::diagnostic::{Code, Diagnostic, Report};
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

/// Runs every check: every problem found, sorted, and the texts they point into.
pub fn check(options: &CheckOptions) -> Report {
    match build::build_site(&options.build) {
        Ok(built) => {
            let mut report = built.report.clone();
            report.extend(unreachable(&built));
            if options.external {
                report.extend(external(&built, options.timeout));
            }
            report.sorted()
        }
        Err(failed) => failed.report,
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
            Diagnostic::warning(Code::Unreachable, format!("no link leads to {} from the home page", url::pretty(&page.url)))
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
    let citations = citations(built);
    let failures = request_all(&by_host(&citations), &agent(timeout));
    citations
        .into_iter()
        .filter_map(|citation| {
            let failure = failures.get(&citation.url)?;
            let problem = if failure.is_error {
                Diagnostic::error(Code::ExternalLink, failure.message.clone())
            } else {
                Diagnostic::warning(Code::ExternalLink, failure.message.clone())
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

/// Every outside link the guide writes: in its pages, then in its resource catalog.
fn citations(built: &Built) -> Vec<Citation> {
    let in_pages = built.guide.pages.iter().flat_map(|page| {
        page.external.iter().map(|link| Citation {
            url: link.url.clone(),
            file: shown(&page.source),
            place: Some((link.line, link.column, link.span.clone())),
        })
    });
    let in_catalog = built.guide.catalog.resources.iter().filter_map(|resource| {
        let address = resource.url.as_ref().filter(|u| u.starts_with("http"))?;
        Some(Citation {
            url: address.clone(),
            file: shown(crate::catalog::RESOURCES_FILE),
            place: None,
        })
    });
    in_pages.chain(in_catalog).collect()
}

/// The distinct addresses cited, grouped by host (in host order, each in citing order).
fn by_host(citations: &[Citation]) -> Vec<Vec<String>> {
    let mut hosts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for citation in citations {
        let host = citation
            .url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .unwrap_or("")
            .to_lowercase();
        let urls = hosts.entry(host).or_default();
        if !urls.contains(&citation.url) {
            urls.push(citation.url.clone());
        }
    }
    hosts.into_values().collect()
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent(concat!(
            "guidewright/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into()
}

/// What is wrong with each address that failed: [`HOSTS_AT_ONCE`] hosts are worked through
/// at a time, each with at most [`PER_HOST`] requests under way.
fn request_all(hosts: &[Vec<String>], agent: &ureq::Agent) -> BTreeMap<String, Failure> {
    in_turn(hosts, HOSTS_AT_ONCE, |urls| {
        Some(in_turn(urls, PER_HOST, |address| {
            request(agent, address).map(|failure| (address.clone(), failure))
        }))
    })
    .into_iter()
    .flatten()
    .collect()
}

/// `work` done on every item by `workers` threads that each take the next item not yet
/// taken; what it returns, in no particular order.
fn in_turn<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> Option<R> + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let take = || items.get(next.fetch_add(1, Ordering::Relaxed));
    std::thread::scope(|scope| {
        let threads: Vec<_> = (0..workers.min(items.len()))
            .map(|_| {
                scope.spawn(|| {
                    std::iter::from_fn(take)
                        .filter_map(&work)
                        .collect::<Vec<R>>()
                })
            })
            .collect();
        threads
            .into_iter()
            .flat_map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p))
            })
            .collect()
    })
}

/// Why an outside link failed.
struct Failure {
    message: String,
    /// A rate limit is only a warning.
    is_error: bool,
}

/// What is wrong with an outside link, if anything.
fn request(agent: &ureq::Agent, address: &str) -> Option<Failure> {
    let failed = |message| Failure {
        message,
        is_error: true,
    };
    match agent.get(address).call() {
        Ok(response) if response.status().is_success() => None,
        Ok(response) => {
            let status = response.status();
            let reason = status.canonical_reason().unwrap_or("");
            Some(Failure {
                message: format!("`{address}` answered {} {reason}", status.as_u16()),
                is_error: status.as_u16() != 429,
            })
        }
        Err(ureq::Error::Timeout(_)) => Some(failed(format!("`{address}` did not answer in time"))),
        Err(error) => Some(failed(format!("`{address}` could not be reached: {error}"))),
    }
}
