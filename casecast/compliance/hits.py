"""Raw findings in one text, before they get a severity, a file position and a message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..diagnostics import Severity
from ..model import Allowance
from .packs import Rule

if TYPE_CHECKING:
    from .units import TextUnit


@dataclass(frozen=True)
class Hit:
    """Rule ``rule`` matched ``text[start:end]``; ``context`` says why it is not the bank's own voice."""

    rule: Rule
    start: int
    end: int
    matched: str
    context: str | None = None


@dataclass(frozen=True)
class Finding:
    """A hit in one text unit, with its severity decided (own voice, context, or allowed)."""

    hit: Hit
    unit: "TextUnit"
    severity: Severity
    allowance: Allowance | None = None
    note: str = ""  # extra words for the message (pack E: which wording triggered it)
