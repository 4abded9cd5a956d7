"""前置元数据中同一个键不能出现两次（YAML 会静默丢弃前一个值）。

Pass::

    title: 私域
    summary: 品牌可以反复、免费触达的用户关系。

Fail::

    title: 私域
    title: 私域流量
"""
from handbook.core.problems import Level
from handbook.lint.rules._common import found_at_load

ID = "duplicate-key"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True


def check(doc, ctx):
    return found_at_load(doc, ID)
