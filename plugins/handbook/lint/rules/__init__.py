"""One module per lint rule. Each module defines:

- `ID`: stable kebab-case rule id; `LEVEL`: `Level.ERROR` or `Level.WARNING`;
- `SCOPE`: "file" (`check(doc, ctx)` per document) or "corpus" (`check(ctx)` once);
- `BUILD`: True when the site build must also fail on it (the content would be wrong or lost);
- a docstring: one line of summary, an explanation, and `Pass::` / `Fail::` examples
  (rendered on the site's rules page and exercised by the tests);
- optionally `fix(text, ctx) -> str` for the safe, mechanical rules (rewrites the file text).
"""
