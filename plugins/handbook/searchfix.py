"""Two small fixes to Material's search worker for Chinese queries.

1. Material 9.x segments a Chinese query greedily against the tokens of the search index, but its
   loop (`for (j = i + 1; j < query.length; j++)`) never tries the whole query as one token, so a
   reader typing 企业微信 gets 企业 + 微 and loses the last character. The build's jieba
   dictionary makes every title and alias one token; letting the loop reach the end of the query
   lets those tokens match.
2. Every segment is then searched with a trailing wildcard only, so 私域* scores every page whose
   title holds several 私域… tokens above the page titled 私域. Each segment is also searched
   exactly, boosted (`私域^100 私域*`), so an exact title wins and prefixes still match.
"""
from __future__ import annotations

import re

_LOOP = re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")
_JOIN = re.compile(r"\[\.\.\.(\w+)\((\w+),this\.index\.invertedIndex\)\]\.join\(\"\* \"\)")
EXACT_BOOST = 100
WORKER = re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")


def patch_worker(js: str) -> str | None:
    """The worker with both fixes, or None when Material's code no longer has these shapes."""
    js, loops = _LOOP.subn(lambda m: m.group(0).replace(f"{m.group(1)}<", f"{m.group(1)}<=", 1), js)
    js, joins = _JOIN.subn(lambda m: m.group(0).replace(
        ".join(", f'.map(hbSegment=>hbSegment+"^{EXACT_BOOST} "+hbSegment).join(', 1), js)
    return js if loops == 1 and joins == 1 else None
