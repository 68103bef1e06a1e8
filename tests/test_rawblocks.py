"""Brandhall's finished HTML blocks skip Python-Markdown (rawblocks.py, issue 10): the
pages come out the same, and an editor cannot name a block."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from brandhall.load import load_catalog
from brandhall.rawblocks import Stash
from brandhall.render import render_site
from brandhall.render.prose import heading_text, prose_html
from brandhall.safety import render_editor_markdown
from brandhall.visibility import visible_catalog

from .conftest import ROOT, TODAY, VALID
from .sitetools import build_site


def _convert(text: str) -> str:
    """The page as the site's Markdown (mkdocs.yml's extensions) converts it."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), *_ = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(entry)
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(text)


def _body(page: str) -> str:
    return page.split("\n---\n", 1)[1] if page.startswith("---") else page


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    result = load_catalog(VALID.parent, today=TODAY)
    return {
        src: _body(text)
        for src, text in render_site(
            visible_catalog(result.catalog, "intranet"), TODAY
        ).pages.items()
        if src.endswith(".md")
    }


def test_every_generated_page_converts_to_the_same_html(pages: dict[str, str]) -> None:
    taken = 0
    for src, text in pages.items():
        stash = Stash()
        placeholders, blocks = stash.take(text)
        taken += len(blocks)
        assert stash.restore(_convert(placeholders)).strip() == _convert(text), src
        assert stash.pending == {}, src
    # Prose, print card, search data, lead…: the blocks are really taken out.
    assert taken > 20


def test_headings_stay_markdown_for_the_table_of_contents(pages: dict[str, str]) -> None:
    placeholders, _ = Stash().take(pages["brands/valid/index.md"])
    assert "## 品牌内涵 { #connotation }" in placeholders
    assert "## 主要做法 { #practices }" in placeholders
    assert '<div class="bh-prose">' not in placeholders


def test_a_token_of_another_build_or_a_second_copy_stays_text() -> None:
    mine, other = Stash(), Stash()
    assert mine.nonce != other.nonce and re.fullmatch(r"[0-9a-f]{32}", mine.nonce)
    page, blocks = mine.take('Text.\n\n<p class="x">block</p>\n\nMore.\n')
    (token,) = blocks
    foreign = f"bhraw{other.nonce}x1"
    html = _convert(page + f"\n{foreign}\n\n{token}\n")
    restored = mine.restore(html)
    assert restored.count('<p class="x">block</p>') == 1  # put back once, where it was
    assert f"<p>{foreign}</p>" in restored  # another nonce: text
    assert f"<p>{token}</p>" in restored  # a second copy of a token: text


def test_this_builds_own_token_typed_in_prose_stays_text() -> None:
    """Even a token of this very build, typed by an editor, is text: a block is put back
    once and never read again for placeholders."""
    stash = Stash()
    first, second = (f"bhraw{stash.nonce}x{n}" for n in (1, 2))
    page = prose_html(f"{first}\n\n{second}") + '<p class="bh-lead">导语</p>\n'
    placeholders, blocks = stash.take(page)
    assert list(blocks) == [first, second]
    html = stash.restore(_convert(placeholders))
    assert html.count(f"<p>{first}</p>") == 1 and html.count(f"<p>{second}</p>") == 1
    assert html.count('<p class="bh-lead">导语</p>') == 1
    assert html.index(f"<p>{second}</p>") < html.index("bh-lead")


@pytest.fixture(scope="module")
def token_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid brand with placeholder-shaped text typed by an editor wherever a
    paragraph or list item of their own can hold it."""
    root = tmp_path_factory.mktemp("tokens")
    brand = root / "brands" / "valid"
    shutil.copytree(VALID, brand)
    fake = "bhraw" + "0" * 32 + "x1"
    data = yaml.safe_load((brand / "brand.yml").read_text(encoding="utf-8"))
    data["connotation"] = f"{fake}\n\n" + data["connotation"] + f"\n\nbhrawx1\n\n{fake}2"
    data["outcomes"] = [fake, *data["outcomes"]]
    (brand / "brand.yml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    case = brand / "cases" / "yici-jiuyuan.md"
    text = case.read_text(encoding="utf-8")
    case.write_text(
        text.replace("author: 测试党支部", f"author: {fake}") + f"\n\n{fake}\n", "utf-8"
    )
    proc = build_site(root / "site", root / "brands")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "site"


def test_an_editor_typing_a_placeholder_gets_text_not_a_block(token_site: Path) -> None:
    fake = "bhraw" + "0" * 32 + "x1"
    page = (token_site / "brands" / "valid" / "index.html").read_text(encoding="utf-8")
    assert f"<p>{fake}</p>" in page and f"<p>{fake}2</p>" in page and "<p>bhrawx1</p>" in page
    assert f"<li>{fake}</li>" in page
    # Every block is there once, in its place: nothing was swapped or duplicated.
    for marker in ('class="bh-print-card"', 'class="bh-search-data"', 'class="bh-lead"'):
        assert page.count(marker) == 1, marker
    assert page.index('id="connotation"') < page.index(fake) < page.index('id="practices"')
    case = (token_site / "brands" / "valid" / "cases" / "yici-jiuyuan" / "index.html").read_text(
        encoding="utf-8"
    )
    assert f"<p>{fake}</p>" in case and f"供稿：{fake}" in case
    assert case.count('class="bh-search-data"') == 1
    # No placeholder of the build itself is left on any page.
    for built in token_site.rglob("*.html"):
        text = built.read_text(encoding="utf-8")
        assert not re.search(r"bhraw(?!0{32})[0-9a-f]{32}x\d", text), built


# --- a plain editor heading skips the editor Markdown (render/prose.heading_text) ---------
_HEADING_CHARS = "党建品牌工作法一二三 abcXYZ0123 ，。、：；“”‘’（）《》-+.=~^%$@'\"\t\u00a0\u3000\\`*_[]<>&!#|{}/"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_HEADING_CHARS, min_size=1, max_size=24))
def test_a_plain_heading_reads_as_the_editor_markdown_renders_it(text: str) -> None:
    text = text.strip() or "标题"
    rendered = render_editor_markdown("# " + text)
    slow = " ".join(html.unescape(re.sub(r"<[^>]*>", "", rendered)).split())
    assert heading_text(text) == slow
