"""The one exception family: every error the library raises is a CasecastError.

Only the command line turns these into output and an exit code.
"""

from __future__ import annotations


class CasecastError(Exception):
    """Base class: the message says what went wrong and what to do."""


class ConfigError(CasecastError):
    """``mkdocs.yml`` or ``content/taxonomy.yml`` cannot be used."""


class ContentError(CasecastError):
    """The content failed the check; ``diagnostics`` holds every finding."""

    def __init__(self, message: str, diagnostics: list | None = None) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics or [])


class BuildError(CasecastError):
    """An output could not be produced (the previous output is left as it was)."""


class SynthesisError(BuildError):
    """A text-to-speech engine failed for one episode."""


class PublishError(BuildError):
    """Publishing (object storage, the WeChat API) failed; the message says what to do. Never holds a secret."""
