"""``select_cases``: the one way every channel turns slugs on the command line into cases."""

from __future__ import annotations

from dataclasses import replace

import pytest

from casecast.config import load_config
from casecast.errors import BuildError
from casecast.loader import load_library
from casecast.model import Library
from casecast.selection import select_cases
from content_support import REPO


@pytest.fixture(scope="module")
def library() -> Library:
    loaded, problems = load_library(load_config(REPO / "mkdocs.yml"))
    first = loaded.cases[0]
    return Library((replace(first, status="draft"), *loaded.cases[1:]), loaded.taxonomy, loaded.content_dir)


def test_no_slugs_selects_the_published_cases(library: Library) -> None:
    assert select_cases(library) == library.public()
    assert select_cases(library, drafts=True) == library.cases


def test_named_slugs_come_once_in_the_order_named(library: Library) -> None:
    second, third = library.cases[2].slug, library.cases[1].slug
    assert [c.slug for c in select_cases(library, [second, third, second])] == [second, third]


def test_a_misspelt_slug_names_the_close_one(library: Library) -> None:
    slug = library.cases[1].slug
    with pytest.raises(BuildError, match=f"没有案例 {slug[:-1]}x（.*：是不是想写 {slug}？"):
        select_cases(library, [slug[:-1] + "x"])


def test_an_unknown_slug_says_what_a_slug_is(library: Library) -> None:
    with pytest.raises(BuildError, match="没有案例 zzz-qqq.*请检查拼写"):
        select_cases(library, ["zzz-qqq"])


def test_a_draft_needs_drafts(library: Library) -> None:
    draft = library.cases[0]
    with pytest.raises(BuildError, match=f"案例 {draft.slug} 的状态是 draft，尚未发布：加 --drafts"):
        select_cases(library, [draft.slug])
    assert select_cases(library, [draft.slug], drafts=True) == (draft,)


def test_a_draft_is_not_offered_drafts_where_the_command_never_takes_them(library: Library) -> None:
    draft = library.cases[0]
    with pytest.raises(BuildError) as caught:
        select_cases(library, [draft.slug], drafts_allowed=False)
    assert "把 status 改为 published" in str(caught.value) and "--drafts" not in str(caught.value)
