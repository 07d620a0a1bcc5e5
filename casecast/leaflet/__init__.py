"""Printed material (#14): an A4 leaflet per case, an A5 booklet and a quiz sheet per category.

Typeset with Typst (the ``typst`` wheel carries its compiler) from ``templates/leaflet/*.typ``;
``python build.py print`` and the full build write them to ``print/``.
"""

from .print_set import PrintReport, render_print, write_print
from .settings import LeafletSettings, parse_leaflet_settings

__all__ = ["LeafletSettings", "PrintReport", "parse_leaflet_settings", "render_print", "write_print"]
