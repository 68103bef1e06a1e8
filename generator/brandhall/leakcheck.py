"""After a public build: make sure no intranet-only value reached any output file."""

from __future__ import annotations

import gzip
import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .visibility import intranet_only_values, visible_profile

TEXT_SUFFIXES = {
    ".html",
    ".htm",
    ".json",
    ".js",
    ".xml",
    ".txt",
    ".css",
    ".md",
    ".svg",
    ".rss",
    ".atom",
}


@dataclass(frozen=True)
class Leak:
    file: str
    brand: str
    field: str
    value: str


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def public_text(catalog: Catalog) -> str:
    """Everything the public build may show, to tell a secret from a shared value."""
    parts: list[str] = []
    for brand in catalog.brands:
        parts += _strings(visible_profile(brand.profile, "public").model_dump())
        for case in brand.cases:
            parts += _strings(case.meta.model_dump())
            parts.append(case.body)
    return "\n".join(parts)


def _normalise(text: str) -> str:
    # Search indexes put U+200B between words and escape markup; compare plain text.
    return html.unescape(text).replace("\u200b", "")


def _read(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if path.suffix == ".json" or path.name.endswith(".json.gz"):
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return _normalise(text)


def find_leaks(site_dir: Path, catalog: Catalog) -> list[Leak]:
    public = _normalise(public_text(catalog))
    secrets: list[tuple[str, str, str]] = []
    for brand in catalog.brands:
        for field, value in intranet_only_values(brand.profile):
            value = _normalise(value.strip())
            if len(value) >= 2 and value not in public:
                secrets.append((brand.slug, field, value))
    leaks: list[Leak] = []
    if not secrets:
        return leaks
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        suffix = (
            path.suffixes[-2] if path.suffix == ".gz" and len(path.suffixes) > 1 else path.suffix
        )
        if suffix.lower() not in TEXT_SUFFIXES:
            continue
        text = _read(path)
        if text is None:
            continue
        for slug, field, value in secrets:
            if value in text:
                leaks.append(Leak(path.relative_to(site_dir).as_posix(), slug, field, value))
    return leaks
