"""The architecture holds: only the MkDocs adapter imports MkDocs."""
import pkgutil
import subprocess
import sys

import handbook


def test_core_modules_import_without_mkdocs():
    modules = sorted(m.name for m in pkgutil.walk_packages(handbook.__path__, prefix="handbook.") if not m.ispkg)
    assert "handbook.lint.rules.raw_html" in modules and "handbook.markdown.linking" in modules
    core = [m for m in modules if not m.startswith(("handbook.adapter", "handbook.tools"))]
    code = ("import sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'mkdocs' or name.startswith('mkdocs.') or name.startswith('material'):\n"
            "            raise ImportError('core module imported ' + name)\n"
            "sys.meta_path.insert(0, Block())\n"
            f"for m in {core!r}:\n"
            "    __import__(m)\n"
            "print(len(sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(core) > 25
