"""Shared fixtures: throwaway projects and the context a lint rule needs."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tools"))

from helpers import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A small valid project (three terms, one case) in a temporary folder."""
    return Project(tmp_path)


EPOCH = "1763856000"  # 2025-11-23, fixed so builds are comparable


def build_real_site(dest: Path, **env: str) -> Path:
    """Build the real handbook (both scripts and PDFs) into `dest`/site and return that folder."""
    import os
    import subprocess

    from helpers import REPO

    site = dest / "site"
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **env}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                            cwd=REPO, env=full_env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real handbook built once per test session (HANDBOOK_TEST_SITE=<folder> reuses a site
    already built from this tree, to iterate on the site tests without rebuilding)."""
    import os

    if os.environ.get("HANDBOOK_TEST_SITE"):
        return Path(os.environ["HANDBOOK_TEST_SITE"])
    return build_real_site(tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, driven by Playwright (for tests outside test_browser.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                          "--disable-background-networking", "--disable-component-update",
                                          "--disable-sync"])
        yield browser
        browser.close()
