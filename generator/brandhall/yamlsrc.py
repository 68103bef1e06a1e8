"""Reading editor files safely: bytes -> text -> YAML data that remembers positions.

PyYAML's loaders silently keep the last of two duplicate keys, expand aliases without a
limit and lose every line number.  Here the document is first checked event by event
(anchors, aliases, several documents, depth) and then composed into nodes, which are
turned into plain Python values with a side table of positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40

Loc = tuple[str | int, ...]


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document stands, 1-based."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # For block scalars the first content line, so problems inside text can be located.
    block_start: dict[Loc, int] = field(default_factory=dict)
    line_offset: int = 0

    def shift(self, lines: int) -> None:
        self.line_offset = lines

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

    def text_line(self, loc: Loc, value: str, index: int) -> int:
        """Line of character ``index`` inside the text value at ``loc``."""
        loc = tuple(loc)
        if loc in self.block_start:
            return self.block_start[loc] + value.count("\n", 0, index) + self.line_offset
        return self.value(loc)[0]


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """Read an editor's file as text, or record why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    shown, 0, 0, "file_too_large", params={"size": size, "limit": MAX_FILE_BYTES}
                )
            )
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.append(
            Problem(shown, 0, 0, "file_missing", params={"file": f"{shown} ({exc.strerror})"})
        )
        return None
    return decode_text(data, shown, problems)


def decode_text(data: bytes, shown: str, problems: list[Problem]) -> str | None:
    if len(data) > MAX_FILE_BYTES:
        problems.append(
            Problem(
                shown, 0, 0, "file_too_large", params={"size": len(data), "limit": MAX_FILE_BYTES}
            )
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
            problems.append(Problem(shown, line, col, "not_utf8_gbk", params={"sample": sample}))
        else:
            problems.append(Problem(shown, line, col, "not_utf8", params={"offset": exc.start + 1}))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        idx = text.index("\x00")
        problems.append(
            Problem(
                shown, text.count("\n", 0, idx) + 1, 0, "binary_file", params={"offset": idx + 1}
            )
        )
        return None
    if not text.strip():
        problems.append(Problem(shown, 1, 1, "file_empty"))
        return None
    return text


_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_CONSTRUCTOR = yaml.SafeLoader("")


# PyYAML's messages, said the way an editor can act on them.
_YAML_EXPLAINED: tuple[tuple[str, str], ...] = (
    ("found character '\\t'", "不能用 Tab 键缩进，请改用空格"),
    ("found a tab character", "不能用 Tab 键缩进，请改用空格"),
    ("mapping values are not allowed", "这里不能出现“字段: 值”：检查缩进，或给含“: ”的文字加引号"),
    ("could not find expected ':'", "缺少“:”，或上一行的引号没有闭合"),
    ("did not find expected key", "缩进不一致，或这一行缺少“:”：同一层的字段要对齐"),
    ("did not find expected ',' or ']'", "方括号 [ ] 列表没有正确结束，或缺少逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有正确结束，或缺少逗号"),
    ("did not find expected '-' indicator", "列表项“-”的缩进与上面不一致"),
    ("did not find expected node content", "这里缺少内容，或有多余的符号"),
    ("expected ',' or ']'", "方括号 [ ] 列表没有正确结束，或缺少逗号"),
    ("expected ',' or '}'", "花括号 { } 没有正确结束，或缺少逗号"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("found unexpected end of stream", "文件意外结束：引号或括号没有闭合"),
    ("expected <block end>, but found '-'", "列表项“-”的缩进与上面不一致"),
    ("expected <block end>", "缩进不一致：同一层的字段要对齐"),
    ("while scanning a simple key", "这一行缺少“:”"),
    ("found undefined alias", "用了未定义的别名“*”"),
    (
        "found character that cannot start any token",
        "有无法识别的字符（如 @、` 开头的文字要加引号）",
    ),
    ("while scanning a block scalar", "多行文字（| 或 >）的写法不对"),
)


def explain_yaml_error(detail: str) -> tuple[str, str]:
    for needle, zh in _YAML_EXPLAINED:
        if needle in detail:
            return f"{zh}（{detail}）", detail
    return detail, detail


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


# libyaml's parser is about ten times faster than PyYAML's pure-Python one; both keep marks.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()


def _compose(
    text: str, shown: str, problems: list[Problem], line_offset: int
) -> tuple[bool, yaml.Node | None]:
    """One pass over the event stream: reject anchors, aliases, extra documents and deep
    nesting, and build the node tree (what ``yaml.compose`` does, minus aliases)."""
    ok = True
    documents = 0
    aliased: set[str] = set()
    stack: list[yaml.Node] = []
    pending_key: list[yaml.Node | None] = []
    root: yaml.Node | None = None

    def attach(node: yaml.Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, yaml.SequenceNode):
            parent.value.append(node)
        elif pending_key[-1] is None:
            pending_key[-1] = node
        else:
            parent.value.append((pending_key[-1], node))
            pending_key[-1] = None

    try:
        events: Any = yaml.parse(text, Loader=_LOADER)  # libyaml marks are typed apart
        for event in events:
            # libyaml's marks have their own type; they carry line and column all the same.
            start: Any = event.start_mark
            end: Any = event.end_mark
            line, col = _mark(start)
            line += line_offset
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(Problem(shown, line, col, "yaml_multi_doc"))
                    return False, None
                continue
            if isinstance(event, yaml.AliasEvent):
                # One message per anchor: an alias bomb must not become a message bomb.
                if event.anchor not in aliased:
                    aliased.add(str(event.anchor))
                    problems.append(
                        Problem(shown, line, col, "yaml_alias", params={"anchor": event.anchor})
                    )
                ok = False
                attach(yaml.ScalarNode("tag:yaml.org,2002:null", "", start, end))
                continue
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                problems.append(
                    Problem(shown, line, col, "yaml_anchor", params={"anchor": event.anchor})
                )
                ok = False
            if isinstance(event, yaml.ScalarEvent):
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
                attach(
                    yaml.ScalarNode(
                        tag,
                        event.value,
                        start,
                        end,
                        style=event.style,
                    )
                )
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    problems.append(
                        Problem(shown, line, col, "yaml_too_deep", params={"limit": MAX_DEPTH})
                    )
                    return False, None
                kind = (
                    yaml.SequenceNode
                    if isinstance(event, yaml.SequenceStartEvent)
                    else yaml.MappingNode
                )
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _RESOLVER.resolve(kind, None, event.implicit)
                node = kind(tag, [], start, None, flow_style=event.flow_style)
                attach(node)
                stack.append(node)
                pending_key.append(None)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
                pending_key.pop()
    except yaml.MarkedYAMLError as exc:
        line, col = _mark(exc.problem_mark or exc.context_mark)
        detail = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        if "nesting depth" in detail:  # libyaml's own limit, reached while scanning ahead
            problems.append(
                Problem(shown, line + line_offset, 1, "yaml_too_deep", params={"limit": MAX_DEPTH})
            )
            return False, None
        index = getattr(exc.problem_mark, "index", None)
        if isinstance(index, int) and 0 <= index < len(text) and text[index] == "\t":
            zh, en = "不能用 Tab 键缩进，请改用空格", "a tab cannot indent YAML; use spaces"
        else:
            zh, en = explain_yaml_error(detail)
        if exc.context_mark is not None and exc.problem_mark is not None:
            start = exc.context_mark.line + 1 + line_offset
            if start != line + line_offset:
                zh += f"（从第 {start} 行开始）"
                en += f" (starting on line {start})"
        problems.append(
            Problem(
                shown,
                line + line_offset,
                col,
                "yaml_syntax",
                params={"detail": {"zh": zh, "en": en}},
            )
        )
        return False, None
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position too
        pos = getattr(exc, "position", None)
        line = text.count("\n", 0, pos) + 1 if isinstance(pos, int) else 1
        detail = str(exc).splitlines()[0]
        zh, en = explain_yaml_error(detail)
        problems.append(
            Problem(
                shown, line + line_offset, 0, "yaml_syntax", params={"detail": {"zh": zh, "en": en}}
            )
        )
        return False, None
    return ok, root


def parse_yaml(
    text: str, shown: str, problems: list[Problem], line_offset: int = 0
) -> tuple[Any, Positions] | None:
    """Parse one YAML document into plain values plus their positions.

    Returns ``None`` (with problems recorded) when the document cannot be read at all.
    Duplicate keys, merge keys and unknown tags are reported but do not stop the read.
    """
    ok, node = _compose(text, shown, problems, line_offset)
    if not ok:
        return None
    positions = Positions()
    positions.shift(line_offset)
    if node is None:
        return None, positions
    value = _convert(node, (), positions, shown, problems, line_offset)
    return value, positions


def _convert(
    node: yaml.Node,
    loc: Loc,
    pos: Positions,
    shown: str,
    problems: list[Problem],
    off: int,
) -> Any:
    pos.values[loc] = _mark(node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            pos.block_start[loc] = node.start_mark.line + 2
        if node.tag not in _SCALAR_TAGS:
            line, col = _mark(node.start_mark)
            problems.append(Problem(shown, line + off, col, "yaml_tag", params={"tag": node.tag}))
            return node.value
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            # Dates stay text: the model checks them, with messages, and allows YYYY-MM.
            return node.value
        try:
            return _CONSTRUCTOR.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError, OverflowError):
            return node.value
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            line, col = _mark(node.start_mark)
            problems.append(Problem(shown, line + off, col, "yaml_tag", params={"tag": node.tag}))
        return [
            _convert(child, (*loc, i), pos, shown, problems, off)
            for i, child in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            line, col = _mark(node.start_mark)
            problems.append(Problem(shown, line + off, col, "yaml_tag", params={"tag": node.tag}))
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            kline, kcol = _mark(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(shown, kline + off, kcol, "yaml_complex_key"))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(shown, kline + off, kcol, "yaml_merge"))
                continue
            key = str(key_node.value)
            field_path = ".".join(str(x) for x in (*loc, key))
            if key in result:
                problems.append(
                    Problem(
                        shown,
                        kline + off,
                        kcol,
                        "duplicate_key",
                        field=field_path,
                        params={"key": key, "first_line": first_line[key] + off},
                    )
                )
                continue
            first_line[key] = kline
            pos.keys[(*loc, key)] = (kline, kcol)
            result[key] = _convert(value_node, (*loc, key), pos, shown, problems, off)
        return result
    return None  # pragma: no cover - PyYAML has no other node kinds
