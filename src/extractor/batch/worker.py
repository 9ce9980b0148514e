"""The work of one chunk, as every engine runs it: read, extract, serialize.

:func:`process_chunk` takes and returns plain data (paths in, strings out) so it can cross
process and machine boundaries; the model is loaded once per process and kept. Every
exception while reading, preparing, processing or serializing a document becomes that
document's error line; nothing else in the chunk is affected.

Fault injection, for tests only: when ``EXTRACTOR_FAULT_INJECTION`` is ``kill:MARKER`` or
``hang:MARKER``, a *worker* process (never the main process) that reads a document whose
text contains MARKER kills itself with SIGKILL, or sleeps for an hour. This is how the
tests check that a dying or stuck worker costs one document and no more.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from extractor.errors import DocumentError, ExtractorError
from extractor.ingest.limits import ReadLimits
from extractor.ingest.load import RawDocument, read_document, read_meta
from extractor.models import DocumentMeta, DocumentRecord, ErrorRecord

if TYPE_CHECKING:  # spaCy is imported by the processes that run the model, never here
    from extractor.pipeline import DocumentResult, Extractor

FAULT_ENV = "EXTRACTOR_FAULT_INJECTION"
# Written into every documents.jsonl line by the workers and replaced by the run's id when
# the output files are assembled (a reused part must not carry an older run's id).
RUN_ID_PLACEHOLDER = "0" * 16
# Worker processes run one spaCy process each; extra BLAS/OpenMP threads only oversubscribe.
SINGLE_THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
}


class ChunkTask(TypedDict):
    """What a worker receives: paths and options, never a loaded pipeline."""

    index: int
    key: str
    model: str
    batch_size: int
    documents: list[tuple[str, str, str | None]]  # (doc_id, path, problem)
    limits: dict
    provenance: dict  # extractor_version, model, model_version


class ChunkOutput(TypedDict):
    """What a worker returns: the chunk's output lines and counts, as plain strings."""

    index: int
    key: str
    events: str
    documents: str
    errors: str
    n_documents: int
    n_events: int
    n_failed: int
    messages: list[str]


# One loaded pipeline per process and model, kept for the life of the process (a pool worker,
# a Dask worker, or this process when running inline).
_EXTRACTORS: dict[str, Extractor] = {}
_EXTRACTORS_LOCK = threading.Lock()  # a Dask worker started with several threads loads once


def use_single_thread_env() -> None:
    """Limit BLAS/OpenMP to one thread; call before numpy is imported in a worker."""
    os.environ.update(SINGLE_THREAD_ENV)


def get_extractor(model: str) -> Extractor:
    """The process's pipeline for ``model``, loaded on first use."""
    extractor = _EXTRACTORS.get(model)
    if extractor is None:
        from extractor.pipeline import Extractor

        with _EXTRACTORS_LOCK:
            extractor = _EXTRACTORS.get(model)
            if extractor is None:
                extractor = _EXTRACTORS[model] = Extractor(model)
    return extractor


def watch_parent(parent_pid: int, interval: float = 0.5) -> None:
    """End this worker when the process that started it dies (SIGKILL included).

    On Linux the kernel sends SIGKILL at once (``PR_SET_PDEATHSIG``); everywhere, a daemon
    thread also polls the parent id, so no worker outlives its batch.
    """
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent_pid:
        os._exit(1)

    def poll() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=poll, name="extractor-watch-parent", daemon=True).start()


@dataclass
class _Outcome:
    """The result of one document, in the order of the chunk."""

    doc_id: str
    source: str
    raw: RawDocument | None = None
    result: DocumentResult | None = None
    error: str | None = None
    messages: list[str] = field(default_factory=list)


def describe(exc: BaseException, source: str) -> str:
    """An error message naming the file and the reason (and, for a bug, where it happened)."""
    if isinstance(exc, DocumentError):
        text = str(exc)
        # a sidecar's error names the sidecar; the line must name the document too
        return text if text.startswith(source) else f"{source}: {text}"
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" (at {Path(last.filename).name}:{last.lineno} in {last.name})"
    reason = str(exc).splitlines()[0] if str(exc) else ""
    return f"{source}: {type(exc).__name__}: {reason}{where}"


def _process_one(extractor: Extractor, outcome: _Outcome) -> None:
    try:
        outcome.result = extractor.process(outcome.raw)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001  (one document's failure must not sink the batch)
        outcome.error = describe(exc, outcome.source)


def process_documents(extractor: Extractor, outcomes: list[_Outcome], batch_size: int) -> None:
    """Run the readable documents through ``nlp.pipe`` in batches, isolating failures.

    An exception inside a batch (spaCy, a component, validation) re-runs that batch's
    documents one at a time, so only the document that raises fails.
    """
    readable = [o for o in outcomes if o.raw is not None and o.error is None]
    for start in range(0, len(readable), batch_size):
        batch = readable[start : start + batch_size]
        try:
            results = list(extractor.process_many([o.raw for o in batch if o.raw], batch_size))
            if len(results) != len(batch):
                raise RuntimeError(f"{len(batch)} documents in, {len(results)} results out")
        except Exception:  # noqa: BLE001
            for outcome in batch:
                _process_one(extractor, outcome)
            continue
        for outcome, result in zip(batch, results, strict=True):
            if isinstance(result, DocumentError):
                outcome.error = str(result)
            else:
                outcome.result = result


def _read(doc_id: str, source: str, limits: ReadLimits) -> _Outcome:
    outcome = _Outcome(doc_id=doc_id, source=source)
    try:
        outcome.raw = read_document(source, doc_id, limits=limits)
    except Exception as exc:  # noqa: BLE001
        outcome.error = describe(exc, source)
    return outcome


def _inject_faults(outcomes: list[_Outcome]) -> None:
    """The test-only fault hook of the module docstring; a no-op in the main process."""
    spec = os.environ.get(FAULT_ENV, "")
    action, _, marker = spec.partition(":")
    if not marker or multiprocessing.parent_process() is None:
        return
    for outcome in outcomes:
        if outcome.raw is not None and marker in outcome.raw.raw_text:
            if action == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            elif action == "hang":
                time.sleep(3600)


def _json_line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False) + "\n"


def _ok_lines(outcome: _Outcome, provenance: dict) -> tuple[str, str]:
    """The document line and the event lines of a processed document (may raise)."""
    assert outcome.result is not None
    record = outcome.result.record.model_copy(update={"run_id": RUN_ID_PLACEHOLDER, **provenance})
    document = _json_line(record.model_dump(mode="json"))
    events = "".join(_json_line(e.model_dump(mode="json")) for e in outcome.result.events)
    return document, events


def _failed_meta(outcome: _Outcome) -> DocumentMeta:
    if outcome.raw is not None:
        return outcome.raw.meta
    try:
        return read_meta(Path(outcome.source))
    except Exception:  # noqa: BLE001  (the error line already says what is wrong)
        return DocumentMeta()


def failed_lines(
    doc_id: str,
    source: str,
    error: str,
    provenance: dict,
    meta: DocumentMeta | None = None,
    warnings: list[str] | None = None,
) -> tuple[str, str]:
    """The document line and the error line of a failed document; never raises on its meta."""
    base: dict[str, Any] = {
        "run_id": RUN_ID_PLACEHOLDER,
        "doc_id": doc_id,
        "source": source,
        **provenance,
    }
    extra: dict[str, Any] = {"text": "", "status": "error", "warnings": warnings or []}
    try:
        record = DocumentRecord(**base, meta=meta or DocumentMeta(), **extra)
        document = _json_line(record.model_dump(mode="json"))
    except Exception:  # noqa: BLE001  (a sidecar pydantic or json cannot serialize)
        document = _json_line(DocumentRecord(**base, meta=DocumentMeta(), **extra).model_dump())
    error_line = _json_line(ErrorRecord(doc_id=doc_id, source=source, error=error).model_dump())
    return document, error_line


def serialize_outcomes(outcomes: list[_Outcome], task: ChunkTask) -> ChunkOutput:
    """The chunk's lines for the three output files, in document order."""
    provenance = task["provenance"]
    events: list[str] = []
    documents: list[str] = []
    errors: list[str] = []
    messages: list[str] = []
    n_events = n_failed = 0
    for outcome in outcomes:
        if outcome.result is not None:
            try:
                document, event_lines = _ok_lines(outcome, provenance)
            except Exception as exc:  # noqa: BLE001  (e.g. a sidecar nested too deep)
                outcome.error = describe(exc, outcome.source) + " (while writing its record)"
                outcome.result = None
            else:
                documents.append(document)
                events.append(event_lines)
                n_events += len(outcome.result.events)
                messages.extend(f"warning: {w}" for w in outcome.result.record.warnings)
                continue
        n_failed += 1
        error = outcome.error or f"{outcome.source}: not processed"
        warnings = list(outcome.raw.warnings) if outcome.raw is not None else []
        document, error_line = failed_lines(
            outcome.doc_id, outcome.source, error, provenance, _failed_meta(outcome), warnings
        )
        documents.append(document)
        errors.append(error_line)
        messages.append(f"failed: {error}")
    return ChunkOutput(
        index=task["index"],
        key=task["key"],
        events="".join(events),
        documents="".join(documents),
        errors="".join(errors),
        n_documents=len(outcomes),
        n_events=n_events,
        n_failed=n_failed,
        messages=messages,
    )


def process_chunk(task: ChunkTask) -> ChunkOutput:
    """Read, extract and serialize one chunk; the function every engine runs.

    Raises:
        ExtractorError: the model cannot be loaded (nothing can be processed).
    """
    try:
        extractor = get_extractor(task["model"])
    except ExtractorError:
        raise
    except Exception as exc:  # noqa: BLE001  (keep the reason across the process boundary)
        raise ExtractorError(f"cannot load model {task['model']!r}: {exc}") from None
    limits = ReadLimits(**task["limits"])
    outcomes = []
    for doc_id, source, problem in task["documents"]:
        if problem is not None:
            outcomes.append(_Outcome(doc_id, source, error=f"{source}: {problem}"))
        else:
            outcomes.append(_read(doc_id, source, limits))
    _inject_faults(outcomes)
    process_documents(extractor, outcomes, task["batch_size"])
    return serialize_outcomes(outcomes, task)


def failed_output(task: ChunkTask, reason: str) -> ChunkOutput:
    """The output of a chunk whose every document failed for ``reason`` (no worker needed).

    Used for a document that killed its worker or ran past the time limit.
    """
    documents: list[str] = []
    errors: list[str] = []
    messages: list[str] = []
    for doc_id, source, _ in task["documents"]:
        error = f"{source}: {reason}"
        document, error_line = failed_lines(doc_id, source, error, task["provenance"])
        documents.append(document)
        errors.append(error_line)
        messages.append(f"failed: {error}")
    n = len(task["documents"])
    return ChunkOutput(
        index=task["index"],
        key=task["key"],
        events="",
        documents="".join(documents),
        errors="".join(errors),
        n_documents=n,
        n_events=0,
        n_failed=n,
        messages=messages,
    )


def merge_outputs(task: ChunkTask, outputs: list[ChunkOutput]) -> ChunkOutput:
    """One chunk's output from the outputs of its documents run one at a time, in order."""
    return ChunkOutput(
        index=task["index"],
        key=task["key"],
        events="".join(o["events"] for o in outputs),
        documents="".join(o["documents"] for o in outputs),
        errors="".join(o["errors"] for o in outputs),
        n_documents=sum(o["n_documents"] for o in outputs),
        n_events=sum(o["n_events"] for o in outputs),
        n_failed=sum(o["n_failed"] for o in outputs),
        messages=[m for o in outputs for m in o["messages"]],
    )


def split_task(task: ChunkTask) -> list[ChunkTask]:
    """One task per document of ``task`` (same index and key), to isolate a culprit."""
    return [ChunkTask(**{**task, "documents": [doc]}) for doc in task["documents"]]
