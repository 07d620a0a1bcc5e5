"""The one exception family: every error the library raises is a CasecastError.

Only the command line turns these into output and an exit code.
"""

from __future__ import annotations

import errno

#: What to do about a file system fault, by errno (one table for the library and the command line).
OS_ERROR_ADVICE = {
    errno.EISDIR: "is a folder where a file belongs; replace it with the file (see the README)",
    errno.ENOTDIR: "a part of this path is a file where a folder belongs",
    errno.EACCES: "permission denied; check the owner and permissions of this path",
    errno.EPERM: "operation not permitted; check the owner and permissions of this path",
    errno.ENOSPC: "the disk is full; free some space and run the command again",
    errno.EDQUOT: "the disk quota is used up; free some space and run the command again",
    errno.EFBIG: "a file would be larger than this file system or its limits allow",
    errno.EROFS: "the file system is read-only; build on a writable disk or pass another --config folder",
    errno.EBUSY: "is in use or a mount point; casecast replaces this folder as a whole, so mount its parent folder instead",
    errno.EXDEV: "is on another file system than its parent folder (a mount point?); casecast replaces this folder as a whole, so mount its parent folder instead",
    errno.ENOENT: "does not exist",
}


def os_error_advice(exc: OSError) -> str:
    """What went wrong and what to do, for an OSError (without the path)."""
    return OS_ERROR_ADVICE.get(exc.errno or 0, f"{exc.strerror or exc}; check this path")


class CasecastError(Exception):
    """Base class: the message says what went wrong and what to do."""


class ConfigError(CasecastError):
    """``mkdocs.yml`` or ``content/taxonomy.yml`` cannot be used."""


class ContentError(CasecastError):
    """The content failed the check; ``diagnostics`` holds every finding."""

    def __init__(self, message: str, diagnostics: list | None = None) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics or [])

    def __reduce__(self):  # noqa: ANN204 - with its findings when it comes back from a worker process
        return type(self), (str(self), self.diagnostics)


class BuildError(CasecastError):
    """An output could not be produced (the previous output is left as it was)."""


class SynthesisError(BuildError):
    """A text-to-speech engine failed for one episode."""


class PublishError(BuildError):
    """Publishing (object storage, the WeChat API) failed; the message says what to do. Never holds a secret."""
