"""Compiled Jinja templates kept between builds: Jinja's bytecode cache in ``.cache/casecast/jinja/``.

MkDocs makes a new Jinja environment for the theme on every build, and so compiles Material's templates
again every time (half a second; on every save in ``serve``). Jinja's own bytecode cache keeps the
compiled code keyed by each template's name and file and checks it against the template's source, so an
edited override is compiled again. The folder is a cache: deleting it is safe, and one that cannot be
written only costs time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket

FOLDER = Path(".cache") / "casecast" / "jinja"


class _Cache(FileSystemBytecodeCache):
    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a cache that cannot be written only costs time


@lru_cache(maxsize=8)
def compiled_templates_cache(project: Path) -> BytecodeCache | None:
    """The cache of the project in ``project`` (None when its folder cannot be made)."""
    folder = project / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Cache(str(folder))
