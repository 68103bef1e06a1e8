"""Where things stand in an editor's file, and the one way to make a located problem."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..problems import Problem, Severity

Loc = tuple[str | int, ...]

# Characters nobody sees: controls, zero-width, bidi.  Named when a message shows them.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]"
)


def visible(text: str) -> str:
    """``"tags\u200b"`` -> ``tags<U+200B>``: text safe to show in a message."""
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document stands, 1-based."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # For block scalars the first content line, so problems inside text can be located.
    block_start: dict[Loc, int] = field(default_factory=dict)
    # The source text of every plain scalar that YAML read as a number or that looks
    # like one (``033``, ``0x1b``, ``.nan``): YAML 1.1 turns ``033`` into 27 silently.
    numbers: dict[Loc, str] = field(default_factory=dict)
    line_offset: int = 0

    def value(self, loc: Loc) -> tuple[int, int]:
        """Position of the value at ``loc``, or of its closest existing parent."""
        loc = tuple(loc)
        while loc not in self.values and loc:
            loc = loc[:-1]
        line, col = self.values.get(loc, (1, 1))
        return line + self.line_offset, col

    def key(self, loc: Loc) -> tuple[int, int]:
        if tuple(loc) in self.keys:
            line, col = self.keys[tuple(loc)]
            return line + self.line_offset, col
        return self.value(loc)

    def container(self, loc: Loc) -> tuple[int, int]:
        """Position of the mapping that should hold ``loc`` (for a missing key)."""
        parent = tuple(loc)[:-1]
        if not parent:
            return 1 + self.line_offset, 1
        return self.value(parent)

    def text(self, loc: Loc, value: str, index: int) -> tuple[int, int]:
        """Line and column of character ``index`` inside the text value at ``loc``.

        Inside a block scalar the line is exact and the column unknown (0); in a
        one-line value both are those of the value.
        """
        loc = tuple(loc)
        if loc in self.block_start:
            return self.block_start[loc] + value.count("\n", 0, index) + self.line_offset, 0
        return self.value(loc)


@dataclass
class Doc:
    """One parsed editor file (or a part of it): shown path, data, positions, problems."""

    shown: str
    data: Any
    positions: Positions
    problems: list[Problem] = field(default_factory=list)

    def add(self, loc: Loc, code: str, **kwargs: Any) -> None:
        self.problems.append(problem_at(self, loc, code, **kwargs))


def field_name(loc: Loc) -> str:
    """``("practices", 0, "body")`` -> ``practices[0].body``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + visible(str(part))
    return out


def problem_at(
    where: Doc | str,
    loc: Loc,
    code: str,
    *,
    at: str = "value",
    line: int | None = None,
    column: int | None = None,
    severity: Severity = "error",
    **params: Any,
) -> Problem:
    """A problem located in a document, or in a file named by its shown path.

    For a :class:`Doc` the position comes from its table: the value at ``loc``
    (``at="value"``), its key (``"key"``) or the mapping that should hold it
    (``"container"``); ``line``/``column`` override it.  For a bare path the position
    is ``line``/``column`` or 0 (unknown), and ``loc`` only names the field.
    """
    if isinstance(where, Doc):
        shown = where.shown
        pos = where.positions
        found = (
            pos.key(loc)
            if at == "key"
            else pos.container(loc)
            if at == "container"
            else pos.value(loc)
        )
    else:
        shown, found = where, (0, 0)
    return Problem(
        shown,
        found[0] if line is None else line,
        found[1] if column is None else column,
        code,
        field=field_name(loc),
        severity=severity,
        params=params,
    )
