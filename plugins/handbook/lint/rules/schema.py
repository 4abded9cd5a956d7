"""前置元数据必须符合术语或案例的 JSON Schema：必填字段、类型、取值、格式、未知字段。

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
"""
from handbook.core.problems import Level
from handbook.lint.rules._common import found_at_load

ID = "schema"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True


def check(doc, ctx):
    return found_at_load(doc, ID)
