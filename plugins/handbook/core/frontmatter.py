"""Split a source file into YAML front matter and Markdown body, keeping line numbers.

Parsing never raises: bytes that are not UTF-8, a missing or unclosed front matter block, broken
YAML and duplicate keys become `Problem`s on the returned `Document`, located in the file.
Every key and list item of the front matter keeps its line and column (`Document.locate`), so
schema errors and lint rules can point at the offending line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from handbook.core.problems import Level, Problem

Path_ = tuple[str | int, ...]
"""A field path inside the front matter, e.g. `("sources", 0, "url")`."""


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Safe YAML with dates kept as strings (`date: 2022-05` and `2022-05-01` read alike)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# PyYAML's English problem texts, in the handbook's language.
_YAML_PROBLEMS = {
    "mapping values are not allowed": "此处不能出现键值（值里有冒号时请加引号，或检查缩进）",
    "found a tab character": "YAML 中不能用制表符缩进",
    "did not find expected ',' or ']'": "方括号列表没有闭合（缺少 ] 或逗号）",
    "did not find expected ',' or '}'": "花括号映射没有闭合（缺少 } 或逗号）",
    "could not find expected ':'": "缺少冒号 `:`",
    "did not find expected key": "找不到应有的键（缩进不一致？）",
    "did not find expected '-' indicator": "列表项缺少 `-`（缩进不一致？）",
    "found character '\\t' that cannot start any token": "YAML 中不能用制表符缩进",
    "found unexpected end of stream": "引号或括号没有闭合",
    "found undefined alias": "引用了未定义的锚点",
    "expected ',' or ']', but got": "方括号列表没有闭合",
    "expected ',' or '}', but got": "花括号映射没有闭合",
    "found unknown escape character": "双引号字符串中有未知的转义字符",
    "found unexpected ':'": "出现了多余的冒号",
    "expected alphabetic or numeric character, but found": "锚点或别名名称无效",
    "while scanning a quoted scalar": "引号没有闭合",
}


@dataclass
class Document:
    """One source file after splitting and YAML parsing; `data` is None when it could not be read."""

    path: str
    kind: str
    text: str = ""
    data: dict[str, Any] | None = None
    body: str = ""
    body_line: int = 1
    fm_line: int = 1
    fm_end_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    locations: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_order: dict[Path_, list[str]] = field(default_factory=dict)

    def locate(self, path: Path_) -> tuple[int, int]:
        """Line and column of a field path, or of its closest located ancestor."""
        path = tuple(path)
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path[:-1]
        return self.locations.get((), (self.fm_line, 1))

    def problem(self, rule: str, level: Level, message: str, hint: str = "", *,
                line: int | None = None, col: int = 1, at: Path_ | None = None,
                fixable: bool = False) -> Problem:
        """A problem in this file, located at an explicit line or at a front matter field path."""
        if at is not None:
            line, col = self.locate(at)
        return Problem(self.path, line or 1, col, rule, level, message, hint, fixable)


def field_path(path: Path_) -> str:
    """A field path the way an editor reads YAML: `sources[0].url`, `aliases[1]`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "（根）"


def decode(raw: bytes, doc: Document) -> str | None:
    """UTF-8 text with normalised newlines, or None with a `file-encoding` problem."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        doc.problems.append(doc.problem(
            "file-encoding", Level.ERROR,
            f"文件不是 UTF-8 编码（第 {err.start + 1} 个字节 0x{raw[err.start]:02x} 无法解码）",
            "用编辑器以 UTF-8 重新保存", line=line, col=col))
        return None
    if text.startswith("\ufeff"):
        doc.problems.append(doc.problem("file-encoding", Level.WARNING, "文件开头有 BOM（U+FEFF）",
                                        "以不带 BOM 的 UTF-8 保存", line=1, fixable=False))
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(path: str, raw: bytes, kind: str) -> Document:
    """Parse one source file; problems are collected on the document, never raised."""
    doc = Document(path=path, kind=kind)
    text = decode(raw, doc)
    if text is None:
        return doc
    doc.text = text
    if not text.strip():
        doc.problems.append(doc.problem("empty-file", Level.ERROR, "文件是空的",
                                        f"用 scripts/new {kind} <id> 生成模板再填写", line=1))
        return doc
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        doc.problems.append(doc.problem("front-matter", Level.ERROR, "文件必须以前置元数据开头（第一行是 ---）",
                                        "在文件开头加上 --- 包起来的 YAML 元数据", line=1))
        return doc
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        doc.problems.append(doc.problem("front-matter", Level.ERROR, "前置元数据没有结束行 ---",
                                        "在元数据之后、正文之前加一行 ---", line=1))
        return doc
    doc.fm_line, doc.fm_end_line = 2, end + 1
    doc.body = "\n".join(lines[end + 1 :])
    doc.body_line = end + 2
    yaml_text = "\n".join(lines[1:end])
    node = _compose(yaml_text, doc)
    if node is None:
        return doc
    if not isinstance(node, yaml.MappingNode):
        doc.problems.append(doc.problem("front-matter", Level.ERROR, "前置元数据必须是“键: 值”形式的映射",
                                        "参照 scripts/new 生成的模板", line=2))
        return doc
    _index(node, (), doc, offset=1)
    try:
        loader = _Loader("")
        data = loader.construct_document(node)
        loader.dispose()
    except yaml.YAMLError as err:  # e.g. a tag the safe loader refuses
        _yaml_problem(err, doc)
        return doc
    doc.data = data
    return doc


def _compose(yaml_text: str, doc: Document) -> yaml.Node | None:
    """The YAML node tree (with marks) of the front matter, or None with a `yaml-syntax` problem."""
    if not yaml_text.strip():
        doc.problems.append(doc.problem("front-matter", Level.ERROR, "前置元数据是空的",
                                        "至少需要 id、title 等必填字段", line=1))
        return None
    try:
        loader = _Loader(yaml_text)
        try:
            node: yaml.Node | None = loader.get_single_node()
            return node
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        _yaml_problem(err, doc)
        return None


_OPENED_AT_CONTEXT = ("while parsing a flow sequence", "while parsing a flow mapping",
                      "while scanning a quoted scalar", "while scanning a double-quoted scalar",
                      "while scanning a single-quoted scalar")
"""Errors about a construct that never closes: PyYAML's problem mark is where it gave up (often the
next line), its context mark where the bracket or quote was opened — the place to fix."""


def _yaml_problem(err: yaml.YAMLError, doc: Document) -> None:
    problem = (getattr(err, "problem", None) or str(err)).strip()
    context = (getattr(err, "context", None) or "").strip()
    problem_mark, context_mark = getattr(err, "problem_mark", None), getattr(err, "context_mark", None)
    opened = context_mark is not None and context.startswith(_OPENED_AT_CONTEXT)
    mark = context_mark if opened else problem_mark or context_mark
    line, col = (mark.line + 2, mark.column + 1) if mark is not None else (doc.fm_line, 1)
    zh = next((v for k, v in _YAML_PROBLEMS.items() if problem.startswith(k) or context.startswith(k)), None)
    message = f"YAML 语法错误：{zh}" if zh else f"YAML 语法错误：{problem}"
    hint = "检查该行及上一行的冒号、引号和缩进"
    lines = doc.text.split("\n")
    quoted = _unbalanced_quote(lines[1:line], first_line=2)
    if quoted is not None and quoted < line:  # the cause is the quote opened earlier, not where the parser stopped
        message = "YAML 语法错误：引号没有闭合"
        hint = f"在这一行补上右引号（解析器到第 {line} 行才发现问题）"
        line, col = quoted, _quote_column(lines[quoted - 1])
    doc.problems.append(doc.problem("yaml-syntax", Level.ERROR, message, hint, line=line, col=col))


def _quote_column(text: str) -> int:
    """1-based column of the double quote that is left open on a line."""
    cols = [i for i, ch in enumerate(text) if ch == '"' and (i == 0 or text[i - 1] != "\\")]
    return (cols[-1] if cols else 0) + 1


def _unbalanced_quote(lines: list[str], first_line: int) -> int | None:
    """The first line with an odd number of double quotes (an unclosed string), if any."""
    for n, text in enumerate(lines, start=first_line):
        if text.replace('\\"', "").count('"') % 2:
            return n
    return None


def _index(node: yaml.Node, path: Path_, doc: Document, offset: int) -> None:
    """Record the line/column of every key and item; report duplicate keys."""
    doc.locations.setdefault(path, (node.start_mark.line + offset + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        order: list[str] = []
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line, col = key_node.start_mark.line + offset + 1, key_node.start_mark.column + 1
            if key in seen:
                doc.problems.append(doc.problem(
                    "duplicate-key", Level.ERROR, f"键 `{field_path(path + (key,))}` 重复出现（第一次在第 {seen[key]} 行）",
                    "删除其中一个；YAML 只会保留后一个值", line=line, col=col))
                continue
            seen[key] = line
            order.append(key)
            doc.locations[path + (key,)] = (line, col)
            _index(value_node, path + (key,), doc, offset)
        doc.key_order[path] = order
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, path + (i,), doc, offset)


def split_source(text: str) -> tuple[str, str]:
    """Raw file text cut into (front matter block including both `---` lines, body), unparsed.

    Fixers rewrite only one side and join them back, so YAML is never re-serialised.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return "", text
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[: i + 1]) + "\n", "\n".join(lines[i + 1 :])
    return "", text
