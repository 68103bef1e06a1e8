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
  // The site's monogram colour (render/common.py hue_class): the UTF-8 bytes of the slug, mod 8.
  function hueClass(slug) {
    var sum = 0;
    new TextEncoder().encode(String(slug || "")).forEach(function (b) { sum += b; });
    return "bh-hue-" + (sum % 8);
  }
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

  // -- uploads: the checker's limits, before Decap sees the file -----------------------
  // `brandhall check` accepts a picture by its size (S.uploads: bytes per collection, the
  // logo's limit for brands), its extension and what its first bytes say it is
  // (safety/images.py; SVG is rebuilt by the checker). A file the checker would refuse is
  // refused here, in its words, before Decap keeps it: the media library's file input
  // is caught in the capture phase (ahead of React's listener on the page root) and the
  // change is passed on only for a good file; preSave checks the entry's new media files
  // again (nothing is written before preSave returns).
  var OTHER_MAGIC = [["GIF8", "GIF"], ["BM", "BMP"], ["%PDF", "PDF"], ["PK\x03\x04", "ZIP/Office"],
    ["II*\x00", "TIFF"], ["MM\x00*", "TIFF"], ["\xd0\xcf\x11\xe0", "Office"], ["MZ", "EXE"]];
  function fill(template, params) {
    return String(template || "").replace(/\{(\w+)\}/g, function (m, k) { return k in params ? params[k] : m; });
  }
  function mb(bytes) {
    var t = (bytes / (S.mb || 1048576)).toFixed(1);
    return t.slice(-2) === ".0" ? t.slice(0, -2) : t;
  }
  function sniff(head) {
    // head: the first bytes as a "binary string" (one char per byte).
    if (head.indexOf("\x89PNG\r\n\x1a\n") === 0) return "PNG";
    if (head.indexOf("\xff\xd8\xff") === 0) return "JPEG";
    if (head.slice(0, 4) === "RIFF" && head.slice(8, 12) === "WEBP") return "WEBP";
    var lead = head.replace(/^\xef\xbb\xbf/, "").replace(/^\s+/, "").toLowerCase();
    if (lead.indexOf("<svg") === 0 || (lead.indexOf("<?xml") === 0 && lead.indexOf("<svg") >= 0) ||
        (lead.indexOf("<!--") === 0 && lead.indexOf("<svg") >= 0)) return "SVG";
    return null;
  }
  function looksLike(head) {
    for (var i = 0; i < OTHER_MAGIC.length; i++) {
      if (head.indexOf(OTHER_MAGIC[i][0]) === 0) return OTHER_MAGIC[i][1];
    }
    return /^\s*</.test(head) ? "HTML" : "unknown";
  }
  function limitFor(collection) {
    var limits = S.uploads || {};
    return limits[collection] || 0;
  }
  function editing() {
    var m = /#\/collections\/([^/]+)\/(?:new|entries\/)/.exec(window.location.hash);
    return m ? m[1] : null;
  }
  // Why the checker would refuse ``file`` in ``collection`` (a message), or "" when it would not.
  function refusal(file, collection) {
    var name = String(file.name || "");
    var M = S.messages || {};
    var max = limitFor(collection);
    if (!max) return Promise.resolve(M.outside);
    var lower = name.toLowerCase();
    var exts = S.uploadExtensions || [];
    if (!exts.some(function (e) { return lower.slice(-e.length) === e; })) {
      return Promise.resolve(fill(M.fileExt, { file: name }));
    }
    if (file.size > max) {
      return Promise.resolve(fill(M.tooLarge, { value: mb(file.size), limit: mb(max) }));
    }
    return file.slice(0, 1024).arrayBuffer().then(function (buf) {
      var head = String.fromCharCode.apply(null, new Uint8Array(buf));
      var kind = sniff(head);
      if (!kind) return fill(M.notImage, { value: looksLike(head) });
      var format = kind === "SVG" ? ["SVG", [".svg"]] : (S.formats || {})[kind];
      if (format && !format[1].some(function (e) { return lower.slice(-e.length) === e; })) {
        return fill(M.wrongExt, { value: format[0], limit: format[1][0] });
      }
      return "";
    });
  }
  function say(message) {
    var old = document.getElementById("bh-upload-refused");
    if (old) old.remove();
    var box = document.createElement("div");
    box.id = "bh-upload-refused";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;z-index:100000;top:16px;left:50%;transform:translateX(-50%);" +
      "max-width:36em;padding:12px 16px;background:#fff4f4;color:#8b0000;border:2px solid #c62828;" +
      "border-radius:6px;font:15px/1.6 sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25)";
    var text = document.createElement("p");
    text.style.margin = "0 0 8px";
    text.textContent = message;  // text, never HTML: the file name is the editor's
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = (S.messages || {}).close || "OK";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(text);
    box.appendChild(close);
    document.body.appendChild(box);
    close.focus();
  }
  var passed = new WeakSet();
  function onFileChosen(event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || passed.has(event)) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    var file = input.files && input.files[0];
    if (!file) return;
    var collection = editing();
    Promise.resolve(collection ? refusal(file, collection) : (S.messages || {}).outside).then(function (why) {
      if (why) {
        input.value = "";
        say(fill((S.messages || {}).refused, { file: file.name, reason: why }));
        return;
      }
      var again = new Event("change", { bubbles: true });
      passed.add(again);
      input.dispatchEvent(again);
    });
  }
  window.addEventListener("change", onFileChosen, true);
  window.addEventListener("drop", function (event) {
    // Decap's media library reads dropped files too: only the file button is checked.
    if (event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files.length) {
      event.stopImmediatePropagation();
      event.preventDefault();
    }
  }, true);

  async function checkMedia(entry) {
    var files = entry.get("mediaFiles");
    files = files && files.toJS ? files.toArray() : files || [];
    for (var i = 0; i < files.length; i++) {
      var media = files[i];
      var get = function (k) { return media && media.get ? media.get(k) : media && media[k]; };
      var file = get("file");
      if (!get("draft") || !file) continue;
      var why = await refusal(file, entry.get("collection"));
      if (why) throw new Error(fill((S.messages || {}).refused, { file: file.name, reason: why }));
    }
  }

  async function preSave(args) {
    var entry = args.entry;
    await checkMedia(entry);
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
  // The brand page and the case page of render/brand.py, block for block, in the site's
  // markup (Material's md-content__inner md-typeset, the bh-* classes of brandhall.css),
  // coloured by the theme's palette. Editor Markdown goes through Decap's Markdown
  // preview with raw HTML turned into text first (as the site's renderer does, so
  // "<img onerror=…>" reads as text and no HTML element is ever made of it), then
  // DOMPurify (sanitize_preview); all other values are React text, never HTML.
  var SANITIZED = { get: function (key, fallback) { return key === "sanitize_preview" ? true : fallback; } };
  // Decap's Markdown preview ignores remark plugins (3.16.3 passes getRemarkPlugins() as
  // a third argument that markdownToHtml never reads), so the source is made inert before
  // it gets there: every "<" is text ("\\<"; only an <https://…> autolink stays), so no
  // element is ever parsed from what an editor typed, not even by DOMPurify; a picture
  // whose address is not a plain path in the brand folder is text ("!\["), as the site
  // drops it; headings move down like the site's editor_markdown(text, top). (Inside
  // code, a "<" then shows as "\\<": a preview-only blemish, kept for simplicity.)
  var LOCAL_PICTURE = /^!\[[^\]\n]*\]\(\s*<?([^)\s>]*)/;
  function inertLine(line) {
    line = line.replace(/!\[/g, function (m, at, whole) {
      var found = LOCAL_PICTURE.exec(whole.slice(at));
      var dest = found ? found[1] : "";
      var local = dest && /^[A-Za-z0-9._~%-]/.test(dest) && !/^[a-z][a-z0-9+.\-]*:/i.test(dest);
      return local ? m : "!\\[";
    });
    return line.replace(/<(?!(?:https?|mailto):[^\s<>]*>)/gi, "\\<");
  }
  function inertMarkdown(source, top) {
    var lines = String(source).replace(/\r\n?/g, "\n").split("\n");
    var fence = null;
    var least = 7;
    var heading = lines.map(function (line) {
      var m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
        return false;
      }
      if (m) { fence = m[1]; return false; }
      var hm = /^ {0,3}(#{1,6})(?=\s|$)/.exec(line);
      if (hm) least = Math.min(least, hm[1].length);
      return !!hm;
    });
    var shift = top && least < 7 ? Math.max(0, top - least) : 0;
    return lines.map(function (line, i) {
      if (shift && heading[i]) {
        line = line.replace(/^( {0,3})(#{1,6})/, function (m, sp, hashes) {
          return sp + "######".slice(0, Math.min(6, hashes.length + shift));
        });
      }
      return inertLine(line);
    }).join("\n");
  }
  function markdown(props, value, level) {
    var h = window.h;
    var widget = window.CMS.getWidget("markdown");
    if (!value) return null;
    if (!widget || !widget.preview) return h("p", null, String(value));
    return h(widget.preview, {
      value: inertMarkdown(value, level || 0),
      field: SANITIZED,
      getAsset: props.getAsset,
    });
  }
  function text(value) { return value === undefined || value === null ? "" : String(value); }
  function plain(data) { return data && data.toJS ? data.toJS() : data || {}; }
  function formatDate(value) {
    var p = text(value).split("-");
    if (p.length === 3 && p.every(Number)) return +p[0] + "年" + +p[1] + "月" + +p[2] + "日";
    if (p.length === 2 && p.every(Number)) return +p[0] + "年" + +p[1] + "月";
    return text(value);
  }
  function date(value) { return window.h("span", { className: "bh-date" }, formatDate(value)); }
  function number(value) {
    var n = Number(value);
    if (!isFinite(n)) return text(value);
    return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
  }
  function heading(key) {
    return window.h("h2", { id: key }, (S.sections || {})[key] || key);
  }
  function list(values, props, ordered) {
    var h = window.h;
    values = (values || []).filter(Boolean);
    if (!values.length) return null;
    return h(ordered ? "ol" : "ul", null, values.map(function (v, i) {
      return h("li", { key: i }, markdown(props, v));
    }));
  }
  function table(head, rows) {
    var h = window.h;
    return h("table", null,
      h("thead", null, h("tr", null, head.map(function (c, i) { return h("th", { key: i }, c); }))),
      h("tbody", null, rows.map(function (row, r) {
        return h("tr", { key: r }, row.map(function (c, i) { return h("td", { key: i }, c); }));
      })));
  }
  // The page frame of every site page, with the palette's attributes on it.
  function page() {
    var h = window.h;
    var p = S.palette || {};
    var content = Array.prototype.slice.call(arguments);
    return h("div", {
      className: "bh-preview",
      "data-md-color-scheme": p.scheme, "data-md-color-primary": p.primary, "data-md-color-accent": p.accent,
    }, h("div", { className: "md-main__inner md-grid" },
      h("div", { className: "md-content" },
        h("article", { className: "md-content__inner md-typeset" }, content))));
  }
  var HONOR_RANK = { "国家级": 0, "省部级": 1, "市厅级": 2, "县处级": 3, "其他": 4 };
  function BrandPreview(props) {
    var h = window.h;
    var d = plain(props.entry.get("data"));
    var org = d.organization || {};
    var status = d.status || {};
    var logo = d.logo || {};
    var method = d.method || {};
    var name = text(d.name);
    var logoSrc = logo.file && props.getAsset ? props.getAsset(logo.file) : null;
    var badges = [];
    if (status.stage) {
      badges.push(h("span", { key: "stage", className: "bh-badge bh-stage bh-stage-" + ((S.stageClass || {})[status.stage] || "") },
        (S.stageLabel || {})[status.stage] || text(status.stage)));
    }
    if (status.stars) {
      var stars = Math.max(0, Math.min(5, Number(status.stars) || 0));
      badges.push(" ", h("span", { key: "stars", className: "bh-stars", role: "img", "aria-label": stars + " 星" },
        "★".repeat(stars) + "☆".repeat(5 - stars)));
    }
    var facts = [
      ["创建单位", text(org.name)], ["组织类型", text(org.type)], ["行业领域", text(org.sector)],
      ["所在地区", (org.region || []).filter(Boolean).join(" · ")],
      ["创建时间", d.established ? date(d.established) : ""],
      ["上级党组织", text(org.parent)],
      ["党员人数", org.members ? org.members + " 名党员" : ""],
      ["进入当前阶段", status.since ? date(status.since) : ""],
      ["有效期至", status.valid_until ? date(status.valid_until) : ""],
    ].filter(function (f) { return f[1]; });
    var items = function (list, level) {
      return (list || []).map(function (item, i) {
        return [h("h3", { key: "t" + i }, text(item.title)),
          h("div", { key: "b" + i }, markdown(props, item.body, level))];
      });
    };
    var honors = (d.honors || []).slice().sort(function (a, b) {
      return (b.year || 0) - (a.year || 0) || (HONOR_RANK[a.level] ?? 9) - (HONOR_RANK[b.level] ?? 9);
    });
    var reviews = d.reviews || [];
    var remarks = reviews.some(function (r) { return r.by || r.summary; });
    var contact = d.contact || {};
    return page(
      h("div", { className: "bh-brand-head" },
        h("div", { className: "bh-brand-logo" }, logoSrc
          ? h("img", { className: "bh-logo", src: String(logoSrc), alt: name + "的品牌标识" })
          : h("span", { className: "bh-logo bh-monogram " + hueClass(d[S.brandFolder] || slugFrom(name)), "aria-hidden": "true" }, Array.from(name)[0] || "")),
        h("div", { className: "bh-brand-id" },
          h("h1", null, name),
          d.slogan ? h("p", { className: "bh-slogan" }, text(d.slogan)) : null,
          badges.length ? h("p", { className: "bh-badges" }, badges) : null)),
      h("p", { className: "bh-lead" }, text(d.summary)),
      h("div", { className: "bh-facts" }, h("ul", null, facts.map(function (f) {
        return h("li", { key: f[0] }, h("strong", null, f[0]), h("span", { className: "bh-fact-value" }, f[1]));
      }))),
      (d.tags || []).filter(Boolean).length ? h("p", { className: "bh-tags" }, "标签：",
        d.tags.filter(Boolean).map(function (t, i) {
          return [i ? " " : null, h("span", { key: i, className: "bh-tag" }, text(t))];
        })) : null,
      heading("connotation"), markdown(props, d.connotation, 3),
      logo.meaning ? [heading("logo-meaning"), markdown(props, logo.meaning, 3)] : null,
      method.name || (method.items || []).length ? [
        heading("method"),
        method.name ? h("p", { className: "bh-method-name" }, text(method.name)) : null,
        items(method.items, 4)] : null,
      heading("practices"), items(d.practices, 4),
      heading("outcomes"),
      (d.metrics || []).length ? h("div", { className: "bh-metrics" }, d.metrics.map(function (m, i) {
        return h("figure", { key: i, className: "bh-metric" },
          h("p", { className: "bh-metric-value" }, number(m.value),
            m.unit ? h("span", { className: "bh-metric-unit" }, text(m.unit)) : null),
          h("figcaption", null, text(m.label)));
      })) : null,
      list(d.outcomes, props),
      honors.length ? [heading("honors"), table(["年份", "荣誉", "级别", "授予单位"],
        honors.map(function (x) { return [text(x.year), text(x.title), text(x.level), text(x.by)]; }))] : null,
      heading("lessons"), list(d.lessons, props, true),
      (d.applicable_to || []).length ? [heading("applicable"), h("p", null, d.applicable_to.join("、"))] : null,
      reviews.length ? [heading("reviews"), table(
        ["日期", "方式", "得分"].concat(remarks ? ["评估单位", "评语"] : []),
        reviews.map(function (r) {
          var row = [date(r.date), text(r.method), number(r.score)];
          return remarks ? row.concat([text(r.by), text(r.summary)]) : row;
        }))] : null,
      (d.learned_from || []).length ? [heading("learned-from"), h("div", { className: "bh-learning" },
        h("ul", null, d.learned_from.map(function (l, i) {
          return h("li", { key: i }, h("a", null, (S.brandNames || {})[l.brand] || text(l.brand)),
            "（", l.date ? date(l.date) : null, "）：", text(l.what));
        })))] : null,
      (d.related || []).length ? [heading("related"), h("p", null,
        d.related.map(function (slug) { return (S.brandNames || {})[slug] || slug; }).join("、"))] : null,
      contact.name ? [heading("contact"), h("div", { className: "bh-facts bh-contact" }, h("ul", null,
        h("li", null, h("strong", null, "联系人"), text(contact.name)),
        contact.phone ? h("li", null, h("strong", null, "电话"), text(contact.phone)) : null,
        contact.email ? h("li", null, h("strong", null, "电子邮箱"), text(contact.email)) : null))] : null);
  }
  function CasePreview(props) {
    var h = window.h;
    var d = plain(props.entry.get("data"));
    var brand = d[S.caseBrand];
    var tags = (d.tags || []).filter(Boolean);
    return page(
      h("h1", null, text(d.title)),
      h("div", { className: "bh-case-meta" }, h("ul", null,
        brand ? h("li", null, "所属品牌：", h("a", null, (S.brandNames || {})[brand] || text(brand))) : null,
        d.date ? h("li", null, "日期：", date(d.date)) : null,
        d.author ? h("li", null, "供稿：" + text(d.author)) : null)),
      tags.length ? h("p", { className: "bh-tags" }, "标签：", tags.map(function (t, i) {
        return [i ? " " : null, h("span", { key: i, className: "bh-tag" }, text(t))];
      })) : null,
      h("p", { className: "bh-lead" }, text(d.summary)),
      markdown(props, d.body, 2));
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
