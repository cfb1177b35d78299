//! Accessibility in a real browser (headless Chromium): axe-core finds no WCAG 2.0/2.1 A or AA
//! violation on any kind of page the sample guide has, in light and dark, wide and narrow;
//! and a reader with only a keyboard can skip to the content, open and close the narrow
//! screen's menu, search and follow a result, and always sees where the focus is.

use std::path::Path;

use crate::common::Guide;
use crate::common::axe::{self, Axe};
use crate::common::browser::{self, Driver, until};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

/// A way of looking at the guide: a window width and a colour scheme.
struct View {
    name: &'static str,
    width: u32,
    dark: bool,
}

const fn view(name: &'static str, width: u32, dark: bool) -> View {
    View { name, width, dark }
}

/// Light and dark, on a desktop and on a phone.
const VIEWS: [View; 4] = [
    view("light 1280", 1280, false),
    view("dark 1280", 1280, true),
    view("light 375", 375, false),
    view("dark 375", 375, true),
];

/// The kind of each built page, from its `<body class="gw-kind-…">`.
fn kind_of(html: &str) -> Option<&str> {
    let at = html.find("<body class=\"gw-kind-")? + "<body class=\"gw-kind-".len();
    html[at..].split(['"', ' ']).next()
}

/// For every kind of page, the largest one the build wrote (the one with the most markup),
/// as a path relative to the site's root; the search page comes with a query that matches.
fn pages_to_check(public: &Path) -> Vec<(String, String)> {
    let mut largest: std::collections::BTreeMap<String, (usize, String)> = Default::default();
    for entry in walkdir::WalkDir::new(public) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let Some(kind) = kind_of(&html) else {
            continue; // alias redirects
        };
        let url = entry.path().strip_prefix(public).unwrap();
        let url = url.to_str().unwrap().replace('\\', "/");
        let best = largest.entry(kind.to_string()).or_default();
        if html.len() > best.0 {
            *best = (html.len(), url);
        }
    }
    let pages: Vec<(String, String)> = largest
        .into_iter()
        .map(|(kind, (_, url))| match kind.as_str() {
            "search" => (kind, format!("{url}?q=coaching")),
            _ => (kind, url),
        })
        .collect();
    let kinds: Vec<&str> = pages.iter().map(|(k, _)| k.as_str()).collect();
    for expected in [
        "home",
        "section",
        "page",
        "competencies",
        "competency",
        "resources",
        "taxonomy",
        "taxonomy_value",
        "search",
        "print",
        "404",
    ] {
        assert!(kinds.contains(&expected), "no {expected} page in {kinds:?}");
    }
    pages
}

async fn js(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.unwrap()
}

/// The search page's result titles, once it has shown its count.
const PAGE_RESULTS: &str = "var status = document.getElementById('gw-search-status').textContent;\
    if (!/result/.test(status)) return null;\
    return Array.from(document.querySelectorAll('.gw-search-result-title a'))\
      .map(function (e) { return e.textContent; });";

/// Opens the header's live search results, as typing in the box does.
async fn open_live_results(client: &Client) {
    let input = client.find(Locator::Css("#gw-search-box")).await.unwrap();
    input.send_keys("coaching").await.unwrap();
    until(
        client,
        "return document.getElementById('gw-search-box').getAttribute('aria-expanded') === 'true';",
        "live search results",
    )
    .await;
}

/// Sideways scrolling of the whole page on a narrow screen (WCAG 1.4.10, reflow): the widest
/// element that sticks out, or nothing. Wide tables scroll inside their own wrapper.
const OVERFLOW: &str = "if (document.documentElement.scrollWidth <= window.innerWidth) return null;\
    var worst = null, right = window.innerWidth;\
    document.querySelectorAll('body *').forEach(function (e) {\
      var r = e.getBoundingClientRect().right;\
      if (r > right && !e.closest('.table-wrap')) { right = r; worst = e; }\
    });\
    return 'the page is ' + document.documentElement.scrollWidth + ' px wide: ' +\
      (worst ? worst.outerHTML.slice(0, 160) : '?');";

/// Every page in one view, in one browser session; returns the problems found, if any.
async fn check_view(
    driver: &Driver,
    axe: &Axe,
    pages: &[(String, String)],
    port: u16,
    view: &View,
) -> String {
    let mut report = String::new();
    let client = driver.session(view.width, view.dark).await;
    axe.allow_time(&client).await;
    for (kind, url) in pages {
        client
            .goto(&format!("http://127.0.0.1:{port}/{url}"))
            .await
            .unwrap();
        until(&client, "return document.readyState === 'complete';", url).await;
        if kind == "search" {
            until(&client, PAGE_RESULTS, "search results").await;
        }
        // The colour scheme really is the one the view asks for, and so is the width.
        let seen = js(
            &client,
            "return [matchMedia('(prefers-color-scheme: dark)').matches, window.innerWidth];",
        )
        .await;
        assert_eq!(
            seen,
            json!([view.dark, view.width]),
            "{} on {url}",
            view.name
        );
        let place = format!("{url} × {}", view.name);
        report.push_str(&axe::describe(&place, &axe.check(&client).await));
        if let Value::String(overflow) = js(&client, OVERFLOW).await {
            report.push_str(&format!("{place}: reflow: {overflow}\n"));
        }
        // What is hidden until used: the header's live results and the narrow screen's menu.
        if kind == "page" {
            open_live_results(&client).await;
            let place = format!("{url} with live search results × {}", view.name);
            report.push_str(&axe::describe(&place, &axe.check(&client).await));
            if view.width < 960 {
                press(&client, Key::Escape).await;
                let button = client.find(Locator::Css(".gw-menu-button")).await.unwrap();
                button.click().await.unwrap();
                assert_eq!(menu_state(&client).await, json!(["true", true]));
                let place = format!("{url} with the menu open × {}", view.name);
                report.push_str(&axe::describe(&place, &axe.check(&client).await));
            }
        }
    }
    client.close().await.unwrap();
    report
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_violations_on_any_kind_of_page_in_any_view() {
    let Some(driver) = browser::driver() else {
        return;
    };
    let Some(axe) = Axe::serve() else {
        return;
    };
    let guide = Guide::sample();
    guide.build_ok();
    let pages = pages_to_check(&guide.public());
    let port = crate::common::static_host::serve(guide.public(), "/");
    // One session per view, all at once: the work is the browsers'.
    let check = |view| check_view(&driver, &axe, &pages, port, view);
    let reports = tokio::join!(
        check(&VIEWS[0]),
        check(&VIEWS[1]),
        check(&VIEWS[2]),
        check(&VIEWS[3])
    );
    let report = [reports.0, reports.1, reports.2, reports.3].concat();
    assert!(report.is_empty(), "accessibility problems:\n{report}");
}

// ---------------------------------------------------------------------------------------------
// The keyboard alone.

/// Presses and releases one key, wherever the focus is, as a reader would.
async fn press(client: &Client, key: impl Into<char>) {
    let key = key.into();
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    client.perform_actions(actions).await.unwrap();
}

/// Types text, one key at a time, wherever the focus is.
async fn type_text(client: &Client, text: &str) {
    let mut actions = KeyActions::new("keyboard".into());
    for key in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    client.perform_actions(actions).await.unwrap();
}

/// A description of the focused element: tag, id, class and text, for assertions and messages.
const ACTIVE: &str = "var e = document.activeElement;\
    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +\
      (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +\
      ' ' + (e.textContent || '').trim().slice(0, 40);";

/// Whether the focused element shows a focus indicator (a visible outline or a box shadow)
/// and lies inside the window.
const FOCUS_SHOWN: &str = "var e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();\
    var outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 &&\
      !/^rgba\\(.*, 0\\)$|transparent/.test(s.outlineColor);\
    var shadow = s.boxShadow && s.boxShadow !== 'none';\
    var inside = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 &&\
      r.bottom <= window.innerHeight && r.right <= window.innerWidth;\
    return { indicator: outline || shadow, inside: inside, outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor,\
      shadow: s.boxShadow, rect: [r.left, r.top, r.right, r.bottom] };";

async fn assert_focus_shown(client: &Client, what: &str) {
    let shown = js(client, FOCUS_SHOWN).await;
    assert_eq!(
        shown["indicator"],
        json!(true),
        "{what} shows no focus: {shown}"
    );
    assert_eq!(
        shown["inside"],
        json!(true),
        "{what} is out of view: {shown}"
    );
}

/// Presses Tab until the script, given the focused element as `e`, returns true; at most
/// `limit` times.
async fn tab_until(client: &Client, test: &str, limit: usize, what: &str) {
    let script = format!("var e = document.activeElement; return !!({test});");
    for _ in 0..limit {
        press(client, Key::Tab).await;
        if js(client, &script).await == json!(true) {
            return;
        }
    }
    panic!(
        "{limit} presses of Tab did not reach {what}; focus is on {}",
        js(client, ACTIVE).await
    );
}

/// The content page the journeys start on, as the axe check picks it.
fn content_page(public: &Path) -> String {
    let pages = pages_to_check(public);
    pages
        .into_iter()
        .find(|(kind, _)| kind == "page")
        .unwrap()
        .1
}

/// The first element in `<main>` that Tab can reach, as the start of its HTML.
const FIRST_IN_MAIN: &str = "var all = document.querySelector('main').querySelectorAll(\
      'a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])');\
    for (var i = 0; i < all.length; i++) {\
      if (all[i].getClientRects().length && !all[i].disabled) return all[i].outerHTML.slice(0, 80);\
    }\
    return null;";

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_skip_link_focus_and_search_on_a_wide_screen() {
    let Some(driver) = browser::driver() else {
        return;
    };
    let guide = Guide::sample();
    guide.build_ok();
    let port = crate::common::static_host::serve(guide.public(), "/");
    let base = format!("http://127.0.0.1:{port}/");
    let page = format!("{base}{}", content_page(&guide.public()));
    let client = driver.session(1280, false).await;
    client.goto(&page).await.unwrap();
    skip_link_leads_into_main(&client).await;
    sidebar_link_shows_its_focus(&client, &page).await;
    header_search_opens_a_result(&client, &page).await;
    search_page_opens_a_result(&client, &base).await;
    client.close().await.unwrap();
}

/// The first Tab reaches the skip link, which comes into view with a focus ring; Enter
/// moves the focus into `<main>`.
async fn skip_link_leads_into_main(client: &Client) {
    press(client, Key::Tab).await;
    let active = js(client, ACTIVE).await;
    assert!(
        active.as_str().unwrap().starts_with("a.gw-skip "),
        "{active}"
    );
    assert_focus_shown(client, "the skip link").await;
    // Enter moves the focus to the main content …
    press(client, Key::Enter).await;
    let active = until(
        client,
        "return document.activeElement.closest('main') && document.activeElement.tagName.toLowerCase();",
        "the focus in <main>",
    )
    .await;
    assert_eq!(active, json!("main"));
    // … and the next Tab goes to the first control inside it, not back to the header.
    let first = js(client, FIRST_IN_MAIN).await;
    assert!(first.is_string(), "the content page has a link");
    press(client, Key::Tab).await;
    let now = js(
        client,
        "return document.activeElement.outerHTML.slice(0, 80);",
    )
    .await;
    assert_eq!(now, first, "the Tab after the skip link");
    assert_focus_shown(client, "the first link in the content").await;
}

/// A link of the sidebar shows a focus ring.
async fn sidebar_link_shows_its_focus(client: &Client, page: &str) {
    client.goto(page).await.unwrap();
    let sidebar_link = "e.closest('.gw-sidebar') && e.tagName === 'A'";
    tab_until(client, sidebar_link, 10, "the sidebar").await;
    assert_focus_shown(client, "a sidebar link").await;
}

/// Search from the header: `/`, type, arrow down to the first result, Enter opens it.
async fn header_search_opens_a_result(client: &Client, page: &str) {
    client.goto(page).await.unwrap();
    press(client, '/').await;
    let active = js(client, ACTIVE).await;
    assert!(
        active.as_str().unwrap().starts_with("input#gw-search-box"),
        "{active}"
    );
    assert_focus_shown(client, "the search box").await;
    type_text(client, "coaching").await;
    until(
        client,
        "return document.activeElement.getAttribute('aria-expanded') === 'true';",
        "live results",
    )
    .await;
    press(client, Key::Down).await;
    let chosen = js(
        client,
        "var id = document.activeElement.getAttribute('aria-activedescendant');\
         var option = id && document.getElementById(id);\
         return option && option.getAttribute('aria-selected') === 'true' &&\
           option.querySelector('.gw-search-option-title').textContent.split(' › ')[0];",
    )
    .await;
    assert!(
        chosen.is_string(),
        "arrow down chooses the first result: {chosen}"
    );
    press(client, Key::Enter).await;
    let landed = until(
        client,
        "return document.readyState === 'complete' && !document.getElementById('gw-search-box').value &&\
           document.querySelector('h1').textContent;",
        "the result's page",
    )
    .await;
    assert_eq!(landed, chosen, "the page the result leads to");
}

/// Search on the search page: type, Tab past the filters to the first result, Enter.
async fn search_page_opens_a_result(client: &Client, base: &str) {
    client
        .goto(&format!("{base}search/index.html"))
        .await
        .unwrap();
    let focused = "return document.activeElement.id === 'gw-search-query';";
    until(client, focused, "the focus in the search page's box").await;
    type_text(client, "coaching").await;
    let titles = until(client, PAGE_RESULTS, "results on the search page").await;
    tab_until(
        client,
        "e.closest('#gw-search-results') && e.tagName === 'A'",
        8,
        "a result",
    )
    .await;
    assert_focus_shown(client, "a search result").await;
    let link = js(
        client,
        "return [document.activeElement.textContent, document.activeElement.href];",
    )
    .await;
    assert_eq!(link[0], titles[0], "Tab reaches the first result");
    press(client, Key::Enter).await;
    let landed = until(
        client,
        "return document.readyState === 'complete' && !/search/.test(location.pathname) &&\
           [location.href, document.querySelector('h1').textContent];",
        "the followed result",
    )
    .await;
    assert_eq!(landed[0], link[1]);
    assert_eq!(landed[1], titles[0]);
}

/// Whether the sidebar's navigation is shown.
const MENU_SHOWN: &str = "var nav = document.querySelector('#gw-sidebar .gw-nav');\
    return nav.getClientRects().length > 0 && getComputedStyle(nav).visibility !== 'hidden';";

async fn menu_state(client: &Client) -> Value {
    js(
        client,
        &format!(
            "var b = document.querySelector('.gw-menu-button');\
             return [b.getAttribute('aria-expanded'), (function () {{ {MENU_SHOWN} }})()];"
        ),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_menu_on_a_narrow_screen() {
    let Some(driver) = browser::driver() else {
        return;
    };
    let guide = Guide::sample();
    guide.build_ok();
    let port = crate::common::static_host::serve(guide.public(), "/");
    let page = format!("http://127.0.0.1:{port}/{}", content_page(&guide.public()));
    let client = driver.session(375, false).await;
    client.goto(&page).await.unwrap();
    menu_opens_and_closes_with_the_keyboard(&client).await;
    client.close().await.unwrap();
    navigation_is_there_without_javascript(&driver, &page).await;
}

/// The menu button is reached by Tab, shows its focus and opens and closes with Enter,
/// Space and Escape.
async fn menu_opens_and_closes_with_the_keyboard(client: &Client) {
    // The menu button is reached by Tab, shows its focus and starts closed.
    tab_until(
        client,
        "e.classList.contains('gw-menu-button')",
        6,
        "the menu button",
    )
    .await;
    assert_focus_shown(client, "the menu button").await;
    assert_eq!(menu_state(client).await, json!(["false", false]));
    // Enter opens it; the next Tab goes into the navigation.
    press(client, Key::Enter).await;
    assert_eq!(menu_state(client).await, json!(["true", true]));
    press(client, Key::Tab).await;
    let inside = js(
        client,
        "return !!document.activeElement.closest('#gw-sidebar');",
    )
    .await;
    assert_eq!(inside, json!(true), "{}", js(client, ACTIVE).await);
    // Escape closes it and gives the focus back to the button.
    press(client, Key::Escape).await;
    assert_eq!(menu_state(client).await, json!(["false", false]));
    let active = js(client, ACTIVE).await;
    assert!(
        active
            .as_str()
            .unwrap()
            .starts_with("button.gw-menu-button"),
        "{active}"
    );
    // Space opens it and Space again closes it.
    press(client, ' ').await;
    assert_eq!(menu_state(client).await, json!(["true", true]));
    press(client, ' ').await;
    assert_eq!(menu_state(client).await, json!(["false", false]));
    // Enter, like Space, closes it again.
    press(client, Key::Enter).await;
    assert_eq!(menu_state(client).await, json!(["true", true]));
    press(client, Key::Enter).await;
    assert_eq!(menu_state(client).await, json!(["false", false]));
}

/// Without JavaScript there is no button to press: the navigation is simply there, and Tab
/// reaches its links.
async fn navigation_is_there_without_javascript(driver: &Driver, page: &str) {
    let client = driver
        .session_with(375, false, &["--blink-settings=scriptEnabled=false"])
        .await;
    client.goto(page).await.unwrap();
    // WebDriver's own scripts still run and read the page; the theme's did not.
    let scripted = js(
        &client,
        "return document.documentElement.classList.contains('gw-js');",
    );
    assert_eq!(scripted.await, json!(false), "guide.js ran");
    let state = js(
        &client,
        &format!(
            "var b = document.querySelector('.gw-menu-button');\
             return [b.getClientRects().length > 0, (function () {{ {MENU_SHOWN} }})()];"
        ),
    )
    .await;
    assert_eq!(
        state,
        json!([false, true]),
        "[menu button shown, navigation shown]"
    );
    tab_until(
        &client,
        "e.closest('.gw-nav') && e.tagName === 'A'",
        8,
        "the navigation",
    )
    .await;
    assert_focus_shown(&client, "a navigation link without JavaScript").await;
    client.close().await.unwrap();
}
