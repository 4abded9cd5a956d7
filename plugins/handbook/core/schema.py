"""JSON Schemas (draft 2020-12) for terms and cases, and their errors as located Chinese problems.

Every schema error becomes one `Problem` at the line of the offending key or list item, naming
the field the way an editor reads YAML (`sources[0].url`) and, for unknown keys, suggesting the
closest known one.
"""
from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any, cast

from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

from handbook.core.frontmatter import Document, Path_, field_path
from handbook.core.problems import Level, Problem

KINDS = ("term", "case")

_TYPE_NAMES = {"string": "字符串", "array": "列表", "object": "映射", "integer": "整数",
               "number": "数字", "boolean": "布尔值（true/false）", "null": "空值"}


@cache
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of `kind` ("term" or "case"), as shipped in `schemas/`."""
    text = resources.files(__package__).joinpath("schemas", f"{kind}.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def validator(kind: str) -> Draft202012Validator:
    """A reusable validator on the schema with every `$ref` inlined (resolving references per
    document was most of the linter's time on a large corpus)."""
    registry = Registry().with_resources(
        (schema(k)["$id"], Resource.from_contents(schema(k))) for k in KINDS)
    return Draft202012Validator(_inline(schema(kind), schema(kind)), registry=registry)


def _inline(node: Any, root: dict[str, Any]) -> Any:
    """A copy of `node` with `$ref`s to `#/$defs/…` (of this or the term schema) replaced by their target."""
    if isinstance(node, list):
        return [_inline(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        base, _, pointer = ref.partition("#")
        target_root = root if not base else next(schema(k) for k in KINDS if schema(k)["$id"] == base)
        target: Any = target_root
        for part in pointer.strip("/").split("/"):
            target = target[part]
        merged = {**_inline(target, target_root), **{k: v for k, v in node.items() if k != "$ref"}}
        return merged
    return {k: (v if k == "$defs" else _inline(v, root)) for k, v in node.items()}


def key_order(kind: str) -> list[str]:
    """The canonical order of top-level keys: the order of the schema's properties."""
    return list(schema(kind)["properties"])


def check(doc: Document) -> Iterator[Problem]:
    """Every schema error of a parsed document, located and explained."""
    if doc.data is None or validator(doc.kind).is_valid(doc.data):
        return
    errors = sorted(validator(doc.kind).iter_errors(doc.data),
                    key=lambda e: (doc.locate(tuple(e.absolute_path)), e.validator))
    for error in errors:
        yield from _explain(error, doc)


def _actual(value: Any) -> str:
    if isinstance(value, bool):
        return "布尔值"
    for name, types in (("字符串", str), ("整数", int), ("数字", float), ("列表", list), ("映射", dict)):
        if isinstance(value, types):
            return name
    return "空值" if value is None else type(value).__name__


def _explain(error: ValidationError, doc: Document) -> Iterator[Problem]:
    path: Path_ = tuple(error.absolute_path)
    name = f"`{field_path(path)}`"
    kind, value, spec = str(error.validator), cast(Any, error.instance), cast(Any, error.validator_value)
    sch: dict[str, Any] = dict(error.schema) if isinstance(error.schema, Mapping) else {}
    desc = sch.get("description", "")

    def at(message: str, hint: str = "", where: Path_ = path) -> Problem:
        return doc.problem("schema", Level.ERROR, message, hint, at=where)

    if kind == "additionalProperties":
        known = list(sch.get("properties", {}))
        for key in sorted(set(value) - set(known), key=lambda k: doc.locate(path + (k,))):
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            hint = f"是不是 `{close[0]}`？" if close else "可用的字段：" + "、".join(known)
            yield at(f"未知字段 `{field_path(path + (key,))}`", hint, path + (key,))
    elif kind == "required":
        present = set(value) if isinstance(value, dict) else set()
        for key in [k for k in spec if k not in present]:
            prop = sch.get("properties", {}).get(key, {})
            hint = prop.get("description", "") if isinstance(prop, dict) else ""
            where = "前置元数据" if not path else name
            yield at(f"{where}缺少必填字段 `{key}`", hint)
    elif kind == "type":
        wanted = "或".join(_TYPE_NAMES.get(t, t) for t in ([spec] if isinstance(spec, str) else spec))
        hint = "版次要加引号，如 \"1.0\"" if path and path[-1] in ("since", "removed_in", "edition") else desc
        yield at(f"字段 {name} 应为{wanted}，实际是{_actual(value)}", hint)
    elif kind == "enum":
        yield at(f"字段 {name} 的值 “{value}” 不在允许范围内", "可选：" + "、".join(map(str, spec)))
    elif kind == "pattern":
        yield at(f"字段 {name} 的值 “{value}” 格式不对", _pattern_hint(spec) or desc)
    elif kind in ("minLength", "maxLength"):
        word = "至少" if kind == "minLength" else "至多"
        yield at(f"字段 {name} 长度为 {len(value)} 字，应{word} {spec} 字", desc)
    elif kind in ("minItems", "maxItems"):
        word = "至少" if kind == "minItems" else "至多"
        yield at(f"列表 {name} 有 {len(value)} 项，应{word} {spec} 项", desc)
    elif kind == "anyOf" and all(set(alt) == {"required"} for alt in spec):
        options = "或".join(f"`{alt['required'][0]}`" for alt in spec)
        hint = "出处要写原文的准确标题 title；确实无法确认标题时，不写 title，改写 note 说明" if path and "sources" in path else desc
        yield at(f"{name} 需要 {options} 之一", hint)
    elif kind == "uniqueItems":
        seen: set[str] = set()
        for i, item in enumerate(value):
            marker = json.dumps(item, sort_keys=True, ensure_ascii=False)
            if marker in seen:
                yield at(f"列表 {name} 中的 “{item}” 重复", "删除重复项", path + (i,))
            seen.add(marker)
    elif kind in ("minimum", "maximum"):
        word = "不小于" if kind == "minimum" else "不大于"
        yield at(f"字段 {name} 的值 {value} 应{word} {spec}", desc)
    else:
        yield at(f"字段 {name} 不符合要求：{error.message}", desc)


_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "只用小写字母、数字和连字符，如 siyu-liuliang",
    "^https?://[^\\s]+$": "必须是 http:// 或 https:// 开头的完整网址，不含空格",
    "^[1-9][0-9]*\\.[0-9]+$": "写作 \"1.0\" 这样带引号的版次",
    "^\\S(.*\\S)?$": "去掉首尾空格",
    "^[\\x20-\\x7E]+$": "只用半角英文字母、数字和符号",
}


def _pattern_hint(pattern: str) -> str:
    if pattern.startswith("^(19|20)"):
        return "写作 2022、2022-05 或 2022-05-01"
    if pattern.startswith("^[a-zü]"):
        return "小写拼音，音节间以空格分隔，可带声调数字，如 \"chong2 gou4\""
    return _PATTERN_HINTS.get(pattern, "")
