"""Build into a sibling temporary folder; replace the real site only when everything worked."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class Staging:
    """Build into a sibling temporary folder; replace the real site only when everything worked."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))

    def commit(self) -> None:
        """Swap the finished build in place of the old site (two renames); the old one is deleted
        by a detached process (tens of thousands of files at 10,000 terms: seconds the build need
        not wait for), together with any an interrupted build left behind."""
        if self.site_dir.exists():
            old = self.site_dir.with_name(f".{self.site_dir.name}-old-{os.getpid()}")
            shutil.rmtree(old, ignore_errors=True)
            self.site_dir.rename(old)
        self.path.chmod(0o755)
        self.path.rename(self.site_dir)
        leftovers = [str(p) for p in self.site_dir.parent.glob(f".{self.site_dir.name}-old-*")]
        if leftovers:
            try:
                subprocess.Popen(["rm", "-rf", "--", *leftovers], start_new_session=True, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except OSError:  # no `rm`: delete them here
                for path in leftovers:
                    shutil.rmtree(path, ignore_errors=True)

    def abandon(self) -> None:
        """Remove the half-built folder; the previous site stays as it was."""
        shutil.rmtree(self.path, ignore_errors=True)
