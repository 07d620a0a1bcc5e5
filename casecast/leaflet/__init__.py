"""Printed material (#14): an A4 leaflet per case, an A5 booklet and a quiz sheet per category.

Typeset with Typst (the ``typst`` wheel carries its compiler) from ``templates/leaflet/*.typ``;
``python build.py print`` and the full build write them to ``print/``.

The names below are imported on first use: the typesetting worker process imports
``casecast.leaflet.typeset`` alone and need not load the rest of casecast.
"""

from __future__ import annotations

from ..lazy import lazy_exports

_EXPORTS = {
    "LeafletSettings": "settings", "parse_leaflet_settings": "settings",
    "PrintReport": "print_set", "finish_print": "print_set", "plan_print": "print_set", "render_print": "print_set",
    "write_print": "print_set", "Typesetter": "typeset",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
