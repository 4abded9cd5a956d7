"""前置元数据必须是合法的 YAML；报告解析器出错的行和列。

Pass::

    title: 私域
    aliases: [私域流量, 私域运营]

Fail::

    title: 私域
    aliases: [私域流量, 私域运营
"""
from handbook.core.problems import Level
from handbook.lint.rules._common import found_at_load

ID = "yaml-syntax"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True


def check(doc, ctx):
    return found_at_load(doc, ID)
