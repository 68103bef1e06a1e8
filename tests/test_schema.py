"""The JSON Schemas editors' IDEs use, and the model behind them: one valid fixture,
one change per case, and the error must name the field that was changed."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from brandhall.load import load_catalog
from brandhall.schema import render_schemas

from .conftest import ROOT, TODAY, VALID

VALID_DATA = yaml.safe_load((VALID / "brand.yml").read_text(encoding="utf-8"))


def test_committed_schemas_are_current() -> None:
    for name, text in render_schemas().items():
        committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
        assert committed == text, f"schema/{name} is stale: run `brandhall schema`"


def _properties(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, value in (node.get("properties") or {}).items():
            found.append((f"{where}.{key}", value))
        for key, value in node.items():
            if key != "properties":
                found += _properties(value, f"{where}/{key}")
        for key, value in (node.get("properties") or {}).items():
            found += _properties(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _properties(value, f"{where}[{i}]")
    return found


@pytest.mark.parametrize("name", sorted(render_schemas()))
def test_every_property_has_chinese_title_description_and_examples(name: str) -> None:
    schema = json.loads(render_schemas()[name])
    props = _properties(schema)
    assert len(props) >= 5
    for where, prop in props:
        for key in ("title", "description", "examples"):
            assert prop.get(key), f"{name}{where} has no {key}"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in prop["title"]), where


def test_sample_profiles_point_editors_at_the_schema() -> None:
    for brand_file in sorted((ROOT / "brands").glob("*/brand.yml")):
        first = brand_file.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema/brand.schema.json", brand_file
        assert (brand_file.parent / "../../schema/brand.schema.json").resolve().is_file()


def test_vocabularies_are_in_the_schema() -> None:
    schema = json.loads(render_schemas()["brand.schema.json"])
    org = schema["$defs"]["Organization"]["properties"]
    assert "消防救援" in org["sector"]["enum"]
    assert "内蒙古自治区" in org["region"]["prefixItems"][0]["enum"]
    assert schema["$defs"]["Status"]["properties"]["stage"]["enum"] == [
        "培育",
        "命名",
        "示范",
        "摘牌",
    ]


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is _DELETE:
        del node[int(last) if last.isdigit() else last]
    elif last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value


_DELETE = object()

# (field path to change, new value, field the error must name, expected code)
ONE_CHANGE = [
    ("name", "测", "name", "too_short"),
    ("name", "名" * 31, "name", "too_long"),
    ("name", _DELETE, "name", "missing"),
    ("slogan", "口" * 41, "slogan", "too_long"),
    ("summary", "短", "summary", "too_short"),
    ("summary", "长" * 161, "summary", "too_long"),
    ("organization.name", _DELETE, "organization.name", "missing"),
    ("organization.type", "小组", "organization.type", "not_in_vocab"),
    ("organization.sector", "消防", "organization.sector", "not_in_vocab"),
    ("organization.region", [], "organization.region", "list_too_short"),
    (
        "organization.region",
        ["浙江省", "某市", "某县", "某镇"],
        "organization.region",
        "list_too_long",
    ),
    ("organization.region", ["江南省"], "organization.region[0]", "region_province"),
    ("organization.members", 0, "organization.members", "too_small"),
    ("organization.members", "很多", "organization.members", "wrong_type"),
    ("organization.members", True, "organization.members", "wrong_type"),
    ("organization.members", "20", "organization.members", "wrong_type"),
    ("established", "2020-1-5", "established", "date_format"),
    ("established", "2024-02-30", "established", "date_invalid"),
    ("established", "2099-01", "established", "date_future"),
    ("established", "去年", "established", "date_format"),
    ("logo.file", "logo.gif", "logo.file", "file_ext"),
    ("logo.file", "nope.svg", "logo.file", "ref_missing"),
    ("logo.file", "../other/logo.svg", "logo.file", "path_outside"),
    ("logo.file", "/etc/logo.svg", "logo.file", "path_outside"),
    ("connotation", "太短", "connotation", "too_short"),
    ("method.items.0.body", _DELETE, "method.items[0].body", "missing"),
    ("practices", [], "practices", "list_too_short"),
    ("practices.0.title", _DELETE, "practices[0].title", "missing"),
    ("outcomes", [], "outcomes", "list_too_short"),
    ("metrics.0.value", "很多", "metrics[0].value", "wrong_type"),
    ("metrics.0.label", _DELETE, "metrics[0].label", "missing"),
    ("honors.0.level", "市级", "honors[0].level", "not_in_vocab"),
    ("honors.0.year", 2099, "honors[0].year", "year_future"),
    ("lessons", [], "lessons", "list_too_short"),
    ("applicable_to", ["外星"], "applicable_to[0]", "not_in_vocab"),
    ("tags", ["a", "a"], "tags[1]", "tags_duplicate"),
    ("tags", ["标" * 13], "tags[0]", "too_long"),
    ("status.stage", "优秀", "status.stage", "not_in_vocab"),
    ("status.stars", 6, "status.stars", "too_big"),
    ("status.stars", 0, "status.stars", "too_small"),
    ("status.stars", True, "status.stars", "wrong_type"),
    ("honors.0.year", True, "honors[0].year", "wrong_type"),
    ("status.since", "2099-01-01", "status.since", "date_future"),
    ("reviews.0.score", 101, "reviews[0].score", "too_big"),
    ("reviews.0.method", "打分", "reviews[0].method", "not_in_vocab"),
    ("reviews.0.date", _DELETE, "reviews[0].date", "missing"),
    ("contact.name", _DELETE, "contact.name", "missing"),
    ("related", ["valid"], "related[0]", "related_self"),
    ("related", ["nowhere"], "related[0]", "related_missing"),
    ("updated", "2025/01/01", "updated", "date_format"),
    ("colour", "红", "colour", "unknown_key"),
    ("status.star", 3, "status.star", "unknown_key"),
    ("summary", "简介里写了 <b>HTML</b> 标签，这是不允许的写法哦", "summary", "raw_html"),
    ("practices.0.body", "[点我](javascript:alert(1))", "practices[0].body", "link_scheme"),
]


@pytest.mark.parametrize(
    ("path", "value", "field", "code"), ONE_CHANGE, ids=[f"{c[0]}-{c[3]}" for c in ONE_CHANGE]
)
def test_one_change_names_the_field(
    valid_brand: Path, path: str, value: Any, field: str, code: str
) -> None:
    data = copy.deepcopy(VALID_DATA)
    _set(data, path, value)
    (valid_brand / "brand.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    result = load_catalog(valid_brand.parent, today=TODAY)
    found = [(p.field, p.code) for p in result.problems]
    assert found == [(field, code)]
    problem = result.problems[0]
    assert problem.path == "brands/valid/brand.yml"
    assert problem.line >= 1


def test_the_valid_fixture_is_valid(valid_brand: Path) -> None:
    result = load_catalog(valid_brand.parent, today=TODAY)
    assert result.problems == ()
    assert [b.slug for b in result.catalog.brands] == ["valid"]
    assert [c.slug for c in result.catalog.brands[0].cases] == ["yici-jiuyuan"]
