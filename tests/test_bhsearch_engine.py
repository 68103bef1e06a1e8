"""bhsearch.js, the reader's side of the own search index, in Chromium: over a small index
written here with brandhall.searchindex it cuts queries and hashes them as Python does,
ranks, requires every word (or says which pages hold some), filters, sorts, builds marked
and escaped excerpts, names the file that failed, and keeps a plain query cheap."""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from brandhall.searchindex import (
    VERSION,
    WEIGHTS,
    index_terms,
    normalize,
    query_terms,
    shard_of,
    term_hash,
)

from .conftest import ROOT
from .sitetools import close_local, open_local, serve

pytestmark = pytest.mark.browser

ASSET = ROOT / "generator" / "brandhall" / "assets" / "bhsearch.js"
SHARDS = 8
BASE = "/sub/"  # the site is served below the server's root, as on a project site

FILLER = "这是一段用来把正文撑长的文字，没有任何要找的词。" * 6
PAGES: list[dict[str, Any]] = [
    {
        "url": "atlas/",
        "title": "城市植物图鉴",
        "text": "书中写到银杏家的植物染，也写到公园里的银杏。",
        "filters": {"kind": ["案例"], "region": ["华北"]},
        "sorts": {"date": "2022-05-01"},
    },
    {
        "url": "brands/yinxing/",
        "title": "银杏家",
        "text": "银杏家是一家做植物染的工作室。",
        "parts": [("yinxingjia yxj", 1)],
        "filters": {"kind": ["品牌"], "region": ["华东"]},
        "sorts": {"date": "2021-01-01"},
    },
    {
        "url": "brands/yinxing/spring/",
        "title": "银杏家春季新品",
        "text": "春季发布会上，银杏家展示了新的颜色。",
        "filters": {"kind": ["案例"], "region": ["华东"]},
        "sorts": {"date": "2023-03-01"},
    },
    {
        "url": "brands/hylxf/",
        "title": "Hylxf 工作室",
        "text": "一家做家具的工作室。",
        "filters": {"kind": ["品牌"], "region": ["华南"]},
    },
    {
        "url": "safety/",
        "title": "安全测试",
        "text": "正文里的代码 <script>alert('x&y')</script> 只是文字。",
        "filters": {"kind": ["页面"]},
    },
    {
        "url": "long/",
        "title": "长文",
        "text": FILLER + "😀😀😀😀😀好关键词，后面还有很多文字。" + FILLER,
        "filters": {"kind": ["页面"]},
        "sorts": {"date": "2020-01-01"},
    },
]


def gaps(pages: list[int]) -> list[int]:
    out, prev = [], -1
    for page in pages:
        out.append(page - prev - 1)
        prev = page
    return out


def write_index(site: Path, pages: list[dict[str, Any]]) -> Path:
    """The files of searchindex.py's docstring for ``pages`` (each: url, title, text, and
    optional parts [(text, class)], meta, filters {name: [values]}, sorts {name: key}),
    under site/bhsearch/; returns the build's directory."""
    postings: dict[str, list[tuple[int, int]]] = {}  # term: [(page, class)] in page order
    for page, p in enumerate(pages):
        best: dict[str, int] = {}  # each term at its strongest class on the page
        for text, cls in [(p["title"], 3), *p.get("parts", []), (p["text"], 0)]:
            for term in index_terms(text):
                best[term] = max(best.get(term, 0), cls)
        for term, cls in best.items():
            postings.setdefault(term, []).append((page, cls))
    files: dict[str, Any] = {f"t/{k}.json": {} for k in range(SHARDS)}
    for term, items in postings.items():
        at, classes = zip(*items, strict=True)
        numbers = [gap * 4 + cls for gap, cls in zip(gaps(list(at)), classes, strict=True)]
        files[f"t/{shard_of(term, SHARDS)}.json"][term] = numbers
    filters: dict[str, dict[str, list[int]]] = {}
    sorts: dict[str, list[tuple[str, int]]] = {}
    for page, p in enumerate(pages):
        files[f"d/{page}.json"] = {
            "url": p["url"],
            "meta": {"title": p["title"], **p.get("meta", {})},
            "filters": p.get("filters", {}),
            "content": p["text"],
        }
        for name, values in p.get("filters", {}).items():
            for value in values:
                filters.setdefault(name, {}).setdefault(value, []).append(page)
        for name, key in p.get("sorts", {}).items():
            sorts.setdefault(name, []).append((key, page))
    files["filters.json"] = {
        name: {value: gaps(ps) for value, ps in values.items()} for name, values in filters.items()
    }
    files["sorts.json"] = {name: [page for _, page in sorted(keys)] for name, keys in sorts.items()}
    build = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:12]
    root = site / "bhsearch"
    for name, content in files.items():
        path = root / build / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    index = {"version": VERSION, "build": build, "docs": len(pages), "shards": SHARDS}
    (root / "index.json").write_text(json.dumps({**index, "weights": list(WEIGHTS)}))
    shutil.copy(ASSET, site / "bhsearch.js")
    # ask(term, opts): the results' urls and excerpts and the counts, as plain data.
    (site / "index.html").write_text(
        f"""<!doctype html><meta charset="utf-8"><title>t</title>
<script type="module">
import * as bh from "./bhsearch.js";
window.bh = bh;
window.ask = async (term, opts) => {{
  const s = await bh.search(term, opts);
  const datas = await Promise.all(s.results.map((r) => r.data()));
  return {{
    urls: datas.map((d) => d.raw_url), full: datas.map((d) => d.url),
    excerpts: datas.map((d) => d.excerpt), scores: s.results.map((r) => r.score),
    unfiltered: s.unfilteredResultCount, filters: s.filters, totalFilters: s.totalFilters,
  }};
}};
bh.options({{ baseUrl: "{BASE}", excerptLength: 36 }}).then(() => {{ window.ready = true; }});
</script>""",
        encoding="utf-8",
    )
    return root / build


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    top = tmp_path_factory.mktemp("bhsearch")
    write_index(top / BASE.strip("/"), PAGES)
    with serve(top) as base:
        yield base


def open_page(browser: Any, base: str) -> Any:
    """A fresh page (nothing memoised) on the fixture site; every request it makes is in
    page.bh_requests, and a request elsewhere or an uncaught error fails close_page."""
    page = open_local(browser, base, base + BASE)
    page.wait_for_function("window.ready === true")
    return page


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    p = open_page(browser, server)
    yield p
    close_page(p)


close_page = close_local


def ask(page: Any, term: str | None, opts: dict[str, Any] | None = None) -> dict[str, Any]:
    return page.evaluate("([t, o]) => window.ask(t, o || undefined)", [term, opts])


def urls(page: Any, term: str | None, opts: dict[str, Any] | None = None) -> list[str]:
    return ask(page, term, opts)["urls"]


def test_terms_and_hash_agree_with_python(page: Any) -> None:
    queries = [
        "ＡＢＣ Ｈｙｌｘｆ",
        "银杏e家",
        "银杏家银杏",
        "2024年春季",
        "𠀀 emoji 😀 here",
        "a-b_c! d.e",
        "中",
        "ÉCOLE straße",
        "x" * 30 + " 丽丽",
        "①②",
        "  ",
    ]
    got = page.evaluate(
        "qs => qs.map(q => [bh._internals.queryTerms(q), bh._internals.normalize(q)])", queries
    )
    assert got == [[query_terms(q), normalize(q)] for q in queries]
    terms = [
        "",
        "a",
        "银杏",
        "𠀀",
        "😀x",
        "hylxf",
        "ß",
        *(t for q in queries for t in query_terms(q)),
    ]
    hashes = page.evaluate("ts => ts.map(t => bh._internals.termHash(t))", terms)
    assert hashes == [term_hash(t) for t in terms]


def test_name_in_title_first_and_every_word_required(page: Any) -> None:
    # Page 0 holds 银杏家 in its text only; the pages titled with it come first.
    found = urls(page, "银杏家")
    assert found[0] == "brands/yinxing/"
    assert found == ["brands/yinxing/", "brands/yinxing/spring/", "atlas/"]
    # idf(t) × the weight of the term's class (3: title, 0: text), summed over the terms.
    idf = math.log(1 + 6 / 3)
    assert ask(page, "银杏家")["scores"] == pytest.approx([20 * idf, 20 * idf, 2 * idf])
    assert ask(page, "yxj")["scores"] == pytest.approx([3 * math.log(1 + 6 / 1)])
    # AND: only the page holding both words.
    assert urls(page, "银杏 发布会") == ["brands/yinxing/spring/"]
    assert urls(page, "银杏") == ["brands/yinxing/", "brands/yinxing/spring/", "atlas/"]
    assert urls(page, "zzzz") == []
    assert urls(page, "!!!") == []


def test_partial_match_ranked_by_words_held(page: Any) -> None:
    # No page holds hylxf and 发布会: the page with two of its three terms (发布, 布会, in
    # its text) comes before the one with hylxf in its title, which scores higher.
    result = ask(page, "hylxf 发布会")
    assert result["urls"] == ["brands/yinxing/spring/", "brands/hylxf/"]
    assert result["scores"][0] < result["scores"][1]


def test_latin_prefix_and_full_width(page: Any) -> None:
    assert urls(page, "hyl") == ["brands/hylxf/"]
    assert urls(page, "ＨＹＬＸ") == ["brands/hylxf/"]
    assert urls(page, "yxj") == ["brands/yinxing/"]
    assert urls(page, "hylxfz") == []
    assert ask(page, "hyl")["full"] == ["/sub/brands/hylxf/"]


def test_filters_and_counts(page: Any) -> None:
    r = ask(page, "银杏", {"filters": {"kind": "案例"}})
    assert r["urls"] == ["brands/yinxing/spring/", "atlas/"]
    assert r["unfiltered"] == 3
    assert r["filters"]["kind"] == {"案例": 2, "品牌": 0, "页面": 0}
    assert r["filters"]["region"] == {"华北": 1, "华东": 1, "华南": 0}
    assert r["totalFilters"]["kind"] == {"案例": 2, "品牌": 1, "页面": 0}
    # A list: any of its values; two names: both.
    r = ask(page, "银杏", {"filters": {"kind": ["案例", "品牌"], "region": "华东"}})
    assert r["urls"] == ["brands/yinxing/", "brands/yinxing/spring/"]
    assert r["filters"]["region"] == {"华北": 0, "华东": 2, "华南": 0}
    assert urls(page, "银杏", {"filters": {"kind": "nope"}}) == []
    # No words: every page that passes, in page order.
    assert urls(page, None, {"filters": {"kind": "品牌"}}) == ["brands/yinxing/", "brands/hylxf/"]
    assert urls(page, "", {"filters": {"region": ["华北", "华南"]}}) == [
        "atlas/",
        "brands/hylxf/",
    ]
    r = ask(page, None, {"filters": {}})
    assert r["urls"] == [] and r["unfiltered"] == 0
    assert urls(page, None) == []
    assert page.evaluate("bh.filters()") == {
        "kind": {"案例": 2, "品牌": 2, "页面": 2},
        "region": {"华北": 1, "华东": 2, "华南": 1},
    }


def test_sort_with_pages_lacking_the_key_last(page: Any) -> None:
    assert urls(page, None, {"sort": {"date": "asc"}}) == [
        "long/",
        "brands/yinxing/",
        "atlas/",
        "brands/yinxing/spring/",
        "brands/hylxf/",
        "safety/",
    ]
    assert urls(page, None, {"sort": {"date": "desc"}}) == [
        "brands/yinxing/spring/",
        "atlas/",
        "brands/yinxing/",
        "long/",
        "brands/hylxf/",
        "safety/",
    ]
    # With words: the words choose the pages, the sort their order.
    assert urls(page, "工作室", {"sort": {"date": "desc"}}) == ["brands/yinxing/", "brands/hylxf/"]
    assert urls(page, "工作室") == ["brands/hylxf/", "brands/yinxing/"]


def test_excerpt_marks_the_query_and_escapes_the_text(page: Any) -> None:
    r = ask(page, "关键词")
    assert r["urls"] == ["long/"]
    (html,) = r["excerpts"]
    assert "<mark>关键词</mark>" in html
    text = html.replace("<mark>", "").replace("</mark>", "")
    assert 60 <= len(text) <= 80 and text in PAGES[5]["text"]
    assert 3 <= text.index("关键词") <= 10  # starts a little before the word
    assert text.startswith("😀")  # not with the second half of one
    (html,) = ask(page, "alert")["excerpts"]
    assert "&lt;script&gt;<mark>alert</mark>(&#39;x&amp;y&#39;)&lt;/script&gt;" in html
    assert "<script" not in html
    # A run the text lacks is marked by its pairs, overlapping pairs as one mark.
    (html,) = ask(page, "做植物染色", {"filters": {"kind": "品牌"}})["excerpts"]
    assert html.startswith("银杏家是一家<mark>做植物染</mark>的工作室")
    # Full-width capitals in the query match the text's letters.
    (html,) = ask(page, "ＡＬＥＲＴ")["excerpts"]
    assert "<mark>alert</mark>" in html
    # A word found in the title only: the start of the text, nothing marked.
    (html,) = ask(page, "hyl")["excerpts"]
    assert html == "一家做家具的工作室。"


def test_missing_shard_names_the_file(browser: Any, tmp_path: Path) -> None:
    build = write_index(tmp_path / BASE.strip("/"), PAGES)
    k = shard_of("银杏", SHARDS)
    saved = (build / "t" / f"{k}.json").read_bytes()
    (build / "t" / f"{k}.json").unlink()
    other = next(t for t in ["hylxf", "关键", "工作", "安全"] if shard_of(t, SHARDS) != k)
    with serve(tmp_path) as base:
        page = open_page(browser, base)
        # preload never rejects (its failure is left to the search), so this is no error.
        page.evaluate("() => { bh.preload('银杏'); }")
        assert page.evaluate("bh.preload('银杏').then(() => 'resolved')") == "resolved"
        message = page.evaluate("ask('银杏').then(() => 'no error', e => e.message)")
        assert f"/sub/bhsearch/{build.name}/t/{k}.json" in message
        assert "404" in message
        assert urls(page, other)  # the other files still answer
        # A failure is not remembered: once the file is back, the query answers.
        (build / "t" / f"{k}.json").write_bytes(saved)
        assert urls(page, "银杏")
        close_page(page)


def test_plain_query_is_cheap_and_files_are_fetched_once(page: Any) -> None:
    page.evaluate("Promise.all([ask('银杏家'), ask('银杏家'), bh.preload('银杏家')])")
    fetched = page.bh_requests
    assert not any(u.endswith(("filters.json", "sorts.json")) for u in fetched)
    shards = {shard_of(t, SHARDS) for t in query_terms("银杏家")}
    assert sorted(u.rsplit("/", 1)[1] for u in fetched if "/t/" in u) == sorted(
        f"{k}.json" for k in shards
    )
    assert sum(u.endswith("/index.json") for u in fetched) == 1
    assert sum(u.endswith("/d/1.json") for u in fetched) == 1
    ask(page, "银杏", {"filters": {}})
    ask(page, "银杏", {"filters": {"kind": "案例"}})
    assert sum(u.endswith("/filters.json") for u in page.bh_requests) == 1


def test_a_pasted_paragraph_looks_up_a_dozen_terms_and_still_finds_its_page(page: Any) -> None:
    query = "这是一段用来把正文撑长的文字，没有任何要找的词。"  # 20 pairs
    looked = page.evaluate("q => bh._internals.lookedUp(bh._internals.queryTerms(q))", query)
    every = query_terms(query)
    assert len(every) == 20 and len(looked) == 12
    assert looked[0] == every[0] and looked[-1] == every[-1] and set(looked) <= set(every)
    assert ask(page, query)["urls"][0] == "long/"


def test_a_release_published_while_the_page_is_open_is_read_at_the_next_search(
    browser: Any, tmp_path: Path
) -> None:
    """`brandhall publish` switches the site at once: the index read at the first search
    names a directory the server no longer has. The engine reads index.json again."""
    site = tmp_path / BASE.strip("/")
    old = write_index(site, PAGES)
    with serve(tmp_path) as base:
        page = open_page(browser, base)
        assert urls(page, "银杏")
        renamed = [
            {**p, "text": p["text"] + " 新版本"} if p["url"] == "long/" else p for p in PAGES
        ]
        new = write_index(site, renamed)
        assert new != old
        shutil.rmtree(old)
        assert urls(page, "新版本") == ["long/"]  # its shard was never read from the old one
        assert urls(page, "工作室")
        close_page(page)
