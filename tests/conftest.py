"""Shared fixtures: throwaway projects and the context a lint rule needs."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import Project  # noqa: E402


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A small valid project (three terms, one case) in a temporary folder."""
    return Project(tmp_path)
