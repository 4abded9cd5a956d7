"""The second process that writes the Traditional pages during a full build."""
from __future__ import annotations

from pathlib import Path

import pytest

from handbook.adapter.twins import TwinWriter, second_process


def test_pages_are_written_in_the_second_process(tmp_path: Path):
    def write(html: str, url: str, dest: str) -> None:
        (tmp_path / dest).write_text(html.upper() + url, "utf-8")

    writer = TwinWriter(write)
    for n in range(50):
        writer.put(f"page {n}", f"u{n}/", f"p{n}.html")
    writer.close()
    assert (tmp_path / "p49.html").read_text("utf-8") == "PAGE 49u49/"


def test_a_failure_in_the_second_process_fails_the_build_with_the_page(tmp_path: Path):
    def write(html: str, url: str, dest: str) -> None:
        if dest == "bad.html":
            raise ValueError("cannot convert")
        (tmp_path / dest).write_text(html, "utf-8")

    writer = TwinWriter(write)
    for dest in ("a.html", "bad.html", *(f"c{n}.html" for n in range(100))):  # more than the queue holds
        writer.put("x", "", dest)
    with pytest.raises(RuntimeError, match=r"bad\.html: ValueError: cannot convert"):
        writer.close()
    assert (tmp_path / "a.html").exists()


def test_one_process_when_asked(monkeypatch):
    monkeypatch.setenv("HANDBOOK_JOBS", "1")
    assert not second_process()
