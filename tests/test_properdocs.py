"""ProperDocs (the maintained continuation of MkDocs 1.x) builds the same site with this plugin unchanged:
every file is byte-identical but for the generator meta tag, which names the tool (tools/compare_builds.py;
CI runs it on the real handbook too)."""
from __future__ import annotations

import pytest

from compare_builds import differences

pytestmark = pytest.mark.build


def test_properdocs_builds_the_same_pages(project):
    count, differing = differences(project.root)
    assert count > 20 and differing == []
