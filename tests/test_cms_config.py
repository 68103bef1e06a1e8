"""The browser editor's form (admin/config.yml) against the content model.

``disagreements`` reads the pydantic models directly (not the JSON Schema the generator
walks) and lists every field, vocabulary value, limit or required flag on which the
generated Decap configuration differs. It must find nothing for the real configuration,
and it must find each kind of difference when one is introduced.
"""

from __future__ import annotations

import copy
import re
import types
import typing
from typing import Any

import annotated_types as at
import pytest
import yaml
from pydantic import BaseModel, Field

from brandhall.cms import BRAND_FOLDER, CASE_BRAND, CASE_FILE, cms_config
from brandhall.model import BrandProfile, CaseFrontMatter
from brandhall.taxonomy import DEFAULT_TAXONOMY, Taxonomy

HELPERS = {BRAND_FOLDER, CASE_BRAND, CASE_FILE, "body"}
SECTOR_FIELDS = {"organization.sector", "applicable_to"}
BRAND_REFS = {"related", "learned_from.brand"}


def _inner(annotation: Any) -> Any:
    """``X | None`` -> X; ``Annotated[X, …]`` -> X."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return _inner(args[0])
    if typing.get_origin(annotation) is typing.Annotated:
        return _inner(args[0])
    return annotation


def _annotated_metadata(annotation: Any) -> list[Any]:
    """Constraints inside ``Annotated[…] | None`` (not those of a list's items)."""
    out: list[Any] = []
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        for extra in annotation.__metadata__:
            out += getattr(extra, "metadata", [extra])
        out += _annotated_metadata(args[0])
    elif args and origin is not list:
        for arg in args:
            if arg is not type(None):
                out += _annotated_metadata(arg)
    return out


def _limits(metadata: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in metadata:
        for name in ("min_length", "max_length", "ge", "le"):
            if isinstance(item, getattr(at, {"min_length": "MinLen", "max_length": "MaxLen",
                                             "ge": "Ge", "le": "Le"}[name])):  # fmt: skip
                out[name] = getattr(item, name)
    return out


def _pattern_range(field: dict[str, Any]) -> tuple[int | None, int | None]:
    pattern = field.get("pattern")
    if not pattern:
        return None, None
    m = re.fullmatch(r"\^\[\\s\\S\]\{(\d+),(\d*)\}\$", pattern[0])
    if not m:
        return None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def disagreements(
    model: type[BaseModel],
    fields: list[dict[str, Any]],
    taxonomy: Taxonomy = DEFAULT_TAXONOMY,
    prefix: str = "",
    block_required: bool = True,
) -> list[str]:
    found: list[str] = []
    by_name = {f["name"]: f for f in fields}
    for extra in sorted(set(by_name) - set(model.model_fields) - HELPERS):
        found.append(f"{prefix}{extra}: in the form, not in the model")
    for name, info in model.model_fields.items():
        path = prefix + name
        field = by_name.get(name)
        if field is None:
            found.append(f"{path}: in the model, not in the form")
            continue
        required = info.is_required() and block_required
        if bool(field.get("required", True)) != required:
            found.append(f"{path}: required {required} in the model, not in the form")
        if field.get("label") != info.title:
            found.append(f"{path}: label {info.title!r} != {field.get('label')!r}")
        inner = _inner(info.annotation)
        limits = _limits([*info.metadata, *_annotated_metadata(info.annotation)])
        enum = (info.json_schema_extra or {}).get("enum") if isinstance(
            info.json_schema_extra, dict) else None  # fmt: skip
        if path in SECTOR_FIELDS:
            enum = list(taxonomy.sectors)
        if typing.get_origin(inner) is list:
            item = _inner(typing.get_args(inner)[0])
            for key, decap in (("min_length", "min"), ("max_length", "max")):
                if limits.get(key) != field.get(decap):
                    found.append(f"{path}: {key} {limits.get(key)} != form {field.get(decap)}")
            if isinstance(item, type) and issubclass(item, BaseModel):
                found += disagreements(item, field.get("fields", []), taxonomy, path + "[].")
            elif path in SECTOR_FIELDS and field.get("options") != enum:
                found.append(f"{path}: vocabulary {enum} != form {field.get('options')}")
            continue
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            found += disagreements(
                inner, field.get("fields", []), taxonomy, path + ".", block_required=required
            )
            continue
        if enum is not None and field.get("options") != enum:
            found.append(f"{path}: vocabulary {enum} != form {field.get('options')}")
        if inner in (int, float):
            for key, decap in (("ge", "min"), ("le", "max")):
                if limits.get(key) != field.get(decap):
                    found.append(f"{path}: {key} {limits.get(key)} != form {field.get(decap)}")
        elif enum is None and field.get("widget") in ("string", "text"):
            low, high = _pattern_range(field)
            want_low = limits.get("min_length")
            want_low = None if want_low == 1 else want_low
            got_low = None if low in (0, 1) else low
            if (want_low, limits.get("max_length")) != (got_low, high):
                found.append(
                    f"{path}: length {want_low}–{limits.get('max_length')} != form {got_low}–{high}"
                )
    return found


def _collection(config: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return next(c for c in config["collections"] if c["name"] == name)["fields"]


CONFIG = cms_config(DEFAULT_TAXONOMY, [("valid", "火焰蓝先锋")])


def test_the_form_says_what_the_model_says() -> None:
    assert disagreements(BrandProfile, _collection(CONFIG, "brands")) == []
    assert disagreements(CaseFrontMatter, _collection(CONFIG, "cases")) == []


def test_the_form_offers_the_sites_own_vocabulary() -> None:
    taxonomy = Taxonomy(sectors=("消防救援", "应急管理"))
    config = cms_config(taxonomy, [])
    assert disagreements(BrandProfile, _collection(config, "brands"), taxonomy) == []
    org = next(f for f in _collection(config, "brands") if f["name"] == "organization")
    sector = next(f for f in org["fields"] if f["name"] == "sector")
    assert sector["options"] == ["消防救援", "应急管理"]


def _find(fields: list[dict[str, Any]], path: str) -> dict[str, Any]:
    head, _, rest = path.partition(".")
    field = next(f for f in fields if f["name"] == head)
    return _find(field["fields"], rest) if rest else field


@pytest.mark.parametrize(
    ("path", "change", "reported"),
    [
        ("slogan", "drop", "slogan: in the model, not in the form"),
        ("organization.type", lambda f: f["options"].pop(), "organization.type: vocabulary"),
        ("summary", lambda f: f.update(pattern=[r"^[\s\S]{20,200}$", "x"]), "summary: length"),
        ("status.stars", lambda f: f.update(max=6), "status.stars: le 5"),
        ("practices", lambda f: f.update(min=0), "practices: min_length 1"),
        ("established", lambda f: f.update(required=False), "established: required"),
        ("organization.sector", lambda f: f["options"].append("应急管理"), "vocabulary"),
    ],
)
def test_each_kind_of_difference_is_found(path: str, change: Any, reported: str) -> None:
    config = copy.deepcopy(CONFIG)
    fields = _collection(config, "brands")
    if change == "drop":
        fields.remove(_find(fields, path))
    else:
        change(_find(fields, path))
    found = disagreements(BrandProfile, fields)
    assert any(reported in line for line in found), found


def test_a_field_added_to_the_model_without_reaching_the_form_is_found() -> None:
    class Extended(CaseFrontMatter):
        location: str = Field(title="地点", max_length=20)

    found = disagreements(Extended, _collection(CONFIG, "cases"))
    assert found == ["location: in the model, not in the form"]


def test_the_config_is_yaml_decap_reads() -> None:
    from brandhall.cms import config_yaml

    loaded = yaml.safe_load(config_yaml(CONFIG))
    assert loaded["locale"] == "zh_Hans"
    assert loaded["publish_mode"] == "editorial_workflow"
    assert loaded["collections"][0]["path"] == "{{slug}}/brand"


def test_path_templates_name_fields_decap_can_find() -> None:
    """Decap cleans ``path`` like a slug before filling it in (lower case, "." -> "-"):
    ``{{fields.x}}`` there would name ``fields-x`` and leave the folder part empty."""
    for collection in CONFIG["collections"]:
        path = collection["path"]
        names = {field["name"] for field in collection["fields"]} | {"slug"}
        for variable in re.findall(r"{{([^}]*)}}", path):
            assert variable == variable.lower().replace(".", "-"), path
            assert variable in names, path
    cases = next(c for c in CONFIG["collections"] if c["name"] == "cases")
    assert cases["path"] == "{{cms_brand}}/cases/{{slug}}"


def test_only_the_intranet_edition_has_the_editor(project: Any) -> None:
    from .sitetools import run_cli

    for edition, has_admin in (("public", False), ("intranet", True)):
        site = project / f"site-{edition}"
        proc = run_cli("build", "--site-dir", str(site), "--edition", edition, cwd=project)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert (site / "admin").exists() == has_admin
        assert (site / "admin" / "config.yml").is_file() == has_admin
    config = yaml.safe_load((project / "site-intranet" / "admin" / "config.yml").read_text("utf-8"))
    assert config["backend"]["name"] == "gitlab"
    # Everything the page loads is on the site itself (the forge is the only other origin).
    page = (project / "site-intranet" / "admin" / "index.html").read_text("utf-8")
    assert re.findall(r'(?:src|href)="([^"]+)"', page) == [
        "config.yml",
        "brandhall-cms.js",
        "vendor/js-yaml.min.js",
        "vendor/decap-cms.js",
    ]


def test_the_editor_page_may_talk_to_the_forge_and_nothing_else() -> None:
    from brandhall.cms import admin_files, content_security_policy

    config = cms_config(
        DEFAULT_TAXONOMY,
        [],
        {
            "backend": {"name": "gitlab", "repo": "a/b", "base_url": "https://git.dw.local"},
            "local_backend": "http://127.0.0.1:8081/api/v1",
        },
    )
    policy = dict(p.split(" ", 1) for p in content_security_policy(config).split("; "))
    assert policy["connect-src"] == "'self' blob: data: http://127.0.0.1:8081 https://git.dw.local"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["default-src"] == "'self'"
    html = admin_files(config)["admin/index.html"].decode()
    assert 'http-equiv="Content-Security-Policy"' in html
    assert "https://git.dw.local" in html
