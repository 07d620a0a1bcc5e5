"""A package's names imported on first use (PEP 562 ``__getattr__``), so importing it loads none of its modules.

``casecast.audio`` keeps edge-tts and the episode machinery out of a process that only reads the
settings; ``casecast.leaflet`` keeps the rest of casecast out of the typesetting worker.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Callable, Mapping


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: each name in ``exports`` (name → module inside the package) on first use."""

    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f".{exports[name]}", package), name)

    return __getattr__
