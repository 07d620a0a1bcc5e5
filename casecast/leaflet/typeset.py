"""Typst from the ``typst`` wheel: one template + JSON data in, PDF bytes out (text stays text).

A full build typesets in a :class:`Typesetter`: a worker process started fresh (not forked: Typst keeps
a pool of threads, which a forked child would not have), at a lower priority, so that it uses what the
audio step and MkDocs leave of the cores and keeps Typst's fonts out of the build process.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

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


@dataclass(frozen=True)
class Typesetting:
    """One PDF to typeset: all a worker process needs (it is pickled there)."""

    name: str  #: path inside print/
    template: str  #: absolute path of the Typst template
    data: dict[str, Any]  #: at the first scale, QR codes not drawn yet (see :func:`qr_slots`)
    scales: tuple[float, ...] = (1.0,)  #: tried in turn while the page overflows (``data["scale"]``)
    masks: Mapping[str, int] | None = None  #: QR masks of its addresses, when known


def qr_slots(value: Any) -> Iterator[tuple[dict[str, Any], str]]:
    """Every ``(mapping, "<name>_qr")`` whose mapping also holds ``"<name>_url"``: a QR code to draw of that address."""
    if isinstance(value, dict):
        for key in list(value):
            if key.endswith("_qr") and value[key] is None and value.get(key[:-3] + "_url"):
                yield value, key
            else:
                yield from qr_slots(value[key])
    elif isinstance(value, list):
        for item in value:
            yield from qr_slots(item)


def qr_addresses(data: dict[str, Any]) -> list[str]:
    return [slot[key[:-3] + "_url"] for slot, key in qr_slots(data)]


def draw_qr_codes(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``data`` with every QR slot filled with its address's code (SVG)."""
    from ..qr import qr_svg

    drawn = json.loads(json.dumps(data))
    for slot, key in list(qr_slots(drawn)):
        slot[key] = qr_svg(slot[key[:-3] + "_url"])
    return drawn


def typeset(item: Typesetting, settings: LeafletSettings) -> bytes | None:
    """The PDF at the largest scale that fits; None when it overflows at every scale."""
    from ..qr import remember_masks

    require_font(settings)
    remember_masks(item.masks or {})
    data = draw_qr_codes(item.data)
    for scale in item.scales:
        try:
            return compile_pdf(Path(item.template), {**data, "scale": scale} if "scale" in data else data, settings)
        except PageOverflow:
            continue
    return None


class Typesetter:
    """:func:`typeset` in one worker process, started now (it loads Typst while the build loads the cases)."""

    def __init__(self, settings: LeafletSettings) -> None:
        self.settings = settings
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker,
                                         initargs=(os.getpid(),))
        self._pool.submit(typst_version)  # start the process and import Typst

    def submit(self, items: Iterable[Typesetting]) -> list[tuple[str, Future[bytes | None]]]:
        return [(item.name, self._pool.submit(typeset, item, self.settings)) for item in items]

    def gather(self, pending: Iterable[tuple[str, Future[bytes | None]]]) -> dict[str, bytes | None]:
        """Each PDF (or None where it overflowed); the worker's CasecastError is raised here."""
        try:
            return {name: future.result() for name, future in pending}
        except BrokenProcessPool:
            raise BuildError("the typesetting process stopped; run the command again") from None

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


PRINT_NICENESS = 10


def _start_worker(parent: int) -> None:
    """In the worker: end with the build process, and a lower priority, so the build's own work comes first."""
    from ..forked import die_with_parent

    die_with_parent(parent)
    try:
        os.nice(PRINT_NICENESS)
    except OSError:
        pass
