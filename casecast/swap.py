"""Build an output folder in a staging folder beside it, then swap it in (kept for other channels' use).

The build's writer (:mod:`casecast.writer`) does the work: :class:`~casecast.writer.StagedFolder` for new
code; these two helpers keep the older interface. Until the swap the previous folder is untouched; if
anything fails the staging folder is removed and the previous one stays exactly as it was.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .writer import StagedFolder, swap_folder


@contextmanager
def staging_folder(target: Path) -> Iterator[Path]:
    """An empty folder on the same file system as ``target``; removed if the block fails."""
    staged = StagedFolder(target)
    try:
        yield staged.path
    except BaseException:
        shutil.rmtree(staged.path, ignore_errors=True)
        raise


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging`` (atomically where Linux allows); the old folder is deleted after."""
    swap_folder(staging, target)
