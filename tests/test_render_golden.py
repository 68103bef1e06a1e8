"""Golden tests of rendered pages: the Markdown brandhall hands to MkDocs for a brand, a
case, the gallery, an index page and the home page of a small fixed catalog, committed in
tests/golden_pages/. A reviewer reads a change of output as a diff of these files;
`pytest --update-golden` rewrites them from the current behaviour."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from brandhall.load import load_catalog
from brandhall.render import render_site
from brandhall.visibility import visible_catalog

from .conftest import TODAY, VALID

GOLDEN = Path(__file__).parent / "golden_pages"
PAGES = {
    "brand.md": "brands/valid/index.md",
    "brand-public.md": "brands/valid/index.md",
    "case.md": "brands/valid/cases/yici-jiuyuan.md",
    "gallery.md": "gallery/index.md",
    "sectors.md": "browse/sectors.md",
    "home.md": "index.md",
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("golden") / "brands"
    shutil.copytree(VALID, root / "valid")
    # A second brand in another sector, without logo, contact or cases.
    second = root / "second"
    second.mkdir()
    data = yaml.safe_load((VALID / "brand.yml").read_text(encoding="utf-8"))
    data.update(name="第二个品牌", related=["valid"])
    data["organization"]["sector"] = "农村"
    data["status"] = {"stage": "示范", "stars": 5}
    for key in ("contact", "logo", "reviews"):
        data.pop(key, None)
    (second / "brand.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = load_catalog(root, today=TODAY)
    assert [p for p in result.problems if p.severity == "error"] == []
    out = {}
    for edition in ("intranet", "public"):
        rendered = render_site(visible_catalog(result.catalog, edition), TODAY).pages
        for name, src in PAGES.items():
            if name.endswith("-public.md") == (edition == "public"):
                out[name] = rendered[src]
    return out


@pytest.mark.parametrize("name", sorted(PAGES))
def test_rendered_page_matches_golden(
    pages: dict[str, str], name: str, update_golden: bool
) -> None:
    expected = GOLDEN / name
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        expected.write_text(pages[name], encoding="utf-8")
    assert expected.is_file(), f"run pytest --update-golden to create {expected}"
    assert pages[name] == expected.read_text(encoding="utf-8")
