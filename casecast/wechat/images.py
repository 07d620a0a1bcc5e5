"""Body images: figures captioned from the alt text, with local paths kept for uploading to WeChat."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml.html import HtmlElement

from ..body import resolve_local_file
from ..model import Case
from .tree import is_blank, new_element


@dataclass(frozen=True)
class ArticleImage:
    """A local image the article shows; it must be uploaded to WeChat before publishing."""

    src: str  #: the path in the article and in ``wechat/``, e.g. ``images/atm.png``
    source: Path  #: the file in the content folder
    alt: str
    line: int  #: where the case refers to it (0 when unknown)


@dataclass(frozen=True)
class DroppedImage:
    """An image the article cannot show (remote, missing or outside the content folder)."""

    target: str
    line: int
    reason: str


def output_src(path: Path, content_dir: Path) -> str:
    """Where an image from the content folder goes in ``wechat/``: its path inside ``content/``."""
    return path.resolve().relative_to(content_dir.resolve()).as_posix()


def convert_images(root: HtmlElement, case: Case, content_dir: Path) -> tuple[list[ArticleImage], list[DroppedImage]]:
    """Point every image at its copy in ``wechat/`` and make a lone image a captioned figure."""
    lines = {ref.target: ref.line for ref in reversed(case.images)}
    shown: list[ArticleImage] = []
    dropped: list[DroppedImage] = []
    for img in list(root.iter("img")):
        target = img.get("src", "")
        alt = " ".join(img.get("alt", "").split())
        resolved, problem = resolve_local_file(target, case.path, content_dir) if target else (None, "has no usable src")
        if resolved is None:
            dropped.append(DroppedImage(target, lines.get(target, 0), problem or ""))
            _replace_with_text(img, f"（图片：{alt}）" if alt else "")
            continue
        image = ArticleImage(output_src(resolved, content_dir), resolved, alt, lines.get(target, 0))
        shown.append(image)
        _present(img, image)
    return shown, dropped


def _present(img: HtmlElement, image: ArticleImage) -> None:
    for name in list(img.attrib):
        del img.attrib[name]
    img.set("src", image.src)
    img.set("alt", image.alt)
    parent = img.getparent()
    if parent is not None and parent.tag == "p" and _only_child(parent, img):
        figure = new_element("figure", css_class="cc-figure")
        figure.tail = parent.tail
        parent.getparent().replace(parent, figure)
        img.tail = None
        img.set("class", "cc-img")
        figure.append(img)
        if image.alt:
            figure.append(new_element("figcaption", image.alt, "cc-caption"))
    else:
        img.set("class", "cc-inline-img")


def _only_child(parent: HtmlElement, img: HtmlElement) -> bool:
    return len(parent) == 1 and is_blank(parent.text) and is_blank(img.tail)


def _replace_with_text(img: HtmlElement, text: str) -> None:
    span = new_element("span", text)
    span.tail = img.tail
    img.getparent().replace(img, span)
