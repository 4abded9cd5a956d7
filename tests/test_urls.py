"""Relative links between site pages: the fast path agrees with posixpath everywhere."""
import posixpath

from hypothesis import given
from hypothesis import strategies as st

from handbook.core.urls import relative_url

SEGMENT = st.sampled_from(["terms", "cases", "siyu", "a", "zh-Hant", "x"])
DIRS = st.lists(SEGMENT, max_size=3).map(lambda parts: "".join(p + "/" for p in parts))


def reference(target: str, page: str) -> str:
    rel = posixpath.relpath(target or ".", page.rstrip("/") or ".")
    return rel + "/" if (target.endswith("/") or not target) and not rel.endswith("/") else rel


@given(DIRS, DIRS)
def test_relative_url_between_directory_pages(target, page):
    assert posixpath.normpath(posixpath.join(page, relative_url(target, page))) == posixpath.normpath(page + reference(target, page))


@given(DIRS, st.sampled_from(["downloads/handbook.pdf", "assets/x.css"]))
def test_relative_url_to_files(page, target):
    assert posixpath.normpath(posixpath.join(page or ".", relative_url(target, page))) == target
