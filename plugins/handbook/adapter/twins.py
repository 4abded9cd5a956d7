"""The Traditional twins of rendered pages, written by a second process on the machine's other core.

MkDocs renders pages one after another in one process; converting each rendered page into the other
script (`outputs.htmlconvert`) is independent work, so during a full build a forked worker converts and
writes them while MkDocs renders the next pages. `close()` waits for the worker and raises its failure,
so a build never finishes with a Traditional page missing; `abort()` stops it when the build failed.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any

Write = Callable[[str, str, str], None]
"""(rendered HTML, page URL, destination path) → writes the twin page."""


def second_process() -> bool:
    """A second process helps only with a second core, and `fork` (Linux, macOS) shares the loaded
    converter; `HANDBOOK_JOBS=1` keeps the build in one process."""
    if os.environ.get("HANDBOOK_JOBS", "").strip() == "1":
        return False
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class TwinWriter:
    """Writes twin pages in a forked worker; pages are queued in order, a bounded queue keeps memory flat."""

    def __init__(self, write: Write) -> None:
        context = multiprocessing.get_context("fork")
        self._pages: Any = context.Queue(maxsize=32)
        self._outcome: Any = context.Queue()
        self._process = context.Process(target=self._work, args=(write,), name="handbook-zh-Hant", daemon=True)
        self._process.start()

    def _work(self, write: Write) -> None:
        error = None
        while (item := self._pages.get()) is not None:
            if error is None:  # after a failure, keep draining so the builder never blocks
                try:
                    write(*item)
                except Exception as err:
                    error = f"{item[2]}: {type(err).__name__}: {err}"
        self._outcome.put(error)

    def put(self, html: str, url: str, dest_path: str) -> None:
        """Queue one rendered page."""
        self._pages.put((html, url, dest_path))

    def close(self) -> None:
        """Wait until every queued page is written; raises RuntimeError when one failed."""
        self._pages.put(None)
        error = self._outcome.get()
        self._process.join()
        if error:
            raise RuntimeError(f"繁体页面生成失败：{error}")

    def abort(self) -> None:
        """Stop the worker (the build failed)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
