// The pure part of the theme's search (theme/search-core.js) against the Rust reference:
// fixtures/index.js is the index of a small guide as the build writes it, and
// fixtures/reference.json what src/search/query.rs answers for it; the unit test
// `the_node_tests_fixtures_are_what_the_build_writes` keeps both up to date.
// Run with `node --test tests/js/`.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const root = path.join(__dirname, "..", "..");
const core = require(path.join(root, "themes/default/static/theme/search-core.js"));
const fixtures = path.join(__dirname, "fixtures");
const reference = JSON.parse(fs.readFileSync(path.join(fixtures, "reference.json"), "utf8"));

// The object the index script assigns, run as a browser would run it (and copied out of
// the script's context, so its arrays compare equal to this file's).
function rawIndex() {
  const window = {};
  vm.runInNewContext(fs.readFileSync(path.join(fixtures, "index.js"), "utf8"), { window });
  return JSON.parse(JSON.stringify(window.guidewrightSearch));
}

const index = core.read(rawIndex());
const every = () => true;

test("the index reads back, with every page in reading order", () => {
  assert.ok(index, "the fixture's index is of the version the script reads");
  assert.deepEqual(
    index.pages.map((p) => p.title),
    ["Home", "Alpha section", "Body page", "Heading page", "Beta section", "Summary page",
      "Mentoring new teachers"]
  );
  const heading = index.pages[3];
  assert.equal(heading.url, "alpha/heading/index.html");
  assert.equal(index.pages[0].url, "index.html");
  // A heading stored by its title gets its id back; another keeps the id it was given.
  assert.deepEqual(heading.headings, [
    { title: "Mentoring in practice", id: "mentoring-in-practice" },
    { title: "Café & “quotes”", id: "custom-id" }
  ]);
  assert.deepEqual(index.sections.map((s) => s[0]), ["alpha", "beta"]);
});

test("an index of another version, or none, is not read", () => {
  const raw = rawIndex();
  assert.equal(core.read(Object.assign({}, raw, { version: core.VERSION + 1 })), null);
  assert.equal(core.read(undefined), null);
  assert.equal(core.read(null), null);
});

test("words fold as the index folds them", () => {
  for (const t of reference.texts) {
    assert.equal(index.fold(t.text), t.fold, t.text);
    assert.deepEqual(index.parseQuery(t.text, {}).words, t.words, t.text);
  }
});

test("queries parse as the reference parses them", () => {
  for (const q of reference.queries) {
    const parsed = index.parseQuery(q.typed);
    assert.deepEqual(parsed.words, q.words, JSON.stringify(q.typed));
    assert.equal(parsed.prefix, q.prefix, JSON.stringify(q.typed));
  }
  // A word that is also a property of every JavaScript object is not a stop word.
  assert.deepEqual(index.parseQuery("coaching constructor").words, ["coaching", "constructor"]);
});

test("pages are found and ranked as the reference finds and ranks them", () => {
  for (const q of reference.queries) {
    if (!q.words.length) {
      // Nothing to find: the reference finds nothing, the page then shows no results (with
      // no words, `search` lists what a filter keeps: the next test).
      assert.deepEqual(q.found, [], JSON.stringify(q.typed));
      continue;
    }
    const found = index.search(index.parseQuery(q.typed), every);
    assert.deepEqual(found.map((r) => [r.page, r.score]), q.found, JSON.stringify(q.typed));
  }
  const mentoring = reference.queries.find((q) => q.typed === "mentoring");
  assert.deepEqual(mentoring.found.map((r) => r[1]), [100, 20, 10, 1, 1]);
});

test("with no words, the pages a filter keeps come in reading order", () => {
  const inBeta = (page) => page.section === 1;
  const found = index.search(index.parseQuery(""), inBeta);
  assert.deepEqual(found.map((r) => index.pages[r.page].title),
    ["Beta section", "Summary page", "Mentoring new teachers"]);
  const filtered = index.search(index.parseQuery("mentoring"), inBeta);
  assert.deepEqual(filtered.map((r) => r.page), [6, 5]);
});

test("a result links to its best heading and shows its best sentence", () => {
  const query = index.parseQuery("mentoring practice");
  const heading = index.search(query, every)[0].page;
  assert.deepEqual(index.describe(heading, query), {
    title: "Heading page",
    url: "alpha/heading/index.html#mentoring-in-practice",
    heading: "Mentoring in practice",
    section: "Alpha section",
    snippet: index.pages[heading].text
  });
  const summary = index.parseQuery("sentence");
  const described = index.describe(index.search(summary, every)[0].page, summary);
  assert.equal(described.url, "beta/summary/index.html");
  assert.equal(described.heading, null);
  assert.equal(described.snippet, "All about mentoring, in one sentence.");
  // The home page is in no section.
  assert.equal(index.describe(0, summary).section, null);
});

test("the words a query matches are marked, accents and all", () => {
  const text = "Évaluer les rôles, évaluation";
  const query = index.parseQuery("evaluer role");
  assert.deepEqual(
    index.marks(text, query).map(([start, end]) => text.slice(start, end)),
    ["Évaluer", "rôles"]
  );
  assert.deepEqual(index.marks(text, index.parseQuery("zebra")), []);
});

test("the format's constants come from the index, not from the script", () => {
  const raw = rawIndex();
  // Another digit alphabet: the same numbers, written with the digits reversed.
  const digits = raw.digits.split("").reverse().join("");
  const swap = (text) => text.replace(/[^,]/g, (c) => {
    const at = raw.digits.indexOf(c);
    return at < 0 ? c : digits.charAt(at);
  });
  const moved = core.read(Object.assign({}, raw, {
    digits: digits,
    terms: raw.terms.split(",").map((entry) => {
      // An entry is a digit, the rest of the term (no digits), then its postings.
      let end = 1;
      while (end < entry.length && raw.digits.indexOf(entry.charAt(end)) < 0) {
        end++;
      }
      return swap(entry.charAt(0)) + entry.slice(1, end) + swap(entry.slice(end));
    }).join(","),
    weights: [[raw.fields.body, 7]],
    folds: [["ø", "oe"]]
  }));
  assert.deepEqual(moved.terms, index.terms);
  for (let n = 0; n < index.terms.length; n++) {
    assert.deepEqual(moved.postingsOf(n), index.postingsOf(n), index.terms[n]);
  }
  // Weights and folds are the index's too.
  assert.deepEqual(moved.search(moved.parseQuery("schedules"), every), [{ page: 2, score: 7 }]);
  assert.equal(moved.fold("Ærø"), "æroe");
});
