"""The forked workers of a full build (Traditional pages, search index, share images)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from handbook.adapter.twins import Worker, second_process


class Pages:
    """A stand-in for the build: writes pages, remembers what it indexed, writes the index last."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.indexed: list[str] = []

    def write_twin(self, html: str, url: str, dest: str) -> None:
        if dest == "bad.html":
            raise ValueError("cannot convert")
        (self.folder / dest).write_text(f"{html.upper()}{url} {os.getpid()}", "utf-8")

    def index_page(self, url: str) -> None:
        self.indexed.append(url)

    def write_index(self) -> None:
        (self.folder / "index.txt").write_text(" ".join(self.indexed), "utf-8")


def test_calls_run_in_order_in_the_second_process_on_its_own_copy(tmp_path: Path):
    pages = Pages(tmp_path)
    worker = Worker(pages, "test-worker")
    for n in range(50):
        worker.call("write_twin", f"page {n}", f"u{n}/", f"p{n}.html")
        worker.call("index_page", f"u{n}/")
    worker.call("write_index")
    worker.close()
    text, pid = (tmp_path / "p49.html").read_text("utf-8").split(" ")[-2:]
    assert text == "49u49/" and int(pid) != os.getpid()
    assert (tmp_path / "index.txt").read_text("utf-8") == " ".join(f"u{n}/" for n in range(50))
    assert pages.indexed == []  # the worker indexed its forked copy, not this object


def test_a_failure_in_the_second_process_fails_the_build_with_the_page(tmp_path: Path):
    worker = Worker(Pages(tmp_path), "test-worker")
    for dest in ("a.html", "bad.html", *(f"c{n}.html" for n in range(100))):  # more than the queue holds
        worker.call("write_twin", "x", "", dest)
    with pytest.raises(RuntimeError, match=r"write_twin: bad\.html: ValueError: cannot convert"):
        worker.close()
    assert (tmp_path / "a.html").exists()
    assert not (tmp_path / "c0.html").exists()  # nothing after the failure


def test_one_process_when_asked(monkeypatch):
    monkeypatch.setenv("HANDBOOK_JOBS", "1")
    assert not second_process()
