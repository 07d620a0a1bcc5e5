"""Printed material (#14): an A4 leaflet per case, an A5 booklet and a quiz sheet per category.

Typeset with Typst (the ``typst`` wheel carries its compiler) from ``templates/leaflet/*.typ``;
``python build.py print`` and the full build write them to ``print/``.

The names below are imported on first use: the typesetting worker process imports
``casecast.leaflet.typeset`` alone and need not load the rest of casecast.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "LeafletSettings": "settings", "parse_leaflet_settings": "settings",
    "PrintReport": "print_set", "finish_print": "print_set", "plan_print": "print_set", "render_print": "print_set",
    "write_print": "print_set", "Typesetter": "typeset",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'casecast.leaflet' has no attribute '{name}'")
    from importlib import import_module

    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
