"""The site search index: what a page is found by, the files written, the indexer's
process and its failures (assets/bhsearch.js reads it: tests/test_bhsearch_engine.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from brandhall import searchindex
from brandhall.errors import BuildError
from brandhall.searchindex import IndexWriter, index_terms, query_terms, read_page, shard_of
from brandhall.sitesearch import LiveIndex, page_url, write_index

from .sitetools import build_site


def _page(body: str) -> str:
    return f"<nav>导航栏</nav><div data-pagefind-body>{body}</div><footer>页脚</footer>"


def _postings(site: Path, term: str) -> dict[int, int]:
    """The pages (id -> class) the index gives for ``term``, read as bhsearch.js does."""
    index = json.loads((site / "bhsearch" / "index.json").read_text(encoding="utf-8"))
    shard = site / "bhsearch" / index["build"] / "t" / f"{shard_of(term, index['shards'])}.json"
    numbers = json.loads(shard.read_text(encoding="utf-8")).get(term, [])
    out, page = {}, -1
    for n in numbers:
        page += 1 + (n >> 2)
        out[page] = n & 3
    return out


def test_page_urls_are_relative_to_the_site_root() -> None:
    assert page_url("brands/a/index.html") == "brands/a/"
    assert page_url("index.html") == ""
    assert page_url("brands/a/cases/b/index.html") == "brands/a/cases/b/"


def test_terms_are_chinese_characters_and_pairs_and_latin_prefixes() -> None:
    assert index_terms("乡村振兴") == {"乡", "村", "振", "兴", "乡村", "村振", "振兴"}
    assert {"h", "hy", "hyl", "hylxf"} <= index_terms("HYLXF")  # lower-cased
    assert "abc" in index_terms("ＡＢＣ")  # full-width letters as a Chinese keyboard types them
    # A query keeps pairs (one character alone), and Latin words whole.
    assert query_terms("乡村振兴 hyl 党") == ["乡村", "村振", "振兴", "hyl", "党"]
    assert query_terms("“乡村，振兴”") == ["乡村", "振兴"]  # punctuation splits runs


def test_a_page_is_read_as_the_reader_sees_it() -> None:
    page = read_page(
        _page(
            '<h1 id="x">火焰蓝先锋<a class="headerlink" href="#x">¶</a></h1>'
            '<p class="bh-slogan" data-pagefind-weight="4">党旗所指</p>'
            "<p>白<span>沙市</span>的群众</p><p>服务</p>"
            '<div data-pagefind-ignore="all">上一篇 相关品牌</div>'
            '<span data-pagefind-filter="行业领域:消防救援"></span>'
            '<span data-pagefind-filter="标签:先锋"></span><span data-pagefind-filter="标签:培训"></span>'
            '<span data-pagefind-meta="brand:火焰蓝"></span><span data-pagefind-sort="date:2024-06-01"></span>'
        )
    )
    assert page is not None
    assert page["meta"] == {"brand": "火焰蓝", "title": "火焰蓝先锋"}  # no ¶ in the title
    assert page["filters"] == {"行业领域": ["消防救援"], "标签": ["先锋", "培训"]}
    assert page["sorts"] == {"date": "2024-06-01"}
    terms = page["terms"]
    assert terms["先锋"] == 3 and terms["党旗"] == 2 and terms["群众"] == 0
    assert "白沙" in terms  # inline pieces of one paragraph are one text
    assert "众服" not in terms  # two paragraphs are not
    assert "上一" not in terms and "导航" not in terms and "页脚" not in terms
    assert "¶" not in page["content"] and "上一篇" not in page["content"]
    assert page["content"].startswith("火焰蓝先锋 党旗所指 白沙市的群众 服务")
    assert read_page("<p>no body marker</p>") is None


def test_the_files_give_each_term_its_pages_in_order_with_their_class(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(searchindex, "SHARD_POSTINGS", 10)  # many shards from a few pages
    pages = [
        (f"brands/b{i}/index.html", _page(f"<h1>品牌{i}</h1><p>乡村振兴 第{i}个</p>"))
        for i in range(30)
    ]
    pages.insert(5, ("about/index.html", "<p>不是品牌页</p>"))
    assert write_index(tmp_path, pages) == 30
    index = json.loads((tmp_path / "bhsearch" / "index.json").read_text(encoding="utf-8"))
    assert index["docs"] == 30 and index["shards"] > 16
    assert _postings(tmp_path, "振兴") == {i: 0 for i in range(30)}
    assert _postings(tmp_path, "品牌") == {i: 3 for i in range(30)}
    assert _postings(tmp_path, "17") == {17: 3}  # a number is a term (here in the title)
    build = tmp_path / "bhsearch" / index["build"]
    record = json.loads((build / "d" / "7.json").read_text(encoding="utf-8"))
    assert record["url"] == "brands/b7/" and record["meta"]["title"] == "品牌7"
    assert [p.name for p in (tmp_path / "bhsearch").iterdir() if p.name.startswith(".")] == []


def test_the_index_written_by_the_indexers_process_is_the_in_process_one(tmp_path: Path) -> None:
    pages = [
        (f"brands/b{i}/index.html", _page(f"<h1>品牌{i}</h1><p>乡村振兴 hylxf {i}</p>"))
        for i in range(50)
    ]
    live = LiveIndex(tmp_path / "a")
    for dest, html in pages:
        live.add(dest, html)
    assert live.finish()[0] == 50
    write_index(tmp_path / "b", pages)

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.json")}

    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_an_indexer_that_dies_midway_is_a_build_error_and_leaves_nothing(tmp_path: Path) -> None:
    live = LiveIndex(tmp_path / "site")
    live.add("brands/a/index.html", _page("党建"))
    live._proc.kill()  # out of memory, say
    with pytest.raises(BuildError) as caught:
        for _ in range(200):  # the pipe takes a few pages before it notices
            live.add("brands/b/index.html", _page("品牌" * 1000))
        live.finish()
    assert caught.value.code == "search_index_failed"
    assert "lack of memory" in str(caught.value.params)
    assert list((tmp_path / "site").rglob("*.json")) == []
    assert list((tmp_path / "site").rglob(".staging-*")) == []


def test_a_full_disk_stops_the_build_with_a_message_and_keeps_the_old_site(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    # Writing the index fails as on a full disk, in the indexer's own process too (it
    # imports sitecustomize from the path as every Python process does).
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import errno\n"
        "from brandhall import searchindex\n"
        "def full(self):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device', str(self.staging))\n"
        "searchindex.IndexWriter.write = full\n",
        encoding="utf-8",
    )
    path = os.pathsep.join(p for p in (str(hook), os.environ.get("PYTHONPATH", "")) if p)
    proc = build_site(site, None, env=dict(os.environ, PYTHONPATH=path))
    assert proc.returncode != 0
    said = proc.stdout + proc.stderr
    assert "生成站内搜索索引失败" in said and "No space left on device" in said
    assert "Traceback" not in said
    assert (site / "index.html").read_text(encoding="utf-8") == "old"


def test_an_index_is_written_for_an_empty_catalog(tmp_path: Path) -> None:
    assert write_index(tmp_path, []) == 0
    index = json.loads((tmp_path / "bhsearch" / "index.json").read_text(encoding="utf-8"))
    assert index["docs"] == 0
    assert (tmp_path / "bhsearch" / index["build"] / "filters.json").read_text() == "{}"


def test_writing_again_replaces_the_index_before(tmp_path: Path) -> None:
    write_index(tmp_path, [("brands/a/index.html", _page("甲"))])
    first = json.loads((tmp_path / "bhsearch" / "index.json").read_text())["build"]
    write_index(tmp_path, [("brands/a/index.html", _page("乙"))])
    second = json.loads((tmp_path / "bhsearch" / "index.json").read_text())["build"]
    assert first != second
    assert sorted(p.name for p in (tmp_path / "bhsearch").iterdir()) == sorted(
        [second, "index.json"]
    )


def test_memory_holds_postings_not_page_text(tmp_path: Path) -> None:
    """A page's text goes to its record file as the page comes; the writer keeps only
    each term's postings (a few bytes a page)."""
    writer = IndexWriter(tmp_path)
    text = "党建引领乡村振兴，" * 400
    for i in range(20):
        writer.add(f"brands/b{i}/", _page(f"<p>{text}{i}</p>"))
    held = sum(len(b) for b in writer.postings.values())
    assert held < 20 * 200  # ~20 terms a page, not its 3,600 characters
    writer.discard()
