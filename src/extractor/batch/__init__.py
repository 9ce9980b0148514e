"""Stage 7, write: a batch run, from input paths to ``events.jsonl``, ``documents.jsonl`` and
``errors.jsonl`` (EVENTS.md section 6).

The modules, in the order a run uses them: :mod:`.inputs` (discover, ``doc_id``),
:mod:`.chunks` (plan and key), :mod:`.engines` and :mod:`.worker` (process), :mod:`.store`
(parts and the three output files), :mod:`.progress`, and :mod:`.run`, which ties them.
"""

from __future__ import annotations

from extractor.batch.chunks import Chunk, ContentHashes, plan_chunks, run_fingerprint
from extractor.batch.engines import DASK_MISSING, run_dask, run_inline, run_pool
from extractor.batch.inputs import InputDocument, assign_doc_ids, discover_inputs, doc_id_for
from extractor.batch.run import BatchOptions, BatchSummary, check_options, run_batch
from extractor.batch.store import OUTPUT_FILES, PartStore
from extractor.batch.worker import (
    FAULT_ENV,
    ChunkOutput,
    ChunkTask,
    get_extractor,
    process_chunk,
)
from extractor.errors import ExtractorError

__all__ = [
    "DASK_MISSING",
    "FAULT_ENV",
    "OUTPUT_FILES",
    "BatchOptions",
    "BatchSummary",
    "Chunk",
    "ChunkOutput",
    "ChunkTask",
    "ContentHashes",
    "ExtractorError",
    "InputDocument",
    "PartStore",
    "assign_doc_ids",
    "check_options",
    "discover_inputs",
    "doc_id_for",
    "get_extractor",
    "plan_chunks",
    "process_chunk",
    "run_batch",
    "run_dask",
    "run_fingerprint",
    "run_inline",
    "run_pool",
]
