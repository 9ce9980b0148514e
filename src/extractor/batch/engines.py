"""Engines: where the chunks run. Each takes chunk tasks and yields their outputs.

- :func:`run_inline`: in this process, one chunk after the other (the API's ``engine=
  "inline"``; tests use it to put a custom pipeline in place). No time limit, no isolation
  from a crash.
- :func:`run_pool`: worker processes on this machine (``engine="local"``), each loading the
  model once. A worker that dies (SIGKILL, out of memory, a native crash) or runs past the
  time limit is replaced; the documents of its chunk are run again one per task in fresh
  workers, so only the culprit fails ("worker died: signal 9 (SIGKILL)", "timed out").
- :func:`run_dask`: a Dask cluster; a chunk lost with its worker is retried one document
  per task, and a document that loses a worker again fails alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from extractor.batch.worker import (
    ChunkOutput,
    ChunkTask,
    describe,
    failed_output,
    get_extractor,
    merge_outputs,
    process_chunk,
    split_task,
    use_single_thread_env,
    watch_parent,
)
from extractor.errors import ExtractorError
from extractor.ingest.load import RawDocument
from extractor.models import DocumentMeta

if TYPE_CHECKING:
    from extractor.pipeline import Extractor

# Tries per document after its chunk lost a Dask worker.
DASK_ATTEMPTS = 2
Engine = Callable[[list[ChunkTask]], Iterator[ChunkOutput]]
DASK_MISSING = "--engine dask needs Dask: pip install 'diplomatic-event-extractor[dask]'"


def run_inline(tasks: list[ChunkTask]) -> Iterator[ChunkOutput]:
    """All chunks in this process, one after the other."""
    for task in tasks:
        yield process_chunk(task)


# --------------------------------------------------------------------------- local pool


def _worker_main(conn: Connection, model: str, parent_pid: int) -> None:
    """A pool worker: load the model once, then process the chunks sent until told to stop."""
    watch_parent(parent_pid)
    use_single_thread_env()
    # Ctrl-C reaches the whole process group: the parent decides, and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        extractor = get_extractor(model)
    except Exception as exc:  # noqa: BLE001  (the reason crosses to the parent)
        conn.send(("fatal", str(exc) if isinstance(exc, ExtractorError) else repr(exc)))
        return
    _warm_up(extractor)
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            conn.send(("done", process_chunk(task)))
        except ExtractorError as exc:
            conn.send(("fatal", str(exc)))
        except Exception as exc:  # noqa: BLE001  (a bug: isolate the chunk's documents)
            conn.send(("crash", describe(exc, f"chunk {task['index']}")))


def _warm_up(extractor: Extractor) -> None:
    """Run one tiny document, so lazy set-up (date parser, caches) is not charged to the
    first real document's time limit."""
    raw = RawDocument(
        doc_id="warm-up",
        source="warm-up",
        meta=DocumentMeta(published="2025-01-06"),
        raw_text="The minister met the ambassador in the capital on Monday.\n",
    )
    with contextlib.suppress(Exception):
        extractor.process(raw)


@dataclass
class _Job:
    """A task and, for one document of a split chunk, its position in that chunk."""

    task: ChunkTask
    position: int | None = None
    attempt: int = 0


Split = dict[int, tuple[ChunkTask, list[ChunkOutput | None]]]


def reassemble(split: Split, job: _Job, output: ChunkOutput) -> Iterator[ChunkOutput]:
    """A chunk's output; for one part of a chunk split per document (both engines split a
    chunk whose worker died or ran over time), the merged chunk once its last part is in."""
    if job.position is None:
        yield output
        return
    task, outputs = split[job.task["index"]]
    outputs[job.position] = output
    if all(o is not None for o in outputs):
        del split[job.task["index"]]
        yield merge_outputs(task, [o for o in outputs if o is not None])


class _Slot:
    """One worker process, its pipe and the job it is running."""

    def __init__(self, context: Any, model: str) -> None:
        parent_end, child_end = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child_end, model, os.getpid()), daemon=True
        )
        self.process.start()
        child_end.close()
        self.conn: Connection = parent_end
        self.ready = False
        self.job: _Job | None = None
        self.deadline = float("inf")

    def send(self, job: _Job, seconds: float) -> None:
        self.job = job
        self.deadline = time.monotonic() + seconds
        self.conn.send(job.task)

    def receive(self) -> tuple[str, Any] | None:
        """The worker's next message, or None when the worker is gone."""
        try:
            if self.conn.poll():
                return self.conn.recv()
        except (EOFError, OSError):
            return None
        return ("alive", None) if self.process.is_alive() else None

    def death_reason(self) -> str:
        self.process.join(timeout=5)
        code = self.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            hint = ", often out of memory" if -code == signal.SIGKILL else ""
            return f"worker died: signal {-code} ({name}{hint})"
        return f"worker died: exit code {code}"

    def stop(self, now: bool = False) -> None:
        with contextlib.suppress(OSError, ValueError):
            if not now:
                self.conn.send(None)
                self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class _Pool:
    """Worker processes on this machine, fed chunk tasks from a queue (module doc)."""

    def __init__(self, tasks: list[ChunkTask], workers: int, model: str, timeout: float):
        self.context = multiprocessing.get_context("spawn")
        self.model, self.timeout = model, timeout
        self.queue: deque[_Job] = deque(_Job(t) for t in tasks)
        self.slots = [_Slot(self.context, model) for _ in range(workers)]
        self.split: Split = {}

    def busy(self) -> bool:
        return bool(self.queue) or any(s.job is not None for s in self.slots)

    def run(self) -> Iterator[ChunkOutput]:
        while self.busy():
            for slot in self.slots:
                if slot.ready and slot.job is None and self.queue:
                    job = self.queue.popleft()
                    slot.send(job, self.timeout * len(job.task["documents"]))
            soonest = min(s.deadline for s in self.slots) - time.monotonic()
            handles = [s.conn for s in self.slots] + [s.process.sentinel for s in self.slots]
            wait(handles, timeout=max(0.0, min(soonest, 1.0)))
            for i, slot in enumerate(self.slots):
                yield from self._check(i, slot)

    def _check(self, i: int, slot: _Slot) -> Iterator[ChunkOutput]:
        message = slot.receive()
        if message is None:
            yield from self._lost(i, slot, slot.death_reason())
            return
        kind, payload = message
        if kind == "ready":
            slot.ready = True
        elif kind == "fatal":
            raise ExtractorError(payload)
        elif kind == "crash":
            yield from self._lost(i, slot, payload)
        elif kind == "done" and slot.job is not None:
            job, slot.job, slot.deadline = slot.job, None, float("inf")
            yield from self._finish(job, payload)
        elif kind == "alive" and time.monotonic() > slot.deadline:
            limit = f"{self.timeout:g} s per document"
            yield from self._lost(i, slot, f"timed out (limit --doc-timeout {limit})")

    def _lost(self, i: int, slot: _Slot, reason: str) -> Iterator[ChunkOutput]:
        """The worker died, crashed or ran out of time: replace it, isolate its chunk."""
        job = slot.job
        if job is None and not slot.ready:
            raise ExtractorError(f"a worker process failed while loading the model ({reason})")
        slot.stop(now=True)
        self.slots[i] = _Slot(self.context, self.model)
        if job is None:
            return
        if job.position is None and len(job.task["documents"]) > 1:
            parts = split_task(job.task)
            self.split[job.task["index"]] = (job.task, [None] * len(parts))
            self.queue.extendleft(reversed([_Job(t, n) for n, t in enumerate(parts)]))
            return
        yield from self._finish(job, failed_output(job.task, reason))

    def _finish(self, job: _Job, output: ChunkOutput) -> Iterator[ChunkOutput]:
        yield from reassemble(self.split, job, output)

    def shutdown(self) -> None:
        for slot in self.slots:
            slot.stop(now=slot.job is not None)


def run_pool(
    tasks: list[ChunkTask], workers: int, model: str, doc_timeout: float
) -> Iterator[ChunkOutput]:
    """Chunks on worker processes (``spawn``, never ``fork`` after a model or BLAS threads
    exist), each loading the model once; see the module doc for deaths and time limits."""
    pool = _Pool(tasks, workers, model, doc_timeout)
    try:
        yield from pool.run()
    finally:
        pool.shutdown()


# --------------------------------------------------------------------------- Dask


def _dask_client(stack: contextlib.ExitStack, workers: int, scheduler: str | None) -> Any:
    import logging

    import dask
    from dask.distributed import Client, LocalCluster

    try:
        if scheduler:
            return stack.enter_context(Client(scheduler))
        # A chunk that kills its worker is retried per document at once, not three times;
        # a worker holds only the task it runs (saturation 1.0), so no innocent task queued
        # behind a culprit dies with it.
        stack.enter_context(
            dask.config.set(
                {
                    "distributed.scheduler.allowed-failures": 0,
                    "distributed.scheduler.worker-saturation": 1.0,
                }
            )
        )
        cluster = stack.enter_context(
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.CRITICAL,  # a worker cut off by Ctrl-C logs no traceback
            )
        )
        return stack.enter_context(Client(cluster))
    except OSError as exc:
        raise ExtractorError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc


def run_dask(
    tasks: list[ChunkTask], workers: int, scheduler: str | None, doc_timeout: float
) -> Iterator[ChunkOutput]:
    """Chunks on a Dask cluster: the one at ``scheduler``, else a local one of ``workers``.

    The same :func:`process_chunk` runs on the workers (paths in, strings out); each worker
    process loads the model when it starts and keeps it. One thread per worker, because
    spaCy cannot start processes of its own inside a daemonic Dask worker.
    """
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise ExtractorError(DASK_MISSING) from exc

    with contextlib.ExitStack() as stack:
        client = _dask_client(stack, workers, scheduler)
        model = tasks[0]["model"] if tasks else ""
        with contextlib.suppress(Exception):  # a scheduler without nannies still works
            client.register_plugin(ModelPreload(model), name="extractor-model")
        run = _DaskRun(client, doc_timeout)
        window = max(workers, len(client.scheduler_info().get("workers", {})), 1)
        try:
            yield from run.run(iter(tasks), window)
        finally:
            run.cancel()


class ModelPreload:
    """Dask worker plugin: load and warm the model when a worker starts, not in a task."""

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        with contextlib.suppress(Exception):  # a failure is raised again by the first task
            _warm_up(get_extractor(self.model))


class _DaskRun:
    """Chunks in flight on Dask, each with a deadline; a late one's worker is restarted.

    A task's clock starts when it is submitted; at most one task per worker is in flight,
    so it starts at once. A chunk lost with its worker is split into one task per document;
    each document is tried twice, and one past the limit both times fails with "timed out".
    """

    def __init__(self, client: Any, doc_timeout: float) -> None:
        self.client, self.timeout = client, doc_timeout
        self.in_flight: dict[Any, tuple[_Job, float]] = {}
        self.split: Split = {}
        self.timed_out: set[str] = set()

    def submit(self, job: _Job) -> None:
        # A key of its own per chunk: Dask never merges or caches two runs' chunks.
        solo = job.position is None and job.attempt == 0
        suffix = "" if solo else f"-doc{job.position or 0}-{job.attempt}"
        key = f"extractor-chunk-{job.task['index']}-{job.task['key']}{suffix}"
        future = self.client.submit(process_chunk, job.task, key=key, pure=False)
        self.in_flight[future] = (job, time.monotonic())

    def run(self, pending: Iterator[ChunkTask], window: int) -> Iterator[ChunkOutput]:
        from distributed import wait as dask_wait

        for task in _take(pending, window):
            self.submit(_Job(task))
        while self.in_flight:
            try:
                done = dask_wait(list(self.in_flight), timeout=1.0, return_when="FIRST_COMPLETED")
                finished = list(done.done)
            except (TimeoutError, asyncio.TimeoutError):
                finished = []
            for future in finished:
                job, _ = self.in_flight.pop(future)
                yield from self.outcome(future, job)
                task = next(pending, None)
                if task is not None:
                    self.submit(_Job(task))
            self.enforce_deadlines()

    def enforce_deadlines(self) -> None:
        now = time.monotonic()
        late = [
            future
            for future, (job, started) in self.in_flight.items()
            if now - started > self.timeout * len(job.task["documents"])
        ]
        if not late:
            return
        processing = self.client.processing()
        for future in late:
            worker = next((w for w, keys in processing.items() if future.key in keys), None)
            if worker is None:
                continue
            job, _ = self.in_flight[future]
            self.in_flight[future] = (job, now)  # if rescheduled elsewhere, a new clock
            self.timed_out.add(future.key)
            with contextlib.suppress(Exception):
                self.client.restart_workers([worker], raise_for_error=False)

    def outcome(self, future: Any, job: _Job) -> Iterator[ChunkOutput]:
        """A finished future as chunk outputs (none while a split chunk is incomplete)."""
        try:
            output = future.result()
        except ExtractorError:
            raise
        except Exception as exc:  # noqa: BLE001  (a lost worker: isolate, then fail one)
            timed_out = future.key in self.timed_out
            if job.position is None and len(job.task["documents"]) > 1:
                parts = split_task(job.task)
                self.split[job.task["index"]] = (job.task, [None] * len(parts))
                for n, part in enumerate(parts):
                    self.submit(_Job(part, n))
                return
            if job.attempt + 1 < DASK_ATTEMPTS:
                # Tasks queued on a worker that died or was restarted are suspects with it:
                # an innocent document gets another try (a busy or warming worker may have
                # held it past the limit), the culprit fails every worker it is given.
                self.submit(_Job(job.task, job.position, job.attempt + 1))
                return
            limit = f"timed out (limit --doc-timeout {self.timeout:g} s per document)"
            output = failed_output(
                job.task, limit if timed_out else f"worker died on Dask ({type(exc).__name__})"
            )
        yield from self.collect(job, output)

    def collect(self, job: _Job, output: ChunkOutput) -> Iterator[ChunkOutput]:
        yield from reassemble(self.split, job, output)

    def cancel(self) -> None:
        with contextlib.suppress(Exception):
            self.client.cancel(list(self.in_flight))
        self.in_flight.clear()


def _take(iterator: Iterator, n: int) -> list:
    out = []
    for item in iterator:
        out.append(item)
        if len(out) >= n:
            break
    return out
