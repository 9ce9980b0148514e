"""Stage 7, write: a batch run, from input paths to ``events.jsonl``, ``documents.jsonl`` and
``errors.jsonl`` (EVENTS.md section 6).

The run reads top to bottom:

1. **Discover** the inputs (files, or folders searched recursively for ``*.txt``/``*.pdf``),
   in a deterministic order, and give each a distinct, stable ``doc_id``.
2. **Plan** chunks: runs of consecutive documents (at most ``chunk_size`` documents or
   ``chunk_bytes`` of input). Each chunk gets a key fingerprinting its inputs (path, size,
   mtime of each document and of its sidecar), the model and the extractor's own code.
3. **Process** the chunks whose part is missing with :func:`process_chunk`: in this process,
   in a pool of worker processes, or on Dask. A worker loads the model once and keeps it.
4. **Store** each chunk's output as a part file in ``OUT/.parts/``: written to a temporary
   file, fsynced, renamed into place. A rerun skips every chunk whose part exists.
5. **Assemble** the three output files from the parts in input order, each written to a
   temporary file and renamed over the old one, so a reader never sees a partial file.

Why chunks: the chunk is the unit of work handed to a worker and the unit of resume (spaCy
#5111: big chunks, re-run the chunks whose output is missing). Its composition depends
only on the inputs and the options, never on the number of workers or the engine, so every
way of running gives the same batches and byte-identical output.

Fault isolation: a document that cannot be read, prepared or processed becomes one line of
``errors.jsonl`` (and a ``status: "error"`` line of ``documents.jsonl``); when spaCy raises
inside a batch, that batch is re-run one document at a time so that only the culprit fails.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypedDict

from extractor.errors import DocumentError, ExtractorError
from extractor.ingest.load import SUPPORTED_SUFFIXES, RawDocument, read_document, read_meta, sidecar_path
from extractor.config import missing_model_error, resolve_model_name
from extractor.models import DocumentMeta, DocumentRecord, ErrorRecord

if TYPE_CHECKING:  # spaCy is imported by the processes that run the model, never here
    from extractor.pipeline import DocumentResult, Extractor

OUTPUT_FILES = ("events.jsonl", "documents.jsonl", "errors.jsonl")
PARTS_DIR = ".parts"
SIDECAR_SUFFIX = ".meta.json"
# Bumped whenever the part file layout or the chunk key changes, so old parts are not reused.
PART_FORMAT = 1
# Worker processes run one spaCy process each; extra BLAS/OpenMP threads only oversubscribe.
SINGLE_THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
}
DASK_MISSING = "--engine dask needs Dask: pip install 'extractor[dask]'"


@dataclass
class BatchOptions:
    """How to run a batch.

    Args:
        model: spaCy model name (see :func:`extractor.config.resolve_model_name`).
        workers: Worker processes (local engine) or Dask workers of the local cluster;
            default: the machine's cores.
        engine: ``"local"`` (this machine, a process pool) or ``"dask"``.
        scheduler: Address of a running Dask scheduler (``tcp://host:8786``); default: a
            local cluster of ``workers`` processes.
        batch_size: Documents per ``nlp.pipe`` batch.
        progress: Progress bar on (True) or off (False); default: a bar when stderr is a
            terminal, plain log lines otherwise.
        chunk_size: Most documents in a chunk, the unit of work and of resume.
        chunk_bytes: A chunk also closes before its input files pass this many bytes, so
            chunks hold similar amounts of text (a few seconds of work) and the workers
            finish together.
    """

    model: str | None = None
    workers: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    batch_size: int = 16
    progress: bool | None = None
    chunk_size: int = 32
    chunk_bytes: int = 64_000


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


# --------------------------------------------------------------------------- 1. discover


@dataclass(frozen=True)
class InputDocument:
    """One input file and the ``doc_id`` it is known by."""

    doc_id: str
    path: Path


def discover_inputs(inputs: Iterable[Path]) -> list[Path]:
    """The input files, in a deterministic order, each once.

    Arguments are taken in the order given; a folder contributes its ``*.txt`` and ``*.pdf``
    files (any case, recursively, hidden files and folders skipped) sorted by path
    components. Sidecars (``NAME.meta.json``) are never inputs. A file named explicitly is
    an input whatever its suffix, so that an unsupported file is reported, not ignored.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for given in inputs:
        given = Path(given)
        if given.is_dir():
            candidates = sorted(
                (
                    p
                    for p in given.rglob("*")
                    if p.suffix.lower() in SUPPORTED_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(given).parts)
                    and p.is_file()
                ),
                key=lambda p: p.relative_to(given).parts,
            )
        else:
            candidates = [given]
        for path in candidates:
            if path.name.lower().endswith(SIDECAR_SUFFIX):
                continue
            identity = path.resolve()
            if identity not in seen:
                seen.add(identity)
                found.append(path)
    return found


def assign_doc_ids(paths: list[Path]) -> list[InputDocument]:
    """Give every input a distinct ``doc_id``, the same on every run over the same inputs.

    The ``doc_id`` is the file name without extension (EVENTS.md section 1). Files that
    share a name get their path relative to the deepest folder holding them all
    (``a/x.txt`` and ``b/x.txt`` -> ``a/x``, ``b/x``); files that differ only by extension
    keep it (``x.txt`` and ``x.pdf`` -> ``x.txt``, ``x.pdf``). Anything still equal after
    that gets ``~2``, ``~3``... in input order.
    """
    by_stem: dict[str, list[int]] = {}
    for i, path in enumerate(paths):
        by_stem.setdefault(path.stem, []).append(i)
    ids = [path.stem for path in paths]
    for members in by_stem.values():
        if len(members) < 2:
            continue
        absolute = [Path(os.path.abspath(paths[i])) for i in members]
        common = Path(os.path.commonpath([str(p.parent) for p in absolute]))
        relative = [p.relative_to(common).with_suffix("").as_posix() for p in absolute]
        for i, rel, path in zip(members, relative, absolute, strict=True):
            ids[i] = rel if relative.count(rel) == 1 else rel + path.suffix
    taken: dict[str, int] = {}
    for i, doc_id in enumerate(ids):
        if doc_id in taken:
            n = 2
            while f"{doc_id}~{n}" in taken or f"{doc_id}~{n}" in ids:
                n += 1
            ids[i] = f"{doc_id}~{n}"
        taken[ids[i]] = i
    return [InputDocument(doc_id, path) for doc_id, path in zip(ids, paths, strict=True)]


# --------------------------------------------------------------------------- 2. plan


@dataclass(frozen=True)
class Chunk:
    """Consecutive documents processed and stored together."""

    index: int
    key: str
    documents: tuple[InputDocument, ...]

    @property
    def part_name(self) -> str:
        return f"{self.index:06d}-{self.key[:20]}.part"


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def code_fingerprint() -> str:
    """A hash of the extractor package's files, so that changed rules or code redo chunks."""
    entries: list[tuple[str, bytes]] = []
    pending = [("", files("extractor"))]
    while pending:
        prefix, folder = pending.pop()
        for entry in folder.iterdir():
            if entry.name == "__pycache__" or entry.name.startswith("."):
                continue
            name = f"{prefix}/{entry.name}"
            if entry.is_dir():
                pending.append((name, entry))
            elif not entry.name.endswith((".pyc", ".pyo")):
                entries.append((name, entry.read_bytes()))
    digest = hashlib.sha256()
    for name, data in sorted(entries):
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _package_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None


def run_fingerprint(model_name: str) -> dict:
    """What, besides the inputs, decides the output: model, library and code versions."""
    return {
        "format": PART_FORMAT,
        "model": model_name,
        "model_version": _package_version(model_name),
        "spacy": _package_version("spacy"),
        "code": code_fingerprint(),
    }


def plan_chunks(
    documents: list[InputDocument], options: BatchOptions, fingerprint: dict
) -> list[Chunk]:
    """Cut the documents into chunks and key each chunk by everything its output depends on."""
    groups: list[list[tuple[InputDocument, list]]] = []
    current: list[tuple[InputDocument, list]] = []
    current_bytes = 0
    for doc in documents:
        stat = _stat(doc.path)
        sidecar = _stat(sidecar_path(doc.path))
        size = stat[0] if stat else 0
        if current and (
            len(current) >= options.chunk_size or current_bytes + size > options.chunk_bytes
        ):
            groups.append(current)
            current, current_bytes = [], 0
        current.append((doc, [doc.doc_id, str(doc.path), stat, sidecar]))
        current_bytes += size
    if current:
        groups.append(current)
    chunks = []
    for index, group in enumerate(groups):
        payload = json.dumps(
            {"run": fingerprint, "documents": [entry for _, entry in group]}, sort_keys=True
        )
        key = hashlib.sha256(payload.encode("utf-8", "surrogateescape")).hexdigest()
        chunks.append(Chunk(index, key, tuple(doc for doc, _ in group)))
    return chunks


# --------------------------------------------------------------------------- 3. process


class ChunkTask(TypedDict):
    """What a worker receives: paths and options, never a loaded pipeline."""

    index: int
    key: str
    model: str
    batch_size: int
    documents: list[tuple[str, str]]  # (doc_id, path)


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


@dataclass
class _Outcome:
    """The result of one document, in the order of the chunk."""

    doc_id: str
    source: str
    raw: RawDocument | None = None
    result: DocumentResult | None = None
    error: str | None = None
    messages: list[str] = field(default_factory=list)


def _describe(exc: BaseException, source: str) -> str:
    """An error message naming the file and the reason (and, for a bug, where it happened)."""
    if isinstance(exc, DocumentError):
        return str(exc)
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" (at {Path(last.filename).name}:{last.lineno} in {last.name})"
    return f"{source}: {type(exc).__name__}: {exc}{where}"


def _process_one(extractor: Extractor, outcome: _Outcome) -> None:
    try:
        outcome.result = extractor.process(outcome.raw)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001  (one document's failure must not sink the batch)
        outcome.error = _describe(exc, outcome.source)


def process_documents(extractor: Extractor, outcomes: list[_Outcome], batch_size: int) -> None:
    """Run the readable documents through ``nlp.pipe`` in batches, isolating failures.

    An exception inside a batch (spaCy, a component, validation) re-runs that batch's
    documents one at a time, so only the document that raises fails.
    """
    readable = [o for o in outcomes if o.raw is not None and o.error is None]
    for start in range(0, len(readable), batch_size):
        batch = readable[start : start + batch_size]
        try:
            results = list(extractor.process_many([o.raw for o in batch], batch_size))
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


def _read(doc_id: str, source: str) -> _Outcome:
    outcome = _Outcome(doc_id=doc_id, source=source)
    try:
        outcome.raw = read_document(source, doc_id)
    except Exception as exc:  # noqa: BLE001
        outcome.error = _describe(exc, source)
    return outcome


def _json_line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False) + "\n"


def _failed_meta(outcome: _Outcome) -> DocumentMeta:
    if outcome.raw is not None:
        return outcome.raw.meta
    try:
        return read_meta(Path(outcome.source))
    except Exception:  # noqa: BLE001  (the error line already says what is wrong)
        return DocumentMeta()


def serialize_outcomes(outcomes: list[_Outcome], index: int, key: str) -> ChunkOutput:
    """The chunk's lines for the three output files, in document order."""
    events, documents, errors, messages = [], [], [], []
    n_events = n_failed = 0
    for outcome in outcomes:
        if outcome.result is not None:
            record = outcome.result.record
            documents.append(_json_line(record.model_dump(mode="json")))
            for event in outcome.result.events:
                events.append(_json_line(event.model_dump(mode="json")))
            n_events += len(outcome.result.events)
            messages.extend(f"warning: {w}" for w in record.warnings)
            continue
        n_failed += 1
        error = outcome.error or f"{outcome.source}: not processed"
        warnings = list(outcome.raw.warnings) if outcome.raw is not None else []
        record = DocumentRecord(
            doc_id=outcome.doc_id,
            source=outcome.source,
            meta=_failed_meta(outcome),
            text="",
            status="error",
            warnings=warnings,
        )
        documents.append(_json_line(record.model_dump(mode="json")))
        errors.append(
            _json_line(
                ErrorRecord(doc_id=outcome.doc_id, source=outcome.source, error=error).model_dump(
                    mode="json"
                )
            )
        )
        messages.append(f"failed: {error}")
    return ChunkOutput(
        index=index,
        key=key,
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

    Takes and returns plain data (paths in, strings out) so it can cross process and machine
    boundaries; the model is loaded once per process and reused.

    Raises:
        ExtractorError: the model cannot be loaded (nothing can be processed).
    """
    try:
        extractor = get_extractor(task["model"])
    except ExtractorError:
        raise
    except Exception as exc:  # noqa: BLE001  (keep the reason across the process boundary)
        raise ExtractorError(f"cannot load model {task['model']!r}: {exc}") from None
    outcomes = [_read(doc_id, source) for doc_id, source in task["documents"]]
    process_documents(extractor, outcomes, task["batch_size"])
    return serialize_outcomes(outcomes, task["index"], task["key"])


def _worker_init(model: str) -> None:
    """Pool initializer: one BLAS thread, then the model, loaded once for the worker's life."""
    use_single_thread_env()
    # A failure here is raised again, with its message, by the first process_chunk call
    # (an initializer that raises only breaks the pool, and the reason is lost).
    with contextlib.suppress(Exception):
        get_extractor(model)


# --------------------------------------------------------------------------- 4. store


class PartStore:
    """The finished chunks of a run, as part files in ``OUT/.parts/``.

    A part file is a JSON header line (key, counts, byte length of each section) followed by
    the chunk's ``events``, ``documents`` and ``errors`` lines. It is written to a temporary
    file, fsynced and renamed into place, so a part either exists whole or not at all.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.dir = out_dir / PARTS_DIR
        self._lock: TextIO | None = None

    def open(self) -> None:
        """Create the folder, take the run lock and remove temporary files of killed runs."""
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.dir / "lock", "w")  # noqa: SIM115  (held for the whole run)
        try:
            import fcntl

            fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover  (no advisory locks on this platform)
            pass
        except OSError as exc:
            self.close()
            raise ExtractorError(
                f"another run is writing to {self.out_dir} (lock {self.dir / 'lock'})"
            ) from exc
        for stale in [*self.dir.glob("*.tmp"), *self.out_dir.glob(".*.jsonl.tmp")]:
            stale.unlink(missing_ok=True)

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def header(self, chunk: Chunk) -> dict | None:
        """The header of the chunk's part, or None when the part is missing or not whole."""
        path = self.dir / chunk.part_name
        try:
            with open(path, "rb") as handle:
                first = handle.readline()
                header = json.loads(first)
                size = os.fstat(handle.fileno()).st_size
        except (OSError, ValueError):
            return None
        if header.get("key") != chunk.key or size != len(first) + sum(header["sizes"]):
            return None
        return header

    def write(self, chunk: Chunk, output: ChunkOutput) -> None:
        sections = [
            output[name].encode("utf-8", "backslashreplace")  # type: ignore[literal-required]
            for name in ("events", "documents", "errors")
        ]
        header = {
            "format": PART_FORMAT,
            "key": chunk.key,
            "index": chunk.index,
            "documents": output["n_documents"],
            "events": output["n_events"],
            "failed": output["n_failed"],
            "sizes": [len(s) for s in sections],
        }
        final = self.dir / chunk.part_name
        tmp = self.dir / f"{chunk.part_name}.{os.getpid()}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(json.dumps(header).encode() + b"\n")
            handle.writelines(sections)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, final)
        _fsync_dir(self.dir)

    def write_manifest(self, fingerprint: dict, chunks: list[Chunk]) -> None:
        """Record what the parts were made from (for people; resume relies on part keys)."""
        manifest = {
            "run": fingerprint,
            "chunks": [
                {
                    "index": c.index,
                    "key": c.key,
                    "part": c.part_name,
                    "documents": [
                        {"doc_id": d.doc_id, "path": str(d.path), "stat": _stat(d.path)}
                        for d in c.documents
                    ],
                }
                for c in chunks
            ],
        }
        _atomic_write_text(self.dir / "manifest.json", json.dumps(manifest, indent=1) + "\n")

    def assemble(self, chunks: list[Chunk]) -> None:
        """Concatenate the parts, in chunk order, into the three output files, atomically."""
        targets = [self.out_dir / name for name in OUTPUT_FILES]
        tmps = [self.out_dir / f".{name}.tmp" for name in OUTPUT_FILES]
        handles = [open(tmp, "wb") for tmp in tmps]  # noqa: SIM115
        try:
            for chunk in chunks:
                with open(self.dir / chunk.part_name, "rb") as part:
                    header = json.loads(part.readline())
                    if header.get("key") != chunk.key:
                        raise ExtractorError(f"part {chunk.part_name} changed during the run")
                    for handle, size in zip(handles, header["sizes"], strict=True):
                        _copy_exactly(part, handle, size)
            for handle in handles:
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            for handle in handles:
                handle.close()
        for tmp, target in zip(tmps, targets, strict=True):
            os.replace(tmp, target)
        _fsync_dir(self.out_dir)

    def remove_stale(self, chunks: list[Chunk]) -> None:
        """Delete parts that belong to no chunk of this run (changed or removed inputs)."""
        current = {c.part_name for c in chunks}
        for part in self.dir.glob("*.part"):
            if part.name not in current:
                part.unlink(missing_ok=True)


def _copy_exactly(source, target, size: int) -> None:
    remaining = size
    while remaining:
        block = source.read(min(remaining, 1 << 20))
        if not block:
            raise ExtractorError(f"part file {source.name} is truncated")
        target.write(block)
        remaining -= len(block)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover  (platforms without directory handles)
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


# --------------------------------------------------------------------------- engines

Engine = Callable[[list[ChunkTask]], Iterator[ChunkOutput]]


def run_inline(tasks: list[ChunkTask]) -> Iterator[ChunkOutput]:
    """All chunks in this process, one after the other (one worker, or a single chunk)."""
    for task in tasks:
        yield process_chunk(task)


def run_pool(tasks: list[ChunkTask], workers: int, model: str) -> Iterator[ChunkOutput]:
    """Chunks on a pool of worker processes, each loading the model once.

    The pool uses ``spawn`` (never ``fork`` after a model or BLAS threads exist); at most two
    chunks per worker are in flight, so the memory held here stays flat.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    pending = iter(tasks)
    in_flight: set[Future] = set()
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_init, initargs=(model,)
    ) as pool:
        try:
            for task in pending:
                in_flight.add(pool.submit(process_chunk, task))
                if len(in_flight) >= 2 * workers:
                    break
            while in_flight:
                done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        output = future.result()
                    except BrokenProcessPool as exc:
                        raise ExtractorError(
                            "a worker process died (out of memory, a crash in a native "
                            "library, or, when run_batch is called from a script, a script "
                            "without `if __name__ == '__main__':`); the finished chunks are "
                            "kept, run the same command again to resume"
                        ) from exc
                    yield output
                    task = next(pending, None)
                    if task is not None:
                        in_flight.add(pool.submit(process_chunk, task))
        finally:
            for future in in_flight:
                future.cancel()


def run_dask(tasks: list[ChunkTask], workers: int, scheduler: str | None) -> Iterator[ChunkOutput]:
    """Chunks on a Dask cluster: the one at ``scheduler``, else a local one of ``workers``.

    The same :func:`process_chunk` runs on the workers (paths in, strings out); each worker
    process keeps its loaded model in this module's cache. Dask sets BLAS/OpenMP threads to
    one in its worker processes; one thread per worker, because spaCy cannot start
    processes of its own inside a daemonic Dask worker.
    """
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise ExtractorError(DASK_MISSING) from exc
    import logging

    def submit(task: ChunkTask):
        # A key of its own per chunk: Dask never merges or caches two runs' chunks.
        return client.submit(
            process_chunk, task, key=f"extractor-chunk-{task['index']}-{task['key']}", pure=False
        )

    with contextlib.ExitStack() as stack:
        try:
            if scheduler:
                client = stack.enter_context(Client(scheduler))
            else:
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                )
                client = stack.enter_context(Client(cluster))
        except OSError as exc:
            raise ExtractorError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        pending = iter(tasks)
        window = 2 * max(workers, len(client.scheduler_info().get("workers", {})), 1)
        futures = as_completed([submit(t) for t in _take(pending, window)])
        try:
            for future in futures:
                try:
                    output = future.result()
                except ExtractorError:
                    raise
                except Exception as exc:
                    raise ExtractorError(
                        f"a chunk failed on Dask ({type(exc).__name__}: {exc}); the finished "
                        "chunks are kept, run the same command again to resume"
                    ) from exc
                yield output
                task = next(pending, None)
                if task is not None:
                    futures.add(submit(task))
        finally:
            futures.clear()


def _take(iterator: Iterator, n: int) -> list:
    out = []
    for item in iterator:
        out.append(item)
        if len(out) >= n:
            break
    return out


# --------------------------------------------------------------------------- progress


class Progress:
    """Documents done, rate and ETA: a rich bar on a terminal, log lines otherwise."""

    LOG_EVERY = 5.0  # seconds between plain log lines

    def __init__(self, total: int, done: int, mode: str | None, stream: TextIO) -> None:
        self.total, self.done, self.mode, self.stream = total, done, mode, stream
        self.started = time.monotonic()
        self.start_done = done
        self._last_log = 0.0
        self._bar = None
        if mode == "bar":
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("[bold]extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("docs"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=stream, force_terminal=True),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("extract", total=total, completed=done, rate="")

    def _rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return (self.done - self.start_done) / elapsed if elapsed > 0 else 0.0

    def message(self, text: str) -> None:
        if self.mode is None:
            return
        if self._bar is not None:
            self._bar.console.print(text, markup=False, highlight=False)
        else:
            print(f"extractor: {text}", file=self.stream, flush=True)

    def advance(self, documents: int) -> None:
        self.done += documents
        rate = self._rate()
        if self._bar is not None:
            self._bar.update(self._task, advance=documents, rate=f"{rate:.1f} docs/s")
            return
        now = time.monotonic()
        if self.mode == "log" and (
            now - self._last_log >= self.LOG_EVERY or self.done == self.total
        ):
            self._last_log = now
            left = self.total - self.done
            eta = f", ETA {left / rate:.0f} s" if rate > 0 and left else ""
            self.message(
                f"{self.done}/{self.total} documents ({100 * self.done / max(self.total, 1):.0f}%)"
                f", {rate:.1f} docs/s{eta}"
            )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _progress_mode(option: bool | None, stream: TextIO) -> str | None:
    if option is False:
        return None
    if option is True:
        return "bar"
    return "bar" if stream.isatty() else "log"


# --------------------------------------------------------------------------- the run


def check_model(model_name: str) -> None:
    """Fail fast, before any worker starts, when the model is not installed.

    Raises:
        ModelNotFoundError: ``model_name`` is neither an installed package nor a folder.
    """
    if model_name.startswith("blank:") or Path(model_name).exists():
        return
    try:
        found = importlib.util.find_spec(model_name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise missing_model_error(model_name)


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover  (not on Linux)
        return max(1, os.cpu_count() or 1)


def run_batch(inputs: list[Path], out_dir: Path, options: BatchOptions) -> BatchSummary:
    """Extract every input into ``out_dir``; resumable, parallel, one bad file never fatal.

    Args:
        inputs: Files or folders (folders are searched recursively for ``*.txt``/``*.pdf``).
        out_dir: Where ``events.jsonl``, ``documents.jsonl`` and ``errors.jsonl`` go; its
            ``.parts/`` folder keeps finished chunks so a rerun resumes.
        options: Model, engine, workers, batch size, progress.

    Returns:
        Counts over the whole input (reused chunks included) and the run's wall time.

    Raises:
        ExtractorError: bad options, model not installed, Dask missing or unreachable,
            another run holding ``out_dir``, a worker process dying.
    """
    started = time.monotonic()
    if options.engine not in ("local", "dask"):
        raise ExtractorError(f"unknown engine {options.engine!r} (expected local or dask)")
    if options.engine == "dask" and importlib.util.find_spec("distributed") is None:
        raise ExtractorError(DASK_MISSING)
    if options.batch_size < 1 or options.chunk_size < 1:
        raise ExtractorError("batch size and chunk size must be at least 1")
    model_name = resolve_model_name(options.model)
    check_model(model_name)
    workers = options.workers or _default_workers()

    documents = assign_doc_ids(discover_inputs(inputs))
    fingerprint = run_fingerprint(model_name)
    chunks = plan_chunks(documents, options, fingerprint)
    out_dir = Path(out_dir)
    store = PartStore(out_dir)
    store.open()
    stream = sys.stderr
    progress: Progress | None = None
    try:
        store.write_manifest(fingerprint, chunks)
        headers = {c.index: store.header(c) for c in chunks}
        todo = [c for c in chunks if headers[c.index] is None]
        reused = len(chunks) - len(todo)
        mode = _progress_mode(options.progress, stream)
        progress = Progress(
            total=len(documents),
            done=sum(len(c.documents) for c in chunks if headers[c.index] is not None),
            mode=mode,
            stream=stream,
        )
        if not documents:
            progress.message("warning: no .txt or .pdf files found in the inputs")
        if reused:
            progress.message(f"resuming: {reused} of {len(chunks)} chunks already done")
        by_index = {c.index: c for c in chunks}
        tasks = [
            ChunkTask(
                index=c.index,
                key=c.key,
                model=model_name,
                batch_size=min(options.batch_size, options.chunk_size),
                documents=[(d.doc_id, str(d.path)) for d in c.documents],
            )
            for c in todo
        ]
        for output in _engine(options, workers, model_name, len(tasks))(tasks):
            chunk = by_index[output["index"]]
            store.write(chunk, output)
            headers[chunk.index] = store.header(chunk)
            for text in output["messages"]:
                progress.message(text)
            progress.advance(output["n_documents"])
        store.assemble(chunks)
        store.remove_stale(chunks)
    finally:
        if progress is not None:
            progress.close()
        store.close()
    summary = BatchSummary(
        documents=sum(h["documents"] for h in headers.values() if h),
        events=sum(h["events"] for h in headers.values() if h),
        failed=sum(h["failed"] for h in headers.values() if h),
        seconds=time.monotonic() - started,
        chunks=len(chunks),
        reused_chunks=reused,
        out_dir=out_dir,
    )
    print(
        f"extractor: {summary.documents} documents, {summary.events} events, "
        f"{summary.failed} errors in {summary.seconds:.1f} s -> {out_dir}"
        + (f" ({reused} of {len(chunks)} chunks reused)" if reused else ""),
        file=stream,
        flush=True,
    )
    return summary


def _engine(options: BatchOptions, workers: int, model: str, n_tasks: int) -> Engine:
    """The engine for this run: Dask when asked, else a pool when it can help, else inline."""
    if options.engine == "dask":
        return lambda tasks: run_dask(tasks, workers, options.scheduler)
    if workers > 1 and n_tasks > 1:
        return lambda tasks: run_pool(tasks, min(workers, n_tasks), model)
    return run_inline
