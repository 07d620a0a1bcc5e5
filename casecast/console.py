"""Terminal output for the command line: messages, progress bars and the build summary.

Library code never prints; it accepts a ``progress`` callable. The CLI makes one from here.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

T = TypeVar("T")

#: ``progress(description, done, total)``: called by long-running library functions.
ProgressCallback = Callable[[str, int, int], None]


@dataclass
class Reporter:
    """What the CLI prints, honouring ``-q`` and ``-v``."""

    verbosity: int = 1  # 0 quiet, 1 normal, 2 verbose
    out: Console = field(default_factory=lambda: Console(highlight=False, soft_wrap=True))
    err: Console = field(default_factory=lambda: Console(stderr=True, highlight=False, soft_wrap=True))
    summary: list[str] = field(default_factory=list)

    def info(self, message: str) -> None:
        if self.verbosity >= 1:
            self.err.print(message, markup=False)

    def debug(self, message: str) -> None:
        if self.verbosity >= 2:
            self.err.print(message, markup=False, style="dim")

    def warn(self, message: str) -> None:
        self.err.print(f"警告：{message}", markup=False, style="yellow")

    def fail(self, message: str) -> None:
        self.err.print(f"错误：{message}", markup=False, style="bold red")

    def add_summary(self, line: str) -> None:
        self.summary.append(line)

    def print_summary(self) -> None:
        if self.verbosity >= 1 and self.summary:
            self.err.print("\n".join(self.summary), markup=False)

    @contextmanager
    def progress(self) -> Iterator[ProgressCallback]:
        """A ``progress(description, done, total)`` callback drawing a bar on a terminal."""
        if self.verbosity < 1 or not self.err.is_terminal:
            yield lambda description, done, total: None
            return
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=self.err, transient=True) as bar:
            tasks: dict[str, int] = {}

            def update(description: str, done: int, total: int) -> None:
                if description not in tasks:
                    tasks[description] = bar.add_task(description, total=total)
                bar.update(tasks[description], completed=done, total=total)

            yield update


def track(items: Iterable[T], description: str, total: int, progress: ProgressCallback | None) -> Iterator[T]:
    """Iterate ``items`` reporting progress through ``progress`` (if any)."""
    for done, item in enumerate(items):
        if progress:
            progress(description, done, total)
        yield item
    if progress:
        progress(description, total, total)
