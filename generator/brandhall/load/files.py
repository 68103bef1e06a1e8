"""The files under brands/: one walk that never follows a symlink, case files, dates,
and the files that content names (the logo, images, links).

Only ``brand.yml``, ``cases/*.md``, the logo and files under ``images/`` are ever read,
and only the logo and the images the content references may be published.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ..messages import localized
from ..model import LOGO_EXTENSIONS
from ..problems import Problem
from ..safety.images import IMAGE_MAX_BYTES, LOGO_MAX_BYTES, check_image
from ..safety.svg import clean_svg
from ..textcheck import local_refs
from .located import Doc, Loc, problem_at

BRAND_FILE = "brand.yml"
TAXONOMY_FILE = "taxonomy.yml"
CASES_DIR = "cases"
IMAGES_DIR = "images"
IMAGE_EXTENSIONS = LOGO_EXTENSIONS


def shown(path: Path) -> str:
    """A path as the editor types it: relative to the working directory when inside it."""
    try:
        return path.absolute().relative_to(Path.cwd().absolute()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class Entry:
    kind: str  # "file", "dir", "link" or "other" (FIFO, socket, device, unreadable)
    size: int = 0
    mtime: float = 0.0


@dataclass
class Tree:
    """Everything under ``root`` by POSIX path relative to it, from one walk that never
    follows a symlink (``lstat`` semantics): a symlink is an entry of kind ``link`` and
    nothing behind it is listed."""

    root: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)

    def kind(self, rel: str) -> str | None:
        entry = self.entries.get(rel)
        return entry.kind if entry else None

    def listing(self, rel: str) -> list[str]:
        """Names in the folder ``rel`` ("" for the root), sorted."""
        return self.children.get(rel, [])

    def shown(self, rel: str) -> str:
        return shown(self.root / rel) if rel else shown(self.root)

    def behind_link(self, rel: str) -> bool:
        """Whether ``rel`` or one of its parent folders is a symlink."""
        parts = rel.split("/")
        return any(self.kind("/".join(parts[: i + 1])) == "link" for i in range(len(parts)))


def scan(root: Path, only: tuple[str, ...] | None = None) -> Tree:
    """The walk of ``root``; with ``only`` (a preview) the other brand folders are listed
    but not entered, so a preview of one brand costs the same at any number of brands."""
    tree = Tree(root)
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        names: list[str] = []
        try:
            with os.scandir(root / rel_dir if rel_dir else root) as it:
                items = list(it)
        except OSError:
            items = []
        for item in items:
            rel = f"{rel_dir}/{item.name}" if rel_dir else item.name
            names.append(item.name)
            try:
                if item.is_symlink():
                    tree.entries[rel] = Entry("link")
                elif item.is_dir(follow_symlinks=False):
                    tree.entries[rel] = Entry("dir")
                    if rel_dir or only is None or item.name in only:
                        stack.append(rel)
                elif item.is_file(follow_symlinks=False):
                    info = item.stat(follow_symlinks=False)
                    tree.entries[rel] = Entry("file", info.st_size, info.st_mtime)
                else:
                    tree.entries[rel] = Entry("other")
            except OSError:
                tree.entries[rel] = Entry("other")
        tree.children[rel_dir] = sorted(names)
    return tree


def symlink_problems(tree: Tree) -> list[Problem]:
    """Every symlink under brands/ is an error naming it; nothing behind it is read."""
    return [
        problem_at(tree.shown(rel), (), "symlink", target=_link_target(tree.root / rel))
        for rel, entry in sorted(tree.entries.items())
        if entry.kind == "link"
    ]


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def brand_folders(tree: Tree, problems: list[Problem]) -> list[str]:
    """The brand folders (slugs); any other regular entry gets a warning."""
    folders: list[str] = []
    for name in tree.listing(""):
        kind = tree.kind(name)
        if name.startswith(("_", ".")) or name == TAXONOMY_FILE or kind == "link":
            continue
        if kind == "dir":
            folders.append(name)
        elif name.lower() not in ("readme.md",):
            problems.append(
                problem_at(tree.shown(name), (), "stray_file", severity="warning", value=name)
            )
    return folders


def brand_yml_hint(tree: Tree, slug: str) -> dict[str, str] | str:
    """When brand.yml is missing, a file that was probably meant to be it."""
    for name in tree.listing(slug):
        lowered = name.lower()
        if lowered in ("brand.yaml", "brand.yml.txt", "brand.yml", "brand.yml.yml"):
            if name != BRAND_FILE:
                return localized("hint_rename_brand_yml", value=name)
    return ""


def case_files(tree: Tree, slug: str, problems: list[Problem]) -> list[str]:
    """The case-study files of a brand; anything else in cases/ gets a warning, so a
    case saved as .markdown or in a subfolder is never silently left out."""
    cases_dir = f"{slug}/{CASES_DIR}"
    kind = tree.kind(cases_dir)
    if kind is None or kind == "link":
        return []
    if kind != "dir":
        problems.append(
            problem_at(
                tree.shown(cases_dir), (), "cases_not_dir", severity="warning", value="cases"
            )
        )
        return []
    found: list[str] = []
    for name in tree.listing(cases_dir):
        rel = f"{cases_dir}/{name}"
        kind = tree.kind(rel)
        if name.startswith(("_", ".")) or kind == "link":
            continue
        if name.endswith(".md") and kind == "file":
            found.append(rel)
        else:
            problems.append(_not_a_case(tree.shown(rel), name, kind))
    return found


# Word processor files: the text has to be copied into a .md file.
_WORD_EXTENSIONS = (".docx", ".doc", ".wps", ".rtf", ".odt", ".pdf")
# Text saved under another name (Windows hides ".txt"): renaming is enough.
_TEXT_SUFFIXES = (".md.txt", ".txt", ".markdown", ".mdown", ".md.md")


def _not_a_case(shown_path: str, name: str, kind: str | None) -> Problem:
    """A file in cases/ that is not a case: an error when it was meant as one."""
    lowered = name.lower()
    if kind == "file":
        for ext in _WORD_EXTENSIONS:
            if lowered.endswith(ext):
                stem = name[: -len(ext)]
                return problem_at(shown_path, (), "case_word_file", value=name, target=f"{stem}.md")
        for ext in _TEXT_SUFFIXES:
            if lowered.endswith(ext) or lowered.endswith(".md"):
                stem = name[: -len(ext)] if lowered.endswith(ext) else name[:-3]
                return problem_at(shown_path, (), "case_rename", value=name, target=f"{stem}.md")
    return problem_at(shown_path, (), "case_ignored", severity="warning", value=name)


def git_dates(root: Path) -> dict[str, str]:
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


def mtime_date(tree: Tree, slug: str) -> str:
    """The newest modification date of the regular files of a brand folder."""
    prefix = slug + "/"
    latest = max(
        (e.mtime for rel, e in tree.entries.items() if e.kind == "file" and rel.startswith(prefix)),
        default=0.0,
    )
    return dt.datetime.fromtimestamp(latest, tz=dt.UTC).date().isoformat() if latest else ""


# --------------------------------------------------------------------------- references
@dataclass
class BrandFiles:
    """The files of one brand folder, and what its content may reference and publish."""

    tree: Tree
    slug: str
    logo: str | None = None  # the logo's path in the folder, once checked
    published: set[str] = field(default_factory=set)

    def kind(self, rel: str) -> str | None:
        return self.tree.kind(f"{self.slug}/{rel}")

    def size(self, rel: str) -> int:
        entry = self.tree.entries.get(f"{self.slug}/{rel}")
        return entry.size if entry else 0

    def path(self, rel: str) -> Path:
        return self.tree.root / self.slug / rel

    def base_shown(self, base: str) -> str:
        return self.tree.shown(f"{self.slug}/{base}" if base else self.slug) + "/"

    def is_case(self, rel: str) -> bool:
        folder, _, name = rel.rpartition("/")
        return (
            folder == CASES_DIR
            and name.endswith(".md")
            and not name.startswith(("_", "."))
            and self.kind(rel) == "file"
        )


def _normalize(base: str, ref: str) -> str | None:
    """The path of ``ref`` (written in a file in folder ``base``) inside the brand
    folder, or None when it leaves the folder.  Purely lexical: nothing is resolved."""
    if ref.startswith(("/", "\\")) or (len(ref) > 1 and ref[1] == ":") or "\\" in ref:
        return None
    rel = posixpath.normpath(posixpath.join(base, ref))
    if rel == ".." or rel.startswith("../") or rel == ".":
        return None
    return rel


def check_ref(
    files: BrandFiles,
    doc: Doc,
    loc: Loc,
    ref: str,
    base: str,
    line: int,
    column: int,
    *,
    logo: bool = False,
    image: bool = True,
) -> str | None:
    """Check one file named by the content; return its path in the folder when the site
    must publish it (the logo or an image), else None (a case page, or a problem)."""
    at = {"line": line, "column": column}
    rel = _normalize(base, unquote(ref))
    if rel is None:
        doc.add(loc, "path_outside", **at, file=ref)
        return None
    if files.tree.behind_link(f"{files.slug}/{rel}"):
        return None  # the symlink itself is the error, reported once by the walk
    if files.kind(rel) != "file":
        hint: dict[str, str] | str = ""
        if base and files.kind(unquote(ref)) == "file":
            hint = localized("hint_ref_from_folder", value=posixpath.relpath(unquote(ref), base))
        doc.add(loc, "ref_missing", **at, file=ref, base=files.base_shown(base), hint=hint)
        return None
    if logo:
        files.logo = rel
        return rel
    if not image and files.is_case(rel):
        return None  # a link to a case study, built as a page
    if rel == files.logo or rel.startswith(IMAGES_DIR + "/"):
        if not rel.lower().endswith(IMAGE_EXTENSIONS):
            if image:
                doc.add(loc, "file_ext", **at, file=ref, allowed=list(IMAGE_EXTENSIONS))
            else:
                doc.add(loc, "ref_not_published", **at, file=ref, base=files.base_shown(base))
            return None
        if rel != files.logo and not check_published(
            files, doc, loc, rel, line, column, written=ref
        ):
            return None
        return rel
    doc.add(loc, "ref_not_published", **at, file=ref, base=files.base_shown(base))
    return None


def check_published(
    files: BrandFiles,
    doc: Doc,
    loc: Loc,
    rel: str,
    line: int,
    column: int,
    *,
    logo: bool = False,
    written: str = "",
) -> bool:
    """Checks on a file the site will publish (the logo or an image); False when it may
    not be published.  The one place where the content of published files is checked:
    SVG is parsed and rebuilt from an allowlist, rasters are decoded (safety/); the site
    publishes the rebuilt SVG (render/site.py), never the file as written."""
    limit = LOGO_MAX_BYTES if logo else IMAGE_MAX_BYTES
    try:
        data = files.path(rel).read_bytes()
    except OSError:
        return False  # reported where the reference was checked
    if rel.lower().endswith(".svg"):
        svg = clean_svg(data, max_bytes=limit)
        reason, params = svg.reason, svg.params()
    else:
        image = check_image(data, name=rel, max_bytes=limit)
        reason, params = image.reason, image.params()
    if reason is None:
        return True
    doc.add(loc, reason, line=line, column=column, **{**params, "file": written or rel})
    return False


def markdown_refs(files: BrandFiles, doc: Doc, loc: Loc, text: str, base: str) -> list[str]:
    """Check the files a Markdown value links to or shows; return those to publish."""
    found: list[str] = []
    for ref in local_refs(text):
        line, _col = doc.positions.text(loc, text, ref.index)
        if not ref.is_image:
            # Links may point at other pages of the site; MkDocs checks those. Only
            # files of this brand are ours to check.
            if ref.target.startswith("/"):
                doc.add(
                    loc, "absolute_link", line=line, column=0, severity="warning", value=ref.target
                )
                continue
            if _normalize(base, unquote(ref.target)) is None:
                _check_other_brand(files, doc, loc, ref.target, base, line)
                continue
        rel = check_ref(files, doc, loc, ref.target, base, line, 0, image=ref.is_image)
        if rel:
            found.append(rel)
    return found


def _check_other_brand(
    files: BrandFiles, doc: Doc, loc: Loc, ref: str, base: str, line: int
) -> None:
    """A link out of the folder may name another page of the site, but never a file of
    another brand (``../b/brand.yml``): only pages and published images are reachable."""
    if ref.startswith(("/", "\\")) or "\\" in ref:
        return
    target = posixpath.normpath(posixpath.join(files.slug, base, unquote(ref)))
    if target.startswith("../") or "/" not in target:
        return
    other, _, rel = target.partition("/")
    if files.tree.kind(target) != "file" or BrandFiles(files.tree, other).is_case(rel):
        return
    if rel.startswith(IMAGES_DIR + "/") and rel.lower().endswith(IMAGE_EXTENSIONS):
        return  # published by the other brand if it shows it; a broken link otherwise
    doc.add(loc, "ref_not_published", line=line, column=0, file=ref, base=files.base_shown(base))
