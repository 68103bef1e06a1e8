/* brandhall: the set-up of Decap CMS for /admin/ (intranet edition only).
 *
 * Loaded before Decap's bundle: it asks for a manual start, then registers
 *  - two file formats (brandhall-yaml for brand.yml, brandhall-frontmatter for cases/*.md)
 *    that leave out empty optional values and the helper fields (cms_folder, cms_brand,
 *    cms_file: they only choose the file's path), so a saved file passes `brandhall check`;
 *  - a preSave step that proposes the folder / file name from the pinyin of the name or
 *    title when the editor left it empty, and refuses a new case without its brand;
 *  - the site's CSS for the preview pane, and preview templates that lay a brand and a
 *    case out with the site's own classes (bh-brand-head, bh-slogan, bh-lead…). Editor
 *    Markdown is shown through Decap's Markdown preview with DOMPurify on
 *    (sanitize_preview); the site cleans it again with its own allowlist on build, and
 *    admin/index.html's Content-Security-Policy keeps the preview from running scripts
 *    or fetching from elsewhere whatever is typed.
 * The settings below are filled in by generator/brandhall/cms.py at build time.
 */
(function () {
  "use strict";
  var S = /*BRANDHALL_SETTINGS*/{};
  window.CMS_MANUAL_INIT = true;

  var reading = {};
  Object.keys(S.pinyin || {}).forEach(function (syllable) {
    Array.from(S.pinyin[syllable]).forEach(function (ch) {
      if (!reading[ch]) reading[ch] = syllable;
    });
  });

  // 蓝焰红心 -> lanyan-hongxin: two syllables a word (most Chinese words), Latin letters
  // and digits kept, everything else a word break.
  function slugFrom(text) {
    var words = [];
    var run = [];
    var latin = "";
    function flushRun() {
      for (var i = 0; i < run.length; i += 2) words.push(run.slice(i, i + 2).join(""));
      run = [];
    }
    Array.from(String(text || "")).forEach(function (ch) {
      if (reading[ch]) {
        if (latin) { words.push(latin); latin = ""; }
        run.push(reading[ch]);
      } else if (/[A-Za-z0-9]/.test(ch)) {
        flushRun();
        latin += ch.toLowerCase();
      } else {
        flushRun();
        if (latin) { words.push(latin); latin = ""; }
      }
    });
    flushRun();
    if (latin) words.push(latin);
    return words.join("-").slice(0, S.slugMax || 64).replace(/^-+|-+$/g, "");
  }

  function isPlain(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  function isEmpty(value) {
    return value === undefined || value === null ||
      (typeof value === "string" && value.trim() === "") ||
      (Array.isArray(value) && value.length === 0) ||
      (isPlain(value) && Object.keys(value).length === 0);
  }
  // Empty optional values left out, helper fields (S.helperFields) dropped, Windows line ends unified.
  function prune(value) {
    if (Array.isArray(value)) {
      return value.map(prune).filter(function (v) { return !isEmpty(v); });
    }
    if (isPlain(value)) {
      var out = {};
      Object.keys(value).forEach(function (key) {
        if ((S.helperFields || []).indexOf(key) >= 0) return;
        var v = prune(value[key]);
        if (!isEmpty(v)) out[key] = v;
      });
      return out;
    }
    if (typeof value === "string") return value.replace(/\r\n?/g, "\n");
    return value;
  }
  function load(text) {
    // The core schema: a date stays the text the editor wrote, never a Date object.
    var data = window.jsyaml.load(text || "", { schema: window.jsyaml.CORE_SCHEMA });
    return isPlain(data) ? data : {};
  }
  // Keys in the order of the form (Decap passes the field names in config order).
  function ordered(value, order) {
    if (Array.isArray(value)) return value.map(function (v) { return ordered(v, order); });
    if (!isPlain(value)) return value;
    var rank = function (key) { var i = order.indexOf(key); return i < 0 ? order.length : i; };
    var out = {};
    Object.keys(value).sort(function (a, b) { return rank(a) - rank(b); }).forEach(function (k) {
      out[k] = ordered(value[k], order);
    });
    return out;
  }
  function dump(data, order) {
    var clean = ordered(prune(data), order || []);
    return window.jsyaml.dump(clean, { lineWidth: -1, noRefs: true, quotingType: '"' });
  }
  var FRONT = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;
  var yamlFormat = {
    fromFile: function (content) { return load(content); },
    toFile: function (data, order) { return dump(data, order); },
  };
  var frontMatterFormat = {
    fromFile: function (content) {
      var m = FRONT.exec(content || "");
      if (!m) return { body: content || "" };
      var data = load(m[1]);
      data.body = m[2].replace(/^\r?\n/, "");
      return data;
    },
    toFile: function (data, order) {
      var front = Object.assign({}, data);
      var body = String(front.body || "").replace(/\r\n?/g, "\n").trim();
      delete front.body;
      return "---\n" + dump(front, order) + "---\n\n" + (body ? body + "\n" : "");
    },
  };

  function preSave(args) {
    var entry = args.entry;
    var data = entry.get("data");
    if (!entry.get("newRecord")) return data;
    var collection = entry.get("collection");
    if (collection === "brands" && !data.get(S.brandFolder)) {
      data = data.set(S.brandFolder, slugFrom(data.get("name")) || "brand");
    }
    if (collection === "cases") {
      if (!data.get(S.caseBrand)) {
        throw new Error(S.messages.newNeeds.replace("{field}", S.labels.caseBrand));
      }
      if (!data.get(S.caseFile)) {
        data = data.set(S.caseFile, slugFrom(data.get("title")) || "case");
      }
    }
    return data;
  }

  // -- preview templates -----------------------------------------------------------
  var SANITIZED = { get: function (key, fallback) { return key === "sanitize_preview" ? true : fallback; } };
  function markdown(props, value) {
    var h = window.h;
    var widget = window.CMS.getWidget("markdown");
    if (!value) return null;
    if (!widget || !widget.preview) return h("p", null, String(value));
    return h(widget.preview, { value: String(value), field: SANITIZED, getAsset: props.getAsset });
  }
  function text(value) { return value === undefined || value === null ? "" : String(value); }
  function plain(data) { return data && data.toJS ? data.toJS() : data || {}; }
  function section(title, body) {
    var h = window.h;
    return body ? h("section", null, h("h2", null, title), body) : null;
  }
  function items(props, list) {
    var h = window.h;
    return (list || []).map(function (item, i) {
      return h("div", { key: i }, h("h3", null, text(item.title)), markdown(props, item.body));
    });
  }
  function BrandPreview(props) {
    var h = window.h;
    var d = plain(props.entry.get("data"));
    var org = d.organization || {};
    return h("article", { className: "md-typeset bh-preview" },
      h("div", { className: "bh-brand-head" },
        h("div", { className: "bh-brand-id" },
          h("h1", null, text(d.name)),
          d.slogan ? h("p", { className: "bh-slogan" }, text(d.slogan)) : null)),
      h("p", { className: "bh-lead" }, text(d.summary)),
      h("ul", { className: "bh-facts" },
        [["创建单位", org.name], ["组织类型", org.type], ["行业领域", org.sector],
         ["所在地区", (org.region || []).join(" · ")], ["创建时间", d.established]]
          .filter(function (f) { return f[1]; })
          .map(function (f) {
            return h("li", { key: f[0] }, h("strong", null, f[0]),
              h("span", { className: "bh-fact-value" }, text(f[1])));
          })),
      section("品牌内涵", markdown(props, d.connotation)),
      section("主要做法", (d.practices || []).length ? items(props, d.practices) : null),
      section("工作成效", (d.outcomes || []).length
        ? h("ul", null, d.outcomes.map(function (o, i) { return h("li", { key: i }, markdown(props, o)); }))
        : null),
      section("经验启示", (d.lessons || []).length
        ? h("ul", null, d.lessons.map(function (o, i) { return h("li", { key: i }, markdown(props, o)); }))
        : null));
  }
  function CasePreview(props) {
    var h = window.h;
    var d = plain(props.entry.get("data"));
    return h("article", { className: "md-typeset bh-preview" },
      h("h1", null, text(d.title)),
      h("ul", { className: "bh-case-meta" },
        d.date ? h("li", null, "日期：" + text(d.date)) : null,
        d.author ? h("li", null, "供稿：" + text(d.author)) : null),
      h("p", { className: "bh-lead" }, text(d.summary)),
      markdown(props, d.body));
  }

  function start() {
    var CMS = window.CMS;
    CMS.registerCustomFormat("brandhall-yaml", "yml", yamlFormat);
    CMS.registerCustomFormat("brandhall-frontmatter", "md", frontMatterFormat);
    CMS.registerEventListener({ name: "preSave", handler: preSave });
    (S.previewCss || []).forEach(function (href) { CMS.registerPreviewStyle(href); });
    CMS.registerPreviewTemplate("brands", BrandPreview);
    CMS.registerPreviewTemplate("cases", CasePreview);
    CMS.init();
  }
  window.brandhallSlugFrom = slugFrom;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    setTimeout(start, 0);
  }
})();
