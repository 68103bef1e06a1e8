/* brandhall gallery: combinable filters with live counts, sorting, the active filters as
 * removable chips; state kept in the URL (?sector=…&sort=…).
 * Without JavaScript the form stays hidden and every brand card is listed in the
 * recommended order. */
(function () {
  "use strict";

  function init() {
    var form = document.getElementById("bh-filters");
    var grid = document.querySelector(".bh-grid");
    if (!form || !grid) return;
    var cards = Array.prototype.slice.call(grid.querySelectorAll(".bh-card"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
    var query = document.getElementById("bh-q");
    var countEl = document.getElementById("bh-count");
    var emptyEl = document.getElementById("bh-empty");
    var sortEl = document.getElementById("bh-sort");
    var chipsEl = document.getElementById("bh-chips");
    var facets = selects.map(function (s) { return s.name; });

    // Sorting: every order breaks ties by the recommended rank the page was rendered in.
    var DESC = { stars: true, updated: true, cases: true, honor: true };
    function sortKey(card, key) {
      var raw = card.getAttribute("data-sort-" + key) || "";
      return key === "pinyin" ? raw : Number(raw) || 0;
    }
    function sortCards(key) {
      var sorted = cards.slice().sort(function (a, b) {
        if (key) {
          var x = sortKey(a, key), y = sortKey(b, key);
          if (x !== y) return (x < y ? -1 : 1) * (DESC[key] ? -1 : 1);
        }
        return sortKey(a, "rank") - sortKey(b, "rank");
      });
      sorted.forEach(function (card) { grid.appendChild(card); });
    }

    function labelOf(control) {
      var label = form.querySelector("label[for='" + control.id + "']");
      return label ? label.textContent.trim() : control.name;
    }

    // One chip per active filter; removing it clears that filter only.
    function renderChips(s) {
      if (!chipsEl) return;
      chipsEl.textContent = "";
      var active = [];
      if (s.q) active.push({ control: query, text: query.value.trim() });
      selects.forEach(function (sel) {
        if (!sel.value) return;
        var opt = sel.options[sel.selectedIndex];
        var text = opt.dataset.label || opt.textContent.replace(/（\d+）$/, "");
        active.push({ control: sel, text: text });
      });
      active.forEach(function (item) {
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "bh-chip";
        var what = labelOf(item.control) + "：" + item.text;
        chip.setAttribute("aria-label", "取消筛选 " + what);
        chip.textContent = what;
        var x = document.createElement("span");
        x.setAttribute("aria-hidden", "true");
        x.className = "bh-chip-x";
        x.textContent = "×";
        chip.appendChild(x);
        chip.addEventListener("click", function () {
          item.control.value = "";
          apply(true);
          var next = chipsEl.querySelector("button");
          (next || item.control).focus();
        });
        chipsEl.appendChild(chip);
      });
      chipsEl.hidden = active.length === 0;
    }

    function values(card, facet) {
      var raw = card.getAttribute("data-" + facet) || "";
      return raw ? raw.split("|") : [];
    }

    function matchesFacet(card, facet, wanted) {
      if (!wanted) return true;
      return values(card, facet).indexOf(wanted) !== -1;
    }

    function matchesQuery(card, q) {
      if (!q) return true;
      var name = (card.getAttribute("data-name") || "").toLowerCase();
      var ini = card.getAttribute("data-initials") || "";
      var py = card.getAttribute("data-pinyin") || "";
      var compact = q.replace(/\s+/g, "");
      return name.indexOf(q) !== -1 || ini.indexOf(compact) !== -1 || py.indexOf(compact) !== -1;
    }

    function state() {
      var s = { q: query.value.trim().toLowerCase() };
      selects.forEach(function (sel) { s[sel.name] = sel.value; });
      return s;
    }

    function passes(card, s, skip) {
      if (!matchesQuery(card, s.q)) return false;
      for (var i = 0; i < facets.length; i++) {
        var f = facets[i];
        if (f !== skip && !matchesFacet(card, f, s[f])) return false;
      }
      return true;
    }

    function updateCounts(s) {
      selects.forEach(function (sel) {
        var others = cards.filter(function (c) { return passes(c, s, sel.name); });
        Array.prototype.forEach.call(sel.options, function (opt) {
          if (!opt.dataset.label) opt.dataset.label = opt.textContent.replace(/（\d+）$/, "");
          var n = opt.value
            ? others.filter(function (c) { return matchesFacet(c, sel.name, opt.value); }).length
            : others.length;
          opt.textContent = opt.dataset.label + "（" + n + "）";
          opt.disabled = n === 0 && opt.value !== sel.value && opt.value !== "";
        });
      });
    }

    function writeUrl(s) {
      var params = new URLSearchParams();
      if (s.q) params.set("q", query.value.trim());
      facets.forEach(function (f) { if (s[f]) params.set(f, s[f]); });
      if (sortEl && sortEl.value) params.set("sort", sortEl.value);
      var qs = params.toString();
      var url = window.location.pathname + (qs ? "?" + qs : "") + window.location.hash;
      window.history.replaceState(null, "", url);
    }

    function apply(updateUrl) {
      var s = state();
      var shown = 0;
      cards.forEach(function (card) {
        var ok = passes(card, s, null);
        card.hidden = !ok;
        if (ok) shown++;
      });
      var filtered = shown !== cards.length;
      countEl.textContent = filtered
        ? "找到 " + shown + " 个品牌（共 " + cards.length + " 个）"
        : "共 " + cards.length + " 个品牌";
      if (emptyEl) emptyEl.hidden = shown !== 0;
      if (sortEl) sortCards(sortEl.value);
      updateCounts(s);
      renderChips(s);
      if (updateUrl) writeUrl(s);
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

    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("change", function () { apply(true); });
    query.addEventListener("input", function () { apply(true); });
    form.addEventListener("reset", function () {
      // 清除筛选 clears the filters, not the chosen order.
      var order = sortEl ? sortEl.value : "";
      window.setTimeout(function () {
        if (sortEl) sortEl.value = order;
        apply(true);
      }, 0);
    });
    if (emptyEl) {
      emptyEl.addEventListener("click", function (e) {
        if (e.target.tagName === "BUTTON") form.reset();
      });
    }
    window.addEventListener("popstate", function () { readUrl(); apply(false); });
    readUrl();
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
