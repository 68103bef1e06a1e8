/* brandhall site search: a header box (keys s and /) and the full search page (搜索),
 * both on the site's own index the build writes into bhsearch/ (bhsearch.js is the
 * engine). The index is loaded on the first search only, a few small files a query;
 * nothing is fetched from anywhere but this site. Result text is built from text nodes;
 * only the engine's <mark> is kept as an element. */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);
  var engine = null;
  var loading = null;
  var HEADER_LIMIT = 8;
  var PAGE_STEP = 20;
  var SENTINEL = "bhzzidx";

  function load() {
    if (engine) return Promise.resolve(engine);
    if (!loading) {
      loading = import(new URL("bhsearch/bhsearch.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 36 }).then(function () {
          return pf.init();
        }).then(function () {
          engine = pf;
          return pf;
        });
      });
    }
    return loading;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  /* The engine's excerpt as DOM: its text, with <mark> kept and every other tag dropped. */
  function excerpt(html) {
    var out = el("p", "bh-hit-excerpt");
    var doc = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
    (function walk(node, into) {
      Array.prototype.forEach.call(node.childNodes, function (child) {
        if (child.nodeType === 3) into.appendChild(document.createTextNode(child.nodeValue));
        else if (child.nodeType === 1 && child.tagName === "MARK") {
          var m = el("mark");
          walk(child, m);
          into.appendChild(m);
        } else if (child.nodeType === 1) walk(child, into);
      });
    })(doc.body.firstChild, out);
    return out;
  }

  /* --- a query that only partly matches says so -------------------------------------
   * When no page holds every term of a query, the engine returns the pages that hold
   * some. The query is split into words (Intl.Segmenter) and each shown result is
   * checked for every word, so the reader is told when none of them holds all the
   * words, and which words a result lacks. */
  // Made on the first search: a Chinese word segmenter loads ICU's dictionary, ~100 ms
  // of main-thread work that would otherwise block every page's load (Lighthouse TBT).
  var wordSegmenter;
  function segmenter() {
    if (wordSegmenter === undefined) {
      wordSegmenter = typeof Intl !== "undefined" && Intl.Segmenter
        ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
    }
    return wordSegmenter;
  }

  function squash(text) {
    return String(text || "").toLocaleLowerCase().replace(/[\s\u200b]+/g, "");
  }

  function queryTerms(q) {
    var seg = segmenter();
    var words = seg
      ? Array.from(seg.segment(q)).filter(function (s) { return s.isWordLike; })
        .map(function (s) { return s.segment; })
      : q.split(/\s+/);
    var seen = {};
    return words.map(squash).filter(function (w) {
      if (!w || seen[w]) return false;
      seen[w] = true;
      return true;
    });
  }

  /* The query words a result's page does not contain (its text, title and hidden words). */
  function lacking(data, terms) {
    var text = squash((data.content || "") + " " + ((data.meta || {}).title || ""));
    return terms.filter(function (t) { return text.indexOf(t) === -1; });
  }

  function quoted(words) {
    return words.map(function (w) { return "“" + w + "”"; }).join("");
  }

  /* The note above the results; empty when a shown result holds every word. */
  function partialNote(node, terms, datas) {
    var partial = terms.length > 1 && datas.length > 0 && datas.every(function (d) {
      return d.bhLacking.length > 0;
    });
    node.hidden = !partial;
    node.textContent = partial
      ? "没有同时包含全部词语（" + quoted(terms) + "）的结果，以下结果只包含其中部分词语。"
      : "";
  }

  /* --- a page that holds the query as written comes first ----------------------------
   * The engine ranks by its terms (pairs of characters) and where on a page they are; a
   * reader who types a brand's name, a case's title or a phrase expects the page that
   * holds exactly that first. Tiers, each in the engine's order: the title is the
   * query, the title holds it, the text holds it, the rest. Each result looked at is one
   * more fetch (its record, ~3 KB), so only the first LOOKAHEAD are (the header shows 8;
   * tests/test_search_quality.py holds the ranking to account). */
  var LOOKAHEAD = 12;

  function tierOf(d, key) {
    var title = squash((d.meta || {}).title);
    if (title === key) return 0;
    if (title.indexOf(key) !== -1) return 1;
    return squash(d.content).indexOf(key) !== -1 ? 2 : 3;
  }

  function wrap(items) {
    return items.map(function (x) { return { id: x.id, data: function () { return Promise.resolve(x.data); } }; });
  }

  function titlesFirst(results, q) {
    var key = squash(q);
    if (!key) return Promise.resolve(results);
    var head = results.slice(0, LOOKAHEAD);
    return Promise.all(head.map(function (r) { return r.data(); })).then(function (datas) {
      var items = datas.map(function (d, i) { return { data: d, tier: tierOf(d, key), id: head[i].id }; });
      items.sort(function (a, b) { return a.tier - b.tier; });  // stable: the engine's order within a tier
      return wrap(items).concat(results.slice(LOOKAHEAD));
    });
  }

  /* A plain text (the summary) as an excerpt, the query's words marked in it. */
  function marked(text, terms) {
    var out = el("p", "bh-hit-excerpt");
    var words = (terms || []).filter(function (t) { return t.length > 0; })
      .sort(function (a, b) { return b.length - a.length; });
    var lower = text.toLocaleLowerCase();
    var i = 0;
    while (i < text.length) {
      var at = -1, len = 0;
      words.forEach(function (w) {
        var k = lower.indexOf(w, i);
        if (k !== -1 && (at === -1 || k < at || (k === at && w.length > len))) { at = k; len = w.length; }
      });
      if (at === -1) { out.appendChild(document.createTextNode(text.slice(i))); break; }
      if (at > i) out.appendChild(document.createTextNode(text.slice(i, at)));
      out.appendChild(el("mark", null, text.slice(at, at + len)));
      i = at + len;
    }
    return out;
  }

  function card(data, terms) {
    var meta = data.meta || {};
    var li = el("li", "bh-hit");
    var a = el("a", "bh-hit-link");
    a.href = data.url;
    var head = el("span", "bh-hit-head");
    if (meta.logo) {
      var img = el("img", "bh-hit-logo");
      img.src = new URL(meta.logo, root).href;
      img.alt = "";
      img.width = 32;
      img.height = 32;
      head.appendChild(img);
    }
    var kind = meta.kind || "页面";
    head.appendChild(el("span", "bh-hit-kind bh-hit-kind-" + (kind === "案例" ? "case" : "brand"), kind));
    head.appendChild(el("span", "bh-hit-title", meta.title || data.url));
    a.appendChild(head);
    if (meta.brand) a.appendChild(el("span", "bh-hit-brand", "所属品牌：" + meta.brand + (meta.date ? "　" + meta.date : "")));
    // An excerpt from the hidden words (pinyin, name pieces) means nothing to a reader.
    var text = data.excerpt || "";
    if (text.indexOf(SENTINEL) !== -1 || text.indexOf("<mark>") === -1) {
      a.appendChild(marked(meta.summary || "", terms));
    } else a.appendChild(excerpt(text));
    if (data.bhLacking && data.bhLacking.length) {
      li.classList.add("bh-hit-partial");
      a.appendChild(el("span", "bh-hit-lacking", "不含：" + data.bhLacking.join("、")));
    }
    li.appendChild(a);
    return li;
  }

  /* Cards for results[from:to] into list; resolves to their data (with .bhLacking). */
  function render(list, results, from, to, terms) {
    return Promise.all(results.slice(from, to).map(function (r) { return r.data(); })).then(
      function (datas) {
        datas.forEach(function (d) {
          d.bhLacking = lacking(d, terms || []);
          list.appendChild(card(d, terms));
        });
        return datas;
      }
    );
  }

  function editable(t) {
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  /* --- the header box ------------------------------------------------------------ */
  function headerSearch() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner) return;
    var button = el("button", "md-header__button md-icon bh-search-open");
    button.type = "button";
    button.title = "搜索（快捷键 s 或 /）";
    button.setAttribute("aria-label", "搜索");
    button.innerHTML =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>' +
      '<span class="bh-search-open-text">搜索</span>';
    var anchor = inner.querySelector(".md-header__source");
    inner.insertBefore(button, anchor);

    var dialog = el("div", "bh-search");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", "站内搜索");
    dialog.hidden = true;
    var overlay = el("div", "bh-search-overlay");
    var panel = el("div", "bh-search-panel");
    var form = el("form", "bh-search-form");
    form.setAttribute("role", "search");
    var input = el("input", "bh-search-input");
    input.type = "search";
    input.name = "q";
    input.autocomplete = "off";
    input.placeholder = "搜索品牌、工作法、案例，或输入拼音首字母";
    input.setAttribute("aria-label", "搜索品牌和案例");
    form.appendChild(input);
    var status = el("p", "bh-search-status", "输入关键词开始搜索");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var note = el("p", "bh-search-partial");
    note.hidden = true;
    var list = el("ol", "bh-results");
    var more = el("a", "bh-search-more");
    more.hidden = true;
    more.href = new URL("search/", root).href; // a real link from the start (crawlable)
    panel.appendChild(form);
    panel.appendChild(status);
    panel.appendChild(note);
    panel.appendChild(list);
    panel.appendChild(more);
    dialog.appendChild(overlay);
    dialog.appendChild(panel);
    document.body.appendChild(dialog);

    var seq = 0;
    var timer = null;

    function run() {
      var q = input.value.trim();
      var mine = ++seq;
      if (!q) {
        list.textContent = "";
        status.textContent = "输入关键词开始搜索";
        note.hidden = true;
        more.hidden = true;
        return;
      }
      status.textContent = "正在搜索…";
      load().then(function (pf) { return pf.search(q); }).then(function (search) {
        if (mine !== seq || !search) return null;
        var n = 0;
        var fresh = el("ol", "bh-results");
        var terms = queryTerms(q);
        return titlesFirst(search.results, q).then(function (ranked) {
          n = ranked.length;
          return render(fresh, ranked, 0, HEADER_LIMIT, terms);
        }).then(function (datas) {
          if (mine !== seq) return;
          list.replaceWith(fresh);
          list = fresh;
          partialNote(note, terms, datas);
          status.dataset.q = q;
          status.textContent = n ? "找到 " + n + " 条结果" : "没有找到与“" + q + "”相关的品牌或案例";
          more.hidden = n === 0;
          more.href = new URL("search/?q=" + encodeURIComponent(q), root).href;
          more.textContent = n > HEADER_LIMIT ? "查看全部 " + n + " 条结果，并按行业、地区等筛选 →" : "在搜索页中筛选 →";
        });
      }).catch(function (err) {
        if (mine === seq) status.textContent = "搜索暂时不可用（" + (err && err.message ? err.message : err) + "）";
      });
    }

    function open() {
      dialog.hidden = false;
      document.documentElement.classList.add("bh-search-active");
      input.focus();
      input.select();
      load().catch(function () {});
    }

    function close() {
      dialog.hidden = true;
      document.documentElement.classList.remove("bh-search-active");
      button.focus();
    }

    button.addEventListener("click", open);
    overlay.addEventListener("click", close);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    // `input` fires once an IME commits, also for paste and voice input (no key needed).
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    dialog.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); close(); return; }
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(panel.querySelectorAll(".bh-results a, .bh-search-more"))
        .filter(function (a) { return !a.hidden; });
      if (!links.length) return;
      e.preventDefault();
      var i = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown") (i < 0 ? links[0] : links[Math.min(i + 1, links.length - 1)]).focus();
      else if (i <= 0) input.focus();
      else links[i - 1].focus();
    });
    // Capture phase, before Material's own keyboard handler sees `s` or `/`.
    document.addEventListener("keydown", function (e) {
      if (!dialog.hidden || e.ctrlKey || e.metaKey || e.altKey || editable(e.target)) return;
      if (e.key === "s" || e.key === "S" || e.key === "/") {
        e.preventDefault();
        e.stopImmediatePropagation();
        open();
      }
    }, true);
  }

  /* --- the search page ------------------------------------------------------------- */
  function searchPage() {
    var form = document.getElementById("bh-search-page");
    if (!form) return;
    var input = document.getElementById("bh-sq");
    var sortSel = document.getElementById("bh-ssort");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var count = document.getElementById("bh-scount");
    var list = document.getElementById("bh-sresults");
    var nojs = document.getElementById("bh-search-nojs");
    var note = el("p", "bh-search-partial");
    note.hidden = true;
    list.parentNode.insertBefore(note, list);
    var terms = [];
    if (nojs) nojs.hidden = true;
    var moreBtn = el("button", "md-button bh-search-next", "显示更多");
    moreBtn.type = "button";
    moreBtn.hidden = true;
    list.parentNode.insertBefore(moreBtn, list.nextSibling);

    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (s) {
      var v = params.get(s.name);
      if (v && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
    });
    if (params.get("sort")) sortSel.value = params.get("sort");

    var seq = 0;
    var current = null;
    var shown = 0;
    var timer = null;

    function state() {
      var filters = {};
      selects.forEach(function (s) { if (s.value) filters[s.name] = s.value; });
      var opts = { filters: filters };
      if (sortSel.value) {
        var parts = sortSel.value.split(":");
        opts.sort = {};
        opts.sort[parts[0]] = parts[1];
      }
      return opts;
    }

    function writeUrl() {
      var p = new URLSearchParams();
      if (input.value.trim()) p.set("q", input.value.trim());
      selects.forEach(function (s) { if (s.value) p.set(s.name, s.value); });
      if (sortSel.value) p.set("sort", sortSel.value);
      var qs = p.toString();
      history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
    }

    function counts(filters) {
      selects.forEach(function (s) {
        var c = (filters && filters[s.name]) || {};
        Array.prototype.forEach.call(s.options, function (o) {
          if (!o.dataset.label) o.dataset.label = o.textContent;
          if (!o.value) return;
          var n = c[o.value] || 0;
          o.textContent = o.dataset.label + "（" + n + "）";
          o.disabled = n === 0 && o.value !== s.value;
        });
      });
    }

    function run() {
      var mine = ++seq;
      var q = input.value.trim();
      var opts = state();
      writeUrl();
      var any = q || Object.keys(opts.filters).length || opts.sort;
      count.textContent = "正在搜索…";
      // Busy until the cards under the count are drawn (assistive tech, and tests, wait).
      list.setAttribute("aria-busy", "true");
      load().then(function (pf) {
        // No words but a filter or a sort: every page that passes, in that order.
        return pf.search(q || null, opts).then(function (search) {
          if (!any) return pf.filters().then(function (f) { return { results: [], filters: f, all: true }; });
          return search;
        });
      }).then(function (search) {
        if (mine !== seq) return null;
        current = search;
        shown = 0;
        counts(search.filters);
        list.textContent = "";
        note.hidden = true;
        terms = queryTerms(q);
        if (search.all) {
          count.textContent = "输入关键词，或选择筛选条件。";
          moreBtn.hidden = true;
          list.setAttribute("aria-busy", "false");
          return null;
        }
        var n = search.results.length;
        count.textContent = n ? "共 " + n + " 条结果" : "没有符合条件的品牌或案例。请换个关键词，或减少筛选条件。";
        return (opts.sort || Object.keys(opts.filters).length ? Promise.resolve(search.results) : titlesFirst(search.results, q)).then(function (ranked) {
          if (mine !== seq) return null;
          current = { results: ranked };
          var m = ranked.length;
          if (m !== n) count.textContent = "共 " + m + " 条结果";
          return more(mine);
        }).then(function (datas) {
          if (mine === seq && datas) partialNote(note, terms, datas);
          if (mine === seq) list.setAttribute("aria-busy", "false");
        });
      }).catch(function (err) {
        if (mine !== seq) return;
        count.textContent = "搜索暂时不可用（" + (err && err.message ? err.message : err) + "）";
        list.setAttribute("aria-busy", "false");
      });
    }

    function more(mine) {
      var from = shown;
      shown = Math.min(shown + PAGE_STEP, current.results.length);
      list.setAttribute("aria-busy", "true");
      return render(list, current.results, from, shown, terms).then(function (datas) {
        if (mine === seq) {
          moreBtn.hidden = shown >= current.results.length;
          list.setAttribute("aria-busy", "false");
        }
        return datas;
      });
    }

    moreBtn.addEventListener("click", function () { more(seq); });
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    form.addEventListener("reset", function () { setTimeout(run, 0); });
    form.addEventListener("change", run);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    run();
  }

  /* The header box's ranking without the box: brandhallSearch(q, n) resolves to the first
   * n results as {url, title} (the relevance test asks hundreds of queries through it). */
  window.brandhallSearch = function (q, n) {
    return load().then(function (pf) { return pf.search(q); }).then(function (search) {
      return titlesFirst(search.results, q);
    }).then(function (ranked) {
      return Promise.all(ranked.slice(0, n || HEADER_LIMIT).map(function (r) { return r.data(); }));
    }).then(function (datas) {
      return datas.map(function (d) { return { url: d.url, title: (d.meta || {}).title || "" }; });
    });
  };

  function init() {
    headerSearch();
    searchPage();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* ---- accessibility: tables too wide for the screen (issue 11) ------------------------
 * Material wraps each Markdown table in a horizontally scrolling .md-typeset__scrollwrap
 * from its JavaScript. On a phone a wide table scrolls, and a keyboard user can only
 * scroll what can take focus (axe: scrollable-region-focusable): the scrolling wrapper
 * becomes a focusable, named region. */
(function () {
  "use strict";
  // Pages without Material's bundle (front matter theme_js: false) get the same two
  // wrappers its JavaScript adds, so their tables scroll and look as on every other page.
  function wrapTables() {
    if (window.document$) return;
    var tables = document.querySelectorAll(".md-typeset table:not([class])");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.parentNode.classList.contains("md-typeset__table")) continue;
      var wrap = document.createElement("div");
      wrap.className = "md-typeset__scrollwrap";
      var inner = document.createElement("div");
      inner.className = "md-typeset__table";
      table.parentNode.insertBefore(wrap, table);
      inner.appendChild(table);
      wrap.appendChild(inner);
    }
  }
  // Only a wrapper that does scroll becomes a tab stop; numbered, as landmarks need
  // distinct names (axe: landmark-unique). Checked again when the window is resized.
  function label() {
    wrapTables();
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "第 " + (i + 1) + " 个表格（可左右滚动）");
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  }
  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(label, 200);
  });
  // Material's document$ emits once its components (the table wrappers) are mounted.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(label);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", label);
  else label();
})();
