"""extractor: diplomatic press articles to validated event records."""
__version__ = "0.1.0"
