"""The one error type of brandhall: a located problem with a message key.

Loaders and checks only *collect* problems; the CLI and the MkDocs plugin format them
(Chinese by default, English on request).  Nothing here raises for a user's mistake.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, Literal

from .messages import render_message

Severity = Literal["error", "warning"]
Lang = Literal["zh", "en"]


@dataclass(frozen=True, order=False)
class Problem:
    """Something wrong with one place in the content.

    ``path`` is relative to the working directory as the editor would type it
    (``brands/x/brand.yml``); ``line`` and ``column`` are 1-based, 0 when unknown.
    """

    path: str
    line: int
    column: int
    code: str
    field: str = ""
    severity: Severity = "error"
    params: dict[str, Any] = dc_field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.field, self.code)

    def message(self, lang: Lang = "zh") -> str:
        return render_message(self.code, lang, self.params)

    def label(self, lang: Lang = "zh") -> str:
        """The field in the editor's words (主要做法第 2 条的内容); the path in English."""
        from .labels import field_label

        return field_label(self.path, self.field, lang)

    def as_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        out = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "field": self.field,
            "label": self.label(lang),
            "code": self.code,
            "message": self.message(lang),
        }
        detail = self.params.get("detail")
        if isinstance(detail, dict) and "en" in detail:
            out["parser"] = detail["en"]  # the YAML parser's own words, for tools
        return out

    def fingerprint(self) -> str:
        """Stable across runs and line shifts: file, field, code and what was found."""
        key = json.dumps(
            [self.path, self.field, self.code, self.params], sort_keys=True, default=str
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    def as_codequality(self, lang: Lang = "zh") -> dict[str, Any]:
        """One entry of a GitLab Code Quality report."""
        return {
            "description": self._body(lang),
            "check_name": self.code,
            "fingerprint": self.fingerprint(),
            "severity": "major" if self.severity == "error" else "minor",
            "location": {"path": self.path, "lines": {"begin": max(self.line, 1)}},
        }

    def _body(self, lang: Lang) -> str:
        label = self.label(lang)
        return f"{label}: {self.message(lang)}" if label else self.message(lang)

    def format_text(self, lang: Lang = "zh") -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        sev = render_message(f"severity_{self.severity}", lang, {})
        return f"{where}: {sev}: {self._body(lang)}"

    def format_github(self, lang: Lang = "zh") -> str:
        kind = "error" if self.severity == "error" else "warning"
        props = [f"file={_gh_prop(self.path)}"]
        if self.line:
            props.append(f"line={self.line}")
        if self.column:
            props.append(f"col={self.column}")
        if self.field:
            props.append(f"title={_gh_prop(self.label(lang))}")
        return f"::{kind} {','.join(props)}::{_gh_data(self._body(lang))}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    unique: dict[tuple[str, int, int, str, str, str], Problem] = {}
    for p in problems:
        key = (*p.sort_key(), json.dumps(p.params, sort_keys=True, default=str))
        unique.setdefault(key, p)
    return sorted(unique.values(), key=Problem.sort_key)


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    errors = warnings = 0
    for p in problems:
        if p.severity == "error":
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def format_problems(problems: Sequence[Problem], fmt: str, lang: Lang = "zh") -> str:
    if fmt == "json":
        return json.dumps([p.as_dict(lang) for p in problems], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.format_github(lang) for p in problems)
    if fmt == "gitlab":
        return json.dumps([p.as_codequality(lang) for p in problems], ensure_ascii=False, indent=2)
    if fmt == "gitea":
        return _grouped(problems, lang)
    return "\n".join(p.format_text(lang) for p in problems)


def _grouped(problems: Sequence[Problem], lang: Lang) -> str:
    """Plain lines, one fold per file (``::group::``, which Gitea and Forgejo Actions
    logs fold like GitHub's); no other markup, so any log viewer shows it as it is."""
    out: list[str] = []
    current = None
    for p in problems:
        if p.path != current:
            if current is not None:
                out.append("::endgroup::")
            current = p.path
            errors, warnings = count(q for q in problems if q.path == current)
            out.append(
                "::group::"
                + render_message(
                    "group_header", lang, {"path": current, "errors": errors, "warnings": warnings}
                )
            )
        out.append(p.format_text(lang))
    if current is not None:
        out.append("::endgroup::")
    return "\n".join(out)


def summary_line(brands: int, cases: int, problems: Iterable[Problem], lang: Lang = "zh") -> str:
    """The closing line of `check` and `build`: what was read and what was found."""
    errors, warnings = count(problems)
    return render_message(
        "check_summary",
        lang,
        {"brands": brands, "cases": cases, "errors": errors, "warnings": warnings},
    )
