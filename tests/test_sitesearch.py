"""The search index built page by page during the build (sitesearch.LiveIndex)."""

from __future__ import annotations

import gzip
import os
import shutil
import stat
from pathlib import Path

import pytest

from brandhall.errors import BuildError
from brandhall.sitesearch import LiveIndex, index_site, page_url

from .sitetools import build_site


def _fragments(site: Path) -> set[str]:
    return {p.name for p in (site / "pagefind" / "fragment").iterdir()}


def _chunk_sizes(site: Path) -> list[int]:
    return sorted(len(gzip.open(p).read()) for p in (site / "pagefind" / "index").iterdir())


def test_page_urls_are_those_the_command_line_indexer_gives() -> None:
    assert page_url("index.html") == "/"
    assert page_url("brands/a/index.html") == "/brands/a/"
    assert page_url("brands/a/cases/c.html") == "/brands/a/cases/c.html"


def test_the_index_built_during_the_build_matches_the_command_line_indexers(
    sample_site: Path, tmp_path: Path
) -> None:
    again = tmp_path / "site"
    shutil.copytree(sample_site, again)
    shutil.rmtree(again / "pagefind")
    pages, _seconds = index_site(again)
    # Every page's fragment (its address, text, meta and filters) is named by its content:
    # the same names, the same pages as readers see them in results.
    assert pages == len(_fragments(sample_site)) > 30
    assert _fragments(again) == _fragments(sample_site)
    # The word chunks number the pages in the order they were handed over (MkDocs' order
    # here, the file system's there), so their bytes differ a little, not their words.
    live, cli = _chunk_sizes(sample_site), _chunk_sizes(again)
    assert len(live) == len(cli)
    assert all(abs(a - b) <= b // 100 for a, b in zip(live, cli, strict=True))


def _fake_indexer(tmp_path: Path, script: str) -> str:
    path = tmp_path / "pagefind_extended"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_an_indexer_that_will_not_start_is_a_build_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "missing"))
    with pytest.raises(BuildError) as caught:
        LiveIndex()
    assert caught.value.code == "search_index_failed"


def test_an_indexer_that_dies_midway_is_a_build_error(tmp_path: Path) -> None:
    live = LiveIndex()
    live.add("brands/a/index.html", '<html lang="zh"><body><div data-pagefind-body>党建</div>')
    live._proc.kill()  # out of memory, say
    live.add("brands/b/index.html", '<html lang="zh"><body><div data-pagefind-body>品牌</div>')
    with pytest.raises(BuildError) as caught:
        live.finish(tmp_path / "site")
    assert caught.value.code == "search_index_failed"
    assert not (tmp_path / "site" / "pagefind").exists()


def test_a_failing_indexer_stops_the_build_with_a_message_and_keeps_the_old_site(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    fake = _fake_indexer(tmp_path, 'echo "磁盘已满 (fake)" >&2; exit 3\n')
    env = dict(os.environ, PAGEFIND_BINARY_PATH=fake)
    proc = build_site(site, None, env=env)
    assert proc.returncode != 0
    said = proc.stdout + proc.stderr
    assert "生成站内搜索索引（Pagefind）失败" in said and "磁盘已满 (fake)" in said
    assert "Traceback" not in said
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
