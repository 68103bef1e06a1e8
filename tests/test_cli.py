"""The `brandhall` command as an editor or a CI job runs it: exit codes and formats."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT
from .sitetools import run_cli


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd, timeout=120)


def _break(valid_brand: Path) -> None:
    text = (valid_brand / "brand.yml").read_text(encoding="utf-8")
    (valid_brand / "brand.yml").write_text(
        text.replace("sector: 消防救援", "sector: 消防"), encoding="utf-8"
    )


def test_sample_content_is_clean() -> None:
    proc = run("check", cwd=ROOT)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip().splitlines() == [proc.stdout.strip().splitlines()[-1]]
    assert "0 个错误，0 个警告" in proc.stdout


def test_errors_exit_1_with_located_text(valid_brand: Path) -> None:
    _break(valid_brand)
    proc = run("check", cwd=valid_brand.parent.parent)
    assert proc.returncode == 1
    first = proc.stdout.splitlines()[0]
    assert first.startswith("brands/valid/brand.yml:8:11: 错误: 创建单位信息的行业领域: ")
    assert "1 个错误" in proc.stdout.splitlines()[-1]
    assert "Traceback" not in proc.stderr


def test_json_format_is_a_list_of_problems(valid_brand: Path) -> None:
    _break(valid_brand)
    proc = run("check", "--format", "json", cwd=valid_brand.parent.parent)
    assert proc.returncode == 1
    problems = json.loads(proc.stdout)
    assert problems == [
        {
            "path": "brands/valid/brand.yml",
            "line": 8,
            "column": 11,
            "severity": "error",
            "field": "organization.sector",
            "label": "创建单位信息的行业领域",
            "code": "not_in_vocab",
            "message": problems[0]["message"],
        }
    ]
    assert "消防" in problems[0]["message"]
    assert "1 个错误" in proc.stderr


def test_github_format_annotates_the_line(valid_brand: Path) -> None:
    _break(valid_brand)
    proc = run("check", "--format", "github", cwd=valid_brand.parent.parent)
    assert proc.returncode == 1
    assert proc.stdout.startswith(
        "::error file=brands/valid/brand.yml,line=8,col=11,title=创建单位信息的行业领域::"
        "创建单位信息的行业领域: “消防”不在可选范围内"
    )


def test_english_messages(valid_brand: Path) -> None:
    _break(valid_brand)
    proc = run("check", "--lang", "en", cwd=valid_brand.parent.parent)
    assert "error: organization.sector: '消防' is not an allowed value" in proc.stdout
    assert "1 error(s)" in proc.stdout


def test_warnings_alone_exit_0(valid_brand: Path) -> None:
    (valid_brand.parent / "notes.txt").write_text("x", encoding="utf-8")
    proc = run("check", cwd=valid_brand.parent.parent)
    assert proc.returncode == 0
    assert "警告" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [[], ["check", "--format", "xml"], ["check", "--lang", "fr"], ["frobnicate"], ["new"]],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_missing_brands_dir_is_a_usage_error_not_a_crash(tmp_path: Path) -> None:
    proc = run("check", "--brands", "nowhere", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout.startswith("nowhere: 错误: 找不到品牌目录“nowhere”")


def test_new_rejects_an_unknown_sector_or_province(tmp_path: Path) -> None:
    proc = run("new", "--name", "红色引擎", "--sector", "消防", cwd=tmp_path)
    assert proc.returncode == 2 and "消防救援" in proc.stderr
    proc = run("new", "--name", "红色引擎", "--region", "浙江/杭州市", cwd=tmp_path)
    assert proc.returncode == 2 and "是否应为“浙江省”" in proc.stderr
    assert not (tmp_path / "brands").exists()


def test_new_scaffolds_a_brand_that_check_flags_until_filled(tmp_path: Path) -> None:
    proc = run(
        "new",
        "--name",
        "消防救援先锋",
        "--sector",
        "消防救援",
        "--region",
        "浙江省/杭州市",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    folder = tmp_path / "brands" / "xiaofang-jiuyuan-xianfeng"
    text = (folder / "brand.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/brand.schema.json\n")
    assert 'name: "消防救援先锋"' in text
    assert 'region: ["浙江省", "杭州市"]' in text
    assert (folder / "cases").is_dir()
    for key in (
        "name",
        "summary",
        "organization",
        "established",
        "connotation",
        "practices",
        "outcomes",
        "lessons",
        "status",
    ):
        comment_then_key = f"\n{key}:"
        assert comment_then_key in text, key
        before = text.split(comment_then_key)[0].rstrip().splitlines()[-1]
        assert before.startswith("# "), f"no explanation above {key}"
    check = run("check", "--format", "json", cwd=tmp_path)
    assert check.returncode == 1
    errors = [p for p in json.loads(check.stdout) if p["severity"] == "error"]
    flagged = {p["field"] for p in errors}
    assert {
        "summary",
        "organization.name",
        "organization.type",
        "established",
        "connotation",
        "practices[0].title",
        "outcomes[0]",
        "lessons[0]",
    } <= flagged
    assert all("占位" in p["message"] for p in errors)


def test_new_with_explicit_slug_and_refuses_to_overwrite(tmp_path: Path) -> None:
    assert run("new", "hongse-yinqing", "--name", "红色引擎", cwd=tmp_path).returncode == 0
    marker = tmp_path / "brands" / "hongse-yinqing" / "brand.yml"
    marker.write_text("edited", encoding="utf-8")
    again = run("new", "hongse-yinqing", "--name", "红色引擎", cwd=tmp_path)
    assert again.returncode == 1
    assert "已存在" in again.stderr
    assert marker.read_text(encoding="utf-8") == "edited"


def test_new_rejects_a_bad_slug(tmp_path: Path) -> None:
    proc = run("new", "Bad Slug", "--name", "红色引擎", cwd=tmp_path)
    assert proc.returncode == 2
    assert not (tmp_path / "brands").exists()


def test_schema_check_detects_stale_files(tmp_path: Path) -> None:
    assert run("schema", "--out", "s", cwd=tmp_path).returncode == 0
    assert run("schema", "--out", "s", "--check", cwd=tmp_path).returncode == 0
    (tmp_path / "s" / "brand.schema.json").write_text("{}", encoding="utf-8")
    assert run("schema", "--out", "s", "--check", cwd=tmp_path).returncode == 1
