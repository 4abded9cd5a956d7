"""Builders for throwaway handbook projects used across the tests."""
from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def current_edition() -> str:
    """The edition a plain build makes: `plugins: handbook: edition` in the real mkdocs.yml."""
    from handbook.core import settings

    return settings.read(REPO / "mkdocs.yml").edition

BODY_TERM = """## 释义

这是一个用于测试的术语，说明它是什么。

## 实践要点

1. 第一步先做准备。
2. 第二步再做执行。
"""

BODY_CASE = """## 背景

某品牌在 2022 年开始做私域。

## 做法

1. 先建群。

## 成效

2022 年第二季度，三个月里用户增长到 5 万人。
"""


def term_text(ident: str, title: str, related: list[str] | None = None, *, body: str = BODY_TERM,
              **fields: object) -> str:
    """A valid term file (overridable fields; `None` removes a field)."""
    data: dict[str, object] = {
        "id": ident, "title": title, "category": "基础概念",
        "summary": f"{title}是一个用于测试的术语。",
        "related": related if related is not None else [],
        "sources": [{"publisher": "见实", "title": "见实私域流量运营词汇手册", "date": "2020"}],
        "since": "1.0",
    }
    data.update(fields)
    data = {k: v for k, v in data.items() if v is not None}
    from handbook.core.schema import key_order

    order = key_order("term")
    data = dict(sorted(data.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def case_text(ident: str, terms: list[str], *, body: str = BODY_CASE, **fields: object) -> str:
    """A valid case file."""
    data: dict[str, object] = {
        "id": ident, "title": "某品牌的私域试点", "brand": "某品牌", "industry": "零售",
        "period": "2022 年", "summary": "某品牌用三个月把私域用户做到 5 万人。", "terms": terms,
        "metrics": [{"label": "私域用户", "figure": 5, "unit": "万人", "period": "2022 年", "source": "见实"}],
        "sources": [{"publisher": "见实", "title": "见实私域流量运营词汇手册", "date": "2020"}],
        "since": "1.0",
    }
    data.update(fields)
    data = {k: v for k, v in data.items() if v is not None}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


MKDOCS_YML = """site_name: 测试手册
site_url: https://handbook.example.org/
docs_dir: docs
theme:
  name: material
  language: zh-Hans
  font: false
  features: [content.tooltips]
plugins:
  - handbook:
      edition: "1.1"        # scripts/build --edition X (HANDBOOK_EDITION) builds an earlier one
      editions: ["1.0", "1.1"]
      pdf: false
markdown_extensions:
  - attr_list
  - admonition
  - tables
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}
  - pymdownx.superfences
validation:
  nav:
    omitted_files: ignore
nav:
  - 首页: index.md
  - 术语索引: terms/index.md
  - 案例: cases/index.md
"""


class Project:
    """A small handbook project in a temporary folder: three linked terms and one case."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "docs").mkdir(parents=True, exist_ok=True)
        (root / "terms").mkdir(exist_ok=True)
        (root / "cases").mkdir(exist_ok=True)
        (root / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
        (root / "docs" / "index.md").write_text("# 测试手册\n\n这里是首页，提到私域和触点。\n", "utf-8")
        self.write("terms/siyu.md", term_text("siyu", "私域", ["chudian", "shequn"], aliases=["私域流量"]))
        self.write("terms/chudian.md", term_text("chudian", "触点", ["siyu", "shequn"]))
        self.write("terms/shequn.md", term_text("shequn", "社群", ["siyu", "chudian"]))
        self.write("cases/pinpai.md", case_text("pinpai", ["siyu", "chudian", "shequn"]))

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, "utf-8")
        return path

    def lint(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the linter as editors do; returns the finished process."""
        return subprocess.run([sys.executable, "-m", "handbook.lint.cli", "--root", str(self.root), *args],
                              capture_output=True, text=True, cwd=self.root)

    def env(self, **extra: str) -> dict[str, str]:
        """The environment builds of this project run in (reproducible dates, no MkDocs 2 banner)."""
        import os

        return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **extra}

    def build(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """`mkdocs build` in the project (the plugin does both variants)."""
        full_env = self.env(**(env or {}))
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], capture_output=True, text=True,
                              cwd=self.root, env=full_env)

    def copy_real_table(self) -> None:
        shutil.copy(REPO / "conversions.yml", self.root / "conversions.yml")


def problems(project: Project, rule: str | None = None, path: str | None = None):
    """Lint the project in-process; problems of one rule and/or one file."""
    from handbook.core import corpus as corpus_mod
    from handbook.core.settings import read
    from handbook.lint.context import Context
    from handbook.lint.runner import run

    ctx = Context(corpus_mod.load(project.root), read(project.root / "mkdocs.yml"), project.root)
    return [p for p in run(ctx) if (rule is None or p.rule == rule) and (path is None or p.path == path)]


def at(found, rule: str | None = None) -> list[tuple[str, int, int]]:
    """(path, line, col) of problems, for compact assertions."""
    return [(p.path, p.line, p.col) for p in found if rule is None or p.rule == rule]


VALID_TERM = """---
id: x
title: 某术语
category: 基础概念
summary: 某术语是一个用于测试的术语。
related: [siyu, chudian]
sources:
  - {publisher: 见实, title: 手册,
     date: "2021"}
since: "1.0"
---
## 释义

说明这个术语。

## 实践要点

说明怎么做。
"""
"""A valid term `terms/x.md` with known line numbers: id on line 2, summary 5, body from 12."""


def with_lines(text: str, **replace: str) -> str:
    """VALID_TERM-like text with whole lines replaced: `with_lines(t, l5="summary: …")`."""
    lines = text.split("\n")
    for key, value in replace.items():
        lines[int(key[1:]) - 1] = value
    return "\n".join(lines)


def real_variant(code: str):
    """The real handbook's converter for a script (its settings and conversion table); made once per
    script and `HANDBOOK_*` environment (loading the table takes ~0.15 s, and tests convert often)."""
    import os

    return _real_variant(code, tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("HANDBOOK_"))))


@functools.lru_cache(maxsize=16)
def _real_variant(code: str, env: tuple[tuple[str, str], ...]):
    from handbook.core.model import Corpus
    from handbook.core.project import Project
    from handbook.core.settings import read

    return Project.of(REPO, read(REPO / "mkdocs.yml"), Corpus()).variant(code)
