"""Issue 8, the boundary in a real build: every Markdown vector of the hostile corpus is
planted in a brand.yml Markdown field and in a case body (tests/safetysite.py), `brandhall
check` runs once, and `brandhall build` builds what check lets through, once.  Each vector
is either rejected with a located message or built into a page that holds no hostile
feature the control brand's page lacks."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from brandhall.safety.audit import ACTIVE_ELEMENTS, hostile_features

from .safetysite import (
    PLAIN_CASE_SUMMARY,
    PLAIN_CASE_TITLE,
    PLAIN_FIELDS,
    PLAIN_NAME,
    PLAIN_TAGS,
    VECTORS,
    PlantedSite,
    build_planted,
)
from .sitetools import parse_page, search_records, serve


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> PlantedSite:
    result = build_planted(tmp_path_factory.mktemp("planted"))
    assert result.build.returncode == 0, result.build.stdout + result.build.stderr
    return result


class _Page(HTMLParser):
    """The article (content) and what the whole page could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.article: list[str] = []
        self.text: list[str] = []
        self.active: Counter[str] = Counter()
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ACTIVE_ELEMENTS:
            self.active[tag] += 1
        for name in a:
            if name.startswith("on"):
                self.active[f"@{name}"] += 1
        if tag == "meta" and "name" in a:
            self.meta[a["name"]] = a.get("content", "")
        self._in_title = tag == "title"
        if tag == "article":
            self.depth = 1
        elif self.depth and tag not in ("br", "img", "hr", "input", "meta", "link"):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        if self.depth and tag not in ("br", "img", "hr", "input"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self.depth:
            self.text.append(data)


def _read(path: Path) -> tuple[str, _Page]:
    html = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    page.close()
    return html, page


def _article(html: str) -> str:
    m = re.search(r"<article\b.*?</article>", html, re.S)
    assert m, "no <article>"
    return m.group(0)


def test_every_vector_is_rejected_with_a_location_or_built(planted: PlantedSite) -> None:
    assert len(planted.plants) == 2 * len(VECTORS) >= 160
    for p in planted.rejected:
        for problem in p.rejected:
            assert problem["path"] == p.file and p.first <= problem["line"] <= p.last, p.id
            assert problem["column"] >= 0 and problem["field"], problem
            assert "{" not in problem["message"] and problem["message"], problem
    for p in planted.built:
        assert (planted.site / p.page).is_file(), p.id
    # Check cannot know everything: the output boundary carries a good share alone.
    assert len(planted.built) >= 40, len(planted.built)


def test_built_attack_pages_hold_nothing_the_control_lacks(planted: PlantedSite) -> None:
    site = planted.site
    control_brand = _read(site / "brands/control/index.html")
    control_case = _read(site / "brands/control/cases/yici-jiuyuan/index.html")
    pages: dict[str, list[str]] = {}
    for p in planted.built:
        pages.setdefault(p.page, []).append(p.id)
    assert len(pages) > 30
    for rel, ids in pages.items():
        html, page = _read(site / rel)
        control_html, control = control_case if "/cases/" in rel else control_brand
        article = hostile_features(_article(html)) - hostile_features(_article(control_html))
        assert article == set(), (rel, ids, article)
        whole = hostile_features(html) - hostile_features(control_html)
        assert whole == set(), (rel, ids, whole)
        # Not one script, frame or handler more than the control page has.
        more = page.active - control.active
        assert not more, (rel, ids, more)


def test_a_case_body_shows_what_the_editor_meant(planted: PlantedSite) -> None:
    for p in planted.built:
        if p.where == "case" and "keep" in p.vector:
            _html, page = _read(planted.site / p.page)
            assert p.vector["keep"] in "".join(page.text), p.id


def test_attribute_lists_are_shown_as_text_not_applied(planted: PlantedSite) -> None:
    p = next(p for p in planted.built if p.id == "case:attr-para-onfocus")
    html, page = _read(planted.site / p.page)
    assert '{: tabindex="0" autofocus onfocus="alert(1)" }' in "".join(page.text)
    assert "autofocus" not in re.sub(r">[^<]*<", "><", _article(html))


def test_case_headings_stay_in_the_table_of_contents(planted: PlantedSite) -> None:
    links = planted.site / "brands/control/cases/links/index.html"
    html = links.read_text(encoding="utf-8")
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S)
    assert toc and "图片" in toc.group(0) and "链接" in toc.group(0)
    ids = re.findall(r'<h2 id="([^"]+)">', html)
    assert len(ids) == 2 and all(f'href="#{i}"' in toc.group(0) for i in ids)


def test_prose_links_and_images_resolve_on_the_built_site(planted: PlantedSite) -> None:
    site = planted.site
    page = site / "brands/control/cases/links/index.html"
    parsed = parse_page(page)
    html = page.read_text(encoding="utf-8")
    assert '<img alt="现场照片" src="../../images/a.png">' in html
    for href in ("../../../attack-1/", "../yici-jiuyuan/#_2", "../../../../contribute/"):
        assert f'href="{href}"' in html, href
    assert 'href="https://example.org/a?b=1"' in html
    assert (page.parent / "../../images/a.png").resolve().is_file()
    assert "<pre><code>第一行\n\n&lt;b&gt;第三行&lt;/b&gt;\n</code></pre>" in html
    assert parsed.images and all(i.get("alt") for i in parsed.images)


def test_plain_text_fields_are_escaped_everywhere(planted: PlantedSite) -> None:
    """Names, slogans, summaries, org names, tags and case titles reach Material's
    templates (which do not escape) and the search index: they read exactly as written
    and never become markup."""
    site = planted.site
    html, page = _read(site / "brands/plain-text/index.html")
    control_html, control = _read(site / "brands/control/index.html")
    assert page.meta["description"] == PLAIN_FIELDS["summary"]
    assert page.title.startswith(PLAIN_NAME + " - ")
    text = " ".join("".join(page.text).split())
    for value in (PLAIN_NAME, PLAIN_FIELDS["slogan"], PLAIN_FIELDS["org"], *PLAIN_TAGS):
        assert " ".join(value.split()) in text, value
    assert hostile_features(html) - hostile_features(control_html) == set()
    assert not page.active - control.active
    case_html, case = _read(site / "brands/plain-text/cases/yici-jiuyuan/index.html")
    assert case.meta["description"] == PLAIN_CASE_SUMMARY
    assert case.title.startswith(PLAIN_CASE_TITLE + " - ")
    assert PLAIN_CASE_TITLE in "".join(case.text)
    assert hostile_features(case_html) - hostile_features(control_html) == set()
    assert not case.active - control.active


# The index holds the pages' *text* (an editor's "<img onerror>" written as text is text
# there). assets/bhsearch.js escapes it before it adds <mark> to an excerpt, and
# assets/search.js sets titles and meta as textContent and rebuilds excerpts from text
# nodes and <mark> only, so nothing of it ever becomes an element.
_INDEX_TAG = re.compile(r"<(?!/?mark>)")


def _as_excerpt(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def test_the_search_index_holds_no_editor_markup(planted: PlantedSite) -> None:
    fragments = search_records(planted.site)
    assert any(f["url"].startswith("brands/attack-") for f in fragments)
    for f in fragments:
        for value in (f["content"], *f["meta"].values()):
            shown = _as_excerpt(value)
            assert not _INDEX_TAG.search(shown), (f["url"], value[:200])
            assert hostile_features(shown) == set(), f["url"]
    plain = next(f for f in fragments if f["url"] == "brands/plain-text/")
    # The name is there as the reader sees it.
    assert "甲&乙\"丙'丁>戊<己" in unescape(plain["meta"]["title"])


def test_docs_pages_are_unchanged_by_the_final_pass(tmp_path: Path) -> None:
    """Hand-written pages go through the allowlist too and come out with the same
    elements, attributes and text (what MkDocs made of them before the pass)."""
    from mkdocs.commands.build import build
    from mkdocs.plugins import BasePlugin, event_priority

    from brandhall.options import BuildOptions
    from brandhall.plugin import load_site_config

    from .conftest import ROOT, TODAY
    from .test_safety import _shape

    before: dict[str, str] = {}
    after: dict[str, str] = {}

    class Before(BasePlugin):  # type: ignore[type-arg]
        def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
            before[page.file.src_uri] = html
            return html

    class After(BasePlugin):  # type: ignore[type-arg]
        @event_priority(-200)
        def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
            after[page.file.src_uri] = html
            return html

    config = load_site_config(
        ROOT / "mkdocs.yml", BuildOptions(today=TODAY), site_dir=str(tmp_path / "site")
    )
    config.plugins["before"] = Before()
    config.plugins["after"] = After()
    build(config)
    docs = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").glob("*.md"))
    assert docs and set(docs) <= set(after)
    for uri in docs:
        assert after[uri] != before[uri] or "<a " not in before[uri]  # the pass did run
        assert _shape(after[uri]) == _shape(before[uri]), uri


@pytest.mark.browser
def test_chromium_sees_no_dialog_and_no_off_origin_request(
    browser: Any, planted: PlantedSite
) -> None:
    """Every built attack page, served by a plain static server with no CSP."""
    from .test_safety_browser import _visit

    paths = sorted({p.page for p in planted.built})
    paths += ["brands/plain-text/", "brands/plain-text/cases/yici-jiuyuan/"]
    with serve(planted.site) as base:
        dialogs, outside = _visit(browser, base, paths)
    assert len(paths) > 30
    assert dialogs == []
    assert outside == []
