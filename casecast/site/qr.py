"""The QR code of a case page: its public address as inline SVG, made at build time with segno.

Page bodies pass the site's sanitiser, which lets no SVG through. So the case template writes only a
placeholder (:data:`QR_PLACEHOLDER`), and the MkDocs hook replaces it, after sanitising, with the
QR code of the page's own public address: content cannot draw a QR code that points anywhere else.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..qr import qr_code

#: What the case template writes where the QR code goes (it survives the sanitiser: a span with data-*).
QR_PLACEHOLDER = Markup('<span class="cc-qr__code" data-cc-qr=""></span>')
_PLACEHOLDER = re.compile(r'<span class="cc-qr__code" data-cc-qr="[^"]*"></span>')


def render_qr_svg(url: str, *, label: str) -> Markup:
    """An SVG QR code of ``url`` (error correction M, quiet zone kept) named ``label`` for screen readers.

    segno escapes nothing in ``title``, so the label is HTML-escaped here; the path data is digits only.
    """
    svg = qr_code(url).svg_inline(scale=4, border=4, dark="#000", light="#fff", svgclass="cc-qr__code", lineclass=None, omitsize=False)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def insert_qr_codes(page_html: str, page_url: str) -> str:
    """Replace each QR placeholder in a sanitised page body with the QR code of ``page_url``."""
    if not page_url or "data-cc-qr" not in page_html:
        return page_html
    svg = render_qr_svg(page_url, label=f"本案例网址的二维码：{page_url}")
    return _PLACEHOLDER.sub(lambda _: str(svg), page_html)
