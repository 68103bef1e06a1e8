"""`brandhall init DIR`: a new content repository that uses brandhall as a dependency.

The files come from ``brandhall/starter/``: mkdocs.yml, an empty brands/, docs/ (with
the editors' guide), the CI templates for GitHub, GitLab and Gitea/Forgejo, a
pre-commit configuration, requirements.txt and a README for editors.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from .errors import UsageError


def starter_files() -> dict[str, bytes]:
    """Every file of the starter repository by its POSIX path."""
    out: dict[str, bytes] = {}
    with as_file(files("brandhall") / "starter") as root:
        for path in sorted(Path(root).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


def init_repository(target: Path) -> list[str]:
    """Write the starter into ``target`` (new or empty); the paths written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError("init_not_empty", path=str(target))
    written = []
    for rel, content in starter_files().items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(rel)
    return written
