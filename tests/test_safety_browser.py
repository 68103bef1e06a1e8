"""The hostile corpus after cleaning, opened in Chromium from a plain static server with
no CSP: no dialog opens and no request leaves the origin.  A control page with the same
vectors *uncleaned* must trip both, so the test can fail."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from brandhall.safety import clean_html, clean_svg, render_editor_markdown

from .sitetools import serve
from .test_safety import MD_VECTORS, SVG_VECTORS, unsafe_render

pytestmark = pytest.mark.browser

PAGE = '<!doctype html><html lang="zh"><head><meta charset="utf-8"></head><body>{}</body></html>'


@pytest.fixture(scope="module")
def attack_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    root = tmp_path_factory.mktemp("attacks")
    (root / "images").mkdir()
    paths: list[str] = []
    for _cls, vector in MD_VECTORS:
        editor = render_editor_markdown(vector["text"])
        final = clean_html(unsafe_render(vector["text"]), allow_structure=True)
        name = f"{vector['id']}.html"
        (root / name).write_text(PAGE.format(editor + "\n<hr>\n" + final), encoding="utf-8")
        paths.append(name)
    for svg in SVG_VECTORS:
        result = clean_svg(svg.read_bytes())
        if result.svg is not None:
            (root / svg.name).write_bytes(result.svg)
            paths.append(svg.name)
            # ... and as an <img>, the way pages show logos.
            (root / f"img-{svg.stem}.html").write_text(
                PAGE.format(f'<img src="{svg.name}" alt="">'), encoding="utf-8"
            )
            paths.append(f"img-{svg.stem}.html")
    control = "".join(unsafe_render(v["text"]) for _c, v in MD_VECTORS)
    (root / "control.html").write_text(PAGE.format(control), encoding="utf-8")
    with serve(root) as base:
        yield base, paths


def _visit(browser: Any, base: str, paths: list[str]) -> tuple[list[str], list[str]]:
    dialogs: list[str] = []
    outside: list[str] = []
    context = browser.new_context()

    def route(r: Any) -> None:
        if r.request.url.startswith(base):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    try:
        for path in paths:
            page.goto(f"{base}/{path}", wait_until="load")
            # Give autofocus/onfocus and animations a moment, then hover and tab around.
            page.wait_for_timeout(50)
            page.mouse.move(20, 20)
            page.mouse.move(200, 120)
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            page.wait_for_timeout(20)
    finally:
        context.close()
    return dialogs, outside


def test_cleaned_attacks_open_no_dialog_and_fetch_nothing(
    browser: Any, attack_site: tuple[str, list[str]]
) -> None:
    base, paths = attack_site
    assert len(paths) > 90 and any(p.endswith(".svg") for p in paths)
    dialogs, outside = _visit(browser, base, paths)
    assert dialogs == []
    assert outside == []


def test_the_uncleaned_control_page_does_fire(
    browser: Any, attack_site: tuple[str, list[str]]
) -> None:
    base, _paths = attack_site
    dialogs, outside = _visit(browser, base, ["control.html"])
    assert dialogs, "the uncleaned vectors should run script"
    assert outside, "the uncleaned vectors should try to fetch off-site"
