/* guidewright default theme: search.
 *
 * The header's search box shows live results as a combobox (arrows, Enter, Escape; Enter
 * without a chosen result opens the search page), and the search page (search/index.html)
 * reads ?q=, &section= and &competency=, shows every result with its section and a snippet,
 * and keeps the address up to date. `/` focuses the search box.
 *
 * This script is the page's half. When search is first used it adds two scripts to the page:
 * theme/search-core.js beside it (reading the index, folding, ranking: no DOM) and the index,
 * search/index.js, which assigns window.guidewrightSearch. Both load from file:// as well as
 * over HTTP. Text from the index only ever becomes text nodes, never HTML.
 */
(function () {
  "use strict";

  var GLOBAL = "guidewrightSearch";
  var CORE = "guidewrightSearchCore";
  var LIVE_RESULTS = 8;
  var PAGE_RESULTS = 50;

  // search-core.js is published beside this script.
  var here = document.currentScript || document.querySelector("script[src$='search.js']");
  var coreSrc = here ? here.src.replace(/[^\/?#]*([?#].*)?$/, "search-core.js") : "";

  var state = { index: null, failed: false, requested: false, waiting: [] };

  // Adds a script to the page unless what it defines is there; calls `done` when it ran
  // or failed.
  function addScript(src, defined, done) {
    if (window[defined]) {
      done();
      return;
    }
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = done;
    script.onerror = done;
    document.head.appendChild(script);
  }

  // Adds the core and the index to the page once; calls back with the index, or null.
  function loadIndex(src, done) {
    if (state.index || state.failed) {
      done(state.index);
      return;
    }
    state.waiting.push(done);
    if (state.requested) {
      return;
    }
    state.requested = true;
    var left = 2;
    var finish = function () {
      left--;
      if (left > 0) {
        return;
      }
      var core = window[CORE];
      state.index = core ? core.read(window[GLOBAL]) : null;
      state.failed = !state.index;
      var waiting = state.waiting;
      state.waiting = [];
      for (var w = 0; w < waiting.length; w++) {
        waiting[w](state.index);
      }
    };
    addScript(coreSrc, CORE, finish);
    addScript(src, GLOBAL, finish);
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
    var runs = state.index.marks(text, query);
    for (var r = 0; r < runs.length; r++) {
      if (runs[r][0] > at) {
        parent.appendChild(document.createTextNode(text.slice(at, runs[r][0])));
      }
      parent.appendChild(element("mark", "", text.slice(runs[r][0], runs[r][1])));
      at = runs[r][1];
    }
    if (at < text.length) {
      parent.appendChild(document.createTextNode(text.slice(at)));
    }
    return parent;
  }

  // One result, in the box and on the page alike: into `title` the page's title and the
  // heading it links to, then into `item` its section and snippet as `tag` elements named
  // `name`-section and `name`-snippet.
  function showResult(item, title, result, query, tag, name) {
    highlight(title, result.title, query);
    if (result.heading) {
      title.appendChild(document.createTextNode(" › "));
      highlight(title, result.heading, query);
    }
    if (result.section) {
      item.appendChild(element(tag, name + "-section", result.section));
    }
    if (result.snippet) {
      item.appendChild(highlight(element(tag, name + "-snippet"), result.snippet, query));
    }
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
    var query = index.parseQuery(typed);
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
        var title = option.appendChild(element("span", "gw-search-option-title"));
        showResult(option, title, item, this.query, "span", "gw-search-option");
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
    var query = index.parseQuery(typed);
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
      heading.appendChild(link);
      item.appendChild(heading);
      showResult(item, link, d, this.query, "p", "gw-search-result");
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
  // and the page numbers a query finds, once the index is loaded (null before).
  window.guidewrightSearchText = {
    fold: function (text) {
      return state.index ? state.index.fold(text) : null;
    },
    parseQuery: function (typed, stop) {
      return state.index ? state.index.parseQuery(typed, stop) : null;
    },
    pages: function (typed) {
      if (!state.index) {
        return null;
      }
      var query = state.index.parseQuery(typed);
      return state.index.search(query, function () {
        return true;
      }).map(function (r) {
        return r.page;
      });
    }
  };
})();
