"""The finished chunks of a run (``OUT/.parts/``) and the three output files made from them.

A part file is a JSON header line (key, counts, byte length of each section) followed by the
chunk's ``events``, ``documents`` and ``errors`` lines. It is written to a temporary file,
fsynced and renamed into place, so a part either exists whole or not at all; a rerun skips
every chunk whose part exists.

The three output files switch together. They are written in full to temporary files first;
then a journal (``.parts/switch.json``) naming the renames is written, the old files are
kept as hard links, and the renames happen. If a rename fails, the ones already done are
rolled back, so the three files stay those of the previous run; if the process dies
between renames, the next run finds the journal and completes them (the temporary files
are whole before the journal exists). Either way a reader never sees a mix of two runs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from filelock import BaseFileLock

from extractor.batch.chunks import PART_FORMAT, Chunk
from extractor.batch.worker import RUN_ID_PLACEHOLDER, ChunkOutput
from extractor.errors import ExtractorError

OUTPUT_FILES = ("events.jsonl", "documents.jsonl", "errors.jsonl")
PARTS_DIR = ".parts"
SWITCH_JOURNAL = "switch.json"
HASH_CACHE = "hashes.json"
_RUN_ID_PREFIX = b'{"run_id": "' + RUN_ID_PLACEHOLDER.encode() + b'"'


class PartStore:
    """The parts of one output folder, held under a run lock for the life of the run."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.dir = out_dir / PARTS_DIR
        self._lock: BaseFileLock | None = None

    def open(self) -> None:
        """Create the folder, take the run lock, finish an interrupted switch, drop temp files.

        Raises:
            ExtractorError: another run holds the lock.
            OSError: the folder cannot be created or written.
        """
        from filelock import FileLock, Timeout

        self.dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.dir / "lock"), timeout=0, is_singleton=False)
        try:
            lock.acquire()
        except Timeout as exc:
            raise ExtractorError(
                f"another run is writing to {self.out_dir} (lock {self.dir / 'lock'})"
            ) from exc
        self._lock = lock
        self.recover_switch()
        for stale in [*self.dir.glob("*.tmp"), *self.out_dir.glob(".*.jsonl.tmp")]:
            stale.unlink(missing_ok=True)

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def hash_cache(self) -> Path:
        return self.dir / HASH_CACHE

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

    def write(self, chunk: Chunk, output: ChunkOutput) -> dict:
        """Store one chunk's output as its part file; returns the part's header."""
        sections = [
            str(output[name]).encode("utf-8", "backslashreplace")
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
        fsync_dir(self.dir)
        return header

    def write_manifest(self, fingerprint: dict, run_id: str, chunks: list[Chunk]) -> None:
        """Record what the parts were made from (for people; resume relies on part keys)."""
        manifest = {
            "run": fingerprint,
            "run_id": run_id,
            "chunks": [
                {
                    "index": c.index,
                    "key": c.key,
                    "part": c.part_name,
                    "documents": [
                        {"doc_id": d.doc_id, "path": str(d.path), "problem": d.problem}
                        for d in c.documents
                    ],
                }
                for c in chunks
            ],
        }
        atomic_write_text(self.dir / "manifest.json", json.dumps(manifest, indent=1) + "\n")

    def assemble(self, chunks: list[Chunk], run_id: str) -> None:
        """Concatenate the parts, in chunk order, into the three output files, together."""
        targets = [self.out_dir / name for name in OUTPUT_FILES]
        tmps = [self.out_dir / f".{name}.tmp" for name in OUTPUT_FILES]
        handles = [open(tmp, "wb") for tmp in tmps]  # noqa: SIM115
        try:
            for chunk in chunks:
                self._copy_part(chunk, handles, run_id)
            for handle in handles:
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            for handle in handles:
                handle.close()
        self.switch(list(zip(tmps, targets, strict=True)))

    def _copy_part(self, chunk: Chunk, handles: Sequence[BinaryIO], run_id: str) -> None:
        with open(self.dir / chunk.part_name, "rb") as part:
            header = json.loads(part.readline())
            if header.get("key") != chunk.key:
                raise ExtractorError(f"part {chunk.part_name} changed during the run")
            for name, handle, size in zip(OUTPUT_FILES, handles, header["sizes"], strict=True):
                data = _read_exactly(part, size)
                if name == "documents.jsonl":
                    data = _with_run_id(data, run_id)
                handle.write(data)

    def switch(self, renames: list[tuple[Path, Path]]) -> None:
        """Rename the finished temporary files over the outputs, all or none (module doc)."""
        journal = self.dir / SWITCH_JOURNAL
        atomic_write_text(journal, json.dumps([[str(a), str(b)] for a, b in renames]) + "\n")
        backups = []
        for _, target in renames:
            backup = self.dir / f"{target.name}.old"
            backup.unlink(missing_ok=True)
            if target.exists():
                os.link(target, backup)
            backups.append(backup)
        done: list[int] = []
        try:
            for i, (tmp, target) in enumerate(renames):
                os.replace(tmp, target)
                done.append(i)
        except OSError:
            for i in reversed(done):
                _restore(backups[i], renames[i][1])
            journal.unlink(missing_ok=True)
            raise
        fsync_dir(self.out_dir)
        journal.unlink(missing_ok=True)
        for backup in backups:
            backup.unlink(missing_ok=True)

    def recover_switch(self) -> None:
        """Complete the renames of a switch interrupted by the death of its process."""
        journal = self.dir / SWITCH_JOURNAL
        try:
            renames = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        for tmp, target in renames:
            if os.path.exists(tmp):
                os.replace(tmp, target)
        fsync_dir(self.out_dir)
        journal.unlink(missing_ok=True)
        for name in OUTPUT_FILES:
            (self.dir / f"{name}.old").unlink(missing_ok=True)

    def remove_stale(self, chunks: list[Chunk]) -> None:
        """Delete parts that belong to no chunk of this run (changed or removed inputs)."""
        current = {c.part_name for c in chunks}
        for part in self.dir.glob("*.part"):
            if part.name not in current:
                part.unlink(missing_ok=True)


def _restore(backup: Path, target: Path) -> None:
    if backup.exists():
        os.replace(backup, target)
    else:
        target.unlink(missing_ok=True)


def _with_run_id(data: bytes, run_id: str) -> bytes:
    """``documents.jsonl`` lines with the workers' placeholder replaced by the run's id."""
    prefix = b'{"run_id": "' + run_id.encode() + b'"'
    lines = data.split(b"\n")
    return b"\n".join(
        prefix + line[len(_RUN_ID_PREFIX) :] if line.startswith(_RUN_ID_PREFIX) else line
        for line in lines
    )


def _read_exactly(source: BinaryIO, size: int) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise ExtractorError(f"part file {source.name} is truncated")
    return data


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable."""
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


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a fsynced temporary file and a rename."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
