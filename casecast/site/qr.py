"""The QR code of a case page: its public address as inline SVG, made at build time with segno."""

from __future__ import annotations

import segno
from markupsafe import Markup, escape


def render_qr_svg(url: str, *, label: str) -> Markup:
    """An SVG QR code of ``url`` (error correction M, quiet zone kept) named ``label`` for screen readers.

    segno escapes nothing in ``title``, so the label is HTML-escaped here; the path data is digits only.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=4, border=4, dark="#000", light="#fff", svgclass="cc-qr__code", lineclass=None, omitsize=False)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))
