"""Build into a sibling temporary folder; replace the real site only when everything worked."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class Staging:
    """Build into a sibling temporary folder; replace the real site only when everything worked."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))

    def commit(self) -> None:
        """Swap the finished build in place of the old site (two renames), then drop the old one."""
        old = None
        if self.site_dir.exists():
            old = self.site_dir.with_name(f".{self.site_dir.name}-old-{os.getpid()}")
            self.site_dir.rename(old)
        self.path.chmod(0o755)
        self.path.rename(self.site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        """Remove the half-built folder; the previous site stays as it was."""
        shutil.rmtree(self.path, ignore_errors=True)
