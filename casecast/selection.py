"""Which cases a command works on: every public case, or the slugs named on the command line.

Every channel that takes slugs (``audio --only``, ``wechat SLUG…``, ``video SLUG…``) selects through
``select_cases``, so a wrong slug reads the same everywhere.
"""

from __future__ import annotations

from typing import Sequence

from .errors import BuildError
from .model import Case, Library
from .suggest import closest_choice


def select_cases(library: Library, slugs: Sequence[str] = (), *, drafts: bool = False) -> tuple[Case, ...]:
    """The public cases (all with ``drafts``), or just the named ones, each once, in the order named.

    BuildError when a slug names no case, or a case that is not published and ``drafts`` is off.
    """
    public = library.public(drafts=drafts)
    if not slugs:
        return public
    known = {case.slug: case for case in library.cases}
    chosen = []
    for slug in dict.fromkeys(slugs):
        if slug not in known:
            raise BuildError(unknown_slug_message(slug, library))
        if known[slug] not in public:
            raise BuildError(f"案例 {slug} 的状态是 {known[slug].status}，尚未发布：发布后再生成，或加 --drafts 生成带草稿横幅的预览")
        chosen.append(known[slug])
    return tuple(chosen)


def unknown_slug_message(slug: str, library: Library) -> str:
    """没有这个案例, with the closest slug when one is close."""
    match = closest_choice(slug, (case.slug for case in library.cases))
    hint = f"：是不是想写 {match}？" if match else "：请检查拼写（slug 是文件名去掉 .md）"
    return f"没有案例 {slug}（{library.content_dir / 'cases'} 中没有 {slug}.md）{hint}"
