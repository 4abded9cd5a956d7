"""文件必须是 UTF-8 编码（不带 BOM），并且可以读取。

不是 UTF-8 的文件（如 GBK 另存的文件）无法正确显示；报告第一个无法解码的字节所在的行和列。

Pass::

    以 UTF-8 保存的文件

Fail::

    以 GBK 保存的文件：私域（0xcb 0xbd 0xd3 0xf2）
"""
from handbook.core.problems import Level
from handbook.lint.rules._common import found_at_load

ID = "file-encoding"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True


def check(doc, ctx):
    return found_at_load(doc, ID)
