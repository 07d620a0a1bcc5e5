"""Reports collected during the run, printed by conftest.py's terminal summary."""

from __future__ import annotations

REPORTS: list[str] = []


def record_corpus_report(text: str) -> None:
    REPORTS.append(text)
