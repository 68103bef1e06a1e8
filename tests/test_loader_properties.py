"""Property-based tests: whatever an editor saves, the loader answers with located
problems and never raises."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandhall.load import load_catalog
from brandhall.messages import MESSAGES

from .conftest import TODAY, VALID

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        ["2024-02-30", "2024-13", "9999-01-01", "<script>", "javascript:x", "../x", "【待填写】"]
    ),
)
keys = st.one_of(
    st.sampled_from(
        [
            "name",
            "summary",
            "organization",
            "tags",
            "status",
            "stage",
            "logo",
            "file",
            "related",
            "region",
        ]
    ),
    st.text(max_size=12),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=6)
    ),
    max_leaves=30,
)


def _check(root: Path) -> None:
    result = load_catalog(root, today=TODAY)
    for problem in result.problems:
        assert problem.path, problem
        assert problem.code in MESSAGES, problem
        assert problem.message("zh") and problem.message("en")
        # every template placeholder was filled in
        assert not re.search(r"\{[a-z_]+\}", problem.message("zh")), problem


def _fresh(tmp_path: Path) -> Path:
    root = tmp_path / "brands"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(VALID, root / "a")
    return root


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_as_profile(tmp_path: Path, data: bytes) -> None:
    root = _fresh(tmp_path)
    (root / "a" / "brand.yml").write_bytes(data)
    _check(root)


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_as_case(tmp_path: Path, data: bytes) -> None:
    root = _fresh(tmp_path)
    (root / "a" / "cases" / "x.md").write_bytes(data)
    _check(root)


@SETTINGS
@given(doc=documents)
def test_arbitrary_yaml_documents(tmp_path: Path, doc: Any) -> None:
    root = _fresh(tmp_path)
    (root / "a" / "brand.yml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    _check(root)


@SETTINGS
@given(
    key=st.sampled_from(sorted(yaml.safe_load((VALID / "brand.yml").read_text(encoding="utf-8")))),
    value=documents,
)
def test_one_field_replaced_by_anything(tmp_path: Path, key: str, value: Any) -> None:
    root = _fresh(tmp_path)
    data = yaml.safe_load((VALID / "brand.yml").read_text(encoding="utf-8"))
    data[key] = value
    (root / "a" / "brand.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    _check(root)


@SETTINGS
@given(text=st.text(max_size=400))
def test_arbitrary_text_in_front_matter(tmp_path: Path, text: str) -> None:
    root = _fresh(tmp_path)
    (root / "a" / "cases" / "x.md").write_text(f"---\n{text}\n---\n正文\n", encoding="utf-8")
    _check(root)


def test_deep_nesting_is_a_located_problem(tmp_path: Path) -> None:
    root = _fresh(tmp_path)
    (root / "a" / "brand.yml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = load_catalog(root, today=TODAY)
    assert [p.code for p in result.problems] == ["yaml_too_deep"]
    assert result.problems[0].line == 1
