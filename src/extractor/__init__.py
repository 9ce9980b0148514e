"""extractor: diplomatic press articles to validated event records.

The version is kept here and nowhere else: ``pyproject.toml`` reads it at build time
(``[tool.setuptools.dynamic]``), and the run records it in ``documents.jsonl``.
"""

__version__ = "0.1.0"
