"""load_catalog: brands/ on disk -> an immutable Catalog plus every problem found.

All checks run; nothing stops at the first error.  A brand whose own files have errors
is left out of the catalog, and the problems say why, so a build never silently drops
a page: it refuses to build while there are errors.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import subprocess
import typing
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .model import (
    LOGO_EXTENSIONS,
    SLUG_MAX,
    SLUG_RE,
    BrandProfile,
    CaseFrontMatter,
    TaxonomyFile,
)
from .problems import Problem, sort_problems
from .taxonomy import DEFAULT_TAXONOMY, Taxonomy
from .textcheck import check_text, local_refs
from .yamlsrc import Loc, Positions, parse_yaml, read_text

BRAND_FILE = "brand.yml"
TAXONOMY_FILE = "taxonomy.yml"


@dataclass(frozen=True)
class CaseStudy:
    slug: str
    brand_slug: str
    source: str
    meta: CaseFrontMatter
    body: str

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass(frozen=True)
class Brand:
    slug: str
    source: str
    folder: Path
    profile: BrandProfile
    cases: tuple[CaseStudy, ...]
    updated: str
    # Files the site must carry, relative to the brand folder (logo, images).
    assets: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.profile.name


@dataclass(frozen=True)
class Catalog:
    brands: tuple[Brand, ...]
    taxonomy: Taxonomy = DEFAULT_TAXONOMY
    root: Path = Path("brands")

    def brand(self, slug: str) -> Brand:
        for candidate in self.brands:
            if candidate.slug == slug:
                return candidate
        raise KeyError(slug)

    @property
    def cases(self) -> tuple[CaseStudy, ...]:
        return tuple(c for b in self.brands for c in b.cases)


@dataclass
class LoadResult:
    catalog: Catalog
    problems: list[Problem]
    brand_count: int = 0
    case_count: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass
class _Doc:
    shown: str
    data: Any
    positions: Positions
    problems: list[Problem] = field(default_factory=list)


# --------------------------------------------------------------------------- mapping
_TYPE_ERRORS = {
    "string_type": "text",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "finite_number": "number",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
}


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _short(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "{…}" if isinstance(value, dict) else "[…]"
    text = str(value)
    return text if len(text) <= 30 else text[:29] + "…"


def _model_fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Names of the keys allowed in the mapping at ``loc`` (for "did you mean")."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(str(part))
        if info is None:
            return []
        current = _unwrap(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    for arg in (*typing.get_args(annotation), annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = typing.get_args(arg)
        for sub in inner:
            if isinstance(sub, type) and issubclass(sub, BaseModel):
                return sub
    return annotation


def _field_name(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _validation_problems(
    exc: ValidationError, model: type[BaseModel], doc: _Doc
) -> Iterator[Problem]:
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        ctx = dict(err.get("ctx") or {})
        value = err.get("input")
        code, params = kind, ctx
        line, col = doc.positions.value(loc)
        if kind == "missing":
            code, params = "missing", {"key": loc[-1]}
            line, col = doc.positions.container(loc)
        elif kind == "extra_forbidden":
            allowed = _model_fields_at(model, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            hint = (
                {"zh": f"，是否应为“{close[0]}”", "en": f", did you mean '{close[0]}'"}
                if close
                else ""
            )
            code = "unknown_key"
            params = {"key": loc[-1], "hint": hint, "allowed": allowed}
            line, col = doc.positions.key(loc)
        elif kind in _TYPE_ERRORS or kind == "wrong_type":
            expected = ctx.get("expected") or _TYPE_ERRORS[kind]
            code = "wrong_type"
            params = {"expected": expected, "got": _kind_of(value), "value": _short(value)}
        elif kind == "string_too_short":
            code = "too_short"
            params = {"min": ctx.get("min_length"), "actual": len(str(value).strip())}
        elif kind == "string_too_long":
            code = "too_long"
            params = {"max": ctx.get("max_length"), "actual": len(str(value).strip())}
        elif kind in ("too_short", "too_long"):
            code = "list_" + kind
            n = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
            params = {"min": n, "max": n, "actual": ctx.get("actual_length", len(value or []))}
        elif kind in ("greater_than_equal", "greater_than"):
            code, params = "too_small", {"value": value, "min": ctx.get("ge", ctx.get("gt"))}
        elif kind in ("less_than_equal", "less_than"):
            code, params = "too_big", {"value": value, "max": ctx.get("le", ctx.get("lt"))}
        elif kind == "string_pattern_mismatch" and loc and loc[-1] == "file":
            code = "file_ext"
            params = {"file": value, "allowed": list(LOGO_EXTENSIONS)}
        elif kind == "tags_duplicate" and isinstance(value, list):
            dup = ctx.get("value")
            indexes = [i for i, v in enumerate(value) if v == dup]
            if len(indexes) > 1:
                loc = (*loc, indexes[1])
                line, col = doc.positions.value(loc)
        elif kind == "region_province" and isinstance(value, list):
            loc = (*loc, 0)
            line, col = doc.positions.value(loc)
        elif kind not in _KNOWN_CUSTOM:
            code, params = (
                "wrong_type",
                {"expected": "text", "got": _kind_of(value), "value": _short(value)},
            )
        yield Problem(doc.shown, line, col, code, field=_field_name(loc), params=params)


_KNOWN_CUSTOM = {
    "not_in_vocab",
    "date_format",
    "date_invalid",
    "date_future",
    "date_full_required",
    "year_future",
    "tags_duplicate",
    "region_province",
    "slug_invalid",
    "wrong_type",
}


# --------------------------------------------------------------------------- text
def _walk_strings(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk_strings(v, (*loc, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk_strings(v, (*loc, i))


def _check_duplicate_tags(doc: _Doc) -> None:
    """Duplicate tags, found on the raw data so they are reported even when another
    tag of the same list is invalid (the model's own check then does not run)."""
    tags = doc.data.get("tags") if isinstance(doc.data, dict) else None
    if not isinstance(tags, list):
        return
    seen: set[str] = set()
    for i, tag in enumerate(tags):
        if not isinstance(tag, str):
            continue
        key = tag.strip()
        if key in seen:
            line, col = doc.positions.value(("tags", i))
            doc.problems.append(
                Problem(
                    doc.shown,
                    line,
                    col,
                    "tags_duplicate",
                    field=f"tags[{i}]",
                    params={"value": key},
                )
            )
        seen.add(key)


def _check_texts(doc: _Doc) -> None:
    _check_duplicate_tags(doc)
    for loc, text in _walk_strings(doc.data):
        for finding in check_text(text):
            line = doc.positions.text_line(loc, text, finding.index)
            col = doc.positions.value(loc)[1] if line == doc.positions.value(loc)[0] else 0
            doc.problems.append(
                Problem(
                    doc.shown,
                    line,
                    col,
                    finding.code,
                    field=_field_name(loc),
                    params=finding.params,
                )
            )


def _inside(folder: Path, target: Path) -> bool:
    try:
        target.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _check_file_ref(
    folder: Path, base: Path, ref: str, doc: _Doc, loc: Loc, line: int, col: int
) -> str | None:
    """Check one file named by the content; return its path relative to the folder."""
    field_name = _field_name(loc)
    if ref.startswith(("/", "\\")) or (len(ref) > 1 and ref[1] == ":") or "\\" in ref:
        doc.problems.append(
            Problem(doc.shown, line, col, "path_outside", field=field_name, params={"file": ref})
        )
        return None
    target = base / ref
    if not _inside(folder, target):
        doc.problems.append(
            Problem(doc.shown, line, col, "path_outside", field=field_name, params={"file": ref})
        )
        return None
    if not target.is_file():
        if target.is_dir() and (target / "index.md").is_file():
            return None
        doc.problems.append(
            Problem(doc.shown, line, col, "file_missing", field=field_name, params={"file": ref})
        )
        return None
    rel = target.resolve().relative_to(folder.resolve()).as_posix()
    if target.suffix.lower() == ".md":
        return None  # a link to a case study, built as a page
    return rel


_SVG_UNSAFE = re.compile(
    r"<script|<foreignObject|\son[a-z]+\s*=|javascript:|(?:href|src)\s*=\s*[\"']\s*(?:https?:|//|data:)",
    re.I,
)


def _unsafe_svg(path: Path) -> str | None:
    """An SVG is a document: it may carry scripts and fetch from other origins."""
    if path.suffix.lower() != ".svg":
        return None
    try:
        text = path.read_bytes()[: 2 * 1024 * 1024].decode("utf-8", "replace")
    except OSError:
        return None
    m = _SVG_UNSAFE.search(text)
    return m.group(0).strip()[:30] if m else None


def _markdown_assets(folder: Path, base: Path, doc: _Doc, loc: Loc, text: str) -> list[str]:
    found: list[str] = []
    for ref in local_refs(text):
        line = doc.positions.text_line(loc, text, ref.index)
        if not ref.is_image:
            # Links may point at other pages of the site; MkDocs checks those. Only
            # files of this brand are ours to check (and to copy).
            if ref.target.startswith("/"):
                doc.problems.append(
                    Problem(
                        doc.shown,
                        line,
                        0,
                        "absolute_link",
                        field=_field_name(loc),
                        severity="warning",
                        params={"value": ref.target},
                    )
                )
                continue
            if not _inside(folder, base / ref.target):
                continue
        rel = _check_file_ref(folder, base, ref.target, doc, loc, line, 0)
        if rel:
            found.append(rel)
    return found


# --------------------------------------------------------------------------- files
def _read_yaml(path: Path, shown: str, problems: list[Problem]) -> _Doc | None:
    text = read_text(path, shown, problems)
    if text is None:
        return None
    parsed = parse_yaml(text, shown, problems)
    if parsed is None:
        return None
    data, positions = parsed
    doc = _Doc(shown, data, positions)
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, 1, "yaml_not_mapping", params={"got": _kind_of(data)}))
        return None
    return doc


def load_taxonomy(root: Path, problems: list[Problem], today: dt.date) -> Taxonomy:
    path = root / TAXONOMY_FILE
    if not path.is_file():
        return DEFAULT_TAXONOMY
    shown = _shown(path)
    doc = _read_yaml(path, shown, problems)
    if doc is None:
        return DEFAULT_TAXONOMY
    try:
        tax = TaxonomyFile.model_validate(doc.data, context={"today": today})
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, TaxonomyFile, doc))
        return DEFAULT_TAXONOMY
    return Taxonomy(
        sectors=tuple(tax.sectors) if tax.sectors else DEFAULT_TAXONOMY.sectors,
        regions=tuple(tax.regions) if tax.regions else DEFAULT_TAXONOMY.regions,
    )


def _shown(path: Path) -> str:
    try:
        return path.absolute().relative_to(Path.cwd().absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def _split_front_matter(
    text: str, shown: str, problems: list[Problem]
) -> tuple[str, str, int] | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(shown, 1, 1, "case_no_front_matter"))
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            front = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1 :])
            return front, body, i + 1
    problems.append(Problem(shown, 1, 1, "case_front_matter_unclosed"))
    return None


def _load_case(
    folder: Path, brand_slug: str, path: Path, context: dict[str, Any], problems: list[Problem]
) -> tuple[CaseStudy | None, list[str]]:
    shown = _shown(path)
    local: list[Problem] = []
    slug = path.stem
    if not SLUG_RE.match(slug) or len(slug) > SLUG_MAX:
        local.append(Problem(shown, 0, 0, "slug_invalid", params={"value": path.name}))
    text = read_text(path, shown, local)
    if text is None:
        problems.extend(local)
        return None, []
    split = _split_front_matter(text, shown, local)
    if split is None:
        problems.extend(local)
        return None, []
    front, body, body_line = split
    parsed = parse_yaml(front, shown, local, line_offset=1)
    if parsed is None:
        problems.extend(local)
        return None, []
    data, positions = parsed
    if not isinstance(data, dict):
        local.append(Problem(shown, 2, 1, "case_no_front_matter"))
        problems.extend(local)
        return None, []
    doc = _Doc(shown, data, positions, local)
    _check_texts(doc)
    body_doc = _Doc(shown, {"body": body}, Positions(), local)
    body_doc.positions.values[("body",)] = (body_line + 1, 1)
    body_doc.positions.block_start[("body",)] = body_line + 1
    _check_texts(body_doc)
    assets = _markdown_assets(folder, path.parent, body_doc, ("body",), body)
    meta: CaseFrontMatter | None = None
    try:
        meta = CaseFrontMatter.model_validate(data, context=context)
    except ValidationError as exc:
        local.extend(_validation_problems(exc, CaseFrontMatter, doc))
    problems.extend(local)
    if meta is None or any(p.severity == "error" for p in local):
        return None, []
    return CaseStudy(slug=slug, brand_slug=brand_slug, source=shown, meta=meta, body=body), assets


def _case_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The case-study files of a brand; anything else in cases/ gets a warning, so a
    case saved as .markdown or in a subfolder is never silently left out."""
    cases_dir = folder / "cases"
    if not cases_dir.exists() and not cases_dir.is_symlink():
        return []
    if not cases_dir.is_dir():
        problems.append(
            Problem(
                _shown(cases_dir),
                0,
                0,
                "cases_not_dir",
                severity="warning",
                params={"value": "cases"},
            )
        )
        return []
    found: list[Path] = []
    for path in sorted(cases_dir.iterdir(), key=lambda p: p.name):
        if path.name.startswith(("_", ".")):
            continue
        if path.suffix == ".md" and path.is_file():
            found.append(path)
        else:
            problems.append(
                Problem(
                    _shown(path),
                    0,
                    0,
                    "case_ignored",
                    severity="warning",
                    params={"value": path.name},
                )
            )
    return found


def _git_dates(root: Path) -> dict[str, str]:
    """Last commit date (YYYY-MM-DD) of each brand folder, from one `git log` call."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        prefix = subprocess.run(
            ["git", "rev-parse", "--show-prefix"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    if out.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in out.stdout.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif line and current:
            rel = line[len(prefix) :] if prefix and line.startswith(prefix) else line
            top = rel.split("/", 1)[0]
            dates.setdefault(top, current)
    return dates


def _norm_name(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def load_catalog(root: Path | str, today: dt.date | None = None) -> LoadResult:
    """Read every brand under ``root`` and check it, alone and against the others."""
    root = Path(root)
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(
            Problem(_shown(root), 0, 0, "brands_dir_missing", params={"value": _shown(root)})
        )
        return LoadResult(Catalog((), root=root), problems)
    taxonomy = load_taxonomy(root, problems, today)
    context = {"today": today, "taxonomy": taxonomy}
    folders: list[Path] = []
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(("_", ".")) or entry.name == TAXONOMY_FILE:
            continue
        if entry.is_dir():
            folders.append(entry)
        elif entry.name.lower() not in ("readme.md",):
            problems.append(
                Problem(
                    _shown(entry),
                    0,
                    0,
                    "stray_file",
                    severity="warning",
                    params={"value": entry.name},
                )
            )
    slugs = {f.name for f in folders}
    git_dates = _git_dates(root)
    loaded: list[tuple[Brand, _Doc]] = []
    case_count = 0
    for folder in folders:
        if not SLUG_RE.match(folder.name) or len(folder.name) > SLUG_MAX:
            problems.append(
                Problem(_shown(folder) + "/", 0, 0, "slug_invalid", params={"value": folder.name})
            )
        brand_file = folder / BRAND_FILE
        if not brand_file.is_file():
            alt = [
                p.name
                for p in folder.iterdir()
                if p.name.lower() in ("brand.yaml", "brand.yml.txt", "brand.yml", "brand.yml.yml")
                and p.name != BRAND_FILE
            ]
            hint = (
                {
                    "zh": f"（发现了 {alt[0]}，请改名为 brand.yml）",
                    "en": f" (found {alt[0]}; rename it)",
                }
                if alt
                else ""
            )
            problems.append(
                Problem(_shown(folder) + "/", 0, 0, "brand_yml_missing", params={"hint": hint})
            )
            continue
        result = _load_brand(folder, slugs, context, git_dates, problems, today)
        if result is not None:
            loaded.append(result)
        case_count += len(_case_files(folder, []))
    # Duplicate names: reported on the later folder in sorted order, naming the other.
    seen: dict[str, str] = {}
    for brand, doc in loaded:
        key = _norm_name(brand.profile.name)
        if key in seen:
            line, col = doc.positions.value(("name",))
            problems.append(
                Problem(
                    brand.source,
                    line,
                    col,
                    "name_duplicate",
                    field="name",
                    params={"value": brand.profile.name, "other": seen[key]},
                )
            )
        else:
            seen[key] = brand.source
    bad = {p.path for p in problems if p.severity == "error"}
    brands = tuple(
        b
        for b, _ in loaded
        if not any(s == b.source or s.startswith(_shown(b.folder) + "/") for s in bad)
    )
    catalog = Catalog(brands=brands, taxonomy=taxonomy, root=root)
    return LoadResult(
        catalog, sort_problems(problems), brand_count=len(folders), case_count=case_count
    )


def _load_brand(
    folder: Path,
    slugs: set[str],
    context: dict[str, Any],
    git_dates: dict[str, str],
    problems: list[Problem],
    today: dt.date,
) -> tuple[Brand, _Doc] | None:
    path = folder / BRAND_FILE
    shown = _shown(path)
    local: list[Problem] = []
    doc = _read_yaml(path, shown, local)
    cases: list[CaseStudy] = []
    assets: list[str] = []
    for case_path in _case_files(folder, local):
        case, case_assets = _load_case(folder, folder.name, case_path, context, local)
        if case is not None:
            cases.append(case)
            assets.extend(case_assets)
    if doc is None:
        problems.extend(local)
        return None
    doc.problems = local
    _check_texts(doc)
    profile: BrandProfile | None = None
    try:
        profile = BrandProfile.model_validate(doc.data, context=context)
    except ValidationError as exc:
        local.extend(_validation_problems(exc, BrandProfile, doc))
    data = doc.data
    # Files named by the profile.
    logo = data.get("logo") if isinstance(data.get("logo"), dict) else None
    if (
        logo
        and isinstance(logo.get("file"), str)
        and logo["file"].strip().lower().endswith(LOGO_EXTENSIONS)
    ):
        line, col = doc.positions.value(("logo", "file"))
        rel = _check_file_ref(
            folder, folder, logo["file"].strip(), doc, ("logo", "file"), line, col
        )
        if rel:
            unsafe = _unsafe_svg(folder / rel)
            if unsafe:
                local.append(
                    Problem(
                        shown, line, col, "svg_unsafe", field="logo.file", params={"value": unsafe}
                    )
                )
            size = (folder / rel).stat().st_size
            if size > 1024 * 1024:
                local.append(
                    Problem(
                        shown,
                        line,
                        col,
                        "file_too_large",
                        field="logo.file",
                        params={"size": size, "limit": 1024 * 1024},
                    )
                )
            assets.append(rel)
    for loc, text in _walk_strings(data):
        assets.extend(_markdown_assets(folder, folder, doc, loc, text))
    # Related brands.
    related = data.get("related")
    if isinstance(related, list):
        for i, slug in enumerate(related):
            if not isinstance(slug, str):
                continue
            line, col = doc.positions.value(("related", i))
            if slug == folder.name:
                local.append(
                    Problem(
                        shown,
                        line,
                        col,
                        "related_self",
                        field=f"related[{i}]",
                        params={"value": slug},
                    )
                )
            elif slug in slugs or not (SLUG_RE.match(slug)):
                continue
            else:
                close = difflib.get_close_matches(slug, sorted(slugs), n=1, cutoff=0.6)
                hint = (
                    {"zh": f"；是否应为“{close[0]}”", "en": f"; did you mean '{close[0]}'"}
                    if close
                    else ""
                )
                local.append(
                    Problem(
                        shown,
                        line,
                        col,
                        "related_missing",
                        field=f"related[{i}]",
                        params={"value": slug, "hint": hint},
                    )
                )
    # A field still holding the scaffold placeholder needs one message, not three.
    placeholders = {(p.path, p.field) for p in local if p.code == "placeholder"}
    problems.extend(
        p for p in local if p.code == "placeholder" or (p.path, p.field) not in placeholders
    )
    if profile is None:
        return None
    updated = profile.updated or git_dates.get(folder.name) or _mtime_date(folder)
    brand = Brand(
        slug=folder.name,
        source=shown,
        folder=folder,
        profile=profile,
        cases=tuple(cases),
        updated=updated,
        assets=tuple(sorted(set(assets))),
    )
    return brand, doc


def _mtime_date(folder: Path) -> str:
    latest = 0.0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            try:
                latest = max(latest, os.stat(os.path.join(dirpath, name)).st_mtime)
            except OSError:
                continue
    return dt.datetime.fromtimestamp(latest, tz=dt.UTC).date().isoformat() if latest else ""
