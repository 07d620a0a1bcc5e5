"""The C library, loaded once: for the few system calls Python's standard library does not wrap.

``ctypes.util.find_library`` runs a subprocess or scans the linker cache (milliseconds each time), so the
handle is looked up once per process and shared by ``writer`` (``renameat2``), ``forked`` (``prctl``)
and ``memory`` (``mallopt``). Forked children inherit it with the rest of the parent's memory.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import lru_cache


@lru_cache(maxsize=1)
def c_library() -> ctypes.CDLL | None:
    """The process's C library with ``errno`` kept for ``ctypes.get_errno``; None off Linux or when it cannot load."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
