"""The private-domain operations handbook toolchain.

Pure-Python core (model, loader, linter, linking, variants, printing, exports) plus one MkDocs
adapter (`plugin.py`, `config.py`); see DESIGN.md for the contracts.
"""
