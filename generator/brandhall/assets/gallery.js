/* brandhall gallery: combinable filters with live counts, state kept in the URL.
 * Without JavaScript the form stays hidden and every brand card is listed. */
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
    var facets = selects.map(function (s) { return s.name; });

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
      updateCounts(s);
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
    }

    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("change", function () { apply(true); });
    query.addEventListener("input", function () { apply(true); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(true); }, 0);
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
