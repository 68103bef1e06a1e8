/* bhsearch.js: the reader's side of brandhall's own search index (the files are described
 * in generator/brandhall/searchindex.py, which writes them). It offers the part of
 * Pagefind's API that search.js uses: options, init, preload, search, filters.
 *
 * A query is cut into terms exactly as searchindex.py cuts it; each term's postings are in
 * one small file (its shard, picked by a hash of the term), so a query fetches index.json,
 * one file per term and one record per result shown. filters.json and sorts.json are
 * fetched only when a search asks for filters or a sort. Nothing is fetched from anywhere
 * but the site's own bhsearch/ directory. */

const VERSION = 1;
const PREFIX_MAX = 24;
const CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
const RUNS = "([" + CJK + "]+)|([a-z0-9]+)";
// How many characters an excerpt shows before its match, at most; it starts after the
// nearest punctuation or space within that, so it does not start mid-word.
const LEAD = 16;
const BOUNDARY = /[\s。！？；，、：:,;!?（(“「《]/;
const OPENING = /[（(“「《]/;  // kept: the excerpt starts with it, so a quote is whole

let baseUrl = "/";
let excerptLength = 36;
let index = null;  // the promise of index.json
let store = new Map();  // promises of the files under <build>/, by path; failed ones are dropped

/* --- terms and their hash: the same as searchindex.py -------------------------------- */
function normalize(text) {
  return String(text).normalize("NFKC").toLowerCase();
}

/* The Chinese runs and Latin runs of a text, normalised: [[run, isChinese], …]. */
function runs(text) {
  const out = [];
  const re = new RegExp(RUNS, "g");
  const norm = normalize(text);
  let m;
  while ((m = re.exec(norm)) !== null) out.push(m[1] ? [m[1], true] : [m[2], false]);
  return out;
}

/* A Chinese run's neighbouring pairs (its one character when it is one long). */
function pairs(run) {
  if (run.length === 1) return [run];
  const out = [];
  for (let i = 0; i < run.length - 1; i++) out.push(run.slice(i, i + 2));
  return out;
}

/* The terms a query looks up, in order, each once. */
function queryTerms(query) {
  const out = [];
  for (const [run, cjk] of runs(query)) {
    for (const t of cjk ? pairs(run) : [run.slice(0, PREFIX_MAX)]) {
      if (out.indexOf(t) === -1) out.push(t);
    }
  }
  return out;
}

/* The terms a search looks up: all of them, or for a long query (a pasted paragraph)
 * MAX_TERMS spread evenly over it, first and last included: each term is a file to
 * fetch, and a dozen pairs already pin a passage down (search.js then puts the pages
 * that hold the whole query first). */
const MAX_TERMS = 12;
function lookedUp(terms) {
  if (terms.length <= MAX_TERMS) return terms;
  const out = [];
  for (let i = 0; i < MAX_TERMS; i++) out.push(terms[Math.round((i * (terms.length - 1)) / (MAX_TERMS - 1))]);
  return out;
}

/* 32-bit FNV-1a over the term's UTF-16 code units. */
function termHash(term) {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/* --- files -------------------------------------------------------------------------- */
async function getJson(path, init) {
  const url = baseUrl + "bhsearch/" + path;
  let response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    throw new Error("bhsearch: could not fetch " + url + " (" + err.message + ")");
  }
  if (!response.ok) {
    const err = new Error("bhsearch: " + url + " failed: HTTP " + response.status);
    err.status = response.status;
    throw err;
  }
  try {
    return await response.json();
  } catch (err) {
    throw new Error("bhsearch: " + url + " is not JSON (" + err.message + ")");
  }
}

/* make() once per key; a failure is forgotten, so a later search tries again. */
function memo(key, make) {
  if (!store.has(key)) {
    const p = make();
    store.set(key, p);
    p.catch(() => { if (store.get(key) === p) store.delete(key); });
  }
  return store.get(key);
}

/* A file under the build's directory (they never change: the directory is named by a
 * hash of the index). */
function buildFile(meta, path) {
  return memo(meta.build + "/" + path, () => getJson(meta.build + "/" + path).catch((err) => {
    // Gone from the server (a new release): the next search reads index.json again.
    if (err.status === 404) index = null;
    throw err;
  }));
}

/* Pages from a list of gaps: page = previous + 1 + gap, the first previous being -1. */
function ungap(gaps) {
  const pages = [];
  let prev = -1;
  for (const gap of gaps) pages.push(prev = prev + 1 + gap);
  return pages;
}

/* filters.json as {name: {value: Set of pages}}, decoded once. */
function filterSets(meta) {
  return memo(meta.build + "/filters.json (decoded)", () => buildFile(meta, "filters.json").then((raw) => {
    const sets = {};
    for (const name of Object.keys(raw)) {
      sets[name] = {};
      for (const value of Object.keys(raw[name])) sets[name][value] = new Set(ungap(raw[name][value]));
    }
    return sets;
  }));
}

/* How many of the pages are in each filter's value (every value, 0 included). */
function countsOf(sets, pages) {
  const out = {};
  for (const name of Object.keys(sets)) {
    out[name] = {};
    for (const value of Object.keys(sets[name])) {
      let n = 0;
      for (const page of pages) if (sets[name][value].has(page)) n++;
      out[name][value] = n;
    }
  }
  return out;
}

/* --- the API ------------------------------------------------------------------------ */
export function options(opts) {
  opts = opts || {};
  if (opts.baseUrl !== undefined && opts.baseUrl !== baseUrl) {
    baseUrl = String(opts.baseUrl);
    if (!baseUrl.endsWith("/")) baseUrl += "/";
    index = null;
    store = new Map();
  }
  if (opts.excerptLength !== undefined) excerptLength = Math.max(1, Number(opts.excerptLength) || 36);
  return Promise.resolve();
}

export function init() {
  if (!index) {
    const p = getJson("index.json", { cache: "no-cache" }).then((meta) => {
      if (meta.version !== VERSION) {
        throw new Error("bhsearch: index version " + meta.version + ", this script reads " + VERSION);
      }
      return meta;
    });
    index = p;
    p.catch(() => { if (index === p) index = null; });
  }
  return index;
}

function shardOf(meta, term) {
  return buildFile(meta, "t/" + (termHash(term) % meta.shards) + ".json");
}

/* Fetches the files of a query's terms ahead of the search; never rejects. */
export function preload(term) {
  return init()
    .then((meta) => Promise.all(lookedUp(queryTerms(term || "")).map((t) => shardOf(meta, t))))
    .then(() => undefined, () => undefined);
}

/* Every page that holds at least one term: {page, held, score}, unordered. */
async function lookUp(meta, terms) {
  const shards = await Promise.all(terms.map((t) => shardOf(meta, t)));
  const hits = new Map();
  terms.forEach((term, i) => {
    const postings = shards[i][term] || [];
    if (!postings.length) return;
    const idf = Math.log(1 + meta.docs / postings.length);
    let page = -1;
    for (const n of postings) {
      page += 1 + (n >> 2);
      const hit = hits.get(page) || { page, held: 0, score: 0 };
      hit.held += 1;
      hit.score += idf * meta.weights[n & 3];
      hits.set(page, hit);
    }
  });
  return Array.from(hits.values());
}

/* The reader's filters that constrain anything: [[name, [values]]]. An empty value (a
 * select's "any") constrains nothing; an unknown name or value matches no page. */
function activeFilters(filters) {
  const out = [];
  for (const name of Object.keys(filters || {})) {
    const v = filters[name];
    const values = (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined && x !== null && x !== "");
    if (values.length) out.push([name, values.map(String)]);
  }
  return out;
}

function inFilters(sets, active, page) {
  return active.every(([name, values]) => values.some((v) => sets[name] && sets[name][v] && sets[name][v].has(page)));
}

/* Score first, then the page's place in the site: the same order on every run. */
function byScore(a, b) {
  return b.held - a.held || b.score - a.score || a.page - b.page;
}

/* A new release published while the page was open: the index read at the first search
 * names a directory the server no longer has (404). Read index.json again, once. */
async function againIfRepublished(run) {
  const before = await init();
  try {
    return await run(before);
  } catch (err) {
    if (err.status !== 404) throw err;
    index = null;
    const meta = await init();
    if (meta.build === before.build) throw err;
    return run(meta);
  }
}

export function search(term, opts) {
  return againIfRepublished((meta) => searchIn(meta, term, opts || {}));
}

async function searchIn(meta, term, opts) {
  const active = activeFilters(opts.filters);
  const sortName = opts.sort && Object.keys(opts.sort)[0];
  const text = term === null || term === undefined ? "" : String(term).trim();
  const wantsCounts = opts.filters !== undefined;
  const terms = lookedUp(queryTerms(text));
  // Everything the answer needs, fetched at once (and every failure handled here).
  const [found, sets, sorts] = await Promise.all([
    terms.length ? lookUp(meta, terms) : [],
    wantsCounts || active.length ? filterSets(meta) : null,
    sortName ? buildFile(meta, "sorts.json") : null,
  ]);

  let hits = [];
  if (text) {
    // Every term required; when no page holds them all, the pages that hold some, those
    // with the most terms first (search.js tells the reader the match is partial).
    hits = found.filter((h) => h.held === terms.length);
    if (!hits.length && terms.length > 1) hits = found;
    hits.sort(byScore);
  } else if (active.length || sortName) {
    for (let page = 0; page < meta.docs; page++) hits.push({ page, held: 0, score: 0 });
  }

  const before = hits;
  if (active.length) hits = hits.filter((h) => inFilters(sets, active, h.page));

  if (sortName) {
    const order = sorts[sortName] || [];
    const rank = new Map();
    order.forEach((page, i) => rank.set(page, opts.sort[sortName] === "desc" ? order.length - i : i));
    // Array.prototype.sort is stable: pages without the sort keep their score order.
    hits = hits.slice().sort((a, b) => {
      const ra = rank.has(a.page) ? rank.get(a.page) : Infinity;
      const rb = rank.has(b.page) ? rank.get(b.page) : Infinity;
      return ra === rb ? 0 : ra < rb ? -1 : 1;
    });
  }

  const pieces = text ? runs(text) : [];
  return {
    results: hits.map((h) => result(meta, h, pieces)),
    unfilteredResultCount: before.length,
    filters: sets ? countsOf(sets, hits.map((h) => h.page)) : {},
    totalFilters: sets ? countsOf(sets, before.map((h) => h.page)) : {},
  };
}

/* Every filter value and how many pages have it. */
export function filters() {
  return againIfRepublished(filtersIn);
}

async function filtersIn(meta) {
  const sets = await filterSets(meta);
  const out = {};
  for (const name of Object.keys(sets)) {
    out[name] = {};
    for (const value of Object.keys(sets[name])) out[name][value] = sets[name][value].size;
  }
  return out;
}

function result(meta, hit, pieces) {
  let data = null;
  return {
    id: hit.page,
    score: hit.score,
    data() {
      if (!data) {
        data = buildFile(meta, "d/" + hit.page + ".json").then((record) => ({
          url: baseUrl + record.url,
          raw_url: record.url,
          meta: record.meta || {},
          filters: record.filters || {},
          content: record.content || "",
          excerpt: excerpt(record.content || "", pieces, (record.meta || {}).title),
        }));
        data.catch(() => { data = null; });
      }
      return data;
    },
  };
}

/* --- excerpts ----------------------------------------------------------------------- */
/* The text normalised as queries are, one character at a time, with where each unit of
 * the result came from: a match in `text` is content[start[a], end[b - 1]). */
function fold(content) {
  let text = "";
  const start = [];
  const end = [];
  let i = 0;
  for (const ch of content) {
    const f = normalize(ch);
    for (let k = 0; k < f.length; k++) {
      start.push(i);
      end.push(i + ch.length);
    }
    text += f;
    i += ch.length;
  }
  return { text, start, end };
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/* About 2 × excerptLength characters of the content from a little before the first
 * match of the query after the page's title (a page's text starts with its title, which
 * the result card shows already; the title's match when there is no other), HTML-escaped,
 * every match in a <mark>. The pieces looked for are the query's runs, or a Chinese
 * run's pairs when the content lacks the whole run. Matches that overlap (植物 and 物染
 * in 植物染) are one mark, so marks never nest. */
function excerpt(content, queryRuns, title) {
  const f = fold(content);
  const pieces = [];
  for (const [run, cjk] of queryRuns) {
    if (f.text.indexOf(run) !== -1) pieces.push(run);
    else if (cjk) pieces.push(...pairs(run).filter((p) => f.text.indexOf(p) !== -1));
  }
  // The matches in the folded text, in order, overlapping ones merged: [[start, end)].
  const spans = [];
  for (let j = 0; j < f.text.length; j++) {
    let len = 0;
    for (const p of pieces) if (p.length > len && f.text.startsWith(p, j)) len = p.length;
    if (!len) continue;
    const last = spans[spans.length - 1];
    if (last && j < last[1]) last[1] = Math.max(last[1], j + len);
    else spans.push([j, j + len]);
  }

  const size = 2 * excerptLength;
  const skip = title && content.startsWith(title) ? title.length : 0;
  const anchor = spans.find((sp) => f.start[sp[0]] >= skip) || spans[0];
  let from = 0;
  if (anchor) {
    const at = f.start[anchor[0]];
    from = Math.max(0, at - LEAD);
    for (let k = at - 1; k >= from; k--) {
      if (BOUNDARY.test(content[k])) { from = OPENING.test(content[k]) ? k : k + 1; break; }
    }
    from = Math.max(0, Math.min(from, content.length - size));
  }
  let to = Math.min(content.length, from + size);
  // Never half of a surrogate pair at either end.
  if (from > 0 && /[\udc00-\udfff]/.test(content[from])) from--;
  if (to < content.length && /[\udc00-\udfff]/.test(content[to])) to++;

  let html = "";
  let at = from;
  for (const [a, b] of spans) {
    const s = f.start[a];
    const e = f.end[b - 1];
    if (s < from) continue;
    if (e > to) break;
    html += escapeHtml(content.slice(at, s)) + "<mark>" + escapeHtml(content.slice(s, e)) + "</mark>";
    at = e;
  }
  return html + escapeHtml(content.slice(at, to));
}

export const _internals = { queryTerms, lookedUp, termHash, normalize };
