"""load_catalog: brands/ on disk -> an immutable Catalog plus every problem found.

All checks run; nothing stops at the first error.  A brand whose own files have errors
is left out of the catalog, and the problems say why, so a build never silently drops
a page: it refuses to build while there are errors.

The package, by concern:

- ``files``     one walk of brands/ that never follows a symlink; case files; dates;
                the files content names (logo, images, links) and which are published
- ``yamlsrc``   bytes -> text -> YAML values with positions (``yaml.compose`` + a guard)
- ``located``   positions, the parsed ``Doc`` and ``problem_at``, the one way to make a
                located problem
- ``values``    checks on text values and keys (HTML, links, invisible characters)
- ``validate``  the content model, and pydantic's errors as located problems
- ``crossfile`` checks across brands (unique names, related brands)
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..catalog import Brand, CaseStudy, Catalog, LoadResult
from ..model import LOGO_EXTENSIONS, SLUG_MAX, SLUG_RE, BrandProfile, CaseFrontMatter, TaxonomyFile
from ..problems import Problem, sort_problems
from ..taxonomy import DEFAULT_TAXONOMY, Taxonomy
from .crossfile import check_related, duplicate_names
from .files import (
    BRAND_FILE,
    TAXONOMY_FILE,
    BrandFiles,
    brand_folders,
    brand_yml_hint,
    case_files,
    check_published,
    check_ref,
    git_dates,
    markdown_refs,
    mtime_date,
    scan,
    shown,
    symlink_problems,
)
from .located import Doc, Positions, problem_at
from .prescan import check_tag_commas, check_wrapped_quotes, drop_shadowed, prescan
from .validate import kind_of, validate
from .values import check_texts, walk_strings
from .yamlsrc import parse_yaml, read_text

__all__ = ["load_catalog", "load_taxonomy"]


def load_catalog(
    root: Path | str, today: dt.date | None = None, only: tuple[str, ...] | None = None
) -> LoadResult:
    """Read every brand under ``root`` and check it, alone and against the others.

    ``only`` (a preview) reads and checks just those brand folders (the others are not
    entered); every folder still counts as an existing brand for ``related``, so links
    to the others are not errors."""
    root = Path(root)
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(problem_at(shown(root), (), "brands_dir_missing", value=shown(root)))
        return LoadResult(Catalog((), root=root), tuple(problems))
    tree = scan(root, only)
    problems.extend(symlink_problems(tree))
    taxonomy = (
        load_taxonomy(root, problems, today)
        if tree.kind(TAXONOMY_FILE) == "file"
        else DEFAULT_TAXONOMY
    )
    context = {"today": today, "taxonomy": taxonomy}
    folders = brand_folders(tree, problems)
    slugs = set(folders)
    dates = git_dates(root)
    loaded: list[tuple[Brand, Doc]] = []
    case_count = 0
    if only is not None:
        folders = [slug for slug in folders if slug in only]
    for slug in folders:
        if not SLUG_RE.match(slug) or len(slug) > SLUG_MAX:
            problems.append(problem_at(tree.shown(slug) + "/", (), "slug_invalid", value=slug))
        kind = tree.kind(f"{slug}/{BRAND_FILE}")
        if kind == "link":
            continue  # the symlink is the error; nothing behind it is read
        if kind != "file":
            hint = brand_yml_hint(tree, slug)
            problems.append(problem_at(tree.shown(slug) + "/", (), "brand_yml_missing", hint=hint))
            continue
        result = _load_brand(BrandFiles(tree, slug), slugs, context, dates, problems)
        if result is not None:
            loaded.append(result)
        case_count += len(case_files(tree, slug, []))
    problems.extend(duplicate_names(loaded))
    # A brand with an error in any of its files is left out (the problems say why).
    bad = {p.path for p in problems if p.severity == "error"}
    brands = tuple(b for b, _ in loaded if not _has_error(b, tree.shown(b.slug) + "/", bad))
    catalog = Catalog(brands=brands, taxonomy=taxonomy, root=root)
    return LoadResult(
        catalog, tuple(sort_problems(problems)), brand_count=len(folders), case_count=case_count
    )


def _has_error(brand: Brand, folder: str, bad: set[str]) -> bool:
    return brand.source in bad or any(path.startswith(folder) for path in bad)


def load_taxonomy(root: Path, problems: list[Problem], today: dt.date) -> Taxonomy:
    """The vocabularies: brands/taxonomy.yml when it is a regular file, else the defaults."""
    path = root / TAXONOMY_FILE
    if path.is_symlink() or not path.is_file():
        return DEFAULT_TAXONOMY
    doc = _read_yaml(path, shown(path), problems)
    if doc is None:
        return DEFAULT_TAXONOMY
    tax = validate(doc, TaxonomyFile, {"today": today})
    problems.extend(doc.problems)
    if tax is None:
        return DEFAULT_TAXONOMY
    return Taxonomy(
        sectors=tuple(tax.sectors) if tax.sectors else DEFAULT_TAXONOMY.sectors,
        regions=tuple(tax.regions) if tax.regions else DEFAULT_TAXONOMY.regions,
    )


def _read_yaml(path: Path, shown_path: str, problems: list[Problem]) -> Doc | None:
    text = read_text(path, shown_path, problems)
    if text is None:
        return None
    problems.extend(prescan(text, shown_path))
    parsed = parse_yaml(text, shown_path, problems)
    if parsed is None:
        return None
    data, positions = parsed
    if not isinstance(data, dict):
        problems.append(
            problem_at(shown_path, (), "yaml_not_mapping", line=1, column=1, got=kind_of(data))
        )
        return None
    return Doc(shown_path, data, positions)


def _split_front_matter(
    text: str, shown_path: str, problems: list[Problem]
) -> tuple[str, str, int] | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(problem_at(shown_path, (), "case_no_front_matter", line=1, column=1))
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            front = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1 :])
            return front, body, i + 1
    problems.append(problem_at(shown_path, (), "case_front_matter_unclosed", line=1, column=1))
    return None


def _load_case(
    files: BrandFiles, rel: str, context: dict[str, Any], problems: list[Problem]
) -> tuple[CaseStudy | None, list[str]]:
    """One case study, and the files it publishes (its images)."""
    tree = files.tree
    shown_path = tree.shown(rel)
    local: list[Problem] = []
    name = rel.rsplit("/", 1)[-1]
    slug = name[: -len(".md")]
    if not SLUG_RE.match(slug) or len(slug) > SLUG_MAX:
        local.append(problem_at(shown_path, (), "slug_invalid", value=name))
    text = read_text(tree.root / rel, shown_path, local)
    split = _split_front_matter(text, shown_path, local) if text is not None else None
    if split is not None:
        local.extend(prescan(split[0], shown_path, line_offset=1))
    parsed = parse_yaml(split[0], shown_path, local, line_offset=1) if split else None
    if split is None or parsed is None:
        problems.extend(local)
        return None, []
    _front, body, body_line = split
    data, positions = parsed
    if not isinstance(data, dict):
        local.append(problem_at(shown_path, (), "case_no_front_matter", line=2, column=1))
        problems.extend(local)
        return None, []
    doc = Doc(shown_path, data, positions, local)
    check_texts(doc)
    check_wrapped_quotes(doc, walk_strings(doc.data))
    check_tag_commas(doc)
    body_doc = Doc(shown_path, {"body": body}, Positions(), local)
    body_doc.positions.values[("body",)] = (body_line + 1, 1)
    body_doc.positions.block_start[("body",)] = body_line + 1
    check_texts(body_doc)
    assets: list[str] = []
    for part in (doc, body_doc):
        for loc, value in walk_strings(part.data):
            assets.extend(markdown_refs(files, part, loc, value, "cases"))
    meta = validate(doc, CaseFrontMatter, context)
    problems.extend(local)
    if meta is None or any(p.severity == "error" for p in local):
        return None, []
    case = CaseStudy(slug=slug, brand_slug=files.slug, source=shown_path, meta=meta, body=body)
    return case, assets


def _load_brand(
    files: BrandFiles,
    slugs: set[str],
    context: dict[str, Any],
    dates: dict[str, str],
    problems: list[Problem],
) -> tuple[Brand, Doc] | None:
    tree, slug = files.tree, files.slug
    shown_path = tree.shown(f"{slug}/{BRAND_FILE}")
    local: list[Problem] = []
    doc = _read_yaml(tree.root / slug / BRAND_FILE, shown_path, local)
    assets: list[str] = []
    if doc is not None:
        doc.problems = local
        assets.extend(_logo(files, doc))
    cases: list[CaseStudy] = []
    for rel in case_files(tree, slug, local):
        case, case_assets = _load_case(files, rel, context, local)
        if case is not None:
            cases.append(case)
            assets.extend(case_assets)
    if doc is None:
        problems.extend(drop_shadowed(local))
        return None
    check_texts(doc)
    check_wrapped_quotes(doc, walk_strings(doc.data))
    check_tag_commas(doc)
    profile = validate(doc, BrandProfile, context)
    for loc, text in walk_strings(doc.data):
        assets.extend(markdown_refs(files, doc, loc, text, ""))
    check_related(doc, slug, slugs)
    # A field still holding the scaffold placeholder needs one message, not three.
    local = drop_shadowed(local)
    placeholders = {(p.path, p.field) for p in local if p.code == "placeholder"}
    problems.extend(
        p for p in local if p.code == "placeholder" or (p.path, p.field) not in placeholders
    )
    if profile is None:
        return None
    brand = Brand(
        slug=slug,
        source=shown_path,
        folder=tree.root / slug,
        profile=profile,
        cases=tuple(cases),
        updated=profile.updated or dates.get(slug) or mtime_date(tree, slug),
        assets=tuple(sorted(set(assets))),
    )
    return brand, doc


def _logo(files: BrandFiles, doc: Doc) -> list[str]:
    """The logo file named by the profile, checked; [its path] when it may be published."""
    logo = doc.data.get("logo")
    if logo is None:
        _logo_unused(files, doc)
    name = logo.get("file") if isinstance(logo, dict) else None
    if not isinstance(name, str) or not name.strip().lower().endswith(LOGO_EXTENSIONS):
        return []  # the model reports a missing or wrong logo.file
    loc = ("logo", "file")
    line, col = doc.positions.value(loc)
    rel = check_ref(files, doc, loc, name.strip(), "", line, col, logo=True)
    if rel is None or not check_published(files, doc, loc, rel, line, col, logo=True):
        return []
    return [rel]


_COMMENTED_LOGO = re.compile(r"#\s?logo\s*:")


def _logo_unused(files: BrandFiles, doc: Doc) -> None:
    """A logo file in the folder while brand.yml names none (the scaffold ships the
    ``logo:`` block commented out): the site would show a placeholder."""
    found = [
        name
        for name in files.tree.listing(files.slug)
        if name.lower().startswith("logo.") and name.lower().endswith(LOGO_EXTENSIONS)
    ]
    if not found:
        return
    text = read_text(files.path(BRAND_FILE), doc.shown, []) or ""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if _COMMENTED_LOGO.match(line.strip())), None)
    if start is None:
        doc.add((), "logo_unused", severity="warning", line=1, column=1, file=found[0])
        return
    end = start
    while end + 1 < len(lines) and re.match(r"#\s{2,}\S", lines[end + 1].strip() or "x"):
        end += 1
    span = f"{start + 1}" if end == start else f"{start + 1}–{end + 1}"
    doc.add(
        (),
        "logo_commented",
        severity="warning",
        line=start + 1,
        column=1,
        file=found[0],
        lines=span,
    )
