"""Plan a batch: cut the documents into chunks and key each by everything its output depends on.

A chunk is the unit of work handed to a worker and the unit of resume (spaCy #5111: big
chunks, re-run the chunks whose output is missing). Its composition depends only on the
inputs and the options, never on the number of workers or the engine, so every way of
running gives the same chunks and byte-identical output.

A chunk's key hashes each document's ``doc_id``, path and *content* (BLAKE2b of the bytes
of the file and of its sidecar) with the run fingerprint (model, library and code
versions, read limits). Hashing is cached by size, mtime, ctime and inode, so an unchanged
file is not read again, while an edit that keeps size and mtime still changes the ctime.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from dataclasses import asdict, dataclass
from importlib.resources import files
from pathlib import Path

from extractor.batch.inputs import InputDocument
from extractor.ingest.limits import ReadLimits
from extractor.ingest.load import sidecar_path

# Bumped whenever the part file layout or the chunk key changes, so old parts are not reused.
PART_FORMAT = 2
_HASH_BLOCK = 1 << 20


@dataclass(frozen=True)
class Chunk:
    """Consecutive documents processed and stored together."""

    index: int
    key: str
    documents: tuple[InputDocument, ...]

    @property
    def part_name(self) -> str:
        return f"{self.index:06d}-{self.key[:20]}.part"


class ContentHashes:
    """BLAKE2b digests of files, cached by (size, mtime, ctime, inode) across runs.

    Args:
        max_bytes: Files larger than this are keyed by their stat alone (they are refused
            unread by the size limit, so their bytes never matter).
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.cache: dict[str, list] = {}
        self.used: dict[str, list] = {}

    def load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict):
            self.cache = data

    def save(self, path: Path) -> None:
        from extractor.batch.store import atomic_write_text

        # Only this run's files: the cache never outgrows the inputs.
        atomic_write_text(path, json.dumps(self.used, sort_keys=True) + "\n")

    def digest(self, path: Path) -> list | None:
        """``[size, blake2b hex]`` of a regular file; None when it is missing or unreadable."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        if not _is_regular(st.st_mode):
            return None
        signature = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        name = os.fsencode(path).decode("utf-8", "backslashreplace")
        cached = self.cache.get(name)
        if cached and cached[0] == signature:
            self.used[name] = cached
            return [st.st_size, cached[1]]
        if st.st_size > self.max_bytes:
            value = "stat:" + ":".join(str(x) for x in signature)
        else:
            try:
                value = _blake2_file(path)
            except OSError:
                return None
        self.cache[name] = self.used[name] = [signature, value]
        return [st.st_size, value]


def _is_regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)


def _blake2_file(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


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


def package_version(name: str) -> str | None:
    """The installed version of a distribution, or None."""
    try:
        return importlib.metadata.version(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None


def run_fingerprint(model_name: str, limits: ReadLimits) -> dict:
    """What, besides the inputs, decides the output: model, versions, code and limits."""
    from extractor import __version__

    return {
        "format": PART_FORMAT,
        "extractor": __version__,
        "model": model_name,
        "model_version": package_version(model_name),
        "spacy": package_version("spacy"),
        "code": code_fingerprint(),
        "limits": asdict(limits),
    }


def document_entries(documents: list[InputDocument], hashes: ContentHashes) -> list[list]:
    """Per document: what its output depends on (id, path, content of file and sidecar)."""
    entries: list[list] = []
    for doc in documents:
        if doc.problem is not None:
            entries.append([doc.doc_id, str(doc.path), doc.problem])
            continue
        content = hashes.digest(doc.path)
        sidecar = hashes.digest(sidecar_path(doc.path))
        entries.append([doc.doc_id, str(doc.path), content, sidecar])
    return entries


def _key(payload: object) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def run_id(fingerprint: dict, entries: list[list]) -> str:
    """The run's id: a hash of its inputs, options and versions, so reruns reproduce it."""
    return _key({"run": fingerprint, "documents": entries})[:16]


def plan_chunks(
    documents: list[InputDocument],
    entries: list[list],
    fingerprint: dict,
    chunk_size: int,
    chunk_bytes: int,
) -> list[Chunk]:
    """Cut the documents into chunks of at most ``chunk_size`` documents and about
    ``chunk_bytes`` of input, and key each chunk."""
    groups: list[list[int]] = []
    current: list[int] = []
    current_bytes = 0
    for i, entry in enumerate(entries):
        size = entry[2][0] if len(entry) > 3 and entry[2] else 0
        if current and (len(current) >= chunk_size or current_bytes + size > chunk_bytes):
            groups.append(current)
            current, current_bytes = [], 0
        current.append(i)
        current_bytes += size
    if current:
        groups.append(current)
    return [
        Chunk(
            index,
            _key({"run": fingerprint, "documents": [entries[i] for i in group]}),
            tuple(documents[i] for i in group),
        )
        for index, group in enumerate(groups)
    ]
