"""Discover the inputs of a batch and give each its ``doc_id``.

Every name that looks like an input is accounted for: a readable regular file becomes a
document; a symlink loop, a dangling link, a FIFO, socket or device, a folder that cannot be
listed, a link leading out of the input folder (unless ``follow_links``) or a second file
with an already taken ``doc_id`` becomes an :class:`InputDocument` with a ``problem``, which
the batch writes as that input's error line without ever opening it (a FIFO would block).

``doc_id`` rule (decided per file, never by the other inputs of the run): the file name
without its extension (EVENTS.md section 1). The one exception: a non-``.txt`` file whose
folder also holds ``STEM.txt`` gets ``STEM-<ext>`` (``x.txt`` + ``x.pdf`` -> ``x`` and
``x-pdf``), the convention of the gold files for a PDF rendition beside its text. When two
inputs of one run still share an id (``a/x.txt`` and ``b/x.txt``), the first in input order
keeps it and the later one is an error line asking to rename it: an id never changes
because of what else is in the batch.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extractor.ingest.load import SUPPORTED_SUFFIXES

SIDECAR_SUFFIX = ".meta.json"
TEXT_SUFFIX = ".txt"
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass(frozen=True)
class InputDocument:
    """One input and the ``doc_id`` it is known by.

    Attributes:
        doc_id: The id of its lines in the three output files.
        path: The path as found (a link keeps its own name).
        problem: Why it is not read (it becomes its error line), or None for a document.
    """

    doc_id: str
    path: Path
    problem: str | None = None


@dataclass(frozen=True)
class Found:
    """A path met by discovery, with the reason it cannot be read (None: readable)."""

    path: Path
    problem: str | None = None


def is_input_name(name: str) -> bool:
    """True for ``*.txt``/``*.pdf`` (any case), never a sidecar or a hidden name."""
    lower = name.lower()
    return (
        not name.startswith(".")
        and lower.endswith(SUPPORTED_SUFFIXES)
        and not lower.endswith(SIDECAR_SUFFIX)
    )


def special_kind(mode: int) -> str | None:
    """``"a FIFO"`` and the like for anything that is neither a regular file nor a folder."""
    for test, kind in _SPECIAL_KINDS:
        if test(mode):
            return kind
    return None


def stat_problem(path: Path) -> str | None:
    """Why ``path`` (links followed) is not a readable regular file, or None."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop: not read"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return f"dangling symlink (to {os.readlink(path)}): not read"
        return f"cannot read: {exc.strerror or exc}"
    kind = special_kind(st.st_mode)
    if kind:
        return f"not a regular file ({kind}): never opened"
    if stat.S_ISDIR(st.st_mode):
        return "is a folder"
    return None


def _outside(path: Path, root_real: str) -> bool:
    real = os.path.realpath(path)
    return os.path.commonpath([real, root_real]) != root_real


def _walk(root: Path, follow_links: bool) -> Iterator[Found]:
    """The input-looking entries under ``root``, sorted by name at every level."""
    root_real = os.path.realpath(root)
    seen_dirs = {root_real}
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            yield Found(folder, f"cannot list folder: {exc.strerror or exc}")
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            found, subfolder = _classify(entry, root_real, follow_links, seen_dirs)
            if found is not None:
                yield found
            if subfolder is not None:
                subfolders.append(subfolder)
        pending.extend(reversed(subfolders))


def _classify(
    entry: os.DirEntry, root_real: str, follow_links: bool, seen_dirs: set[str]
) -> tuple[Found | None, Path | None]:
    """One folder entry: (an input or a problem, or None; a folder to descend, or None)."""
    path = Path(entry.path)
    link = entry.is_symlink()
    try:
        is_dir = entry.is_dir(follow_symlinks=True)
    except OSError:
        is_dir = False
    if is_dir:
        real = os.path.realpath(path)
        if real in seen_dirs:
            return None, None  # reached already (a link inside the tree, or a loop)
        if link and not follow_links:
            if _outside(path, root_real):
                reason = "symlinked folder outside the input folder: not followed"
                return Found(path, f"{reason} (use --follow-links)"), None
            return None, None
        seen_dirs.add(real)
        return None, path
    if not is_input_name(entry.name):
        return None, None
    problem: str | None = stat_problem(path)
    if problem is None and link and not follow_links and _outside(path, root_real):
        problem = "symlink to a file outside the input folder: not read (use --follow-links)"
    return Found(path, problem), None


def discover_inputs(inputs: Iterable[Path], follow_links: bool = False) -> list[Found]:
    """The inputs, in a deterministic order, each once.

    Arguments are taken in the order given; a folder contributes its ``*.txt`` and ``*.pdf``
    entries (any case, recursively, hidden names skipped) sorted by path components.
    Sidecars (``NAME.meta.json``) are never inputs. A file named explicitly is an input
    whatever its suffix, so that an unsupported file is reported, not ignored.
    """
    found: list[Found] = []
    seen: set[str] = set()
    for given in inputs:
        given = Path(given)
        if given.is_dir():
            candidates: Iterable[Found] = sorted(
                _walk(given, follow_links), key=lambda f: f.path.relative_to(given).parts
            )
        elif given.name.lower().endswith(SIDECAR_SUFFIX):
            continue
        else:
            candidates = [Found(given, stat_problem(given))]
        for item in candidates:
            identity = os.path.realpath(item.path) if item.problem is None else str(item.path)
            if identity not in seen:
                seen.add(identity)
                found.append(item)
    return found


def doc_id_for(path: Path) -> str:
    """The ``doc_id`` of one file, from its name and its folder only (see the module doc)."""
    stem = path.stem
    suffix = path.suffix.lower()
    if suffix and suffix != TEXT_SUFFIX:
        sibling = path.with_name(stem + TEXT_SUFFIX)
        if sibling != path and _is_file(sibling):
            return f"{stem}-{suffix.lstrip('.')}"
    return stem


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def assign_doc_ids(found: Iterable[Found | Path]) -> list[InputDocument]:
    """Give every input its ``doc_id``; a later input with a taken id becomes a problem."""
    documents: list[InputDocument] = []
    owners: dict[str, Path] = {}
    for item in found:
        item = item if isinstance(item, Found) else Found(Path(item))
        doc_id = doc_id_for(item.path)
        problem = item.problem
        if problem is None and doc_id in owners:
            problem = (
                f"doc_id {doc_id!r} is already the id of {owners[doc_id]} (ids are file names "
                "without extension): rename one of the two files"
            )
        owners.setdefault(doc_id, item.path)
        documents.append(InputDocument(doc_id, item.path, problem))
    return documents
