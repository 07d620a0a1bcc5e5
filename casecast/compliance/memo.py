"""Findings remembered per case and per published text, so a rebuild checks and gates only what changed.

The compliance check of a case depends on the case (``Case.fingerprint``, the hash of all its fields),
mkdocs.yml (settings, hotline, the defaults a case takes), the taxonomy and the
project's rule packs; a channel's gate on the text too. Each is keyed by the hash of all of them and
of casecast's code and installed versions, in ``.cache/casecast/findings.json`` (:class:`casecast.memo.Memo`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..build_record import code_fingerprint
from ..config import Config
from ..diagnostics import Diagnostic, Severity
from ..memo import Memo, cache_dir, content_key
from ..model import Case
from ..taxonomy import TAXONOMY_FILE
from .settings import read_compliance_settings

MEMO_FILE = "findings.json"
MEMO_VERSION = 1


def rules_fingerprint(config: Config) -> str:
    """mkdocs.yml, the taxonomy, every project rule pack (the shipped ones are code) and the code's fingerprint."""
    files = [config.config_file, config.content_dir / TAXONOMY_FILE, *read_compliance_settings(config).packs]
    return content_key(*(_bytes(path) for path in files), code_fingerprint())


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"(missing)"  # loading it says what is wrong


class FindingsMemo:
    def __init__(self, config: Config) -> None:
        self._memo = Memo(cache_dir(config) / MEMO_FILE, MEMO_VERSION)
        self._rules = rules_fingerprint(config)

    def check_key(self, case: Case) -> str:
        return content_key("check", self._rules, case.fingerprint)

    def gate_key(self, case: Case, channel: str, text: str) -> str:
        return content_key("gate", self._rules, case.fingerprint, channel, text)

    def get(self, key: str) -> list[Diagnostic] | None:
        rows = self._memo.get(key)
        if not isinstance(rows, list):
            return None
        try:
            return [Diagnostic(path, line, col, Severity(severity), code, message) for path, line, col, severity, code, message in rows]
        except (TypeError, ValueError):
            return None

    def put(self, key: str, diagnostics: Sequence[Diagnostic]) -> None:
        self._memo.put(key, [[d.path, d.line, d.col, d.severity.value, d.code, d.message] for d in diagnostics])

    def save(self, *, prune: bool = False) -> None:
        self._memo.save(prune=prune)
