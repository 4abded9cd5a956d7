"""文件不能为空。

空文件不会生成任何页面；用 `scripts/new term <id>` 生成模板再填写。

Pass::

    ---
    id: siyu
    ...
    ---

Fail::

    （0 字节的文件）
"""
from handbook.core.problems import Level
from handbook.lint.rules._common import found_at_load

ID = "empty-file"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True


def check(doc, ctx):
    return found_at_load(doc, ID)
