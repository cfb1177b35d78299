//! Search: the build writes the index script and the search page; every page has the search
//! box; and, in headless Chromium, from `file://` and over HTTP, typing in the box finds the
//! expected page first and follows it, `search/index.html?q=…` shows results, filters update
//! the address, accents and case do not matter, and the script ranks and folds words exactly
//! as the Rust reference (`guidewright::search::query`) does.

use std::path::Path;

use crate::common::Guide;
use crate::common::browser::{self, until};
use fantoccini::{Client, Locator, key::Key};
use guidewright::search::{self, query::Reader};
use serde_json::json;

/// The sample guide with one French page, for accents.
fn sample_with_accents() -> Guide {
    let guide = Guide::sample();
    guide.write(
        "content/evaluating/evaluer-en-francais.md",
        "---\ntitle: Évaluer les rôles des enseignants\nsummary: Une page en français pour évaluer la recherche sans accents.\nweight: 90\n---\nComment évaluer le rôle d’un enseignant-leader : la réflexion commence par des données.\n\n## Les étapes de l’évaluation\n\nD’abord, décrire le rôle.\n",
    );
    guide
}

/// The reference reader (`guidewright::search::query`, compiled for tests) of an index
/// script: the one place these tests reach it.
fn reader_of(script: &str) -> Reader {
    Reader::from_script(script).expect("the index script reads back")
}

fn reader(guide: &Guide) -> Reader {
    reader_of(&guide.read(search::INDEX_URL))
}

fn markdown_bytes(root: &Path) -> u64 {
    let files = crate::common::files_ending(&root.join("content"), "md");
    files.iter().map(|f| f.metadata().unwrap().len()).sum()
}

#[test]
fn the_sample_guide_has_a_search_index_and_a_search_page() {
    let guide = Guide::sample();
    guide.build_ok();
    assert_the_index_holds_every_page(&guide);
    assert_the_search_page_has_its_form(&guide);
    assert_every_other_page_has_the_search_box(&guide);
}

/// The index of a built guide: every page in reading order with its headings, the
/// sections, competencies and stop words, in under 35 % of the Markdown.
fn assert_the_index_holds_every_page(guide: &Guide) {
    let script = guide.read("search/index.js");
    assert!(script.contains("window.guidewrightSearch={"));
    let index = reader(guide);
    assert_eq!(index.version, u64::from(search::VERSION));
    // Every page of the guide, in reading order, from the home page.
    let built = guidewright::build::build_site(&guide.options())
        .ok()
        .unwrap();
    assert_eq!(index.pages.len(), built.guide.order.len());
    for (entry, &p) in index.pages.iter().zip(&built.guide.order) {
        let page = &built.guide.pages[p];
        assert_eq!(entry.title, page.front.title);
        assert_eq!(entry.url, page.url);
        assert!(
            guide.public().join(&entry.url).is_file(),
            "{} is not a page",
            entry.url
        );
        // Each heading links to an id of its page.
        let html = guide.read(&entry.url);
        for (title, id) in &entry.headings {
            assert!(html.contains(&format!(" id=\"{id}\"")), "{title} #{id}");
        }
    }
    assert_eq!(index.sections.len(), 7);
    assert_eq!(
        index.sections[0],
        (
            "defining-roles".into(),
            "Defining teacher-leader roles".into()
        )
    );
    assert!(!index.competencies.is_empty() && !index.frameworks.is_empty());
    assert!(index.stop_words.iter().any(|w| w == "the"));
    // Under 35 % of the Markdown.
    let markdown = markdown_bytes(&guide.root);
    assert!(
        (script.len() as u64) * 100 < markdown * 35,
        "{} of {markdown}",
        script.len()
    );
}

/// The search page: breadcrumbs, the form with its filters, a live region, a notice for
/// browsers without JavaScript, and the script.
fn assert_the_search_page_has_its_form(guide: &Guide) {
    let page = guide.read("search/index.html");
    assert!(page.contains("<title>Search – Teacher-Led Professional Learning</title>"));
    assert!(page.contains("aria-label=\"Breadcrumb\""));
    assert!(page.contains("<form class=\"gw-search-form\" role=\"search\""));
    assert!(page.contains("data-gw-index=\"../search/index.js\""));
    assert!(page.contains("<input id=\"gw-search-query\""));
    assert!(page.contains("name=\"q\""));
    assert!(page.contains("<select id=\"gw-search-section\" name=\"section\">"));
    assert!(page.contains("<option value=\"training\">Training teacher-leaders</option>"));
    assert!(page.contains("<select id=\"gw-search-competency\" name=\"competency\">"));
    assert!(page.contains("<option value=\"tlms-1\">"));
    assert!(page.contains("role=\"status\""));
    assert!(page.contains("<noscript>") && page.contains("Search needs JavaScript"));
    assert!(page.contains("<script src=\"../theme/search.js\" defer></script>"));
    // The header's box is left out here: the page has its own.
    assert!(!page.contains("id=\"gw-search-box\""));
    assert!(guide.public().join("theme/search.js").is_file());
}

/// Every other page has the search box in its header, pointing at the search page.
fn assert_every_other_page_has_the_search_box(guide: &Guide) {
    let rubrics = guide.read("selecting/interview-and-rubrics/index.html");
    assert!(rubrics.contains(
        "<form class=\"gw-search\" role=\"search\" action=\"../../search/index.html\" method=\"get\""
    ));
    assert!(
        rubrics.contains("<label class=\"gw-vh\" for=\"gw-search-box\">Search the guide</label>")
    );
    assert!(rubrics.contains("data-gw-index=\"../../search/index.js\""));
    assert!(rubrics.contains("<script src=\"../../theme/search.js\" defer></script>"));
    // The index is not loaded by the page itself: search.js adds it when search is used.
    assert!(!rubrics.contains("src=\"../../search/index.js\""));
    assert!(
        guide
            .read("index.html")
            .contains("action=\"search/index.html\"")
    );
    assert!(guide.read("404.html").contains("class=\"gw-search\""));
}

#[test]
fn the_sample_index_finds_pages_by_title_first() {
    let guide = sample_with_accents();
    guide.build_ok();
    let index = reader(&guide);
    assert_eq!(
        index.titles("peer obs")[0],
        "Non-evaluative peer observation"
    );
    assert_eq!(index.titles("coaching conv")[0], "Coaching conversations");
    assert_eq!(index.titles("time audit")[0], "Running a time audit");
    for query in [
        "evaluer",
        "EVALUER",
        "Évaluer",
        "evaluer roles",
        "reflexion donnees",
    ] {
        assert_eq!(
            index.titles(query).first().copied(),
            Some("Évaluer les rôles des enseignants"),
            "{query}"
        );
    }
    // A heading of the page is the best place for a query about it.
    let page = index
        .pages
        .iter()
        .find(|p| p.title.starts_with("Évaluer"))
        .unwrap();
    assert_eq!(
        page.headings,
        [(
            "Les étapes de l’évaluation".to_string(),
            "les-étapes-de-lévaluation".to_string()
        )]
    );
}

#[test]
fn disabled_search_builds_no_index_page_or_box() {
    let guide = Guide::sample();
    let settings = std::fs::read_to_string(guide.root.join("guide.yaml")).unwrap();
    guide.write(
        "guide.yaml",
        settings.replace("search:\n  enabled: true", "search:\n  enabled: false"),
    );
    guide.build_ok();
    assert!(!guide.public().join("search").exists());
    let home = guide.read("index.html");
    assert!(!home.contains("gw-search") && !home.contains("search.js"));
}

#[test]
fn serve_updates_the_index_after_a_body_edit() {
    use guidewright::serve::{Preview, Served, classify};
    let guide = Guide::sample();
    let mut preview = Preview::new(guide.options());
    let index = |preview: &Preview| match &preview.snapshot().files[search::INDEX_URL] {
        Served::Memory(bytes) => reader_of(std::str::from_utf8(bytes).unwrap()),
        Served::Disk(path) => panic!("the index is served from {}", path.display()),
    };
    assert!(index(&preview).titles("zebrafish").is_empty());
    let path = "content/funding/making-the-case.md";
    let text = std::fs::read_to_string(guide.root.join(path)).unwrap();
    guide.write(path, format!("{text}\nA zebrafish made the case.\n"));
    preview.apply(&classify(&guide.root, [guide.root.join(path)]));
    preview.settle();
    assert_eq!(index(&preview).titles("zebrafish"), ["Making the case"]);
}

#[test]
fn a_page_at_the_search_pages_address_is_an_error_that_says_why() {
    let guide = Guide::minimal();
    guide.write("content/search.md", "---\ntitle: Search tips\n---\nTips.\n");
    let (failed, report) = guide.build_err();
    assert_eq!(failed.report.problems.len(), 1, "{report}");
    assert!(report.contains("content/search.md"), "{report}");
    assert!(report.contains("the search page's address"), "{report}");
    assert!(report.contains("search: { enabled: false }"), "{report}");
    // Turned off, the page is published there.
    guide.write(
        "guide.yaml",
        "title: Test guide\nsearch: { enabled: false }\n",
    );
    guide.build_ok();
    assert!(guide.read("search/index.html").contains("Search tips"));
}

/// A guide of `pages` generated pages of ordinary prose, for the size of the index.
fn generated_guide(pages: usize) -> Guide {
    // Zipf-like words: a few very common, many rare, as in real text.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let syllables = [
        "ta", "re", "mo", "ni", "la", "ve", "co", "pri", "sta", "en", "dor", "mi", "ka", "lu",
        "ber", "sol", "tri", "an", "pe", "go",
    ];
    let vocabulary: Vec<String> = (0..6000)
        .map(|n| {
            let mut word = String::new();
            let mut k = n + 7;
            for _ in 0..(2 + n % 3) {
                word.push_str(syllables[k % syllables.len()]);
                k = k / syllables.len() + 3;
            }
            word
        })
        .collect();
    let guide = Guide::minimal();
    for section in 0..10 {
        guide.write(
            &format!("content/s{section}/_index.md"),
            format!("---\ntitle: Section {section}\nweight: {section}\n---\n"),
        );
    }
    for page in 0..pages {
        let mut text = format!(
            "---\ntitle: Page {page} {}\nsummary: About {} and {}.\n---\n",
            vocabulary[(next() % 6000) as usize],
            vocabulary[(next() % 600) as usize],
            vocabulary[(next() % 6000) as usize]
        );
        for paragraph in 0..6 {
            if paragraph % 2 == 1 {
                text.push_str(&format!(
                    "\n## {} {}\n\n",
                    vocabulary[(next() % 3000) as usize],
                    vocabulary[(next() % 6000) as usize]
                ));
            }
            for word in 0..110 {
                // Half the words from the 100 most common, the rest from all of them.
                let pick = next();
                let range = if pick % 2 == 0 { 100 } else { 6000 };
                text.push_str(&vocabulary[((pick >> 8) % range) as usize]);
                text.push(if word % 12 == 11 { '.' } else { ' ' });
            }
            text.push('\n');
        }
        guide.write(&format!("content/s{}/p{page}.md", page % 10), &text);
    }
    guide
}

#[test]
fn the_index_of_a_larger_guide_stays_under_35_percent_of_its_markdown() {
    let guide = generated_guide(400);
    guide.build_ok();
    let script = guide.read(search::INDEX_URL);
    let markdown = markdown_bytes(&guide.root);
    assert!(
        (script.len() as u64) * 100 < markdown * 35,
        "index {} bytes of {markdown} bytes of Markdown",
        script.len()
    );
    let index = reader(&guide);
    assert_eq!(index.pages.len(), 411);
    assert_eq!(index.titles("page 123 ")[0].split(' ').nth(1), Some("123"));
}

// ---------------------------------------------------------------------------------------------
// In the browser.

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// The titles of the header box's live results, in order.
const LIVE_TITLES: &str = "var box = document.getElementById('gw-search-box');\
    if (box.getAttribute('aria-expanded') !== 'true') return null;\
    return Array.from(document.querySelectorAll('#gw-search-listbox .gw-search-option-title'))\
      .map(function (e) { return e.textContent; });";

/// The titles of the search page's results, once it has shown its count.
const PAGE_TITLES: &str = "var status = document.getElementById('gw-search-status').textContent;\
    if (!/result/.test(status)) return null;\
    return Array.from(document.querySelectorAll('.gw-search-result-title a'))\
      .map(function (e) { return e.textContent; });";

/// Types in the header box on `start`, checks the first result, follows it with the
/// keyboard, and uses the search page at `search/index.html?q=…`; `base` is the site's root.
async fn search_like_a_reader(client: &Client, base: &str) {
    follow_a_live_result_with_the_keyboard(client, base).await;
    open_the_search_page_from_the_box(client).await;
    search_with_and_without_accents(client, base).await;
    narrow_with_the_filters(client, base).await;
}

/// On a page that has not used search yet: `/`, typing, Arrow down and Enter open the first
/// live result.
async fn follow_a_live_result_with_the_keyboard(client: &Client, base: &str) {
    client
        .goto(&format!("{base}training/coaching-adults/index.html"))
        .await
        .unwrap();
    // Nothing of the index is loaded before search is used.
    let loaded = client
        .execute("return !!window.guidewrightSearch || !!document.querySelector('script[src$=\"search/index.js\"]');", vec![])
        .await
        .unwrap();
    assert_eq!(loaded, json!(false), "the index loaded before it was used");
    // `/` focuses the search box.
    let body = client.find(Locator::Css("body")).await.unwrap();
    body.send_keys("/").await.unwrap();
    let focused = client
        .execute("return document.activeElement.id;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, json!("gw-search-box"));
    let input = client.find(Locator::Css("#gw-search-box")).await.unwrap();
    input.send_keys("peer obs").await.unwrap();
    let titles = until(client, LIVE_TITLES, "live results").await;
    assert_eq!(
        titles[0],
        json!("Non-evaluative peer observation"),
        "{titles}"
    );
    // The matched words are marked, and the count is announced.
    let marks = client
        .execute("return Array.from(document.querySelectorAll('#gw-search-listbox mark')).map(function (m) { return m.textContent.toLowerCase(); });", vec![])
        .await
        .unwrap();
    assert!(
        marks.as_array().unwrap().contains(&json!("peer")),
        "{marks}"
    );
    until(
        client,
        "return document.querySelector('.gw-search [role=status]').textContent;",
        "the result count",
    )
    .await;
    // Arrow down, Enter: the first result opens.
    input.send_keys(&Key::Down.to_string()).await.unwrap();
    let active = client
        .execute("var id = document.getElementById('gw-search-box').getAttribute('aria-activedescendant'); return id && document.getElementById(id).getAttribute('aria-selected');", vec![])
        .await
        .unwrap();
    assert_eq!(active, json!("true"));
    input.send_keys(&Key::Enter.to_string()).await.unwrap();
    until(
        client,
        "return /leading-teams\\/peer-observation\\/index\\.html/.test(location.href) && document.readyState === 'complete';",
        "the first result to open",
    )
    .await;
}

/// Escape closes the results; Enter without a chosen result opens the search page.
async fn open_the_search_page_from_the_box(client: &Client) {
    let input = client.find(Locator::Css("#gw-search-box")).await.unwrap();
    input.send_keys("coaching conv").await.unwrap();
    until(client, LIVE_TITLES, "live results").await;
    input.send_keys(&Key::Escape.to_string()).await.unwrap();
    let expanded = client
        .execute(
            "return document.getElementById('gw-search-box').getAttribute('aria-expanded');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(expanded, json!("false"));
    input.send_keys(&Key::Enter.to_string()).await.unwrap();
    until(
        client,
        "return /search\\/index\\.html\\?q=coaching(\\+|%20)conv$/.test(location.href);",
        "the search page",
    )
    .await;
    let titles = until(client, PAGE_TITLES, "results on the search page").await;
    assert_eq!(titles[0], json!("Coaching conversations"), "{titles}");
    let value = client
        .execute(
            "return document.getElementById('gw-search-query').value;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(value, json!("coaching conv"));
}

/// The search page opened directly, with an accent-free query for a page with accents and
/// the other way round.
async fn search_with_and_without_accents(client: &Client, base: &str) {
    client
        .goto(&format!("{base}search/index.html?q=evaluer%20roles"))
        .await
        .unwrap();
    let titles = until(client, PAGE_TITLES, "results for evaluer").await;
    assert_eq!(
        titles[0],
        json!("Évaluer les rôles des enseignants"),
        "{titles}"
    );
    // The matched words are marked, accents and all, in the title and the snippet.
    let marks = client
        .execute("var r = document.querySelector('.gw-search-result'); return [r.querySelector('h2').innerHTML, r.querySelector('.gw-search-result-snippet').innerHTML];", vec![])
        .await
        .unwrap();
    assert_eq!(
        marks,
        json!([
            format!(
                "<a href=\"{}\"><mark>Évaluer</mark> les <mark>rôles</mark> des enseignants</a>",
                "../evaluating/evaluer-en-francais/index.html"
            ),
            "Une page en français pour <mark>évaluer</mark> la recherche sans accents."
        ])
    );
    // The other way round: an accented query finds unaccented words.
    client
        .goto(&format!("{base}search/index.html?q=%C3%89valu"))
        .await
        .unwrap();
    let titles = until(client, PAGE_TITLES, "results for Évalu").await;
    assert!(
        titles
            .as_array()
            .unwrap()
            .contains(&json!("Evaluating teacher-leaders")),
        "{titles}"
    );
}

/// Filters narrow the results and are kept in the address.
async fn narrow_with_the_filters(client: &Client, base: &str) {
    client
        .goto(&format!("{base}search/index.html?q=coaching"))
        .await
        .unwrap();
    let all = until(client, PAGE_TITLES, "results for coaching").await;
    let section = client
        .find(Locator::Css("#gw-search-section"))
        .await
        .unwrap();
    section.select_by_value("training").await.unwrap();
    let narrowed = until(
        client,
        "return /section=training/.test(location.search) && Array.from(document.querySelectorAll('.gw-search-result-section')).map(function (e) { return e.textContent; });",
        "the section filter",
    )
    .await;
    let narrowed = narrowed.as_array().unwrap();
    assert!(!narrowed.is_empty() && narrowed.len() < all.as_array().unwrap().len());
    assert!(
        narrowed.iter().all(|s| s == "Training teacher-leaders"),
        "{narrowed:?}"
    );
    let competency = client
        .find(Locator::Css("#gw-search-competency"))
        .await
        .unwrap();
    competency.select_by_value("tlms-4").await.unwrap();
    until(
        client,
        "return /competency=tlms-4/.test(location.search) && /q=coaching/.test(location.search);",
        "the competency filter in the address",
    )
    .await;
    // Reloaded from that address, the page shows the same.
    client.refresh().await.unwrap();
    until(client, PAGE_TITLES, "results after a reload").await;
    let chosen = client
        .execute("return [document.getElementById('gw-search-section').value, document.getElementById('gw-search-competency').value];", vec![])
        .await
        .unwrap();
    assert_eq!(chosen, json!(["training", "tlms-4"]));
}

/// The script ranks like the Rust reference and folds words like the index does.
async fn script_agrees_with_the_reference(client: &Client, base: &str, index: &Reader) {
    script_ranks_like_the_reference(client, base, index).await;
    script_folds_like_the_index(client).await;
}

async fn script_ranks_like_the_reference(client: &Client, base: &str, index: &Reader) {
    client
        .goto(&format!("{base}search/index.html"))
        .await
        .unwrap();
    until(
        client,
        "return window.guidewrightSearchText && window.guidewrightSearchText.pages('x') !== null;",
        "the index",
    )
    .await;
    for query in [
        "coaching",
        "coach",
        "peer obs",
        "time",
        "the",
        "evaluer",
        "Évaluer rôles",
        "teacher leader",
        "budget stip",
        "a b c",
        "STANDARDS",
        "2017",
        "knowles",
        "rubric scor",
    ] {
        let pages = client
            .execute(
                "return window.guidewrightSearchText.pages(arguments[0]);",
                vec![json!(query)],
            )
            .await
            .unwrap();
        let expected: Vec<usize> = index.search(query).into_iter().map(|(p, _)| p).collect();
        assert_eq!(pages, json!(expected), "{query}");
    }
}

async fn script_folds_like_the_index(client: &Client) {
    for text in [
        "Évaluer",
        "ÉVALUER",
        "naïve Façade",
        "ﬁnance",
        "Straße",
        "Œuvre Ærø",
        "ΟΔΟΣ",
        "İstanbul",
        "Łódź",
        "Ⅻ ①",
        "teacher-leader’s 2017",
    ] {
        let folded = client
            .execute(
                "return window.guidewrightSearchText.fold(arguments[0]);",
                vec![json!(text)],
            )
            .await
            .unwrap();
        assert_eq!(
            folded,
            json!(guidewright::search::text::fold(text)),
            "{text}"
        );
        let parsed = client
            .execute(
                "return window.guidewrightSearchText.parseQuery(arguments[0], {}).words;",
                vec![json!(text)],
            )
            .await
            .unwrap();
        assert_eq!(
            parsed,
            json!(guidewright::search::query::parse_query(text, &[]).words),
            "{text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn browser_search_works_from_disk() {
    let Some(driver) = browser::driver() else {
        return;
    };
    let guide = sample_with_accents();
    guide.build_ok();
    let base = format!("{}/", file_url(&guide.public()));
    let client = driver.session(1280, false).await;
    search_like_a_reader(&client, &base).await;
    script_agrees_with_the_reference(&client, &base, &reader(&guide)).await;
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn browser_search_works_over_http() {
    let Some(driver) = browser::driver() else {
        return;
    };
    let guide = sample_with_accents();
    guide.build_ok();
    let port = crate::common::static_host::serve(guide.public(), "/");
    let base = format!("http://127.0.0.1:{port}/");
    let client = driver.session(1280, false).await;
    search_like_a_reader(&client, &base).await;
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn browser_search_page_without_javascript_says_it_needs_it() {
    let Some(driver) = browser::driver() else {
        return;
    };
    let guide = Guide::sample();
    guide.build_ok();
    let page = format!("{}/search/index.html?q=coaching", file_url(&guide.public()));
    let client = driver
        .session_with(800, false, &["--blink-settings=scriptEnabled=false"])
        .await;
    client.goto(&page).await.unwrap();
    let text = client
        .find(Locator::Css(".gw-search-page"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("Search needs JavaScript"), "{text}");
    client.close().await.unwrap();

    // With JavaScript the notice is not shown, and results come; on a narrow screen the
    // header's box is still there and shows live results.
    let client = driver.session(420, false).await;
    client.goto(&page).await.unwrap();
    until(&client, PAGE_TITLES, "results").await;
    let text = client
        .find(Locator::Css(".gw-search-page"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!text.contains("Search needs JavaScript"));
    client
        .goto(&format!("{}/funding/index.html", file_url(&guide.public())))
        .await
        .unwrap();
    let input = client.find(Locator::Css("#gw-search-box")).await.unwrap();
    assert!(input.is_displayed().await.unwrap());
    input.send_keys("stipend").await.unwrap();
    let titles = until(&client, LIVE_TITLES, "live results on a narrow screen").await;
    assert!(!titles.as_array().unwrap().is_empty());
    client.close().await.unwrap();
}
