"""Progress of a batch on stderr: a rich bar on a terminal, plain log lines otherwise.

Failures and warnings are printed whatever the progress mode (``--no-progress`` turns off
the bar and the rate lines, never the names of the files that failed). Every name is
printed with its control characters escaped, so a file name cannot rewrite the terminal.
"""

from __future__ import annotations

import time
from typing import Any, TextIO

from extractor.errors import escape_controls


class Progress:
    """Documents done, rate and ETA.

    Args:
        total: Documents in the run.
        done: Documents already done (reused chunks).
        mode: ``"bar"``, ``"log"`` or None (no progress, messages only).
        stream: Where to print (stderr).
    """

    LOG_EVERY = 5.0  # seconds between plain log lines

    def __init__(self, total: int, done: int, mode: str | None, stream: TextIO) -> None:
        self.total, self.done, self.mode, self.stream = total, done, mode, stream
        self.started = time.monotonic()
        self.start_done = done
        self._last_log = 0.0
        self._bar: Any = None
        if mode == "bar":
            self._start_bar()

    def _start_bar(self) -> None:
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
            console=Console(file=self.stream, force_terminal=True),
            transient=False,
        )
        self._bar.start()
        self._task = self._bar.add_task("extract", total=self.total, completed=self.done, rate="")

    def _rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return (self.done - self.start_done) / elapsed if elapsed > 0 else 0.0

    def message(self, text: str) -> None:
        """Print one line (a failure, a warning, a notice), escaped, in any mode."""
        text = escape_controls(text)
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


def progress_mode(option: bool | None, stream: TextIO) -> str | None:
    """``"bar"`` when asked or on a terminal, ``"log"`` otherwise, None when turned off."""
    if option is False:
        return None
    if option is True:
        return "bar"
    return "bar" if stream.isatty() else "log"
