"""Print the import graph of the handbook package by layer, and every import that points upwards.

Usage: .venv/bin/python tools/imports.py [--modules]
Layers, top to bottom: tools > adapter > outputs | lint > markdown > core. An upward import is one from
a lower layer into a higher one (or between lint and outputs, which sit side by side). Uses grimp, the
import-graph library behind import-linter (the contracts themselves run in scripts/test).
"""
from __future__ import annotations

import sys
from collections import Counter

import grimp

LAYERS = {"tools": 4, "adapter": 3, "outputs": 2, "lint": 2, "markdown": 1, "core": 0}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "(package)"


def main(argv: list[str]) -> int:
    graph = grimp.build_graph("handbook", include_external_packages=True)
    edges: Counter[tuple[str, str]] = Counter()
    upward: list[tuple[str, str]] = []
    for importer in sorted(graph.modules):
        if not importer.startswith("handbook"):
            continue
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            source = layer(importer)
            target = layer(imported) if imported.startswith("handbook") else imported.split(".")[0]
            if source != target:
                edges[(source, target)] += 1
            if imported.startswith("handbook") and source in LAYERS and target in LAYERS:
                sideways = {source, target} == {"lint", "outputs"}
                if LAYERS[target] > LAYERS[source] or sideways:
                    upward.append((importer, imported))
    print("layer → layer (number of module imports)")
    for (source, target), count in sorted(edges.items()):
        if target in LAYERS or target in ("mkdocs", "material"):
            print(f"  {source:9} → {target:9} {count}")
    print(f"\nimports of MkDocs or Material outside the adapter: "
          f"{sum(c for (s, t), c in edges.items() if t in ('mkdocs', 'material') and s != 'adapter')}")
    print(f"upward imports: {len(upward)}")
    for importer, imported in upward:
        print(f"  {importer} → {imported}")
    return 1 if upward else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
