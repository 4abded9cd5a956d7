"""Static checks run with the tests: ruff (pyflakes, pycodestyle, bugbear, imports), mypy (strict on the
core), and the import-linter contracts that keep the layers pointing one way."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import REPO

BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)


def test_ruff_is_clean():
    result = _run(str(BIN / "ruff"), "check", "--no-cache", "plugins", "tests", "tools")
    assert result.returncode == 0, result.stdout[-4000:]


def test_mypy_is_clean():
    result = _run(str(BIN / "mypy"), "--cache-dir", str(REPO / ".cache" / "mypy"))
    assert result.returncode == 0, result.stdout[-4000:]


def test_import_contracts_hold():
    result = _run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout[-4000:]
    assert "broken" not in result.stdout.split("Contracts:")[-1].replace("0 broken", "")


def test_no_upward_imports():
    result = _run(sys.executable, "tools/imports.py")
    assert result.returncode == 0 and "upward imports: 0" in result.stdout, result.stdout
    assert "imports of MkDocs or Material outside the adapter: 0" in result.stdout
