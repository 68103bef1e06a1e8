"""Golden tests of `brandhall check` output.

Each tests/golden/*.yml holds the input files and the exact expected output, so a
reviewer reads behaviour, not code.  `pytest --update-golden` rewrites the expectations
from the current behaviour (then read the diff before committing it).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from brandhall import cli, load

from .conftest import TODAY, VALID

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yml"))


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _unescape(text: str) -> str:
    """``\\u202e`` -> the character: invisible characters stay visible in the case file."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def _write(root: Path, rel: str, spec: Any) -> None:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(spec, str):
        spec = {"text": spec}
    if "symlink" in spec:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        target.unlink(missing_ok=True)
        target.symlink_to(spec["symlink"])
        return
    if "bytes" in spec:
        target.write_bytes(bytes.fromhex(spec["bytes"]) * int(spec.get("repeat", 1)))
        return
    if "from" in spec:
        text = (VALID / spec["from"]).read_text(encoding="utf-8")
    elif "text" in spec:
        text = spec["text"]
    else:
        text = target.read_text(encoding="utf-8")
    for old, new in spec.get("replace", []):
        assert old in text, f"{rel}: {old!r} not found to replace"
        text = text.replace(old, _unescape(new) if spec.get("unescape") else new, 1)
    text += _unescape(spec.get("append", "")) if spec.get("unescape") else spec.get("append", "")
    if spec.get("crlf"):
        text = text.replace("\n", "\r\n")
    data = text.encode(spec.get("encoding", "utf-8"))
    if spec.get("bom"):
        data = b"\xef\xbb\xbf" + data
    target.write_bytes(data)


def run_case(case: dict[str, Any], workdir: Path) -> tuple[str, int]:
    for name in case.get("copy_valid", []):
        shutil.copytree(VALID, workdir / "brands" / name)
    (workdir / "brands").mkdir(exist_ok=True)
    for rel, spec in (case.get("files") or {}).items():
        _write(workdir, rel, spec)
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        with contextlib.redirect_stdout(out):
            original = load.load_catalog
            cli.load_catalog = lambda root, today=None: original(root, today=TODAY)  # type: ignore[assignment]
            try:
                code = cli.main(["check", "--brands", "brands", *case.get("args", [])])
            finally:
                cli.load_catalog = original  # type: ignore[assignment]
    finally:
        os.chdir(cwd)
    return out.getvalue(), code


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(path: Path, tmp_path: Path, update_golden: bool) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    output, code = run_case(case, tmp_path)
    if update_golden:
        case["expected"] = output
        case["exit"] = code
        path.write_text(
            yaml.dump(case, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=200),
            encoding="utf-8",
        )
        return
    assert output == case["expected"]
    assert code == case["exit"]


def test_golden_cases_exist() -> None:
    assert len(CASES) >= 15
