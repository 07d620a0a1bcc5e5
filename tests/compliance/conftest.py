"""Print the corpus's precision and recall per rule at the end of the run (no -s needed)."""

from __future__ import annotations

from compliance_report import REPORTS


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    for text in REPORTS:
        terminalreporter.write_sep("-", "compliance corpus: precision and recall per rule")
        terminalreporter.write_line(text)
