"""The mike flow in a temporary git repository: 1.0 and 1.1 deployed, each browsable with its PDFs."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import Project, term_text

pytestmark = pytest.mark.build


def git(root, *args):
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def test_publish_two_editions_with_mike(tmp_path):
    project = Project(tmp_path)
    mkdocs = (tmp_path / "mkdocs.yml").read_text("utf-8").replace("pdf: false", "pdf: true")
    (tmp_path / "mkdocs.yml").write_text(mkdocs, "utf-8")
    project.write("terms/xinci.md", term_text("xinci", "新词", ["siyu", "shequn"], since="1.1"))
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "editor@example.org")
    git(tmp_path, "config", "user.name", "Editor")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "content")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    for args in (["1.0"], ["1.1", "--latest"]):
        result = subprocess.run([sys.executable, "-m", "handbook.tools.publish", *args], cwd=tmp_path, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-3000:]
    files = set(git(tmp_path, "ls-tree", "-r", "--name-only", "gh-pages").split())
    for edition, terms in (("1.0", {"siyu", "chudian", "shequn"}), ("1.1", {"siyu", "chudian", "shequn", "xinci"})):
        for prefix in ("", "zh-Hant/"):
            assert f"{edition}/{prefix}index.html" in files
            present = {t for t in terms | {"xinci"} if f"{edition}/{prefix}terms/{t}/index.html" in files}
            assert present == terms, (edition, prefix, present)
        for script in ("zh-Hans", "zh-Hant"):
            assert f"{edition}/downloads/handbook-{edition}-{script}.pdf" in files
        assert f"{edition}/versions.json" in files  # read by the zh-Hant selector as ../versions.json
    versions = json.loads(git(tmp_path, "show", "gh-pages:versions.json"))
    assert {v["version"]: v["aliases"] for v in versions} == {"1.1": ["latest"], "1.0": []}
    assert "latest" in git(tmp_path, "show", "gh-pages:index.html")  # the default redirect
    assert '"provider": "mike"' in git(tmp_path, "show", "gh-pages:1.1/index.html")
    hant = git(tmp_path, "show", "gh-pages:1.1/zh-Hant/index.html")
    assert "assets/javascripts/hb-versions.js" in hant and '"provider": "mike"' not in hant
    assert "1.1/assets/javascripts/hb-versions.js" in files  # one copy of the assets serves both scripts
    changelog = git(tmp_path, "show", "gh-pages:1.0/changelog/index.html")
    assert "新词" not in changelog  # 1.0 knows nothing of 1.1


@pytest.mark.browser
def test_published_editions_are_browsable_with_an_edition_switch(tmp_path, chromium):
    """Serve the gh-pages branch as a web host would and switch editions in both scripts."""
    test_publish_two_editions_with_mike(tmp_path)
    served = tmp_path / "served"
    served.mkdir()
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=tmp_path, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(served)], input=archive, check=True)
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(served)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host = f"http://127.0.0.1:{httpd.server_address[1]}"
    page = chromium.new_page()
    try:
        page.goto(f"{host}/1.1/zh-Hant/terms/siyu/")
        links = page.locator(".md-version__link")
        links.first.wait_for(state="attached", timeout=10000)
        hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert any(h.endswith("/1.0/zh-Hant/terms/siyu/") for h in hrefs), hrefs
        page.goto(hrefs[-1] if hrefs[-1].startswith("http") else host + hrefs[-1])
        assert page.locator("html").get_attribute("lang") == "zh-Hant"
        page.goto(f"{host}/1.0/terms/siyu/")
        page.locator(".md-version__link").first.wait_for(state="attached", timeout=10000)
        assert page.request.get(f"{host}/latest/downloads/handbook-1.1-zh-Hant.pdf").body()[:5] == b"%PDF-"
        assert page.request.get(f"{host}/1.0/downloads/handbook-1.0-zh-Hans.pdf").body()[:5] == b"%PDF-"
    finally:
        page.close()
        httpd.shutdown()
