/* guidewright default theme: search.
 *
 * The header's search box shows live results as a combobox (arrows, Enter, Escape; Enter
 * without a chosen result opens the search page), and the search page (search/index.html)
 * reads ?q=, &section= and &competency=, shows every result with its section and a snippet,
 * and keeps the address up to date. `/` focuses the search box.
 *
 * The index is a script, search/index.js, that assigns window.guidewrightSearch: it is only
 * added to the page when search is used, and it loads from file:// as well as over HTTP.
 * Its format is described in src/search/encode.rs; word folding, query parsing and ranking
 * follow src/search/text.rs and src/search/query.rs, which the tests hold this script to.
 * Text from the index only ever becomes text nodes, never HTML.
 */
(function () {
  "use strict";

  var GLOBAL = "guidewrightSearch";
  var VERSION = 1;
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&'()*+-./:;<=>?@[]^_`{|}~";
  var TERMINAL = 32;
  var BASE = DIGITS.length - TERMINAL;
  var TITLE = 1;
  var HEADING = 2;
  var SUMMARY = 4;
  var MAX_WORD = 40;
  var LIVE_RESULTS = 8;
  var PAGE_RESULTS = 50;

  var VALUE = [];
  for (var d = 0; d < 128; d++) {
    VALUE.push(-1);
  }
  for (var i = 0; i < DIGITS.length; i++) {
    VALUE[DIGITS.charCodeAt(i)] = i;
  }

  // Letters that NFKD leaves whole (src/search/text.rs, FOLDS).
  var FOLDS = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d",
    "ð": "d", "ł": "l", "ı": "i", "þ": "th", "ς": "σ"
  };
  var FOLD_CHARS = /[ßæœøđðłıþς]/g;

  // Unicode property escapes where the browser has them; older browsers get Latin only.
  function pattern(modern, fallback, flags) {
    try {
      return new RegExp(modern, flags + "u");
    } catch (e) {
      return new RegExp(fallback, flags);
    }
  }
  var MARKS = pattern("\\p{M}", "[\\u0300-\\u036f]", "g");
  var NOT_WORD = pattern("[^\\p{Alphabetic}\\p{N}]+", "[^0-9a-z\\u00c0-\\uffff]+", "");
  var WORD_RUN = pattern("[\\p{Alphabetic}\\p{N}\\p{M}]+", "[0-9A-Za-z\\u00c0-\\uffff]+", "g");

  /* ------------------------------------------------------------ words */

  function fold(text) {
    var s = String(text);
    if (s.normalize) {
      s = s.normalize("NFKD");
    }
    return s.replace(MARKS, "").toLowerCase().replace(FOLD_CHARS, function (c) {
      return FOLDS[c];
    });
  }

  function length(word) {
    return Array.from ? Array.from(word).length : word.length;
  }

  // What someone typed, as words to find (src/search/query.rs, parse_query).
  function parseQuery(typed, stop) {
    var all = fold(typed).split(NOT_WORD).filter(function (w) {
      return w && length(w) <= MAX_WORD;
    });
    var useful = function (w) {
      return !stop[w] && !(w.length === 1 && w.charCodeAt(0) < 128);
    };
    var words = all.filter(useful);
    var prefix = false;
    if (all.length) {
      var last = all[all.length - 1];
      if (useful(last)) {
        prefix = true;
      } else if (!words.length) {
        words.push(last);
        prefix = true;
      }
    }
    words = words.filter(function (w, n) {
      return n === 0 || words[n - 1] !== w;
    });
    return { words: words, prefix: prefix };
  }

  // Which of the query's words a piece of text has.
  function matchedWords(text, query) {
    var found = [];
    var tokens = fold(text).split(NOT_WORD);
    for (var w = 0; w < query.words.length; w++) {
      var word = query.words[w];
      var prefix = query.prefix && w === query.words.length - 1;
      for (var t = 0; t < tokens.length; t++) {
        if (tokens[t] === word || (prefix && tokens[t].lastIndexOf(word, 0) === 0)) {
          found.push(w);
          break;
        }
      }
    }
    return found.length;
  }

  function tokenMatches(run, query) {
    return matchedWords(run, query) > 0;
  }

  /* ------------------------------------------------------------ the index */

  function readNumber(text, at) {
    var value = 0;
    while (at < text.length) {
      var digit = VALUE[text.charCodeAt(at)];
      at++;
      if (digit >= TERMINAL) {
        value = value * BASE + (digit - TERMINAL);
      } else {
        return [value * TERMINAL + digit, at];
      }
    }
    return [value, at];
  }

  function isDigit(code) {
    return code < 128 && VALUE[code] >= 0;
  }

  function Index(raw) {
    var entries = raw.terms ? raw.terms.split(",") : [];
    this.terms = new Array(entries.length);
    this.postings = new Array(entries.length);
    this.decoded = {};
    var previous = "";
    for (var n = 0; n < entries.length; n++) {
      var entry = entries[n];
      var shared = VALUE[entry.charCodeAt(0)];
      var end = 1;
      while (end < entry.length && !isDigit(entry.charCodeAt(end))) {
        end++;
      }
      var term = previous.slice(0, shared) + entry.slice(1, end);
      this.terms[n] = term;
      this.postings[n] = entry.slice(end);
      previous = term;
    }
    this.stop = {};
    var stop = (raw.stop || "").split(" ");
    for (var s = 0; s < stop.length; s++) {
      if (stop[s]) {
        this.stop[stop[s]] = true;
      }
    }
    this.sections = raw.sections || [];
    this.competencies = raw.competencies || [];
    this.pages = (raw.pages || []).map(function (p) {
      var url = p[1];
      if (url === "" || url.charAt(url.length - 1) === "/") {
        url += "index.html";
      }
      return {
        title: p[0],
        url: url,
        section: p[2],
        competencies: p[3],
        text: p[4],
        headings: p[5].map(function (h) {
          return typeof h === "string" ? { title: h, id: derivedId(h) } : { title: h[0], id: h[1] };
        })
      };
    });
  }

  // The id of a heading stored by its title alone (src/search/mod.rs, derived_id).
  function derivedId(title) {
    return title.toLowerCase().replace(/ /g, "-").replace(/[^a-z0-9_-]/g, "");
  }

  // The pages and fields of term n: [pages, fields].
  Index.prototype.postingsOf = function (n) {
    var cached = this.decoded[n];
    if (cached) {
      return cached;
    }
    var text = this.postings[n];
    var pages = [];
    var fields = [];
    var at = 0;
    var last = -1;
    while (at < text.length) {
      var read = readNumber(text, at);
      at = read[1];
      var page = last < 0 ? Math.floor(read[0] / 2) : last + Math.floor(read[0] / 2) + 1;
      var field = 8;
      if (read[0] % 2 === 1) {
        read = readNumber(text, at);
        at = read[1];
        field = read[0];
      }
      pages.push(page);
      fields.push(field);
      last = page;
    }
    cached = [pages, fields];
    this.decoded[n] = cached;
    return cached;
  };

  // The terms equal to word, or starting with it: [first, end).
  Index.prototype.matching = function (word, prefix) {
    var lo = 0;
    var hi = this.terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (this.terms[mid] < word) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    var end = lo;
    while (
      end < this.terms.length &&
      (prefix ? this.terms[end].lastIndexOf(word, 0) === 0 : this.terms[end] === word)
    ) {
      end++;
    }
    return [lo, end];
  };

  function weight(fields) {
    if (fields & TITLE) {
      return 100;
    }
    if (fields & HEADING) {
      return 20;
    }
    if (fields & SUMMARY) {
      return 10;
    }
    return fields ? 1 : 0;
  }

  // Pages with every word, best first (src/search/query.rs, search), kept by `keep`.
  // With no words, every page `keep` keeps, in reading order.
  Index.prototype.search = function (query, keep) {
    var count = this.pages.length;
    var found = [];
    var p;
    if (!query.words.length) {
      for (p = 0; p < count; p++) {
        if (keep(this.pages[p])) {
          found.push({ page: p, score: 0 });
        }
      }
      return found;
    }
    var scores = new Uint32Array(count);
    var hits = new Uint16Array(count);
    var fields = new Uint8Array(count);
    for (var w = 0; w < query.words.length; w++) {
      var prefix = query.prefix && w === query.words.length - 1;
      var range = this.matching(query.words[w], prefix);
      var touched = [];
      for (var t = range[0]; t < range[1]; t++) {
        var postings = this.postingsOf(t);
        for (var k = 0; k < postings[0].length; k++) {
          p = postings[0][k];
          if (!fields[p]) {
            touched.push(p);
          }
          fields[p] |= postings[1][k];
        }
      }
      for (var x = 0; x < touched.length; x++) {
        p = touched[x];
        hits[p]++;
        scores[p] += weight(fields[p]);
        fields[p] = 0;
      }
    }
    for (p = 0; p < count; p++) {
      if (hits[p] === query.words.length && keep(this.pages[p])) {
        found.push({ page: p, score: scores[p] });
      }
    }
    found.sort(function (a, b) {
      return b.score - a.score || a.page - b.page;
    });
    return found;
  };

  // What a result shows: the best heading to link to, and the best sentence.
  Index.prototype.describe = function (number, query) {
    var page = this.pages[number];
    var inTitle = matchedWords(page.title, query);
    var heading = null;
    var best = inTitle;
    for (var h = 0; h < page.headings.length; h++) {
      var n = matchedWords(page.headings[h].title, query);
      if (n > best) {
        best = n;
        heading = page.headings[h];
      }
    }
    var sentences = page.text.match(/[^.!?…]+(?:[.!?…]+["'”’)]*|$)\s*/g) || [page.text];
    var snippet = page.text;
    var most = 0;
    for (var s = 0; s < sentences.length; s++) {
      var m = matchedWords(sentences[s], query);
      if (m > most) {
        most = m;
        snippet = sentences[s].trim();
      }
    }
    var section = page.section >= 0 ? this.sections[page.section] : null;
    return {
      title: page.title,
      url: page.url + (heading ? "#" + heading.id : ""),
      heading: heading ? heading.title : null,
      section: section ? section[1] : null,
      snippet: snippet
    };
  };

  var state = { index: null, failed: false, script: null, waiting: [] };

  // Adds the index script to the page once; calls back with the index, or null.
  function loadIndex(src, done) {
    if (state.index || state.failed) {
      done(state.index);
      return;
    }
    state.waiting.push(done);
    if (state.script) {
      return;
    }
    var finish = function () {
      var raw = window[GLOBAL];
      if (raw && raw.version === VERSION) {
        state.index = new Index(raw);
      } else {
        state.failed = true;
      }
      var waiting = state.waiting;
      state.waiting = [];
      for (var w = 0; w < waiting.length; w++) {
        waiting[w](state.index);
      }
    };
    if (window[GLOBAL]) {
      finish();
      return;
    }
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = finish;
    script.onerror = finish;
    state.script = script;
    document.head.appendChild(script);
  }

  /* ------------------------------------------------------------ showing results */

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  // Appends `text` to `parent`, the words that match the query in <mark>: text nodes only.
  function highlight(parent, text, query) {
    var at = 0;
    var match;
    WORD_RUN.lastIndex = 0;
    while ((match = WORD_RUN.exec(text)) !== null) {
      if (tokenMatches(match[0], query)) {
        if (match.index > at) {
          parent.appendChild(document.createTextNode(text.slice(at, match.index)));
        }
        parent.appendChild(element("mark", "", match[0]));
        at = match.index + match[0].length;
      }
    }
    if (at < text.length) {
      parent.appendChild(document.createTextNode(text.slice(at)));
    }
    return parent;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function isTyping(target) {
    if (!target || !target.tagName) {
      return false;
    }
    var name = target.tagName;
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" || target.isContentEditable;
  }

  /* ------------------------------------------------------------ the header's box */

  function SearchBox(form) {
    var self = this;
    this.form = form;
    this.input = form.querySelector("input[name=q]");
    this.root = form.getAttribute("data-gw-root") || "";
    this.src = form.getAttribute("data-gw-index");
    this.items = [];
    this.active = -1;
    this.query = null;

    var input = this.input;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", "gw-search-listbox");

    this.popup = element("div", "gw-search-popup");
    this.popup.id = "gw-search-popup";
    this.popup.hidden = true;
    this.list = element("ul", "gw-search-listbox");
    this.list.id = "gw-search-listbox";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Search results");
    this.message = element("p", "gw-search-message");
    this.popup.appendChild(this.list);
    this.popup.appendChild(this.message);
    this.status = element("div", "gw-vh");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    form.appendChild(this.popup);
    form.appendChild(this.status);

    // The index is asked for once, when the box is first used; results follow when it came.
    var requested = false;
    var load = function () {
      if (requested) {
        return;
      }
      requested = true;
      loadIndex(self.src, function () {
        self.update();
      });
    };
    input.addEventListener("focus", load);
    input.addEventListener("keydown", function (event) {
      load();
      self.key(event);
    });
    input.addEventListener("input", function () {
      self.update();
    });
    this.list.addEventListener("mousedown", function (event) {
      // Keep the focus in the box while a result is clicked.
      event.preventDefault();
    });
    this.list.addEventListener("click", function (event) {
      var option = event.target.closest ? event.target.closest("[role=option]") : null;
      if (option) {
        self.go(Number(option.getAttribute("data-item")));
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) {
        self.close();
      }
    });
  }

  SearchBox.prototype.update = function () {
    var typed = this.input.value;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    if (!typed.trim()) {
      this.close();
      this.announce("");
      return;
    }
    if (!state.index) {
      if (state.failed) {
        this.show([], "The search index could not be loaded.");
      }
      return;
    }
    var index = state.index;
    var query = parseQuery(typed, index.stop);
    this.query = query;
    var found = query.words.length ? index.search(query, function () {
      return true;
    }) : [];
    var items = [];
    for (var r = 0; r < found.length && r < LIVE_RESULTS; r++) {
      var d = index.describe(found[r].page, query);
      d.href = this.root + d.url;
      items.push(d);
    }
    if (found.length) {
      items.push({
        all: true,
        href: this.allResults(typed),
        title: found.length > LIVE_RESULTS
          ? "See all " + found.length + " results"
          : "Open the search page"
      });
    }
    this.show(items, found.length ? "" : "No pages match “" + typed.trim() + "”.");
    this.announce(found.length ? plural(found.length, "result", "results") +
      (found.length > LIVE_RESULTS ? ", " + LIVE_RESULTS + " shown" : "") : "No results");
  };

  SearchBox.prototype.allResults = function (typed) {
    return this.form.getAttribute("action") + "?q=" + encodeURIComponent(typed.trim());
  };

  SearchBox.prototype.show = function (items, message) {
    this.items = items;
    this.list.textContent = "";
    for (var n = 0; n < items.length; n++) {
      var item = items[n];
      var option = element("li", "gw-search-option" + (item.all ? " gw-search-option-all" : ""));
      option.id = "gw-search-option-" + n;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-item", String(n));
      if (item.all) {
        option.textContent = item.title;
      } else {
        var title = highlight(element("span", "gw-search-option-title"), item.title, this.query);
        if (item.heading) {
          title.appendChild(document.createTextNode(" › "));
          highlight(title, item.heading, this.query);
        }
        option.appendChild(title);
        if (item.section) {
          option.appendChild(element("span", "gw-search-option-section", item.section));
        }
        option.appendChild(highlight(element("span", "gw-search-option-snippet"), item.snippet, this.query));
      }
      this.list.appendChild(option);
    }
    this.list.hidden = !items.length;
    this.message.textContent = message || "";
    this.message.hidden = !message;
    this.popup.hidden = false;
    this.input.setAttribute("aria-expanded", items.length ? "true" : "false");
  };

  SearchBox.prototype.close = function () {
    this.popup.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  SearchBox.prototype.announce = function (text) {
    var status = this.status;
    clearTimeout(this.announcing);
    this.announcing = setTimeout(function () {
      status.textContent = text;
    }, text ? 400 : 0);
  };

  SearchBox.prototype.select = function (n) {
    var options = this.list.children;
    for (var o = 0; o < options.length; o++) {
      options[o].setAttribute("aria-selected", o === n ? "true" : "false");
    }
    this.active = n;
    if (n >= 0 && options[n]) {
      this.input.setAttribute("aria-activedescendant", options[n].id);
      if (options[n].scrollIntoView) {
        options[n].scrollIntoView({ block: "nearest" });
      }
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  SearchBox.prototype.go = function (n) {
    var item = this.items[n];
    if (item) {
      window.location.href = item.href;
    }
  };

  SearchBox.prototype.key = function (event) {
    var open = !this.popup.hidden && this.items.length > 0;
    var count = this.items.length;
    switch (event.key) {
      case "ArrowDown":
      case "Down":
        if (!open) {
          this.update();
          return;
        }
        event.preventDefault();
        this.select(this.active + 1 >= count ? 0 : this.active + 1);
        break;
      case "ArrowUp":
      case "Up":
        if (!open) {
          return;
        }
        event.preventDefault();
        this.select(this.active <= 0 ? count - 1 : this.active - 1);
        break;
      case "Enter":
        if (open && this.active >= 0) {
          event.preventDefault();
          this.go(this.active);
        }
        // Otherwise the form is sent: the search page opens with ?q=.
        break;
      case "Escape":
      case "Esc":
        if (!this.popup.hidden) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = "";
          this.announce("");
        }
        break;
      default:
        break;
    }
  };

  /* ------------------------------------------------------------ the search page */

  function SearchPage(form) {
    var self = this;
    this.form = form;
    this.input = form.querySelector("input[name=q]");
    this.section = form.querySelector("select[name=section]");
    this.competency = form.querySelector("select[name=competency]");
    this.root = form.getAttribute("data-gw-root") || "";
    this.status = document.getElementById("gw-search-status");
    this.results = document.getElementById("gw-search-results");
    this.more = document.getElementById("gw-search-more");
    this.shown = PAGE_RESULTS;

    var params = new URLSearchParams(window.location.search);
    this.input.value = params.get("q") || "";
    choose(this.section, params.get("section"));
    choose(this.competency, params.get("competency"));

    this.say("Loading the search index…");
    loadIndex(form.getAttribute("data-gw-index"), function () {
      self.run(false);
    });

    var timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        self.run(true);
      }, 120);
    });
    var changed = function () {
      self.run(true);
    };
    if (this.section) {
      this.section.addEventListener("change", changed);
    }
    if (this.competency) {
      this.competency.addEventListener("change", changed);
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.run(true);
    });
    if (this.more) {
      this.more.addEventListener("click", function () {
        var first = self.shown;
        self.shown += PAGE_RESULTS;
        self.render(first);
      });
    }
    if (!this.input.value) {
      this.input.focus();
    }
  }

  function choose(select, value) {
    if (!select || !value) {
      return;
    }
    for (var o = 0; o < select.options.length; o++) {
      if (select.options[o].value === value) {
        select.selectedIndex = o;
        return;
      }
    }
  }

  SearchPage.prototype.say = function (text) {
    if (this.status) {
      this.status.textContent = text;
    }
  };

  SearchPage.prototype.remember = function () {
    var params = new URLSearchParams();
    if (this.input.value.trim()) {
      params.set("q", this.input.value.trim());
    }
    if (this.section && this.section.value) {
      params.set("section", this.section.value);
    }
    if (this.competency && this.competency.value) {
      params.set("competency", this.competency.value);
    }
    var search = params.toString();
    try {
      window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    } catch (e) {
      // Some browsers refuse to change a file:// address; the results are shown anyway.
    }
  };

  SearchPage.prototype.run = function (remember) {
    if (remember) {
      this.remember();
    }
    var index = state.index;
    if (!index) {
      this.say("The search index could not be loaded, so search does not work here.");
      return;
    }
    var typed = this.input.value;
    var query = parseQuery(typed, index.stop);
    var section = -1;
    var competency = -1;
    var n;
    if (this.section && this.section.value) {
      for (n = 0; n < index.sections.length; n++) {
        if (index.sections[n][0] === this.section.value) {
          section = n;
        }
      }
    }
    if (this.competency && this.competency.value) {
      for (n = 0; n < index.competencies.length; n++) {
        if (index.competencies[n][0] === this.competency.value) {
          competency = n;
        }
      }
    }
    var filtered = section >= 0 || competency >= 0;
    var keep = function (page) {
      return (section < 0 || page.section === section) &&
        (competency < 0 || page.competencies.indexOf(competency) >= 0);
    };
    this.query = query;
    this.found = query.words.length || filtered ? index.search(query, keep) : [];
    this.shown = PAGE_RESULTS;
    this.results.textContent = "";
    this.render(0);
    var what = typed.trim() && query.words.length ? " for “" + typed.trim() + "”" : "";
    if (!typed.trim() && !filtered) {
      this.say("Type a word to search the guide.");
    } else if (!this.found.length) {
      this.say("No results" + what + (filtered ? " with these filters." : "."));
    } else {
      this.say(plural(this.found.length, "result", "results") + what + ".");
    }
  };

  SearchPage.prototype.render = function (from) {
    var index = state.index;
    var focus = null;
    for (var r = from; r < this.found.length && r < this.shown; r++) {
      var d = index.describe(this.found[r].page, this.query);
      var item = element("li", "gw-search-result");
      var heading = element("h2", "gw-search-result-title");
      var link = element("a");
      link.href = this.root + d.url;
      highlight(link, d.title, this.query);
      if (d.heading) {
        link.appendChild(document.createTextNode(" › "));
        highlight(link, d.heading, this.query);
      }
      heading.appendChild(link);
      item.appendChild(heading);
      if (d.section) {
        item.appendChild(element("p", "gw-search-result-section", d.section));
      }
      if (d.snippet) {
        item.appendChild(highlight(element("p", "gw-search-result-snippet"), d.snippet, this.query));
      }
      this.results.appendChild(item);
      if (r === from && from > 0) {
        focus = link;
      }
    }
    if (this.more) {
      this.more.hidden = this.found.length <= this.shown;
    }
    if (focus) {
      focus.focus();
    }
  };

  /* ------------------------------------------------------------ start */

  var page = document.querySelector("form[data-gw-search-page]");
  var box = document.querySelector("form.gw-search[data-gw-index]");
  if (page && page.querySelector("input[name=q]")) {
    new SearchPage(page);
  }
  if (box && box.querySelector("input[name=q]")) {
    new SearchBox(box);
  }

  // `/` focuses the search box, unless someone is typing in a field.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) {
      return;
    }
    var target = (page || box) && (page || box).querySelector("input[name=q]");
    if (target) {
      event.preventDefault();
      target.focus();
      target.select();
    }
  });

  // For the tests: the folding and query parsing that src/search/text.rs and query.rs mirror,
  // and the page numbers a query finds once the index is loaded (null before).
  window.guidewrightSearchText = {
    fold: fold,
    parseQuery: parseQuery,
    pages: function (typed) {
      if (!state.index) {
        return null;
      }
      var query = parseQuery(typed, state.index.stop);
      return state.index.search(query, function () {
        return true;
      }).map(function (r) {
        return r.page;
      });
    }
  };
})();
