"""Which cases a command works on: every public case, or the slugs named on the command line.

Every channel that takes slugs (``audio --only``, ``wechat SLUG…``, ``video SLUG…``) selects through
``select_cases``, so a wrong slug reads the same everywhere.
"""

from __future__ import annotations

from typing import Sequence

from .errors import BuildError
from .model import Case, Library
from .suggest import closest_choice


def select_cases(library: Library, slugs: Sequence[str] = (), *, drafts: bool = False,
                 drafts_allowed: bool = True) -> tuple[Case, ...]:
    """The public cases (all with ``drafts``), or just the named ones, each once, in the order named.

    BuildError when a slug names no case, or a case that is not published and ``drafts`` is off;
    ``drafts_allowed`` says whether the command takes ``--drafts`` (the message suggests it only then).
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
            raise BuildError(draft_message(known[slug], drafts_allowed))
        chosen.append(known[slug])
    return tuple(chosen)


def unknown_slug_message(slug: str, library: Library) -> str:
    """没有这个案例, with the closest slug when one is close."""
    match = closest_choice(slug, (case.slug for case in library.cases))
    hint = f"：是不是想写 {match}？" if match else "：请检查拼写（slug 是文件名去掉 .md）"
    return f"没有案例 {slug}（{library.content_dir / 'cases'} 中没有 {slug}.md）{hint}"


def draft_message(case: Case, drafts_allowed: bool) -> str:
    """Why an unpublished case is not selected, and what to do."""
    what = "加 --drafts 生成带草稿横幅的预览，或把 status 改为 published" if drafts_allowed else "这里只用已发布的案例：把 status 改为 published 后再生成"
    return f"案例 {case.slug} 的状态是 {case.status}，尚未发布：{what}"
