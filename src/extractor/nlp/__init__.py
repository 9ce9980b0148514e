"""The NLP stages: spaCy components and the rule families they run."""
