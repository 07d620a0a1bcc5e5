"""Where a build spends its time and memory: each stage's seconds and the process's memory after it.

``python build.py -v`` prints the table after the summary (CI logs show which stage grew).
"""

from __future__ import annotations

import resource
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from rich.cells import cell_len


@dataclass(frozen=True)
class Stage:
    name: str
    seconds: float
    peak_mb: float  #: the process's peak resident memory so far, at the end of the stage


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@dataclass
class Stopwatch:
    stages: list[Stage] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.stages.append(Stage(name, time.perf_counter() - started, peak_rss_mb()))

    def lines(self) -> list[str]:
        """The table, one line a stage, for ``-v`` (names padded by their width on a terminal: 用 is two columns)."""
        width = max((cell_len(s.name) for s in self.stages), default=0)
        pad = lambda name: name + " " * (width - cell_len(name))  # noqa: E731
        rows = [f"  {pad(s.name)} {s.seconds:7.2f} 秒   峰值内存 {s.peak_mb:5.0f} MB" for s in self.stages]
        return ["各阶段用时：", *rows, f"  {pad('合计')} {sum(s.seconds for s in self.stages):7.2f} 秒"]
