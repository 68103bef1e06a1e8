from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from brandhall.localbrowser import CHROMIUM, CHROMIUM_ARGS

# No test writes outside a temporary directory: Hypothesis keeps no example database
# in the repository.
settings.register_profile("brandhall", database=None)
settings.load_profile("brandhall")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"
# Every test sees the same "today", so future-date checks do not drift.
TODAY = dt.date(2026, 12, 1)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the expected output of tests/golden/*.yml from the current behaviour",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def brands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty brands/ directory, with the working directory at its parent."""
    root = tmp_path / "brands"
    root.mkdir()
    monkeypatch.chdir(tmp_path)
    return root


@pytest.fixture
def valid_brand(brands: Path) -> Path:
    """brands/valid/ holding the valid fixture brand."""
    target = brands / "valid"
    shutil.copytree(VALID, target)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's site setup (mkdocs.yml, docs/) with one valid brand."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(VALID, tmp_path / "brands" / "valid")
    return tmp_path


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The sample content built once per test session with `brandhall build`."""
    from .sitetools import build_site

    site = tmp_path_factory.mktemp("sample") / "site"
    proc = build_site(site)
    return proc, site


@pytest.fixture(scope="session")
def sample_site(sample_build) -> Path:  # type: ignore[no-untyped-def]
    proc, site = sample_build
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Debian Chromium for the whole session (Playwright allows one sync
    driver per process). In CI a missing browser is a failure, never a skip."""
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
        )
        yield instance
        instance.close()
