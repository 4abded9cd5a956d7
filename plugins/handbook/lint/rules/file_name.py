"""`terms/` 和 `cases/` 中只能直接放 `.md` 文件，否则它不会出现在网站上。

Pass::

    terms/siyu.md

Fail::

    terms/siyu.markdown
    terms/draft/siyu.md
"""
from handbook.core.problems import Level
from handbook.lint.rules._common import found_at_load

ID = "file-name"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True


def check(doc, ctx):
    return found_at_load(doc, ID)
