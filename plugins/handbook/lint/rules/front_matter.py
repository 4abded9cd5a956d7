"""文件必须以 `---` 包起来的 YAML 前置元数据开头，且元数据是“键: 值”映射。

Pass::

    ---
    id: siyu
    title: 私域
    ---
    ## 释义

Fail::

    # 私域
    没有前置元数据的正文
"""
from handbook.core.problems import Level
from handbook.lint.rules._common import found_at_load

ID = "front-matter"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True


def check(doc, ctx):
    return found_at_load(doc, ID)
