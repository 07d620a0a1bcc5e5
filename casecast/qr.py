"""QR codes of the build's public addresses (segno): each address encoded once, its mask remembered.

Most of segno's time goes into choosing the best of the eight masks (the lowest penalty, as
ISO/IEC 18004 asks). The mask an address gets follows from the address, the error level and
segno's version; given that mask, segno applies it alone and draws the very same symbol. So:

- a process encodes each address once (:func:`qr_code` is memoised) and every output reuses it:
  the case page's code is on the page, the leaflet and the booklet;
- the masks are kept in ``.cache/casecast/qr-masks.json`` (:func:`load_masks`, :func:`save_masks`),
  and a full build finds the missing ones for every address at once, spread over the cores
  (:func:`find_masks`), before the site and the printed material draw their codes.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Iterable, Mapping

import segno

from .config import Config
from .memo import Memo, cache_dir, content_key
from .urls import case_page_url, episode_url

ERROR = "m"  #: medium error correction (segno raises it when the symbol has room: boost_error)
MASKS_FILE = "qr-masks.json"
MASKS_VERSION = 1

#: address → mask, known in this process (from the cache file, a worker or an encoding)
_known: dict[str, int] = {}


@lru_cache(maxsize=8192)
def qr_code(url: str) -> segno.QRCode:
    """The QR code of ``url`` (never a Micro QR), with its remembered mask when there is one."""
    code = segno.make(url, error=ERROR, micro=False, mask=_known.get(url))
    _known.setdefault(url, code.mask)
    return code


def qr_svg(url: str) -> str:
    """A standalone SVG document of ``url``'s code, dark on white with a quiet zone (the printed material)."""
    out = io.BytesIO()
    qr_code(url).save(out, kind="svg", scale=4, border=4, dark="#000000", light="#ffffff")
    return out.getvalue().decode("utf-8")


def public_urls(config: Config, slugs: Iterable[str]) -> list[str]:
    """Every address a build draws a code of: each case's page and its episode's MP3."""
    return [url for slug in slugs for url in (case_page_url(config, slug), episode_url(config, slug))]


def find_masks(urls: Iterable[str]) -> dict[str, int]:
    """The mask of each address (encoding those not known yet)."""
    return {url: qr_code(url).mask for url in urls}


def remember_masks(masks: Mapping[str, int]) -> None:
    """Masks found elsewhere (another process, the cache file) for this process's next encodings."""
    for url, mask in masks.items():
        _known.setdefault(url, mask)


def known_masks(urls: Iterable[str]) -> dict[str, int]:
    return {url: _known[url] for url in urls if url in _known}


def _memo(config: Config) -> Memo:
    return Memo(cache_dir(config) / MASKS_FILE, MASKS_VERSION)


def _key(url: str) -> str:
    return content_key("qr mask", segno.__version__, ERROR, url)


def load_masks(config: Config, urls: Iterable[str]) -> list[str]:
    """Remember the cached masks of ``urls``; returns the addresses with none cached."""
    memo, missing = _memo(config), []
    for url in urls:
        mask = memo.get(_key(url)) if url not in _known else _known[url]
        if isinstance(mask, int) and 0 <= mask <= 7:
            _known.setdefault(url, mask)
        else:
            missing.append(url)
    return missing


def save_masks(config: Config, urls: Iterable[str], *, prune: bool = False) -> None:
    """Keep the masks of ``urls`` in the cache file (``prune``: only theirs)."""
    memo = _memo(config)
    for url, mask in known_masks(urls).items():
        if memo.get(_key(url)) != mask:
            memo.put(_key(url), mask)
    memo.save(prune=prune)
