"""The checks the loader makes while reading a file, documented like lint rules.

`corpus.load` must decide, for every file, whether it can become an entry: that takes reading it
(`file-encoding`, `empty-file`), splitting and parsing its front matter (`front-matter`,
`yaml-syntax`, `duplicate-key`), checking where it lives (`file-name`) and validating it
(`schema`). The problems are recorded on the document as it is read; the linter reports them
under these rule ids, and the site's rules page documents them from here (summary line,
explanation, `Pass::` / `Fail::` examples, like a rule module's docstring).
"""
from __future__ import annotations

from dataclasses import dataclass

from handbook.core.problems import Level


@dataclass(frozen=True)
class LoaderCheck:
    """A check made while loading: its rule id, level and documentation."""

    id: str
    level: Level
    doc: str


CHECKS: tuple[LoaderCheck, ...] = (
    LoaderCheck("duplicate-key", Level.ERROR, """前置元数据中同一个键不能出现两次（YAML 会静默丢弃前一个值）。

Pass::

    title: 私域
    summary: 品牌可以反复、免费触达的用户关系。

Fail::

    title: 私域
    title: 私域流量
"""),
    LoaderCheck("empty-file", Level.ERROR, """文件不能为空。

空文件不会生成任何页面；用 `scripts/new term <id>` 生成模板再填写。

Pass::

    ---
    id: siyu
    ...
    ---

Fail::

    （0 字节的文件）
"""),
    LoaderCheck("file-encoding", Level.ERROR, """文件必须是 UTF-8 编码（不带 BOM），并且可以读取。

不是 UTF-8 的文件（如 GBK 另存的文件）无法正确显示；报告第一个无法解码的字节所在的行和列。

Pass::

    以 UTF-8 保存的文件

Fail::

    以 GBK 保存的文件：私域（0xcb 0xbd 0xd3 0xf2）
"""),
    LoaderCheck("file-name", Level.ERROR, """`terms/` 和 `cases/` 中只能直接放 `.md` 文件，否则它不会出现在网站上。

Pass::

    terms/siyu.md

Fail::

    terms/siyu.markdown
    terms/draft/siyu.md
"""),
    LoaderCheck("front-matter", Level.ERROR, """文件必须以 `---` 包起来的 YAML 前置元数据开头，且元数据是“键: 值”映射。

Pass::

    ---
    id: siyu
    title: 私域
    ---
    ## 释义

Fail::

    # 私域
    没有前置元数据的正文
"""),
    LoaderCheck("schema", Level.ERROR, """前置元数据必须符合术语或案例的 JSON Schema：必填字段、类型、取值、格式、未知字段。

每个错误单独报告，定位到出错的键或列表项，字段按 YAML 写法命名（如 `sources[0].url`）；
未知字段给出最接近的已知字段名。

Pass::

    id: siyu
    title: 私域
    category: 基础概念
    summary: 品牌能够反复、免费、直接触达并经营的用户关系总和。
    related: [gongyu-liuliang, chudian]
    sources:
      - {publisher: 见实, title: 私域流量运营词汇手册 1.0, date: "2021"}
    since: "1.0"

Fail::

    id: siyu
    titel: 私域
    category: 其他
    since: 1.0
"""),
    LoaderCheck("yaml-syntax", Level.ERROR, """前置元数据必须是合法的 YAML；报告解析器出错的行和列。

Pass::

    title: 私域
    aliases: [私域流量, 私域运营]

Fail::

    title: 私域
    aliases: [私域流量, 私域运营
"""),
)
