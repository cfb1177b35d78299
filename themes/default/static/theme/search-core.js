/* guidewright default theme: the pure part of search, with no page or DOM in it — folding
 * words, reading the index, finding and ranking pages, and choosing what a result shows.
 *
 * theme/search.js adds this script to the page with the index, when search is first used;
 * it defines the one global guidewrightSearchCore, and is also a Node module (module.exports),
 * which the tests in tests/js/ require.
 *
 * The constants of the index format (its digits, field bits, weights, folds and longest
 * word) travel in the index itself (src/search/script.rs), so none is written here. Folding,
 * query parsing and ranking follow src/search/text.rs and src/search/query.rs, which the
 * tests hold this script to.
 */
(function (define) {
  "use strict";
  var core = define();
  if (typeof module === "object" && module && module.exports) {
    module.exports = core;
  }
  if (typeof window === "object" && window) {
    window.guidewrightSearchCore = core;
  }
})(function () {
  "use strict";

  // The index format this script reads (src/search/mod.rs, VERSION).
  var VERSION = 2;

  // Unicode property escapes where the engine has them; older browsers get Latin only.
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
  var SENTENCE = /[^.!?…]+(?:[.!?…]+["'”’)]*|$)\s*/g;

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function length(word) {
    return Array.from ? Array.from(word).length : word.length;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // The id of a heading stored by its title alone (src/search/mod.rs, derived_id).
  function derivedId(title) {
    return title.toLowerCase().replace(/ /g, "-").replace(/[^a-z0-9_-]/g, "");
  }

  /* ------------------------------------------------------------ reading the index */

  // The index a script assigned, read: `raw` is window.guidewrightSearch.
  function Index(raw) {
    this.readConstants(raw);
    var entries = raw.terms ? raw.terms.split(",") : [];
    this.terms = new Array(entries.length);
    this.postings = new Array(entries.length);
    this.decoded = {};
    var previous = "";
    for (var n = 0; n < entries.length; n++) {
      var entry = entries[n];
      var shared = this.value[entry.charCodeAt(0)];
      var end = 1;
      while (end < entry.length && !this.isDigit(entry.charCodeAt(end))) {
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
    this.pages = (raw.pages || []).map(readPage);
  }

  // The constants of the format, from the index (src/search/script.rs, IndexFile).
  Index.prototype.readConstants = function (raw) {
    var digits = raw.digits;
    this.value = [];
    for (var d = 0; d < 128; d++) {
      this.value.push(-1);
    }
    for (var i = 0; i < digits.length; i++) {
      this.value[digits.charCodeAt(i)] = i;
    }
    this.terminal = raw.terminal;
    this.base = digits.length - raw.terminal;
    this.body = raw.fields.body;
    this.weights = raw.weights;
    this.folds = {};
    var letters = [];
    for (var f = 0; f < raw.folds.length; f++) {
      this.folds[raw.folds[f][0]] = raw.folds[f][1];
      letters.push(escapeRegExp(raw.folds[f][0]));
    }
    this.foldLetters = letters.length ? new RegExp(letters.join("|"), "g") : null;
    this.maxWord = raw.max_word;
  };

  // [title, url, section, competencies, text, headings] (src/search/script.rs, PageRecord).
  function readPage(p) {
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
  }

  Index.prototype.isDigit = function (code) {
    return code < 128 && this.value[code] >= 0;
  };

  // One number of the postings from `at`: [value, where the next begins] (src/search/encode.rs).
  Index.prototype.readNumber = function (text, at) {
    var value = 0;
    while (at < text.length) {
      var digit = this.value[text.charCodeAt(at)];
      at++;
      if (digit >= this.terminal) {
        value = value * this.base + (digit - this.terminal);
      } else {
        return [value * this.terminal + digit, at];
      }
    }
    return [value, at];
  };

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
      var read = this.readNumber(text, at);
      at = read[1];
      var page = last < 0 ? Math.floor(read[0] / 2) : last + Math.floor(read[0] / 2) + 1;
      var field = this.body;
      if (read[0] % 2 === 1) {
        read = this.readNumber(text, at);
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

  /* ------------------------------------------------------------ words */

  // Folded for matching, as the index folds words (src/search/text.rs, fold).
  Index.prototype.fold = function (text) {
    var s = String(text);
    if (s.normalize) {
      s = s.normalize("NFKD");
    }
    s = s.replace(MARKS, "").toLowerCase();
    var folds = this.folds;
    return this.foldLetters
      ? s.replace(this.foldLetters, function (c) {
        return folds[c];
      })
      : s;
  };

  // What someone typed, as words to find (src/search/query.rs, parse_query); `stop` is the
  // index's stop words unless given.
  Index.prototype.parseQuery = function (typed, stop) {
    var maxWord = this.maxWord;
    var stopWords = stop || this.stop;
    var all = this.fold(typed).split(NOT_WORD).filter(function (w) {
      return w && length(w) <= maxWord;
    });
    var useful = function (w) {
      return !has(stopWords, w) && !(w.length === 1 && w.charCodeAt(0) < 128);
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
  };

  // How many of the query's words a piece of text has.
  Index.prototype.matchedWords = function (text, query) {
    var found = 0;
    var tokens = this.fold(text).split(NOT_WORD);
    for (var w = 0; w < query.words.length; w++) {
      var word = query.words[w];
      var prefix = query.prefix && w === query.words.length - 1;
      for (var t = 0; t < tokens.length; t++) {
        if (tokens[t] === word || (prefix && tokens[t].lastIndexOf(word, 0) === 0)) {
          found++;
          break;
        }
      }
    }
    return found;
  };

  // The runs of `text` that match a word of the query, to mark: [[start, end], …].
  Index.prototype.marks = function (text, query) {
    var runs = [];
    var match;
    WORD_RUN.lastIndex = 0;
    while ((match = WORD_RUN.exec(text)) !== null) {
      if (this.matchedWords(match[0], query) > 0) {
        runs.push([match.index, match.index + match[0].length]);
      }
    }
    return runs;
  };

  /* ------------------------------------------------------------ finding and ranking */

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

  // How much a word found in these fields counts: its best field's weight.
  Index.prototype.weight = function (fields) {
    for (var w = 0; w < this.weights.length; w++) {
      if (fields & this.weights[w][0]) {
        return this.weights[w][1];
      }
    }
    return 0;
  };

  // Pages with every word, best first (src/search/query.rs, search), kept by `keep`:
  // [{page, score}, …]. With no words, every page `keep` keeps, in reading order.
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
      this.score(query.words[w], prefix, fields, scores, hits);
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

  // Adds one word's weight to the score of each page that has it and counts the hit;
  // `fields` is all zeros before and after.
  Index.prototype.score = function (word, prefix, fields, scores, hits) {
    var touched = [];
    var range = this.matching(word, prefix);
    for (var t = range[0]; t < range[1]; t++) {
      var postings = this.postingsOf(t);
      for (var k = 0; k < postings[0].length; k++) {
        var page = postings[0][k];
        if (!fields[page]) {
          touched.push(page);
        }
        fields[page] |= postings[1][k];
      }
    }
    for (var x = 0; x < touched.length; x++) {
      var p = touched[x];
      hits[p]++;
      scores[p] += this.weight(fields[p]);
      fields[p] = 0;
    }
  };

  // What a result shows: the best heading to link to, and the best sentence.
  Index.prototype.describe = function (number, query) {
    var page = this.pages[number];
    var heading = null;
    var best = this.matchedWords(page.title, query);
    for (var h = 0; h < page.headings.length; h++) {
      var n = this.matchedWords(page.headings[h].title, query);
      if (n > best) {
        best = n;
        heading = page.headings[h];
      }
    }
    var sentences = page.text.match(SENTENCE) || [page.text];
    var snippet = page.text;
    var most = 0;
    for (var s = 0; s < sentences.length; s++) {
      var m = this.matchedWords(sentences[s], query);
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

  // The index a script assigned, or null when there is none or it is of another version.
  function read(raw) {
    return raw && raw.version === VERSION ? new Index(raw) : null;
  }

  return { VERSION: VERSION, Index: Index, read: read };
});
