"""Typst from the ``typst`` wheel: one template + JSON data in, PDF bytes out (text stays text)."""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import typst

from ..errors import BuildError, ConfigError
from .settings import LeafletSettings

OVERFLOW = "casecast-overflow"  #: what a template panics with when its one page overflows


class PageOverflow(BuildError):
    """The content did not fit on the page(s) the template allows."""


@lru_cache(maxsize=8)
def _families(font_paths: tuple[str, ...]) -> frozenset[str]:
    return frozenset(typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=list(font_paths)).families())


def require_font(settings: LeafletSettings) -> None:
    """Refuse to typeset without the CJK font (Typst would draw empty boxes for Chinese)."""
    if settings.font not in _families(settings.font_paths):
        raise ConfigError(
            f"font '{settings.font}' not found in {', '.join(settings.font_paths)} (extra.casecast.leaflet.font / font_paths); "
            "install it with `apt-get install fonts-noto-cjk` (see the README's 打印资料 chapter)"
        )


@lru_cache(maxsize=1)
def typst_version() -> str:
    return metadata.version("typst")


@lru_cache(maxsize=8)
def _compiler(template: str, font_paths: tuple[str, ...]) -> typst.Compiler:
    """One Typst compiler per template, kept between PDFs.

    A fresh ``typst.compile`` scans and parses the CJK fonts again for every PDF: 0.17 s a leaflet against
    0.05 s with a kept compiler, and about 80 MB more memory (measured on the sample leaflets, 200 PDFs,
    byte-identical output). Typst reads the template and its imports again on every compile, so an
    edited template is seen by the next PDF.
    """
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=list(font_paths))
    return typst.Compiler(template, root=str(Path(template).parent), font_paths=fonts, ignore_system_fonts=True)


_COMPILING = threading.Lock()  #: a kept compiler is one Typst world: one PDF at a time


def release_compilers() -> None:
    """Drop the kept compilers and their fonts (about 75 MB), e.g. before the build forks its espeak children."""
    with _COMPILING:
        _compiler.cache_clear()


def compile_pdf(template: Path, data: dict[str, Any], settings: LeafletSettings) -> bytes:
    """Typeset ``template`` (its folder is the Typst root) with ``data`` as ``sys.inputs.data``."""
    try:
        with _COMPILING:
            if not template.is_file():
                raise FileNotFoundError(template)
            compiler = _compiler(str(template), tuple(settings.font_paths))
            return compiler.compile(sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
    except typst.TypstError as exc:
        message = str(exc)
        if OVERFLOW in message:
            raise PageOverflow(message) from None
        raise BuildError(f"{template}: Typst could not typeset it: {message.splitlines()[0] if message else exc!r}; check templates/leaflet/") from None
    except FileNotFoundError:
        raise ConfigError(f"{template}: template missing; restore templates/leaflet/ from the repository") from None
