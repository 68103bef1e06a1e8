"""Reading editor files safely: bytes -> text -> YAML data that remembers positions.

PyYAML's loaders silently keep the last of two duplicate keys, expand aliases and lose
every line number.  Here the document is composed into nodes by ``yaml.compose`` (with
libyaml when available), which keeps every key of a mapping, shares aliased nodes and
records marks; a guard then rejects what the content model does not allow (anchors,
aliases, merge keys, tags, complex keys, deep nesting, duplicate keys) and turns the
nodes into plain Python values plus a side table of positions.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from ..messages import yaml_error_detail
from ..problems import Problem
from .located import Loc, Positions, problem_at

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40
# Open flags for editor files: not through a symlink, not blocking on a FIFO.
_OPEN_FLAGS = os.O_RDONLY | sum(getattr(os, f, 0) for f in ("O_NOFOLLOW", "O_NONBLOCK", "O_BINARY"))

# libyaml's parser is about ten times faster than PyYAML's pure-Python one; both keep marks.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
# Plain text that an editor meant as a number but YAML 1.1 reads as text (0o33, 08, 1e3).
_NUMBERISH = re.compile(
    r"[-+]?(?:0[xob][0-9a-f_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:e[-+]?[0-9]+)?|\.[0-9]+)", re.I
)
# Every C0 and C1 control character except tab and newline (CR is normalized away).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """Read an editor's file as text, or record why it cannot be read."""
    try:
        # Never through a symlink, never blocking on a FIFO: only a regular file is read.
        fd = os.open(path, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
            if info.st_size > MAX_FILE_BYTES:
                problems.append(
                    problem_at(shown, (), "file_too_large", size=info.st_size, limit=MAX_FILE_BYTES)
                )
                return None
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problems.append(problem_at(shown, (), "file_missing", file=f"{shown} ({exc.strerror})"))
        return None
    return decode_text(data, shown, problems)


def decode_text(data: bytes, shown: str, problems: list[Problem]) -> str | None:
    if len(data) > MAX_FILE_BYTES:
        problems.append(
            problem_at(shown, (), "file_too_large", size=len(data), limit=MAX_FILE_BYTES)
        )
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            guess = data.decode("gb18030")
        except UnicodeDecodeError:
            guess = None
        if guess is not None and any("\u4e00" <= ch <= "\u9fff" for ch in guess):
            sample = guess.strip().splitlines()[0][:20] if guess.strip() else ""
            problems.append(
                problem_at(shown, (), "not_utf8_gbk", line=line, column=col, sample=sample)
            )
        else:
            problems.append(
                problem_at(shown, (), "not_utf8", line=line, column=col, offset=exc.start + 1)
            )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        idx = text.index("\x00")
        line = text.count("\n", 0, idx) + 1
        problems.append(problem_at(shown, (), "binary_file", line=line, offset=idx + 1))
        return None
    m = CONTROL_CHARS.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        problems.append(
            problem_at(shown, (), "control_char", line=line, column=col, char=char_name(m.group()))
        )
        return None
    if not text.strip():
        problems.append(problem_at(shown, (), "file_empty", line=1, column=1))
        return None
    return text


def char_name(char: str) -> str:
    """``"\\u202e"`` -> ``U+202E``: how an invisible character is named in a message."""
    return f"U+{ord(char):04X}"


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Rejected(Exception):
    """The document uses a feature that stops the read (the problem is recorded)."""


def parse_yaml(
    text: str, shown: str, problems: list[Problem], line_offset: int = 0
) -> tuple[Any, Positions] | None:
    """Parse one YAML document into plain values plus their positions.

    Returns ``None`` (with problems recorded) when the document cannot be read at all:
    a syntax error, anchors or aliases, several documents, nesting deeper than
    ``MAX_DEPTH``.  Duplicate keys, merge keys, complex keys and tags are reported but
    do not stop the read.
    """
    # Anchors need an "&"; only then is the event stream read to name them (an alias
    # without an anchor fails in compose).  Aliases are never expanded.
    if "&" in text and not _no_anchors(text, shown, problems, line_offset):
        return None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        problems.append(_error_problem(exc, text, shown, line_offset))
        return None
    positions = Positions(line_offset=line_offset)
    if node is None:
        return None, positions
    guard = _Guard(shown, line_offset, positions)
    try:
        value = guard.convert(node, (), 0)
    except _Rejected:
        problems.append(guard.problems[-1])
        return None
    problems.extend(guard.problems)
    return value, positions


def _no_anchors(text: str, shown: str, problems: list[Problem], off: int) -> bool:
    """Report anchors, aliases (one message per name) and extra documents from events."""
    found: list[Problem] = []
    aliased: set[str] = set()
    documents = 0
    try:
        events: Any = yaml.parse(text, Loader=_LOADER)
        for event in events:
            line, col = _mark(event.start_mark)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    found.append(
                        problem_at(shown, (), "yaml_multi_doc", line=line + off, column=col)
                    )
                    break
            elif isinstance(event, yaml.AliasEvent):
                # One message per anchor: an alias bomb must not become a message bomb.
                if event.anchor not in aliased:
                    aliased.add(str(event.anchor))
                    found.append(
                        problem_at(
                            shown,
                            (),
                            "yaml_alias",
                            line=line + off,
                            column=col,
                            anchor=event.anchor,
                        )
                    )
            elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                found.append(
                    problem_at(
                        shown, (), "yaml_anchor", line=line + off, column=col, anchor=event.anchor
                    )
                )
    except yaml.YAMLError as exc:
        found.append(_error_problem(exc, text, shown, off))
    problems.extend(found)
    return not found


def _error_problem(exc: yaml.YAMLError, text: str, shown: str, off: int) -> Problem:
    """PyYAML's exception as a located problem an editor can act on."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        # Reader errors (control characters) carry a position too.
        pos = getattr(exc, "position", None)
        line = text.count("\n", 0, pos) + 1 if isinstance(pos, int) else 1
        detail = str(exc).splitlines()[0]
        return problem_at(
            shown, (), "yaml_syntax", line=line + off, column=0, detail=yaml_error_detail(detail)
        )
    line, col = _mark(exc.problem_mark or exc.context_mark)
    line += off
    detail = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    if "nesting depth" in detail:  # libyaml's own limit, reached while scanning ahead
        return problem_at(shown, (), "yaml_too_deep", line=line, column=1, limit=MAX_DEPTH)
    if "expected a single document" in detail:
        return problem_at(shown, (), "yaml_multi_doc", line=line, column=col)
    if "found undefined alias" in detail:
        rest = text.split("\n")[line - off - 1][col - 1 :]
        name = re.match(r"\*([^\s,\[\]{}]*)", rest)
        anchor = name.group(1) if name else ""
        return problem_at(shown, (), "yaml_alias", line=line, column=col, anchor=anchor)
    index = getattr(exc.problem_mark, "index", None)
    tab = isinstance(index, int) and 0 <= index < len(text) and text[index] == "\t"
    start = 0
    if exc.context_mark is not None and exc.problem_mark is not None:
        start = exc.context_mark.line + 1 + off
        start = 0 if start == line else start
    return problem_at(
        shown,
        (),
        "yaml_syntax",
        line=line,
        column=col,
        detail=yaml_error_detail(detail, tab=tab, start_line=0 if tab else start),
    )


class _Guard:
    """Nodes -> plain values, rejecting what the content model does not allow."""

    def __init__(self, shown: str, off: int, positions: Positions) -> None:
        self.shown = shown
        self.off = off
        self.pos = positions
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def _problem(self, node: yaml.Node, code: str, **params: Any) -> Problem:
        line, col = _mark(node.start_mark)
        problem = problem_at(self.shown, (), code, line=line + self.off, column=col, **params)
        self.problems.append(problem)
        return problem

    def convert(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.pos.values[loc] = _mark(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        if depth >= MAX_DEPTH:
            self._problem(node, "yaml_too_deep", limit=MAX_DEPTH)
            raise _Rejected
        if id(node) in self.seen:  # an alias shares its node; the anchor pass stops them
            self._problem(node, "yaml_alias", anchor="")
            raise _Rejected
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self._problem(node, "yaml_tag", tag=node.tag)
            return [self.convert(child, (*loc, i), depth + 1) for i, child in enumerate(node.value)]
        if node.tag != "tag:yaml.org,2002:map":
            self._problem(node, "yaml_tag", tag=node.tag)
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            kline, kcol = _mark(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "yaml_complex_key")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, "yaml_merge")
                continue
            key = str(key_node.value)
            if key in result:
                self.problems.append(
                    problem_at(
                        self.shown,
                        (*loc, key),
                        "duplicate_key",
                        line=kline + self.off,
                        column=kcol,
                        key=key,
                        first_line=first_line[key] + self.off,
                    )
                )
                continue
            first_line[key] = kline
            self.pos.keys[(*loc, key)] = (kline, kcol)
            result[key] = self.convert(value_node, (*loc, key), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        if node.style in ("|", ">"):
            self.pos.block_start[loc] = node.start_mark.line + 2
        if node.tag not in _SCALAR_TAGS:
            self._problem(node, "yaml_tag", tag=node.tag)
            return node.value
        plain = not node.style
        if plain and (node.tag in _NUMBER_TAGS or _NUMBERISH.fullmatch(node.value)):
            self.pos.numbers[loc] = node.value
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            # Dates stay text: the model checks them, with messages, and allows YYYY-MM.
            return node.value
        try:
            return _CONSTRUCTOR.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError, OverflowError):
            return node.value
