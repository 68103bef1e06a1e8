/* brandhall card lists (品牌库, 典型案例): filters with live counts, sorting, the active
 * filters as removable chips, the state in the URL (?sector=…&sort=…), Back undoes the
 * last change.
 *
 * The page holds its filter form and its first cards from the start (render/cardlist.py);
 * this script changes nothing until the reader touches the form or the URL names a filter.
 * It then loads the list's filter index (per card: facet value ids, sort ranks, folded
 * names) once, and answers each change by one pass over it in the chosen order, counting
 * every option on the way. Only the cards on screen are rendered; what they show comes in
 * small chunks (cards/<k>.js) fetched for those cards alone: until a chunk arrives its
 * cards are placeholders of the same size and the list stays aria-busy. Card nodes are
 * kept and reused, and only what changed is written to the page (counts, chips, options),
 * so an answer costs little style and layout work. */
(function () {
  "use strict";

  function fold(text) {
    // As render/cardlist.py folds the records: ｘｆ → xf, no spaces, lower case.
    return (text.normalize ? text.normalize("NFKC") : text).toLowerCase().replace(/\s+/g, "");
  }

  function init() {
    var form = document.getElementById("bh-filters");
    var grid = document.getElementById("bh-grid");
    if (!form || !grid || !window.URLSearchParams) return;
    var listName = form.getAttribute("data-list");
    var noun = form.getAttribute("data-noun") || "";
    var dataSrc = form.getAttribute("data-src");
    var root = dataSrc.replace(/[^\/]*$/, "") + "../";
    var fileUrls = /\.html$/.test(window.location.pathname);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
    var query = document.getElementById("bh-q");
    var sortEl = document.getElementById("bh-sort");
    var countEl = document.getElementById("bh-count");
    var chipsEl = document.getElementById("bh-chips");
    var emptyEl = document.getElementById("bh-empty");
    var emptyWhat = document.getElementById("bh-empty-what");
    var emptyActions = document.getElementById("bh-empty-actions");
    var moreEl = document.getElementById("bh-more");
    var pager = document.getElementById("bh-pager");
    var serverCards = Array.prototype.slice.call(grid.childNodes);
    // Card nodes by record: the page's own cards first (records first, first + 1, …).
    var nodes = {}, first = Number(grid.getAttribute("data-first")) || 0;
    Array.prototype.forEach.call(grid.children, function (node, i) { nodes[first + i] = node; });
    var dataDir = dataSrc.replace(/[^\/?]*(\?.*)?$/, ""), dataQuery = (dataSrc.match(/\?.*$/) || [""])[0];
    var chunks = {}, chunkSize = 1;
    var chipsKey = null;
    var serverCount = countEl.textContent;
    var serverMode = true;

    var data = null, records = null, facetIndex = [], valueIds = [], orders = {}, sortDesc = {};
    var loading = false, waiting = [];
    var limit = 0, lastMatches = [], scheduled = false, typing = false;

    // A script, not fetch(): the offline copy is opened from file://.
    function addScript(src, onload, onerror) {
      var script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = onload;
      script.onerror = onerror;
      document.head.appendChild(script);
    }

    function load(then) {
      if (data) { if (then) then(); return; }
      if (then) waiting.push(then);
      if (loading) return;
      loading = true;
      addScript(dataSrc, function () {
        prepare(window.brandhallCards[listName]);
        var fns = waiting; waiting = [];
        fns.forEach(function (fn) { fn(); });
      }, function () { loading = false; });
    }

    // What the cards of chunk k show: loaded once, then every placeholder of it filled.
    function loadChunk(k) {
      if (chunks[k]) return;
      chunks[k] = "loading";
      addScript(dataDir + "cards/" + k + ".js" + dataQuery, function () {
        var key = listName + "/" + k;
        chunks[k] = window.brandhallCards[key];
        delete window.brandhallCards[key];
        fillPlaceholders();
      }, function () {
        delete chunks[k];
        fillPlaceholders();
      });
    }

    function fillPlaceholders() {
      var waitingCards = grid.querySelectorAll(".bh-card-wait"), left = 0;
      for (var i = 0; i < waitingCards.length; i++) {
        var ph = waitingCards[i], rec = Number(ph.getAttribute("data-rec"));
        var chunk = chunks[Math.floor(rec / chunkSize)];
        if (typeof chunk === "object") grid.replaceChild(cardFor(rec), ph);
        else if (chunk === "loading") left++;
      }
      if (!left && !scheduled) grid.removeAttribute("aria-busy");
    }

    function prepare(d) {
      data = d;
      chunkSize = d.chunk;
      // records[i] = [value ids per facet, rank per order, folded names]
      records = new Array(d.count);
      for (var i = 0; i < d.count; i++) {
        var fs = new Array(d.f.length), ss = new Array(d.s.length), j, v;
        for (j = 0; j < d.f.length; j++) {
          v = d.f[j][i];
          fs[j] = typeof v === "number" ? (v < 0 ? [] : [v]) : v;
        }
        for (j = 0; j < d.s.length; j++) ss[j] = d.s[j][i];
        records[i] = [fs, ss, d.t[i]];
      }
      d.f = d.s = d.t = null;
      limit = d.pageSize;
      var keys = d.facets.map(function (f) { return f.key; });
      facetIndex = selects.map(function (sel) { return keys.indexOf(sel.name); });
      valueIds = d.facets.map(function (f) {
        var ids = {};
        f.values.forEach(function (v, i) { ids[v] = i; });
        return ids;
      });
      d.sorts.forEach(function (s, i) { sortDesc[s.key] = { desc: s.desc, pos: i }; });
      selects.forEach(function (sel) {
        Array.prototype.forEach.call(sel.options, function (opt) {
          opt.setAttribute("data-label", opt.textContent.replace(/（\d+）$/, ""));
        });
      });
    }

    // The records in one order, computed once per order: a change never sorts.
    function order(key) {
      if (orders[key]) return orders[key];
      var n = records.length, idx = new Array(n), i;
      for (i = 0; i < n; i++) idx[i] = i;
      var spec = sortDesc[key];
      if (spec) {
        var pos = spec.pos, sign = spec.desc ? -1 : 1;
        idx.sort(function (a, b) {
          var x = records[a][1][pos], y = records[b][1][pos];
          if (x !== y) return (x < y ? -1 : 1) * sign;
          return a - b;
        });
      }
      orders[key] = idx;
      return idx;
    }

    function state() {
      return {
        raw: query.value.trim(),
        q: fold(query.value),
        values: selects.map(function (sel) { return sel.value; }),
        sort: sortEl ? sortEl.value : ""
      };
    }

    function isDefault(s) {
      return !s.q && !s.sort && s.values.every(function (v) { return !v; });
    }

    // One pass: the matches in order, and for every facet the count of each value among
    // the records that pass every other filter (what choosing that value would leave).
    function compute(s) {
      var nf = data.facets.length, f, k;
      var wanted = [];
      for (k = 0; k < selects.length; k++) {
        var v = s.values[k], fi = facetIndex[k];
        if (v && fi >= 0) {
          var id = valueIds[fi][v];
          wanted.push([fi, id === undefined ? -2 : id]);
        }
      }
      var counts = [], totals = new Array(nf);
      for (f = 0; f < nf; f++) { counts.push(new Int32Array(data.facets[f].values.length)); totals[f] = 0; }
      var idx = order(s.sort), matches = [], q = s.q;
      for (var n = 0; n < idx.length; n++) {
        var r = records[idx[n]];
        if (q && r[2].indexOf(q) === -1) continue;
        var fails = 0, failAt = -1;
        for (k = 0; k < wanted.length; k++) {
          if (r[0][wanted[k][0]].indexOf(wanted[k][1]) === -1) {
            fails++;
            failAt = wanted[k][0];
            if (fails > 1) break;
          }
        }
        if (fails > 1) continue;
        var vals;
        if (fails === 0) {
          matches.push(idx[n]);
          for (f = 0; f < nf; f++) {
            vals = r[0][f];
            for (k = 0; k < vals.length; k++) counts[f][vals[k]]++;
            totals[f]++;
          }
        } else {
          vals = r[0][failAt];
          for (k = 0; k < vals.length; k++) counts[failAt][vals[k]]++;
          totals[failAt]++;
        }
      }
      return { matches: matches, counts: counts, totals: totals };
    }

    function pageUrl(src) {
      if (fileUrls) return root + src.replace(/\.md$/, ".html");
      return root + src.replace(/(^|\/)index\.md$/, "$1").replace(/\.md$/, "/");
    }

    function el(tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) node.className = cls;
      if (text) node.textContent = text;
      return node;
    }

    // The same markup as card_html() in render/cardlist.py.
    function cardEl(r) {
      var card = el("article", "bh-card");
      var logo = el("div", "bh-card-logo");
      if (r[2][0] === "img") {
        var img = el("img", "bh-card-img");
        img.src = root + r[2][1];
        img.alt = r[2][2];
        img.loading = "lazy";
        img.width = 64;
        img.height = 64;
        logo.appendChild(img);
      } else {
        var mono = el("span", "bh-card-img bh-monogram " + r[2][2], r[2][1]);
        mono.setAttribute("aria-hidden", "true");
        logo.appendChild(mono);
      }
      card.appendChild(logo);
      var body = el("div", "bh-card-body");
      var heading = el("h2");
      var link = el("a", "", typeof r[1] === "string" ? r[1] : "");
      // The title cut into words (pieces_md() in render/cardlist.py): a line wraps only
      // between them.
      if (typeof r[1] !== "string") {
        r[1].forEach(function (w) {
          if (!w.trim()) link.appendChild(document.createTextNode(" "));
          else if (Array.from(w).length > 1) link.appendChild(el("span", "bh-w", w));
          else link.appendChild(document.createTextNode(w));
        });
      }
      link.href = pageUrl(r[0]);
      heading.appendChild(link);
      body.appendChild(heading);
      r[3].forEach(function (line) {
        var p = el("p", line[0]);
        line[1].forEach(function (part) {
          if (typeof part === "string") { p.appendChild(document.createTextNode(part)); return; }
          var span = el("span", part[1], part[0]);
          if (part[2]) { span.setAttribute("role", "img"); span.setAttribute("aria-label", part[2]); }
          if (part[3]) span.title = part[3];
          p.appendChild(span);
        });
        body.appendChild(p);
      });
      card.appendChild(body);
      return card;
    }

    // The card of record i: kept once built; a placeholder while its chunk is on its way.
    function cardFor(i) {
      if (nodes[i]) return nodes[i];
      var k = Math.floor(i / chunkSize), chunk = chunks[k];
      if (typeof chunk === "object") return (nodes[i] = cardEl(chunk[i - k * chunkSize]));
      loadChunk(k);
      var ph = el("article", "bh-card bh-card-wait");
      ph.setAttribute("data-rec", i);
      ph.setAttribute("aria-hidden", "true");
      return ph;
    }

    // The grid holds exactly these nodes; untouched if it already does.
    function setCards(list) {
      var kids = grid.children, same = kids.length === list.length;
      for (var i = 0; same && i < list.length; i++) same = kids[i] === list[i];
      if (same) return;
      if (grid.replaceChildren) { grid.replaceChildren.apply(grid, list); return; }
      grid.textContent = "";
      list.forEach(function (node) { grid.appendChild(node); });
    }

    function setText(node, text) {
      if (node.textContent !== text) node.textContent = text;
    }

    function optionLabel(opt) {
      return opt.getAttribute("data-label") || opt.textContent.replace(/（\d+）$/, "");
    }

    function labelOf(control) {
      var label = form.querySelector("label[for='" + control.id + "']");
      return label ? label.textContent.trim() : control.name;
    }

    function active(s) {
      var out = [];
      if (s.q) out.push({ control: query, text: labelOf(query) + "：" + s.raw, facet: -1 });
      selects.forEach(function (sel, k) {
        if (!sel.value) return;
        out.push({
          control: sel,
          text: labelOf(sel) + "：" + optionLabel(sel.options[sel.selectedIndex]),
          facet: facetIndex[k]
        });
      });
      return out;
    }

    function clearControl(control) {
      control.value = "";
      typing = false;
      update("push");
    }

    function renderChips(items) {
      var key = items.map(function (i) { return i.text; }).join("\u0001");
      if (key === chipsKey) return;
      chipsKey = key;
      chipsEl.textContent = "";
      items.forEach(function (item) {
        var chip = el("button", "bh-chip", item.text);
        chip.type = "button";
        chip.setAttribute("aria-label", "取消筛选 " + item.text);
        var x = el("span", "bh-chip-x", "×");
        x.setAttribute("aria-hidden", "true");
        chip.appendChild(x);
        chip.addEventListener("click", function () {
          clearControl(item.control);
          var next = chipsEl.querySelector("button");
          (next || item.control).focus();
        });
        chipsEl.appendChild(chip);
      });
      chipsEl.hidden = items.length === 0;
    }

    function renderEmpty(items, result) {
      emptyWhat.textContent = items.length
        ? "当前条件：" + items.map(function (i) { return i.text; }).join("；") + "。"
        : "";
      emptyActions.textContent = "";
      items.forEach(function (item) {
        var n = item.facet >= 0 ? result.totals[item.facet] : null;
        if (n === 0) return;
        var b = el("button", "md-button bh-relax",
          "去掉“" + item.text + "”" + (n === null ? "" : "（" + n + " 个" + noun + "）"));
        b.type = "button";
        b.addEventListener("click", function () { clearControl(item.control); });
        emptyActions.appendChild(b);
      });
    }

    function updateOptions(result) {
      selects.forEach(function (sel, k) {
        var fi = facetIndex[k];
        if (fi < 0) return;
        var counts = result.counts[fi], ids = valueIds[fi], total = result.totals[fi];
        Array.prototype.forEach.call(sel.options, function (opt) {
          var n = opt.value ? (ids[opt.value] === undefined ? 0 : counts[ids[opt.value]]) : total;
          var text = optionLabel(opt) + "（" + n + "）";
          // The option's own text node: no new nodes, and the select's width is fixed.
          if (opt.firstChild && opt.firstChild.nodeType === 3) {
            if (opt.firstChild.data !== text) opt.firstChild.data = text;
          } else if (opt.textContent !== text) opt.textContent = text;
          var off = n === 0 && opt.value !== sel.value && opt.value !== "";
          if (opt.disabled !== off) opt.disabled = off;
        });
      });
    }

    function showCards(from) {
      var end = Math.min(limit, lastMatches.length), i;
      if (from === 0) {
        var list = new Array(end);
        for (i = 0; i < end; i++) list[i] = cardFor(lastMatches[i]);
        setCards(list);
      } else {
        var frag = document.createDocumentFragment();
        for (i = from; i < end; i++) frag.appendChild(cardFor(lastMatches[i]));
        grid.appendChild(frag);
      }
      if (grid.querySelector(".bh-card-wait")) grid.setAttribute("aria-busy", "true");
      var rest = lastMatches.length - end;
      moreEl.hidden = rest <= 0;
      if (rest > 0) moreEl.textContent = "显示更多（还有 " + rest + " 个" + noun + "）";
    }

    function render() {
      scheduled = false;
      var started = window.performance ? performance.now() : 0;
      var s = state();
      var items = active(s);
      renderChips(items);
      selects.forEach(function (sel) { sel.classList.toggle("bh-active", !!sel.value); });
      query.classList.toggle("bh-active", !!s.q);
      if (isDefault(s)) {
        // The page as served: its own cards and its pager.
        if (!serverMode) {
          grid.textContent = "";
          serverCards.forEach(function (node) { grid.appendChild(node); });
          serverMode = true;
        }
        setText(countEl, serverCount);
        if (pager) pager.hidden = false;
        moreEl.hidden = true;
        emptyEl.hidden = true;
        if (data) updateOptions(compute(s));
        grid.removeAttribute("aria-busy");
        if (started) grid.setAttribute("data-render-ms", (performance.now() - started).toFixed(1));
        return;
      }
      if (!data) {
        grid.setAttribute("aria-busy", "true");
        load(render);
        return;
      }
      var result = compute(s);
      lastMatches = result.matches;
      limit = data.pageSize;
      serverMode = false;
      if (pager) pager.hidden = true;
      showCards(0);
      var shown = lastMatches.length, all = data.count;
      var filtered = items.length > 0;
      setText(countEl, filtered
        ? "找到 " + shown + " 个" + noun + "（共 " + all + " 个）"
        : "共 " + all + " 个" + noun);
      if (emptyEl.hidden !== (shown !== 0)) emptyEl.hidden = shown !== 0;
      if (shown === 0) renderEmpty(items, result);
      updateOptions(result);
      // Busy until every card on screen has its text (fillPlaceholders ends it).
      if (!grid.querySelector(".bh-card-wait")) grid.removeAttribute("aria-busy");
      else grid.setAttribute("aria-busy", "true");
      // For benchmarks/bench_gallery.py: the script's own time for this answer.
      if (started) grid.setAttribute("data-render-ms", (performance.now() - started).toFixed(1));
    }

    function schedule() {
      if (scheduled) return;
      scheduled = true;
      grid.setAttribute("aria-busy", "true");
      // Several keystrokes within one frame are answered once.
      (window.requestAnimationFrame || window.setTimeout)(render);
    }

    function writeUrl(mode) {
      var s = state();
      var params = new URLSearchParams();
      if (s.raw) params.set("q", s.raw);
      selects.forEach(function (sel) { if (sel.value) params.set(sel.name, sel.value); });
      if (s.sort) params.set("sort", s.sort);
      var qs = params.toString();
      var url = window.location.pathname + (qs ? "?" + qs : "") + window.location.hash;
      if (url === window.location.pathname + window.location.search + window.location.hash) return;
      // Each filter change is a step Back can undo; typing a name is one step.
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    }

    function update(mode) {
      writeUrl(mode);
      // A choice is answered at once; keystrokes are answered once per frame.
      if (typing) schedule();
      else render();
    }

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      query.value = params.get("q") || "";
      selects.forEach(function (sel) {
        var v = params.get(sel.name) || "";
        var known = Array.prototype.some.call(sel.options, function (o) { return o.value === v; });
        sel.value = known ? v : "";
      });
      if (sortEl) {
        var sv = params.get("sort") || "";
        var knownSort = Array.prototype.some.call(sortEl.options, function (o) { return o.value === sv; });
        sortEl.value = knownSort ? sv : "";
      }
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); });
    // The data is small next to a page of cards, but only wanted once the reader acts.
    form.addEventListener("focusin", function () { load(null); });
    form.addEventListener("pointerdown", function () { load(null); });
    form.addEventListener("change", function (e) {
      if (e.target === query) return;
      typing = false;
      update("push");
    });
    query.addEventListener("input", function () {
      var mode = typing ? "replace" : "push";
      typing = true;
      update(mode);
    });
    form.addEventListener("reset", function () {
      // 清除筛选 clears the filters, not the chosen order.
      var order = sortEl ? sortEl.value : "";
      window.setTimeout(function () {
        if (sortEl) sortEl.value = order;
        typing = false;
        update("push");
      }, 0);
    });
    emptyEl.addEventListener("click", function (e) {
      if (e.target.hasAttribute && e.target.hasAttribute("data-clear")) form.reset();
    });
    moreEl.addEventListener("click", function () {
      var from = Math.min(limit, lastMatches.length);
      limit += data.pageSize;
      showCards(from);
    });
    window.addEventListener("popstate", function () {
      typing = false;
      readUrl();
      schedule();
    });
    readUrl();
    if (!isDefault(state())) render();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
