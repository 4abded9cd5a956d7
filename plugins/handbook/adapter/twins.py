"""Work a full build hands to forked processes on the machine's other core.

MkDocs renders pages one after another in one process. Converting each rendered page into the other
script (`outputs.htmlconvert`), extracting the readers' search text, building the search index and
drawing share images are independent of that, so during a full build a forked worker runs them
while MkDocs renders the next pages. A `Worker` calls methods of its own (forked) copy of one object,
in the order they were sent. `close()` waits for the worker and raises its failure, so a build never
finishes with a page or an index missing; `abort()` stops it when the build failed.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Any


def second_process() -> bool:
    """A second process helps only with a second core, and `fork` (Linux, macOS) shares the loaded
    state; `HANDBOOK_JOBS=1` keeps the build in one process."""
    if os.environ.get("HANDBOOK_JOBS", "").strip() == "1":
        return False
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class Worker:
    """Calls methods of a forked copy of `target` in a second process, in order; a bounded queue
    keeps memory flat. Fork it before starting threads (the child gets only the forking thread)."""

    def __init__(self, target: object, name: str) -> None:
        context = multiprocessing.get_context("fork")
        self._calls: Any = context.Queue(maxsize=64)
        self._outcome: Any = context.Queue()
        self._process = context.Process(target=self._work, args=(target,), name=name, daemon=True)
        gc.freeze()  # the child's collector leaves the inherited objects alone: fewer copied pages
        try:
            self._process.start()
        finally:
            gc.unfreeze()

    def _work(self, target: object) -> None:
        error = None
        while (item := self._calls.get()) is not None:
            if error is None:  # after a failure, keep draining so the builder never blocks
                method, args = item
                try:
                    getattr(target, method)(*args)
                except Exception as err:
                    where = f"{args[-1]}: " if args and isinstance(args[-1], str) else ""
                    error = f"{method}: {where}{type(err).__name__}: {err}"
        self._outcome.put(error)

    def call(self, method: str, *args: Any) -> None:
        """Queue a call of `target.method(*args)` (arguments are pickled)."""
        self._calls.put((method, args))

    def close(self) -> None:
        """Wait until every queued call ran; raises RuntimeError when one failed."""
        self._calls.put(None)
        error = self._outcome.get()
        self._process.join()
        if error:
            raise RuntimeError(f"后台生成失败：{error}")

    def abort(self) -> None:
        """Stop the worker (the build failed)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
