"""Build an output folder (site/, wechat/) in a temporary folder beside it, then swap it in with renames.

Until the final rename the previous folder is untouched; if anything fails the temporary folder
is removed and the previous one stays exactly as it was (same bytes, same times).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def staging_folder(target: Path) -> Iterator[Path]:
    """An empty folder on the same file system as ``target``; removed if the block fails."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the output
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging``; the old folder is deleted only after the swap."""
    if not target.exists():
        os.replace(staging, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.replace(target, retired / target.name)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(retired / target.name, target)
        shutil.rmtree(retired, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)
