"""A batch run, from input paths to ``events.jsonl``, ``documents.jsonl`` and ``errors.jsonl``.

It reads top to bottom: discover the inputs and their ids (:mod:`.inputs`), plan and key
the chunks (:mod:`.chunks`), run the chunks whose part is missing on an engine
(:mod:`.engines`, :mod:`.worker`), store each as a part (:mod:`.store`), assemble the three
files, which switch together. Output folder and usage problems raise :class:`ExtractorError`
(the CLI prints one line and exits 2); a bad document is one error line and never stops
the run.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

from extractor.batch.chunks import (
    Chunk,
    ContentHashes,
    document_entries,
    plan_chunks,
    run_fingerprint,
    run_id,
)
from extractor.batch.engines import DASK_MISSING, Engine, run_dask, run_inline, run_pool
from extractor.batch.inputs import InputDocument, assign_doc_ids, discover_inputs
from extractor.batch.progress import Progress, progress_mode
from extractor.batch.store import PartStore
from extractor.batch.worker import ChunkTask
from extractor.config import check_model, resolve_model_name
from extractor.errors import ExtractorError, escape_controls
from extractor.ingest.limits import ReadLimits

ENGINES = ("local", "dask", "inline")


@dataclass
class BatchOptions:
    """How to run a batch.

    Args:
        model: spaCy model name (see :func:`extractor.config.resolve_model_name`).
        workers: Worker processes (local engine) or Dask workers of the local cluster;
            default: the machine's cores.
        engine: ``"local"`` (worker processes on this machine), ``"dask"``, or ``"inline"``
            (this process: no time limit, no protection from a crash; for the API and tests).
        scheduler: Address of a running Dask scheduler (``tcp://host:8786``); default: a
            local cluster of ``workers`` processes. Only with ``engine="dask"``.
        batch_size: Documents per ``nlp.pipe`` batch.
        progress: Progress bar on (True) or off (False); default: a bar when stderr is a
            terminal, plain log lines otherwise. Failures are printed in every mode.
        chunk_size: Most documents in a chunk, the unit of work and of resume.
        chunk_bytes: A chunk also closes before its input files pass this many bytes, so
            chunks hold similar amounts of text and the workers finish together.
        limits: Resource limits per document (file size, characters, PDF pages and streams,
            seconds per document with the local engine).
        follow_links: Read symlinks that lead out of an input folder.
    """

    model: str | None = None
    workers: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    batch_size: int = 16
    progress: bool | None = None
    chunk_size: int = 32
    chunk_bytes: int = 64_000
    limits: ReadLimits = field(default_factory=ReadLimits)
    follow_links: bool = False


@dataclass
class BatchSummary:
    """What a run produced (counted over all chunks, reused ones included)."""

    documents: int
    events: int
    failed: int
    seconds: float
    chunks: int = 0
    reused_chunks: int = 0
    out_dir: Path | None = None
    run_id: str = ""


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover  (not on Linux)
        return max(1, os.cpu_count() or 1)


def check_options(options: BatchOptions) -> str:
    """Validate the options before anything starts; returns the resolved model name.

    Raises:
        ExtractorError: an unknown engine, a scheduler without Dask, Dask missing, sizes
            below one, a model that is missing or lacks a parser or NER.
    """
    if options.engine not in ENGINES:
        raise ExtractorError(f"unknown engine {options.engine!r} (expected local or dask)")
    if options.scheduler and options.engine != "dask":
        raise ExtractorError("--scheduler needs --engine dask")
    if options.engine == "dask" and importlib.util.find_spec("distributed") is None:
        raise ExtractorError(DASK_MISSING)
    if options.batch_size < 1 or options.chunk_size < 1:
        raise ExtractorError("batch size and chunk size must be at least 1")
    if options.limits.doc_timeout_s <= 0:
        raise ExtractorError("--doc-timeout must be more than 0 seconds")
    model_name = resolve_model_name(options.model)
    check_model(model_name)
    return model_name


def _tasks(chunks: list[Chunk], model: str, options: BatchOptions, fingerprint: dict):
    provenance = {
        "extractor_version": fingerprint["extractor"],
        "model": model,
        "model_version": fingerprint["model_version"],
    }
    return [
        ChunkTask(
            index=c.index,
            key=c.key,
            model=model,
            batch_size=min(options.batch_size, options.chunk_size),
            documents=[(d.doc_id, str(d.path), d.problem) for d in c.documents],
            limits=asdict(options.limits),
            provenance=provenance,
        )
        for c in chunks
    ]


@dataclass
class _Plan:
    documents: list[InputDocument]
    fingerprint: dict
    run_id: str
    chunks: list[Chunk]


def _plan(inputs: list[Path], store: PartStore, model: str, options: BatchOptions) -> _Plan:
    documents = assign_doc_ids(discover_inputs(inputs, options.follow_links))
    fingerprint = run_fingerprint(model, options.limits)
    hashes = ContentHashes(options.limits.max_file_bytes)
    hashes.load(store.hash_cache)
    entries = document_entries(documents, hashes)
    hashes.save(store.hash_cache)
    chunks = plan_chunks(documents, entries, fingerprint, options.chunk_size, options.chunk_bytes)
    return _Plan(documents, fingerprint, run_id(fingerprint, entries), chunks)


def run_batch(inputs: list[Path], out_dir: Path, options: BatchOptions) -> BatchSummary:
    """Extract every input into ``out_dir``; resumable, parallel, one bad file never fatal.

    Args:
        inputs: Files or folders (folders are searched recursively for ``*.txt``/``*.pdf``).
        out_dir: Where ``events.jsonl``, ``documents.jsonl`` and ``errors.jsonl`` go; its
            ``.parts/`` folder keeps finished chunks so a rerun resumes.
        options: Model, engine, workers, batch size, progress, limits.

    Returns:
        Counts over the whole input (reused chunks included) and the run's wall time.

    Raises:
        ExtractorError: bad options, model missing, Dask missing or unreachable, another
            run holding ``out_dir``, an output folder that cannot be written.
    """
    started = time.monotonic()
    model = check_options(options)
    out_dir = Path(out_dir)
    store = PartStore(out_dir)
    stream = sys.stderr
    try:
        store.open()
        try:
            plan = _plan(inputs, store, model, options)
            headers, reused = _execute(plan, store, model, options, stream)
        finally:
            store.close()
    except OSError as exc:
        raise ExtractorError(_output_error(out_dir, exc)) from exc
    summary = BatchSummary(
        documents=sum(h["documents"] for h in headers.values()),
        events=sum(h["events"] for h in headers.values()),
        failed=sum(h["failed"] for h in headers.values()),
        seconds=time.monotonic() - started,
        chunks=len(plan.chunks),
        reused_chunks=reused,
        out_dir=out_dir,
        run_id=plan.run_id,
    )
    print(
        f"extractor: {summary.documents} documents, {summary.events} events, "
        f"{summary.failed} errors in {summary.seconds:.1f} s -> "
        + escape_controls(str(out_dir))
        + (f" ({reused} of {len(plan.chunks)} chunks reused)" if reused else ""),
        file=stream,
        flush=True,
    )
    return summary


def _execute(
    plan: _Plan, store: PartStore, model: str, options: BatchOptions, stream: TextIO
) -> tuple[dict[int, dict], int]:
    """Run the chunks whose part is missing, store them, assemble the outputs."""
    store.write_manifest(plan.fingerprint, plan.run_id, plan.chunks)
    headers = {c.index: store.header(c) for c in plan.chunks}
    todo = [c for c in plan.chunks if headers[c.index] is None]
    reused = len(plan.chunks) - len(todo)
    progress = Progress(
        total=len(plan.documents),
        done=sum(len(c.documents) for c in plan.chunks if headers[c.index] is not None),
        mode=progress_mode(options.progress, stream),
        stream=stream,
    )
    try:
        if not plan.documents:
            progress.message("warning: no .txt or .pdf files found in the inputs")
        if reused:
            progress.message(f"resuming: {reused} of {len(plan.chunks)} chunks already done")
        by_index = {c.index: c for c in plan.chunks}
        tasks = _tasks(todo, model, options, plan.fingerprint)
        for output in _engine(options, model, len(tasks))(tasks):
            headers[output["index"]] = store.write(by_index[output["index"]], output)
            for text in output["messages"]:
                progress.message(text)
            progress.advance(output["n_documents"])
        store.assemble(plan.chunks, plan.run_id)
        store.remove_stale(plan.chunks)
    finally:
        progress.close()
    return {i: h for i, h in headers.items() if h is not None}, reused


def _engine(options: BatchOptions, model: str, n_tasks: int) -> Engine:
    """The engine for this run: Dask, worker processes, or this process."""
    workers = options.workers or _default_workers()
    timeout = options.limits.doc_timeout_s
    if options.engine == "dask":
        return lambda tasks: run_dask(tasks, workers, options.scheduler, timeout)
    if options.engine == "inline" or n_tasks == 0:
        return run_inline
    return lambda tasks: run_pool(tasks, min(workers, n_tasks), model, timeout)


def _output_error(out_dir: Path, exc: OSError) -> str:
    where = exc.filename if exc.filename else out_dir
    return f"output folder {out_dir}: {where}: {exc.strerror or exc}"
